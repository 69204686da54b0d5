"""With Neo4j down the web app answers fast: a translated 503 page in a second or two, ``/healthz`` says so,
login (which needs no graph) still works, and pages come back by themselves when the database does."""

from __future__ import annotations

import os
import signal
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from conftest import free_port, managed_settings

from netmap.auth.accounts import add_user
from netmap.auth.db import accounts_db
from netmap.config import Settings
from netmap.runtime import ManagedNeo4j
from tests.web_fixtures import PASSWORD, login

#: What "fast" means: the driver's own timeouts and retries would take 10 s or more.
FAST = 2.0


def _app(settings: Settings) -> Any:
    from netmap.web import create_app

    for role in ("viewer", "admin"):
        add_user(accounts_db(settings), role, role, PASSWORD, replace=True)
    return create_app({"TESTING": True, "NETMAP_SETTINGS": settings})


def _timed(client: Any, path: str, **kwargs: Any) -> tuple[Any, float]:
    start = time.perf_counter()
    response = client.get(path, **kwargs)
    return response, time.perf_counter() - start


def _assert_down(client: Any) -> None:
    page, took = _timed(client, "/entry-points", headers={"Accept-Language": "fr"})
    text = page.get_data(as_text=True)
    assert page.status_code == 503 and took < FAST, (page.status_code, took)
    assert "La base de données ne répond pas" in text
    assert "netmap ne parvient pas à joindre sa base de données" in text
    assert "bolt://" not in text and "Traceback" not in text, "no address or internals shown to the user"
    assert page.headers["Retry-After"] == "10"
    api, took = _timed(client, "/api/search?q=a")
    assert api.status_code == 503 and took < FAST
    assert api.get_json() == {
        "error": "The database is not answering",
        "message": "netmap cannot reach its database just now. Try again in a minute; if this goes on, tell "
        "the person who runs netmap.",
    }
    health, took = _timed(client, "/healthz")
    assert health.status_code == 503 and took < FAST
    assert health.get_json() == {"status": "unavailable", "database": "down"}


def test_a_closed_port_gives_a_fast_translated_503_and_login_still_works(tmp_path: Path) -> None:
    settings = Settings(
        home=tmp_path / "home", neo4j_uri=f"bolt://127.0.0.1:{free_port()}", neo4j_password="x", home_actor="iom"
    )
    app = _app(settings)
    anonymous = app.test_client()
    health, took = _timed(anonymous, "/healthz")
    assert health.status_code == 503 and took < FAST, "public: no login needed, no data given"
    client = login(app.test_client(), "viewer")  # accounts live outside the graph
    for _ in range(3):  # every request, not only the first
        _assert_down(client)


@pytest.mark.neo4j
def test_stopping_the_managed_neo4j_gives_a_fast_503_and_pages_come_back(tmp_path: Path) -> None:
    base = managed_settings()
    home = tmp_path / "home"
    (home / "cache").mkdir(parents=True)  # share the jar cache
    (home / "cache" / f"neo4j-{base.neo4j_version}").symlink_to(base.home / "cache" / f"neo4j-{base.neo4j_version}")
    settings = replace(base, home=home, home_actor="iom")
    server = ManagedNeo4j(settings)
    server.start()
    try:
        app = _app(settings)
        client = login(app.test_client(), "viewer")
        assert client.get("/api/search?q=a").status_code == 200  # (pages the map cache holds would still show)
        health = client.get("/healthz")
        assert health.status_code == 200 and health.get_json() == {"status": "ok", "database": "up"}

        pid = server.pid()
        assert pid is not None
        os.kill(pid, signal.SIGKILL)  # a crash: the app's last health check still says "up"
        while server.is_running():
            time.sleep(0.05)
        _assert_down(client)

        server.start()
        time.sleep(3.5)  # the health check is kept a few seconds
        assert client.get("/entry-points").status_code == 200
        assert client.get("/api/search?q=a").status_code == 200
        assert client.get("/healthz").status_code == 200
    finally:
        server.stop()
