# ruff: noqa: F811  (pytest fixtures imported from tests.web_fixtures)
"""Real-browser tests: headless Chromium (Debian's) driven by Playwright against a live netmap server.

Screenshots of every page are saved to tests/artifacts/ (gitignored).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.web_fixtures import HOME, PASSWORD, XSS_NAME, app, server, web_store  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.neo4j]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


class Watch:
    """Every request the page makes, dialogs it opens and console errors it logs."""

    def __init__(self, page: Any) -> None:
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))


def _login(browser: Any, server: str, role: str) -> tuple[Any, Any, Watch]:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    watch = Watch(page)
    page.goto(server + "/login")
    page.fill("input[name=name]", role)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(server + "/")
    return context, page, watch


def _wait_map(page: Any) -> None:
    page.wait_for_selector("body[data-map-ready='1']", timeout=30000, state="attached")


def _shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)


#: Runs ``js`` (a function of the map's vis Network) and resolves once vis has drawn the result.
_DRAWN = """(js) => new Promise((resolve) => {
    const n = window.netmap.mapNetwork;
    n.once("afterDrawing", () => resolve(true));
    ({focus: (id) => n.moveTo({position: n.getPositions([id])[id], scale: 1.5, animation: false})})[js.op](js.id);
    n.redraw();
})"""


def _centre_on(page: Any, node: str) -> dict[str, float]:
    """Centre the map on ``node`` (zoomed in), wait until it is drawn there, and give its page position."""
    page.evaluate(_DRAWN, {"op": "focus", "id": node})
    return page.evaluate(
        """(id) => { const n = window.netmap.mapNetwork; const p = n.canvasToDOM(n.getPositions([id])[id]);
                     const r = document.getElementById('map').getBoundingClientRect();
                     return {x: r.left + p.x, y: r.top + p.y}; }""",
        node,
    )


def test_map_renders_and_click_opens_panel(browser: Any, server: str, app: Any) -> None:
    context, page, watch = _login(browser, server, "viewer")
    _wait_map(page)
    expected = len(app.test_client().get("/api/map").status_code and _api(app, "/api/map")["nodes"])
    assert int(page.evaluate("document.body.dataset.nodeCount")) == expected
    assert page.evaluate("window.netmap.mapNetwork.body.data.nodes.length") == expected
    _shot(page, "map")
    point = _centre_on(page, "unhcr")
    page.mouse.click(point["x"], point["y"])
    page.wait_for_selector("#panel:not([hidden])", timeout=5000)
    assert "UNHCR" in page.inner_text("#panel-name")
    assert page.get_attribute("#panel-link", "href") == "/actors/unhcr"
    _shot(page, "map-panel")
    _offline_only(watch, server)
    context.close()


def _api(app: Any, path: str) -> Any:
    from tests.web_fixtures import login

    return login(app.test_client(), "viewer").get(path).get_json()


def _offline_only(watch: Watch, server: str) -> None:
    outside = [u for u in watch.requests if not u.startswith(server) and not u.startswith("data:")]
    assert outside == [], outside
    assert watch.dialogs == []


def test_xss_name_stays_inert(browser: Any, server: str) -> None:
    context, page, watch = _login(browser, server, "editor")
    page.goto(server + "/?focus=xss-ngo&hops=1")
    _wait_map(page)
    point = _centre_on(page, "xss-ngo")
    page.mouse.move(point["x"], point["y"])
    tooltip = page.locator("div.vis-tooltip")
    expect(tooltip).to_be_visible()  # vis shows the hover text after its delay
    assert XSS_NAME in tooltip.inner_text() and tooltip.locator("img").count() == 0
    _shot(page, "map-xss-tooltip")
    page.mouse.click(point["x"], point["y"])
    page.wait_for_selector("#panel:not([hidden])")
    assert page.inner_text("#panel-name") == XSS_NAME
    assert page.locator("img[src=x]").count() == 0
    _shot(page, "map-xss")
    page.fill("#search", "<img")
    page.wait_for_selector(".suggestions li button", timeout=20000)  # a busy machine answers slowly
    assert page.locator(".suggestions img").count() == 0
    page.goto(server + "/actors/xss-ngo")
    assert XSS_NAME in page.inner_text("h1") and page.locator("img[src=x]").count() == 0
    _shot(page, "actor-xss")
    assert watch.dialogs == []
    context.close()


def test_pages_console_and_offline(browser: Any, server: str) -> None:
    context, page, watch = _login(browser, server, "admin")
    _wait_map(page)
    for path, name in (("/actors/unhcr", "actor"), ("/entry-points", "entry-points"), ("/import", "import")):
        page.goto(server + path)
        _shot(page, name)
    page.goto(server + f"/paths?from={HOME}&to=adecco")
    page.wait_for_selector("body[data-paths-ready='1']", timeout=30000, state="attached")
    assert page.locator("#path-list li").count() >= 1
    _shot(page, "paths")
    page.goto(server + "/console")
    page.fill("#cypher", "CREATE (:Actor {id: 'evil-browser'}) RETURN 1")
    page.click("#console-form button[type=submit]")
    page.wait_for_selector("#console-error")
    assert "not run" in page.inner_text("#console-error")
    _shot(page, "console-refused")
    page.fill("#cypher", "MATCH p = (:Actor {id: 'unhcr'})-[:MEMBER_OF]->(:Entity) RETURN p LIMIT 10")
    page.click("#console-form button[type=submit]")
    page.wait_for_selector("#console-table")
    page.wait_for_selector("body[data-console-map-ready='1']", state="attached", timeout=30000)
    _shot(page, "console-graph")
    _offline_only(watch, server)
    csp = [e for e in watch.errors if "Content Security Policy" in e]
    unexpected = [e for e in watch.errors if e not in csp and "favicon" not in e and "status of 400" not in e]
    assert unexpected == [], unexpected
    context.close()
