"""Login accounts in the accounts database: add, reset, list, remove, check a password.

Resetting a password, changing a role or removing a user ends every session of that user at once
(the session rows go; a cookie that named one no longer finds it).

>>> import tempfile, pathlib
>>> from netmap.auth.db import AccountsDB
>>> db = AccountsDB(pathlib.Path(tempfile.mkdtemp()) / "a.sqlite3")
>>> add_user(db, "ana", "analyst", "a long enough passphrase")
User(name='ana', role='analyst')
>>> authenticate(db, "ana", "a long enough passphrase"), authenticate(db, "ana", "wrong")
(User(name='ana', role='analyst'), None)
"""

from __future__ import annotations

from typing import Any

from netmap.auth import User, check_password, hash_password, validate_name, validate_role
from netmap.auth.audit import record
from netmap.auth.changes import record_account_change
from netmap.auth.db import AccountsDB, now
from netmap.errors import InputError, NotFound

__all__ = ["add_user", "authenticate", "get_user", "list_users", "remove_user"]


def add_user(
    db: AccountsDB, name: str, role: str, password: str, *, replace: bool = False, by: str | None = None
) -> User:
    """Create a user (or, with ``replace``, reset the role and password of an existing one and end its
    sessions); ``by`` (who did it) goes into the history of user administration."""
    name = validate_name(name)
    validate_role(role)
    password_hash = hash_password(password)
    at = now()
    with db.connect() as con:
        was = con.execute("SELECT role FROM users WHERE name = ?", (name,)).fetchone()
        exists = was is not None
        if exists and not replace:
            raise InputError("user", f"{name!r} already exists", "remove it first or pass --replace")
        con.execute(
            "INSERT INTO users (name, role, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT(name) DO UPDATE SET role = excluded.role, password_hash = excluded.password_hash, "
            "updated_at = excluded.updated_at",
            (name, role, password_hash, at, at),
        )
        ended = con.execute("DELETE FROM sessions WHERE user = ?", (name,)).rowcount
        event = "user_reset" if exists else "user_added"
        record(con, event, name, detail=f"role {role}" + (f"; {ended} session(s) ended" if ended else ""))
        record_account_change(con, name, "role", was["role"] if was else None, role, by)
        if exists:
            record_account_change(con, name, "password", None, "reset", by)
    return User(name, role)


def get_user(db: AccountsDB, name: str) -> User | None:
    with db.connect(write=False) as con:
        row = con.execute("SELECT name, role FROM users WHERE name = ?", (name,)).fetchone()
    return User(row["name"], row["role"]) if row else None


def authenticate(db: AccountsDB, name: str, password: str) -> User | None:
    """The user when the password matches, else None (the same answer, and time, for unknown users)."""
    with db.connect(write=False) as con:
        row = con.execute("SELECT name, role, password_hash FROM users WHERE name = ?", (name or "",)).fetchone()
    if row is None:
        check_password(_DUMMY_HASH, password)  # spend the same time as a real check
        return None
    return User(row["name"], row["role"]) if check_password(row["password_hash"], password) else None


def list_users(db: AccountsDB) -> list[dict[str, Any]]:
    with db.connect(write=False) as con:
        return [dict(r) for r in con.execute("SELECT name, role FROM users ORDER BY name")]


def remove_user(db: AccountsDB, name: str, *, by: str | None = None) -> None:
    """Remove the user; its sessions and tokens go with it."""
    with db.connect() as con:
        was = con.execute("SELECT role FROM users WHERE name = ?", (name,)).fetchone()
        if was is None or not con.execute("DELETE FROM users WHERE name = ?", (name,)).rowcount:
            raise NotFound(f"no user named {name!r}", "see 'netmap users list'")
        record(con, "user_removed", name)
        record_account_change(con, name, "role", was["role"], None, by)


_DUMMY_HASH = (
    "scrypt:32768:8:1$dummysaltdummysa$"
    "5d4e2c0c8b0a6f5e7c3b2a1908f7e6d5c4b3a29180f7e6d5c4b3a2918f7e6d5c4b3a2918f7e6d5c4b3a2918f7e6d5c4b3a2918f7e6d5c4b3a29180"
)
