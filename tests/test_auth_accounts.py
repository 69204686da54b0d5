"""Login accounts in the accounts database: add, reset, list, remove, authenticate, file modes."""

from __future__ import annotations

from pathlib import Path

import pytest

from netmap.auth.accounts import add_user, authenticate, get_user, list_users, remove_user
from netmap.auth.db import AccountsDB, accounts_db
from netmap.config import Settings
from netmap.errors import InputError, NotFound


@pytest.fixture
def db(tmp_path: Path) -> AccountsDB:
    return accounts_db(Settings(home=tmp_path / "home"))


def test_add_reset_list_remove_and_authenticate(db: AccountsDB) -> None:
    add_user(db, "ana", "analyst", "password-123-long")
    assert get_user(db, "ana").role == "analyst"  # type: ignore[union-attr]
    assert authenticate(db, "ana", "password-123-long").name == "ana"  # type: ignore[union-attr]
    assert authenticate(db, "ana", "nope") is None and authenticate(db, "ghost", "x") is None
    with pytest.raises(InputError, match="already exists"):
        add_user(db, "ana", "viewer", "password-123-long")
    add_user(db, "ana", "viewer", "password-456-long", replace=True)
    assert get_user(db, "ana").role == "viewer"  # type: ignore[union-attr]
    assert authenticate(db, "ana", "password-123-long") is None
    with db.connect(write=False) as con:
        stored = con.execute("SELECT password_hash FROM users WHERE name = 'ana'").fetchone()[0]
    assert stored.startswith("scrypt:") and "password-456-long" not in stored
    assert list_users(db) == [{"name": "ana", "role": "viewer"}]
    remove_user(db, "ana")
    with pytest.raises(NotFound):
        remove_user(db, "ana")


def test_the_database_is_private_to_its_owner(db: AccountsDB) -> None:
    add_user(db, "ana", "viewer", "a long enough passphrase")
    assert db.path == Path(db.path.parent.parent) / "accounts" / "accounts.sqlite3"
    assert db.path.stat().st_mode & 0o777 == 0o600
    assert db.path.parent.stat().st_mode & 0o777 == 0o700
    for extra in db.path.parent.iterdir():
        assert extra.stat().st_mode & 0o077 == 0, extra


def test_a_deleted_database_file_is_made_again(db: AccountsDB) -> None:
    add_user(db, "ana", "viewer", "a long enough passphrase")
    for path in db.path.parent.iterdir():
        path.unlink()
    assert list_users(db) == []
    assert db.path.stat().st_mode & 0o777 == 0o600
