"""Benchmark the analytics engine on generated networks, against plain NetworkX in the same run.

    PYTHONPATH=. python bench/analytics.py --sizes 1000,10000,100000 [--baseline-ref main]

For each size it generates a seeded network (communities with hubs, cross-sphere brokers, forums and
programmes, about 5 ties per actor), then times every step of ``netmap.analytics`` and entry points end
to end, with the peak resident memory each step added. Baselines in the same run: NetworkX exact
betweenness (only up to ``--nx-exact-max`` nodes; above it NetworkX's sampled k=256, and it says so),
NetworkX Louvain, rustworkx's (exact, multi-threaded) betweenness, igraph exact betweenness. With
``--baseline-ref REF`` every step is also timed with the ``netmap`` package as it was at that git ref (a
copy unpacked from git, run in a child process on the same generated network, before today's code), and
the ratios per step are printed: a change judged against the code before it, same machine, same load.
Each step also reports its CPU time (all threads): on a loaded machine the wall time mostly measures
the wait for a core, the CPU time much less so.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
from peak_rss import PeakRss  # bench/ is on sys.path when a script runs

from netmap.analytics import brokerage, centrality, communities, paths, report
from netmap.analytics.backend import to_igraph
from netmap.config import Settings
from netmap.graph import build_graph
from netmap.graph.projection import flow_successors
from netmap.graph.rows import actor, initiative, tie

COUNTRIES = [
    "DEU",
    "CAN",
    "AUS",
    "GBR",
    "USA",
    "SWE",
    "NLD",
    "ITA",
    "ESP",
    "JOR",
    "LBN",
    "KEN",
    "UGA",
    "TUR",
    "COL",
    "BRA",
    "JPN",
    "KOR",
    "IRL",
    "BEL",
]
SECTORS = [
    "healthcare",
    "nursing",
    "it services",
    "construction",
    "logistics",
    "hospitality",
    "agriculture",
    "manufacturing",
    "engineering",
    "resettlement",
    "refugee protection",
    "education",
    "skills training",
]
ECONOMIC = ["Company", "Company", "Company", "EmployerOrganisation", "TradeUnion"]
HUMANITARIAN = ["NGO", "NGO", "CivilSociety", "RefugeeLed"]
OTHER = ["IGO", "Government", "Academic", "Foundation"]
TYPES = ["PARTNERS_WITH"] * 6 + ["FUNDS", "PART_OF", "IMPLEMENTS"]


Rows = list[dict[str, Any]]


def generate(n: int, seed: int = 1, ties_per_actor: float = 2.5) -> tuple[Rows, Rows]:
    """A seeded network of ``n`` actors (mean degree about ``2 * ties_per_actor``), forums, programmes."""
    rng = random.Random(seed)
    n_comm = max(4, n // 250)
    nodes: list[dict[str, Any]] = []
    community: dict[str, int] = {}
    sphere_of: dict[str, str] = {}
    for i in range(n):
        c = rng.randrange(n_comm)
        r = rng.random()
        if i == 0:
            kind, sphere = "IGO", "both"
        elif r < 0.45:
            kind, sphere = rng.choice(ECONOMIC), "economic"
        elif r < 0.80:
            kind, sphere = rng.choice(HUMANITARIAN), "humanitarian"
        else:
            kind, sphere = rng.choice(OTHER), rng.choice(["both", "economic", "humanitarian"])
        aid = "home" if i == 0 else f"a{i}"
        engagement = rng.choices([None, "identified", "contacted", "engaged", "partner"], [80, 8, 6, 3, 3])[0]
        nodes.append(
            actor(
                aid,
                name=f"Actor {i}",
                kind=kind,
                sphere=sphere,
                country=COUNTRIES[c % len(COUNTRIES)],
                sectors=rng.sample(SECTORS, rng.choice([1, 1, 2])),
                influence=rng.choice([None, 1, 2, 3, 4, 5]),
                engagement=engagement if i else None,
            )
        )
        community[aid] = c
        sphere_of[aid] = sphere
    n_init = max(3, n // 100)
    for j in range(n_init):
        nodes.append(initiative(f"i{j}", label="Forum" if j % 2 else "Programme", countries=(rng.choice(COUNTRIES),)))
    ids = [str(node["id"]) for node in nodes[:n]]
    members: dict[int, list[str]] = {}
    for aid in ids:
        members.setdefault(community[aid], []).append(aid)
    # preferential attachment inside communities: a node list repeated by degree
    pool: dict[int, list[str]] = {c: list(m[:2]) for c, m in members.items()}
    global_pool: list[str] = ids[:10]
    edges: list[dict[str, Any]] = []
    brokers = set(rng.sample(ids, max(1, n // 100)))
    for aid in ids:
        c = community[aid]
        k = max(1, int(rng.expovariate(1 / ties_per_actor) + 0.5))
        for _ in range(k):
            r = rng.random()
            if aid in brokers or r < 0.10:
                other = rng.choice(global_pool)
            elif r < 0.22:
                other = f"i{rng.randrange(n_init)}"
                edges.append(tie(aid, other, rng.choice(["MEMBER_OF", "PARTICIPATES_IN", "IMPLEMENTS"])))
                continue
            else:
                other = rng.choice(pool[c]) if pool[c] else rng.choice(members[c])
            if other == aid:
                continue
            edges.append(tie(aid, other, rng.choice(TYPES), strength=rng.choice([None, 1, 2, 3, 4, 5])))
            pool[c].extend((aid, other))
            global_pool.extend((aid, other))
    home_partners = rng.sample(ids[1:], min(len(ids) - 1, 12))
    for p in home_partners:
        edges.append(tie("home", p, "PARTNERS_WITH", strength=4))
    return nodes, edges


def measure(
    rows: list[dict[str, Any]], size: int, step: str, backend: str, func: Callable[[], Any], note: str = ""
) -> Any:
    gc.collect()
    with PeakRss() as mem:
        t0, c0 = time.perf_counter(), time.process_time()
        result = func()
        seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    rows.append(
        {
            "n": size,
            "step": step,
            "backend": backend,
            "seconds": round(seconds, 3),
            "cpu_seconds": round(cpu, 3),
            "peak_mb": round(mem.mb, 1),
            "note": note,
        }
    )
    print(f"  {step:<34} {backend:<22} {seconds:9.3f} s {cpu:8.3f} s cpu {mem.mb:9.1f} MB  {note}", flush=True)
    return result


def measure_bounded(
    rows: list[dict[str, Any]],
    size: int,
    step: str,
    backend: str,
    func: Callable[[], Any],
    timeout: float,
    note: str = "",
) -> None:
    """Like :func:`measure`, in a forked child stopped after ``timeout`` seconds (slow baselines)."""
    import multiprocessing as mp

    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)

    def run() -> None:
        gc.collect()
        with PeakRss() as mem:
            t0 = time.perf_counter()
            func()
            seconds = time.perf_counter() - t0
        child.send((seconds, mem.mb))

    proc = ctx.Process(target=run)
    t0 = time.perf_counter()
    proc.start()
    proc.join(timeout)
    if proc.is_alive():
        proc.terminate()
        proc.join()
        seconds, mb, note = (
            time.perf_counter() - t0,
            float("nan"),
            f"{note} STOPPED after {timeout:.0f} s".strip(),
        )
    else:
        seconds, mb = parent.recv()
    rows.append(
        {
            "n": size,
            "step": step,
            "backend": backend,
            "seconds": round(seconds, 3),
            "peak_mb": round(mb, 1),
            "note": note,
            "stopped": "STOPPED" in note,
        }
    )
    print(f"  {step:<34} {backend:<22} {seconds:9.3f} s {mb:9.1f} MB  {note}", flush=True)


def bench_size(n: int, args: argparse.Namespace) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    nodes, edges = generate(n, args.seed)
    print(f"\n== {n} actors: {len(nodes)} nodes, {len(edges)} tie rows", flush=True)
    settings = Settings(home_actor="home")
    k = args.k
    g = measure(rows, n, "projection (build_graph)", "netmap", lambda: build_graph(nodes, edges))
    print(f"  graph: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges", flush=True)
    measure(rows, n, "to igraph (cached)", "netmap/igraph", lambda: to_igraph(g))
    measure(rows, n, "degree", "netmap", lambda: centrality.degree(g))
    measure(rows, n, "pagerank", "netmap/igraph", lambda: centrality.pagerank(g))
    measure(rows, n, "eigenvector", "netmap/igraph", lambda: centrality.eigenvector(g))
    try:
        from netmap.analytics.shortest_paths import path_sums
    except ImportError:  # a baseline before the joint pass: its measures run in igraph
        path_sums = None
    if path_sums is not None:
        tiny = to_igraph(nx.path_graph(3))
        measure(rows, n, "numba load (first call)", "netmap/numba", lambda: path_sums(tiny, [0]), "cache warm")
    hc = measure(rows, n, "harmonic", "netmap/igraph", lambda: centrality.harmonic(g, k=k))
    rows[-1]["note"] = hc.describe()
    bc = measure(rows, n, "betweenness", "netmap/igraph", lambda: centrality.betweenness(g, k=k))
    rows[-1]["note"] = bc.describe()
    measure(rows, n, "constraint", "netmap/igraph", lambda: brokerage.constraint(g))
    measure(rows, n, "effective size", "netmap/igraph", lambda: brokerage.effective_size(g))
    measure(
        rows,
        n,
        "gould-fernandez (sphere)",
        "netmap/numpy",
        lambda: brokerage.gould_fernandez(flow_successors(g), groups=dict(g.nodes(data="sphere"))),
    )
    xb = measure(
        rows,
        n,
        "cross-sphere betweenness",
        "netmap/igraph",
        lambda: brokerage.cross_sphere_betweenness(g, k=k),
    )
    rows[-1]["note"] = xb.describe()
    if hasattr(brokerage, "shortest_path_measures"):
        measure(
            rows,
            n,
            "all three in one pass",
            "netmap/numba",
            lambda: brokerage.shortest_path_measures(g, k=k),
            "betweenness, harmonic, cross-sphere: what the structural scores run",
        )
    part = measure(rows, n, "louvain", "netmap/igraph", lambda: communities.louvain(g))
    rows[-1]["note"] = f"{len(set(part.values()))} communities"
    measure(rows, n, "k-core", "netmap/igraph", lambda: communities.k_core(g))
    measure(rows, n, "describe communities", "netmap", lambda: communities.describe_communities(g, part))
    measure(rows, n, "reach costs from home", "netmap/igraph", lambda: paths.reach_costs(g, "home"))
    target = max(g, key=lambda v: (g.nodes[v].get("sphere") == "economic" and g.degree(v), v))
    measure(rows, n, "warm paths k=3 (Yen)", "netmap/networkx", lambda: paths.warm_paths(g, "home", target, k=3))

    def end_to_end() -> Any:
        graph = build_graph(nodes, edges)
        return report.entry_points_report(graph, settings, top=20)

    measure(rows, n, "ENTRY POINTS end to end", "netmap", end_to_end, "rows → graph → scores → top 20")
    after_edits(rows, n, nodes, edges, settings)
    if args.netmap_only:
        return rows

    # -- baselines: plain NetworkX, and the other backends, on the same graph -----------------------------
    if n <= args.nx_exact_max:
        measure_bounded(rows, n, "betweenness exact", "networkx", lambda: nx.betweenness_centrality(g), args.timeout)
    else:
        measure_bounded(
            rows,
            n,
            f"betweenness sampled k={k}",
            "networkx",
            lambda: nx.betweenness_centrality(g, k=k, seed=args.seed),
            args.timeout,
            "exact not feasible: sampled",
        )
    if n <= args.exact_max:
        measure(rows, n, "betweenness exact", "igraph", lambda: to_igraph(g).graph.betweenness(directed=False))
        try:
            import rustworkx as rx

            rg = rx.networkx_converter(g)
            measure(
                rows,
                n,
                "betweenness exact",
                "rustworkx",
                lambda: rx.betweenness_centrality(rg),
                f"{os.cpu_count()} threads",
            )
        except ImportError:
            pass
    if n <= args.nx_louvain_max:
        measure_bounded(
            rows,
            n,
            "louvain",
            "networkx",
            lambda: nx.community.louvain_communities(g, seed=args.seed),
            args.timeout,
        )
    if n <= args.nx_constraint_max:
        measure_bounded(rows, n, "constraint", "networkx", lambda: nx.constraint(g, weight="weight"), args.timeout)
    return rows


def after_edits(rows: list[dict[str, Any]], n: int, nodes: Rows, edges: Rows, settings: Settings) -> None:
    """Entry points after an engagement edit (same structure: the scores kept in NETMAP_HOME are reused,
    from memory in a running server, from the file in a new process) next to the end-to-end figure
    above, which is what every edit cost before (the whole analysis again)."""
    import tempfile

    from netmap.analytics import cache

    home = tempfile.mkdtemp(prefix="netmap-bench-cache-")

    def loaded(rows_in: Rows, edges_in: Rows) -> Any:
        graph = build_graph(rows_in, edges_in)
        graph.graph[report.CACHE_HOME] = home
        return graph

    report.entry_points_report(loaded(nodes, edges), settings, top=20)  # computes and keeps the scores
    target = next(r for r in nodes if r.get("label") == "Actor" and r["id"] != "home" and not r.get("engagement"))
    edited = [{**r, "engagement": "contacted"} if r is target else r for r in nodes]
    engaged = [*edges, {"source": "home", "target": target["id"], "type": "ENGAGED_WITH", "strength": None}]

    def after_engagement() -> Any:
        return report.entry_points_report(loaded(edited, engaged), settings, top=20)

    measure(rows, n, "ENTRY POINTS after an engagement", "netmap", after_engagement, "scores reused from memory")

    def new_process() -> Any:
        cache._CACHES.clear()
        return report.entry_points_report(loaded(edited, engaged), settings, top=20)

    measure(rows, n, "ENTRY POINTS, new process", "netmap", new_process, "scores read from NETMAP_HOME")


def numba_compile() -> None:
    """The first run after an install compiles the loops (empty cache), later ones load them: both in
    a new process, from the import to the first result on a tiny graph."""
    script = (
        "import time; t = time.perf_counter(); import networkx as nx;"
        "from netmap.analytics.backend import to_igraph; from netmap.analytics.shortest_paths import path_sums;"
        "path_sums(to_igraph(nx.path_graph(3)), [0]); print(time.perf_counter() - t)"
    )
    with tempfile.TemporaryDirectory(prefix="netmap-bench-numba-") as cache_dir:
        env = {**os.environ, "NUMBA_CACHE_DIR": cache_dir}
        for label in ("cold (compiles, empty cache)", "warm (cache filled)"):
            out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
            print(f"  numba first call in a new process, {label}: {float(out.stdout):.2f} s", flush=True)


def ratios(rows: list[dict[str, Any]]) -> None:
    print("\n== ratios (NetworkX seconds / netmap seconds, same graph, same run)")
    for n in sorted({r["n"] for r in rows}):
        mine = {r["step"]: r["seconds"] for r in rows if r["n"] == n and r["backend"].startswith("netmap")}
        for r in rows:
            if r["n"] != n or r["backend"] != "networkx":
                continue
            ours = mine.get("betweenness") if r["step"].startswith("betweenness") else mine.get(r["step"])
            if ours:
                at_least = ">=" if r.get("stopped") else "  "
                print(
                    f"  n={n:<7} {r['step']:<28} networkx {at_least}{r['seconds']:8.2f} s"
                    f" / netmap {ours:7.3f} s"
                    f" = {at_least}{r['seconds'] / max(ours, 1e-4):7.1f}x"
                )
    e2e = [r for r in rows if r["step"].startswith("ENTRY POINTS")]
    for r in e2e:
        print(f"  n={r['n']:<7} {r['step'].lower()}: {r['seconds']:.2f} s, peak +{r['peak_mb']:.0f} MB")
        cold = next((c for c in e2e if c["n"] == r["n"] and c["step"].endswith("end to end")), None)
        if cold is not None and cold is not r:
            print(
                f"  n={r['n']:<7}   vs end to end (every edit before): {cold['seconds'] / max(r['seconds'], 1e-4):.1f}x"
            )


def baseline_copy(ref: str, into: Path) -> Path:
    """The ``netmap`` package at git ``ref``, unpacked under ``into`` (put first on ``PYTHONPATH``)."""
    repo = Path(__file__).resolve().parents[1]
    archive = subprocess.run(["git", "-C", str(repo), "archive", ref, "netmap"], capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive.stdout, check=True)
    return into


def baseline_rows(ref: str, size: int, args: argparse.Namespace) -> list[dict[str, Any]]:
    """This bench's netmap steps at ``size``, in a child process importing ``netmap`` as it was at ``ref``."""
    with tempfile.TemporaryDirectory(prefix="netmap-bench-baseline-") as tmp:
        root = baseline_copy(ref, Path(tmp))
        out = Path(tmp) / "rows.json"
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(root), os.environ.get("PYTHONPATH", "")])}
        command = [sys.executable, __file__, "--sizes", str(size), "--seed", str(args.seed), "--k", str(args.k)]
        print(f"\n== baseline: netmap at {ref}", flush=True)
        subprocess.run([*command, "--netmap-only", "--json", str(out)], env=env, check=True)
        rows: list[dict[str, Any]] = json.loads(out.read_text())
    for r in rows:
        r["backend"] = f"{ref} (baseline)"
    return rows


def against_baseline(rows: list[dict[str, Any]], ref: str) -> None:
    print(f"\n== ratios (netmap at {ref} seconds / netmap now seconds, same network, same run)")
    for n in sorted({r["n"] for r in rows}):
        base = [r for r in rows if r["n"] == n and r["backend"].endswith("(baseline)")]
        before = {r["step"]: (r["seconds"], r.get("cpu_seconds")) for r in base}
        for r in rows:
            if r["n"] == n and r["backend"].startswith("netmap") and r["step"] in before:
                was, was_cpu = before[r["step"]]
                cpu = r.get("cpu_seconds")
                line = (
                    f"  n={n:<7} {r['step']:<34} before {was:8.3f} s  now {r['seconds']:8.3f} s"
                    f"  = {was / max(r['seconds'], 1e-4):6.2f}x"
                )
                if was_cpu is not None and cpu is not None:  # CPU time: less at the mercy of the load
                    line += f"   cpu {was_cpu:8.3f} s → {cpu:8.3f} s = {was_cpu / max(cpu, 1e-4):6.2f}x"
                print(line)
        joint = next((r for r in rows if r["n"] == n and r["step"] == "all three in one pass"), None)
        three = [before.get(step) for step in ("harmonic", "betweenness", "cross-sphere betweenness")]
        if joint is not None and all(three) and "all three in one pass" not in before:
            was = sum(t[0] for t in three if t)
            was_cpu = sum(t[1] or 0.0 for t in three if t)
            print(
                f"  n={n:<7} {'the three, separately → one pass':<34} before {was:8.3f} s  now {joint['seconds']:8.3f} s"
                f"  = {was / max(joint['seconds'], 1e-4):6.2f}x   cpu {was_cpu:8.3f} s → {joint['cpu_seconds']:8.3f} s"
                f" = {was_cpu / max(joint['cpu_seconds'], 1e-4):6.2f}x"
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated actor counts")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--k", type=int, default=256, help="sampled sources above the exact limit")
    parser.add_argument("--nx-exact-max", type=int, default=2000, help="largest n for NetworkX exact betweenness")
    parser.add_argument("--exact-max", type=int, default=10000, help="largest n for igraph/rustworkx exact")
    parser.add_argument("--nx-louvain-max", type=int, default=100000)
    parser.add_argument("--nx-constraint-max", type=int, default=2000)
    parser.add_argument("--timeout", type=float, default=300, help="stop a NetworkX baseline after this long")
    parser.add_argument("--json", help="also write the rows to this file")
    parser.add_argument("--baseline-ref", help="also time every step with netmap as it was at this git ref")
    parser.add_argument(
        "--numba-compile", action="store_true", help="time numba's first call in a new process, cold and warm"
    )
    parser.add_argument("--netmap-only", action="store_true", help="time netmap's steps only (no other libraries)")
    args = parser.parse_args(argv)
    import netmap

    print(f"netmap from {Path(netmap.__file__).parent}", flush=True)
    rows: list[dict[str, Any]] = []
    if args.numba_compile:
        print("\n== numba: the compiled loops of the shortest-path pass")
        numba_compile()
    for size in (int(s) for s in args.sizes.split(",")):
        if args.baseline_ref:
            rows.extend(baseline_rows(args.baseline_ref, size, args))
        rows.extend(bench_size(size, args))
    if not args.netmap_only:
        ratios([r for r in rows if not r["backend"].endswith("(baseline)")])
    if args.baseline_ref:
        against_baseline(rows, args.baseline_ref)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(rows, f, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
