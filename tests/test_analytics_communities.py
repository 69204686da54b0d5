"""Communities: Louvain with a fixed seed, described in words; k-cores."""

from __future__ import annotations

import networkx as nx

from netmap.analytics.communities import describe_communities, k_core, louvain, modularity
from netmap.graph import build_graph
from netmap.graph.rows import actor, tie


def two_groups() -> nx.Graph:
    nodes = [actor(f"e{i}", kind="Company", country="DEU", sectors=["healthcare"]) for i in range(4)]
    nodes += [
        actor(f"h{i}", kind="NGO", country="JOR", sectors=["resettlement"], engagement="partner") for i in range(3)
    ]
    nodes.append(actor("h3", kind="RefugeeLed", country="JOR"))
    edges = [tie(f"e{i}", f"e{j}") for i in range(4) for j in range(i + 1, 4)]
    edges += [tie(f"h{i}", f"h{j}") for i in range(4) for j in range(i + 1, 4)]
    edges.append(tie("e0", "h0"))
    return build_graph(nodes, edges)


def test_two_cliques_joined_by_one_tie_are_two_communities() -> None:
    part = louvain(two_groups())
    assert part == {**{f"e{i}": 0 for i in range(4)}, **{f"h{i}": 1 for i in range(4)}}


def test_modularity_of_two_cliques_joined_by_one_tie() -> None:
    # 13 ties; each community has 6 inside and degree sum 13: 2 * (6/13 - (13/26)^2) = 12/13 - 1/2
    assert abs(modularity(two_groups(), louvain(two_groups())) - (12 / 13 - 0.5)) < 1e-6


def test_communities_are_described_by_dominant_kinds_countries_and_sectors() -> None:
    g = two_groups()
    first, second = describe_communities(g, louvain(g))
    assert first["kinds"] == [{"value": "Company", "count": 4}]
    assert first["summary"] == "4 nodes; mostly Company (4); in DEU (4); sectors: healthcare (4)"
    assert second["kinds"] == [{"value": "NGO", "count": 3}, {"value": "RefugeeLed", "count": 1}]
    assert second["engaged"] == 3 and second["summary"].endswith("; 3 engaged")
    assert first["members"][0] == {"id": "e0", "name": "e0"}


def test_same_seed_same_partition_and_isolates_are_their_own_community() -> None:
    g = nx.barabasi_albert_graph(300, 2, seed=4)
    g.add_node("alone")
    assert louvain(g, seed=9) == louvain(g, seed=9)
    assert list(louvain(g).values()).count(louvain(g)["alone"]) == 1


def test_empty_graph_has_no_communities() -> None:
    assert louvain(nx.Graph()) == {} and k_core(nx.Graph()) == {}


def test_k_core_of_a_clique_with_a_tail() -> None:
    g = nx.complete_graph(["a", "b", "c", "d"])
    g.add_edges_from([("d", "x"), ("x", "y")])
    assert k_core(g) == {"a": 3, "b": 3, "c": 3, "d": 3, "x": 1, "y": 1}
