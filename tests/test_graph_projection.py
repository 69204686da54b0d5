"""The Neo4j → NetworkX projection: collapsing, weights, filters, what gets dropped and said."""

from __future__ import annotations

import networkx as nx
import pytest

from netmap.errors import ConfigError, InputError
from netmap.graph import GraphFilter, WeightTable, build_graph, directed_flows, parse_date
from netmap.graph.rows import actor, initiative, tie

NODES = [
    actor("us", sphere="humanitarian", kind="IGO", country="CHE"),
    actor("ngo", sphere="humanitarian", kind="NGO", country="DEU", sectors=["resettlement"]),
    actor("firm", sphere="economic", kind="Company", country="DEU", sectors=["healthcare"]),
    initiative("taskforce", countries=("DEU",)),
]


def pairs(g: object) -> list[tuple[str, str]]:
    return sorted(tuple(sorted(e)) for e in g.edges)  # type: ignore[attr-defined]


def test_parallel_ties_collapse_into_one_edge_with_summed_weight_and_all_evidence() -> None:
    g = build_graph(NODES, [tie("us", "ngo"), tie("ngo", "us", "FUNDS", strength=5), tie("us", "ngo", key="2")])
    assert g.number_of_edges() == 1
    edge = g.edges["ngo", "us"]
    # PARTNERS_WITH 1.0 twice + FUNDS 0.8 * 5/3 = 1.3333
    assert edge["weight"] == pytest.approx(3.3333)
    assert edge["cost"] == pytest.approx(1 / 3.3333, abs=1e-6)
    assert [(e["type"], e["source"], e["key"]) for e in edge["evidence"]] == [
        ("FUNDS", "ngo", ""),
        ("PARTNERS_WITH", "us", ""),
        ("PARTNERS_WITH", "us", "2"),
    ]


def test_self_loops_are_dropped_and_counted() -> None:
    g = build_graph(NODES, [tie("us", "us"), tie("us", "ngo")])
    assert g.number_of_edges() == 1
    assert g.graph["self_loops_dropped"] == 1
    assert "1 self-loop(s) dropped" in g.graph["notes"]


def test_type_without_configured_weight_gets_the_default_and_is_reported() -> None:
    g = build_graph(NODES, [tie("us", "ngo", "KNOWS"), tie("us", "firm", "KNOWS")], weights=WeightTable(default=0.4))
    assert g.edges["us", "ngo"]["weight"] == 0.4
    assert g.graph["unweighted_types"] == {"KNOWS": 2}
    assert g.graph["notes"] == ["2 tie(s) of type KNOWS have no configured weight; used the default 0.4"]


def test_ties_to_nodes_outside_the_projection_are_dropped_and_counted() -> None:
    g = build_graph(NODES, [tie("firm", "DEU", "OPERATES_IN")])
    assert g.number_of_edges() == 0 and g.graph["dangling_ties"] == 1


def test_node_attributes_are_copied() -> None:
    g = build_graph(NODES, [])
    assert g.nodes["firm"]["sectors"] == ["healthcare"]
    assert g.nodes["taskforce"]["label"] == "Forum" and g.nodes["taskforce"]["countries"] == ["DEU"]


def test_row_order_does_not_change_the_graph() -> None:
    edges = [tie("us", "ngo"), tie("ngo", "firm", "MEMBER_OF"), tie("firm", "taskforce", "MEMBER_OF")]
    a = build_graph(NODES, edges)
    b = build_graph(list(reversed(NODES)), list(reversed(edges)))
    assert list(a.nodes) == list(b.nodes) and list(a.edges(data=True)) == list(b.edges(data=True))


def test_filter_by_sphere_keeps_initiatives_and_the_home_actor() -> None:
    g = build_graph(NODES, [], GraphFilter(spheres=["economic"], keep=["us"]))
    assert sorted(g) == ["firm", "taskforce", "us"]


def test_filter_by_kind_country_and_sector() -> None:
    assert sorted(build_graph(NODES, [], GraphFilter(kinds=["ngo"], include_initiatives=False))) == ["ngo"]
    assert sorted(build_graph(NODES, [], GraphFilter(countries=["deu"]))) == ["firm", "ngo", "taskforce"]
    assert sorted(build_graph(NODES, [], GraphFilter(sectors=["Healthcare"], include_initiatives=False))) == ["firm"]


def test_filter_by_relationship_type() -> None:
    g = build_graph(NODES, [tie("us", "ngo"), tie("ngo", "firm", "FUNDS")], GraphFilter(rel_types=["FUNDS"]))
    assert pairs(g) == [("firm", "ngo")]


def test_filter_by_date_keeps_ties_active_then() -> None:
    edges = [
        tie("us", "ngo", since="2019", until="2021"),
        tie("ngo", "firm", since="2022-05-01"),
        tie("us", "firm"),
    ]
    g = build_graph(NODES, edges, GraphFilter(as_of="2022"))
    assert pairs(g) == [("firm", "ngo"), ("firm", "us")]
    g = build_graph(NODES, edges, GraphFilter(as_of="2020-06-30"))
    assert pairs(g) == [("firm", "us"), ("ngo", "us")]
    g = build_graph(NODES, edges, GraphFilter(active_from="2021-06", active_to="2022-01"))
    assert pairs(g) == [("firm", "us"), ("ngo", "us")]


def test_bad_date_is_an_input_error() -> None:
    with pytest.raises(InputError, match="'last year' is not a date"):
        GraphFilter(as_of="last year")
    assert str(parse_date("2024-02", end=True)) == "2024-02-29"


def test_empty_rows_give_an_empty_graph() -> None:
    g = build_graph([], [])
    assert g.number_of_nodes() == 0 and g.graph["notes"] == []


def test_weight_table_from_config_and_bad_values() -> None:
    table = WeightTable.from_config({"member_of": 0.9, "KNOWS": 0.2, "default": 0.1})
    assert (table.weight("MEMBER_OF", None), table.weight("KNOWS", 3), table.weight("OTHER", None)) == (
        0.9,
        0.2,
        0.1,
    )
    with pytest.raises(ConfigError, match="weights: FUNDS has 'high'"):
        WeightTable.from_config({"FUNDS": "high"})


def test_directed_flows_follow_tie_direction_and_undirected_ties_both_ways() -> None:
    g = build_graph(NODES, [tie("ngo", "taskforce", "MEMBER_OF"), tie("us", "ngo")])
    assert sorted(directed_flows(g).edges) == [("ngo", "taskforce"), ("ngo", "us"), ("us", "ngo")]


def test_the_igraph_copy_made_from_the_rows_is_the_one_made_from_the_networkx_graph() -> None:
    import random

    from netmap.analytics.backend import to_igraph

    rng = random.Random(3)
    ids = [f"n{i}" for i in range(30)] + ["B", "a", "Z9"]
    edges = [
        tie(rng.choice(ids), rng.choice(ids), rng.choice(["PARTNERS_WITH", "FUNDS"]), strength=rng.choice([None, 2, 5]))
        for _ in range(120)
    ]
    graph = build_graph([actor(n) for n in reversed(ids)], edges)
    seeded = to_igraph(graph)  # made by build_graph from the rows
    walked = to_igraph(nx.Graph(graph))  # made by walking the NetworkX graph, as before
    assert seeded.ids == walked.ids
    assert seeded.graph.get_edgelist() == walked.graph.get_edgelist()
    assert seeded.weight == walked.weight and seeded.cost == walked.cost
