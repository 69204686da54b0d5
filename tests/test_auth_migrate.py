"""Moving the accounts an older netmap kept in Neo4j into the accounts database, once and for good."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from werkzeug.security import generate_password_hash

from netmap.auth.accounts import authenticate, list_users
from netmap.auth.audit import recent
from netmap.auth.db import AccountsDB
from netmap.auth.migrate import migrate_graph_accounts

pytestmark = pytest.mark.neo4j


def _old_add_user(store: Any, name: str, role: str, password: str) -> None:
    """What ``netmap users add`` did before accounts left the graph (netmap.store.users.add_user)."""
    store.execute_write("CREATE CONSTRAINT user_name IF NOT EXISTS FOR (n:User) REQUIRE n.name IS UNIQUE")
    store.execute_write(
        """
        MERGE (u:User {name: $name})
        SET u.passwordHash = $hash, u.role = $role, u.updatedAt = datetime()
        """,
        {"name": name, "hash": generate_password_hash(password), "role": role},
    )


def test_accounts_move_out_of_the_graph_and_still_log_in(store: Any, tmp_path: Path) -> None:
    _old_add_user(store, "amina", "admin", "old-short-pw")
    _old_add_user(store, "bo", "viewer", "another old password")
    store.execute_write("CREATE (:Entity:Actor {id: 'a1', name: 'A'})")
    db = AccountsDB(tmp_path / "accounts" / "accounts.sqlite3")
    assert migrate_graph_accounts(db, store) == 2
    assert list_users(db) == [{"name": "amina", "role": "admin"}, {"name": "bo", "role": "viewer"}]
    assert authenticate(db, "amina", "old-short-pw").role == "admin"  # type: ignore[union-attr]
    assert store.execute_read("MATCH (n) WHERE 'User' IN labels(n) RETURN count(n) AS n") == [{"n": 0}]
    hashes = store.execute_read("MATCH (n) UNWIND keys(n) AS k WITH n, k WHERE k = 'passwordHash' RETURN count(*) AS n")
    assert hashes == [{"n": 0}]
    constraints = store.execute_read("SHOW CONSTRAINTS YIELD name RETURN collect(name) AS names")[0]["names"]
    assert "user_name" not in constraints
    assert store.execute_read("MATCH (a:Actor) RETURN a.id AS id") == [{"id": "a1"}]
    assert [r["event"] for r in recent(db)] == ["user_migrated", "user_migrated"]


def test_migrating_again_changes_nothing_and_never_overwrites_a_newer_account(store: Any, tmp_path: Path) -> None:
    from netmap.auth.accounts import add_user

    db = AccountsDB(tmp_path / "accounts" / "accounts.sqlite3")
    _old_add_user(store, "amina", "admin", "old-short-pw")
    assert migrate_graph_accounts(db, store) == 1
    assert migrate_graph_accounts(db, store) == 0
    add_user(db, "amina", "editor", "a brand new passphrase", replace=True)
    _old_add_user(store, "amina", "admin", "old-short-pw")  # e.g. an old dump loaded again
    assert migrate_graph_accounts(db, store) == 0
    assert list_users(db) == [{"name": "amina", "role": "editor"}]
    assert authenticate(db, "amina", "old-short-pw") is None
    assert store.execute_read("MATCH (u:User) RETURN count(u) AS n") == [{"n": 0}]


def test_any_command_that_reaches_the_graph_moves_them_first(cli: Any, store: Any) -> None:
    _old_add_user(store, "amina", "analyst", "old-short-pw")
    result = cli("query", "MATCH (n) RETURN count(n) AS n", "--format", "csv")
    assert result.output == "n\n0\n"
    listing = cli("users", "list", "--format", "csv")
    assert listing.output.splitlines() == ["name,role", "amina,analyst"]
