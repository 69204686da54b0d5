"""Structural scores: the graph they are computed on (our engagement ties left out) and the one
shortest-path pass they share with the separate measures."""

from __future__ import annotations

import networkx as nx
import pytest

from netmap.analytics.brokerage import cross_sphere_betweenness
from netmap.analytics.centrality import betweenness, harmonic
from netmap.analytics.structure import structural_graph, structural_scores
from netmap.graph import build_graph

NODES = [{"id": "us"}, {"id": "ngo", "sphere": "humanitarian"}, {"id": "firm", "sphere": "economic"}]


def test_a_built_graph_without_engagement_ties_is_its_own_structure() -> None:
    graph = build_graph(NODES, [{"source": "ngo", "target": "firm", "type": "PARTNERS_WITH"}])
    assert graph.graph["tie_types"] == ["PARTNERS_WITH"]
    assert structural_graph(graph) is graph


def test_a_built_graph_loses_its_engagement_ties_and_their_type() -> None:
    edges = [
        {"source": "ngo", "target": "firm", "type": "PARTNERS_WITH"},
        {"source": "us", "target": "ngo", "type": "ENGAGED_WITH"},
    ]
    kept = structural_graph(build_graph(NODES, edges))
    assert list(kept.edges) == [("firm", "ngo")] and kept.graph["tie_types"] == ["PARTNERS_WITH"]


@pytest.mark.parametrize("exact_limit", [5000, 60])
def test_structural_scores_give_what_the_separate_measures_give(exact_limit: int) -> None:
    graph = nx.powerlaw_cluster_graph(200, 2, 0.3, seed=8)
    nx.set_node_attributes(graph, {v: ("humanitarian", "economic", "both")[v % 3] for v in graph}, "sphere")
    scores = structural_scores(graph, exact_limit=exact_limit, k=25, seed=8)
    expected = {
        "betweenness": betweenness(graph, exact_limit, 25, 8),
        "harmonic": harmonic(graph, exact_limit, 25, 8),
        "cross_sphere_betweenness": cross_sphere_betweenness(graph, exact_limit=exact_limit, k=25, seed=8),
    }
    for measure, estimate in expected.items():
        assert scores.values(measure) == pytest.approx(estimate.values, abs=1e-8)
        assert scores.methods[measure] == estimate.describe()
