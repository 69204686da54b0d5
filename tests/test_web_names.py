# ruff: noqa: F811  (pytest fixtures imported from tests.web_fixtures)
"""Names in several languages on the web pages: the UI language's name where the actor has one, the
original otherwise, and search by any of them."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from netmap.importers.iati import IatiImporter
from netmap.web.mapview import MapSpec, entry_point_page, map_payload
from netmap.web.security import settings, store

from netmap.config import Settings
from netmap.ingest.pipeline import run_import
from netmap.store import Store
from tests.web_fixtures import PASSWORD, csrf_token, login, make_app, server, web_store  # noqa: F401

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
ACTOR = "iati-xm-nrc"
EN, FR = "Nordic Refugee Council", "Conseil nordique pour les réfugiés"


@pytest.fixture(scope="module")
def app(web_store: Store, neo4j_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """The web app over the sample network plus an IATI organisation named in English and French."""
    path = tmp_path_factory.mktemp("iati") / "names.xml"
    path.write_text(
        textwrap.dedent(f"""\
        <iati-activities version="2.03"><iati-activity xml:lang="en">
          <iati-identifier>XM-NRC-1</iati-identifier>
          <reporting-org ref="XM-NRC" type="21"><narrative>{EN}</narrative>
            <narrative xml:lang="fr">{FR}</narrative></reporting-org>
          <title><narrative>Labour mobility pilot</narrative></title>
          <participating-org ref="XM-DAC-47066" role="4" type="40"><narrative>IOM</narrative></participating-org>
        </iati-activity></iati-activities>""")
    )
    run_import(web_store, IatiImporter([path]))
    yield make_app(neo4j_settings, web_store)


def _client(app: Any, lang: str) -> Any:
    client = login(app.test_client(), "viewer")
    client.set_cookie("netmap_lang", lang)
    return client


@pytest.mark.neo4j
def test_the_actor_page_in_french_shows_the_french_name_and_in_spanish_the_original(app: Any) -> None:
    french = _client(app, "fr").get(f"/actors/{ACTOR}").get_data(as_text=True)
    assert f"<h1>{FR} " in french and f"<title>{FR}" in french
    assert f"<dd>{EN}</dd>" in french, "the original name among the other names"
    spanish = _client(app, "es").get(f"/actors/{ACTOR}").get_data(as_text=True)
    assert f"<h1>{EN} " in spanish and f"<dd>{FR}</dd>" in spanish


@pytest.mark.neo4j
@pytest.mark.parametrize(("lang", "shown"), [("fr", FR), ("en", EN)])
def test_search_by_the_french_name_finds_the_actor_named_in_the_ui_language(app: Any, lang: str, shown: str) -> None:
    rows = _client(app, lang).get("/api/search?q=conseil nordique").get_json()
    assert [(r["id"], r["name"]) for r in rows] == [(ACTOR, shown)]
    assert "names" not in rows[0]


@pytest.mark.neo4j
def test_map_labels_and_tooltips_are_in_the_ui_language_and_the_cached_payload_keeps_the_original(app: Any) -> None:
    def node(lang: str) -> dict[str, Any]:
        body = json.loads(_client(app, lang).get(f"/api/map?focus={ACTOR}").get_data())
        (found,) = [n for n in body["nodes"] if n["id"] == ACTOR]
        return found

    french, english = node("fr"), node("en")
    assert (french["name"], french["text"], french["title"].split("\n")[0]) == (FR, "Conseil nordique pour les…", FR)
    assert (english["name"], english["title"].split("\n")[0]) == (EN, EN)
    with app.test_request_context():
        payload = map_payload(store(), settings(), MapSpec.parse({"focus": [ACTOR]}))
    assert {n["name"] for n in payload["nodes"] if n["id"] == ACTOR} == {EN}


@pytest.mark.neo4j
def test_the_entry_points_page_in_french_lists_the_actor_by_its_french_name(app: Any) -> None:
    from netmap.web.views.entry import PER_PAGE

    with app.test_request_context(headers={"Accept-Language": "fr"}):
        rows, _total = entry_point_page(store(), settings(), MapSpec.parse({}), 0, 100_000)
    (index,) = [i for i, r in enumerate(rows) if r["id"] == ACTOR]
    assert rows[index]["name"] == FR
    page = _client(app, "fr").get(f"/entry-points?page={index // PER_PAGE + 1}").get_data(as_text=True)
    assert f">{FR}</a>" in page and f">{EN}</a>" not in page


@pytest.mark.browser
@pytest.mark.neo4j
def test_the_actor_page_in_french_looks_right(browser: Any, server: str) -> None:
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="fr")
    page = context.new_page()
    page.goto(server + "/login")
    page.fill("input[name=name]", "viewer")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(server + "/")
    page.goto(f"{server}/actors/{ACTOR}")
    assert page.inner_text("h1").startswith(FR)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "names-actor-fr.png"))
    context.close()


@pytest.mark.neo4j
def test_warm_routes_and_the_grid_name_the_actor_in_the_ui_language(app: Any) -> None:
    route = _client(app, "fr").get(f"/api/paths?from=iom&to={ACTOR}").get_json()["paths"][0]
    assert route["text"].endswith(FR) and EN not in json.dumps(route, ensure_ascii=False)
    english = _client(app, "en").get(f"/api/paths?from=iom&to={ACTOR}").get_json()["paths"][0]
    assert english["text"].endswith(EN) and FR not in english["text"]
    editor = login(app.test_client(), "editor")
    data = {"date": "2026-10-03", "influence": "4", "interest": "5", "stance": "supportive", "note": ""}
    answer = editor.post(f"/actors/{ACTOR}/assessments", data={**data, "csrf_token": csrf_token(editor, "/")})
    assert answer.status_code == 302
    french = _client(app, "fr").get("/grid").get_data(as_text=True)
    assert f">{FR}</a>" in french and f"<title>{FR} — " in french and f">{EN}</a>" not in french
    assert f">{EN}</a>" in _client(app, "es").get("/grid").get_data(as_text=True)
