"""Server-side sessions and API tokens: random secrets handed out once, kept only as SHA-256 hashes.

A browser session is a row in the accounts database; the cookie carries its secret. Logging out
deletes the row, and resetting, re-roling or removing the user deletes all of that user's rows, so a
copied cookie stops working at once. An API token (``netmap users token NAME``) works the same way for
``Authorization: Bearer`` requests until it is revoked or its user removed. Both secrets are 256-bit
random values, so a fast hash is enough: there is nothing to guess.

>>> import tempfile, pathlib
>>> from netmap.auth.accounts import add_user
>>> from netmap.auth.db import AccountsDB
>>> db = AccountsDB(pathlib.Path(tempfile.mkdtemp()) / "a.sqlite3")
>>> _ = add_user(db, "ana", "viewer", "a long enough passphrase")
>>> secret = start_session(db, "ana")
>>> session_user(db, secret)
User(name='ana', role='viewer')
>>> end_session(db, secret), session_user(db, secret)
('ana', None)
"""

from __future__ import annotations

import hashlib
import math
import secrets
from typing import Any

from netmap.auth import User
from netmap.auth.audit import record
from netmap.auth.changes import record_account_change
from netmap.auth.db import AccountsDB, now
from netmap.errors import NotFound

__all__ = [
    "SESSION_SECONDS",
    "create_token",
    "end_session",
    "list_tokens",
    "revoke_tokens",
    "session_user",
    "start_session",
    "token_user",
]

#: A session ends this long after login, whatever happens (the cookie's own lifetime is the same).
SESSION_SECONDS = 12 * 3600
#: ``last_seen`` / ``last_used`` are written at most this often per session or token.
TOUCH_SECONDS = 60
TOKEN_PREFIX = "nm_"  # noqa: S105 (a prefix, not a secret)


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def start_session(db: AccountsDB, name: str, address: str | None = None) -> str:
    """A new session for the user; returns its secret (for the cookie) and logs the login."""
    secret = secrets.token_urlsafe(32)
    at = now()
    with db.connect() as con:
        con.execute("DELETE FROM sessions WHERE expires_at < ?", (at,))
        con.execute(
            "INSERT INTO sessions (id_hash, user, created_at, expires_at, last_seen, address) VALUES (?, ?, ?, ?, ?, ?)",
            (_digest(secret), name, at, at + SESSION_SECONDS, at, address),
        )
        record(con, "login", name, address)
    return secret


def session_user(db: AccountsDB, secret: str | None) -> User | None:
    """The user of a live session, or None (unknown, ended or expired)."""
    return _lookup(db, "sessions", "id_hash", "last_seen", secret, "AND s.expires_at > :now")


def end_session(db: AccountsDB, secret: str | None, address: str | None = None) -> str | None:
    """End one session (logout); returns its user, or None when it was not live."""
    if not secret:
        return None
    with db.connect() as con:
        row = con.execute("DELETE FROM sessions WHERE id_hash = ? RETURNING user", (_digest(secret),)).fetchone()
        if row is None:
            return None
        record(con, "logout", row["user"], address)
    return str(row["user"])


def create_token(db: AccountsDB, name: str, *, by: str | None = None) -> tuple[str, str]:
    """A new API token for the user: ``(token id, secret)``. The secret is shown once and not kept."""
    token_id = secrets.token_hex(4)
    secret = f"{TOKEN_PREFIX}{secrets.token_urlsafe(32)}"
    with db.connect() as con:
        if con.execute("SELECT 1 FROM users WHERE name = ?", (name,)).fetchone() is None:
            raise NotFound(f"no user named {name!r}", "see 'netmap users list'")
        con.execute(
            "INSERT INTO tokens (id, user, token_hash, created_at) VALUES (?, ?, ?, ?)",
            (token_id, name, _digest(secret), now()),
        )
        record(con, "token_created", name, detail=f"token {token_id}")
        record_account_change(con, name, "token", None, token_id, by)
    return token_id, secret


def revoke_tokens(db: AccountsDB, name: str, *, by: str | None = None) -> int:
    """Revoke every API token of the user; returns how many there were."""
    with db.connect() as con:
        if con.execute("SELECT 1 FROM users WHERE name = ?", (name,)).fetchone() is None:
            raise NotFound(f"no user named {name!r}", "see 'netmap users list'")
        ids = [r["id"] for r in con.execute("DELETE FROM tokens WHERE user = ? RETURNING id", (name,))]
        if ids:
            record(con, "token_revoked", name, detail="token " + ", ".join(sorted(ids)))
            record_account_change(con, name, "token", ", ".join(sorted(ids)), None, by)
    return len(ids)


def list_tokens(db: AccountsDB, name: str) -> list[dict[str, Any]]:
    with db.connect(write=False) as con:
        return [
            dict(r)
            for r in con.execute(
                "SELECT id, created_at, last_used FROM tokens WHERE user = ? ORDER BY created_at", (name,)
            )
        ]


def token_user(db: AccountsDB, secret: str | None) -> User | None:
    """The user of a live API token, or None."""
    if not secret or not secret.startswith(TOKEN_PREFIX):
        return None
    return _lookup(db, "tokens", "token_hash", "last_used", secret, "")


def _lookup(db: AccountsDB, table: str, key: str, touched: str, secret: str | None, live: str) -> User | None:
    """The user of a secret: from :attr:`AccountsDB.lookups` while the database is unchanged (and the
    entry needs no ``touched`` write), else from the database, then remembered."""
    if not secret or len(secret) > 200:
        return None
    at = now()
    params = {"digest": _digest(secret), "now": at}
    memo_key = f"{table}:{params['digest']}"
    remembered = db.lookups.get(memo_key, now=at)
    if remembered is not None and at - remembered[1] <= TOUCH_SECONDS:
        return remembered[0]
    version = db.lookups.version()
    until = "s.expires_at" if table == "sessions" else "NULL"
    sql = (
        f"SELECT u.name AS name, u.role AS role, s.{touched} AS touched, {until} AS until FROM {table} s "  # noqa: S608 (fixed names)
        f"JOIN users u ON u.name = s.user WHERE s.{key} = :digest {live}"
    )
    with db.connect(write=False) as con:
        row = con.execute(sql, params).fetchone()
    if row is None:
        return None
    user = User(row["name"], row["role"])
    if row["touched"] is None or at - row["touched"] > TOUCH_SECONDS:
        with db.connect() as con:
            con.execute(f"UPDATE {table} SET {touched} = :now WHERE {key} = :digest", params)  # noqa: S608
        return user  # that write changed the database: the next lookup remembers it
    db.lookups.put(version, memo_key, user, until=row["until"] or math.inf, touched=row["touched"])
    return user
