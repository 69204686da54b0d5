# ruff: noqa: F811  (pytest fixtures imported from tests.web_fixtures)
"""The review page over a real Neo4j: pairs left by a real import side by side, decisions (merge, keep
apart, not sure, undo, a whole page), roles and CSRF, and re-imports that respect what was decided."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from netmap.importers.hxl import HxlImporter

from netmap.ingest.pipeline import run_import
from netmap.store.review import kept_apart, list_review_items
from tests.web_fixtures import app, csrf_token, login, web_store  # noqa: F401

pytestmark = [pytest.mark.neo4j]

NEAR = ["Internatonal Organisation for Migraton", "Talent Beyond Boundries", "UN High Comissioner for Refugees"]


def _import(store: Any, tmp_path: Path, names: list[str]) -> None:
    path = tmp_path / "3w.csv"
    path.write_text("Organisation\n#org\n" + "".join(f"{n}\n" for n in names), encoding="utf-8")
    run_import(store, HxlImporter([path]))


def _open(store: Any) -> list[dict[str, Any]]:
    return list_review_items(store, ("open", "unsure"))


def test_editors_decide_pairs_side_by_side_and_reimports_respect_the_decisions(
    app: Any, web_store: Any, tmp_path: Path
) -> None:
    _import(web_store, tmp_path, NEAR)
    items = {i["incoming_name"]: i for i in _open(web_store)}
    assert {"Internatonal Organisation for Migraton", "Talent Beyond Boundries"} <= set(items)
    editor = login(app.test_client(), "editor")
    page = editor.get("/review").get_data(as_text=True)
    assert "Possible duplicates" in page and 'href="/review"' in page  # linked from the navigation
    iom, tbb = items["Internatonal Organisation for Migraton"], items["Talent Beyond Boundries"]
    assert "International Organization for Migration" in page and "similar name" in page
    token = csrf_token(editor, "/review")

    def decide(item: dict[str, Any], decision: str) -> str:
        response = editor.post(
            f"/review/{item['id']}/decide", data={"decision": decision, "csrf_token": token}, follow_redirects=True
        )
        assert response.status_code == 200
        return response.get_data(as_text=True)

    assert "Kept apart" in decide(tbb, "reject")
    assert (tbb["incoming_id"], tbb["candidate_id"]) in kept_apart(web_store)
    assert "already rejected by editor" in decide(tbb, "reject")  # a second decision changes nothing
    assert "open again" in decide(tbb, "undo")
    assert "Set aside" in decide(tbb, "unsure")
    assert "Not sure" in editor.get("/review?show=unsure").get_data(as_text=True)
    assert "Kept apart" in decide(tbb, "reject")
    assert "Merged" in decide(iom, "accept")
    history = web_store.execute_read(
        "MATCH (c:Change {kind: 'review'}) WHERE c.actorId = $id RETURN c.after AS after ORDER BY c.at",
        {"id": tbb["candidate_id"]},
    )
    assert [h["after"] for h in history][-4:] == ["kept apart", "open", "not sure", "kept apart"]

    before = {i["id"] for i in list_review_items(web_store, None)}
    _import(web_store, tmp_path, NEAR)  # the same file again: nothing new to ask, nothing reopened
    after = list_review_items(web_store, None)
    assert {i["id"] for i in after} == before
    assert {i["id"]: i["status"] for i in after}[tbb["id"]] == "rejected"


def test_a_decision_on_a_pair_already_resolved_says_so_and_changes_nothing(
    app: Any, web_store: Any, tmp_path: Path
) -> None:
    _import(web_store, tmp_path, ["Talent Beyond Boundaryes"])
    item = next(i for i in _open(web_store) if i["incoming_name"] == "Talent Beyond Boundaryes")
    web_store.execute_write("MATCH (a:Entity:Actor {id: $id}) DETACH DELETE a", {"id": item["incoming_id"]})
    editor = login(app.test_client(), "editor")
    token = csrf_token(editor, "/review")
    response = editor.post(
        f"/review/{item['id']}/decide", data={"decision": "accept", "csrf_token": token}, follow_redirects=True
    )
    assert "Nothing changed" in response.get_data(as_text=True) and "already resolved" in response.get_data(
        as_text=True
    )
    assert item["id"] not in {i["id"] for i in _open(web_store)}


def test_a_page_is_rejected_at_once_and_viewers_and_forged_posts_are_refused(
    app: Any, web_store: Any, tmp_path: Path
) -> None:
    _import(web_store, tmp_path, ["Talent Beyond Boundaires", "Internatinal Organization for Migration"])
    ids = [i["id"] for i in list_review_items(web_store, "open")]
    assert ids
    viewer = login(app.test_client(), "viewer")
    assert viewer.get("/review").status_code == 403
    editor = login(app.test_client(), "editor")
    assert editor.post("/review/reject-page", data={"item": ids}).status_code == 400  # no CSRF token
    token = csrf_token(editor, "/review")
    response = editor.post("/review/reject-page", data={"item": ids, "csrf_token": token}, follow_redirects=True)
    assert f"{len(ids)} pairs kept apart" in response.get_data(as_text=True)
    assert list_review_items(web_store, "open") == []
    assert "Nothing to review here." in editor.get("/review").get_data(as_text=True)
