"""Remembered session and token lookups: served from memory only while the accounts database is unchanged."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from netmap.auth import User
from netmap.auth.accounts import add_user, remove_user
from netmap.auth.db import AccountsDB
from netmap.auth.memo import LookupMemo
from netmap.auth.sessions import create_token, end_session, session_user, start_session, token_user

PASSPHRASE = "a long enough passphrase"


@pytest.fixture
def db(tmp_path: Path) -> AccountsDB:
    database = AccountsDB(tmp_path / "accounts" / "accounts.sqlite3")
    add_user(database, "ana", "editor", PASSPHRASE)
    return database


def remembered(db: AccountsDB, secret: str) -> User:
    """Look the session up twice: the second answer comes from the memo (the test checks it is there)."""
    first = session_user(db, secret)
    assert first is not None and session_user(db, secret) == first
    assert db.lookups._entries, "the lookup was not remembered"
    return first


def test_a_second_lookup_of_a_session_is_served_from_memory(db: AccountsDB) -> None:
    secret = start_session(db, "ana")
    assert remembered(db, secret) == User("ana", "editor")


@pytest.mark.parametrize("change", ["logout", "password reset", "role change", "removal"])
def test_a_remembered_session_ends_with_the_change_that_ends_it(db: AccountsDB, change: str) -> None:
    secret = start_session(db, "ana")
    remembered(db, secret)
    if change == "logout":
        end_session(db, secret)
    elif change == "removal":
        remove_user(db, "ana")
    else:
        add_user(
            db, "ana", "editor" if change == "password reset" else "viewer", "another long passphrase", replace=True
        )
    assert session_user(db, secret) is None


def test_a_remembered_token_follows_a_role_change(db: AccountsDB) -> None:
    _id, token = create_token(db, "ana")
    assert token_user(db, token) == token_user(db, token) == User("ana", "editor")
    add_user(db, "ana", "viewer", PASSPHRASE, replace=True)
    assert token_user(db, token) == User("ana", "viewer")


def test_a_role_change_made_by_another_process_is_seen_at_once(db: AccountsDB) -> None:
    secret = start_session(db, "ana")
    remembered(db, secret)
    script = (
        "import sys; from pathlib import Path; from netmap.auth.db import AccountsDB; "
        "from netmap.auth.accounts import add_user; "
        "add_user(AccountsDB(Path(sys.argv[1])), 'ana', 'viewer', 'another long passphrase', replace=True)"
    )
    subprocess.run([sys.executable, "-c", script, str(db.path)], check=True, env=os.environ.copy())
    assert session_user(db, secret) is None  # a role change ends the user's sessions


def test_an_entry_past_its_session_expiry_is_not_served(db: AccountsDB) -> None:
    secret = start_session(db, "ana")
    remembered(db, secret)
    (key,) = db.lookups._entries
    at = time.time()
    # an entry that would say "admin" if it were used: live, then past its expiry
    db.lookups.put(db.lookups.version(), key, User("ana", "admin"), until=at + 60, touched=at)
    assert session_user(db, secret) == User("ana", "admin")
    db.lookups.put(db.lookups.version(), key, User("ana", "admin"), until=at - 1, touched=at)
    assert session_user(db, secret) == User("ana", "editor")


def test_a_replaced_accounts_file_is_read_again(db: AccountsDB, tmp_path: Path) -> None:
    secret = start_session(db, "ana")
    remembered(db, secret)
    other = AccountsDB(tmp_path / "other.sqlite3")
    add_user(other, "ana", "editor", PASSPHRASE)
    os.replace(other.path, db.path)  # a restored backup: none of the old sessions are in it
    for suffix in ("-wal", "-shm"):
        Path(f"{db.path}{suffix}").unlink(missing_ok=True)
    assert session_user(db, secret) is None


def test_an_answer_read_before_a_change_is_not_kept(db: AccountsDB) -> None:
    memo = LookupMemo(db.path)
    before = memo.version()
    db.set_meta("any", "change")
    memo.put(before, "sessions:x", User("ana", "editor"), until=1e12, touched=0.0)
    assert memo.get("sessions:x", now=1.0) is None
