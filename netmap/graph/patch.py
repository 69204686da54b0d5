"""A projected graph with new engagement and assessment values, made from the previous one in milliseconds.

An engagement or assessment changes a few actors' fields (:data:`netmap.store.reads.LIGHT_FIELDS`)
and our engagement ties (``ENGAGED_WITH``) to them. :func:`patch_graph` gives the graph
:func:`~netmap.graph.projection.build_graph` would build from the rows after such edits, without
reading or walking the whole graph: the new graph shares every node's and tie's attributes with the
previous one except the changed ones (which are new dicts: the previous graph is left as it was, and
keeps serving the requests that hold it), keeps the order of nodes and neighbours a build gives, and
its igraph copy shares the previous one's when no pair gained or lost its edge.

When the change is not one it can make exactly (an endpoint outside the projection, a tie type
without a weight, a pair left without any tie), it returns ``None``: build the graph again.

>>> from netmap.graph.projection import build_graph
>>> from netmap.graph.rows import actor, tie
>>> before = build_graph([actor("us"), actor("a"), actor("b")], [tie("a", "b")])
>>> engaged = {**tie("us", "a", "ENGAGED_WITH"), "note": "met"}
>>> patch = patch_graph(before, [{"id": "a", "engagement": "contacted"}], [engaged])
>>> patch.graph.nodes["a"]["engagement"], patch.graph.edges["us", "a"]["weight"], sorted(patch.pairs)
('contacted', 1.0, [('a', 'us')])
>>> before.nodes["a"]["engagement"], before.has_edge("us", "a")
(None, False)
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx

from netmap.analytics.backend import IGraphView, remember_view, to_igraph, view_from_edges
from netmap.graph.projection import EVIDENCE_FIELDS, collapse_ties
from netmap.graph.weights import WeightTable

__all__ = ["LIGHT_FIELDS", "GraphPatch", "patch_graph"]

#: What an engagement or assessment changes on an actor (:func:`netmap.store.reads.light_changes`).
LIGHT_FIELDS = ("engagement", "assessedInfluence", "assessedInterest", "stance", "assessedBy", "assessedOn")

#: The tie types an engagement writes: the only ones a patch replaces.
PATCHED_TYPES = frozenset({"ENGAGED_WITH"})


@dataclass(frozen=True)
class GraphPatch:
    """The patched graph, the nodes whose fields changed and the pairs whose ties changed (``u < v``)."""

    graph: nx.Graph
    nodes: frozenset[Any]
    pairs: frozenset[tuple[Any, Any]]


def _pair(u: str, v: str) -> tuple[str, str]:
    return (u, v) if u < v else (v, u)


def patch_graph(
    graph: nx.Graph,
    nodes: Iterable[Mapping[str, Any]],
    ties: Iterable[Mapping[str, Any]],
    weights: WeightTable | None = None,
) -> GraphPatch | None:
    """``graph`` with the actors' new :data:`LIGHT_FIELDS` (``nodes``: one row per changed actor) and
    their engagement ties replaced by ``ties`` (every ``ENGAGED_WITH`` tie of those actors, as the store
    reads them); ``None`` when only a new build gives the right graph. ``weights``: the table ``graph``
    was built with."""
    weights = weights or WeightTable()
    node_rows = {str(r["id"]): r for r in nodes}
    if any(n not in graph for n in node_rows):
        return None  # an actor outside the projection (a reference-list entry gaining its first tie)
    wanted: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for row in ties:
        source, target, kind = str(row["source"]), str(row["target"]), str(row["type"])
        if source == target or source not in graph or target not in graph or kind not in weights.types:
            return None  # a self-loop, a dangling tie or an unweighted type: the build's notes change
        tie: dict[str, Any] = {k: row.get(k) for k in EVIDENCE_FIELDS}
        tie["source"], tie["target"] = source, target
        tie["weight"] = weights.weight(kind, row.get("strength"))
        wanted.setdefault(_pair(source, target), []).append(tie)

    adj = graph._adj
    new_node = dict(graph._node)
    changed_nodes = set()
    for n, row in node_rows.items():
        attrs = graph._node[n]
        update = {k: row.get(k) for k in LIGHT_FIELDS if attrs.get(k) != row.get(k)}
        if update:
            new_node[n] = {**attrs, **update}
            changed_nodes.add(n)

    new_edges: dict[tuple[str, str], dict[str, Any]] = {}
    pairs = set(wanted)
    for n in node_rows:  # the engagement ties the graph has now for these actors
        for m, data in adj[n].items():
            if any(t.get("type") in PATCHED_TYPES for t in data.get("evidence") or ()):
                pairs.add(_pair(n, m))
    for u, v in sorted(pairs):
        data = adj[u].get(v)
        evidence = (data or {}).get("evidence") or ()
        kept = [t for t in evidence if t.get("type") not in PATCHED_TYPES]
        if len(evidence) - len(kept) > len(wanted.get((u, v), ())):
            return None  # an engagement tie removed: the graph's tie types may lose one
        ties_now = kept + wanted.get((u, v), [])
        if not ties_now:
            return None  # the pair loses its edge (an endpoint may leave the projection)
        edge = collapse_ties(u, v, ties_now)[2]
        if data is None or edge != data:
            new_edges[(u, v)] = edge

    new_adj = dict(adj)
    grown = set()
    for (u, v), edge in new_edges.items():
        for a, b in ((u, v), (v, u)):
            if new_adj[a] is adj[a]:
                new_adj[a] = dict(adj[a])
            if b not in adj[a]:
                grown.add(a)
            new_adj[a][b] = edge
    for a in grown:  # a build adds each node's neighbours in id order
        new_adj[a] = dict(sorted(new_adj[a].items()))
    patched = nx.Graph()
    patched.graph.update(graph.graph)
    if "tie_types" in graph.graph:
        added = {t["type"] for ties in wanted.values() for t in ties}
        patched.graph["tie_types"] = sorted(set(graph.graph["tie_types"]) | added)
    patched._node = new_node
    patched._adj = new_adj
    nx.freeze(patched)
    remember_view(patched, _patched_view(graph, patched, new_edges))
    return GraphPatch(patched, frozenset(changed_nodes), frozenset(new_edges))


def _patched_view(graph: nx.Graph, patched: nx.Graph, edges: Mapping[tuple[str, str], Any]) -> IGraphView:
    """The igraph copy of ``patched``: the previous one's graph with new weights and costs when the
    pairs are the same, else a new one from its edge list with the new pairs in their sorted place."""
    view = to_igraph(graph)
    weight, cost = list(view.weight), list(view.cost)
    index = view.index
    added = []
    for (u, v), edge in edges.items():
        eid = view.graph.get_eid(index[u], index[v], error=False)
        if eid < 0:
            added.append((u, v, edge))
        else:
            weight[eid], cost[eid] = float(edge["weight"]), float(edge["cost"])
    if not added:
        return IGraphView(view.graph, view.ids, index, weight, cost)
    # the view lists the pairs in sorted order (u < v, ids sorted): put the new ones in their place
    keys = view.graph.get_edgelist()
    rows = [(view.ids[a], view.ids[b], w, c) for (a, b), w, c in zip(keys, weight, cost, strict=True)]
    for u, v, edge in added:
        key = (index[u], index[v]) if index[u] < index[v] else (index[v], index[u])
        at = bisect.bisect(keys, key)
        keys.insert(at, key)
        rows.insert(at, (view.ids[key[0]], view.ids[key[1]], float(edge["weight"]), float(edge["cost"])))
    return view_from_edges(view.ids, rows)
