"""Neo4j rows → NetworkX: the pure projection every analytic starts from.

``build_graph`` takes the rows of :meth:`netmap.store.Store.graph_rows` (or rows made by hand) and
returns an undirected :class:`networkx.Graph` in which every pair has at most one edge: the ties
between them are collapsed into ``evidence`` (one dict per tie, in a stable order), ``weight`` (the
sum of the ties' weights) and ``cost`` (``1 / weight``). What had to be dropped or defaulted is
reported in ``graph.graph``: ``tie_types`` (the types of the ties kept), ``unweighted_types`` (type → ties that got the default weight),
``self_loops_dropped``, ``dangling_ties`` (ties to a node outside the projection) and ``notes``.
The graph is frozen (its nodes and ties cannot change, attributes can): copy it with ``nx.Graph(g)``
to edit it. Analytics cache their igraph copy of a frozen graph.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx

from netmap.analytics.backend import remember_view, view_from_edges
from netmap.collector import paused_gc
from netmap.graph.filters import GraphFilter
from netmap.graph.weights import WeightTable
from netmap.model import UNDIRECTED_TYPES

__all__ = ["build_graph", "collapse_ties", "directed_flows", "flow_successors", "NODE_FIELDS", "EVIDENCE_FIELDS"]

NODE_FIELDS = (
    "label",
    "name",
    "kind",
    "sphere",
    "country",
    "countries",
    "sectors",
    "influence",
    "engagement",
    "illustrative",
    "assessedInfluence",
    "assessedInterest",
    "stance",
    "assessedBy",
    "assessedOn",
)
EVIDENCE_FIELDS = (
    "type",
    "source",
    "target",
    "strength",
    "since",
    "until",
    "amount",
    "currency",
    "key",
    "note",
)


def _evidence_order(ev: Mapping[str, Any]) -> tuple[str, ...]:
    return tuple(str(ev.get(k) or "") for k in ("type", "source", "target", "key", "since", "until"))


def _node_attrs(node: Mapping[str, Any]) -> dict[str, Any]:
    attrs = dict(zip(NODE_FIELDS, map(node.get, NODE_FIELDS), strict=True))  # twice a comprehension's speed
    attrs["label"] = attrs["label"] or "Actor"
    attrs["name"] = attrs["name"] or str(node["id"])
    attrs["sectors"] = list(attrs["sectors"] or [])
    attrs["countries"] = list(attrs["countries"] or [])
    attrs["illustrative"] = bool(attrs["illustrative"])
    attrs.update(node.get("names") or ())  # name_fr…: the names in other languages, where there are
    return attrs


def collapse_ties(u: str, v: str, ties: list[dict[str, Any]]) -> tuple[str, str, dict[str, Any]]:
    """The edge of the pair ``u``, ``v`` (``u < v``) from its ties: ordered evidence, summed weight, cost."""
    if len(ties) > 1:
        ties.sort(key=_evidence_order)
        weight = round(sum(e["weight"] for e in ties), 4)
    else:
        weight = ties[0]["weight"]
    return u, v, {"evidence": ties, "weight": weight, "cost": round(1.0 / weight, 6)}


def build_graph(
    nodes: Iterable[Mapping[str, Any]],
    edges: Iterable[Mapping[str, Any]],
    filters: GraphFilter | None = None,
    weights: WeightTable | None = None,
) -> nx.Graph:
    """The filtered, weighted, collapsed undirected graph of actors, programmes and forums.

    >>> g = build_graph(
    ...     [{"id": "a", "label": "Actor", "name": "A"}, {"id": "b", "label": "Actor", "name": "B"}],
    ...     [{"source": "a", "target": "b", "type": "PARTNERS_WITH", "strength": None},
    ...      {"source": "b", "target": "a", "type": "FUNDS", "strength": 5},
    ...      {"source": "a", "target": "a", "type": "PARTNERS_WITH"}])
    >>> g.number_of_edges(), g.edges["a", "b"]["weight"], [e["type"] for e in g.edges["a", "b"]["evidence"]]
    (1, 2.3333, ['FUNDS', 'PARTNERS_WITH'])
    >>> g.graph["self_loops_dropped"]
    1
    """
    with paused_gc():
        return _build_graph(nodes, edges, filters or GraphFilter(), weights or WeightTable())


def _build_graph(
    nodes: Iterable[Mapping[str, Any]], edges: Iterable[Mapping[str, Any]], filters: GraphFilter, weights: WeightTable
) -> nx.Graph:
    graph = nx.Graph()
    kept = sorted((n for n in nodes if filters.keeps_node(n)), key=lambda n: str(n["id"]))
    graph.add_nodes_from((str(node["id"]), _node_attrs(node)) for node in kept)

    unweighted: Counter[str] = Counter()
    types: set[str] = set()
    self_loops = dangling = 0
    pairs: dict[tuple[str, str], list[dict[str, Any]]] = {}
    check_edge = filters.restricts_edges
    weight_cache: dict[tuple[str, Any], float] = {}
    for edge in edges:
        source, target = str(edge["source"]), str(edge["target"])
        if source == target:
            self_loops += 1
            continue
        if source not in graph or target not in graph:
            dangling += 1
            continue
        if check_edge and not filters.keeps_edge(edge):
            continue
        rel_type = str(edge["type"])
        strength = edge.get("strength")
        weight = weight_cache.get((rel_type, strength))
        if weight is None:
            weight = weight_cache[(rel_type, strength)] = weights.weight(rel_type, strength)
        if rel_type not in weights.types:
            unweighted[rel_type] += 1
        types.add(rel_type)
        tie: dict[str, Any] = dict(zip(EVIDENCE_FIELDS, map(edge.get, EVIDENCE_FIELDS), strict=True))
        tie["source"], tie["target"], tie["weight"] = source, target, weight
        pairs.setdefault((source, target) if source < target else (target, source), []).append(tie)

    collapsed = [collapse_ties(u, v, pairs[(u, v)]) for u, v in sorted(pairs)]
    graph.add_edges_from(collapsed)

    notes = []
    for rel_type, count in sorted(unweighted.items()):
        notes.append(f"{count} tie(s) of type {rel_type} have no configured weight; used the default {weights.default}")
    if self_loops:
        notes.append(f"{self_loops} self-loop(s) dropped")
    if dangling:
        notes.append(f"{dangling} tie(s) to nodes outside the projection dropped")
    graph.graph.update(
        tie_types=sorted(types),
        unweighted_types=dict(sorted(unweighted.items())),
        self_loops_dropped=self_loops,
        dangling_ties=dangling,
        default_weight=weights.default,
        notes=notes,
    )
    nx.freeze(graph)
    # the analytics' igraph copy, straight from the collapsed rows: nodes in sorted id order and pairs
    # sorted (u < v) are the order graph.edges() lists them in, so it is the copy to_igraph would make
    ids = list(graph)
    remember_view(graph, view_from_edges(ids, [(u, v, d["weight"], d["cost"]) for u, v, d in collapsed]))
    return graph


def flow_successors(graph: nx.Graph) -> dict[Any, set[Any]]:
    """Node → the nodes its ties point to (both ways for undirected types): :func:`directed_flows` as sets.

    >>> g = build_graph([{"id": i} for i in "ab"], [{"source": "a", "target": "b", "type": "FUNDS"}])
    >>> flow_successors(g)
    {'a': {'b'}, 'b': set()}
    """
    succ: dict[Any, set[Any]] = {n: set() for n in graph}
    both_ways = UNDIRECTED_TYPES
    for _u, _v, evidence in graph.edges(data="evidence"):
        for ev in evidence or ():
            source, target = ev["source"], ev["target"]
            succ[source].add(target)
            if ev["type"] in both_ways:
                succ[target].add(source)
    return succ


def directed_flows(graph: nx.Graph) -> nx.DiGraph:
    """The directed ties behind a collapsed graph: ``source → target`` per tie, both ways when undirected.

    >>> g = build_graph([{"id": i} for i in "abc"], [
    ...     {"source": "a", "target": "b", "type": "FUNDS"},
    ...     {"source": "c", "target": "b", "type": "PARTNERS_WITH"}])
    >>> sorted(directed_flows(g).edges())
    [('a', 'b'), ('b', 'c'), ('c', 'b')]
    """
    flows = nx.DiGraph()
    flows.add_nodes_from(graph.nodes(data=True))
    for _u, _v, data in graph.edges(data=True):
        for ev in data.get("evidence", ()):
            flows.add_edge(ev["source"], ev["target"])
            if ev["type"] in UNDIRECTED_TYPES:
                flows.add_edge(ev["target"], ev["source"])
    return flows
