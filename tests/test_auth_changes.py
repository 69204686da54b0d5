"""The history of user administration in the accounts database: role before → after, who did it,
password resets, removals and API tokens; never pruned with the login audit trail."""

from __future__ import annotations

from pathlib import Path

import pytest

from netmap.auth.accounts import add_user, remove_user
from netmap.auth.changes import account_changes
from netmap.auth.db import AccountsDB, accounts_db
from netmap.auth.sessions import create_token, revoke_tokens
from netmap.config import Settings

PASSWORD = "a long enough passphrase"


@pytest.fixture
def db(tmp_path: Path) -> AccountsDB:
    return accounts_db(Settings(home=tmp_path / "home"))


def _what(db: AccountsDB) -> list[tuple[str, str, str | None, str | None, str]]:
    return [(c["name"], c["field"], c["before"], c["after"], c["by"]) for c in reversed(account_changes(db))]


def test_every_account_change_is_recorded_with_before_after_and_who(db: AccountsDB) -> None:
    add_user(db, "ana", "viewer", PASSWORD, by="lead")
    add_user(db, "ana", "editor", PASSWORD, replace=True, by="lead")
    token_id, _secret = create_token(db, "ana", by="lead")
    revoke_tokens(db, "ana", by="it")
    remove_user(db, "ana", by="it")
    assert _what(db) == [
        ("ana", "role", None, "viewer", "lead"),
        ("ana", "role", "viewer", "editor", "lead"),
        ("ana", "password", None, "reset", "lead"),
        ("ana", "token", None, token_id, "lead"),
        ("ana", "token", token_id, None, "it"),
        ("ana", "role", "editor", None, "it"),
    ]
    newest = account_changes(db)[0]
    assert newest["kind"] == "user" and newest["actor"] is None and newest["at"].endswith("Z")


def test_a_refused_change_leaves_no_record(db: AccountsDB) -> None:
    add_user(db, "ana", "viewer", PASSWORD)
    with pytest.raises(Exception, match="already exists"):
        add_user(db, "ana", "admin", PASSWORD)
    with pytest.raises(Exception, match="too short"):
        add_user(db, "bea", "admin", "short")
    assert _what(db) == [("ana", "role", None, "viewer", "unknown")]


def test_changes_are_listed_since_a_date_and_for_one_user(db: AccountsDB) -> None:
    add_user(db, "ana", "viewer", PASSWORD)
    add_user(db, "bea", "viewer", PASSWORD)
    assert [c["name"] for c in account_changes(db, user="bea")] == ["bea"]
    assert account_changes(db, since="2999-01-01T00:00:00+00:00") == []
    assert len(account_changes(db, since="2000-01-01T00:00:00+00:00")) == 2
