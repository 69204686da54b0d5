"""Which entries of a previous entry-point ranking a new one would make the same (:func:`reusable_entries`).

After an engagement or assessment edit (:mod:`netmap.graph.patch`) most candidates keep their score,
reasons and route: re-explaining every one of 20,000 is what ranking costs. An entry is kept when its
actor is not touched by the edit, its route cost is the same and its cheapest route passes no touched
node nor changed tie (so every hop, name and status it cites is the same).
"""

from __future__ import annotations

import itertools
from collections.abc import Collection, Mapping, Sequence
from typing import Any

import networkx as nx

from netmap.analytics.backend import has_edges
from netmap.analytics.paths import PathCosts, RouteTree, route_nodes

__all__ = ["reusable_entries"]


def _pair(u: Any, v: Any) -> tuple[Any, Any]:
    return (u, v) if str(u) < str(v) else (v, u)


def reusable_entries(
    graph: nx.Graph,
    home: Any,
    previous: Sequence[Any],
    reach: Mapping[Any, float | None],
    costs: PathCosts,
    touched: Collection[Any],
    changed_ties: Collection[tuple[Any, Any]],
    tree: RouteTree | None = None,
) -> dict[Any, Any]:
    """The entries of ``previous`` (:class:`~netmap.analytics.entry_points.EntryPoint` s, by id) that ranking ``graph`` again would make the same, but for the rank.
    ``tree``: the graph's route tree from ``home``, when made (its routes are the ranking's).

    >>> reusable_entries(nx.Graph(), "us", [], {}, PathCosts(), (), ())
    {}
    """
    if not previous:
        return {}
    touched = set(touched) | {n for pair in changed_ties for n in pair}
    changed = {_pair(u, v) for u, v in changed_ties}
    same_cost = {
        e.id: e
        for e in previous
        if e.id not in touched and e.id in graph and e.details["route_cost"] == reach.get(e.id)
    }
    if tree is not None:
        paths = {n: tree.nodes(n) for n in same_cost}
    else:
        paths = route_nodes(graph, home, list(same_cost), costs) if has_edges(graph) else {}
    kept = {}
    for node, old in same_cost.items():
        nodes = paths.get(node)
        if nodes != (old.route or {}).get("nodes"):
            continue
        if nodes and (
            any(n in touched for n in nodes[1:])  # the first is us: only our name is cited
            or any(_pair(u, v) in changed for u, v in itertools.pairwise(nodes))
        ):
            continue
        kept[node] = old
    return kept
