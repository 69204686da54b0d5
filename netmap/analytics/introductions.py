"""Introductions along the warm route: is the introducer on a route from us to the target, and which one.

An officer asks X to introduce us to Y. That only makes sense when X lies on some loop-free route from
us to Y: then the request carries that route, explained hop by hop like the warm paths. The route is
the cheapest warm path through X when one of the three cheapest (the ones the pages show) passes
through it; otherwise any loop-free route through X (X is on one exactly when it sits in a biconnected
block between us and Y). An X on no route is refused, saying so.
"""

from __future__ import annotations

import itertools
from typing import Any

import networkx as nx

from netmap.analytics.actors import display_name
from netmap.analytics.backend import to_igraph
from netmap.analytics.paths import PathCosts, WarmPath, _describe, _hop_cost_function, warm_paths
from netmap.errors import InputError

__all__ = ["introduction_route"]

#: How many of the cheapest routes are searched for one through the introducer before any route is.
CHEAPEST = 3


def _corridor(graph: nx.Graph, home: Any, via: Any, target: Any) -> set[Any] | None:
    """The actors every loop-free route from ``home`` to ``target`` stays within, or ``None`` when
    ``via`` is on none of those routes.

    A loop-free route passes through the biconnected blocks on the block-cut tree's path from ``home``
    to ``target`` and nothing else; inside a block any three actors lie on one loop-free route (Menger),
    so ``via`` is on a route exactly when it is in one of those blocks.

    >>> g = nx.path_graph(["us", "a", "b", "t"]); g.add_edge("a", "x")
    >>> sorted(_corridor(g, "us", "b", "t")), _corridor(g, "us", "x", "t")
    (['a', 'b', 't', 'us'], None)
    """
    view = to_igraph(graph)  # igraph's blocks in C: a pass over 10k actors in milliseconds
    blocks = [frozenset(view.ids[i] for i in b) for b in view.graph.biconnected_components()]
    member: dict[Any, list[int]] = {}
    for i, block in enumerate(blocks):
        for n in block:
            member.setdefault(n, []).append(i)
    tree = nx.Graph()
    for n, where in member.items():
        if len(where) > 1:  # a cut vertex joins its blocks
            tree.add_edges_from((("cut", n), ("block", i)) for i in where)

    def place(n: Any) -> tuple[str, Any] | None:
        if n not in member:  # no tie at all
            return None
        return ("cut", n) if len(member[n]) > 1 else ("block", member[n][0])

    start, end = place(home), place(target)
    if start is None or end is None or via not in member:
        return None
    try:
        on_path = [start] if start == end else nx.shortest_path(tree, start, end)
    except (nx.NetworkXNoPath, nx.NodeNotFound):  # in different components
        return None
    corridor: set[Any] = set()
    for kind, ref in on_path:
        corridor.update(blocks[ref] if kind == "block" else (ref,))
    return corridor if via in corridor else None


def _route_through(graph: nx.Graph, home: Any, via: Any, target: Any) -> list[Any] | None:
    """A loop-free route ``home … via … target``, or ``None`` when ``via`` is on none.

    Two searches (us to ``via`` avoiding the target, then on to the target avoiding that half, or the
    other way round) usually find one; otherwise the exact two-disjoint-routes search inside the corridor.

    >>> g = nx.path_graph(["us", "a", "b", "t"]); g.add_edge("a", "x")
    >>> _route_through(g, "us", "b", "t"), _route_through(g, "us", "x", "t")
    (['us', 'a', 'b', 't'], None)
    """
    corridor = _corridor(graph, home, via, target)
    if corridor is None:
        return None
    inside = graph.subgraph(corridor)
    for first, second in (((home, via), (via, target)), ((via, target), (home, via))):
        try:
            one = nx.shortest_path(
                nx.restricted_view(inside, [n for n in (home, target) if n not in first], []), *first
            )
            banned = set(one) - {via}
            two = nx.shortest_path(nx.restricted_view(inside, banned, []), *second)
        except nx.NetworkXNoPath:
            continue
        return [*one, *two[1:]] if first[0] == home else [*two, *one[1:]]
    skeleton = nx.Graph(inside.edges())
    ends = ("netmap:ends",)
    skeleton.add_edges_from([(ends, home), (ends, target)])
    paths = list(itertools.islice(nx.node_disjoint_paths(skeleton, via, ends, cutoff=2), 2))
    if len(paths) < 2:
        return None
    to_home, to_target = sorted(paths, key=lambda p: p[-2] != home)
    return [*reversed(to_home[:-1]), *to_target[1:-1]]


def introduction_route(graph: nx.Graph, home: Any, via: Any, target: Any, costs: PathCosts | None = None) -> WarmPath:
    """The route from ``home`` to ``target`` through the introducer ``via``; :class:`InputError` when
    ``via`` is not on any route (or is us, or the target itself).

    >>> g = nx.Graph()
    >>> g.add_edge("us", "p", cost=1.0); g.add_edge("p", "t", cost=1.0); g.add_edge("us", "q", cost=1.0)
    >>> for n, name in [("us", "Us"), ("p", "Partner"), ("t", "Target"), ("q", "Other")]: g.nodes[n]["name"] = name
    >>> introduction_route(g, "us", "p", "t").nodes
    ['us', 'p', 't']
    >>> introduction_route(g, "us", "q", "t")
    Traceback (most recent call last):
    ...
    netmap.errors.InputError: introduction: Other is not on any route from us to Target — ask someone on one of the warm routes to Target
    """
    costs = costs or PathCosts()
    if home is None or home not in graph:
        raise InputError(
            "introduction", "no home actor is set", "an administrator sets one: netmap config set home_actor ID"
        )
    if target not in graph:
        raise InputError("introduction", f"{target!r} is not in the network", "pick an actor shown on the map")
    target_name = display_name(graph, target)
    if via == target:
        raise InputError(
            "introduction", f"{target_name} cannot introduce us to itself", "pick an actor on a route to it"
        )
    if via == home:
        raise InputError("introduction", "we cannot introduce ourselves", f"record an engagement with {target_name}")
    if via not in graph:
        raise InputError(
            "introduction", f"{via!r} is not on any route from us to {target_name}", "pick an actor shown on the map"
        )
    if graph.nodes[via].get("label", "Actor") != "Actor":
        raise InputError(
            "introduction",
            f"{display_name(graph, via)} is a programme or forum, not an actor",
            "ask an organisation that takes part in it",
        )
    nodes = _route_through(graph, home, via, target)
    if nodes is not None:
        for path in warm_paths(graph, home, target, k=CHEAPEST, costs=costs):
            if via in path.nodes[1:-1]:
                return path
    if nodes is None:
        raise InputError(
            "introduction",
            f"{display_name(graph, via)} is not on any route from us to {target_name}",
            f"ask someone on one of the warm routes to {target_name}",
        )
    hop_cost, node_cost = _hop_cost_function(graph, costs)
    total = sum(hop_cost(u, v, graph.edges[u, v]) for u, v in itertools.pairwise(nodes))
    return _describe(graph, nodes, round(total - (node_cost[home] + node_cost[target]) / 2.0, 6), costs)
