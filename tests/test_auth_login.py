"""Logging in: per-account and per-address throttling with a retry time, and the audit trail."""

from __future__ import annotations

from pathlib import Path

import pytest

from netmap.auth.accounts import add_user
from netmap.auth.audit import recent
from netmap.auth.db import AccountsDB
from netmap.auth.login import ACCOUNT_LIMIT, ADDRESS_LIMIT, WINDOW_SECONDS, LoginThrottled, log_in

PASSPHRASE = "a long enough passphrase"


@pytest.fixture
def db(tmp_path: Path) -> AccountsDB:
    database = AccountsDB(tmp_path / "accounts" / "accounts.sqlite3")
    for name in ("ana", "bob"):
        add_user(database, name, "viewer", PASSPHRASE)
    return database


def _age_failures(db: AccountsDB, seconds: float) -> None:
    with db.connect() as con:
        con.execute("UPDATE audit SET at = at - ? WHERE event = 'login_failed'", (seconds,))


def test_an_account_is_throttled_after_repeated_failures_even_with_the_right_password(db: AccountsDB) -> None:
    for i in range(ACCOUNT_LIMIT):
        assert log_in(db, "ana", "wrong", f"10.0.0.{i}") is None
    with pytest.raises(LoginThrottled) as refused:
        log_in(db, "ana", PASSPHRASE, "10.0.0.99")
    assert WINDOW_SECONDS - 60 < refused.value.seconds <= WINDOW_SECONDS
    assert str(refused.value) == "too many failed logins — wait 15 minutes and try again"
    assert log_in(db, "bob", PASSPHRASE, "10.0.0.99") is not None  # other accounts are not affected
    _age_failures(db, WINDOW_SECONDS)
    assert log_in(db, "ana", PASSPHRASE, "10.0.0.99") is not None


def test_a_successful_login_clears_the_account_count(db: AccountsDB) -> None:
    for _ in range(ACCOUNT_LIMIT - 1):
        log_in(db, "ana", "wrong", "10.0.0.1")
    assert log_in(db, "ana", PASSPHRASE, "10.0.0.1") is not None
    assert log_in(db, "ana", "wrong", "10.0.0.1") is None
    assert log_in(db, "ana", PASSPHRASE, "10.0.0.1") is not None


def test_an_address_is_throttled_whatever_names_it_tries(db: AccountsDB) -> None:
    for i in range(ADDRESS_LIMIT):
        assert log_in(db, f"guess{i}", "wrong", "10.9.9.9") is None
    with pytest.raises(LoginThrottled):
        log_in(db, "bob", PASSPHRASE, "10.9.9.9")
    assert log_in(db, "bob", PASSPHRASE, "10.0.0.2") is not None


def test_refused_attempts_are_logged_and_do_not_extend_the_wait(db: AccountsDB) -> None:
    for _ in range(ACCOUNT_LIMIT):
        log_in(db, "ana", "wrong", "10.0.0.1")
    _age_failures(db, WINDOW_SECONDS - 30)
    for _ in range(3):
        with pytest.raises(LoginThrottled) as refused:
            log_in(db, "ana", "wrong", "10.0.0.1")
        assert refused.value.seconds <= 30
    events = [r["event"] for r in recent(db, user="ana")]
    assert events[:3] == ["login_throttled"] * 3 and events.count("login_failed") == ACCOUNT_LIMIT
