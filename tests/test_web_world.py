# ruff: noqa: F811  (pytest fixtures imported from tests.web_fixtures)
"""The world map and coverage pages: counts, the "other" row, links to the explorer, roles, bad input."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest

from netmap.config import Settings
from netmap.store import Store, connect
from tests.web_fixtures import app, login, seed, server  # noqa: F401

pytestmark = pytest.mark.neo4j


@pytest.fixture(scope="module")
def web_store(neo4j_settings: Settings) -> Iterator[Store]:
    """The sample network plus actors in Kosovo (no ISO numeric code) and in Yugoslavia (withdrawn)."""
    s = connect(neo4j_settings)
    seed(s, neo4j_settings)
    s.execute_write(
        """
        UNWIND $rows AS r
        CREATE (:Entity:Actor:NGO {id: r.id, name: r.name, nameLower: toLower(r.name), kind: 'NGO',
                sphere: 'humanitarian', country: r.country, sectors: ['<b>care</b>'], engagement: 'none',
                sources: []})
        """,
        {
            "rows": [
                {"id": "kosovo-ngo", "name": "Kosovo NGO", "country": "XKX"},
                {"id": "yugo-ngo", "name": "Old Yugoslav NGO", "country": "YUG"},
                {"id": "odd-ngo", "name": "Odd NGO", "country": "<i>x</i>"},
            ]
        },
    )
    try:
        yield s
    finally:
        s.close()


def _data(page: str) -> dict[str, Any]:
    match = re.search(r'<script type="application/json" id="world-data">(.*?)</script>', page, re.S)
    assert match, page[:300]
    return dict(json.loads(match.group(1)))


def test_the_world_map_page_gives_each_country_its_counts_fill_and_explorer_link(app: Any, web_store: Store) -> None:
    from netmap.analytics.geography import world_counts
    from netmap.drawing.world import shape_ids
    from netmap.graph import GraphFilter, build_graph

    page = login(app.test_client(), "viewer").get("/world").get_data(as_text=True)
    assert 'href="/world"' in page and "vendor/d3-geo/d3-geo.min.js" in page
    shapes = _data(page)["shapes"]
    expected = world_counts(build_graph(*web_store.graph_rows(), GraphFilter()), shape_ids())
    germany = next(c for c in expected.countries if c.code == "DEU")
    assert shapes["276"]["actors"] == germany.actors > 0
    assert shapes["276"]["name"] == "Germany" and shapes["276"]["href"] == "/?country=DEU"
    assert shapes["276"]["fill"].startswith("#") and set(shapes) == {c.numeric for c in expected.countries}


def test_actors_in_codes_without_a_shape_are_in_the_visible_other_row(app: Any) -> None:
    page = login(app.test_client(), "viewer").get("/world").get_data(as_text=True)
    other = page[page.index('<tbody class="world-other">') :].split("</tbody>")[0]
    assert "Other (no shape on the map)" in other
    assert "Kosovo" in other and "XKX" in other and "Yugoslavia" in other and "YUG" in other
    assert '<td class="num">3</td>' in other.split("</tr>")[0]  # the row's total: all three actors
    assert 'href="/?country=XKX"' in other
    assert "&lt;I&gt;X&lt;/I&gt;" in other and "<i>" not in other.lower()


def test_the_measure_is_chosen_in_the_address_and_a_bad_one_is_refused(app: Any) -> None:
    client = login(app.test_client(), "viewer")
    page = client.get("/world?measure=gaps").get_data(as_text=True)
    assert _data(page)["measure"] == "gaps" and 'aria-current="true">Coverage gaps</a>' in page
    bad = client.get("/world?measure=<script>")
    assert bad.status_code == 400
    text = bad.get_data(as_text=True)
    assert "is not a measure" in text and "actors, engaged, entry_points, gaps" in text and "<script>" not in text


def test_the_world_pages_need_a_login(app: Any) -> None:
    for path in ("/world", "/coverage"):
        answer = app.test_client().get(path)
        assert answer.status_code == 302 and "/login" in answer.headers["Location"]


def test_the_coverage_page_links_each_cell_to_the_explorer_and_marks_gaps(app: Any) -> None:
    page = login(app.test_client(), "viewer").get("/coverage").get_data(as_text=True)
    assert 'class="cell heat-1 gap"' in page
    cell = re.search(r'<td class="cell heat-\d( gap)?"><a href="/\?country=DEU&amp;sector=([^"]+)"', page)
    assert cell, page[:2000]
    assert re.search(r'title="[^"]+ in Germany: \d+ of \d+ actors engaged"', page)


def test_the_coverage_page_filters_by_sphere_and_refuses_an_unknown_one(app: Any) -> None:
    client = login(app.test_client(), "viewer")
    page = client.get("/coverage?sphere=humanitarian").get_data(as_text=True)
    assert "Kosovo" in page and '<option value="humanitarian" selected>' in page
    assert client.get("/coverage?sphere=moon").status_code == 400


def test_the_pages_speak_french(app: Any) -> None:
    client = login(app.test_client(), "viewer")
    page = client.get("/world", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert "Carte du monde" in page and _data(page)["shapes"]["276"]["name"] == "Allemagne"
    assert "Autres (sans forme sur la carte)" in page
    assert "Couverture pays × secteur" in client.get("/coverage", headers={"Accept-Language": "fr"}).get_data(
        as_text=True
    )


@pytest.mark.browser
def test_the_world_map_draws_every_country_offline_and_a_click_opens_the_explorer_filtered(
    browser: Any, server: str
) -> None:
    from tests.web_fixtures import PASSWORD

    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(server + "/login")
    page.fill("input[name=name]", "viewer")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(server + "/")
    errors.clear()  # only the world page's own errors count below
    page.goto(server + "/world")
    page.wait_for_selector("#world-map[data-drawn]", state="attached", timeout=30000)
    assert int(page.get_attribute("#world-map", "data-drawn") or 0) > 170
    assert errors == []  # the world page's own (the explorer's are its tests' business)
    germany = page.locator("path.country[data-id='276']")
    germany.hover()
    tip = page.locator("#world-tip")
    assert tip.is_visible() and "Germany" in tip.inner_text() and "Actors we engage" in tip.inner_text()
    germany.click()
    page.wait_for_url("**/?country=DEU")
    page.wait_for_selector("body[data-map-ready='1']", state="attached", timeout=30000)
    chosen = page.eval_on_selector("select[name=country]", "s => [...s.selectedOptions].map(o => o.value)")
    assert chosen == ["DEU"]
    assert all(url.startswith(server) for url in requests), [u for u in requests if not u.startswith(server)]
    context.close()
