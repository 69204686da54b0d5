"""The view of a map: what the filters keep, and the whole graph itself when they keep everything."""

from __future__ import annotations

from netmap.graph import build_graph
from netmap.graph.neighbourhood import view_subgraph
from netmap.graph.rows import actor, tie


def _graph() -> object:
    nodes = [actor("us", sphere="humanitarian"), actor("a", sphere="economic"), actor("b", sphere="economic")]
    return build_graph(nodes, [tie("us", "a"), tie("a", "b")])


def test_a_view_without_filters_is_the_frozen_graph_itself() -> None:
    graph = _graph()
    assert view_subgraph(graph) is graph
    assert view_subgraph(graph, spheres=["economic", "humanitarian"]) is graph  # keeps every node


def test_a_view_with_filters_keeps_only_the_nodes_that_pass() -> None:
    graph = _graph()
    view = view_subgraph(graph, spheres=["economic"])
    assert view is not graph and sorted(view.nodes) == ["a", "b"] and view.degree("a") == 1
    assert sorted(view_subgraph(graph, spheres=["economic"], keep=["us"]).nodes) == ["a", "b", "us"]
