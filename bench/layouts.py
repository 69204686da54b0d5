"""Benchmark the map layouts on the server: each layout of a generated network against the force
layout measured in the same run (the explorer's and the slide's layout until now).

    python bench/layouts.py [--actors 10000 1500] [--runs 3]

The network is the analytics benchmark's generator (communities, hubs, two spheres with brokers),
projected without Neo4j. ``around-us`` includes the warm-route tree from the home actor; ``spheres``
the force layout it orders its bands by. Prints one line per size and layout: the median seconds,
and the ratio to ``force``. Target: ``spheres`` and ``around-us`` under 3 s at 10,000 actors.
"""

from __future__ import annotations

import argparse
import statistics
import time
from typing import Any

from analytics import generate  # bench/ is on sys.path when a script runs

from netmap.analytics.paths import route_tree
from netmap.drawing.layouts import LAYOUTS, lay_out
from netmap.graph import build_graph


def timed(name: str, graph: Any, home: Any, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        parents = route_tree(graph, home).parents() if name == "around-us" else None
        lay_out(name, graph, home=home, route_parent=parents)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--actors", type=int, nargs="+", default=[10_000, 1_500])
    parser.add_argument("--runs", type=int, default=3)
    opts = parser.parse_args()
    for n in opts.actors:
        nodes, edges = generate(n)
        graph = build_graph(nodes, edges)
        home = "home" if "home" in graph else sorted(graph, key=str)[0]
        base = timed("force", graph, home, opts.runs)
        print(f"{n:>7} actors, {graph.number_of_nodes()} nodes, {graph.number_of_edges()} ties")
        for name in LAYOUTS:
            seconds = base if name == "force" else timed(name, graph, home, opts.runs)
            print(f"        {name:<12} {seconds:6.2f} s   {seconds / base:5.2f}× force", flush=True)


if __name__ == "__main__":
    main()
