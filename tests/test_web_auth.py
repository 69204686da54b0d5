# ruff: noqa: F811  (pytest fixtures imported from tests.web_fixtures)
"""Login, sessions and API tokens through the web app (Flask test client over a real Neo4j)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from netmap.auth.accounts import add_user, remove_user
from netmap.auth.db import AccountsDB, accounts_db
from netmap.auth.login import ACCOUNT_LIMIT
from netmap.auth.sessions import create_token
from netmap.config import Settings
from tests.web_fixtures import PASSWORD, ROLES, csrf_token, login, make_app, web_store  # noqa: F401

pytestmark = pytest.mark.neo4j


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("auth-home")


@pytest.fixture(scope="module")
def accounts(home: Path) -> AccountsDB:
    db = accounts_db(Settings(home=home))
    for role in ROLES:
        add_user(db, role, role, PASSWORD, replace=True)
    return db


@pytest.fixture(scope="module")
def app(web_store: Any, neo4j_settings: Settings, home: Path, accounts: AccountsDB) -> Any:
    return make_app(neo4j_settings.with_overrides(home=home), web_store)


def _copy_cookie(source: Any, target: Any) -> None:
    cookie = source.get_cookie("netmap_session")
    assert cookie is not None
    target.set_cookie("netmap_session", cookie.value)


def _client_from(app: Any, address: str) -> Any:
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def _works(client: Any) -> bool:
    return client.get("/api/search?q=unh").status_code == 200


def test_a_cookie_copied_before_logout_no_longer_works(app: Any) -> None:
    client = login(app.test_client(), "viewer")
    thief = app.test_client()
    _copy_cookie(client, thief)
    assert _works(thief)
    token = csrf_token(client, "/")
    assert client.post("/logout", data={"csrf_token": token}).status_code == 302
    assert not _works(thief) and not _works(client)
    page = thief.get("/")
    assert page.status_code == 302 and "/login" in page.headers["Location"]


def test_other_sessions_of_the_user_survive_a_logout(app: Any) -> None:
    first, second = login(app.test_client(), "viewer"), login(app.test_client(), "viewer")
    first.post("/logout", data={"csrf_token": csrf_token(first, "/")})
    assert _works(second)


@pytest.mark.parametrize("change", ["password reset", "role change", "removal"])
def test_a_cookie_copied_before_a_reset_role_change_or_removal_no_longer_works(
    app: Any, accounts: AccountsDB, change: str
) -> None:
    add_user(accounts, "victim", "editor", PASSWORD, replace=True)
    client = login(app.test_client(), "victim")
    thief = app.test_client()
    _copy_cookie(client, thief)
    assert _works(thief)
    if change == "password reset":
        add_user(accounts, "victim", "editor", "a brand new passphrase", replace=True)
    elif change == "role change":
        add_user(accounts, "victim", "viewer", PASSWORD, replace=True)
    else:
        remove_user(accounts, "victim")
    assert not _works(thief) and not _works(client)


def test_a_cookie_from_before_server_side_sessions_is_refused(app: Any) -> None:
    client = app.test_client()
    with client.session_transaction() as sess:
        sess["user"] = "admin"  # what an older netmap signed into the cookie
    assert not _works(client)


def test_repeated_failures_get_a_429_with_retry_after_and_a_friendly_page(app: Any, accounts: AccountsDB) -> None:
    add_user(accounts, "target", "viewer", PASSWORD, replace=True)
    client = _client_from(app, "10.20.30.40")
    token = csrf_token(client)
    for _ in range(ACCOUNT_LIMIT):
        bad = client.post("/login", data={"name": "target", "password": "guess", "csrf_token": token})
        assert bad.status_code == 401
    right = client.post("/login", data={"name": "target", "password": PASSWORD, "csrf_token": token})
    assert right.status_code == 429
    assert 800 < int(right.headers["Retry-After"]) <= 900
    page = right.get_data(as_text=True)
    assert "Too many failed logins: wait 15 minutes and try again." in page and 'name="password"' in page
    assert "Traceback" not in page
    other = login(_client_from(app, "10.20.30.40"), "viewer")
    assert _works(other)  # the address is not blocked by one account's failures


@pytest.mark.parametrize(
    "target", ["/%09/evil.example", "//evil.example", "/%5Cevil.example", "/%0A/evil", "/%0D%0ALocation:x", "https://x"]
)
def test_next_never_leaves_the_site_and_never_fails(app: Any, target: str) -> None:
    client = app.test_client()
    token = csrf_token(client)
    response = client.post(f"/login?next={target}", data={"name": "viewer", "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 302 and response.headers["Location"] == "/"


def test_next_keeps_a_path_on_the_site(app: Any) -> None:
    client = app.test_client()
    first = client.get("/entry-points?kind=NGO")
    assert first.status_code == 302
    token = csrf_token(client)
    target = first.headers["Location"].split("next=", 1)[1]
    response = client.post(f"/login?next={target}", data={"name": "viewer", "password": PASSWORD, "csrf_token": token})
    assert response.headers["Location"] == "/entry-points?kind=NGO"


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_bearer_tokens_reach_the_json_endpoints_with_the_same_role_checks(app: Any, accounts: AccountsDB) -> None:
    client = app.test_client()
    _id, viewer = create_token(accounts, "viewer")
    _id, editor = create_token(accounts, "editor")
    assert client.get("/api/search?q=unh", headers=_bearer(viewer)).status_code == 200
    assert client.get("/api/map", headers=_bearer(viewer)).get_json()["nodes"]
    layout = {"view": "", "positions": {"iom": [1, 2]}}
    assert client.post("/api/layout", json=layout, headers=_bearer(viewer)).status_code == 403
    saved = client.post("/api/layout", json=layout, headers=_bearer(editor))  # no CSRF token: none needed
    assert saved.status_code == 200 and saved.get_json()["saved"] == 1
    assert client.get("/api/map", headers=_bearer("nm_not-a-token")).status_code == 401
    assert client.get("/api/map").status_code == 401
    assert "Set-Cookie" not in client.get("/api/search?q=x", headers=_bearer(viewer)).headers


def test_a_bearer_token_is_not_a_way_around_csrf_or_into_pages(app: Any, accounts: AccountsDB) -> None:
    _id, editor = create_token(accounts, "editor")
    page = app.test_client().get("/", headers=_bearer(editor))
    assert page.status_code == 302 and "/login" in page.headers["Location"]
    browser = login(app.test_client(), "editor")  # a cookie session still needs its CSRF token
    assert browser.post("/api/layout", json={"view": "", "positions": {}}).status_code == 400
    wrong = browser.post("/api/layout", json={"view": "", "positions": {}}, headers=_bearer("nm_bogus"))
    assert wrong.status_code == 401  # a bearer header is judged alone, never with the cookie


def test_the_openapi_document_lists_every_api_route(app: Any, accounts: AccountsDB) -> None:
    _id, viewer = create_token(accounts, "viewer")
    doc = app.test_client().get("/api/openapi.json", headers=_bearer(viewer)).get_json()
    assert doc["openapi"].startswith("3.1") and doc["components"]["securitySchemes"]["token"]["scheme"] == "bearer"
    served = {
        (rule.rule.replace("<", "{").replace(">", "}"), method.lower())
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/api/")
        for method in (rule.methods or set()) - {"HEAD", "OPTIONS"}
    }
    described = {(path, method) for path, ops in doc["paths"].items() for method in ops}
    assert described == served
    assert doc["paths"]["/api/layout"]["post"]["x-netmap-role"] == "editor"
    assert doc["paths"]["/api/map"]["get"]["x-netmap-role"] == "viewer"
