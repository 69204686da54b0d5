"""Moving the login accounts an older netmap kept in Neo4j into the accounts database.

Idempotent: an account already in the accounts database is kept as it is (it is the newer one); the
graph's copy is deleted either way. Run by every command that reaches the graph and by the web app on
its first request, so the hashes leave the graph before anyone can query it.
"""

from __future__ import annotations

from netmap.auth import ROLES
from netmap.auth.audit import record
from netmap.auth.db import AccountsDB, now
from netmap.store.connection import Connection
from netmap.store.legacy_users import delete_legacy_users, legacy_users

__all__ = ["migrate_graph_accounts"]

CHECKED = "graph_accounts_checked_at"


def migrate_graph_accounts(db: AccountsDB, store: Connection) -> int:
    """Copy ``(:User)`` nodes into ``db`` and delete them from the graph; returns how many were copied."""
    found = legacy_users(store)
    copied = 0
    if found:
        at = now()
        with db.connect() as con:
            for row in found:
                if not row["name"] or not row["hash"]:
                    continue
                role = row["role"] if row["role"] in ROLES else "viewer"
                cursor = con.execute(
                    "INSERT INTO users (name, role, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?) "
                    "ON CONFLICT(name) DO NOTHING",
                    (row["name"], role, row["hash"], at, at),
                )
                if cursor.rowcount:
                    copied += 1
                    record(con, "user_migrated", row["name"], detail=f"role {role}; moved out of the graph")
        delete_legacy_users(store)
    db.set_meta(CHECKED, str(now()))
    return copied
