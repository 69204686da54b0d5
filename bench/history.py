"""Benchmark the history page of an actor with 1,000 changes, with 20 concurrent clients, against the
actor pages measured in the same run (and, with ``--against``, against another checkout's server).

    python bench/history.py [--actors 2000] [--changes 1000] [--other-changes 20] [--clients 20]
                            [--seconds 10] [--against CHECKOUT] [--reuse]

Uses the network loader, ``Server`` (waitress, as ``netmap serve``) and load client of ``bench/web.py`` (a throw-away managed Neo4j, or
NETMAP_NEO4J_URI, which is WIPED unless --reuse finds the generated network there). One actor gets
``--changes`` recorded field changes, and every other actor ``--other-changes`` (a database where people
edit many actors: the actor's history must be read from its index, not from every change); then p50/p95
of: its history page (page 1, and pages drawn at random), its actor page (which shows the last ten
changes and their count), and as the baseline the actor pages of 200 random actors with no history
of their own beyond those few. Ratios are against that baseline. ``--against CHECKOUT`` (another
checkout of netmap with its own .venv: the code before a change) serves the same database with that
checkout's ``netmap serve`` too, each endpoint measured on both servers back to back, and prints this
code's p50/p95 against that one's.
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


def add_changes(env: dict[str, str], tmp: Path, actor_id: str, count: int, others: list[str], each: int) -> None:
    """``count`` field changes of one actor, and ``each`` of every actor in ``others``, as editors make
    them (the record of each, not the edit)."""
    from netmap.config import load_settings
    from netmap.store import connect
    from netmap.store.history import change_row, record_changes

    store = connect(load_settings(env={**env, "NETMAP_HOME": str(tmp / "home")}))
    store.execute_write("MATCH (h:Change) DETACH DELETE h")
    fields = ("description", "country", "tags", "url")

    def rows(actor: str, n: int) -> list[dict[str, Any]]:
        return [
            {
                **change_row(
                    "field", f"editor{k % 7}", field=fields[k % 4], before=f"value {k}", after=f"value {k + 1}"
                ),
                "actorId": actor,
            }
            for k in range(n)
        ]

    busy = rows(actor_id, count)
    for start in range(0, count, 250):
        record_changes(store, busy[start : start + 250])
    if each:
        background = [row for other in others for row in rows(other, each)]
        for start in range(0, len(background), 5000):
            record_changes(store, background[start : start + 5000])
    store.close()


def measure(base: str, endpoints: dict[str, list[str]], opts: argparse.Namespace) -> dict[str, Any]:
    warm = bench_web.Client(base)
    warm.login()
    for paths in endpoints.values():
        status, _ = warm.get(paths[0])
        assert status == 200, (paths[0], status)
    return {
        name: bench_web.run_load(base, paths, opts.clients, opts.seconds, opts.max_requests)
        for name, paths in endpoints.items()
    }


def report(label: str, results: dict[str, Any], endpoints: dict[str, list[str]]) -> None:
    names = list(endpoints)
    baseline = results[names[0]]
    for name in names[1:]:
        r = results[name]
        print(
            f"{label}{name}: p95 {r['p95_ms']} ms = {r['p95_ms'] / baseline['p95_ms']:.2f}x the baseline "
            f"({baseline['p95_ms']} ms); p50 {r['p50_ms']} ms = {r['p50_ms'] / baseline['p50_ms']:.2f}x"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--actors", type=int, default=2000)
    parser.add_argument("--changes", type=int, default=1000)
    parser.add_argument("--other-changes", type=int, default=20, help="Changes of every other actor.")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--max-requests", type=int, default=1000)
    parser.add_argument("--against", type=Path, help="Also serve with this checkout (its .venv), endpoint by endpoint.")
    parser.add_argument("--reuse", action="store_true", help="Keep the network already in NETMAP_NEO4J_URI.")
    parser.add_argument("--out", type=Path, help="Write the figures as JSON here.")
    opts = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="netmap-bench-history-"))
    neo4j, env = bench_web.start_neo4j(tmp)
    servers: list[Any] = []
    try:
        loaded = bench_web.load(env, tmp, opts.actors, reuse=opts.reuse and neo4j is None)
        rng = random.Random(3)
        busy = loaded["ids"][len(loaded["ids"]) // 2]
        others = [i for i in loaded["ids"] if i != busy]
        add_changes(env, tmp, busy, opts.changes, others, opts.other_changes)
        quoted = urllib.parse.quote(busy)
        pages = -(-opts.changes // 50)
        sample = [f"/actors/{urllib.parse.quote(i)}" for i in rng.sample(others, 200)]
        endpoints = {
            f"baseline: actor page, {opts.other_changes} changes (200 ids)": sample,
            f"actor page with {opts.changes} changes (last 10 shown)": [f"/actors/{quoted}"],
            f"history page 1 of {pages}": [f"/actors/{quoted}/history"],
            f"history, random page of {pages}": [f"/actors/{quoted}/history?page={p}" for p in range(1, pages + 1)],
        }
        ours = bench_web.Server("waitress", env, tmp)
        servers.append(ours)
        theirs = None
        if opts.against:
            theirs = bench_web.Server("baseline", env, tmp, checkout=opts.against.resolve())
            servers.append(theirs)
        results: dict[str, Any] = {
            "network": loaded["counts"],
            "clients": opts.clients,
            "changes": opts.changes,
            "other_changes": opts.other_changes,
        }
        for name, paths in endpoints.items():  # back to back on each endpoint: the same load for both
            results[name] = measure(ours.base, {name: paths}, opts)[name]
            print(name, results[name], flush=True)
            if theirs is not None:
                results[f"against: {name}"] = measure(theirs.base, {name: paths}, opts)[name]
                print("against:", name, results[f"against: {name}"], flush=True)
        report("", results, endpoints)
        if theirs is not None:
            report("against: ", {n: results[f"against: {n}"] for n in endpoints}, endpoints)
            for name in endpoints:
                a, b = results[name], results[f"against: {name}"]
                print(
                    f"this code / {opts.against}: {name}: p95 {a['p95_ms']} / {b['p95_ms']} ms = "
                    f"{a['p95_ms'] / b['p95_ms']:.2f}x; p50 {a['p50_ms']} / {b['p50_ms']} ms = {a['p50_ms'] / b['p50_ms']:.2f}x"
                )
        if opts.out:
            opts.out.write_text(json.dumps(results, indent=2), encoding="utf-8")
    finally:
        for server in servers:
            server.stop()
        if neo4j is not None:
            neo4j.stop()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
