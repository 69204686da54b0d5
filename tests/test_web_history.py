# ruff: noqa: F811  (pytest fixtures imported from tests.web_fixtures)
"""The history on the actor page and its own paged page; reverts; two people editing one actor at
the same time in two browser sessions (one wins, the other is told who changed what, nothing lost)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from netmap.store.edits import update_actor
from netmap.store.history import list_changes
from netmap.store.views import actor
from tests.web_fixtures import PASSWORD, app, csrf_token, login, server, web_store  # noqa: F401

pytestmark = [pytest.mark.neo4j]


def _browser_login(browser: Any, server: str, role: str) -> Any:
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.goto(server + "/login")
    page.fill("input[name=name]", role)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(server + "/")
    return page


@pytest.mark.browser
def test_two_sessions_edit_one_actor_the_second_is_refused_naming_the_first(
    browser: Any, server: str, web_store: Any
) -> None:
    first, second = _browser_login(browser, server, "editor"), _browser_login(browser, server, "admin")
    for page in (first, second):
        page.goto(server + "/actors/unhcr")
    first.fill("form.edit input[name=country]", "FRA")
    first.click("form.edit button[type=submit]")
    first.wait_for_selector(".flash")
    assert "Actor updated" in first.inner_text(".flashes")

    second.fill("form.edit input[name=country]", "ESP")
    second.fill("form.edit input[name=tags]", "skills, employers")
    second.click("form.edit button[type=submit]")
    second.wait_for_selector(".note.conflict")
    text = second.inner_text(".note.conflict")
    assert "Country was changed by editor" in text and "FRA" in text and "Nothing was saved" in text
    assert second.input_value("form.edit input[name=country]") == "ESP"  # her values are not lost
    assert second.input_value("form.edit input[name=tags]") == "skills, employers"
    assert actor(web_store, "unhcr")["country"] == "FRA"  # his change stands

    second.click("form.edit button[type=submit]")  # she has seen it now: saving again overwrites
    second.wait_for_selector(".flash")
    assert actor(web_store, "unhcr")["country"] == "ESP"
    assert [c["by"] for c in list_changes(web_store, "unhcr", limit=3)][:2] == ["admin", "admin"]
    for page in (first, second):
        page.context.close()


def test_the_actor_page_shows_recent_changes_and_the_history_page_pages_them(app: Any, web_store: Any) -> None:
    for n in range(55):
        update_actor(web_store, "ilo", {"description": f"draft {n}"}, by="ana")
    client = login(app.test_client(), "viewer")
    page = client.get("/actors/ilo").get_data(as_text=True)
    section = page[page.index('id="history"') :]
    assert section.count('<tr id="change-') == 10 and "draft 54" in section and "All 55 changes" in section
    assert "Revert" not in section  # a viewer cannot revert
    first = client.get("/actors/ilo/history").get_data(as_text=True)
    assert first.count('<tr id="change-') == 50 and "Page 1 of 2" in first and 'rel="next"' in first
    second = client.get("/actors/ilo/history?page=2").get_data(as_text=True)
    assert second.count('<tr id="change-') == 5 and "draft 0" in second and 'rel="prev"' in second
    assert client.get("/actors/ilo/history?page=zz").status_code == 200


def test_an_editor_reverts_a_change_and_a_revert_of_an_overwritten_change_is_refused(app: Any, web_store: Any) -> None:
    update_actor(web_store, "oecd", {"url": "https://one.example"}, by="ana")
    overwritten = list_changes(web_store, "oecd")[0]
    update_actor(web_store, "oecd", {"url": "https://two.example"}, by="bea")
    client = login(app.test_client(), "editor")
    token = csrf_token(client, "/actors/oecd")
    refused = client.post(
        f"/actors/oecd/history/{overwritten['id']}/revert", data={"csrf_token": token}, follow_redirects=True
    ).get_data(as_text=True)
    assert "Cannot revert: Website was changed again by bea" in refused and "https://two.example" in refused
    assert actor(web_store, "oecd")["url"] == "https://two.example"
    latest = list_changes(web_store, "oecd")[0]
    done = client.post(
        f"/actors/oecd/history/{latest['id']}/revert", data={"csrf_token": token}, follow_redirects=True
    ).get_data(as_text=True)
    assert "Website set back to “https://one.example”" in done
    assert actor(web_store, "oecd")["url"] == "https://one.example"
    assert list_changes(web_store, "oecd")[0]["kind"] == "revert"
    assert client.post(f"/actors/oecd/history/{latest['id']}/revert").status_code == 400  # no CSRF token
    viewer = login(app.test_client(), "viewer")
    token = csrf_token(viewer, "/actors/oecd")
    assert viewer.post(f"/actors/oecd/history/{latest['id']}/revert", data={"csrf_token": token}).status_code == 403


def test_the_history_reads_in_french(app: Any, web_store: Any) -> None:
    update_actor(web_store, "ilo", {"sphere": "both"}, by="ana")
    client = login(app.test_client(), "viewer")
    client.set_cookie("netmap_lang", "fr")
    page = client.get("/actors/ilo").get_data(as_text=True)
    section = page[page.index('id="history"') :]
    assert "Historique" in section and "Avant" in section and "modification" in section
    assert re.search(r"les deux sphères", section)


def test_owner_and_introduction_changes_are_on_the_history_page_and_an_owner_change_reverts(
    app: Any, web_store: Any
) -> None:
    client = login(app.test_client(), "editor")
    token = csrf_token(client, "/actors/oecd")
    before = client.get("/actors/oecd/history").get_data(as_text=True).count(">Revert</button>")
    for owner in ("editor", "viewer"):
        client.post("/actors/oecd/owner", data={"csrf_token": token, "owner": owner})
    client.post("/actors/oecd/next-step", data={"csrf_token": token, "step": "Send the brief", "due": "2020-01-15"})
    page = client.get("/actors/oecd/history").get_data(as_text=True)
    assert "relationship owner" in page and "next step" in page
    assert "Send the brief (due " in page and page.count(">Revert</button>") == before + 3
    latest_owner = next(c for c in list_changes(web_store, "oecd") if c["kind"] == "owner")
    done = client.post(
        f"/actors/oecd/history/{latest_owner['id']}/revert", data={"csrf_token": token}, follow_redirects=True
    ).get_data(as_text=True)
    assert "Owner set back to “editor”" in done
    assert list_changes(web_store, "oecd")[0]["revertOf"] == latest_owner["id"]
