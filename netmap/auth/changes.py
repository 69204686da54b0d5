"""The history of user administration: accounts added, roles changed, passwords reset, users removed,
API tokens made and revoked, as who, when, what, before → after (``netmap history``).

It lives in the accounts database, next to the accounts it describes, not in the graph: the graph is
open to analysts' Cypher and to a restore from a dump, the accounts are not, and a role change must be
recorded in the same transaction as the change itself. Unlike the audit trail of logins, it is never
pruned.

>>> import tempfile, pathlib
>>> from netmap.auth.db import AccountsDB
>>> db = AccountsDB(pathlib.Path(tempfile.mkdtemp()) / "a.sqlite3")
>>> with db.connect() as con:
...     record_account_change(con, "ana", "role", None, "editor", "lead")
>>> [(c["name"], c["field"], c["before"], c["after"], c["by"]) for c in account_changes(db)]
[('ana', 'role', None, 'editor', 'lead')]
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import Any

from netmap.auth.db import AccountsDB, now

__all__ = ["account_changes", "record_account_change"]


def record_account_change(
    con: sqlite3.Connection, user: str, field: str, before: str | None, after: str | None, by: str | None
) -> None:
    """Add a change of ``user``'s account inside the caller's transaction."""
    con.execute(
        "INSERT INTO account_changes (at, user, field, before, after, by) VALUES (?, ?, ?, ?, ?, ?)",
        (now(), user, field, before, after, by or "unknown"),
    )


def account_changes(
    db: AccountsDB, *, since: str | None = None, user: str | None = None, limit: int = 1000
) -> list[dict[str, Any]]:
    """Account changes, newest first, shaped as the graph's history rows (kind ``user``, the account
    name as ``name``); ``since`` is an ISO datetime (:func:`netmap.store.history.parse_since`)."""
    sql = "SELECT id, at, user, field, before, after, by FROM account_changes WHERE at >= ?"
    params: list[Any] = [dt.datetime.fromisoformat(since).timestamp() if since else 0.0]
    if user:
        sql += " AND user = ?"
        params.append(user)
    sql += " ORDER BY at DESC, id DESC LIMIT ?"
    params.append(limit)
    with db.connect(write=False) as con:
        rows = [dict(r) for r in con.execute(sql, params)]
    return [
        {
            "id": f"account-{r['id']}",
            "at": dt.datetime.fromtimestamp(r["at"], dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "actor": None,
            "name": r["user"],
            "kind": "user",
            "field": r["field"],
            "before": r["before"],
            "after": r["after"],
            "by": r["by"],
            "detail": None,
        }
        for r in rows
    ]
