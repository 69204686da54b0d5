"""Users of the web app, stored as ``(:User {name, passwordHash, role})`` nodes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from netmap.auth import User, check_password, hash_password, validate_name, validate_role
from netmap.errors import InputError, NotFound
from netmap.store.schema import ensure_schema_once

if TYPE_CHECKING:
    from netmap.store.connection import Connection

__all__ = ["add_user", "authenticate", "get_user", "list_users", "remove_user"]


def add_user(store: Connection, name: str, role: str, password: str, *, replace: bool = False) -> User:
    """Create a user (or, with ``replace``, reset the role and password of an existing one)."""
    name = validate_name(name)
    validate_role(role)
    password_hash = hash_password(password)
    ensure_schema_once(store)
    if not replace and get_user(store, name) is not None:
        raise InputError("user", f"{name!r} already exists", "remove it first or pass --replace")
    store.execute_write(
        """
        MERGE (u:User {name: $name})
        SET u.passwordHash = $hash, u.role = $role, u.updatedAt = datetime()
        """,
        {"name": name, "hash": password_hash, "role": role},
    )
    return User(name, role)


def get_user(store: Connection, name: str) -> User | None:
    rows = store.execute_read("MATCH (u:User {name: $name}) RETURN u.name AS name, u.role AS role", {"name": name})
    return User(rows[0]["name"], rows[0]["role"]) if rows else None


def authenticate(store: Connection, name: str, password: str) -> User | None:
    """The user when the password matches, else None (same answer for unknown users)."""
    rows = store.execute_read(
        "MATCH (u:User {name: $name}) RETURN u.name AS name, u.role AS role, u.passwordHash AS hash",
        {"name": name or ""},
    )
    if not rows:
        check_password(_DUMMY_HASH, password)  # spend the same time as a real check
        return None
    row = rows[0]
    return User(row["name"], row["role"]) if check_password(row["hash"], password) else None


def list_users(store: Connection) -> list[dict[str, Any]]:
    return store.execute_read("MATCH (u:User) RETURN u.name AS name, u.role AS role ORDER BY name")


def remove_user(store: Connection, name: str) -> None:
    rows = store.execute_write("MATCH (u:User {name: $name}) DELETE u RETURN count(*) AS n", {"name": name})
    if not rows or not rows[0]["n"]:
        raise NotFound(f"no user named {name!r}", "see 'netmap users list'")


_DUMMY_HASH = (
    "scrypt:32768:8:1$dummysaltdummysa$"
    "5d4e2c0c8b0a6f5e7c3b2a1908f7e6d5c4b3a29180f7e6d5c4b3a2918f7e6d5c4b3a2918f7e6d5c4b3a2918f7e6d5c4b3a2918f7e6d5c4b3a29180"
)
