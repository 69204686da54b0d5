"""Benchmark: `netmap import sheet` against Neo4j's own LOAD CSV of the same rows.

For each size (default 10k and 100k actors, about 5 ties each) the script generates a network with
`netmap generate`, then, on a fresh managed Neo4j started for the run:

1. baseline: LOAD CSV of the same actors and relationships into an empty database (MERGE nodes with the
   same properties, their country and sector ties, and the relationships, in transactions of 5,000 rows);
2. netmap: the database is emptied (netmap's constraints and indexes in place, as the baseline's are)
   and `netmap import sheet` runs as a user would (validation, entity
   resolution, provenance, batched UNWIND/MERGE), in a child process so its peak memory is its own.

It prints rows/s for both, the ratio netmap / LOAD CSV (target >= 0.7) and netmap's peak memory.
Usage: python bench/import_sheet.py [--sizes 10000 100000] [--seed 1]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from netmap.config import load_settings
from netmap.generate import generate
from netmap.runtime import ManagedNeo4j
from netmap.store import connect

LOAD_ACTORS = """
LOAD CSV WITH HEADERS FROM 'file:///actors.csv' AS row
CALL (row) {
  MERGE (a:Entity {id: row.id})
  SET a:Actor, a.name = row.name, a.kind = row.kind, a.sphere = row.sphere, a.country = row.country,
      a.sectors = split(row.sectors, '|'), a.tags = split(row.tags, '|'), a.influence = toInteger(row.influence),
      a.engagement = row.engagement, a.lei = row.lei, a.illustrative = row.illustrative = 'true'
  WITH a, row
  CALL (a, row) { WITH a, row WHERE row.country IS NOT NULL
    MERGE (c:Country {code: row.country}) MERGE (a)-[:OPERATES_IN {key: ''}]->(c) }
  CALL (a, row) { UNWIND split(coalesce(row.sectors, ''), '|') AS sector WITH a, sector WHERE sector <> ''
    MERGE (s:Sector {name: sector}) MERGE (a)-[:IN_SECTOR {key: ''}]->(s) }
} IN TRANSACTIONS OF 5000 ROWS
"""
LOAD_RELS = """
LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
CALL (row) {
  MATCH (a:Entity {id: row.from}) MATCH (b:Entity {id: row.to})
  MERGE (a)-[r:$(row.type) {key: coalesce(row.currency, '') + ':' + coalesce(row.since, '')}]->(b)
  SET r.strength = toInteger(row.strength), r.amount = toFloat(row.amount), r.since = row.since
} IN TRANSACTIONS OF 5000 ROWS
"""
SCHEMA = [
    "CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT country_code IF NOT EXISTS FOR (n:Country) REQUIRE n.code IS UNIQUE",
    "CREATE CONSTRAINT sector_name IF NOT EXISTS FOR (n:Sector) REQUIRE n.name IS UNIQUE",
]


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wipe(store) -> None:  # type: ignore[no-untyped-def]
    while store.execute_write("MATCH (n) WITH n LIMIT 10000 DETACH DELETE n RETURN count(*) AS n")[0]["n"]:
        pass
    with store.session() as session:
        for row in session.run("SHOW CONSTRAINTS YIELD name"):
            session.run(f"DROP CONSTRAINT {row['name']}").consume()
        for row in session.run("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP'"):
            session.run(f"DROP INDEX {row['name']}").consume()


def count(store) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    nodes = store.execute_read("MATCH (n:Entity) RETURN count(n) AS n")[0]["n"]
    rels = store.execute_read("MATCH (:Entity)-[r]->(:Entity) RETURN count(r) AS n")[0]["n"]
    return nodes, rels


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="netmap-bench-"))
    base = load_settings(env={k: v for k, v in os.environ.items() if k == "NETMAP_HOME"})
    settings = replace(base, bolt_port=free_port(), neo4j_heap="2g", neo4j_pagecache="1g")
    server = ManagedNeo4j(settings, data_dir=work / "db")
    server.start()
    ext = replace(settings, neo4j_uri=server.uri, neo4j_password=server.password())
    env = dict(os.environ, NETMAP_NEO4J_URI=server.uri, NETMAP_NEO4J_PASSWORD=server.password(),
               NETMAP_HOME=str(work / "home"))
    netmap = str(Path(sys.executable).with_name("netmap"))
    print(f"Neo4j {settings.neo4j_version} at {server.uri}; heap {settings.neo4j_heap}, page cache {settings.neo4j_pagecache}")
    print(f"{'actors':>8} {'rows':>9} {'LOAD CSV rows/s':>16} {'netmap rows/s':>14} {'ratio':>6} {'netmap peak MB':>15}")
    try:
        with connect(ext) as store:
            for size in args.sizes:
                files = generate(work / f"gen-{size}", size, seed=args.seed)
                rows = sum(1 for _ in open(files.actors_csv)) - 1 + sum(1 for _ in open(files.relationships_csv)) - 1
                wipe(store)
                for statement in SCHEMA:
                    store.execute_write(statement)
                for f in (files.actors_csv, files.relationships_csv):
                    shutil.copy(f, work / "db" / "import" / f.name)
                start = time.perf_counter()
                with store.session() as session:
                    session.run(LOAD_ACTORS).consume()
                    session.run(LOAD_RELS).consume()
                baseline = time.perf_counter() - start
                expected = count(store)

                wipe(store)
                store._schema_ready = False
                store.ensure_schema()  # as in a netmap database that exists; the baseline's constraints too
                before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
                start = time.perf_counter()
                proc = subprocess.run([netmap, "import", "sheet", str(files.actors_csv), str(files.relationships_csv)],
                                      env=env, capture_output=True, text=True)
                ours = time.perf_counter() - start
                peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
                if proc.returncode != 0:
                    raise SystemExit(f"netmap import failed: {proc.stderr}")
                got = count(store)
                if got != expected:
                    print(f"  note: LOAD CSV wrote {expected} (nodes, ties), netmap {got}")
                peak = f"{peak_kb / 1024:.0f}" if peak_kb > before else f"<= {peak_kb / 1024:.0f}"
                print(f"{size:>8} {rows:>9} {rows / baseline:>16.0f} {rows / ours:>14.0f} {baseline / ours:>6.2f} {peak:>15}")
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
