"""Brokerage on hand-worked graphs: constraint, effective size, Gould–Fernandez, cross-sphere betweenness."""

from __future__ import annotations

import networkx as nx
import pytest

from netmap.analytics.brokerage import (
    constraint,
    cross_sphere_betweenness,
    effective_size,
    gould_fernandez,
)
from netmap.analytics.centrality import betweenness
from netmap.graph import build_graph, directed_flows
from netmap.graph.rows import actor, initiative, tie


def two_cliques_through_m() -> nx.Graph:
    """Triangles {a1,a2,a3} and {b1,b2,b3}; m is tied to all six; every tie has weight 1."""
    nodes = [actor(n) for n in ("a1", "a2", "a3", "b1", "b2", "b3", "m")]
    edges = [
        tie("a1", "a2"),
        tie("a1", "a3"),
        tie("a2", "a3"),
        tie("b1", "b2"),
        tie("b1", "b3"),
        tie("b2", "b3"),
    ]
    edges += [tie("m", n) for n in ("a1", "a2", "a3", "b1", "b2", "b3")]
    return build_graph(nodes, edges)


def test_node_joining_two_cliques_is_the_top_broker() -> None:
    g = two_cliques_through_m()
    # all 9 (a_i, b_j) pairs go a_i - m - b_j; no other pair needs a go-between
    assert betweenness(g).values["m"] == 9.0
    assert all(v == 0.0 for n, v in betweenness(g).values.items() if n != "m")


def test_constraint_of_the_joining_node_and_a_clique_member() -> None:
    c = constraint(two_cliques_through_m())
    # m: p = 1/6 to each; to a1 indirectly via a2, a3: 2 * (1/6)(1/3) = 1/9 → 6 * (1/6 + 1/9)^2 = 25/54
    assert c["m"] == pytest.approx(25 / 54)
    # a1: to a2: 1/3 + (1/3)(1/3) via a3 + (1/3)(1/6) via m = 1/2 → 1/4, same for a3;
    #     to m: 1/3 + 2 * (1/3)(1/3) = 5/9 → 25/81;  total 1/2 + 25/81 = 131/162
    assert c["a1"] == pytest.approx(131 / 162)
    assert min((v, n) for n, v in c.items() if v is not None) == (c["m"], "m")


def test_effective_size_of_the_joining_node_and_a_clique_member() -> None:
    e = effective_size(two_cliques_through_m())
    # m: 6 contacts with 6 ties among them → 6 - 2*6/6 = 4; a1: 3 contacts, 3 ties → 3 - 2 = 1
    assert e["m"] == 4.0 and e["a1"] == 1.0


def test_constraint_and_effective_size_of_an_isolated_node_are_none() -> None:
    g = nx.Graph()
    g.add_node("alone")
    assert constraint(g) == {"alone": None} and effective_size(g) == {"alone": None}


def flows(groups: dict[str, str], edges: list[tuple[str, str]]) -> nx.DiGraph:
    g = nx.DiGraph(edges)
    nx.set_node_attributes(g, groups, "sphere")
    return g


@pytest.mark.parametrize(
    ("groups", "role"),
    [
        ({"a": "H", "b": "H", "c": "H"}, "coordinator"),
        ({"a": "E", "b": "H", "c": "E"}, "itinerant"),
        ({"a": "H", "b": "H", "c": "E"}, "representative"),
        ({"a": "H", "b": "E", "c": "E"}, "gatekeeper"),
        ({"a": "H", "b": "both", "c": "E"}, "liaison"),
    ],
)
def test_gould_fernandez_textbook_triads(groups: dict[str, str], role: str) -> None:
    roles = gould_fernandez(flows(groups, [("a", "b"), ("b", "c")]))
    assert roles["b"] == {r: (1 if r == role else 0) for r in roles["b"]}
    assert sum(roles["a"].values()) == 0 and sum(roles["c"].values()) == 0


def test_no_brokerage_when_a_already_reaches_c() -> None:
    roles = gould_fernandez(flows({"a": "H", "b": "H", "c": "E"}, [("a", "b"), ("b", "c"), ("a", "c")]))
    assert sum(roles["b"].values()) == 0


def test_undirected_partnership_brokers_both_ways() -> None:
    # ngo1 — ngo2 — firm: ngo1→ngo2→firm makes ngo2 a representative, firm→ngo2→ngo1 a gatekeeper
    g = build_graph(
        [
            actor("ngo1", sphere="humanitarian"),
            actor("ngo2", sphere="humanitarian"),
            actor("firm", sphere="economic"),
        ],
        [tie("ngo1", "ngo2"), tie("ngo2", "firm")],
    )
    roles = gould_fernandez(directed_flows(g))["ngo2"]
    assert roles == {"coordinator": 0, "itinerant": 0, "representative": 1, "gatekeeper": 1, "liaison": 0}


def test_gould_fernandez_by_kind() -> None:
    g = flows({}, [("a", "b"), ("b", "c")])
    nx.set_node_attributes(g, {"a": "NGO", "b": "IGO", "c": "Company"}, "kind")
    assert gould_fernandez(g, "kind")["b"]["liaison"] == 1


def test_forums_take_part_in_no_triad() -> None:
    g = flows({"a": "H", "c": "E"}, [("a", "f"), ("f", "c")])
    assert sum(gould_fernandez(g)["f"].values()) == 0


def cross_graph() -> nx.Graph:
    """h1, h2 (humanitarian) meet in a forum f with e1 (economic); e2 is tied to e1 only; h1 — h2."""
    nodes = [
        actor("h1", sphere="humanitarian"),
        actor("h2", sphere="humanitarian"),
        actor("e1", sphere="economic"),
        actor("e2", sphere="economic"),
        initiative("f"),
    ]
    edges = [tie("h1", "f", "MEMBER_OF"), tie("h2", "f", "MEMBER_OF"), tie("e1", "f", "MEMBER_OF")]
    edges += [tie("e1", "e2"), tie("h1", "h2")]
    return build_graph(nodes, edges)


def test_cross_sphere_betweenness_counts_only_humanitarian_economic_pairs() -> None:
    g = cross_graph()
    cross = cross_sphere_betweenness(g).values
    # 4 cross pairs (h1|h2 × e1|e2) all pass f; (h1|h2, e2) also pass e1
    assert cross == {"e1": 2.0, "e2": 0.0, "f": 4.0, "h1": 0.0, "h2": 0.0}
    # plain betweenness of e1 also counts the pair (f, e2)
    assert betweenness(g).values["e1"] == 3.0


def test_cross_sphere_betweenness_is_sampled_on_large_graphs_and_says_so() -> None:
    result = cross_sphere_betweenness(cross_graph(), exact_limit=3, k=1, seed=5)
    assert result.method == "sampled" and result.sample_size == 1
    assert result.notes == ["cross-sphere betweenness sampled from 1 humanitarian sources, seed 5"]
    # one of two humanitarian sources, scaled by 2: f still carries every cross pair
    assert result.values["f"] == 4.0


def test_cross_sphere_betweenness_without_economic_actors_is_zero_and_noted() -> None:
    g = build_graph([actor("h1", sphere="humanitarian"), actor("h2", sphere="humanitarian")], [tie("h1", "h2")])
    result = cross_sphere_betweenness(g)
    assert set(result.values.values()) == {0.0} and "no humanitarian or no economic actors" in result.notes[0]


def python_gould_fernandez(succ_in: dict[str, set[str]], groups: dict[str, str | None]) -> dict[str, dict[str, int]]:
    """The per-broker Python count the vectorised form replaced (as it was), the reference for it."""
    from collections import Counter

    from netmap.analytics.brokerage import ROLES, role_of

    succ = {n: {c for c in succ_in[n] if groups.get(c) is not None} for n in succ_in}
    pred: dict[str, list[str]] = {n: [] for n in succ}
    for a in sorted(succ):
        if groups.get(a) is not None:
            for c in succ[a]:
                pred[c].append(a)
    result: dict[str, dict[str, int]] = {}
    for b in succ:
        counts = dict.fromkeys(ROLES, 0)
        result[b] = counts
        gb = groups.get(b)
        if gb is None or not pred[b] or not succ[b]:
            continue
        pair_counts: Counter[tuple[str, str]] = Counter()
        for a in pred[b]:
            for c in succ[b]:
                if a != c and c not in succ[a]:
                    pair_counts[(str(groups[a]), str(groups[c]))] += 1
        for (ga, gc), count in pair_counts.items():
            counts[role_of(ga, gb, gc)] += count
    return result


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_gould_fernandez_matches_the_python_count_on_random_flows(seed: int) -> None:
    import random

    rng = random.Random(seed)
    ids = [f"n{i}" for i in range(40)]
    groups: dict[str, str | None] = {n: rng.choice(["humanitarian", "economic", "both", None]) for n in ids}
    succ: dict[str, set[str]] = {n: set() for n in ids}
    for _ in range(160):
        a, c = rng.choice(ids), rng.choice(ids)
        succ[a].add(c)  # self-loops and mutual ties included
    assert gould_fernandez(succ, groups=groups) == python_gould_fernandez(succ, groups)


def test_gould_fernandez_exact_counts_on_a_small_mixed_network() -> None:
    groups: dict[str, str | None] = {"h1": "h", "h2": "h", "e1": "e", "e2": "e", "x": "both", "f": None}
    succ = {
        "h1": {"x", "h2", "f"},
        "h2": {"x", "h1"},
        "x": {"e1", "e2", "h1"},
        "e1": {"e2"},
        "e2": set(),
        "f": {"e1"},
    }
    roles = gould_fernandez(succ, groups=groups)
    assert roles == python_gould_fernandez(succ, groups)
    # x: from h1 and h2 to e1 and e2 (4 liaisons), h2 → x → h1 is tied directly: not counted
    assert roles["x"] == {"coordinator": 0, "itinerant": 0, "representative": 0, "gatekeeper": 0, "liaison": 4}
    # h1: x → h1 → h2 (gatekeeper); h2 → h1 → x is tied directly; the forum f takes part in nothing
    assert roles["h1"] == {"coordinator": 0, "itinerant": 0, "representative": 0, "gatekeeper": 1, "liaison": 0}
    assert sum(roles["f"].values()) == 0
