# ruff: noqa: F811  (pytest fixtures imported from tests.web_fixtures)
"""The web app's one cache utility: bounded LRU tables whose misses are computed once, kept per app; and
the page content rendered once for many requests, which never shows one session or role what is another's."""

from __future__ import annotations

import re
import threading
import time
from typing import Any

import pytest
from flask import Flask
from netmap.web.caches import Memo, app_caches

from tests.web_fixtures import XSS_NAME, app, login, web_store  # noqa: F401


def test_concurrent_misses_of_one_key_compute_it_once() -> None:
    memo, calls = Memo(), []
    start = threading.Barrier(6)

    def compute() -> str:
        calls.append(1)
        time.sleep(0.05)  # long enough for the others to arrive while it runs
        return "made"

    results: list[str] = []

    def request() -> None:
        start.wait()
        results.append(memo.get("view", compute))

    threads = [threading.Thread(target=request) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == ["made"] * 6 and len(calls) == 1


def test_the_least_recently_used_entry_is_dropped_when_full() -> None:
    memo = Memo(maxsize=2)
    memo.get("a", lambda: 1)
    memo.get("b", lambda: 2)
    memo.get("a", lambda: 0)  # read: "b" is now the least recently used
    memo.get("c", lambda: 3)
    assert sorted(memo.cache) == ["a", "c"]


def test_a_failed_computation_is_not_kept() -> None:
    memo = Memo()

    def fails() -> int:
        raise RuntimeError("database away")

    with pytest.raises(RuntimeError):
        memo.get("k", fails)
    assert memo.get("k", lambda: 7) == 7


def test_each_app_has_its_own_caches() -> None:
    one, two = Flask("one"), Flask("two")
    app_caches(one).memo("world").get("k", lambda: 1)
    assert app_caches(two).memo("world").get("k", lambda: 2) == 2
    assert app_caches(one).memo("world").get("k", lambda: 3) == 1
    with one.app_context():
        assert app_caches() is app_caches(one)


def page(client: Any, path: str, **headers: str) -> str:
    response = client.get(path, headers=headers)
    assert response.status_code == 200, response.status_code
    return str(response.get_data(as_text=True))


def tokens(html: str) -> set[str]:
    """Every CSRF token in a page: the header's and each form's."""
    return set(re.findall(r'name="csrf[-_]token" (?:content|value)="([^"]+)"', html))


@pytest.mark.neo4j
def test_a_shared_actor_page_shows_each_role_only_its_own_controls(app: Any) -> None:
    viewer, editor = login(app.test_client(), "viewer"), login(app.test_client(), "editor")
    edit_form = 'action="/actors/tbb/edit'
    assert edit_form not in page(viewer, "/actors/tbb") and edit_form not in page(viewer, "/actors/tbb")
    assert edit_form in page(editor, "/actors/tbb")
    assert edit_form not in page(viewer, "/actors/tbb")  # after the editor's page was made and kept


@pytest.mark.neo4j
@pytest.mark.parametrize("path", ["/actors/tbb", "/entry-points"])
def test_a_shared_page_carries_each_session_its_own_csrf_token(app: Any, path: str) -> None:
    one, two = login(app.test_client(), "editor"), login(app.test_client(), "editor")
    first, second = page(one, path), page(two, path)
    assert len(tokens(first)) == 1 and len(tokens(second)) == 1 and tokens(first) != tokens(second)
    assert not re.search(r"csrf[0-9a-f]{32}", first + second)  # no placeholder left in a page


@pytest.mark.neo4j
def test_a_form_of_a_shared_actor_page_is_accepted_with_its_token(app: Any) -> None:
    editor = login(app.test_client(), "editor")
    page(editor, "/actors/tbb")  # made and kept for the role
    (token,) = tokens(page(editor, "/actors/tbb"))
    data = {"date": "2024-05-02", "status": "contacted", "note": "shared", "csrf_token": token}
    assert editor.post("/actors/tbb/engagements", data=data).status_code == 302


@pytest.mark.neo4j
def test_an_owner_set_here_shows_on_the_next_actor_page(app: Any) -> None:
    editor = login(app.test_client(), "editor")
    (token,) = tokens(page(editor, "/actors/tbb"))
    assert editor.post("/actors/tbb/owner", data={"owner": "analyst", "csrf_token": token}).status_code == 302
    assert "<dd>analyst</dd>" in page(editor, "/actors/tbb")
    (token,) = tokens(page(editor, "/actors/tbb"))
    assert editor.post("/actors/tbb/owner", data={"owner": "admin", "csrf_token": token}).status_code == 302
    assert "<dd>admin</dd>" in page(editor, "/actors/tbb")  # the write, and the data version, count it


@pytest.mark.neo4j
def test_a_next_step_set_by_another_process_shows_on_the_next_actor_page(app: Any, web_store: Any) -> None:
    from netmap.store.owners import set_next_step

    editor = login(app.test_client(), "editor")
    for step in ("Send the pilot brief", "Call the regional director"):  # the first one creates the record
        assert step not in page(editor, "/actors/tbb")  # the page is now shared
        set_next_step(web_store, "tbb", step, "2027-01-15", by="cli")  # not through the app
        deadline = time.monotonic() + 6  # the app re-reads the data version every 2 s
        while step not in page(editor, "/actors/tbb"):
            assert time.monotonic() < deadline, "the shared actor page kept the next step it had"
            time.sleep(0.3)


@pytest.mark.neo4j
def test_shared_pages_are_kept_per_language_and_query(app: Any) -> None:
    viewer = login(app.test_client(), "viewer")
    english = page(viewer, "/entry-points")
    french = page(viewer, "/entry-points", **{"Accept-Language": "fr"})
    assert "Entry points for advocacy" in english and "Entry points for advocacy" not in french
    assert "Entry points for advocacy" in page(viewer, "/entry-points")
    assert '<option value="Company" selected' not in english
    assert '<option value="Company" selected' in page(viewer, "/entry-points?kind=Company")
    assert "<h2>Attributes</h2>" in page(viewer, "/actors/unhcr")
    assert "<h2>Características</h2>" in page(viewer, "/actors/unhcr", **{"Accept-Language": "es"})
    assert "<h2>Attributes</h2>" in page(viewer, "/actors/unhcr")


@pytest.mark.neo4j
def test_a_shared_actor_page_stays_escaped(app: Any) -> None:
    viewer = login(app.test_client(), "viewer")
    for _ in range(2):  # made, then served from the table
        html = page(viewer, "/actors/xss-ngo")
        assert XSS_NAME not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
