"""Benchmark the world map and coverage pages on a generated network (default 10,000 actors).

    python bench/world.py [--actors 10000] [--clients 20] [--seconds 15] [--timeout 60] [--reuse] [--no-browser]
                          [--compare-languages]

The same set-up as ``bench/web.py`` (whose ``load``, ``Server`` and load runner it uses): a throw-away managed Neo4j, or
NETMAP_NEO4J_URI (WIPED unless --reuse finds the generated network there), the generated network,
``netmap serve`` in a subprocess. Then, in one run, with 20 concurrent clients: the server's p50/p95
for the world map page (``/world``, each measure), the coverage page (``/coverage``) and, as the
baseline measured alongside, the map data endpoint (``/api/map``, the explorer's 1,500-node view).
In headless Chromium: the time from navigation until the world map is drawn (every country path
in the SVG), next to the explorer's time until its map is stable (the baseline). Ratios are
world / baseline.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

_spec = importlib.util.spec_from_file_location("bench_web", Path(__file__).with_name("web.py"))
assert _spec is not None and _spec.loader is not None
web = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(web)

MEASURES = ("actors", "engaged", "entry_points", "gaps")


def world_drawn(base: str, runs: int = 5) -> dict[str, Any]:
    """Median time from navigation to a drawn world map, and the explorer's stable map for comparison."""
    from playwright.sync_api import sync_playwright

    args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip
    world: list[float] = []
    draws: list[int] = []
    explorer: list[float] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=args)
        page = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
        page.goto(base + "/login")
        page.fill("input[name=name]", "bench")
        page.fill("input[name=password]", web.PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(base + "/")
        page.wait_for_selector("body[data-map-ready='1']", state="attached", timeout=600000)
        page.goto(base + "/world")  # warm: the counts are cached per data version, the shapes by the browser
        page.wait_for_selector("#world-map[data-drawn]", state="attached", timeout=120000)
        for _ in range(runs):
            t0 = time.perf_counter()
            page.goto(base + "/world")
            page.wait_for_selector("#world-map[data-drawn]", state="attached", timeout=120000)
            world.append((time.perf_counter() - t0) * 1000)
            draws.append(int(page.get_attribute("#world-map", "data-draw-ms") or 0))
            t0 = time.perf_counter()
            page.goto(base + "/")
            page.wait_for_selector("body[data-map-ready='1']", state="attached", timeout=120000)
            explorer.append((time.perf_counter() - t0) * 1000)
        page.goto(base + "/world")
        page.wait_for_selector("#world-map[data-drawn]", state="attached", timeout=120000)
        countries = int(page.get_attribute("#world-map", "data-drawn") or 0)
        Path("bench/artifacts").mkdir(parents=True, exist_ok=True)
        page.screenshot(path="bench/artifacts/world-10k.png")
        browser.close()
    w, e = statistics.median(world), statistics.median(explorer)
    return {
        "shapes": countries,
        "world_drawn_ms_median": round(w),
        "world_drawn_ms_all": [round(t) for t in world],
        "world_js_draw_ms_median (decode + project + paths)": round(statistics.median(draws)),
        "explorer_stable_ms_median (baseline)": round(e),
        "ratio world / explorer": round(w / e, 2),
    }


def compare_languages(base: str, opts: Any) -> dict[str, Any]:
    """The world page (each measure) in English, French, Spanish, then English again: English both first and
    last, so a cache still warming or the machine's load drifting does not count against one language.
    Ratios are against the mean of the two English runs (French should cost no more than 10% over it)."""
    paths = [f"/world?measure={m}" for m in MEASURES]
    runs = []
    for lang in ("en", "fr", "es", "en"):
        runs.append((lang, web.run_load(base, paths, opts.clients, opts.seconds, opts.max_requests, language=lang)))
        print("world page", lang, runs[-1][1], flush=True)
    en = statistics.mean(r["p95_ms"] for lang, r in runs if lang == "en") or 1.0
    found: dict[str, Any] = {"en (first)": runs[0][1], "fr": runs[1][1], "es": runs[2][1], "en (last)": runs[3][1]}
    found["p95_vs_en"] = {lang: round(r["p95_ms"] / en, 2) for lang, r in runs[1:3]}
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--actors", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--max-requests", type=int, default=1000)
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--reuse", action="store_true", help="Keep the network already in NETMAP_NEO4J_URI.")
    parser.add_argument("--timeout", type=float, default=60.0, help="Client timeout per request (s).")
    parser.add_argument(
        "--compare-languages",
        action="store_true",
        help="Also the world page in English, French, Spanish and English again: each language's p95 against English's.",
    )
    parser.add_argument("--out", type=Path, help="Write the figures as JSON here.")
    opts = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="netmap-bench-world-"))
    server, env = web.start_neo4j(tmp)
    srv = None
    try:
        loaded = web.load(env, tmp, opts.actors, reuse=opts.reuse and server is None)
        print(f"network: {loaded['counts']} imported in {loaded['import_s']} s", flush=True)
        srv = web.Server("waitress", env, tmp)  # bench/web.py's server: `netmap serve`, logging to a file
        base = srv.base
        web.Client.timeout = 900.0  # the first map reads and scores the whole graph: minutes on a busy machine
        warm = web.Client(base)
        warm.login()
        results: dict[str, Any] = {"network": loaded["counts"], "clients": opts.clients}
        t0 = time.perf_counter()
        warm.get("/api/map")
        results["first_map_s (graph + scores + layout, cold)"] = round(time.perf_counter() - t0, 2)
        t0 = time.perf_counter()
        status, body = warm.get("/world")
        results["first_world_s (counts, scores cached)"] = round(time.perf_counter() - t0, 3)
        results["world_page_bytes"] = len(body)
        assert status == 200, status
        warm.get("/coverage")
        web.Client.timeout = opts.timeout
        endpoints = {
            "baseline: map data (/api/map)": ["/api/map"],
            "world map page (/world, 4 measures)": [f"/world?measure={m}" for m in MEASURES],
            "coverage page (/coverage)": ["/coverage"],
        }
        for name, paths in endpoints.items():
            results[name] = web.run_load(base, paths, opts.clients, opts.seconds, opts.max_requests)
            print(name, results[name], flush=True)
        base_p95 = results["baseline: map data (/api/map)"]["p95_ms"] or 1
        for name in list(endpoints)[1:]:
            results[f"p95 ratio {name} / map data"] = round(results[name]["p95_ms"] / base_p95, 2)
        if opts.compare_languages:
            results["languages (world page)"] = compare_languages(base, opts)
        if not opts.no_browser:
            results["browser"] = world_drawn(base)
        print(json.dumps(results, indent=2))
        if opts.out:
            opts.out.write_text(json.dumps(results, indent=2), encoding="utf-8")
    finally:
        if srv is not None:
            srv.stop()
        if server is not None:
            server.stop()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
