# ruff: noqa: F811  (pytest fixtures imported from tests.web_fixtures)
"""Flask test client over a real Neo4j: every route for every role, security headers, bad input."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.web_fixtures import HOME, PASSWORD, ROLES, XSS_NAME, app, csrf_token, login, web_store  # noqa: F401

pytestmark = pytest.mark.neo4j

#: (method, path, form-or-json, least role that may use it)
ROUTES: list[tuple[str, str, Any, str]] = [
    ("GET", "/", None, "viewer"),
    ("GET", "/api/map", None, "viewer"),
    ("GET", "/api/map?kind=Company&sphere=economic", None, "viewer"),
    ("GET", "/api/search?q=unh", None, "viewer"),
    ("GET", f"/actors/{HOME}", None, "viewer"),
    ("GET", "/actors/unhcr", None, "viewer"),
    ("GET", "/entry-points", None, "viewer"),
    ("GET", "/api/entry-points", None, "viewer"),
    ("GET", "/entry-points.csv", None, "viewer"),
    ("GET", "/paths", None, "viewer"),
    ("GET", f"/api/paths?from={HOME}&to=unhcr", None, "viewer"),
    ("POST", "/api/layout", {"json": {"view": "", "positions": {"iom": [1, 2]}}}, "editor"),
    (
        "POST",
        "/actors/tbb/engagements",
        {"data": {"date": "2024-05-01", "status": "contacted", "note": "call"}},
        "editor",
    ),
    ("POST", "/actors/tbb/edit", {"data": {"description": "Talent Beyond Boundaries"}}, "editor"),
    ("GET", "/my-actors", None, "viewer"),
    ("POST", "/actors/tbb/owner", {"data": {"owner": "editor"}}, "editor"),
    ("POST", "/actors/tbb/next-step", {"data": {"step": "Call back", "due": "2026-12-20"}}, "editor"),
    ("GET", "/import", None, "editor"),
    ("GET", "/console", None, "analyst"),
    ("POST", "/console", {"data": {"cypher": "MATCH (a:Actor) RETURN a.name LIMIT 3"}}, "analyst"),
    ("POST", "/console/saved/engagement_pipeline", {"data": {}}, "analyst"),
]


def _call(client: Any, method: str, path: str, body: Any, token: str | None) -> Any:
    if method == "GET":
        return client.get(path)
    if body and "json" in body:
        return client.post(path, json=body["json"], headers={"X-CSRFToken": token or ""})
    return client.post(path, data={**(body or {}).get("data", {}), "csrf_token": token or ""})


@pytest.mark.parametrize("role", ROLES)
def test_every_route_for_every_role(app: Any, role: str) -> None:
    from netmap.auth import allows

    client = login(app.test_client(), role)
    token = csrf_token(client, "/")
    for method, path, body, needed in ROUTES:
        response = _call(client, method, path, body, token)
        if allows(role, needed):
            assert response.status_code in (200, 302), (
                role,
                path,
                response.status_code,
                response.get_data(as_text=True)[:300],
            )
        else:
            assert response.status_code == 403, (role, path, response.status_code)
            assert "Traceback" not in response.get_data(as_text=True)


def test_anonymous_is_sent_to_login(app: Any) -> None:
    client = app.test_client()
    for method, path, body, _needed in ROUTES:
        response = _call(client, method, path, body, csrf_token(client))
        if method == "GET" and not path.startswith("/api/") and not path.endswith(".csv"):
            assert response.status_code == 302 and "/login" in response.headers["Location"], path
        else:
            assert response.status_code in (401, 302), (path, response.status_code)
            if response.status_code == 302:
                assert "/login" in response.headers["Location"]


def test_wrong_password_and_open_redirect(app: Any) -> None:
    client = app.test_client()
    token = csrf_token(client)
    bad = client.post("/login", data={"name": "viewer", "password": "nope", "csrf_token": token})
    assert bad.status_code == 401 and "wrong password" in bad.get_data(as_text=True)
    ok = client.post("/login?next=//evil.example/x", data={"name": "viewer", "password": PASSWORD, "csrf_token": token})
    assert ok.status_code == 302 and ok.headers["Location"] == "/"


def test_csrf_missing_or_stale(app: Any) -> None:
    client = login(app.test_client(), "editor")
    missing = client.post("/actors/tbb/engagements", data={"date": "2024-01-01", "status": "contacted"})
    assert missing.status_code == 400 and "security token" in missing.get_data(as_text=True)
    stale = client.post(
        "/actors/tbb/engagements",
        data={
            "date": "2024-01-01",
            "status": "contacted",
            "csrf_token": "IjAxMjM0NTY3ODkwMTIzNDU2Nzg5MDEyMzQ1Njc4OWFiIg.Zz.x",
        },
    )
    assert stale.status_code == 400
    no_header = client.post("/api/layout", json={"view": "", "positions": {}})
    assert no_header.status_code == 400
    login_no_token = app.test_client().post("/login", data={"name": "viewer", "password": PASSWORD})
    assert login_no_token.status_code == 400


def test_security_headers_and_cookie_flags(app: Any) -> None:
    client = app.test_client()
    response = client.get("/login")
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "unsafe" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    token = csrf_token(client)
    login_response = client.post("/login", data={"name": "viewer", "password": PASSWORD, "csrf_token": token})
    cookie = login_response.headers.get("Set-Cookie", "")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_pages_reference_no_other_host(app: Any) -> None:
    client = login(app.test_client(), "admin")
    for path in ("/", f"/actors/{HOME}", "/entry-points", "/paths", "/console", "/import", "/login"):
        page = client.get(path).get_data(as_text=True)
        assert not re.search(r'src="(https?:)?//', page), path
        assert not re.search(r'<link[^>]+href="(https?:)?//', page), path
        assert "<script>" not in page and "onclick" not in page.lower()


def test_xss_name_is_escaped_everywhere(app: Any) -> None:
    client = login(app.test_client(), "admin")
    page = client.get("/actors/xss-ngo").get_data(as_text=True)
    assert XSS_NAME not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    home = client.get(f"/actors/{HOME}").get_data(as_text=True)
    assert XSS_NAME not in home
    data = client.get("/api/map?focus=xss-ngo&hops=1").get_json()
    node = next(n for n in data["nodes"] if n["id"] == "xss-ngo")
    assert node["name"] == XSS_NAME  # sent as data; the page draws labels on the canvas and titles as text
    assert "application/json" in client.get("/api/map?focus=xss-ngo&hops=1").headers["Content-Type"]
    token = csrf_token(client, "/")
    console = client.post("/console", data={"cypher": "MATCH (a:Actor {id: 'xss-ngo'}) RETURN a", "csrf_token": token})
    assert XSS_NAME not in console.get_data(as_text=True)


def test_unknown_actor_is_a_404_page(app: Any) -> None:
    client = login(app.test_client(), "viewer")
    response = client.get("/actors/no-such-actor")
    assert response.status_code == 404 and "no actor with id" in response.get_data(as_text=True)
    assert client.get("/no/such/page").status_code == 404
    assert client.get("/api/map?focus=no-such-actor").status_code == 404


@pytest.mark.parametrize(
    "query", ["kind=Martian", "hops=7", "hops=abc", "sphere=space", "aggregate=all", "kind=" + "x" * 300]
)
def test_malformed_filters_are_400(app: Any, query: str) -> None:
    client = login(app.test_client(), "viewer")
    response = client.get("/api/map?" + query)
    assert response.status_code == 400 and response.get_json()["error"] == "Check your input"
    assert client.get("/entry-points?" + query).status_code == 400


def test_filter_that_matches_nothing_is_an_empty_state(app: Any) -> None:
    client = login(app.test_client(), "viewer")
    data = client.get("/api/map?country=ATA&kind=TradeUnion").get_json()
    assert [n["id"] for n in data["nodes"]] in ([], [HOME]) and any("No actor" in n for n in data["notes"])
    page = client.get("/entry-points?country=ATA")
    assert page.status_code == 200 and "No entry point matches" in page.get_data(as_text=True)


def test_map_data_filters_ego_and_positions(app: Any) -> None:
    client = login(app.test_client(), "viewer")
    full = client.get("/api/map").get_json()
    assert 200 < len(full["nodes"]) <= 1500 and full["total"] == len(full["nodes"])
    assert all("x" in n and "y" in n for n in full["nodes"])
    assert full["options"]["physics"]["enabled"] is False
    home = next(n for n in full["nodes"] if n["id"] == HOME)
    assert home["home"] and home["shape"] == "star"
    assert any(n["entry"] for n in full["nodes"]) and any(n["partner"] for n in full["nodes"])
    companies = client.get("/api/map?kind=Company").get_json()
    assert {n["kind"] for n in companies["nodes"] if n["id"] != HOME} == {"Company"}
    ego1 = client.get("/api/map?focus=unhcr&hops=1").get_json()
    ego2 = client.get("/api/map?focus=unhcr&hops=2").get_json()
    assert 1 < len(ego1["nodes"]) < len(ego2["nodes"])
    again = client.get("/api/map?focus=unhcr&hops=2").get_json()
    assert again["nodes"] == ego2["nodes"]  # deterministic / cached


def test_map_is_bounded_with_a_note(app: Any) -> None:
    from tests.web_fixtures import make_app

    small = make_app(app.extensions["netmap_settings"], app.extensions["netmap_store"], MAP_MAX_NODES=50)
    client = login(small.test_client(), "viewer")
    top = client.get("/api/map").get_json()
    assert len(top["nodes"]) == 50 and top["total"] > 50 and "top 50" in top["notes"][0]
    assert any(n["id"] == HOME for n in top["nodes"])
    comm = client.get("/api/map?aggregate=communities").get_json()
    assert comm["aggregated"] and len(comm["nodes"]) <= 50 and "communities" in comm["notes"][0]


def test_save_layout_positions_are_used(app: Any) -> None:
    client = login(app.test_client(), "editor")
    token = csrf_token(client, "/")
    response = client.post(
        "/api/layout",
        json={"view": "focus=unhcr&hops=1", "positions": {"unhcr": [123.0, -45.0]}},
        headers={"X-CSRFToken": token},
    )
    assert response.status_code == 200 and response.get_json()["saved"] == 1
    data = client.get("/api/map?focus=unhcr&hops=1").get_json()
    node = next(n for n in data["nodes"] if n["id"] == "unhcr")
    assert (node["x"], node["y"]) == (123.0, -45.0)
    bad = client.post("/api/layout", json={"view": "", "positions": {"a": ["x", 1]}}, headers={"X-CSRFToken": token})
    assert bad.status_code == 400


def test_save_layout_refuses_node_ids_the_view_does_not_show(app: Any) -> None:
    client = login(app.test_client(), "editor")
    token = csrf_token(client, "/")
    invented = {f"invented-{n}": [n, n] for n in range(100)}
    response = client.post(
        "/api/layout", json={"view": "focus=unhcr&hops=1", "positions": invented}, headers={"X-CSRFToken": token}
    )
    assert response.status_code == 400 and "100 id(s) are not on this view" in response.get_data(as_text=True)


def test_search_autocomplete(app: Any) -> None:
    client = login(app.test_client(), "viewer")
    rows = client.get("/api/search?q=unhc").get_json()
    assert rows and rows[0]["id"] == "unhcr"
    assert client.get("/api/search?q=").get_json() == []


def test_actor_page_sections(app: Any) -> None:
    client = login(app.test_client(), "viewer")
    page = client.get("/actors/unhcr").get_data(as_text=True)
    for heading in ("Attributes", "Scores", "Warm paths from us", "Relationships", "Sources", "Engagement log"):
        assert heading in page
    assert "actors.csv" in page  # the sample import is listed as a source
    assert "Record engagement" not in page  # viewers cannot edit


def test_engagement_and_edit(app: Any, web_store: Any) -> None:
    client = login(app.test_client(), "editor")
    token = csrf_token(client, "/")
    r = client.post(
        "/actors/adecco/engagements",
        data={"date": "2025-03-04", "status": "contacted", "note": "<b>met</b> at the forum", "csrf_token": token},
    )
    assert r.status_code == 302
    page = client.get("/actors/adecco").get_data(as_text=True)
    assert "&lt;b&gt;met&lt;/b&gt; at the forum" in page and "2025-03-04" in page
    row = web_store.execute_read(
        "MATCH (a:Actor {id: 'adecco'}) OPTIONAL MATCH (:Actor {id: $home})-[r:ENGAGED_WITH]->(a) "
        "RETURN a.engagement AS status, r.status AS tie",
        {"home": HOME},
    )[0]
    assert row == {"status": "contacted", "tie": "contacted"}
    bad = client.post(
        "/actors/adecco/engagements", data={"date": "yesterday", "status": "contacted", "csrf_token": token}
    )
    assert bad.status_code == 400 and "not a date" in bad.get_data(as_text=True)
    bad = client.post(
        "/actors/adecco/engagements", data={"date": "2025-01-01", "status": "married", "csrf_token": token}
    )
    assert bad.status_code == 400
    r = client.post("/actors/adecco/edit", data={"influence": "5", "sectors": "staffing, health", "csrf_token": token})
    assert r.status_code == 302
    assert web_store.execute_read("MATCH (a {id: 'adecco'}) RETURN a.influence AS i, a.sectors AS s")[0] == {
        "i": 5.0,
        "s": ["staffing", "health"],
    }
    bad = client.post("/actors/adecco/edit", data={"kind": "Alien", "csrf_token": token})
    assert bad.status_code == 400
    assert (
        client.post(
            "/actors/nobody/engagements", data={"date": "2025-01-01", "status": "contacted", "csrf_token": token}
        ).status_code
        == 404
    )


def test_entry_points_table_and_csv(app: Any) -> None:
    client = login(app.test_client(), "viewer")
    page = client.get("/entry-points?sphere=economic").get_data(as_text=True)
    assert "Download CSV" in page and "influence" in page
    rows = client.get("/api/entry-points?sphere=economic").get_json()
    assert rows and all(r["sphere"] == "economic" for r in rows) and rows[0]["reasons"]
    csv_text = client.get("/entry-points.csv?sphere=economic").get_data(as_text=True)
    lines = csv_text.splitlines()
    assert lines[0].startswith("rank,id,name") and len(lines) >= len(rows)


def test_paths(app: Any) -> None:
    client = login(app.test_client(), "viewer")
    data = client.get(f"/api/paths?from={HOME}&to=adecco&k=3").get_json()
    assert data["paths"] and data["paths"][0]["nodes"][0] == HOME and data["paths"][0]["text"]
    assert {n["id"] for n in data["nodes"]} >= {HOME, "adecco"}
    assert client.get(f"/api/paths?from={HOME}&to=nobody").status_code == 404
    assert client.get(f"/api/paths?from={HOME}&to={HOME}").status_code == 400
    assert client.get(f"/api/paths?from={HOME}&to=adecco&k=x").status_code == 400
    assert client.get("/api/paths?from=&to=").status_code == 400


def test_console_read_write_timeout_and_saved(app: Any, web_store: Any) -> None:
    client = login(app.test_client(), "analyst")
    token = csrf_token(client, "/")
    ok = client.post(
        "/console", data={"cypher": "MATCH (a:Actor)-[r]->(b) RETURN a, r, b LIMIT 5", "csrf_token": token}
    )
    body = ok.get_data(as_text=True)
    assert ok.status_code == 200 and 'id="console-table"' in body and 'id="console-graph"' in body
    before = web_store.execute_read("MATCH (n) RETURN count(n) AS n")[0]["n"]
    refused = client.post("/console", data={"cypher": "CREATE (:Actor {id: 'evil'})", "csrf_token": token})
    assert refused.status_code == 400 and "not run" in refused.get_data(as_text=True)
    assert web_store.execute_read("MATCH (n) RETURN count(n) AS n")[0]["n"] == before
    for cypher in ("MATCH (n) DETACH DELETE n", "MATCH (a) SET a.x = 1", "CREATE INDEX foo FOR (n:X) ON (n.y)"):
        assert client.post("/console", data={"cypher": cypher, "csrf_token": token}).status_code == 400
    syntax = client.post("/console", data={"cypher": "MATCH (", "csrf_token": token})
    assert syntax.status_code == 400 and "Traceback" not in syntax.get_data(as_text=True)
    from tests.web_fixtures import make_app

    quick = make_app(app.extensions["netmap_settings"].with_overrides(query_timeout=1.0, query_row_limit=7), web_store)
    qc = login(quick.test_client(), "analyst")
    qtoken = csrf_token(qc, "/")
    endless = qc.post(
        "/console",
        data={"cypher": "UNWIND range(1, 100000000000) AS x WITH x WHERE x < 0 RETURN count(x)", "csrf_token": qtoken},
    )
    assert endless.status_code == 400 and "time limit" in endless.get_data(as_text=True)
    limited = qc.post("/console", data={"cypher": "UNWIND range(1, 100) AS x RETURN x", "csrf_token": qtoken})
    assert "truncated" in limited.get_data(as_text=True)
    saved = client.post(
        "/console/saved/employers_without_tie", data={"country": "DEU", "home": HOME, "limit": "5", "csrf_token": token}
    )
    assert saved.status_code == 200
    missing = client.post("/console/saved/actor_neighbourhood", data={"id": "", "limit": "5", "csrf_token": token})
    assert missing.status_code == 400 and "required" in missing.get_data(as_text=True)
    assert client.post("/console/saved/nope", data={"csrf_token": token}).status_code == 404


def test_console_lists_saved_queries(app: Any) -> None:
    from netmap.store.saved_queries import load_queries

    client = login(app.test_client(), "admin")
    page = client.get("/console").get_data(as_text=True)
    for q in load_queries():
        assert q.title.replace("'", "&#39;") in page


def test_errors_never_show_a_traceback(app: Any) -> None:
    from tests.web_fixtures import make_app

    broken = make_app(app.extensions["netmap_settings"], app.extensions["netmap_store"])

    @broken.route("/boom")
    def boom() -> Any:
        raise RuntimeError("secret internals")

    boom._netmap_role = "viewer"  # type: ignore[attr-defined]
    broken.view_functions["boom"]._netmap_role = "viewer"
    client = login(broken.test_client(), "viewer")
    response = client.get("/boom")
    text = response.get_data(as_text=True)
    assert response.status_code == 500 and "secret internals" not in text and "Traceback" not in text


def test_actor_page_reads_in_one_round_trip_what_the_four_reads_gave(web_store: Any) -> None:
    from netmap.errors import NotFound
    from netmap.store import views
    from netmap.store.actor_page import actor_page

    web_store.execute_write(
        "MATCH (a:Entity {id: 'unhcr'}) CREATE (:Engagement {id: 'e-test', date: '2024-01-02', status: 'contacted',"
        " note: 'hello', by: 'test', at: datetime()})-[:ABOUT]->(a)"
    )
    ids = [r["id"] for r in web_store.execute_read("MATCH (n:Entity) RETURN n.id AS id ORDER BY id")]
    assert len(ids) > 10

    def by_other(grouped: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
        return {
            t: sorted(rows, key=lambda r: (str(r["otherName"]), r["other"], r["outgoing"]))
            for t, rows in grouped.items()
        }

    for actor_id in ids:
        page = actor_page(web_store, actor_id)
        assert page["actor"] == views.actor(web_store, actor_id)
        assert by_other(page["relationships"]) == by_other(views.actor_relationships(web_store, actor_id))
        assert page["sources"] == views.actor_sources(web_store, actor_id)
        assert page["log"] == views.engagement_log(web_store, actor_id)
    assert actor_page(web_store, "unhcr")["log"][0]["note"] == "hello"
    with pytest.raises(NotFound):
        actor_page(web_store, "nobody")


def test_actor_page_reads_the_sections_other_modules_own_in_the_same_query(web_store: Any) -> None:
    from netmap.store.actor_page import actor_page
    from netmap.store.assessments import add_assessment, assessment_history
    from netmap.store.edits import update_actor
    from netmap.store.history import count_changes, list_changes
    from netmap.store.introductions import introductions, request_introduction
    from netmap.store.owners import set_next_step, stewardship

    add_assessment(web_store, "tbb", influence=4, interest=3, stance="supportive", note="n1", by="t", date="2026-01-05")
    add_assessment(web_store, "tbb", influence=2, interest=5, stance="neutral", note="n2", by="t", date="2026-03-01")
    set_next_step(web_store, "tbb", "Call back", "2026-12-20", by="t")
    request_introduction(web_store, "unhcr", "tbb", route="us → UNHCR → TBB", route_ids=["unhcr"], note="", by="t")
    for i in range(12):
        update_actor(web_store, "tbb", {"description": f"version {i}"}, by="t")
    for actor_id in ("tbb", "unhcr", HOME):
        page = actor_page(web_store, actor_id, changes=10)
        assert page["assessments"] == assessment_history(web_store, actor_id)
        assert page["stewardship"] == stewardship(web_store, actor_id)
        assert page["introductions"] == introductions(web_store, actor_id)
        assert page["changes"] == list_changes(web_store, actor_id, limit=10)
        assert page["change_count"] == count_changes(web_store, actor_id)
    page = actor_page(web_store, "tbb", changes=10)
    assert [a["note"] for a in page["assessments"]] == ["n2", "n1"]
    assert page["stewardship"]["next_step"] == "Call back" and len(page["introductions"]) == 1
    assert len(page["changes"]) == 10 and page["change_count"] >= 14
    assert actor_page(web_store, "unhcr")["stewardship"] is None


def test_shared_analysis_is_computed_once_for_concurrent_requests(app: Any, web_store: Any, monkeypatch: Any) -> None:
    import threading

    from netmap.web import snapshots as layout

    import netmap.analytics.entry_points as entry_module

    settings = app.extensions["netmap_settings"]
    shared = layout.analyses(app)
    layout.invalidate(web_store, analyses=shared)
    with shared.snap_lock:
        shared.snapshots.clear()
    calls = {"graph_rows": 0, "rank": 0}
    real_rows, real_rank = web_store.graph_rows, entry_module.rank_entry_points

    def counted_rows() -> Any:
        calls["graph_rows"] += 1
        return real_rows()

    def counted_rank(*args: Any, **kwargs: Any) -> Any:
        calls["rank"] += 1
        return real_rank(*args, **kwargs)

    monkeypatch.setattr(web_store, "graph_rows", counted_rows)
    monkeypatch.setattr(entry_module, "rank_entry_points", counted_rank)
    start = threading.Barrier(8)
    results: list[Any] = []

    def request() -> None:
        start.wait()
        snap = layout.snapshot(web_store, settings, analyses=shared)
        results.append((snap, snap.entry_points(), snap.routes()))

    threads = [threading.Thread(target=request) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 8 and calls == {"graph_rows": 1, "rank": 1}
    assert all(r[0] is results[0][0] and r[1] is results[0][1] and r[2] is results[0][2] for r in results)


def test_actor_routes_come_from_the_route_tree(app: Any, web_store: Any) -> None:
    from netmap.web import mapview as layout

    from netmap.analytics.paths import warm_paths

    with app.app_context():  # the snapshot is the app's
        settings = app.extensions["netmap_settings"]
        snap = layout.snapshot(web_store, settings)
        checked = 0
        for target in sorted(snap.graph)[:40]:
            if target == HOME:
                continue
            analysis = layout.actor_analysis(web_store, settings, target)
            exact = warm_paths(snap.graph, HOME, target, k=3)
            assert bool(analysis["paths"]) == bool(exact)
            if exact:
                checked += 1
                assert analysis["paths"][0]["cost"] == exact[0].cost and analysis["paths"][0]["nodes"][0] == HOME
                assert len(analysis["paths"]) <= 3
                assert [p["cost"] for p in analysis["paths"]] == sorted(p["cost"] for p in analysis["paths"])
            assert layout.actor_analysis(web_store, settings, target) is analysis  # cached per data version
        assert checked > 5


def test_entry_point_rows_are_cached_per_filters(app: Any, web_store: Any) -> None:
    from netmap.web import mapview as layout

    with app.app_context():  # the snapshot is the app's
        settings = app.extensions["netmap_settings"]
        spec = layout.MapSpec.parse({"sphere": ["economic"]})
        first = layout.entry_point_rows(web_store, settings, spec, top=5)
        assert first and all(r["sphere"] == "economic" for r in first)
        first[0]["name"] = "changed by the caller"
        again = layout.entry_point_rows(web_store, settings, spec, top=5)
        assert again[0]["name"] != "changed by the caller" and [r["id"] for r in again] == [r["id"] for r in first]
        assert len(layout.entry_point_rows(web_store, settings, layout.MapSpec(), top=None)) >= len(again)


def test_a_view_is_laid_out_once_for_concurrent_requests(app: Any, web_store: Any, monkeypatch: Any) -> None:
    import threading

    from netmap.web import mapview as layout

    settings = app.extensions["netmap_settings"]
    spec = layout.MapSpec.parse({"kind": ["NGO", "Company"], "rel": ["partners_with"]})
    calls = []
    real = layout._compute_payload

    def counted(*args: Any) -> Any:
        calls.append(1)
        return real(*args)

    monkeypatch.setattr(layout, "_compute_payload", counted)
    start = threading.Barrier(6)
    results: list[Any] = []

    def request() -> None:
        start.wait()
        with app.app_context():  # a request's thread has its app context
            results.append(layout.map_payload(web_store, settings, spec))

    threads = [threading.Thread(target=request) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1 and len(results) == 6 and all(r is results[0] for r in results)
