"""Warm introductions: cheapest routes that prefer engaged partners, hop explanations, no route."""

from __future__ import annotations

import networkx as nx
import pytest

from netmap.analytics.paths import PathCosts, best_routes, reach_costs, route_tree, warm_paths
from netmap.errors import InputError
from netmap.graph import build_graph
from netmap.graph.rows import actor, initiative, tie


def partner_or_cold() -> nx.Graph:
    """us — cold — target (2 hops through a stranger) vs us — p1 — p2 — target (3 hops through partners)."""
    nodes = [
        actor("us"),
        actor("cold"),
        actor("p1", engagement="partner"),
        actor("p2", engagement="engaged"),
        actor("target"),
        actor("island"),
    ]
    edges = [tie("us", "cold"), tie("cold", "target"), tie("us", "p1"), tie("p1", "p2"), tie("p2", "target")]
    return build_graph(nodes, edges)


def test_route_through_engaged_partners_beats_a_shorter_cold_route() -> None:
    paths = warm_paths(partner_or_cold(), "us", "target", k=2)
    # warm: 3 ties of cost 1 + partners cost 0 = 3.0; cold: 2 ties + a stranger (1.5) = 3.5
    assert [(p.nodes, p.cost) for p in paths] == [
        (["us", "p1", "p2", "target"], 3.0),
        (["us", "cold", "target"], 3.5),
    ]
    assert [i["id"] for i in paths[0].introducers] == ["p1", "p2"]
    assert paths[1].reasons == ["2 hop(s), cost 3.5", "through actor(s) we have no contact with: cold"]


def test_each_hop_is_explained_with_its_direction() -> None:
    nodes = [
        actor("us", name="IOM"),
        actor("ngo", name="a resettlement NGO", engagement="partner"),
        initiative("tf", name="a refugee labour-mobility task force"),
        actor("assoc", name="the target employer association"),
    ]
    edges = [tie("us", "ngo"), tie("ngo", "tf", "MEMBER_OF"), tie("assoc", "tf", "MEMBER_OF")]
    (path,) = warm_paths(build_graph(nodes, edges), "us", "assoc")
    assert path.text == (
        "us (IOM) → partners with → a resettlement NGO → member of → a refugee labour-mobility task force"
        " ← member of ← the target employer association"
    )
    # 1 + 1/0.6 + 1/0.6 for the ties, 0 for the partner, 0.75 for the forum
    assert path.cost == pytest.approx(1 + 2 / 0.6 + 0.75, abs=1e-5)
    assert [h["direction"] for h in path.hops] == ["forward", "forward", "backward"]


def test_no_route_is_an_empty_list() -> None:
    assert warm_paths(partner_or_cold(), "us", "island") == []
    assert reach_costs(partner_or_cold(), "us")["island"] is None
    assert best_routes(partner_or_cold(), "us", ["island"]) == {"island": None}


def test_k_limits_the_routes_and_they_are_loop_free() -> None:
    paths = warm_paths(partner_or_cold(), "us", "target", k=5)
    assert len(paths) == 2
    assert all(len(set(p.nodes)) == len(p.nodes) for p in paths)


def test_same_source_and_target_is_an_input_error() -> None:
    with pytest.raises(InputError, match="the source and the target are the same actor"):
        warm_paths(partner_or_cold(), "us", "us")


def test_stronger_ties_make_cheaper_routes() -> None:
    nodes = [actor("us"), actor("a", engagement="partner"), actor("b", engagement="partner"), actor("t")]
    edges = [
        tie("us", "a", strength=5),
        tie("a", "t", strength=5),
        tie("us", "b", strength=1),
        tie("b", "t", strength=1),
    ]
    (best,) = warm_paths(build_graph(nodes, edges), "us", "t", k=1)
    # weight 5/3 → cost 0.6 per tie
    assert best.nodes == ["us", "a", "t"] and best.cost == pytest.approx(1.2, abs=1e-4)


def test_reach_costs_match_the_best_warm_path() -> None:
    g = partner_or_cold()
    reach = reach_costs(g, "us")
    assert reach["target"] == 3.0 and reach["p2"] == 2.0 and reach["us"] == 0.0
    route = best_routes(g, "us", ["target"])["target"]
    assert route is not None and route.nodes == ["us", "p1", "p2", "target"]


def test_path_costs_are_configurable() -> None:
    cheap_strangers = PathCosts(cold=0.0)
    assert warm_paths(partner_or_cold(), "us", "target", k=1, costs=cheap_strangers)[0].nodes == [
        "us",
        "cold",
        "target",
    ]


def test_route_tree_gives_the_cheapest_route_of_warm_paths() -> None:
    graph = partner_or_cold()
    tree = route_tree(graph, "us")
    best = warm_paths(graph, "us", "target", k=1)[0]
    route = tree.route("target")
    assert route is not None and (route.nodes, route.cost, route.text) == (best.nodes, best.cost, best.text)
    assert tree.cost("target") == best.cost == reach_costs(graph, "us")["target"]
    assert tree.route("us") is None and tree.cost("us") == 0.0
    assert tree.route("island") is None and tree.cost("island") is None and tree.routes("island") == []
    assert tree.route("nobody") is None and tree.routes("us") == []


def test_route_tree_alternatives_arrive_through_other_introducers() -> None:
    graph = partner_or_cold()
    routes = route_tree(graph, "us").routes("target", k=3)
    # the cheapest, then the cheapest through the other neighbour of the target: here the same as warm_paths
    assert [(p.nodes, p.cost) for p in routes] == [(p.nodes, p.cost) for p in warm_paths(graph, "us", "target", k=2)]
    assert routes[1].reasons[-1] == "an alternative: arrives through a different last introducer"
    assert len({p.nodes[-2] for p in routes}) == len(routes)
    assert len(route_tree(graph, "us").routes("target", k=1)) == 1
    with pytest.raises(InputError):
        route_tree(graph, "us").routes("target", k=0)


def test_route_tree_alternatives_are_loop_free_with_exact_costs() -> None:
    graph = nx.connected_watts_strogatz_graph(60, 4, 0.3, seed=3)
    nx.set_edge_attributes(graph, 1.0, "cost")
    for n in list(graph)[::3]:
        graph.nodes[n]["engagement"] = "partner"
    tree = route_tree(graph, 0)
    costs = PathCosts()
    for target in range(1, 60):
        routes = tree.routes(target, k=3)
        assert routes and routes[0].cost == warm_paths(graph, 0, target, k=1)[0].cost
        assert [p.cost for p in routes] == sorted(p.cost for p in routes)
        for p in routes:
            assert p.nodes[0] == 0 and p.nodes[-1] == target and len(set(p.nodes)) == len(p.nodes)
            hops = sum(1.0 for _ in zip(p.nodes, p.nodes[1:], strict=False))
            inner = sum(costs.node_cost(graph.nodes[n]) for n in p.nodes[1:-1])
            assert p.cost == pytest.approx(hops + inner)
