"""Warm introductions: the cheapest loop-free routes from us to a target, each hop explained.

A route's cost is the sum of its hops' costs (``1 / weight`` of the collapsed tie: strong and many ties
are cheap) plus a cost for every actor it passes through: nothing for an engaged partner, more for
someone we have only contacted, most for a stranger (see :class:`PathCosts`). So a route through our
partners beats a shorter route through people we do not know.
"""

from __future__ import annotations

import itertools
import math
import warnings
import weakref
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from netmap.analytics.actors import display_name
from netmap.analytics.backend import to_igraph
from netmap.errors import InputError
from netmap.messages import Joined, Message, Names, Num, Term
from netmap.model import ENGAGED_STATUSES, UNDIRECTED_TYPES
from netmap.model.names import entity_name

__all__ = [
    "PathCosts",
    "RouteTree",
    "WarmPath",
    "best_routes",
    "explain_hop",
    "reach_costs",
    "route_nodes",
    "route_tree",
    "warm_paths",
]


@dataclass(frozen=True, slots=True)
class PathCosts:
    """Cost of passing through a node, by what it is to us.

    >>> PathCosts().node_cost({"engagement": "partner"}), PathCosts().node_cost({"engagement": None})
    (0.0, 1.5)
    """

    engaged: float = 0.0
    contacted: float = 0.75
    cold: float = 1.5
    initiative: float = 0.75

    def node_cost(self, data: dict[str, Any]) -> float:
        if data.get("label", "Actor") != "Actor":
            return self.initiative
        status = data.get("engagement")
        if status in ENGAGED_STATUSES:
            return self.engaged
        if status == "contacted":
            return self.contacted
        return self.cold

    @classmethod
    def from_config(cls, data: dict[str, Any] | None) -> PathCosts:
        """From a ``[path_costs]`` table of netmap.toml (``cold = 2.0``)."""
        if not data:
            return cls()
        known = {k: float(v) for k, v in data.items() if k in ("engaged", "contacted", "cold", "initiative")}
        return cls(**known)


@dataclass(slots=True)
class WarmPath:
    """One route: node ids, cost, hop-by-hop explanation, the partners it goes through."""

    nodes: list[Any]
    names: list[str]
    cost: float
    hops: list[dict[str, Any]]
    text: str
    introducers: list[dict[str, Any]] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """The route as plain data (:func:`dataclasses.asdict`'s result, made without its deep walk:
        the values are strings, numbers and immutable messages)."""
        return {
            "nodes": list(self.nodes),
            "names": list(self.names),
            "cost": self.cost,
            "hops": [dict(h) for h in self.hops],
            "text": self.text,
            "introducers": [dict(i) for i in self.introducers],
            "reasons": list(self.reasons),
        }


def _hop_cost_function(graph: nx.Graph, costs: PathCosts) -> Any:
    node_cost = {n: costs.node_cost(d) for n, d in graph.nodes(data=True)}

    def hop_cost(u: Any, v: Any, data: dict[str, Any]) -> float:
        return float(data.get("cost", 1.0)) + (node_cost[u] + node_cost[v]) / 2.0

    return hop_cost, node_cost


def explain_hop(graph: nx.Graph, u: Any, v: Any) -> dict[str, Any]:
    """The strongest tie behind the hop ``u → v``, with its direction as an arrow phrase.

    >>> g = nx.Graph(); g.add_edge("ngo", "forum", evidence=[
    ...     {"type": "MEMBER_OF", "source": "ngo", "target": "forum", "weight": 0.6}])
    >>> explain_hop(g, "ngo", "forum")["text"], explain_hop(g, "forum", "ngo")["text"]
    ('→ member of →', '← member of ←')
    """
    evidence = graph.edges[u, v].get("evidence") or [{"type": "TIE", "source": u, "target": v, "weight": 1.0}]
    best = max(evidence, key=lambda e: (e.get("weight", 0.0), -evidence.index(e)))
    phrase = str(best["type"]).lower().replace("_", " ")
    forward = best["type"] in UNDIRECTED_TYPES or best.get("source") == u
    text = Message("→ %(tie)s →", tie=Term(phrase)) if forward else Message("← %(tie)s ←", tie=Term(phrase))
    others = len(evidence) - 1
    return {
        "from": u,
        "to": v,
        "type": best["type"],
        "direction": "forward" if forward else "backward",
        "text": text,
        "ties": len(evidence),
        "cost": graph.edges[u, v].get("cost", 1.0),
        "note": Message("and %(n)s more tie(s)", n=others) if others else "",
    }


def _describe(graph: nx.Graph, nodes: list[Any], cost: float, costs: PathCosts) -> WarmPath:
    home = nodes[0]
    hops = [explain_hop(graph, u, v) for u, v in itertools.pairwise(nodes)]
    names = [display_name(graph, n, home) for n in nodes]
    parts: list[Any] = [Message("us (%(name)s)", name=entity_name(graph.nodes[home], home))]
    for hop, name in zip(hops, names[1:], strict=True):
        parts.extend([hop["text"], name])
    introducers = [
        {"id": n, "name": entity_name(graph.nodes[n], n), "engagement": graph.nodes[n].get("engagement")}
        for n in nodes[1:-1]
        if graph.nodes[n].get("engagement") in ENGAGED_STATUSES
    ]
    reasons: list[str] = [Message("%(n)s hop(s), cost %(cost)s", n=len(hops), cost=Num(cost))]
    if introducers:
        reasons.append(
            Message("through engaged partner(s): %(names)s", names=Names(tuple(i["name"] for i in introducers)))
        )
    cold = [names[i] for i, n in enumerate(nodes[1:-1], 1) if costs.node_cost(graph.nodes[n]) >= costs.cold]
    if cold:
        reasons.append(Message("through actor(s) we have no contact with: %(names)s", names=Names(tuple(cold))))
    return WarmPath(nodes, names, cost, hops, Joined(parts), introducers, reasons)


def warm_paths(graph: nx.Graph, source: Any, target: Any, k: int = 3, costs: PathCosts | None = None) -> list[WarmPath]:
    """The ``k`` cheapest loop-free routes from ``source`` to ``target`` (empty: no known route).

    >>> g = nx.Graph()
    >>> g.add_edge("us", "p", cost=1.0, evidence=[{"type": "PARTNERS_WITH", "source": "us", "target": "p"}])
    >>> g.add_edge("p", "t", cost=1.0, evidence=[{"type": "MEMBER_OF", "source": "t", "target": "p"}])
    >>> g.nodes["p"]["engagement"] = "partner"
    >>> [(w.text, w.cost) for w in warm_paths(g, "us", "t")]
    [('us (us) → partners with → p ← member of ← t', 2.0)]
    """
    costs = costs or PathCosts()
    if source == target:
        raise InputError("path", "the source and the target are the same actor", "name two different actors")
    if k < 1:
        raise InputError("path", f"-k must be at least 1, not {k}")
    hop_cost, node_cost = _hop_cost_function(graph, costs)
    offset = (node_cost[source] + node_cost[target]) / 2.0
    result = []
    try:
        for nodes in itertools.islice(nx.shortest_simple_paths(graph, source, target, weight=hop_cost), k):
            total = sum(hop_cost(u, v, graph.edges[u, v]) for u, v in itertools.pairwise(nodes)) - offset
            result.append(_describe(graph, list(nodes), round(total, 6), costs))
    except nx.NetworkXNoPath:
        pass
    return result


_WEIGHTS: weakref.WeakKeyDictionary[nx.Graph, tuple[PathCosts, Any, tuple[Any, list[float], dict[Any, float]]]] = (
    weakref.WeakKeyDictionary()
)


def _igraph_weights(graph: nx.Graph, costs: PathCosts) -> tuple[Any, list[float], dict[Any, float]]:
    """The igraph copy and each hop's cost, kept per frozen graph (a new status makes a new graph:
    :mod:`netmap.graph.patch`): reach, routes and the route tree of one graph share them."""
    view = to_igraph(graph)
    kept = _WEIGHTS.get(graph) if nx.is_frozen(graph) else None
    if kept is not None and kept[0] == costs and kept[1] is view:
        return kept[2]
    found = _hop_weights(graph, view, costs)
    if nx.is_frozen(graph):
        _WEIGHTS[graph] = (costs, view, found)
    return found


def _hop_weights(graph: nx.Graph, view: Any, costs: PathCosts) -> tuple[Any, list[float], dict[Any, float]]:
    node_cost = [costs.node_cost(graph.nodes[n]) for n in view.ids]
    weights = [
        c + (node_cost[u] + node_cost[v]) / 2.0 for c, (u, v) in zip(view.cost, view.graph.get_edgelist(), strict=True)
    ]
    return view, weights, dict(zip(view.ids, node_cost, strict=True))


def reach_costs(graph: nx.Graph, source: Any, costs: PathCosts | None = None) -> dict[Any, float | None]:
    """Cost of the cheapest route from ``source`` to every node (``None``: no route; 0 for itself).

    >>> g = nx.path_graph(["us", "a", "b"]); nx.set_edge_attributes(g, 1.0, "cost")
    >>> reach_costs(g, "us")
    {'us': 0.0, 'a': 1.0, 'b': 3.5}
    """
    costs = costs or PathCosts()
    view, weights, node_cost = _igraph_weights(graph, costs)
    row = view.graph.distances(source=[view.index[source]], weights=weights)[0]
    result: dict[Any, float | None] = {}
    for node, d in zip(view.ids, row, strict=True):
        if node == source:
            result[node] = 0.0
        elif d == math.inf:
            result[node] = None
        else:
            result[node] = round(d - (node_cost[source] + node_cost[node]) / 2.0, 6)
    return result


def best_routes(
    graph: nx.Graph, source: Any, targets: list[Any], costs: PathCosts | None = None
) -> dict[Any, WarmPath | None]:
    """The cheapest route to each target in one pass (``None`` where there is none).

    >>> g = nx.path_graph(["us", "a", "b"]); nx.set_edge_attributes(g, 1.0, "cost")
    >>> best_routes(g, "us", ["b"])["b"].nodes
    ['us', 'a', 'b']
    """
    costs = costs or PathCosts()
    if not targets:
        return {}
    reach = reach_costs(graph, source, costs)
    result: dict[Any, WarmPath | None] = {}
    for target, nodes in route_nodes(graph, source, targets, costs).items():
        cost = reach.get(target)
        result[target] = None if cost is None or nodes is None else _describe(graph, nodes, cost, costs)
    return result


def route_nodes(
    graph: nx.Graph, source: Any, targets: list[Any], costs: PathCosts | None = None
) -> dict[Any, list[Any] | None]:
    """The nodes of the cheapest route to each target, not explained (``None``: no route, or the source).

    >>> g = nx.path_graph(["us", "a", "b"]); nx.set_edge_attributes(g, 1.0, "cost")
    >>> route_nodes(g, "us", ["b", "us"])
    {'b': ['us', 'a', 'b'], 'us': None}
    """
    if not targets:
        return {}
    view, weights, _ = _igraph_weights(graph, costs or PathCosts())
    with warnings.catch_warnings():  # igraph warns when some targets cannot be reached: that is an answer
        warnings.simplefilter("ignore", RuntimeWarning)
        found = view.graph.get_shortest_paths(
            view.index[source], to=[view.index[t] for t in targets], weights=weights, output="vpath"
        )
    return {
        target: [view.ids[i] for i in vpath] if vpath and target != source else None
        for target, vpath in zip(targets, found, strict=True)
    }


@dataclass(frozen=True, slots=True)
class RouteTree:
    """The cheapest route from one source to every node (one Dijkstra), read back per target.

    Made once per graph by :func:`route_tree`; :meth:`route` and :meth:`routes` then cost only the
    length of the routes they return. Costs are those of :func:`warm_paths` (same model, same offsets).
    """

    graph: nx.Graph
    source: Any
    costs: PathCosts
    view: Any
    weights: list[float]
    parent: list[int]
    dist: list[float]
    node_cost: list[float]

    def cost(self, target: Any) -> float | None:
        """Cost of the cheapest route to ``target`` (``None``: no route; 0 for the source itself)."""
        t = self.view.index.get(target)
        if t is None or self.dist[t] == math.inf:
            return None
        if target == self.source:
            return 0.0
        return self._cost(self.dist[t], t)

    def route(self, target: Any) -> WarmPath | None:
        """The cheapest route to ``target``, explained (``None``: no route, or the source itself)."""
        t = self.view.index.get(target)
        if t is None or target == self.source or self.dist[t] == math.inf:
            return None
        return self._describe(self._path(t), self.dist[t], t)

    def routes(self, target: Any, k: int = 3) -> list[WarmPath]:
        """The cheapest route, then up to ``k - 1`` alternatives that reach ``target`` through a
        different last introducer (the cheapest route to each other neighbour, then the last hop),
        cheapest first. Each is loop-free with its exact cost; they are not always the 2nd and 3rd
        cheapest routes overall (:func:`warm_paths` gives those, at the cost of a search per call).

        >>> g = nx.Graph()
        >>> for u, v in [("us", "a"), ("a", "t"), ("us", "b"), ("b", "t"), ("b", "c"), ("c", "t")]:
        ...     g.add_edge(u, v, cost=1.0)
        >>> g.nodes["a"]["engagement"] = "partner"
        >>> [(w.nodes, w.cost) for w in route_tree(g, "us").routes("t")]
        [(['us', 'a', 't'], 2.0), (['us', 'b', 't'], 3.5), (['us', 'b', 'c', 't'], 6.0)]
        """
        if k < 1:
            raise InputError("path", f"-k must be at least 1, not {k}")
        best = self.route(target)
        if best is None:
            return []
        t = self.view.index[target]
        alternatives = []
        for neighbour in self.graph.adj[target]:
            w = self.view.index[neighbour]
            if w == self.parent[t] or self.dist[w] == math.inf:
                continue
            path = self._path(w)
            if t in path:  # the cheapest route to that neighbour passes through the target itself
                continue
            total = self.dist[w] + self.weights[self.view.graph.get_eid(w, t)]
            alternatives.append((total, str(neighbour), path + [t]))
        alternatives.sort(key=lambda a: (a[0], a[1]))
        result = [best]
        for total, _name, path in alternatives[: k - 1]:
            route = self._describe(path, total, t)
            route.reasons.append(Message("an alternative: arrives through a different last introducer"))
            result.append(route)
        return result

    def parents(self) -> dict[Any, Any]:
        """Each node reachable from the source → the node before it on its cheapest route.

        >>> g = nx.path_graph(["us", "a", "b"]); nx.set_edge_attributes(g, 1.0, "cost")
        >>> route_tree(g, "us").parents()
        {'a': 'us', 'b': 'a'}
        """
        ids = self.view.ids
        return {ids[i]: ids[p] for i, p in enumerate(self.parent) if p >= 0}

    def nodes(self, target: Any) -> list[Any] | None:
        """The nodes of the cheapest route to ``target``, not explained (``None``: no route, or the source)."""
        t = self.view.index.get(target)
        if t is None or target == self.source or self.dist[t] == math.inf:
            return None
        return [self.view.ids[i] for i in self._path(t)]

    def _cost(self, dist: float, t: int) -> float:
        return round(float(dist - (self.node_cost[self.view.index[self.source]] + self.node_cost[t]) / 2.0), 6)

    def _path(self, t: int) -> list[int]:
        path = []
        while t != -1:
            path.append(t)
            t = self.parent[t]
        path.reverse()
        return path

    def _describe(self, path: list[int], dist: float, t: int) -> WarmPath:
        return _describe(self.graph, [self.view.ids[i] for i in path], self._cost(dist, t), self.costs)


def route_tree(graph: nx.Graph, source: Any, costs: PathCosts | None = None) -> RouteTree:
    """The shortest-path tree of the cheapest routes from ``source`` (one Dijkstra, in igraph).

    >>> g = nx.path_graph(["us", "a", "b"]); nx.set_edge_attributes(g, 1.0, "cost")
    >>> tree = route_tree(g, "us")
    >>> tree.route("b").nodes, tree.cost("b"), tree.route("us")
    (['us', 'a', 'b'], 3.5, None)
    """
    costs = costs or PathCosts()
    view, weights, node_cost = _igraph_weights(graph, costs)
    src = view.index[source]
    with warnings.catch_warnings():  # igraph warns when some nodes cannot be reached: that is an answer
        warnings.simplefilter("ignore", RuntimeWarning)
        paths = view.graph.get_shortest_paths(src, to=None, weights=weights, output="vpath")
    parent = [p[-2] if len(p) >= 2 else -1 for p in paths]
    dist = view.graph.distances(source=[src], weights=weights)[0] if len(view.ids) else []
    return RouteTree(graph, source, costs, view, weights, parent, dist, [node_cost[n] for n in view.ids])
