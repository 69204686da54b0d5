"""Server-side sessions and API tokens: live until ended, and ended by reset, re-role and removal."""

from __future__ import annotations

from pathlib import Path

import pytest

from netmap.auth.accounts import add_user, remove_user
from netmap.auth.db import AccountsDB
from netmap.auth.sessions import (
    SESSION_SECONDS,
    create_token,
    end_session,
    revoke_tokens,
    session_user,
    start_session,
    token_user,
)

PASSPHRASE = "a long enough passphrase"


@pytest.fixture
def db(tmp_path: Path) -> AccountsDB:
    database = AccountsDB(tmp_path / "accounts" / "accounts.sqlite3")
    add_user(database, "ana", "editor", PASSPHRASE)
    return database


def test_logout_ends_only_that_session(db: AccountsDB) -> None:
    first, second = start_session(db, "ana", "10.0.0.1"), start_session(db, "ana", "10.0.0.2")
    assert end_session(db, first) == "ana"
    assert session_user(db, first) is None and session_user(db, second).name == "ana"  # type: ignore[union-attr]
    assert end_session(db, first) is None and end_session(db, None) is None


@pytest.mark.parametrize("change", ["password reset", "role change"])
def test_reset_and_role_change_end_every_session(db: AccountsDB, change: str) -> None:
    sessions = [start_session(db, "ana") for _ in range(3)]
    role = "editor" if change == "password reset" else "viewer"
    add_user(db, "ana", role, "another long passphrase", replace=True)
    assert [session_user(db, s) for s in sessions] == [None, None, None]


def test_removal_ends_sessions_and_tokens(db: AccountsDB) -> None:
    secret = start_session(db, "ana")
    _token_id, token = create_token(db, "ana")
    remove_user(db, "ana")
    assert session_user(db, secret) is None and token_user(db, token) is None
    add_user(db, "ana", "editor", PASSPHRASE)  # a new account of the same name inherits nothing
    assert session_user(db, secret) is None and token_user(db, token) is None


def test_a_session_expires_on_the_server(db: AccountsDB) -> None:
    secret = start_session(db, "ana")
    with db.connect() as con:
        con.execute("UPDATE sessions SET expires_at = expires_at - ?", (SESSION_SECONDS + 1,))
    assert session_user(db, secret) is None


def test_tokens_are_hashed_and_revocable_and_follow_the_role(db: AccountsDB) -> None:
    _id, token = create_token(db, "ana")
    assert token_user(db, token).role == "editor"  # type: ignore[union-attr]
    add_user(db, "ana", "viewer", PASSPHRASE, replace=True)  # a reset keeps tokens; the role follows
    assert token_user(db, token).role == "viewer"  # type: ignore[union-attr]
    assert token_user(db, token + "x") is None and token_user(db, "nm_") is None and token_user(db, None) is None
    assert session_user(db, token) is None  # a token is not a session
    assert revoke_tokens(db, "ana") == 1 and token_user(db, token) is None
    assert revoke_tokens(db, "ana") == 0
