"""The fast backend behind the NetworkX-facing API: a cached igraph copy of a NetworkX graph.

Analytics take and return NetworkX graphs and dicts keyed by node id; the heavy ones (betweenness,
PageRank, eigenvector, constraint, Louvain, coreness, weighted shortest paths) run in igraph's C code
on a copy made once per graph. bench/analytics.py has the figures behind this choice.
"""

from __future__ import annotations

import random
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import igraph as ig
import networkx as nx

__all__ = ["IGraphView", "has_edges", "remember_view", "to_igraph", "seeded_rng", "view_from_edges"]


@dataclass(frozen=True, slots=True)
class IGraphView:
    """An igraph copy of a NetworkX graph: vertex ``i`` is ``ids[i]``; ``weight``/``cost`` per edge."""

    graph: ig.Graph
    ids: list[Any]
    index: dict[Any, int]
    weight: list[float]
    cost: list[float]


_CACHE: weakref.WeakKeyDictionary[nx.Graph, tuple[tuple[int, int], IGraphView]] = weakref.WeakKeyDictionary()


def to_igraph(graph: nx.Graph) -> IGraphView:
    """The igraph copy of ``graph``: cached for a frozen graph, else while its size is unchanged.

    >>> view = to_igraph(nx.path_graph(["a", "b", "c"]))
    >>> view.ids, view.graph.degree(), view.weight
    (['a', 'b', 'c'], [1, 2, 1], [1.0, 1.0])
    """
    # a frozen graph (what build_graph returns) cannot change: its size is read once
    frozen = nx.is_frozen(graph)
    cached = _CACHE.get(graph)
    if cached is not None and frozen:
        return cached[1]
    signature = (graph.number_of_nodes(), graph.number_of_edges())
    if cached is not None and cached[0] == signature:
        return cached[1]
    ids = list(graph)
    index = {n: i for i, n in enumerate(ids)}
    edges = [(index[u], index[v]) for u, v in graph.edges()]
    weight = [float(d.get("weight", 1.0)) for _u, _v, d in graph.edges(data=True)]
    cost = [
        float(d.get("cost", 1.0 / w if w else 1.0))
        for (_u, _v, d), w in zip(graph.edges(data=True), weight, strict=True)
    ]
    g = ig.Graph(n=len(ids), edges=edges, directed=False)
    view = IGraphView(g, ids, index, weight, cost)
    _CACHE[graph] = (signature, view)
    return view


def view_from_edges(ids: list[Any], edges: list[tuple[Any, Any, float, float]]) -> IGraphView:
    """The igraph copy of a graph given as its node ids and ``(u, v, weight, cost)`` edges, in the order
    ``graph.edges()`` lists them (the projection builds it from the rows, without walking NetworkX).

    >>> view_from_edges(["a", "b"], [("a", "b", 2.0, 0.5)]).graph.ecount()
    1
    """
    index = {n: i for i, n in enumerate(ids)}
    g = ig.Graph(n=len(ids), edges=[(index[u], index[v]) for u, v, _w, _c in edges], directed=False)
    return IGraphView(g, ids, index, [float(e[2]) for e in edges], [float(e[3]) for e in edges])


def remember_view(graph: nx.Graph, view: IGraphView) -> None:
    """Keep ``view`` as the igraph copy of the frozen ``graph`` (what :func:`to_igraph` then returns)."""
    _CACHE[graph] = ((graph.number_of_nodes(), graph.number_of_edges()), view)


def has_edges(graph: nx.Graph) -> bool:
    """Whether the graph has a tie (stops at the first; ``number_of_edges`` counts them all).

    >>> has_edges(nx.empty_graph(3)), has_edges(nx.path_graph(2))
    (False, True)
    """
    return any(graph.adj[n] for n in graph.adj)


@contextmanager
def seeded_rng(seed: int) -> Iterator[None]:
    """Run igraph's randomised algorithms (Louvain) with a fixed seed, then restore its generator."""
    ig.set_random_number_generator(random.Random(seed))
    try:
        yield
    finally:
        ig.set_random_number_generator(random)
