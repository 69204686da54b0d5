# ruff: noqa: F811  (pytest fixtures imported from tests.web_fixtures)
"""An empty graph: a friendly empty map in every layout, an empty entry-points page, no error."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from netmap.config import Settings
from netmap.drawing.layouts import LAYOUTS
from netmap.store import Store, connect
from tests.web_fixtures import PASSWORD, ROLES, app, login, wipe  # noqa: F401

pytestmark = [pytest.mark.neo4j]


@pytest.fixture(scope="module")
def web_store(neo4j_settings: Settings) -> Iterator[Store]:
    from netmap.auth.accounts import add_user
    from netmap.auth.db import accounts_db

    store = connect(neo4j_settings)
    wipe(store)
    store.ensure_schema()
    for role in ROLES:
        add_user(accounts_db(neo4j_settings), role, role, PASSWORD, replace=True)
    try:
        yield store
    finally:
        store.close()


@pytest.mark.parametrize("layout", LAYOUTS)
def test_an_empty_graph_is_a_friendly_empty_map(app: Any, layout: str) -> None:
    res = login(app.test_client(), "viewer").get(f"/api/map?layout={layout}")
    assert res.status_code == 200
    data = res.get_json()
    assert data["nodes"] == [] and data["edges"] == [] and data["total"] == 0
    assert any(n.startswith("There is nothing to map yet") for n in data["notes"])


def test_an_empty_graph_has_an_empty_entry_points_page(app: Any) -> None:
    page = login(app.test_client(), "viewer").get("/entry-points")
    assert page.status_code == 200 and "No entry point matches" in page.get_data(as_text=True)


@pytest.mark.parametrize(
    ("lang", "start"), [("fr", "Rien à cartographier pour l’instant"), ("es", "Todavía no hay nada que cartografiar")]
)
def test_the_empty_map_says_so_in_the_readers_language(app: Any, lang: str, start: str) -> None:
    client = login(app.test_client(), "viewer")
    english = client.get("/api/map").get_json()["notes"]  # the same view, cached: the notes follow each request
    res = client.get("/api/map", headers={"Accept-Language": lang})
    notes = res.get_json()["notes"]
    assert any(n.startswith(start) for n in notes), notes
    assert "'netmap demo'" in notes[0] and not any("nothing to map" in n for n in notes)
    assert english[0].startswith("There is nothing to map yet")


def test_an_empty_graph_has_a_world_map_page_that_says_there_are_no_countries(app: Any) -> None:
    client = login(app.test_client(), "viewer")
    world = client.get("/world")
    assert world.status_code == 200 and "has a country yet, so there is nothing to place" in world.get_data(
        as_text=True
    )
    coverage = client.get("/coverage")
    assert coverage.status_code == 200 and "so there is no coverage to show" in coverage.get_data(as_text=True)
