"""Who is central: degree, weighted degree, PageRank, eigenvector, harmonic closeness, betweenness.

Betweenness and harmonic closeness are exact up to ``exact_limit`` nodes; above it they are estimated
from ``k`` source nodes drawn with a fixed ``seed``, and the result says which method it used.
"""

from __future__ import annotations

import random
import warnings
from dataclasses import asdict, dataclass, field
from typing import Any

import networkx as nx
import numpy as np

from netmap.analytics.backend import IGraphView, has_edges, to_igraph
from netmap.analytics.shortest_paths import PathSums, path_sums
from netmap.messages import Message

__all__ = [
    "Estimate",
    "EXACT_LIMIT",
    "SAMPLE_SIZE",
    "SEED",
    "betweenness",
    "betweenness_estimate",
    "centrality",
    "degree",
    "eigenvector",
    "harmonic",
    "harmonic_estimate",
    "pagerank",
    "plain_sources",
    "sample_nodes",
]

#: Largest graph (nodes) on which betweenness and closeness are computed exactly.
EXACT_LIMIT = 5000
#: Source nodes sampled above the limit.
SAMPLE_SIZE = 256
SEED = 42


@dataclass(slots=True)
class Estimate:
    """Values per node with how they were computed (``exact`` or ``sampled``, the sample size, seed)."""

    values: dict[Any, float]
    method: str
    sample_size: int | None = None
    seed: int | None = None
    notes: list[str] = field(default_factory=list)
    #: For a sampled estimate that reports it: the mean and the largest standard error over the nodes.
    error: tuple[float, float] | None = None

    @classmethod
    def scaled(
        cls, ids: list[Any], values: np.ndarray, scale: float, method: str, size: int | None, seed: int | None
    ) -> Estimate:
        """``values * scale`` per node of ``ids``, rounded to 8 places."""
        scaled = (values * scale).tolist()
        return cls({v: round(b, 8) for v, b in zip(ids, scaled, strict=True)}, method, size, seed)

    def describe(self) -> str:
        if self.method in ("exact", "skipped"):
            return "exact" if self.method == "exact" else "not computed"
        text = f"sampled from {self.sample_size} source nodes (seed {self.seed})"
        if self.error is not None:
            text += f", standard error {self.error[0]:.4f} on average, at most {self.error[1]:.4f}"
        return text

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["values"] = {str(k): v for k, v in self.values.items()}
        return data


def sample_nodes(nodes: list[Any], k: int, seed: int) -> list[Any]:
    """``k`` of ``nodes`` drawn with ``seed``, independent of the order the nodes came in.

    >>> sample_nodes(["c", "a", "b"], 2, 1) == sample_nodes(["a", "b", "c"], 2, 1)
    True
    """
    ordered = sorted(nodes, key=str)
    return sorted(random.Random(seed).sample(ordered, min(k, len(ordered))), key=str)


def degree(graph: nx.Graph) -> dict[Any, dict[str, float]]:
    """Number of neighbours and the sum of edge weights per node.

    >>> degree(nx.Graph([("a", "b", {"weight": 2.0}), ("a", "c", {"weight": 0.5})]))["a"]
    {'degree': 2, 'weighted_degree': 2.5}
    """
    if graph.number_of_nodes() == 0:
        return {}
    view = to_igraph(graph)
    strengths = view.graph.strength(weights=view.weight) if view.weight else [0.0] * len(view.ids)
    return {
        n: {"degree": d, "weighted_degree": round(float(s), 6)}
        for n, d, s in zip(view.ids, view.graph.degree(), strengths, strict=True)
    }


def pagerank(graph: nx.Graph, damping: float = 0.85, weight: str | None = "weight") -> dict[Any, float]:
    """PageRank with edge weights (sums to 1).

    >>> pr = pagerank(nx.star_graph(3)); round(pr[0], 3), round(sum(pr.values()), 6)
    (0.48, 1.0)
    """
    if graph.number_of_nodes() == 0:
        return {}
    view = to_igraph(graph)
    values = view.graph.pagerank(damping=damping, weights=view.weight if weight else None)
    return {n: round(v, 8) for n, v in zip(view.ids, values, strict=True)}


def eigenvector(graph: nx.Graph, weight: str | None = "weight") -> dict[Any, float]:
    """Eigenvector centrality scaled so the most central node has 1.

    >>> ev = eigenvector(nx.star_graph(3)); ev[0], round(ev[1], 4)
    (1.0, 0.5774)
    """
    if not has_edges(graph):
        return {n: 0.0 for n in graph}
    view = to_igraph(graph)
    with warnings.catch_warnings():  # igraph warns on disconnected graphs; the values are still defined
        warnings.simplefilter("ignore", RuntimeWarning)
        values = view.graph.eigenvector_centrality(scale=True, weights=view.weight if weight else None)
    return {n: round(v, 8) for n, v in zip(view.ids, values, strict=True)}


def plain_sources(
    view: IGraphView, exact_limit: int, k: int, seed: int
) -> tuple[list[int], str, int | None, int | None]:
    """The sources of betweenness and harmonic closeness (vertex indices of ``view``), the method, the
    sample size and seed: every node up to ``exact_limit`` nodes, above it ``k`` drawn with ``seed``."""
    if len(view.ids) <= exact_limit:
        return list(range(len(view.ids))), "exact", None, None
    sources = [view.index[s] for s in sample_nodes(view.ids, k, seed)]
    return sources, "sampled", len(sources), seed


def harmonic_estimate(view: IGraphView, sums: PathSums, exact_limit: int, k: int, seed: int) -> Estimate:
    """Harmonic closeness from the sums of :func:`netmap.analytics.shortest_paths.path_sums` over
    :func:`plain_sources` (see :func:`harmonic`)."""
    n = len(view.ids)
    if n < 2:
        return Estimate(dict.fromkeys(view.ids, 0.0), "exact")
    sources, method, size, used_seed = plain_sources(view, exact_limit, k, seed)
    totals = sums.harmonic
    scale = 1.0 / (n - 1) if method == "exact" else n / (len(sources) * (n - 1))
    result = Estimate.scaled(view.ids, totals, scale, method, size, used_seed)
    if method == "sampled":
        m = len(sources)
        spread = np.maximum(sums.harmonic_squares - totals * totals / m, 0.0) / max(m - 1, 1)  # sample variance
        error = n / (n - 1) * np.sqrt(spread / m * (1.0 - m / n))
        result.error = (round(float(error.mean()), 6), round(float(error.max()), 6))
        result.notes.append(f"graph has {n} nodes (> {exact_limit}): harmonic closeness {result.describe()}")
    return result


def harmonic(graph: nx.Graph, exact_limit: int = EXACT_LIMIT, k: int = SAMPLE_SIZE, seed: int = SEED) -> Estimate:
    """Harmonic closeness in hops, normalised by ``n - 1`` (1 = next to everyone).

    Above ``exact_limit`` nodes it is the mean over ``k`` sources drawn with ``seed`` (as betweenness),
    and the result reports its standard error (from the spread of the sources' values, with the
    finite-population correction): the mean and the largest over the nodes, in :meth:`Estimate.describe`.

    >>> harmonic(nx.star_graph(2)).values
    {0: 1.0, 1: 0.75, 2: 0.75}
    >>> harmonic(nx.path_graph(6), exact_limit=3, k=4, seed=1).describe()
    'sampled from 4 source nodes (seed 1), standard error 0.1333 on average, at most 0.1519'
    """
    if graph.number_of_nodes() < 2:
        return Estimate({v: 0.0 for v in graph}, "exact")
    view = to_igraph(graph)
    sums = path_sums(view, plain_sources(view, exact_limit, k, seed)[0])
    return harmonic_estimate(view, sums, exact_limit, k, seed)


def betweenness_estimate(
    view: IGraphView, sums: PathSums, exact_limit: int, k: int, seed: int, normalized: bool = False
) -> Estimate:
    """Betweenness from the sums of :func:`netmap.analytics.shortest_paths.path_sums` over
    :func:`plain_sources` (see :func:`betweenness`)."""
    n = len(view.ids)
    if n < 3:
        return Estimate(dict.fromkeys(view.ids, 0.0), "exact")
    sources, method, size, used_seed = plain_sources(view, exact_limit, k, seed)
    # each pair is counted from both ends over all sources: half of it, scaled up from a sample
    scale = 0.5 if method == "exact" else 0.5 * n / len(sources)
    if normalized:
        scale *= 2.0 / ((n - 1) * (n - 2))
    result = Estimate.scaled(view.ids, sums.betweenness, scale, method, size, used_seed)
    if method == "sampled":
        result.notes.append(
            Message(
                "graph has %(n)s nodes (> %(limit)s): betweenness sampled from %(size)s sources, seed %(seed)s",
                n=n,
                limit=exact_limit,
                size=size,
                seed=seed,
            )
        )
    return result


def betweenness(
    graph: nx.Graph,
    exact_limit: int = EXACT_LIMIT,
    k: int = SAMPLE_SIZE,
    seed: int = SEED,
    normalized: bool = False,
) -> Estimate:
    """Shortest-path (hop) betweenness: on how many node pairs' shortest paths a node lies.

    Exact when the graph has at most ``exact_limit`` nodes; otherwise estimated from ``k`` sampled
    sources (scaled by ``n / k``), as NetworkX's ``betweenness_centrality(k=...)`` does.

    >>> betweenness(nx.path_graph(["a", "b", "c"])).values
    {'a': 0.0, 'b': 1.0, 'c': 0.0}
    >>> betweenness(nx.path_graph(4), exact_limit=3, k=2, seed=1).method
    'sampled'
    """
    if graph.number_of_nodes() < 3:
        return Estimate({v: 0.0 for v in graph}, "exact")
    view = to_igraph(graph)
    sums = path_sums(view, plain_sources(view, exact_limit, k, seed)[0])
    return betweenness_estimate(view, sums, exact_limit, k, seed, normalized)


def centrality(
    graph: nx.Graph,
    exact_limit: int = EXACT_LIMIT,
    k: int = SAMPLE_SIZE,
    seed: int = SEED,
    closeness: bool = True,
    shortest: tuple[Estimate, Estimate] | None = None,
) -> dict[str, Any]:
    """Every centrality per node plus the method of the estimated ones.

    ``shortest`` is (betweenness, harmonic closeness) when the caller computed them already (in
    :func:`netmap.analytics.brokerage.shortest_path_measures`, with cross-sphere betweenness).

    >>> c = centrality(nx.path_graph(["a", "b", "c"]))
    >>> c["nodes"]["b"]["betweenness"], c["methods"]["betweenness"]
    (1.0, 'exact')
    """
    deg = degree(graph)
    pr = pagerank(graph)
    ev = eigenvector(graph)
    if shortest is None:
        hc = harmonic(graph, exact_limit, k, seed) if closeness else Estimate({}, "skipped")
        bc = betweenness(graph, exact_limit, k, seed)
    else:
        bc, hc = shortest
    n = graph.number_of_nodes()
    norm = 2.0 / ((n - 1) * (n - 2)) if n > 2 else 0.0
    nodes = {
        v: {
            **deg[v],
            "pagerank": pr.get(v, 0.0),
            "eigenvector": ev.get(v, 0.0),
            "harmonic": hc.values.get(v),
            "betweenness": bc.values.get(v, 0.0),
            "betweenness_normalized": round(bc.values.get(v, 0.0) * norm, 8),
        }
        for v in graph
    }
    return {
        "nodes": nodes,
        "methods": {"betweenness": bc.describe(), "harmonic": hc.describe()},
        "notes": bc.notes + hc.notes,
    }
