"""Benchmark: `netmap import sheet` against Neo4j's own LOAD CSV of the same rows.

For each size (default 10k and 100k actors, about 5 ties each) the script generates a network with
`netmap generate`, then, on a fresh managed Neo4j started for the run, loads it three ways into an
emptied database (netmap's constraints and indexes in place each time):

1. **LOAD CSV, same graph** (the baseline of the target): the server's own bulk path writing exactly
   the graph netmap writes: kind labels, programmes and forums, every property, derived spheres, the
   provenance (`sources`, `firstSeen`, `lastSeen`), country and sector ties, undirected ties in one
   direction. The script checks that both graphs are equal (a fingerprint over every node and tie,
   the provenance values aside).
2. **LOAD CSV, bare**: a lighter graph (no provenance, no kind labels, fewer properties), printed for
   reference: it shows what netmap's graph model costs the server.
3. **netmap**: `netmap import sheet` as a user runs it (validation, entity resolution, provenance,
   batched writes), in a child process so its peak memory is its own.

It prints rows/s for each, the ratios netmap / LOAD CSV (target >= 1.0 against the same graph),
netmap's peak memory and the server's CPU seconds for each way (steadier than wall time under load). A 1k-actor round runs first, unmeasured, so every way starts warm.
Usage: python bench/import_sheet.py [--sizes 10000 100000] [--seed 1] [--repeat 3] [--against CHECKOUT]
(``--repeat``: each way measured that many times, interleaved, and the medians reported: runs on a
shared machine vary. ``--against``: another checkout of netmap, with its own ``.venv``, imported the same
way in the same runs, so a change is judged against the code before it under the same load.)
"""

from __future__ import annotations

import argparse
import hashlib
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from netmap.config import load_settings
from netmap.model import _ECONOMIC_KINDS, _ECONOMIC_WORDS, _HUMANITARIAN_KINDS, _HUMANITARIAN_WORDS
from netmap.runtime import ManagedNeo4j
from netmap.sample.generate import generate
from netmap.store import connect

#: The same graph as netmap's: what the sheet importer and netmap.store.writes make of these columns.
SAME_ACTORS = """
LOAD CSV WITH HEADERS FROM 'file:///actors.csv' AS row
CALL (row) {
  WITH row, [x IN split(coalesce(row.sectors, ''), '|') WHERE trim(x) <> '' | trim(x)] AS sectors,
       [x IN split(coalesce(row.tags, ''), '|') WHERE trim(x) <> '' | trim(x)] AS tags,
       toLower(row.kind) IN ['programme', 'forum'] AS initiative
  WITH row, initiative, tags, sectors, CASE WHEN initiative
         THEN [x IN split(coalesce(row.country, ''), '|') WHERE trim(x) <> '' | trim(x)]
         ELSE [x IN [row.country] WHERE x IS NOT NULL] END AS countries
  WITH row, initiative, tags, countries,
       reduce(acc = [], x IN sectors | CASE WHEN x IN acc THEN acc ELSE acc + x END) AS sectors
  WITH row, initiative, tags, countries, sectors, toLower(reduce(s = '', x IN sectors | s + ' ' + x)) AS text
  WITH row, initiative, tags, countries, sectors,
       any(w IN $economicWords WHERE text CONTAINS w) AS econ, any(w IN $humanitarianWords WHERE text CONTAINS w) AS hum
  CREATE (a:Entity {id: row.id})
  SET a.name = row.name, a.nameLower = toLower(row.name), a.description = row.description, a.url = row.url,
      a.iati = row.iati, a.illustrative = CASE WHEN toLower(row.illustrative) = 'true' THEN true END,
      a.sourceUrl = row.source_url, a.sectors = sectors,
      a.firstSeen = $seen, a.lastSeen = $seen, a.sources = [$source]
  WITH a, row, initiative, tags, countries, sectors, econ, hum
  CALL (a, row, initiative, tags, countries) {
    WITH a, row, tags, countries WHERE initiative
    SET a:$(CASE toLower(row.kind) WHEN 'forum' THEN 'Forum' ELSE 'Programme' END),
        a.countries = countries,
        a.tags = CASE WHEN size(tags) > 0 THEN tags END
  }
  CALL (a, row, initiative, tags, sectors, econ, hum) {
    WITH a, row, tags, sectors, econ, hum WHERE NOT initiative
    SET a:Actor:$(row.kind), a.kind = row.kind, a.country = row.country, a.tags = tags, a.aliases = [],
        a.aliasText = '', a.influence = toInteger(row.influence), a.engagement = row.engagement, a.lei = row.lei,
        a.wikidata = row.wikidata, a.sphereSet = CASE WHEN row.kind <> 'Other' THEN row.sphere IS NOT NULL END,
        a.sphere = coalesce(row.sphere, CASE
          WHEN row.kind IN $economicKinds THEN 'economic'
          WHEN row.kind IN $humanitarianKinds THEN CASE WHEN econ THEN 'both' ELSE 'humanitarian' END
          WHEN econ AND hum THEN 'both' WHEN hum THEN 'humanitarian' ELSE 'economic' END)
    WITH a, sectors
    CALL (a, sectors) {
      UNWIND sectors AS sector
      MERGE (s:Sector {name: sector})
      CREATE (a)-[:IN_SECTOR {key: '', firstSeen: $seen, lastSeen: $seen, sources: [$source]}]->(s)
    }
  }
  CALL (a, countries) {
    UNWIND countries AS code
    MERGE (c:Country {code: code})
    CREATE (a)-[:OPERATES_IN {key: '', firstSeen: $seen, lastSeen: $seen, sources: [$source]}]->(c)
  }
} IN TRANSACTIONS OF 5000 ROWS
"""
SAME_RELS = """
LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
CALL (row) {
  WITH row, row.type = 'PARTNERS_WITH' AND row.to < row.from AS swap, toUpper(row.currency) AS currency
  MATCH (a:Entity {id: CASE WHEN swap THEN row.to ELSE row.from END})
  MATCH (b:Entity {id: CASE WHEN swap THEN row.from ELSE row.to END})
  CREATE (a)-[r:$(row.type)]->(b)
  SET r.key = CASE WHEN row.type = 'FUNDS' AND (currency IS NOT NULL OR row.since IS NOT NULL)
                   THEN coalesce(currency, 'None') + ':' + coalesce(row.since, '') ELSE '' END,
      r.strength = toInteger(row.strength), r.since = row.since, r.until = row.until,
      r.amount = toFloat(replace(row.amount, ',', '')), r.currency = currency, r.note = row.note,
      r.illustrative = CASE WHEN toLower(row.illustrative) = 'true' THEN true END, r.sourceUrl = row.source_url,
      r.firstSeen = $seen, r.lastSeen = $seen, r.sources = [$source]
} IN TRANSACTIONS OF 5000 ROWS
"""
SAME_PARAMS = {
    "economicWords": list(_ECONOMIC_WORDS),
    "humanitarianWords": list(_HUMANITARIAN_WORDS),
    "economicKinds": sorted(_ECONOMIC_KINDS),
    "humanitarianKinds": sorted(_HUMANITARIAN_KINDS),
    "seen": "2026-01-01T00:00:00+00:00",
    "source": "load-csv",
}

#: A lighter graph, for reference.
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


class BenchNeo4j(ManagedNeo4j):
    """The run's own throwaway server, with LOAD CSV from its import folder allowed (the baseline needs it;
    netmap's managed server refuses file URLs so console Cypher cannot read the server's files)."""

    def _write_config(self) -> Path:
        conf_dir = super()._write_config()
        conf = conf_dir / "neo4j.conf"
        text = conf.read_text(encoding="utf-8")
        conf.write_text(text.replace("allow_csv_import_from_file_urls=false", "allow_csv_import_from_file_urls=true"))
        return conf_dir


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


PROVENANCE = ("sources", "firstSeen", "lastSeen")
#: A first, unmeasured round: each way's queries are planned and the server's code is warm before any
#: measurement (otherwise whichever way runs first pays for it).
WARM_UP = 1_000


def server_cpu(pid: int | None) -> float:
    """CPU seconds the server process has used (user + system, every thread), 0 where /proc is missing.

    Wall-clock times on a shared machine vary with the load; the server's CPU time per way varies much
    less and shows how much work each way asks of the database."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wipe(store: Any) -> None:
    """An empty database with netmap's constraints and indexes, as every run starts from."""
    while store.execute_write("MATCH (n) WITH n LIMIT 10000 DETACH DELETE n RETURN count(*) AS n")[0]["n"]:
        pass
    store._schema_ready = False
    store.ensure_schema()


def fingerprint(store: Any) -> tuple[int, int, str]:
    """(entities, ties between entities, a hash of every node and tie): equal graphs, equal fingerprints.

    Provenance values differ between runs by design (run times, source ids); their presence counts.
    """

    def digest(*parts: Any) -> int:
        return int.from_bytes(hashlib.blake2b(repr(parts).encode(), digest_size=8).digest(), "big")

    def plain(props: dict[str, Any]) -> list[tuple[str, Any]]:
        return sorted((k, "*" if k in PROVENANCE else v) for k, v in props.items())

    total = nodes = ties = 0
    with store.session() as session:
        for row in session.run("MATCH (n) WHERE NOT n:Source RETURN labels(n) AS l, properties(n) AS p"):
            total += digest(sorted(row["l"]), plain(row["p"]))
            nodes += "Entity" in row["l"]
        query = (
            "MATCH (a)-[r]->(b) RETURN coalesce(a.id, a.code, a.name) AS a, type(r) AS t,"
            " coalesce(b.id, b.code, b.name) AS b, b:Entity AS entity, properties(r) AS p"
        )
        for row in session.run(query):
            total += digest(row["a"], row["t"], row["b"], plain(row["p"]))
            ties += row["entity"]
    return nodes, ties, f"{total % 2**64:016x}"


def load_csv(store: Any, *queries: str) -> float:
    start = time.perf_counter()
    with store.session() as session:
        for query in queries:
            session.run(query, SAME_PARAMS).consume()
    return time.perf_counter() - start


def netmap_import(netmap: str, env: dict[str, str], files: Any) -> tuple[float, int]:
    """Seconds of one `netmap import sheet` in a child process, and the children's peak RSS (kB) after it."""
    start = time.perf_counter()
    proc = subprocess.run(
        [netmap, "import", "sheet", str(files.actors_csv), str(files.relationships_csv)],
        env=env,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"netmap import failed: {proc.stderr}")
    return seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--repeat", type=int, default=1, help="measure each way this many times, interleaved, and report the medians"
    )
    parser.add_argument(
        "--against",
        type=Path,
        metavar="CHECKOUT",
        help="also import with this checkout's netmap (its .venv/bin/netmap) in the same runs",
    )
    args = parser.parse_args()
    other = None
    if args.against is not None:
        other = str((args.against / ".venv" / "bin" / "netmap").absolute())
        if not os.access(other, os.X_OK):
            raise SystemExit(f"--against: no {other} (run .ci/setup in that checkout first)")

    work = Path(tempfile.mkdtemp(prefix="netmap-bench-"))
    base = load_settings(env={k: v for k, v in os.environ.items() if k == "NETMAP_HOME"})
    settings = replace(base, bolt_port=free_port(), neo4j_heap="2g", neo4j_pagecache="1g")
    server = BenchNeo4j(settings, data_dir=work / "db")
    server.start()
    ext = replace(settings, neo4j_uri=server.uri, neo4j_password=server.password())
    env = dict(
        os.environ, NETMAP_NEO4J_URI=server.uri, NETMAP_NEO4J_PASSWORD=server.password(), NETMAP_HOME=str(work / "home")
    )
    netmap = str(Path(sys.executable).with_name("netmap"))
    print(
        f"Neo4j {settings.neo4j_version} at {server.uri}; heap {settings.neo4j_heap}, page cache {settings.neo4j_pagecache}"
    )
    print(
        f"rows/s of each way (median of {args.repeat} runs); ratio = netmap / LOAD CSV (the target: >= 1.0 against the same "
        "graph)"
    )
    if other is not None:
        print(
            f"against: {other} (imported in the same runs; ratio against = its seconds / this netmap's; "
            "the peak is the larger of the two netmaps')"
        )
    print(
        f"{'actors':>8} {'rows':>8} {'same graph':>11} {'bare':>7} {'netmap':>7} "
        f"{'ratio same':>11} {'ratio bare':>11} {'netmap peak MB':>15}"
        + (f" {'against':>8} {'ratio against':>14}" if other else "")
    )
    try:
        with connect(ext) as store:
            for round_number, size in enumerate([WARM_UP, *args.sizes]):
                files = generate(work / f"gen-{size}", size, seed=args.seed)
                rows = sum(1 for _ in open(files.actors_csv)) - 1 + sum(1 for _ in open(files.relationships_csv)) - 1
                for f in (files.actors_csv, files.relationships_csv):
                    shutil.copy(f, work / "db" / "import" / f.name)
                times: dict[str, list[float]] = {"same": [], "bare": [], "netmap": []}
                if other is not None:
                    times["against"] = []
                before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
                peak_kb = before
                cpu: dict[str, list[float]] = {k: [] for k in times}
                pid = server.pid()
                for _ in range(1 if round_number == 0 else args.repeat):
                    wipe(store)
                    before_cpu = server_cpu(pid)
                    times["same"].append(load_csv(store, SAME_ACTORS, SAME_RELS))
                    cpu["same"].append(server_cpu(pid) - before_cpu)
                    expected = fingerprint(store)
                    wipe(store)
                    before_cpu = server_cpu(pid)
                    times["bare"].append(load_csv(store, LOAD_ACTORS, LOAD_RELS))
                    cpu["bare"].append(server_cpu(pid) - before_cpu)
                    wipe(store)
                    before_cpu = server_cpu(pid)
                    seconds, peak_kb = netmap_import(netmap, env, files)
                    cpu["netmap"].append(server_cpu(pid) - before_cpu)
                    times["netmap"].append(seconds)
                    got = fingerprint(store)
                    if got != expected:
                        print(f"  GRAPHS DIFFER: LOAD CSV (same graph) {expected}, netmap {got}")
                    if other is not None:
                        wipe(store)
                        before_cpu = server_cpu(pid)
                        times["against"].append(netmap_import(other, env, files)[0])
                        cpu["against"].append(server_cpu(pid) - before_cpu)
                        theirs = fingerprint(store)
                        if theirs != expected:
                            print(f"  GRAPHS DIFFER: LOAD CSV (same graph) {expected}, --against netmap {theirs}")
                if round_number == 0:  # the warm-up
                    continue
                same, bare, ours = (statistics.median(times[k]) for k in ("same", "bare", "netmap"))
                peak = f"{peak_kb / 1024:.0f}" if peak_kb > before else f"<= {peak_kb / 1024:.0f}"
                line = (
                    f"{size:>8} {rows:>8} {rows / same:>11.0f} {rows / bare:>7.0f} {rows / ours:>7.0f} "
                    f"{same / ours:>11.2f} {bare / ours:>11.2f} {peak:>15}"
                )
                if other is not None:
                    theirs_s = statistics.median(times["against"])
                    line += f" {rows / theirs_s:>8.0f} {theirs_s / ours:>14.2f}"
                print(line)
                if args.repeat > 1:
                    print(
                        "  seconds per run: "
                        + "; ".join(f"{k} " + ", ".join(f"{t:.1f}" for t in v) for k, v in times.items())
                    )
                print(
                    "  server CPU seconds (median): "
                    + "; ".join(f"{k} {statistics.median(v):.1f}" for k, v in cpu.items() if v)
                )
                if got == expected:
                    print(f"  same graph: {got[0]} entities, {got[1]} ties between them, fingerprint {got[2]}")
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
