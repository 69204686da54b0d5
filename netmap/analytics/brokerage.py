"""Who bridges: Burt's constraint and effective size, Gould–Fernandez roles, cross-sphere betweenness.

The point of the tool is brokerage between the humanitarian and the economic sphere: the actors that
sit on the shortest routes between a refugee-serving NGO and an employer, and that pass ties from one
group to another.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import igraph as ig
import networkx as nx
import numpy as np

from netmap.analytics import centrality
from netmap.analytics.backend import IGraphView, has_edges, to_igraph
from netmap.analytics.centrality import EXACT_LIMIT, SAMPLE_SIZE, SEED, Estimate, sample_nodes
from netmap.analytics.shortest_paths import path_sums
from netmap.messages import Message

__all__ = [
    "ROLES",
    "constraint",
    "cross_sphere_betweenness",
    "effective_size",
    "gould_fernandez",
    "role_of",
    "shortest_path_measures",
]

#: Gould–Fernandez roles of ``b`` in a flow ``a → b → c`` (no direct ``a → c``), by group:
ROLES = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")


def role_of(group_a: Any, group_b: Any, group_c: Any) -> str:
    """The Gould–Fernandez role of ``b`` brokering ``a → b → c``.

    >>> role_of("h", "h", "h"), role_of("e", "h", "e"), role_of("h", "h", "e")
    ('coordinator', 'itinerant', 'representative')
    >>> role_of("h", "e", "e"), role_of("h", "both", "e")
    ('gatekeeper', 'liaison')
    """
    if group_a == group_b == group_c:
        return "coordinator"
    if group_a == group_c:
        return "itinerant"
    if group_a == group_b:
        return "representative"
    if group_b == group_c:
        return "gatekeeper"
    return "liaison"


def constraint(graph: nx.Graph, weight: str | None = "weight") -> dict[Any, float | None]:
    """Burt's constraint (low = many non-redundant contacts); ``None`` for isolated nodes.

    ``c(i) = Σ_j (p_ij + Σ_q p_iq p_qj)²`` with ``p_ij`` the share of i's tie weight going to j.

    >>> constraint(nx.star_graph(2))
    {0: 0.5, 1: 1.0, 2: 1.0}
    """
    if graph.number_of_nodes() == 0:
        return {}
    view = to_igraph(graph)
    values = view.graph.constraint(weights=view.weight if weight else None)
    return {
        n: (None if d == 0 or math.isnan(v) else round(v, 8))
        for n, v, d in zip(view.ids, values, view.graph.degree(), strict=True)
    }


def effective_size(graph: nx.Graph) -> dict[Any, float | None]:
    """Burt's effective size (structural form): ``n - 2t / n`` for n neighbours with t ties among them.

    >>> effective_size(nx.complete_graph(3))[0], effective_size(nx.star_graph(3))[0]
    (1.0, 3.0)
    """
    if graph.number_of_nodes() == 0:
        return {}
    view = to_igraph(graph)
    triangles = [0] * len(view.ids)
    for a, b, c in view.graph.list_triangles():
        triangles[a] += 1
        triangles[b] += 1
        triangles[c] += 1
    result: dict[Any, float | None] = {}
    for node, deg, t in zip(view.ids, view.graph.degree(), triangles, strict=True):
        result[node] = None if deg == 0 else round(deg - 2.0 * t / deg, 8)
    return result


def _group_function(graph: nx.Graph, group: str | Callable[[Any], Any]) -> Callable[[Any], Any]:
    if callable(group):
        return group
    return lambda n: graph.nodes[n].get(group)


def gould_fernandez(
    flows: nx.DiGraph | Mapping[Any, set[Any]],
    group: str | Callable[[Any], Any] = "sphere",
    groups: Mapping[Any, Any] | None = None,
) -> dict[Any, dict[str, int]]:
    """Count each node's Gould–Fernandez brokerage roles over the directed flows of the network.

    ``b`` brokers ``a → b → c`` when there is no direct ``a → c``; its role depends on which of
    the three share a group (the node attribute ``group``, by default the sphere). Nodes whose group
    is ``None`` (programmes, forums) take part in no triad. ``flows`` is a DiGraph, or node → successor
    sets with ``groups`` given (see :func:`netmap.graph.projection.flow_successors`).

    Vectorised: per broker, (its predecessors per group) × (its successors per group) counts every
    ``a → b → c``; taken off are the pairs with ``a = c`` (mutual ties) and the transitive ones (``a → c``
    too), which lie on the triangles of the undirected flows, so only those are enumerated (in igraph).

    >>> flows = nx.DiGraph([("a", "b"), ("b", "c")])
    >>> nx.set_node_attributes(flows, {"a": "h", "b": "h", "c": "e"}, "sphere")
    >>> gould_fernandez(flows)["b"]["representative"]
    1
    """
    if isinstance(flows, nx.DiGraph):
        group_of = _group_function(flows, group)
        node_groups = {n: group_of(n) for n in flows}
        successors: Mapping[Any, Any] = flows.succ
    else:
        node_groups = dict(groups or {})
        successors = flows
    ids = list(successors)
    result: dict[Any, dict[str, int]] = {n: dict.fromkeys(ROLES, 0) for n in ids}
    labels: dict[Any, int] = {}
    group_list = [-1 if g is None else labels.setdefault(g, len(labels)) for g in map(node_groups.get, ids)]
    group_index = np.asarray(group_list, dtype=np.int64)
    # ties between grouped nodes only; a self-loop adds as many triads as it takes off, so it is left out
    index = {n: i for i, n in enumerate(ids) if group_list[i] >= 0}
    pairs = [(i, index[c]) for n, i in index.items() for c in successors[n] if c != n and c in index]
    if not pairs or not labels:
        return result
    n_nodes, n_groups = len(ids), len(labels)
    edges = np.asarray(pairs, dtype=np.int64)
    src, dst = edges[:, 0], edges[:, 1]
    keys = np.sort(src * n_nodes + dst)  # no pair twice: successors are sets

    def tied(a: np.ndarray, c: np.ndarray) -> np.ndarray:
        wanted = a * n_nodes + c
        at = np.minimum(np.searchsorted(keys, wanted), len(keys) - 1)
        return np.asarray(keys[at] == wanted)

    # counts[b, ga, gc]: a → b → c with a in group ga, c in group gc
    into = np.zeros((n_nodes, n_groups), dtype=np.int64)
    np.add.at(into, (dst, group_index[src]), 1)
    out = np.zeros((n_nodes, n_groups), dtype=np.int64)
    np.add.at(out, (src, group_index[dst]), 1)
    counts = into[:, :, None] * out[:, None, :]
    # a = c: b → a and a → b
    mutual = tied(dst, src)
    diagonal = np.zeros((n_nodes, n_groups), dtype=np.int64)
    np.add.at(diagonal, (src[mutual], group_index[dst[mutual]]), 1)
    counts[:, np.arange(n_groups), np.arange(n_groups)] -= diagonal
    # a → c as well: a, b, c are a triangle of the undirected flows
    undirected = ig.Graph(n=n_nodes, edges=pairs, directed=False)
    undirected.simplify()
    triangles = np.asarray(undirected.list_triangles(), dtype=np.int64).reshape(-1, 3)
    for x, y, z in ((0, 1, 2), (0, 2, 1), (1, 0, 2), (1, 2, 0), (2, 0, 1), (2, 1, 0)):
        a, b, c = triangles[:, x], triangles[:, y], triangles[:, z]
        hit = tied(a, b) & tied(b, c) & tied(a, c)
        np.add.at(counts, (b[hit], group_index[a[hit]], group_index[c[hit]]), -1)
    # each (ga, gb, gc) is one role
    role_index = {r: i for i, r in enumerate(ROLES)}
    table = np.zeros((n_groups, n_groups, n_groups), dtype=np.int64)
    for ga, gb, gc in itertools.product(range(n_groups), repeat=3):
        table[ga, gb, gc] = role_index[role_of(ga, gb, gc)]
    totals = np.zeros((n_nodes, len(ROLES)), dtype=np.int64)
    rows = np.arange(n_nodes)
    grouped = group_index >= 0
    for ga, gc in itertools.product(range(n_groups), repeat=2):
        np.add.at(totals, (rows[grouped], table[ga, group_index[grouped], gc]), counts[grouped, ga, gc])
    for i in np.flatnonzero(totals.any(axis=1)):
        result[ids[i]] = dict(zip(ROLES, (int(v) for v in totals[i]), strict=True))
    return result


def _cross_plan(
    graph: nx.Graph,
    sources: Iterable[Any] | None,
    targets: Iterable[Any] | None,
    exact_limit: int,
    k: int,
    seed: int,
) -> tuple[list[Any], list[Any], str, int | None, int | None, float]:
    """The sources and targets of cross-sphere betweenness, its method, sample size, seed and scale."""
    if sources is None:
        sources = [n for n, s in graph.nodes(data="sphere") if s == "humanitarian"]
    if targets is None:
        targets = [n for n, s in graph.nodes(data="sphere") if s == "economic"]
    src, dst = list(sources), list(targets)
    if graph.number_of_nodes() > exact_limit and len(src) > k:
        picked = sample_nodes(src, k, seed)
        return picked, dst, "sampled", len(picked), seed, len(src) / len(picked)
    return src, dst, "exact", None, None, 1.0


def _cross_estimate(view: IGraphView, values: np.ndarray, plan: tuple[Any, ...]) -> Estimate:
    _src, _dst, method, size, used_seed, scale = plan
    result = Estimate.scaled(view.ids, values, scale, method, size, used_seed)
    if method == "sampled":
        result.notes.append(
            Message(
                "cross-sphere betweenness sampled from %(size)s humanitarian sources, seed %(seed)s",
                size=size,
                seed=used_seed,
            )
        )
    return result


def _no_cross(graph: nx.Graph, plan: tuple[Any, ...]) -> Estimate | None:
    if plan[0] and plan[1] and has_edges(graph):
        return None
    note = "no humanitarian or no economic actors: cross-sphere betweenness is 0 for all"
    return Estimate({v: 0.0 for v in graph}, "exact", notes=[note] if graph.number_of_nodes() else [])


def cross_sphere_betweenness(
    graph: nx.Graph,
    sources: Iterable[Any] | None = None,
    targets: Iterable[Any] | None = None,
    exact_limit: int = EXACT_LIMIT,
    k: int = SAMPLE_SIZE,
    seed: int = SEED,
) -> Estimate:
    """Betweenness counted only on shortest paths between a humanitarian and an economic actor.

    The value of ``v`` is the number of (humanitarian, economic) pairs whose shortest paths run
    through ``v``, each pair split evenly across its shortest paths. Sources and targets default to
    the actors whose ``sphere`` is ``humanitarian`` and ``economic``; above ``exact_limit`` nodes
    ``k`` sources are sampled with ``seed`` and the count scaled up.

    >>> g = nx.path_graph(["ngo", "forum", "firm"])
    >>> nx.set_node_attributes(g, {"ngo": "humanitarian", "firm": "economic"}, "sphere")
    >>> cross_sphere_betweenness(g).values
    {'ngo': 0.0, 'forum': 1.0, 'firm': 0.0}
    """
    plan = _cross_plan(graph, sources, targets, exact_limit, k, seed)
    empty = _no_cross(graph, plan)
    if empty is not None:
        return empty
    view = to_igraph(graph)
    sums = path_sums(view, (), cross=[view.index[s] for s in plan[0]], targets=[view.index[t] for t in plan[1]])
    return _cross_estimate(view, sums.cross, plan)


def shortest_path_measures(
    graph: nx.Graph,
    exact_limit: int = EXACT_LIMIT,
    k: int = SAMPLE_SIZE,
    seed: int = SEED,
    closeness: bool = True,
) -> tuple[Estimate, Estimate, Estimate]:
    """Betweenness, harmonic closeness (``skipped`` without ``closeness``) and cross-sphere betweenness
    from one shortest-path search per source (:mod:`netmap.analytics.shortest_paths`): each equals what
    :func:`centrality.betweenness`, :func:`centrality.harmonic` and :func:`cross_sphere_betweenness`
    return, with the same samples.

    >>> g = nx.path_graph(["ngo", "forum", "firm"])
    >>> nx.set_node_attributes(g, {"ngo": "humanitarian", "firm": "economic"}, "sphere")
    >>> [e.values["forum"] for e in shortest_path_measures(g)]
    [1.0, 1.0, 1.0]
    """
    view = to_igraph(graph)
    plan = _cross_plan(graph, None, None, exact_limit, k, seed)
    empty = _no_cross(graph, plan)
    plain = centrality.plain_sources(view, exact_limit, k, seed)[0] if graph.number_of_nodes() > 1 else []
    cross = [] if empty is not None else [view.index[s] for s in plan[0]]
    sums = path_sums(view, plain, cross=cross, targets=[view.index[t] for t in plan[1]] if cross else ())
    bc = centrality.betweenness_estimate(view, sums, exact_limit, k, seed)
    hc = centrality.harmonic_estimate(view, sums, exact_limit, k, seed) if closeness else Estimate({}, "skipped")
    return bc, hc, empty if empty is not None else _cross_estimate(view, sums.cross, plan)
