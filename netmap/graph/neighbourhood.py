"""The part of the network one map view shows: the actors passing its filters, the ties of the chosen
types, and the neighbourhood (ego graph) of a focus actor.

Pure functions over the projection (:mod:`netmap.graph.projection`); the web map's view-model calls them.

>>> import networkx as nx
>>> g = nx.Graph()
>>> g.add_nodes_from([("a", {"kind": "NGO"}), ("b", {"kind": "Company"}), ("c", {"kind": "NGO"})])
>>> g.add_edges_from([("a", "b"), ("b", "c")])
>>> sorted(view_subgraph(g, kinds={"NGO"}).nodes), sorted(view_subgraph(g, focus="a", hops=1).nodes)
(['a', 'c'], ['a', 'b'])
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Any

import networkx as nx

from netmap.errors import NotFound

__all__ = ["view_subgraph"]


def view_subgraph(
    graph: Any,
    *,
    keep: Iterable[Any] = (),
    kinds: Collection[str] = (),
    spheres: Collection[str] = (),
    countries: Collection[str] = (),
    sectors: Collection[str] = (),
    statuses: Collection[str] = (),
    rel_types: Collection[str] = (),
    focus: str | None = None,
    hops: int = 1,
) -> Any:
    """The view of ``graph``: nodes passing the filters (empty = all; ``keep`` and ``focus`` always
    pass), ties with evidence of one of ``rel_types``, then the ``hops`` neighbourhood of ``focus``.

    Programmes and forums pass a kind filter by their label and a country filter by their countries.
    A ``focus`` not in the graph is :class:`~netmap.errors.NotFound`; one the filters leave alone is
    a view of itself.
    """
    keep_nodes = set(keep)
    kinds = set(kinds)
    statuses = set(statuses)
    countries = set(countries)
    sectors = {s.lower() for s in sectors}
    actor_filters = bool(kinds or spheres or countries or sectors or statuses)
    nodes = []
    for n, d in graph.nodes(data=True):
        if n in keep_nodes or (focus and n == focus):
            nodes.append(n)
            continue
        if d.get("label", "Actor") != "Actor":
            if kinds and d.get("label") not in kinds:
                continue
            if countries and d.get("countries") and not countries.intersection(d.get("countries") or ()):
                continue
            nodes.append(n)
            continue
        if kinds and d.get("kind") not in kinds:
            continue
        if spheres and d.get("sphere") not in spheres:
            continue
        if countries and str(d.get("country") or "").upper() not in countries:
            continue
        if sectors and not sectors.intersection(str(s).lower() for s in d.get("sectors") or ()):
            continue
        if statuses and (d.get("engagement") or "none") not in statuses:
            continue
        nodes.append(n)
    # every node passes: the graph itself (a frozen one is as read-only as a view, and its degrees and
    # neighbours are dictionary lookups, not a filter run over each neighbour: seconds at 20k actors)
    sub = graph if len(nodes) == graph.number_of_nodes() and nx.is_frozen(graph) else graph.subgraph(nodes)
    if rel_types:
        allowed = set(rel_types)
        keep_edges = [
            (u, v) for u, v, d in sub.edges(data=True) if any(e.get("type") in allowed for e in d.get("evidence") or ())
        ]
        sub = sub.edge_subgraph(keep_edges).copy() if not actor_filters and not focus else _with_nodes(sub, keep_edges)
    if focus:
        if focus not in graph:
            raise NotFound(f"no actor with id {focus!r} on the map", "search the map for its name")
        if focus not in sub:
            return sub.subgraph([focus])
        sub = nx.ego_graph(sub, focus, radius=hops)
    return sub


def _with_nodes(sub: Any, keep_edges: list[tuple[str, str]]) -> Any:
    """``sub``'s nodes, all of them, with only ``keep_edges``."""
    g = nx.Graph()
    g.add_nodes_from(sub.nodes(data=True))
    g.add_edges_from((u, v, sub.edges[u, v]) for u, v in keep_edges)
    return g
