"""Shared helpers for the web tests: an app over a real Neo4j with the sample network and one user per role."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from netmap.config import Settings
from netmap.store import Store, connect

PASSWORD = "correct-horse-battery"
ROLES = ("viewer", "editor", "analyst", "admin")
XSS_NAME = "<img src=x onerror=alert(1)>"
HOME = "iom"


def wipe(store: Store) -> None:
    while store.execute_write("MATCH (n) WITH n LIMIT 5000 DETACH DELETE n RETURN count(*) AS n")[0]["n"]:
        pass


def seed(store: Store, settings: Settings) -> None:
    """The sample network, an actor whose name is an XSS probe tied to us, and one user per role (in the
    accounts database of ``settings``)."""
    from netmap.auth.accounts import add_user
    from netmap.auth.db import accounts_db
    from netmap.sample import load_sample

    wipe(store)
    store.ensure_schema()
    load_sample(store)
    store.execute_write(
        """
        CREATE (x:Entity:Actor:NGO {id: 'xss-ngo', name: $name, nameLower: toLower($name), kind: 'NGO',
                sphere: 'economic', country: 'DEU', sectors: ['health'], influence: 3, engagement: 'none',
                description: $name, sources: []})
        WITH x MATCH (h:Entity {id: $home}) CREATE (h)-[:PARTNERS_WITH {key: '', note: $name}]->(x)
        """,
        {"name": XSS_NAME, "home": HOME},
    )
    for role in ROLES:
        add_user(accounts_db(settings), role, role, PASSWORD, replace=True)


@pytest.fixture(scope="module")
def web_store(neo4j_settings: Settings) -> Iterator[Store]:
    s = connect(neo4j_settings)
    seed(s, neo4j_settings)
    try:
        yield s
    finally:
        s.close()


def make_app(settings: Settings, store: Store, **config: Any) -> Any:
    from netmap.web import create_app

    # a request waits for the analysis of an edit it made (tests/test_web_snapshots.py pins the default)
    settings = settings.with_overrides(home_actor=HOME, extra={"refresh_wait": 120, **settings.extra})
    return create_app({"TESTING": True, "NETMAP_SETTINGS": settings, "NETMAP_STORE": store, **config})


@pytest.fixture(scope="module")
def app(web_store: Store, neo4j_settings: Settings) -> Any:
    return make_app(neo4j_settings, web_store)


def csrf_token(client: Any, path: str = "/login") -> str:
    page = client.get(path).get_data(as_text=True)
    match = re.search(r'name="csrf-token" content="([^"]+)"', page)
    assert match, page[:500]
    return match.group(1)


def login(client: Any, role: str) -> Any:
    token = csrf_token(client)
    response = client.post("/login", data={"name": role, "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    return client


@pytest.fixture(scope="module")
def server(app: Any) -> Iterator[str]:
    """The app served on a free loopback port for the page tests."""
    import threading

    from werkzeug.serving import make_server

    srv = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{srv.server_port}"
    finally:
        srv.shutdown()
