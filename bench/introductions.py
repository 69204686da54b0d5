"""The cost of checking an introduction request against the warm routes, against the warm paths themselves.

Baseline (measured in the same run): ``warm_paths(home, target, k=3)``, what the path finder computes
for the officer before they ask. Measured: ``introduction_route`` for an introducer on the cheapest
route, for one on a route beyond the three cheapest (the exact any-route check), and for one on no route
(refused). Prints the median seconds of each and its ratio to the baseline.

    .venv/bin/python bench/introductions.py --actors 10000 --targets 15
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable
from typing import Any

from analytics import generate  # bench/ is on sys.path when a script runs

from netmap.analytics.introductions import introduction_route
from netmap.analytics.paths import warm_paths
from netmap.errors import InputError
from netmap.graph import build_graph


def _median(func: Callable[[], Any], cases: int) -> float:
    times = []
    for _ in range(cases):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=10000)
    parser.add_argument("--targets", type=int, default=15)
    args = parser.parse_args(argv)
    nodes, edges = generate(args.actors)
    graph = build_graph(nodes, edges)
    rng = random.Random(7)
    targets = [t for t in rng.sample(sorted(n for n in graph if n != "home"), 200) if graph.degree(t) > 1]
    cases: list[tuple[str, str, str, str]] = []  # target, on cheapest, beyond cheapest, on none
    for t in targets:
        found = warm_paths(graph, "home", t, k=3)
        if not found or len(found[0].nodes) < 3:
            continue
        cheap = found[0].nodes[-2]
        on_cheap = {n for p in found for n in p.nodes}
        far = next((n for n in graph.neighbors(t) if n not in on_cheap and graph.degree(n) > 1), None)
        leaf = next((n for n in graph if graph.degree(n) == 1 and n not in (t, "home")), None)
        if far and leaf:
            cases.append((t, cheap, far, leaf))
        if len(cases) == args.targets:
            break
    it = iter(cases * 3)

    def run(kind: int) -> Callable[[], Any]:
        def once() -> None:
            case = next(it)
            try:
                introduction_route(graph, "home", case[kind], case[0])
            except InputError:
                pass

        return once

    def base() -> None:
        warm_paths(graph, "home", next(it)[0], k=3)

    rows = [("warm_paths k=3 (baseline)", _median(base, len(cases)))]
    for label, kind in (("on the cheapest route", 1), ("beyond the three cheapest", 2), ("on no route (refused)", 3)):
        it = iter(cases * 3)
        rows.append((f"introduction_route, {label}", _median(run(kind), len(cases))))
    print(
        f"{args.actors} actors, {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges, {len(cases)} targets"
    )
    for label, seconds in rows:
        print(f"{label:48s} {seconds * 1000:8.1f} ms   ×{seconds / rows[0][1]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
