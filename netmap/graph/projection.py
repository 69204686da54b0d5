"""Neo4j rows → NetworkX: the pure projection every analytic starts from.

``build_graph`` takes the rows of :meth:`netmap.store.Store.graph_rows` (or rows made by hand) and
returns an undirected :class:`networkx.Graph` in which every pair has at most one edge: the ties
between them are collapsed into ``evidence`` (one dict per tie, in a stable order), ``weight`` (the
sum of the ties' weights) and ``cost`` (``1 / weight``). What had to be dropped or defaulted is
reported in ``graph.graph``: ``unweighted_types`` (type → ties that got the default weight),
``self_loops_dropped``, ``dangling_ties`` (ties to a node outside the projection) and ``notes``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx

from netmap.graph.filters import GraphFilter
from netmap.graph.weights import WeightTable
from netmap.model import UNDIRECTED_TYPES

__all__ = ["build_graph", "directed_flows", "NODE_FIELDS", "EVIDENCE_FIELDS"]

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
    filters = filters or GraphFilter()
    weights = weights or WeightTable()
    graph = nx.Graph()
    kept = sorted((n for n in nodes if filters.keeps_node(n)), key=lambda n: str(n["id"]))
    for node in kept:
        attrs = {k: node.get(k) for k in NODE_FIELDS}
        attrs["label"] = attrs["label"] or "Actor"
        attrs["name"] = attrs["name"] or str(node["id"])
        attrs["sectors"] = list(attrs["sectors"] or [])
        attrs["countries"] = list(attrs["countries"] or [])
        attrs["illustrative"] = bool(attrs["illustrative"])
        graph.add_node(str(node["id"]), **attrs)

    unweighted: Counter[str] = Counter()
    self_loops = dangling = 0
    pairs: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for edge in edges:
        source, target = str(edge["source"]), str(edge["target"])
        if source == target:
            self_loops += 1
            continue
        if source not in graph or target not in graph:
            dangling += 1
            continue
        if not filters.keeps_edge(edge):
            continue
        rel_type = str(edge["type"])
        if not weights.is_configured(rel_type):
            unweighted[rel_type] += 1
        tie: dict[str, Any] = {k: edge.get(k) for k in EVIDENCE_FIELDS}
        tie["source"], tie["target"] = source, target
        tie["weight"] = weights.weight(rel_type, edge.get("strength"))
        pairs.setdefault((min(source, target), max(source, target)), []).append(tie)

    for u, v in sorted(pairs):
        evidence = sorted(pairs[(u, v)], key=_evidence_order)
        weight = round(sum(e["weight"] for e in evidence), 4)
        graph.add_edge(u, v, evidence=evidence, weight=weight, cost=round(1.0 / weight, 6))

    notes = []
    for rel_type, count in sorted(unweighted.items()):
        notes.append(
            f"{count} tie(s) of type {rel_type} have no configured weight; used the default {weights.default}"
        )
    if self_loops:
        notes.append(f"{self_loops} self-loop(s) dropped")
    if dangling:
        notes.append(f"{dangling} tie(s) to nodes outside the projection dropped")
    graph.graph.update(
        unweighted_types=dict(sorted(unweighted.items())),
        self_loops_dropped=self_loops,
        dangling_ties=dangling,
        default_weight=weights.default,
        notes=notes,
    )
    return graph


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
