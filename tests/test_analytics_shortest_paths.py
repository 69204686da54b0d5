"""The joint shortest-path pass against igraph's and NetworkX's own betweenness and distances: equal
(to 1e-9) exactly and with the same sampled sources, whatever the number of threads."""

from __future__ import annotations

import igraph as ig
import networkx as nx
import numba
import numpy as np
import pytest

from netmap.analytics.backend import to_igraph
from netmap.analytics.brokerage import cross_sphere_betweenness, shortest_path_measures
from netmap.analytics.centrality import betweenness, harmonic, sample_nodes
from netmap.analytics.shortest_paths import csr, path_sums

TOLERANCE = 1e-9


def _mixed(seed: int, n: int = 300) -> nx.Graph:
    """A clustered graph with spheres, a self-loop and two nodes off the main component."""
    graph = nx.powerlaw_cluster_graph(n, 2, 0.4, seed=seed)
    graph.add_edge(3, 3)
    graph.add_edge(n, n + 1)
    spheres = ["humanitarian", "economic", "both", None]
    nx.set_node_attributes(graph, {v: spheres[(v * 7 + seed) % 4] for v in graph}, "sphere")
    return graph


def _igraph_betweenness(graph: nx.Graph, sources: list[int] | None) -> np.ndarray:
    view = to_igraph(graph)
    if sources is None:
        return np.asarray(view.graph.betweenness(directed=False))
    raw = np.asarray(view.graph.betweenness(directed=False, sources=sources, targets=None))
    return raw * len(view.ids) / len(sources)


def _values(estimate_values: dict[int, float], graph: nx.Graph) -> np.ndarray:
    return np.asarray([estimate_values[v] for v in to_igraph(graph).ids])


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_exact_betweenness_equals_igraphs_and_networkxs(seed: int) -> None:
    graph = _mixed(seed)
    ours = _values(betweenness(graph).values, graph)
    assert np.allclose(ours, _igraph_betweenness(graph, None), rtol=TOLERANCE, atol=1e-7)
    reference = nx.betweenness_centrality(graph, normalized=False)
    assert np.allclose(ours, _values(reference, graph), rtol=TOLERANCE, atol=1e-7)


@pytest.mark.parametrize("seed", [0, 1])
def test_sampled_betweenness_equals_igraph_from_the_same_sources(seed: int) -> None:
    graph = _mixed(seed)
    view = to_igraph(graph)
    result = betweenness(graph, exact_limit=50, k=40, seed=seed)
    sources = [view.index[s] for s in sample_nodes(view.ids, 40, seed)]
    assert result.method == "sampled" and result.sample_size == 40
    assert np.allclose(_values(result.values, graph), _igraph_betweenness(graph, sources), rtol=TOLERANCE, atol=1e-7)


@pytest.mark.parametrize("exact_limit", [5000, 50])
def test_harmonic_sums_equal_igraphs_distances(exact_limit: int) -> None:
    graph = _mixed(3)
    view = to_igraph(graph)
    result = harmonic(graph, exact_limit=exact_limit, k=40, seed=3)
    n = len(view.ids)
    sources = list(range(n)) if exact_limit > n else [view.index[s] for s in sample_nodes(view.ids, 40, 3)]
    dist = np.asarray(view.graph.distances(source=sources), dtype=float)
    with np.errstate(divide="ignore"):
        inverse = np.where(np.isfinite(dist) & (dist > 0), 1.0 / dist, 0.0)
    scale = 1.0 / (n - 1) if exact_limit > n else n / (len(sources) * (n - 1))
    assert np.allclose(_values(result.values, graph), inverse.sum(axis=0) * scale, atol=1e-8)


@pytest.mark.parametrize("exact_limit", [5000, 50])
def test_cross_sphere_betweenness_equals_igraphs_subset_betweenness(exact_limit: int) -> None:
    graph = _mixed(4)
    view = to_igraph(graph)
    humanitarian = [v for v, s in graph.nodes(data="sphere") if s == "humanitarian"]
    economic = [view.index[v] for v, s in graph.nodes(data="sphere") if s == "economic"]
    picked = humanitarian if exact_limit > len(view.ids) else sample_nodes(humanitarian, 30, 4)
    raw = view.graph.betweenness(directed=False, sources=[view.index[s] for s in picked], targets=economic)
    expected = np.asarray(raw) * 2.0 * len(humanitarian) / len(picked)
    result = cross_sphere_betweenness(graph, exact_limit=exact_limit, k=30, seed=4)
    assert result.method == ("exact" if exact_limit > len(view.ids) else "sampled")
    assert np.allclose(_values(result.values, graph), expected, rtol=TOLERANCE, atol=1e-7)


@pytest.mark.parametrize("exact_limit", [5000, 50])
def test_the_joint_pass_gives_what_each_measure_gives_alone(exact_limit: int) -> None:
    graph = _mixed(5)
    bc, hc, cross = shortest_path_measures(graph, exact_limit=exact_limit, k=30, seed=5)
    alone = (
        betweenness(graph, exact_limit, 30, 5),
        harmonic(graph, exact_limit, 30, 5),
        cross_sphere_betweenness(graph, exact_limit=exact_limit, k=30, seed=5),
    )
    for joint, single in zip((bc, hc, cross), alone, strict=True):
        assert (joint.method, joint.sample_size, joint.seed, joint.error) == (
            single.method,
            single.sample_size,
            single.seed,
            single.error,
        )
        assert joint.values == pytest.approx(single.values, abs=1e-8)


def test_the_sums_do_not_depend_on_the_number_of_threads() -> None:
    graph = _mixed(6, n=400)
    view = to_igraph(graph)
    before = numba.get_num_threads()
    try:
        numba.set_num_threads(1)
        one = path_sums(view, range(0, 400, 3), cross=range(1, 400, 5), targets=range(2, 400, 2))
        numba.set_num_threads(max(2, before))
        many = path_sums(view, range(0, 400, 3), cross=range(1, 400, 5), targets=range(2, 400, 2))
    finally:
        numba.set_num_threads(before)
    for measure in ("betweenness", "cross", "harmonic", "harmonic_squares"):
        assert np.array_equal(getattr(one, measure), getattr(many, measure))


def test_without_closeness_the_joint_pass_skips_it() -> None:
    bc, hc, _cross = shortest_path_measures(nx.path_graph(["a", "b", "c"]), closeness=False)
    assert hc.method == "skipped" and bc.values["b"] == 1.0


def test_empty_and_edgeless_graphs_give_zeros() -> None:
    assert [e.values for e in shortest_path_measures(nx.Graph())] == [{}, {}, {}]
    bc, hc, cross = shortest_path_measures(nx.empty_graph(4))
    assert set(bc.values.values()) == set(hc.values.values()) == set(cross.values.values()) == {0.0}


def test_adjacency_has_each_tie_both_ways_and_no_self_loop() -> None:
    view = to_igraph(ig.Graph([(0, 1), (1, 1), (1, 2)]).to_networkx())
    indptr, indices = csr(view)
    assert indptr.tolist() == [0, 1, 3, 4] and indices.tolist() == [1, 0, 2, 1]
