# ruff: noqa: F811  (pytest fixtures imported from tests.web_fixtures)
"""Assessments from the actor page and the power/interest grid page, with roles, escaping and bad input."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.web_fixtures import app, csrf_token, login, web_store  # noqa: F401

pytestmark = pytest.mark.neo4j


def _assess(client: Any, actor: str, **values: str) -> Any:
    token = csrf_token(client, "/")
    data = {"date": "2026-10-03", "influence": "4", "interest": "5", "stance": "supportive", "note": "", **values}
    return client.post(f"/actors/{actor}/assessments", data={**data, "csrf_token": token})


def test_an_editor_assesses_an_actor_and_the_page_shows_the_history(app: Any, web_store: Any) -> None:
    client = login(app.test_client(), "editor")
    assert _assess(client, "adecco", note="<b>keen</b> on care roles").status_code == 302
    assert _assess(client, "adecco", date="2026-11-01", influence="5", stance="neutral").status_code == 302
    page = client.get("/actors/adecco").get_data(as_text=True)
    assert "Influence 5/5, interest 5/5, stance: neutral" in page
    assert "&lt;b&gt;keen&lt;/b&gt; on care roles" in page and "<b>keen" not in page
    assert page.count("<td>4/5</td>") == 1 and page.count("<td>5/5</td>") >= 2


def test_an_old_assessment_is_flagged_stale_on_the_page(app: Any, web_store: Any) -> None:
    client = login(app.test_client(), "editor")
    old = (dt.date.today() - dt.timedelta(days=400)).isoformat()
    assert _assess(client, "accenture", date=old).status_code == 302
    assert "This assessment is 400 days old: reassess it." in client.get("/actors/accenture").get_data(as_text=True)


def test_a_bad_rating_is_refused_with_the_reason_and_a_viewer_cannot_assess(app: Any) -> None:
    client = login(app.test_client(), "editor")
    for values, words in (
        ({"influence": "6"}, "6 is outside 1-5"),
        ({"interest": "high"}, "is not a whole number from 1 to 5"),
    ):
        answer = _assess(client, "adecco", **values)
        assert answer.status_code == 400 and words in answer.get_data(as_text=True)
    assert _assess(login(app.test_client(), "viewer"), "adecco").status_code == 403


def test_the_grid_places_assessed_actors_in_their_quadrant_and_numbers_entry_points(app: Any) -> None:
    viewer = login(app.test_client(), "viewer")
    top = viewer.get("/api/entry-points").get_json()[0]
    editor = login(app.test_client(), "editor")
    today = dt.date.today().isoformat()
    assert _assess(editor, top["id"], influence="5", interest="5", date=today).status_code == 302
    page = viewer.get("/grid").get_data(as_text=True)
    manage = page[page.index("Manage closely <span") :].split("</section>")[0]
    assert f"/actors/{top['id']}" in manage
    assert '<circle class="pt stance-supportive"' in page
    rank = next(r["rank"] for r in viewer.get("/api/entry-points").get_json() if r["id"] == top["id"])
    assert '<text class="pt-rank"' in page and f"entry point {rank}" in manage  # the table's number
    other = "Company" if top["kind"] != "Company" else "NGO"
    assert f"/actors/{top['id']}" not in viewer.get(f"/grid?kind={other}").get_data(as_text=True)
