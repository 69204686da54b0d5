"""An engagement or assessment patch of a projected graph: the graph a new build would give, made from the
previous one, which stays as it was; refused where only a build is right."""

from __future__ import annotations

import random
from typing import Any

import networkx as nx

from netmap.analytics.backend import to_igraph, view_from_edges
from netmap.graph import build_graph
from netmap.graph.patch import patch_graph
from netmap.graph.rows import actor, initiative, tie


def _engaged(source: str, target: str, note: str = "") -> dict[str, Any]:
    return {**tie(source, target, "ENGAGED_WITH"), "note": note}


def _network(n: int = 40, seed: int = 3) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    rng = random.Random(seed)
    ids = ["us"] + [f"a{i:02d}" for i in range(n)]
    nodes = [actor(i, sphere=rng.choice(["humanitarian", "economic"])) for i in ids] + [initiative("forum")]
    edges = [tie(rng.choice(ids), rng.choice(ids), rng.choice(["PARTNERS_WITH", "FUNDS"])) for _ in range(3 * n)]
    edges += [tie("a01", "forum", "MEMBER_OF"), _engaged("us", "a02", "met"), tie("us", "a03")]
    return nodes, edges


def _same(a: nx.Graph, b: nx.Graph) -> None:
    assert list(a.nodes(data=True)) == list(b.nodes(data=True))
    assert list(a.edges(data=True)) == list(b.edges(data=True))  # same order too
    assert {k: v for k, v in a.graph.items()} == {k: v for k, v in b.graph.items()}
    va, vb = to_igraph(a), to_igraph(b)
    assert (va.ids, va.graph.get_edgelist(), va.weight, va.cost) == (
        vb.ids,
        vb.graph.get_edgelist(),
        vb.weight,
        vb.cost,
    )


def test_a_patch_gives_the_graph_a_build_of_the_edited_rows_gives() -> None:
    nodes, edges = _network()
    before = build_graph(nodes, edges)
    # a new engagement tie (new pair), one on a pair tied already, a changed note, assessments
    new_ties = [_engaged("us", "a05"), _engaged("us", "a03"), _engaged("us", "a02", "met again")]
    changed = {"a05": "contacted", "a03": "contacted", "a02": "engaged"}
    assessed = {"assessedInfluence": 4, "assessedInterest": 2, "stance": "neutral", "assessedOn": "2026-11-30"}
    rows = [{"id": i, "engagement": s, **(assessed if i == "a03" else {})} for i, s in changed.items()]
    edited_nodes = [{**n, **next((r for r in rows if r["id"] == n["id"]), {})} for n in nodes]
    edited_edges = [e for e in edges if e["type"] != "ENGAGED_WITH"] + new_ties
    patch = patch_graph(before, rows, new_ties)
    assert patch is not None
    _same(patch.graph, build_graph(edited_nodes, edited_edges))
    assert patch.nodes == {"a05", "a03", "a02"}
    assert patch.pairs == {("a05", "us"), ("a03", "us"), ("a02", "us")}
    assert nx.is_frozen(patch.graph)


def test_the_previous_graph_is_left_as_it_was_and_unchanged_parts_are_shared() -> None:
    nodes, edges = _network()
    before = build_graph(nodes, edges)
    copy_nodes, copy_edges = list(before.nodes(data=True)), list(before.edges(data=True))
    patch = patch_graph(before, [{"id": "a05", "engagement": "contacted"}], [_engaged("us", "a05")])
    assert patch is not None
    assert list(before.nodes(data=True)) == copy_nodes and list(before.edges(data=True)) == copy_edges
    assert not before.has_edge("us", "a05") and before.nodes["a05"]["engagement"] is None
    assert patch.graph.nodes["a10"] is before.nodes["a10"]  # not copied
    assert patch.graph._adj["a10"] is before._adj["a10"]


def test_a_patch_without_a_new_pair_shares_the_igraph_copy() -> None:
    nodes, edges = _network()
    before = build_graph(nodes, edges)
    patch = patch_graph(before, [{"id": "a02", "engagement": "engaged"}], [_engaged("us", "a02", "again")])
    assert patch is not None
    assert to_igraph(patch.graph).graph is to_igraph(before).graph


def test_what_only_a_build_gets_right_is_refused() -> None:
    nodes, edges = _network()
    before = build_graph(nodes, edges)
    assert patch_graph(before, [{"id": "gone", "engagement": "contacted"}], []) is None  # not in the projection
    assert patch_graph(before, [{"id": "a05"}], [_engaged("us", "gone")]) is None  # a dangling tie
    assert patch_graph(before, [{"id": "a05"}], [_engaged("a05", "a05")]) is None  # a self-loop
    lone = build_graph([actor("us"), actor("x")], [_engaged("us", "x")])
    assert patch_graph(lone, [{"id": "x", "engagement": "contacted"}], []) is None  # the pair loses its edge


def test_view_from_edges_keeps_the_order_a_patch_inserts_into() -> None:
    view = view_from_edges(["a", "b", "c"], [("a", "b", 1.0, 1.0), ("b", "c", 2.0, 0.5)])
    assert view.graph.get_edgelist() == [(0, 1), (1, 2)]
