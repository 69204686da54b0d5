"""Benchmark the history page of an actor with 1,000 changes, with 20 concurrent clients, against the
actor pages measured in the same run.

    python bench/history.py [--actors 2000] [--changes 1000] [--clients 20] [--seconds 10] [--reuse]

Uses the network loader, ``Server`` (waitress, as ``netmap serve``) and load client of ``bench/web.py`` (a throw-away managed Neo4j, or
NETMAP_NEO4J_URI, which is WIPED unless --reuse finds the generated network there). One actor gets
``--changes`` recorded field changes; then p50/p95 of: its history page (page 1, and pages drawn at
random), its actor page (which shows the last ten changes and their count), and as the baseline the
actor pages of 200 random actors with no history. Ratios are against that baseline.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import shutil
import tempfile
import urllib.parse
from pathlib import Path
from typing import Any

# bench/web.py by its path: the name "web" is the web app's package.
_spec = importlib.util.spec_from_file_location("bench_web", Path(__file__).with_name("web.py"))
assert _spec and _spec.loader
bench_web = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench_web)


def add_changes(env: dict[str, str], tmp: Path, actor_id: str, count: int) -> None:
    """``count`` field changes of one actor, as editors make them (the record of each, not the edit)."""
    from netmap.config import load_settings
    from netmap.store import connect
    from netmap.store.history import change_row, record_changes

    store = connect(load_settings(env={**env, "NETMAP_HOME": str(tmp / "home")}))
    store.execute_write("MATCH (h:Change) DETACH DELETE h")
    fields = ("description", "country", "tags", "url")
    rows = [
        {
            **change_row("field", f"editor{n % 7}", field=fields[n % 4], before=f"value {n}", after=f"value {n + 1}"),
            "actorId": actor_id,
        }
        for n in range(count)
    ]
    for start in range(0, count, 250):
        record_changes(store, rows[start : start + 250])
    store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--actors", type=int, default=2000)
    parser.add_argument("--changes", type=int, default=1000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--max-requests", type=int, default=1000)
    parser.add_argument("--reuse", action="store_true", help="Keep the network already in NETMAP_NEO4J_URI.")
    parser.add_argument("--out", type=Path, help="Write the figures as JSON here.")
    opts = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="netmap-bench-history-"))
    neo4j, env = bench_web.start_neo4j(tmp)
    server = None
    try:
        loaded = bench_web.load(env, tmp, opts.actors, reuse=opts.reuse and neo4j is None)
        rng = random.Random(3)
        busy = loaded["ids"][len(loaded["ids"]) // 2]
        add_changes(env, tmp, busy, opts.changes)
        server = bench_web.Server("waitress", env, tmp)
        base = server.base
        quoted = urllib.parse.quote(busy)
        pages = -(-opts.changes // 50)
        others = [f"/actors/{urllib.parse.quote(i)}" for i in rng.sample([i for i in loaded["ids"] if i != busy], 200)]
        endpoints = {
            "baseline: actor page, no history (200 ids)": others,
            f"actor page with {opts.changes} changes (last 10 shown)": [f"/actors/{quoted}"],
            f"history page 1 of {pages}": [f"/actors/{quoted}/history"],
            f"history, random page of {pages}": [f"/actors/{quoted}/history?page={p}" for p in range(1, pages + 1)],
        }
        warm = bench_web.Client(base)
        warm.login()
        for paths in endpoints.values():
            status, _ = warm.get(paths[0])
            assert status == 200, (paths[0], status)
        results: dict[str, Any] = {"network": loaded["counts"], "clients": opts.clients, "changes": opts.changes}
        for name, paths in endpoints.items():
            results[name] = bench_web.run_load(base, paths, opts.clients, opts.seconds, opts.max_requests)
            print(name, results[name], flush=True)
        baseline = results["baseline: actor page, no history (200 ids)"]
        for name in list(endpoints)[1:]:
            r = results[name]
            print(
                f"{name}: p95 {r['p95_ms']} ms = {r['p95_ms'] / baseline['p95_ms']:.2f}x the baseline "
                f"({baseline['p95_ms']} ms); p50 {r['p50_ms']} ms = {r['p50_ms'] / baseline['p50_ms']:.2f}x"
            )
        if opts.out:
            opts.out.write_text(json.dumps(results, indent=2), encoding="utf-8")
    finally:
        if server is not None:
            server.stop()
        if neo4j is not None:
            neo4j.stop()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
