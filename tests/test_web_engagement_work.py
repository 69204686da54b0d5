# ruff: noqa: F811  (pytest fixtures imported from tests.web_fixtures)
"""Owners, next steps and introduction requests in the web app: forms on the actor page, "My actors",
the overdue list, the introduction flow (Flask client and one real-browser run)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.web_fixtures import HOME, PASSWORD, app, csrf_token, login, server, web_store  # noqa: F401

pytestmark = [pytest.mark.neo4j]
TARGET = "adecco"


def _introducers(page: str) -> list[str]:
    select = re.search(r'<select name="via">(.*?)</select>', page, re.S)
    assert select, "no introduction form on the page"
    return re.findall(r'<option value="([^"]+)"', select.group(1))


def test_an_editor_names_the_owner_and_a_late_step_is_flagged_on_my_actors(app: Any) -> None:
    editor = login(app.test_client(), "editor")
    token = csrf_token(editor, "/actors/unhcr")
    assert editor.post("/actors/unhcr/owner", data={"owner": "viewer", "csrf_token": token}).status_code == 302
    late = {"step": "Send the <b>pilot</b> brief", "due": "2020-01-15", "csrf_token": token}
    assert editor.post("/actors/unhcr/next-step", data=late).status_code == 302
    page = editor.get("/actors/unhcr").get_data(as_text=True)
    assert "Relationship owner and next step" in page and "Send the &lt;b&gt;pilot&lt;/b&gt; brief" in page
    assert 'class="badge overdue"' in page
    viewer = login(app.test_client(), "viewer")
    mine = viewer.get("/my-actors").get_data(as_text=True)
    assert 'href="/actors/unhcr#owner"' in mine.split('id="overdue"')[0]  # in the viewer's own list
    assert "unhcr" in mine.split('id="overdue"')[1]  # and in everyone's overdue list
    assert "Record next step" not in viewer.get("/actors/unhcr").get_data(as_text=True)  # viewers cannot edit
    done = editor.post("/actors/unhcr/next-step", data={"done": "1", "csrf_token": token})
    assert done.status_code == 302
    assert "unhcr" not in editor.get("/my-actors").get_data(as_text=True).split('id="overdue"')[1]


def test_owner_and_step_refusals_are_400_or_404_pages_and_viewers_are_403(app: Any) -> None:
    editor = login(app.test_client(), "editor")
    token = csrf_token(editor, "/actors/unhcr")
    unknown = editor.post("/actors/unhcr/owner", data={"owner": "carla", "csrf_token": token})
    assert unknown.status_code == 404 and "no user named" in unknown.get_data(as_text=True)
    bad = editor.post("/actors/unhcr/next-step", data={"step": "Call", "due": "soon", "csrf_token": token})
    assert bad.status_code == 400 and "due date: &#39;soon&#39; is not a date" in bad.get_data(as_text=True)
    viewer = login(app.test_client(), "viewer")
    vtoken = csrf_token(viewer, "/actors/unhcr")
    assert viewer.post("/actors/unhcr/owner", data={"owner": "viewer", "csrf_token": vtoken}).status_code == 403


def test_an_introduction_is_requested_along_the_route_followed_and_moves_the_target_on(
    app: Any, web_store: Any
) -> None:
    editor = login(app.test_client(), "editor")
    page = editor.get(f"/actors/{TARGET}").get_data(as_text=True)
    via = _introducers(page)[0]
    token = csrf_token(editor, f"/actors/{TARGET}")
    asked = editor.post(
        f"/actors/{TARGET}/introductions", data={"via": via, "note": "ask at the forum", "csrf_token": token}
    )
    assert asked.status_code == 302
    request_id = web_store.execute_read(
        "MATCH (i:Introduction {via: $via, target: $t}) RETURN i.id AS id", {"via": via, "t": TARGET}
    )[0]["id"]
    for actor in (TARGET, via):  # shown on both actors' pages
        assert f'action="/introductions/{request_id}"' in editor.get(f"/actors/{actor}").get_data(as_text=True)
    again = editor.post(f"/actors/{TARGET}/introductions", data={"via": via, "csrf_token": token})
    assert again.status_code == 400 and "was already asked" in again.get_data(as_text=True)
    before = web_store.execute_read("MATCH (a:Actor {id: $t}) RETURN a.engagement AS s", {"t": TARGET})[0]["s"]
    for status in ("accepted", "done"):
        moved = editor.post(
            f"/introductions/{request_id}", data={"status": status, "actor": TARGET, "csrf_token": token}
        )
        assert moved.status_code == 302
    after = web_store.execute_read("MATCH (a:Actor {id: $t}) RETURN a.engagement AS s", {"t": TARGET})[0]["s"]
    order = ("none", "identified", "contacted", "engaged", "partner")
    assert order.index(after) >= max(order.index(before or "none"), order.index("contacted"))
    page = editor.get(f"/actors/{TARGET}").get_data(as_text=True)
    assert "Introduced by" in page  # the engagement log has the entry
    final = editor.post(f"/introductions/{request_id}", data={"status": "declined", "csrf_token": token})
    assert final.status_code == 400 and "already done" in final.get_data(as_text=True)


def test_an_introducer_on_no_route_is_refused_saying_so(app: Any, web_store: Any) -> None:
    editor = login(app.test_client(), "editor")
    token = csrf_token(editor, f"/actors/{TARGET}")
    refused = editor.post(f"/actors/{TARGET}/introductions", data={"via": "xss-ngo", "csrf_token": token})
    body = refused.get_data(as_text=True)
    assert refused.status_code == 400 and "is not on any route from us to" in body
    assert web_store.execute_read("MATCH (i:Introduction {via: 'xss-ngo'}) RETURN count(i) AS n") == [{"n": 0}]
    viewer = login(app.test_client(), "viewer")
    vtoken = csrf_token(viewer, f"/actors/{TARGET}")
    assert (
        viewer.post(f"/actors/{TARGET}/introductions", data={"via": "xss-ngo", "csrf_token": vtoken}).status_code == 403
    )


@pytest.mark.browser
def test_the_introduction_flow_in_a_real_browser(browser: Any, server: str, app: Any) -> None:
    client = login(app.test_client(), "editor")
    ids = [
        r["id"] for r in app.extensions["netmap_store"].execute_read("MATCH (a:Actor) RETURN a.id AS id ORDER BY a.id")
    ]
    target = next(
        i
        for i in ids
        if i not in (TARGET, HOME) and 'id="introduction-form"' in client.get(f"/actors/{i}").get_data(as_text=True)
    )
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server + "/login")
    page.fill("input[name=name]", "editor")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(server + "/")
    page.goto(f"{server}/actors/{target}")
    via = page.eval_on_selector("#introduction-form select[name=via]", "s => s.value")
    page.fill("#introduction-form textarea[name=note]", "ask at the December forum")
    page.click("#introduction-form button[type=submit]")
    page.wait_for_url(re.compile(r".*#introductions$"))
    row = page.locator("table.introductions tbody tr").first
    assert "requested" in row.inner_text()
    row.locator("button[value=accepted]").click()
    page.wait_for_url(re.compile(r".*#introductions$"))
    page.locator("table.introductions tbody tr").first.locator("button[value=done]").click()
    page.wait_for_url(re.compile(r".*#introductions$"))
    assert "done" in page.locator("table.introductions tbody tr").first.inner_text()
    assert "Introduced by" in page.locator("#engagements").inner_text()
    page.goto(f"{server}/actors/{via}")
    assert page.locator("table.introductions tbody tr").count() >= 1
    assert errors == []
    context.close()
