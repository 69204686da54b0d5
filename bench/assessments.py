"""Benchmark entry points end to end with an assessment on every actor, against the same network without
any, in the same run.

    PYTHONPATH=. python bench/assessments.py [--sizes 10000] [--repeats 3]

Uses the generated network and the timer of ``bench/analytics.py``. Each actor gets a latest assessment
as the store copies it onto the actor (``assessedInfluence``, ``assessedInterest``, ``stance``,
``assessedBy``, ``assessedOn``; a quarter of them older than the stale age), so the ranking reads
them: influence replaced, stance and interest adjusting the score, the reasons citing them. The two
runs alternate, ``--repeats`` times each, after one warm-up run; the ratio is of the medians.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
from typing import Any

import analytics as bench_analytics  # bench/analytics.py: bench/ is on sys.path when a script runs

from netmap.analytics import report
from netmap.config import Settings
from netmap.graph import build_graph

STANCES = ("supportive", "neutral", "opposed", "unknown")


def assessed(nodes: list[dict[str, Any]], seed: int = 5) -> list[dict[str, Any]]:
    """``nodes`` with a latest assessment on every actor (programmes and forums are not assessed)."""
    rng = random.Random(seed)
    today = dt.date.today()
    out = []
    for node in nodes:
        if node.get("label", "Actor") != "Actor":
            out.append(node)
            continue
        age = rng.choice([10, 40, 90, 400])  # one in four older than the default stale age
        out.append(
            {
                **node,
                "assessedInfluence": rng.randint(1, 5),
                "assessedInterest": rng.randint(1, 5),
                "stance": rng.choice(STANCES),
                "assessedBy": f"officer{rng.randint(1, 9)}",
                "assessedOn": (today - dt.timedelta(days=age)).isoformat(),
            }
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    opts = parser.parse_args()
    settings = Settings(home_actor="home")
    for n in (int(x) for x in opts.sizes.split(",")):
        nodes, edges = bench_analytics.generate(n, opts.seed)
        with_assessments = assessed(nodes)
        count = sum(1 for node in with_assessments if "assessedInfluence" in node)
        print(f"\n== {n} actors: {len(nodes)} nodes, {len(edges)} tie rows, {count} assessed", flush=True)
        rows: list[dict[str, Any]] = []
        report.entry_points_report(build_graph(nodes, edges), settings, top=20)  # warm-up, not counted
        runs: dict[str, list[float]] = {"without assessments": [], f"{count} assessments": []}
        for _ in range(opts.repeats):
            for (name, times), node_rows in zip(runs.items(), (nodes, with_assessments), strict=True):
                bench_analytics.measure(
                    rows,
                    n,
                    f"ENTRY POINTS end to end, {name}",
                    "netmap",
                    lambda node_rows=node_rows, edges=edges: report.entry_points_report(
                        build_graph(node_rows, edges), settings, top=20
                    ),
                )
                times.append(rows[-1]["seconds"])
        base, assessed_runs = (statistics.median(t) for t in runs.values())
        print(
            f"entry points end to end at {n} actors: {assessed_runs:.2f} s with {count} assessments, "
            f"{base:.2f} s without (same run, median of {opts.repeats}): {assessed_runs / base:.2f}x",
            flush=True,
        )


if __name__ == "__main__":
    main()
