"""Centrality on tiny graphs with values worked out by hand; the exact/sampled switch."""

from __future__ import annotations

import networkx as nx
import pytest

from netmap.analytics.centrality import betweenness, centrality, degree, eigenvector, harmonic, pagerank


def test_path_middle_node_lies_on_the_one_pair_it_separates() -> None:
    # a-b-c-d: b is on (a,c) and (a,d); c on (a,d) and (b,d)
    result = betweenness(nx.path_graph(["a", "b", "c", "d"]))
    assert result.values == {"a": 0.0, "b": 2.0, "c": 2.0, "d": 0.0}
    assert result.method == "exact" and result.describe() == "exact"


def test_normalised_betweenness_of_a_star_centre_is_one() -> None:
    assert betweenness(nx.star_graph(4), normalized=True).values[0] == 1.0


def test_betweenness_above_the_exact_limit_is_sampled_and_says_so() -> None:
    g = nx.path_graph(30)
    result = betweenness(g, exact_limit=10, k=8, seed=7)
    assert (result.method, result.sample_size, result.seed) == ("sampled", 8, 7)
    assert result.describe() == "sampled from 8 source nodes (seed 7)"
    assert result.notes == ["graph has 30 nodes (> 10): betweenness sampled from 8 sources, seed 7"]
    assert betweenness(g, exact_limit=10, k=8, seed=7).values == result.values


def test_sampling_every_node_gives_the_exact_value() -> None:
    g = nx.karate_club_graph()
    sampled = betweenness(g, exact_limit=1, k=34).values
    exact = nx.betweenness_centrality(g, normalized=False)
    assert all(sampled[n] == pytest.approx(exact[n]) for n in g)


def test_degree_and_weighted_degree() -> None:
    g = nx.Graph([("a", "b", {"weight": 2.0}), ("a", "c", {"weight": 0.5})])
    assert degree(g) == {
        "a": {"degree": 2, "weighted_degree": 2.5},
        "b": {"degree": 1, "weighted_degree": 2.0},
        "c": {"degree": 1, "weighted_degree": 0.5},
    }


def test_pagerank_of_a_two_node_graph_is_half_each() -> None:
    assert pagerank(nx.Graph([("a", "b")])) == {"a": 0.5, "b": 0.5}


def test_eigenvector_of_a_star_is_one_over_root_n_for_leaves() -> None:
    # star with 4 leaves: λ = 2, leaves = centre / 2
    ev = eigenvector(nx.star_graph(4))
    assert ev[0] == 1.0 and ev[1] == pytest.approx(0.5)


def test_harmonic_of_a_path_end() -> None:
    # a-b-c: a reaches b at 1 and c at 2 → (1 + 1/2) / 2
    assert harmonic(nx.path_graph(["a", "b", "c"])).values["a"] == 0.75


def test_empty_and_single_node_graphs_give_zero_or_nothing() -> None:
    assert centrality(nx.Graph())["nodes"] == {}
    one = nx.Graph()
    one.add_node("a")
    assert centrality(one)["nodes"]["a"]["betweenness"] == 0.0


def test_same_graph_and_seed_give_the_same_centrality() -> None:
    g = nx.barabasi_albert_graph(200, 2, seed=1)
    assert centrality(g, exact_limit=50, seed=3) == centrality(g, exact_limit=50, seed=3)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_sampled_harmonic_closeness_is_within_its_reported_standard_error_of_the_exact_values(seed: int) -> None:
    graph = nx.powerlaw_cluster_graph(600, 3, 0.3, seed=seed)
    exact = harmonic(graph)
    sampled = harmonic(graph, exact_limit=100, k=150, seed=seed)
    assert exact.error is None and sampled.error is not None
    mean_error, max_error = sampled.error
    gaps = [abs(sampled.values[v] - exact.values[v]) for v in graph]
    assert sum(gaps) / len(gaps) <= 1.2 * mean_error  # |N(0, σ)| averages 0.8 σ
    assert max(gaps) <= 3 * max_error and max(gaps) <= 0.03  # the stated tolerance: 150 of 600 sources
    assert "standard error" in sampled.describe() and "harmonic closeness sampled" in sampled.notes[0]
