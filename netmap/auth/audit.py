"""The audit trail: logins, failed and refused attempts, logouts and account changes, kept in the
accounts database and shown by ``netmap users log``.

Events: ``login``, ``login_failed``, ``login_throttled``, ``logout``, ``user_added``, ``user_reset``,
``user_removed``, ``user_migrated``, ``token_created``, ``token_revoked``.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from typing import Any

from netmap.auth.db import AccountsDB, now

__all__ = ["log_event", "record", "recent"]

#: Audit rows older than this many days are pruned when a new one is written.
KEEP_DAYS = 365


def record(
    con: sqlite3.Connection, event: str, user: str | None, address: str | None = None, detail: str | None = None
) -> None:
    """Add an event inside the caller's transaction."""
    con.execute(
        "INSERT INTO audit (at, event, user, address, detail) VALUES (?, ?, ?, ?, ?)",
        (now(), event, user, address, detail),
    )


def log_event(
    db: AccountsDB, event: str, user: str | None, address: str | None = None, detail: str | None = None
) -> None:
    """Add an event in a transaction of its own, pruning rows past :data:`KEEP_DAYS`."""
    with db.connect() as con:
        record(con, event, user, address, detail)
        con.execute("DELETE FROM audit WHERE at < ?", (now() - KEEP_DAYS * 86400,))


def recent(db: AccountsDB, *, limit: int = 50, user: str | None = None) -> list[dict[str, Any]]:
    """The latest events, newest first, with the time in UTC (``2026-12-02 23:40:01``)."""
    sql = "SELECT at, event, user, address, detail FROM audit"
    params: list[Any] = []
    if user:
        sql += " WHERE user = ?"
        params.append(user)
    sql += " ORDER BY id DESC LIMIT ?"
    params.append(limit)
    with db.connect(write=False) as con:
        rows = [dict(r) for r in con.execute(sql, params)]
    for row in rows:
        row["at"] = datetime.fromtimestamp(row["at"], UTC).strftime("%Y-%m-%d %H:%M:%S")
    return rows
