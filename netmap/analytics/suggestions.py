"""Likely new ties between our partners and the targets: Adamic–Adar and Jaccard over shared neighbours."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

import networkx as nx

__all__ = ["suggest_ties"]


def suggest_ties(
    graph: nx.Graph, partners: Iterable[Any], targets: Iterable[Any], top: int | None = 20
) -> list[dict[str, Any]]:
    """Unlinked (partner, target) pairs that share neighbours, best Adamic–Adar first (ties by ids).

    ``adamic_adar = Σ 1 / log(degree(z))`` over shared neighbours ``z``; ``jaccard = shared / union``.
    The shared neighbours are the reasons.

    >>> g = nx.Graph([("p", "f"), ("t", "f"), ("p", "x")])
    >>> s = suggest_ties(g, ["p"], ["t"])[0]
    >>> s["partner"], s["target"], round(s["adamic_adar"], 4), s["jaccard"], s["reasons"]
    ('p', 't', 1.4427, 0.5, ['both tied to f'])
    """
    target_set = set(targets)
    rows = []
    for p in sorted(set(partners), key=str):
        if p not in graph:
            continue
        p_nbrs = set(graph[p])
        shared_by_target: dict[Any, list[Any]] = {}
        for z in p_nbrs:
            for t in graph[z]:
                if t in target_set and t != p and t not in p_nbrs:
                    shared_by_target.setdefault(t, []).append(z)
        for t, shared in shared_by_target.items():
            shared = sorted(shared, key=str)
            union = p_nbrs | set(graph[t])
            aa = sum(1.0 / math.log(graph.degree(z)) for z in shared if graph.degree(z) > 1)
            names = [str(graph.nodes[z].get("name") or z) for z in shared]
            rows.append(
                {
                    "partner": p,
                    "partner_name": graph.nodes[p].get("name", str(p)),
                    "target": t,
                    "target_name": graph.nodes[t].get("name", str(t)),
                    "adamic_adar": round(aa, 6),
                    "jaccard": round(len(shared) / len(union), 6),
                    "shared": shared,
                    "reasons": [
                        f"both tied to {', '.join(names[:5])}"
                        + (f" and {len(names) - 5} more" if len(names) > 5 else "")
                    ],
                }
            )
    rows.sort(key=lambda r: (-r["adamic_adar"], -r["jaccard"], str(r["partner"]), str(r["target"])))
    return rows if top is None else rows[:top]
