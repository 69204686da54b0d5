"""Benchmark ``netmap export`` on the generated network: export time and peak memory.

    PYTHONPATH=. python bench/export.py --actors 10000

Generates the network with ``netmap generate --actors N --out DIR``, imports it with
``netmap import sheet DIR/actors.csv DIR/relationships.csv`` into a throw-away managed Neo4j (or the
server named by ``NETMAP_TEST_NEO4J_URI``, which is wiped), then times ``netmap export`` in-process:
the whole bundle and each step, with the peak resident memory of the process during the export
(``/proc/self/statm`` polled every 5 ms) and the size of each file. Target: under 60 s at 10,000 actors.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from peak_rss import PeakRss  # bench/ is on sys.path when a script runs

from netmap.cli import main
from netmap.config import Settings, load_settings


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _env(settings: Settings) -> dict[str, str]:
    return {
        "NETMAP_NEO4J_URI": settings.neo4j_uri or "",
        "NETMAP_NEO4J_USER": settings.neo4j_user,
        "NETMAP_NEO4J_PASSWORD": settings.neo4j_password or "",
        "NETMAP_HOME": str(settings.home),
    }


def _run(args: list[str], env: dict[str, str]) -> str:
    result = CliRunner().invoke(main, args, env=env, catch_exceptions=False)
    if result.exit_code != 0:
        sys.exit(f"netmap {' '.join(args)} failed: {result.output}")
    return result.output


def bench(settings: Settings, actors: int, work: Path, home_actor: str | None) -> dict[str, Any]:
    from netmap.export.bundle import export_bundle
    from netmap.export.state import EntryOptions
    from netmap.store import connect

    env = _env(settings)
    data = work / "generated"
    t0 = time.perf_counter()
    _run(["generate", "--actors", str(actors), "--out", str(data)], env)
    store = connect(settings)
    while store.execute_write("MATCH (n) WITH n LIMIT 10000 DETACH DELETE n RETURN count(*) AS n")[0]["n"]:
        pass
    store.ensure_schema()
    _run(["import", "sheet", str(data / "actors.csv"), str(data / "relationships.csv")], env)
    prepared = time.perf_counter() - t0
    if home_actor is None:  # the generated network's best-connected IGO stands in for "us"
        home_actor = store.execute_read(
            "MATCH (a:Actor) RETURN a.id AS id ORDER BY CASE WHEN a.kind = 'IGO' THEN 0 ELSE 1 END, "
            "COUNT { (a)--(:Entity) } DESC, a.id LIMIT 1"
        )[0]["id"]
    counts = store.execute_read(
        "MATCH (a:Actor) WITH count(a) AS actors MATCH (:Entity)-[r]->(:Entity) RETURN actors, count(r) AS ties"
    )[0]
    out = work / "out"
    with PeakRss() as rss:
        start = time.perf_counter()
        result = export_bundle(
            store,
            settings.with_overrides(home_actor=home_actor),
            "2026-Q4",
            out=out,
            options=EntryOptions(),
            force=True,
        )
        elapsed = time.perf_counter() - start
    store.close()
    return {
        "actors_requested": actors,
        "actors": counts["actors"],
        "ties": counts["ties"],
        "home_actor": home_actor,
        "prepare_seconds": round(prepared, 1),
        "export_seconds": round(elapsed, 2),
        "target_seconds": 60,
        "peak_rss_mb": round(rss.peak / 2**20, 1),
        "rss_added_mb": round((rss.peak - rss.start) / 2**20, 1),
        "steps_seconds": result.timings,
        "files_kb": {p.name: round(p.stat().st_size / 1024) for p in sorted(result.folder.iterdir())}
        | {result.zip_path.name: round(result.zip_path.stat().st_size / 1024)},
    }


def main_(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=10_000)
    parser.add_argument("--home", help="Home actor id (default: the best-connected generated IGO).")
    parser.add_argument("--work", type=Path, help="Working folder (default: a temporary one).")
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="netmap-bench-export-"))
    work.mkdir(parents=True, exist_ok=True)
    uri = os.environ.get("NETMAP_TEST_NEO4J_URI")
    if uri:
        settings = Settings(
            neo4j_uri=uri,
            neo4j_user=os.environ.get("NETMAP_TEST_NEO4J_USER", "neo4j"),
            neo4j_password=os.environ.get("NETMAP_TEST_NEO4J_PASSWORD", ""),
            home=work / "home",
        )
        print(json.dumps(bench(settings, args.actors, work, args.home), indent=2))
        return
    from netmap.runtime import ManagedNeo4j

    base = load_settings(env={k: v for k, v in os.environ.items() if k == "NETMAP_HOME"})
    server = ManagedNeo4j(
        replace(base, bolt_port=_free_port(), neo4j_heap="1g", neo4j_pagecache="512m"), data_dir=work / "neo4j"
    )
    server.start()
    try:
        settings = Settings(
            neo4j_uri=server.uri, neo4j_user="neo4j", neo4j_password=server.password(), home=work / "home"
        )
        print(json.dumps(bench(settings, args.actors, work, args.home), indent=2))
    finally:
        server.stop()


if __name__ == "__main__":
    main_()
