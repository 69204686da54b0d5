"""Login accounts an older netmap kept in the graph as ``(:User {name, role, passwordHash})``.

Read once to move them into the accounts database (:mod:`netmap.auth.migrate`), then deleted with
their uniqueness constraint, so no Cypher query can reach a password hash any more.
"""

from __future__ import annotations

from typing import Any

from netmap.store.connection import Connection

__all__ = ["delete_legacy_users", "legacy_users"]


def legacy_users(store: Connection) -> list[dict[str, Any]]:
    return store.execute_read(
        "MATCH (u:User) RETURN u.name AS name, u.role AS role, u.passwordHash AS hash ORDER BY name"
    )


def delete_legacy_users(store: Connection) -> int:
    """Delete every ``:User`` node and the constraint an older schema made for them."""
    rows = store.execute_write("MATCH (u:User) DETACH DELETE u RETURN count(*) AS n")
    store.execute_write("DROP CONSTRAINT user_name IF EXISTS")
    return int(rows[0]["n"]) if rows else 0
