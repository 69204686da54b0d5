# ruff: noqa: F811  (pytest fixtures imported from tests.web_fixtures)
"""After an edit the pages keep answering from the previous analysis while the new one is made in the
background (netmap.web.snapshots), and an engagement edit never computes the structure again."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from netmap.web import snapshots

from netmap.analytics import structure
from netmap.store.views import bump_version
from tests.web_fixtures import HOME, csrf_token, login, make_app, web_store  # noqa: F401


@pytest.fixture
def app(web_store: Any, neo4j_settings: Any) -> Any:  # noqa: F811
    """The app as it runs by default: a request waits at most refresh_wait (0 here) for a new analysis."""
    return make_app(neo4j_settings.with_overrides(extra={"refresh_wait": 0}), web_store)


@pytest.fixture
def structure_calls(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """Counts the structural computations; each waits for ``release`` (set it to let them finish)."""
    calls: dict[str, Any] = {"count": 0, "release": threading.Event()}
    real = structure.structural_scores

    def held(*args: Any, **kwargs: Any) -> Any:
        calls["count"] += 1
        calls["release"].wait(60)
        return real(*args, **kwargs)

    monkeypatch.setattr(structure, "structural_scores", held)
    return calls


def _fresh(app: Any) -> snapshots.Snapshot:
    return snapshots.wait_until_fresh(
        app.extensions["netmap_store"], app.extensions["netmap_settings"], analyses=snapshots.analyses(app)
    )


def _candidate(snap: snapshots.Snapshot) -> str:
    return next(str(e.id) for e in snap.entry_points() if e.engagement in (None, "none") and e.id != "xss-ngo")


@pytest.fixture
def graph_reads(web_store: Any, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the reads of the whole graph (``graph_rows``)."""
    calls: list[int] = []
    real = web_store.graph_rows

    def counted() -> Any:
        calls.append(1)
        return real()

    monkeypatch.setattr(web_store, "graph_rows", counted)
    return calls


def _full(app: Any, snap: snapshots.Snapshot) -> snapshots.Snapshot:
    """What reading the whole graph again gives for the version of ``snap``."""
    return snapshots._build(
        app.extensions["netmap_store"], app.extensions["netmap_settings"], snap.version, HOME
    ).warm()


def _same_analysis(a: snapshots.Snapshot, b: snapshots.Snapshot) -> None:
    assert list(a.graph.nodes(data=True)) == list(b.graph.nodes(data=True))
    assert list(a.graph.edges(data=True)) == list(b.graph.edges(data=True))
    assert [e.as_dict() for e in a.entry_points()] == [e.as_dict() for e in b.entry_points()]
    assert a.routes().parents() == b.routes().parents()
    assert a.structure.nodes == b.structure.nodes


def test_an_engagement_is_served_at_once_without_reading_the_graph_or_computing_the_structure(
    app: Any, web_store: Any, structure_calls: dict[str, Any], graph_reads: list[int]
) -> None:
    structure_calls["release"].set()
    before = _fresh(app).warm()
    calls_before, reads_before = structure_calls["count"], len(graph_reads)
    actor = _candidate(before)
    client = login(app.test_client(), "editor")
    posted = client.post(
        f"/actors/{actor}/engagements",
        data={"date": "2026-01-05", "status": "contacted", "csrf_token": csrf_token(client, "/")},
    )
    assert posted.status_code == 302
    page = client.get("/entry-points").get_data(as_text=True)
    assert "Updating…" not in page
    settings = app.extensions["netmap_settings"]
    after = snapshots.snapshot(web_store, settings, wait=0, analyses=snapshots.analyses(app))
    assert after is not before and after.entry_point(actor).engagement == "contacted"
    assert after.graph.has_edge(HOME, actor) and not before.graph.has_edge(HOME, actor)
    assert after.structure is before.structure
    assert len(graph_reads) == reads_before and structure_calls["count"] == calls_before
    _same_analysis(after, _full(app, after))


def test_an_assessment_reaches_the_ranking_at_once_as_a_full_read_would(
    app: Any, web_store: Any, structure_calls: dict[str, Any], graph_reads: list[int]
) -> None:
    structure_calls["release"].set()
    before = _fresh(app).warm()
    reads_before = len(graph_reads)
    actor = _candidate(before)
    client = login(app.test_client(), "editor")
    posted = client.post(
        f"/actors/{actor}/assessments",
        data={"influence": "5", "interest": "4", "stance": "supportive", "csrf_token": csrf_token(client, "/")},
    )
    assert posted.status_code == 302
    after = snapshots.snapshot(web_store, app.extensions["netmap_settings"], wait=0, analyses=snapshots.analyses(app))
    assert after.entry_point(actor).details["assessment"]["influence"] == 5
    assert len(graph_reads) == reads_before
    _same_analysis(after, _full(app, after))


def test_an_engagement_recorded_by_another_process_is_patched_too(
    app: Any, web_store: Any, structure_calls: dict[str, Any], graph_reads: list[int]
) -> None:
    from netmap.store.views import add_engagement

    structure_calls["release"].set()
    before = _fresh(app).warm()
    reads_before = len(graph_reads)
    actor = _candidate(before)
    # the CLI or a second server: a write this app did not make (the version is read again after 2 s)
    add_engagement(web_store, actor, date="2026-01-06", status="contacted", note="", by="cli", home_actor=HOME)
    snapshots.invalidate(web_store, analyses=snapshots.analyses(app))  # what waiting out the 2 s gives
    after = snapshots.snapshot(web_store, app.extensions["netmap_settings"], wait=0, analyses=snapshots.analyses(app))
    assert after.entry_point(actor).engagement == "contacted" and len(graph_reads) == reads_before


def test_a_next_step_changes_nothing_in_the_analysis_and_reads_no_graph(
    app: Any, web_store: Any, structure_calls: dict[str, Any], graph_reads: list[int]
) -> None:
    from netmap.store.owners import set_next_step

    structure_calls["release"].set()
    before = _fresh(app).warm()
    reads_before = len(graph_reads)
    set_next_step(web_store, _candidate(before), "call them", "2026-02-01", by="cli")  # a first one: a new link
    snapshots.invalidate(web_store, analyses=snapshots.analyses(app))
    after = _fresh(app)
    assert len(graph_reads) == reads_before
    assert [e.as_dict() for e in after.entry_points()] == [e.as_dict() for e in before.entry_points()]


def test_when_the_log_of_edits_no_longer_reaches_back_the_graph_is_read_again(
    app: Any, web_store: Any, structure_calls: dict[str, Any], graph_reads: list[int]
) -> None:
    from netmap.store.reads import light_changes
    from netmap.store.views import add_engagement, light_count

    structure_calls["release"].set()
    before = _fresh(app).warm()
    since = light_count(before.version)
    assert since is not None
    add_engagement(
        web_store, _candidate(before), date="2026-01-06", status="contacted", note="", by="cli", home_actor=HOME
    )
    web_store.execute_write("MATCH (m:NetmapMeta {key: 'data'}) SET m.light = m.light + 1000")
    assert light_changes(web_store, since) is None
    reads_before = len(graph_reads)
    snapshots.invalidate(web_store, analyses=snapshots.analyses(app))
    after = _fresh(app)
    assert after is not before and len(graph_reads) == reads_before + 1


def test_the_web_app_a_restart_and_a_cli_command_share_the_scores_of_one_data_version(
    app: Any, web_store: Any, structure_calls: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    from netmap.analytics import cache, report

    structure_calls["release"].set()
    served = _fresh(app).structure
    computed = structure_calls["count"]
    monkeypatch.setattr(cache, "_CACHES", {})  # a new process: nothing in memory, the files on disk
    settings = app.extensions["netmap_settings"]
    restarted = snapshots.snapshot(web_store, settings, analyses=snapshots.Analyses()).structure
    cli = report.actor_report(report.load(web_store, settings), settings, HOME)
    assert structure_calls["count"] == computed  # neither computed them again
    assert restarted.nodes == served.nodes and cli["scores"] == served.nodes[HOME]


def test_a_tie_edit_serves_the_previous_result_then_the_new_one(
    app: Any, web_store: Any, structure_calls: dict[str, Any]
) -> None:
    structure_calls["release"].set()
    before = _fresh(app).warm()
    structure_calls["release"].clear()
    calls_before = structure_calls["count"]
    actors = sorted(n for n, d in before.graph.nodes(data=True) if d.get("label") == "Actor" and n != HOME)
    a, b = next((a, b) for a in actors for b in actors if a < b and not before.graph.has_edge(a, b))
    web_store.execute_write(
        "MATCH (a:Actor {id: $a}), (b:Actor {id: $b}) CREATE (a)-[:PARTNERS_WITH {key: 'h7-test'}]->(b)",
        {"a": a, "b": b},
    )
    bump_version(web_store)
    snapshots.invalidate(web_store, analyses=snapshots.analyses(app))
    client = login(app.test_client(), "viewer")
    served = snapshots.snapshot(web_store, app.extensions["netmap_settings"], wait=0, analyses=snapshots.analyses(app))
    assert served is before and not before.graph.has_edge(a, b)
    page = client.get(f"/actors/{a}")
    assert page.status_code == 200 and "Updating…" in page.get_data(as_text=True)
    structure_calls["release"].set()
    after = _fresh(app)
    assert after.graph.has_edge(a, b) and after.structure.nodes[a] is not None
    assert structure_calls["count"] == calls_before + 1
    assert "Updating…" not in client.get(f"/actors/{a}").get_data(as_text=True)


def test_actor_name_is_the_name_of_an_actor_and_none_for_anything_else() -> None:
    import networkx as nx

    graph = nx.Graph()
    graph.add_node("a", label="Actor", name="Alpha")
    graph.add_node("b")  # an actor without a name is named by its id
    graph.add_node("i", label="Initiative", name="Forum")
    snap = snapshots.Snapshot("v1", graph, None, None)
    assert [snap.actor_name(n) for n in ("a", "b", "i", "missing")] == ["Alpha", "b", None, None]


def test_a_snapshot_table_computes_an_entry_once_and_is_bounded() -> None:
    import networkx as nx

    snap = snapshots.Snapshot("v1", nx.Graph(), None, None)
    calls: list[str] = []
    for _ in range(3):
        assert snap.cached("json", "view|en", lambda: calls.append("made") or b"{}") == b"{}"
    assert calls == ["made"] and snap._tables["json"].cache["view|en"] == b"{}"
    for i in range(snapshots.TABLES["payloads"] + 5):
        snap.cached("payloads", f"view-{i}", dict)
    payloads = snap._tables["payloads"].cache
    assert len(payloads) == snapshots.TABLES["payloads"] and "view-0" not in payloads


def test_the_new_analysis_holds_the_map_views_served_before_it_is_served(
    app: Any, web_store: Any, structure_calls: dict[str, Any]
) -> None:
    structure_calls["release"].set()
    client = login(app.test_client(), "viewer")
    for path in ("/api/map", "/api/map?layout=force&kind=Company"):
        assert client.get(path).status_code == 200
    before = _fresh(app)
    served = list(before._tables["payloads"].cache)[-4:]
    assert any("layout=force" in key for key in served)
    bump_version(web_store)
    snapshots.invalidate(web_store, analyses=snapshots.analyses(app))
    after = _fresh(app)  # no map request on it yet
    assert after is not before
    assert set(served) <= set(after._tables["payloads"].cache)
    assert {after._tables["payloads"].cache[key]["version"] for key in served} == {after.version}
    assert client.get("/api/map").get_json()["version"] == after.version


def test_after_an_engagement_the_map_serves_the_previous_views_until_the_new_views_and_lists_are_made(
    app: Any, web_store: Any, structure_calls: dict[str, Any]
) -> None:
    import time

    structure_calls["release"].set()
    viewer = login(app.test_client(), "viewer")
    assert viewer.get("/api/map").status_code == 200
    assert viewer.get("/entry-points?sphere=economic").status_code == 200
    before = _fresh(app)
    served, lists = list(before._tables["payloads"].cache), before.keys("entry_rows")
    editor = login(app.test_client(), "editor")
    editor.post(
        f"/actors/{_candidate(before)}/engagements",
        data={"date": "2026-01-05", "status": "contacted", "csrf_token": csrf_token(editor, "/")},
    )
    after = snapshots.snapshot(web_store, app.extensions["netmap_settings"], wait=0, analyses=snapshots.analyses(app))
    assert after is not before
    assert viewer.get("/api/map").get_json()["version"] in (before.version, after.version)
    deadline = time.monotonic() + 60
    while after._views_from is not None and time.monotonic() < deadline:  # laid out in the background
        time.sleep(0.05)
    assert after._views_from is None and set(served) <= set(after._tables["payloads"].cache)
    assert lists and set(lists) <= set(after.keys("entry_rows"))  # made before a request asks
    assert {after._tables["payloads"].cache[key]["version"] for key in served} == {after.version}
    assert viewer.get("/api/map").get_json()["version"] == after.version


def test_each_app_keeps_its_own_analyses_and_a_caller_without_an_app_passes_one(
    app: Any, web_store: Any, neo4j_settings: Any
) -> None:
    settings = app.extensions["netmap_settings"]
    mine = snapshots.snapshot(web_store, settings, analyses=snapshots.analyses(app))
    assert snapshots.analyses(app) is snapshots.analyses(app)
    other = make_app(neo4j_settings, web_store)
    assert snapshots.snapshot(web_store, settings, analyses=snapshots.analyses(other)) is not mine
    own = snapshots.Analyses()
    assert snapshots.snapshot(web_store, settings, analyses=own).version == mine.version
    with pytest.raises(RuntimeError):  # no app and no Analyses given: no module state to fall back on
        snapshots.snapshot(web_store, settings)
