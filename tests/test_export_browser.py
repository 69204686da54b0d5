"""``map.html`` from a bundle in headless Chromium with the network off: it renders, filters work, the
entry points are listed, and an XSS name stays inert."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.neo4j]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
XSS = "<img src=x onerror=alert(1)></script>"


def test_map_html_renders_offline(browser: Any, cli: Any, sample_store: Any, tmp_path: Path) -> None:
    sample_store.execute_write("MATCH (a:Actor {id: 'accenture'}) SET a.name = $name", {"name": XSS})
    result = cli("export", "--quarter", "2026-Q4", "--out", str(tmp_path), env={"NETMAP_HOME_ACTOR": "iom"})
    assert result.exit_code == 0, result.output
    page_file = tmp_path / "netmap-2026-Q4" / "map.html"

    context = browser.new_context(offline=True, viewport={"width": 1400, "height": 900})
    requests: list[str] = []
    dialogs: list[str] = []
    errors: list[str] = []
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
    page = context.new_page()
    page.on("request", lambda r: requests.append(r.url))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(page_file.as_uri())
    page.wait_for_selector("body[data-rendered=yes]", timeout=20000)

    assert [u for u in requests if not u.startswith("file:")] == []
    assert errors == [] and dialogs == []
    status = page.text_content("#status")
    total = int(status.split(" of ")[1].split(" ")[0])
    assert status.startswith(f"{total} of {total} shown") and total > 200
    # the canvas has drawn something
    drawn = page.evaluate("""() => { const c = document.querySelector('#map canvas');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0; for (let i = 3; i < d.length; i += 4) { if (d[i] > 0) n++; } return n; }""")
    assert drawn > 1000
    assert page.locator("#entries li").count() == 20
    assert page.locator("#kinds input").count() >= 5
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "export-map.png"))

    page.check("#only-entry")
    shown = int(page.text_content("#status").split(" of ")[0])
    assert shown == 21  # 20 entry points and us
    page.uncheck("#only-entry")
    page.locator("#kinds label", has_text="Company").locator("input").uncheck()
    assert int(page.text_content("#status").split(" of ")[0]) < total

    # the XSS name is data: shown as text in the tooltip source, never parsed as markup
    assert page.locator("img[src=x]").count() == 0 and dialogs == []
    titles = page.evaluate(
        "() => JSON.parse(document.getElementById('map-data').textContent).nodes"
        ".filter(n => n.id === 'accenture').map(n => n.name)"
    )
    assert titles == [XSS]
    context.close()
