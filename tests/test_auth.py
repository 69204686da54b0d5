"""Users: roles, password hashing and ``netmap users``."""

from __future__ import annotations

from pathlib import Path

import pytest

from netmap.auth import ROLES, allows, check_password, hash_password, validate_name
from netmap.errors import InputError


def test_roles_are_ordered() -> None:
    assert ROLES == ("viewer", "editor", "analyst", "admin")
    assert allows("admin", "analyst") and allows("analyst", "editor") and allows("editor", "viewer")
    assert not allows("viewer", "editor") and not allows("editor", "analyst") and not allows(None, "viewer")
    assert not allows("root", "viewer")


def test_password_hashing() -> None:
    h = hash_password("long enough pass")
    assert h != "long enough pass" and check_password(h, "long enough pass") and not check_password(h, "wrong")
    assert not check_password(None, "x") and not check_password("garbage", "x")
    with pytest.raises(InputError, match="too short"):
        hash_password("short")
    with pytest.raises(InputError):
        validate_name("has space")


@pytest.mark.neo4j
def test_cli_users(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("users", "add", "maria", "--role", "editor", "--password-stdin", input="s3cret-password\n")
    assert result.exit_code == 0 and "user maria (editor) added" in result.output
    result = cli("users", "add", "maria", "--role", "editor", "--password-stdin", input="s3cret-password\n")
    assert result.exit_code == 1 and "already exists" in result.output
    result = cli("users", "add", "bob", "--role", "editor", input="pw-long-enough-too\npw-long-enough-too\n")
    assert result.exit_code == 0
    result = cli("users", "add", "eve", "--role", "root", "--password-stdin", input="xxxxxxxxxx\n")
    assert result.exit_code == 2
    result = cli("users", "add", "tiny", "--password-stdin", input="abc\n")
    assert result.exit_code == 1 and "too short" in result.output
    listing = cli("users", "list", "--format", "csv")
    assert listing.output.splitlines() == ["name,role", "bob,editor", "maria,editor"]
    assert cli("users", "remove", "bob").exit_code == 0
    missing = cli("users", "remove", "bob")
    assert missing.exit_code == 1 and "no user named 'bob'" in missing.output


def test_the_minimum_password_length_is_fifteen() -> None:
    with pytest.raises(InputError, match="too short \\(14 characters\\) — use at least 15 characters"):
        hash_password("x" * 14)
    assert check_password(hash_password("x" * 15), "x" * 15)


@pytest.mark.neo4j
def test_users_token_is_shown_once_and_revoked(cli) -> None:  # type: ignore[no-untyped-def]
    from netmap.auth.db import AccountsDB
    from netmap.auth.sessions import token_user

    cli("users", "add", "bot", "--role", "viewer", "--password-stdin", input="a long enough passphrase\n")
    made = cli("users", "token", "bot")
    assert made.exit_code == 0, made.output
    secret = made.stdout.strip()
    assert secret.startswith("nm_") and "shown once" in made.stderr
    db = AccountsDB(Path(cli.env["NETMAP_HOME"]) / "accounts" / "accounts.sqlite3")
    assert token_user(db, secret).name == "bot"
    with db.connect(write=False) as con:
        stored = [tuple(r) for r in con.execute("SELECT * FROM tokens")]
    assert len(stored) == 1 and not any(secret in str(v) for v in stored[0])
    revoked = cli("users", "token", "bot", "--revoke")
    assert revoked.output == "revoked 1 token of bot\n" and token_user(db, secret) is None
    missing = cli("users", "token", "ghost")
    assert missing.exit_code == 1 and "no user named 'ghost'" in missing.stderr


@pytest.mark.neo4j
def test_users_log_shows_account_changes_and_logins(cli) -> None:  # type: ignore[no-untyped-def]
    import json

    from netmap.auth.db import AccountsDB
    from netmap.auth.login import log_in

    cli("users", "add", "ana", "--role", "editor", "--password-stdin", input="a long enough passphrase\n")
    db = AccountsDB(Path(cli.env["NETMAP_HOME"]) / "accounts" / "accounts.sqlite3")
    assert log_in(db, "ana", "wrong password here", "10.0.0.7") is None
    assert log_in(db, "ana", "a long enough passphrase", "10.0.0.7") is not None
    rows = json.loads(cli("users", "log", "--format", "json").output)
    assert [(r["event"], r["user"], r["address"]) for r in rows] == [
        ("login", "ana", "10.0.0.7"),
        ("login_failed", "ana", "10.0.0.7"),
        ("user_added", "ana", None),
    ]
    only = cli("users", "log", "--user", "nobody", "--limit", "5")
    assert only.output == "(no rows)\n"
