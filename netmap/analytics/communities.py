"""Groups in the network: Louvain communities (fixed seed) described in words, and k-cores."""

from __future__ import annotations

from collections import Counter
from typing import Any

import networkx as nx

from netmap.analytics.backend import has_edges, seeded_rng, to_igraph
from netmap.analytics.centrality import SEED
from netmap.model import ENGAGED_STATUSES
from netmap.model.names import entity_name

__all__ = ["describe_communities", "k_core", "louvain", "modularity"]


def louvain(
    graph: nx.Graph, seed: int = SEED, resolution: float = 1.0, weight: str | None = "weight"
) -> dict[Any, int]:
    """Louvain communities: node → community number (0 = the largest; ties by smallest member id).

    Isolated nodes form their own communities. Same graph and seed → same partition.

    >>> g = nx.union(nx.complete_graph(["a", "b", "c"]), nx.complete_graph(["x", "y", "z"]))
    >>> g.add_edge("c", "x")
    >>> louvain(g)
    {'a': 0, 'b': 0, 'c': 0, 'x': 1, 'y': 1, 'z': 1}
    """
    if graph.number_of_nodes() == 0:
        return {}
    view = to_igraph(graph)
    if not has_edges(graph):
        membership = list(range(len(view.ids)))
    else:
        with seeded_rng(seed):
            clustering = view.graph.community_multilevel(weights=view.weight if weight else None, resolution=resolution)
        membership = list(clustering.membership)
    members: dict[int, list[Any]] = {}
    for node, label in zip(view.ids, membership, strict=True):
        members.setdefault(label, []).append(node)
    order = sorted(members.values(), key=lambda m: (-len(m), min(str(n) for n in m)))
    result = {node: number for number, nodes in enumerate(order) for node in nodes}
    return {n: result[n] for n in view.ids}


def modularity(graph: nx.Graph, partition: dict[Any, int], weight: str | None = "weight") -> float:
    """Modularity of a partition (0 for an empty graph).

    >>> g = nx.union(nx.complete_graph(["a", "b"]), nx.complete_graph(["x", "y"]))
    >>> modularity(g, {"a": 0, "b": 0, "x": 1, "y": 1})
    0.5
    """
    if not has_edges(graph):
        return 0.0
    view = to_igraph(graph)
    value = view.graph.modularity([partition[n] for n in view.ids], weights=view.weight if weight else None)
    return round(float(value), 6)


def k_core(graph: nx.Graph) -> dict[Any, int]:
    """Core number per node: the largest k such that the node is in a subgraph of minimum degree k.

    >>> k_core(nx.Graph([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")]))
    {'a': 2, 'b': 2, 'c': 2, 'd': 1}
    """
    if graph.number_of_nodes() == 0:
        return {}
    view = to_igraph(graph)
    return dict(zip(view.ids, view.graph.coreness(), strict=True))


def _top(counter: Counter[str], top: int) -> list[dict[str, Any]]:
    return [{"value": v, "count": c} for v, c in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:top]]


def describe_communities(
    graph: nx.Graph, partition: dict[Any, int], top: int = 3, members: int = 5
) -> list[dict[str, Any]]:
    """Each community with its size, dominant kinds, countries, sectors and spheres, in words.

    >>> g = nx.Graph([("a", "b")])
    >>> nx.set_node_attributes(g, {"a": "Company", "b": "Company"}, "kind")
    >>> describe_communities(g, {"a": 0, "b": 0})[0]["summary"]
    '2 nodes; mostly Company (2)'
    """
    groups: dict[int, list[Any]] = {}
    for node, label in partition.items():
        groups.setdefault(label, []).append(node)
    result = []
    for label in sorted(groups):
        nodes = sorted(groups[label], key=str)
        kinds: Counter[str] = Counter()
        countries: Counter[str] = Counter()
        sectors: Counter[str] = Counter()
        spheres: Counter[str] = Counter()
        engaged = 0
        for n in nodes:
            data = graph.nodes[n]
            kind = data.get("kind") or (data.get("label") if data.get("label") != "Actor" else None)
            if kind:
                kinds[kind] += 1
            if data.get("country"):
                countries[data["country"]] += 1
            for c in data.get("countries") or ():
                countries[c] += 1
            for s in data.get("sectors") or ():
                sectors[s] += 1
            if data.get("sphere"):
                spheres[data["sphere"]] += 1
            if data.get("engagement") in ENGAGED_STATUSES:
                engaged += 1
        central = sorted(nodes, key=lambda n: (-graph.degree(n), str(n)))[:members]
        info: dict[str, Any] = {
            "community": label,
            "size": len(nodes),
            "engaged": engaged,
            "kinds": _top(kinds, top),
            "countries": _top(countries, top),
            "sectors": _top(sectors, top),
            "spheres": _top(spheres, top),
            "members": [{"id": n, "name": entity_name(graph.nodes[n], n)} for n in central],
        }
        parts = [f"{len(nodes)} nodes"]
        for title, key in (("mostly", "kinds"), ("in", "countries"), ("sectors", "sectors")):
            if info[key]:
                words = ", ".join(f"{d['value']} ({d['count']})" for d in info[key])
                parts.append(f"{title} {words}" if title != "sectors" else f"sectors: {words}")
        if engaged:
            parts.append(f"{engaged} engaged")
        info["summary"] = "; ".join(parts)
        result.append(info)
    return result
