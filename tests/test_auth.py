"""Users: roles, password hashing, the store functions and ``netmap users``."""

from __future__ import annotations

import pytest

from netmap.auth import ROLES, allows, check_password, hash_password, validate_name
from netmap.errors import InputError, NotFound


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
def test_store_users(store) -> None:  # type: ignore[no-untyped-def]
    from netmap.store.users import add_user, authenticate, get_user, list_users, remove_user

    add_user(store, "ana", "analyst", "password-123")
    assert get_user(store, "ana").role == "analyst"
    assert authenticate(store, "ana", "password-123").name == "ana"
    assert authenticate(store, "ana", "nope") is None and authenticate(store, "ghost", "x") is None
    with pytest.raises(InputError, match="already exists"):
        add_user(store, "ana", "viewer", "password-123")
    add_user(store, "ana", "viewer", "password-456", replace=True)
    assert get_user(store, "ana").role == "viewer"
    rows = store.execute_read("MATCH (u:User {name: 'ana'}) RETURN u.passwordHash AS h")
    assert "password-456" not in rows[0]["h"]
    assert list_users(store) == [{"name": "ana", "role": "viewer"}]
    remove_user(store, "ana")
    with pytest.raises(NotFound):
        remove_user(store, "ana")


@pytest.mark.neo4j
def test_cli_users(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("users", "add", "maria", "--role", "editor", "--password-stdin", input="s3cret-password\n")
    assert result.exit_code == 0 and "user maria (editor) added" in result.output
    result = cli("users", "add", "maria", "--role", "editor", "--password-stdin", input="s3cret-password\n")
    assert result.exit_code == 1 and "already exists" in result.output
    result = cli("users", "add", "bob", "--role", "editor", input="pw-long-enough\npw-long-enough\n")
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
