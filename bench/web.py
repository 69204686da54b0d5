"""Benchmark the web app on a generated network (default 10,000 actors), over loopback.

    python bench/web.py [--actors 10000] [--clients 20] [--seconds 15] [--no-browser]
                        [--compare-servers] [--compare-languages] [--against CHECKOUT]
                        [--after-edit-against CHECKOUT] [--out after.json] [--baseline before.json] [--reuse]

Starts a throw-away managed Neo4j (or uses NETMAP_NEO4J_URI, which is WIPED unless --reuse finds the
generated network already there), imports a generated network, starts ``netmap serve`` in a
subprocess, then measures with 20 concurrent clients (a bounded run per endpoint) the p50/p95
latency of the map data (the default 1,500-node view), an actor page (200 random actors, so most
views are the first of that actor) and the entry points page; and in headless Chromium the time
until a 1,500-node map is drawn and stable (physics is off, so stable = first complete draw after
the data arrives), in each layout, with the labels it drew. A request that gets no answer within --timeout seconds counts as a timeout (the
client goes on). --out keeps the figures as JSON; --baseline prints each figure next to the same
figure of an earlier run, with the ratio (after / before). --compare-servers first measures the same
endpoints under Werkzeug's threaded development server (how ``netmap serve`` ran before it used
waitress) on the same network, and prints waitress's figures against it. --against CHECKOUT does the same
with CHECKOUT's ``netmap serve`` (another checkout of netmap with its own .venv: the code before a change),
so the ratios are this code against that one on the same network and machine. --compare-languages then asks
for the entry points, actor pages and the world map in English, French and Spanish, back to back, and
prints each language's p95 against English's.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

PASSWORD = "bench-password-1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_neo4j(tmp: Path) -> tuple[Any, dict[str, str]]:
    from netmap.config import load_settings
    from netmap.runtime import ManagedNeo4j

    if os.environ.get("NETMAP_NEO4J_URI"):
        return None, {k: v for k, v in os.environ.items() if k.startswith("NETMAP_NEO4J")}
    base = load_settings(env={k: v for k, v in os.environ.items() if k == "NETMAP_HOME"})
    settings = base.with_overrides(bolt_port=free_port(), neo4j_heap="1g", neo4j_pagecache="512m")
    server = ManagedNeo4j(settings, data_dir=tmp / "neo4j")
    server.start()
    return server, {
        "NETMAP_NEO4J_URI": server.uri,
        "NETMAP_NEO4J_USER": "neo4j",
        "NETMAP_NEO4J_PASSWORD": server.password(),
    }


def load(env: dict[str, str], tmp: Path, actors: int, reuse: bool = False) -> dict[str, Any]:
    from netmap.importers.sheet import SheetImporter

    from netmap.auth.accounts import add_user
    from netmap.auth.db import accounts_db
    from netmap.config import load_settings
    from netmap.ingest.pipeline import run_import
    from netmap.sample.generate import generate
    from netmap.store import connect

    settings = load_settings(env={**env, "NETMAP_HOME": str(tmp / "home")})
    store = connect(settings)
    if reuse:
        ids = [r["id"] for r in store.execute_read("MATCH (a:Actor) RETURN a.id AS id ORDER BY id")]
        if len(ids) >= actors * 0.9:
            add_user(accounts_db(settings), "bench", "viewer", PASSWORD, replace=True)
            store.close()
            return {"counts": {"actors": len(ids), "reused": True}, "import_s": 0.0, "ids": ids}
    while store.execute_write("MATCH (n) WITH n LIMIT 10000 DETACH DELETE n RETURN count(*) AS n")[0]["n"]:
        pass
    store.ensure_schema()
    files = generate(tmp / "net", actors=actors, seed=7)
    started = time.perf_counter()
    run_import(store, SheetImporter([files.actors_csv, files.relationships_csv]))
    imported = time.perf_counter() - started
    add_user(accounts_db(settings), "bench", "viewer", PASSWORD, replace=True)
    ids = [r["id"] for r in store.execute_read("MATCH (a:Actor) RETURN a.id AS id ORDER BY id")]
    store.close()
    return {"counts": files.counts, "import_s": round(imported, 1), "ids": ids}


class Client:
    timeout = 60.0

    def __init__(self, base: str, language: str | None = None) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        if language:  # the page's language, as a browser asks for it
            self.opener.addheaders.append(("Accept-Language", language))

    def get(self, path: str) -> tuple[int, bytes]:
        try:
            with self.opener.open(self.base + path, timeout=self.timeout) as res:
                return res.status, res.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read()

    def login(self) -> None:
        _status, page = self.get("/login")
        token = re.search(rb'name="csrf-token" content="([^"]+)"', page).group(1).decode()
        data = urllib.parse.urlencode({"name": "bench", "password": PASSWORD, "csrf_token": token}).encode()
        with self.opener.open(self.base + "/login", data=data, timeout=60) as res:
            assert res.status == 200, res.status


def wait_http(base: str, timeout: float = 60) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            urllib.request.urlopen(base + "/login", timeout=2).read()
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("the server did not answer")


def run_load(
    base: str, paths: list[str], clients: int, seconds: float, max_requests: int, language: str | None = None
) -> dict[str, Any]:
    latencies: list[float] = []
    errors = 0
    timeouts = 0
    lock = threading.Lock()
    sessions = []
    for _ in range(clients):
        c = Client(base, language)
        c.login()
        sessions.append(c)
    stop = time.perf_counter() + seconds  # after the logins: on a busy machine they take seconds

    def worker(c: Client, seed: int) -> None:
        nonlocal errors, timeouts
        rng = random.Random(seed)
        while time.perf_counter() < stop:
            with lock:
                if len(latencies) + errors + timeouts >= max_requests:
                    return
            path = rng.choice(paths)
            t0 = time.perf_counter()
            try:
                status, _body = c.get(path)
            except OSError:  # no answer within the client timeout (or the connection dropped)
                with lock:
                    timeouts += 1
                continue
            dt = (time.perf_counter() - t0) * 1000
            with lock:
                if status == 200:
                    latencies.append(dt)
                else:
                    errors += 1

    threads = [threading.Thread(target=worker, args=(c, i)) for i, c in enumerate(sessions)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    latencies.sort()
    q = statistics.quantiles(latencies, n=100) if len(latencies) >= 2 else [latencies[0] if latencies else 0] * 99
    return {
        "requests": len(latencies),
        "errors": errors,
        "timeouts": timeouts,
        "p50_ms": round(q[49], 1),
        "p95_ms": round(q[94], 1),
        "max_ms": round(latencies[-1], 1) if latencies else None,
        "rps": round(len(latencies) / wall, 1),
    }


def browser_stable(base: str, runs: int = 3, layout: str = "spheres") -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    args = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ]
    times, draws, counts = [], [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=args)
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        page = context.new_page()
        page.goto(base + "/login")
        page.fill("input[name=name]", "bench")
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(base + "/")
        page.wait_for_selector("body[data-map-ready='1']", state="attached", timeout=600000)
        page.goto(base + f"/?layout={layout}")
        page.wait_for_selector("body[data-map-ready='1']", state="attached", timeout=600000)
        for _ in range(runs):
            t0 = time.perf_counter()
            page.goto(base + f"/?layout={layout}")
            page.wait_for_selector("body[data-map-ready='1']", state="attached", timeout=120000)
            times.append((time.perf_counter() - t0) * 1000)
            draws.append(int(page.evaluate("document.body.dataset.drawMs")))
            counts.append(int(page.evaluate("document.body.dataset.nodeCount")))
        labels = page.evaluate("window.netmap.mapLabels.labels.length")
        Path("bench/artifacts").mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"bench/artifacts/map-1500-{layout}.png")
        browser.close()
    return {
        "nodes": counts[-1],
        "stable_ms_median": round(statistics.median(times)),
        "stable_ms_all": [round(t) for t in times],
        "vis_draw_ms_median": round(statistics.median(draws)),
        "labels_drawn": labels,
    }


# -- after an engagement edit: the next requests, against another checkout's server ------------------
EDITOR = "bench-editor"


def _editor(base: str, home: Path) -> Client:
    from netmap.auth.accounts import add_user
    from netmap.auth.db import accounts_db
    from netmap.config import Settings

    add_user(accounts_db(Settings(home=home)), EDITOR, "editor", PASSWORD, replace=True)
    client = Client(base)
    _status, page = client.get("/login")
    token = re.search(rb'name="csrf-token" content="([^"]+)"', page).group(1).decode()
    data = urllib.parse.urlencode({"name": EDITOR, "password": PASSWORD, "csrf_token": token}).encode()
    with client.opener.open(base + "/login", data=data, timeout=60) as res:
        assert res.status == 200, res.status
    return client


def _timed(client: Client, path: str, latencies: list[float], updating: list[bool]) -> None:
    t0 = time.perf_counter()
    _status, body = client.get(path)
    latencies.append((time.perf_counter() - t0) * 1000)
    updating.append("Updating…".encode() in body)


def after_edit(base: str, home: Path, ids: list[str], clients: int = 20, rounds: int = 3) -> dict[str, Any]:
    """Record an engagement (as an editor), then at once one request from each of ``clients`` clients
    (entry points, the edited actor's page, the map data, in turn): their p50/p95/max per round, how
    long the edit took (with the actor page it redirects to, where the analysis may be patched), and
    how long until the pages stop saying "Updating…" (the new analysis is served)."""
    editor = _editor(base, home)
    sessions = [Client(base) for _ in range(clients)]
    for c in sessions:
        c.login()
    rng = random.Random(5)
    out: dict[str, Any] = {"rounds": []}
    for _ in range(rounds):
        actor = urllib.parse.quote(rng.choice(ids))
        _status, page = editor.get(f"/actors/{actor}")
        token = re.search(rb'name="csrf-token" content="([^"]+)"', page).group(1).decode()
        form = urllib.parse.urlencode({"date": "2026-11-30", "status": "contacted", "csrf_token": token}).encode()
        t_edit = time.perf_counter()
        editor.opener.open(base + f"/actors/{actor}/engagements", data=form, timeout=600).read()
        edit_ms = (time.perf_counter() - t_edit) * 1000  # the edit and the page it redirects to
        paths = ["/entry-points", f"/actors/{actor}", "/api/map"]
        latencies: list[float] = []
        updating: list[bool] = []
        threads = [
            threading.Thread(target=_timed, args=(c, paths[i % 3], latencies, updating)) for i, c in enumerate(sessions)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        while "Updating…".encode() in editor.get("/entry-points")[1] and time.perf_counter() - t_edit < 600:
            time.sleep(0.2)
        latencies.sort()
        q = statistics.quantiles(latencies, n=100)
        out["rounds"].append(
            {
                "p50_ms": round(q[49], 1),
                "p95_ms": round(q[94], 1),
                "max_ms": round(latencies[-1], 1),
                "edit_ms": round(edit_ms, 1),
                "served_updating": sum(updating),
                "fresh_s": round(time.perf_counter() - t_edit, 2),
            }
        )
    for key in ("p50_ms", "p95_ms", "max_ms", "fresh_s", "edit_ms"):
        out[key] = statistics.median(r[key] for r in out["rounds"])
    return out


def after_edit_against(
    checkout: Path | None, env: dict[str, str], home: Path, ids: list[str], clients: int, rounds: int = 3
) -> Any:
    """:func:`after_edit` on a ``netmap serve`` of ``checkout`` (its ``.venv``; ``None``: this one),
    warmed first (the map, the entry points) so the figure is the edit's cost alone."""
    netmap_bin = (checkout / ".venv" / "bin" / "netmap") if checkout else Path(sys.executable).parent / "netmap"
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = (home.parent / f"serve-after-edit-{port}.log").open("wb")
    proc = subprocess.Popen(
        [str(netmap_bin), "serve", "--port", str(port)],
        env={**os.environ, **env, "NETMAP_HOME": str(home), "NETMAP_HOME_ACTOR": "home"},
        stdout=subprocess.DEVNULL,
        stderr=log,
        cwd=str(checkout) if checkout else None,
    )
    try:
        wait_http(base)
        warm = Client(base)
        warm.timeout = 900.0  # the first map computes every score: minutes on a busy machine
        warm.login()
        for path in ("/api/map", "/entry-points", f"/actors/{urllib.parse.quote(ids[0])}"):
            warm.get(path)
        return after_edit(base, home, ids, clients, rounds)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()


def compare(before: dict[str, Any], after: dict[str, Any]) -> str:
    """Each latency figure of ``after`` next to the same figure of ``before`` (ratio = after / before).

    >>> print(compare({"x": {"p95_ms": 200.0}}, {"x": {"p95_ms": 50.0}}))
    figure                                          before     after  ratio
    x p95_ms                                         200.0      50.0  0.25
    """
    lines = [f"{'figure':<44} {'before':>9} {'after':>9}  ratio"]
    for name, value in after.items():
        old = before.get(name)
        if not isinstance(value, dict) or not isinstance(old, dict):
            if isinstance(value, (int, float)) and isinstance(old, (int, float)) and "_s" in name:
                lines.append(f"{name[:44]:<44} {old:>9} {value:>9}  {value / old if old else float('nan'):.2f}")
            continue
        for key in ("p50_ms", "p95_ms", "max_ms", "rps", "errors", "timeouts", "stable_ms_median"):
            if key in value and key in old and value[key] is not None and old[key] is not None:
                ratio = f"{value[key] / old[key]:.2f}" if old[key] else "-"
                label = f"{name.split(' (')[0]} {key}"
                lines.append(f"{label[:44]:<44} {old[key]:>9} {value[key]:>9}  {ratio}")
    return "\n".join(lines)


#: How each server is started: waitress as ``netmap serve`` runs it, and for comparison Werkzeug's
#: threaded development server as ``netmap serve`` ran it before (no reloader, so one process).
DEVELOPMENT_SERVER = (
    "import sys\n"
    "from werkzeug.serving import run_simple\n"
    "from netmap.config import load_settings\n"
    "from netmap.web import create_app\n"
    "app = create_app({'NETMAP_SETTINGS': load_settings(), 'SESSION_COOKIE_SECURE': False})\n"
    "run_simple('127.0.0.1', int(sys.argv[1]), app, threaded=True, use_reloader=False)\n"
)


def server_command(kind: str, port: int, checkout: Path | None = None) -> list[str]:
    """``netmap serve`` of this code, or of ``checkout`` (its ``.venv``) for kind ``baseline``; or
    Werkzeug's development server for kind ``werkzeug``."""
    if kind == "werkzeug":
        return [sys.executable, "-c", DEVELOPMENT_SERVER, str(port)]
    venv_bin = checkout / ".venv" / "bin" if kind == "baseline" and checkout else Path(sys.executable).parent
    return [str(venv_bin / "netmap"), "serve", "--port", str(port)]


class Server:
    """One ``kind`` of server running the app on the loaded network, in a subprocess logging to a file
    (kind ``baseline``: ``netmap serve`` of another ``checkout``, run in it)."""

    def __init__(self, kind: str, env: dict[str, str], tmp: Path, checkout: Path | None = None) -> None:
        self.kind = kind
        port = free_port()
        self.base = f"http://127.0.0.1:{port}"
        serve_env = {**os.environ, **env, "NETMAP_HOME": str(tmp / "home"), "NETMAP_HOME_ACTOR": "home"}
        # The server logs every request on stderr: send it to a file. (A pipe nobody reads fills
        # after ~900 requests; werkzeug's log handler then blocks holding the logging lock and
        # every request thread waits behind it: the "stalled load run" of earlier measurements.)
        self.log_path = tmp / f"serve-{kind}.log"
        self.log = self.log_path.open("wb")
        self.proc = subprocess.Popen(
            server_command(kind, port, checkout),
            env=serve_env,
            stdout=subprocess.DEVNULL,
            stderr=self.log,
            cwd=str(checkout) if kind == "baseline" and checkout else None,
        )
        wait_http(self.base)

    def warm_up(self, actor_paths: list[str]) -> dict[str, Any]:
        """The first (cold) map and each layout once, so the load runs measure the warm app."""
        warm = Client(self.base)
        warm.timeout = 900.0  # the first map computes every score: minutes on a busy machine
        warm.login()
        results: dict[str, Any] = {}
        t0 = time.perf_counter()
        _status, body = warm.get("/api/map")
        results["first_map_s (graph + scores + layout, cold)"] = round(time.perf_counter() - t0, 2)
        data = json.loads(body)
        results["map_nodes"] = len(data["nodes"])
        results["map_total"] = data["total"]
        results["map_bytes"] = len(body)
        for layout in ("around-us", "communities", "force"):  # spheres is the default, timed above
            t0 = time.perf_counter()
            warm.get(f"/api/map?layout={layout}")
            results[f"first_map_s ({layout} layout, scores cached)"] = round(time.perf_counter() - t0, 2)
        for path in ("/entry-points", actor_paths[0]):
            warm.get(path)
        return results

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:  # said, then killed: the next server must still be stopped
            print(f"{self.kind} server still running 60 s after SIGTERM: killed", file=sys.stderr)
            self.proc.kill()
            self.proc.wait()
        self.log.close()
        errors = [
            line
            for line in self.log_path.read_text(errors="replace").splitlines()
            if "Traceback" in line or '" 500 ' in line
        ]
        if errors:
            print(f"{self.kind} server log: {len(errors)} error line(s), e.g. {errors[0]}", file=sys.stderr)


def compare_languages(base: str, actor_paths: list[str], opts: Any) -> dict[str, Any]:
    """The same pages asked for in English, French and Spanish, back to back: p50/p95 and each language's
    p95 against English's (rendering a page in French should cost no more than 10% over English)."""
    pages = {"entry points": ["/entry-points"], "actor page": actor_paths, "world map": ["/world"]}
    found: dict[str, Any] = {}
    for name, paths in pages.items():
        for lang in ("en", "fr", "es"):
            found.setdefault(name, {})[lang] = run_load(
                base, paths, opts.clients, opts.seconds, opts.max_requests, language=lang
            )
        en = found[name]["en"]["p95_ms"] or 1.0
        ratios = {lang: round(found[name][lang]["p95_ms"] / en, 2) for lang in ("fr", "es")}
        found[name]["p95_vs_en"] = ratios
        print(
            f"{name}: p95 en {found[name]['en']['p95_ms']} ms, fr {found[name]['fr']['p95_ms']} ms "
            f"({ratios['fr']}x), es {found[name]['es']['p95_ms']} ms ({ratios['es']}x)",
            flush=True,
        )
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--actors", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--max-requests", type=int, default=2000)
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--skip-load", action="store_true", help="Only the browser measurement.")
    parser.add_argument("--timeout", type=float, default=60.0, help="Client timeout per request (s).")
    parser.add_argument("--reuse", action="store_true", help="Keep the network already in NETMAP_NEO4J_URI.")
    parser.add_argument(
        "--compare-servers",
        action="store_true",
        help="Also measure Werkzeug's threaded development server on the same network, as the baseline.",
    )
    parser.add_argument(
        "--compare-languages",
        action="store_true",
        help="Also measure entry points, an actor page and the world map in French and Spanish against English.",
    )
    parser.add_argument("--edit-rounds", type=int, default=3, help="Edits measured by --after-edit-against.")
    parser.add_argument("--out", type=Path, help="Write the figures as JSON here.")
    parser.add_argument("--baseline", type=Path, help="A JSON file of an earlier run: print ratios against it.")
    parser.add_argument(
        "--against",
        type=Path,
        metavar="CHECKOUT",
        help="Also measure CHECKOUT's server (its .venv) on the same network, back to back, as the baseline.",
    )
    parser.add_argument(
        "--after-edit-against",
        type=Path,
        metavar="CHECKOUT",
        help="Only the requests after an engagement edit, here and on CHECKOUT's server (its .venv), same run.",
    )
    opts = parser.parse_args()
    Client.timeout = opts.timeout
    tmp = Path(tempfile.mkdtemp(prefix="netmap-bench-web-"))
    server, env = start_neo4j(tmp)
    servers: list[Server] = []
    try:
        loaded = load(env, tmp, opts.actors, reuse=opts.reuse and server is None)
        print(f"network: {loaded['counts']} imported in {loaded['import_s']} s", flush=True)
        if opts.after_edit_against:
            edits = {
                "before (CHECKOUT)": after_edit_against(
                    opts.after_edit_against, env, tmp / "home", loaded["ids"], opts.clients, opts.edit_rounds
                ),
                "after (this code)": after_edit_against(
                    None, env, tmp / "home", loaded["ids"], opts.clients, opts.edit_rounds
                ),
            }
            print(json.dumps(edits, indent=2))
            old, new = edits["before (CHECKOUT)"], edits["after (this code)"]
            for key in ("p50_ms", "p95_ms", "max_ms", "edit_ms"):
                print(
                    f"after an engagement edit, next {opts.clients} requests {key}: {old[key]} -> {new[key]} "
                    f"({new[key] / old[key]:.2f}x)"
                )
            return
        results: dict[str, Any] = {"network": loaded["counts"], "clients": opts.clients}
        kinds = ["werkzeug", "waitress"] if opts.compare_servers else ["waitress"]
        if opts.against:
            kinds.insert(0, "baseline")
        for kind in kinds:
            servers.append(Server(kind, env, tmp, opts.against))
        rng = random.Random(1)
        actor_paths = [f"/actors/{urllib.parse.quote(i)}" for i in rng.sample(loaded["ids"], 200)]
        figures: dict[str, dict[str, Any]] = {s.kind: s.warm_up(actor_paths) for s in servers}
        endpoints = {
            f"map data (/api/map, 1,500 of {len(loaded['ids']):,})": ["/api/map"],
            "actor page (/actors/<id>, 200 ids)": actor_paths,
            "entry points (/entry-points)": ["/entry-points"],
        }
        for name, paths in ({} if opts.skip_load else endpoints).items():
            for srv in servers:  # back to back on each endpoint, so both see the same machine
                figures[srv.kind][name] = run_load(srv.base, paths, opts.clients, opts.seconds, opts.max_requests)
                print(srv.kind, name, figures[srv.kind][name], flush=True)
        production = servers[-1]
        if not opts.no_browser:
            for layout in ("spheres", "around-us", "communities", "force"):
                figures["waitress"][f"browser (1,500-node map, {layout})"] = browser_stable(
                    production.base, layout=layout
                )
                print("browser", layout, figures["waitress"][f"browser (1,500-node map, {layout})"], flush=True)
        if opts.compare_languages:
            figures["waitress"]["languages"] = compare_languages(production.base, actor_paths, opts)
        results.update(figures["waitress"])
        if "werkzeug" in figures:
            results["development server (werkzeug, same run)"] = figures["werkzeug"]
        if "baseline" in figures:
            results[f"baseline ({opts.against}, same run)"] = figures["baseline"]
        print(json.dumps(results, indent=2))
        if opts.out:
            opts.out.write_text(json.dumps(results, indent=2), encoding="utf-8")
        if "werkzeug" in figures:
            print("\nwaitress (after) against Werkzeug's development server (before), same run:")
            print(compare(figures["werkzeug"], figures["waitress"]))
        if "baseline" in figures:
            print(f"\nthis code (after) against {opts.against} (before), same run:")
            print(compare(figures["baseline"], figures["waitress"]))
        if opts.baseline:
            print(compare(json.loads(opts.baseline.read_text(encoding="utf-8")), results))
    finally:
        for srv in servers:
            srv.stop()
        if server is not None:
            server.stop()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
