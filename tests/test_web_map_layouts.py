# ruff: noqa: F811  (pytest fixtures imported from tests.web_fixtures)
"""The map explorer explains itself: layouts from the server, labels that never overlap in the real
browser, focus and warm route, the legend on screen, downloads of the view, bad layout names, entry-point
paging with links to the map. Screenshots of each layout go to tests/artifacts/map-<layout>.png."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from netmap.drawing.labels import overlaps
from netmap.drawing.layouts import LAYOUTS
from tests.web_fixtures import HOME, PASSWORD, app, login, server, web_store  # noqa: F401

pytestmark = [pytest.mark.neo4j]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


def _viewer(app: Any) -> Any:
    return login(app.test_client(), "viewer")


def test_a_layout_that_does_not_exist_is_a_400_naming_the_layouts(app: Any) -> None:
    res = _viewer(app).get("/api/map?layout=circle")
    assert res.status_code == 400
    body = res.get_json()
    assert "'circle' is not a layout" in body["message"]
    assert "spheres, around-us, communities, force" in body["message"] + body.get("hint", "")


@pytest.mark.parametrize("layout", LAYOUTS)
def test_each_layout_comes_with_its_regions_and_every_node_placed(app: Any, layout: str) -> None:
    data = _viewer(app).get(f"/api/map?layout={layout}").get_json()
    assert data["layout"] == layout and data["layouts"] == list(LAYOUTS)
    assert all(isinstance(n["x"], float | int) and isinstance(n["y"], float | int) for n in data["nodes"])
    shapes = {r["shape"] for r in data["regions"]}
    assert shapes == {"spheres": {"band"}, "around-us": {"ring"}, "communities": {"disc"}, "force": set()}[layout]
    assert "label" not in data["nodes"][0]  # the page draws labels itself
    ranked = [n for n in data["nodes"] if n["rank"]]
    assert ranked and all(n["text"].startswith(f"{n['rank']} ") for n in ranked)


def test_around_us_places_partners_on_the_first_ring_and_names_introducers(app: Any) -> None:
    data = _viewer(app).get("/api/map?layout=around-us").get_json()
    nodes = {n["id"]: n for n in data["nodes"]}
    assert nodes[HOME]["placed"] == "us"
    partners = [n for n in data["nodes"] if n["partner"]]
    assert partners and all(n["placed"] == "direct" for n in partners)
    far = [n for n in data["nodes"] if n["placed"] == "one-introduction"]
    assert far and all(n["via"] for n in far)


def test_entry_points_are_numbered_as_in_the_table(app: Any) -> None:
    client = _viewer(app)
    table = client.get("/api/entry-points").get_json()
    nodes = {n["id"]: n for n in client.get("/api/map").get_json()["nodes"]}
    for row in table[:25]:
        if row["id"] in nodes:
            assert nodes[row["id"]]["rank"] == row["rank"]


def test_entry_points_page_pages_and_links_each_row_to_the_map(app: Any) -> None:
    client = _viewer(app)
    total = len(client.get("/api/entry-points").get_json())
    first = client.get("/entry-points").get_data(as_text=True)
    assert first.count('class="on-map"') == min(25, total)
    assert "/?select=" in first and 'rel="next"' in first
    second = client.get("/entry-points?page=2&sphere=economic").get_data(as_text=True)
    assert 'rel="prev"' in second and "sphere=economic&amp;page=1" in second
    assert client.get("/entry-points?page=999").status_code == 400
    assert "there is no page 999" in client.get("/entry-points?page=999").get_data(as_text=True)
    assert "sits on the routes between" in first and "pair(s)" not in first


def _open(browser: Any, server: str, path: str) -> tuple[Any, Any]:
    context = browser.new_context(viewport={"width": 1366, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.goto(server + "/login")
    page.fill("input[name=name]", "viewer")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.goto(server + path)
    page.wait_for_selector("body[data-map-ready='1']", timeout=30000, state="attached")
    return context, page


def drawn_labels(page: Any) -> list[dict[str, Any]]:
    return page.evaluate("window.netmap.mapLabels.labels")


def assert_disjoint(labels: list[dict[str, Any]]) -> None:
    boxes = [(lab["text"], (lab["x0"], lab["y0"], lab["x1"], lab["y1"])) for lab in labels]
    for i, (text_a, a) in enumerate(boxes):
        for text_b, b in boxes[i + 1 :]:
            assert not overlaps(a, b), f"{text_a!r} overlaps {text_b!r}"


@pytest.mark.browser
@pytest.mark.parametrize("layout", LAYOUTS)
def test_labels_in_the_browser_never_overlap_and_more_appear_on_zoom(browser: Any, server: str, layout: str) -> None:
    context, page = _open(browser, server, f"/?layout={layout}")
    try:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"map-{layout}.png"))
        labels = drawn_labels(page)
        assert len(labels) > 20
        assert_disjoint(labels)
        names = {lab["text"] for lab in labels}
        assert any(t.startswith("International Organization") for t in names)  # us, drawn first
        assert page.evaluate("window.netmap.mapLabels.hidden") > 0  # the crowd is hidden, not overlapped
        shown = {lab["id"] for lab in labels}
        hidden = page.evaluate(
            "window.netmap.mapNetwork.body.data.nodes.get().filter(n => !n.community).map(n => n.id)"
        )
        hidden = [n for n in hidden if n not in shown][:5]
        appeared = []
        for node in hidden:  # zoomed in on it, a label hidden at first is drawn
            page.evaluate(  # zoom in and wait for the frame vis draws there (labels are placed after it)
                """(id) => new Promise((resolve) => { const n = window.netmap.mapNetwork;
                     n.once("afterDrawing", () => requestAnimationFrame(() => resolve(true)));
                     n.focus(id, {scale: 4, animation: false}); n.redraw(); })""",
                node,
            )
            zoomed = drawn_labels(page)
            assert_disjoint(zoomed)
            appeared += [node] if node in {lab["id"] for lab in zoomed} else []
        assert appeared, hidden
    finally:
        context.close()


@pytest.mark.browser
def test_click_fades_the_rest_and_the_warm_route_is_drawn(browser: Any, server: str) -> None:
    context, page = _open(browser, server, "/")
    try:
        target = page.evaluate("window.netmap.mapNetwork.body.data.nodes.get().find(n => n.rank && n.via) .id")
        point = page.evaluate(
            f"(() => {{ const p = window.netmap.mapNetwork.getPositions([{target!r}])[{target!r}];"
            " return window.netmap.mapNetwork.canvasToDOM(p); })()"
        )
        box = page.locator("#map").bounding_box()
        page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
        page.wait_for_selector("#panel:not([hidden])")
        assert page.get_attribute("body", "data-panel") == target
        kept = int(page.get_attribute("body", "data-focus") or "0")
        assert 1 < kept < page.evaluate("window.netmap.mapNetwork.body.data.nodes.length")
        faded = page.evaluate("window.netmap.mapNetwork.body.data.nodes.get().filter(n => n.opacity < 1).length")
        assert faded > 0
        assert_disjoint(drawn_labels(page))
        assert {lab["id"] for lab in drawn_labels(page)} <= set(
            page.evaluate(f"[{target!r}, ...window.netmap.mapNetwork.getConnectedNodes({target!r})]")
        )
        page.click("#panel-route")
        page.wait_for_selector("body[data-route]", state="attached")
        route = page.get_attribute("body", "data-route").split(",")
        assert route[0] == HOME and route[-1] == target
        assert page.locator("#map-status").inner_text().startswith("Warm route: ")
        page.click("#clear-focus")
        assert page.get_attribute("body", "data-focus") == ""
        page.screenshot(path=str(ARTIFACTS / "map-route.png"))
    finally:
        context.close()


@pytest.mark.browser
def test_legend_stays_on_screen_and_the_view_downloads_with_its_title(
    browser: Any, server: str, tmp_path: Path
) -> None:
    context, page = _open(browser, server, "/?layout=spheres&sphere=economic")
    try:
        legend = page.locator("#legend").bounding_box()
        assert legend is not None and legend["y"] + legend["height"] <= 900
        assert "Employer organisation" in page.locator("#legend").inner_text()
        with page.expect_download() as png:
            page.click("#download-png")
        png_path = tmp_path / "map.png"
        png.value.save_as(png_path)
        assert png_path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        with page.expect_download() as svg:
            page.click("#download-svg")
        svg_path = tmp_path / "map.svg"
        svg.value.save_as(svg_path)
        text = svg_path.read_text(encoding="utf-8")
        assert text.startswith("<svg") and "Engagement map · Spheres" in text
        assert "Sphere: economic" in text and "data as of 20" in text
        assert "<circle" in text and "<line" in text
    finally:
        context.close()


@pytest.mark.browser
def test_an_entry_point_row_opens_its_place_on_the_map(browser: Any, server: str, app: Any) -> None:
    first = _viewer(app).get("/api/entry-points").get_json()[0]
    context, page = _open(browser, server, f"/?select={first['id']}")
    try:
        page.wait_for_selector("#panel:not([hidden])")
        assert page.locator("#panel-name").inner_text() == first["name"]
        details = page.locator("#panel-details").inner_text()
        assert f"entry point\t{first['rank']}" in details or f"entry point\n{first['rank']}" in details
    finally:
        context.close()
