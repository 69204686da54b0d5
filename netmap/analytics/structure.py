"""Every structural score of every node in one pass: the numbers entry points, write-back and the
web app's actor panel share (centrality, brokerage, community, core)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from netmap.analytics import brokerage, centrality, communities
from netmap.analytics.centrality import EXACT_LIMIT, SAMPLE_SIZE, SEED
from netmap.graph.projection import flow_successors

__all__ = ["StructuralScores", "structural_scores"]


@dataclass(slots=True)
class StructuralScores:
    """Per-node scores (``nodes[id][measure]``), how the estimated ones were computed, and notes."""

    nodes: dict[Any, dict[str, Any]]
    methods: dict[str, str]
    notes: list[str] = field(default_factory=list)
    modularity: float = 0.0
    seed: int = SEED

    def values(self, measure: str) -> dict[Any, Any]:
        return {n: s.get(measure) for n, s in self.nodes.items()}


def structural_scores(
    graph: nx.Graph,
    seed: int = SEED,
    exact_limit: int = EXACT_LIMIT,
    k: int = SAMPLE_SIZE,
    broker_groups: str = "sphere",
    closeness: bool = True,
) -> StructuralScores:
    """Centrality, constraint, effective size, broker roles, cross-sphere betweenness, community, core.

    ``closeness=False`` skips harmonic closeness (entry points do not use it; it is costly on large graphs).

    >>> s = structural_scores(nx.path_graph(["a", "b", "c"]))
    >>> s.nodes["b"]["betweenness"], s.nodes["b"]["constraint"], s.methods["betweenness"]
    (1.0, 0.5, 'exact')
    """
    cent = centrality.centrality(graph, exact_limit, k, seed, closeness=closeness)
    cons = brokerage.constraint(graph)
    eff = brokerage.effective_size(graph)
    roles = brokerage.gould_fernandez(flow_successors(graph), groups=dict(graph.nodes(data=broker_groups)))
    cross = brokerage.cross_sphere_betweenness(graph, exact_limit=exact_limit, k=k, seed=seed)
    parts = communities.louvain(graph, seed=seed)
    cores = communities.k_core(graph)
    nodes: dict[Any, dict[str, Any]] = {}
    for n in graph:
        scores = dict(cent["nodes"][n])
        scores.update(
            constraint=cons.get(n),
            effective_size=eff.get(n),
            broker_roles=roles.get(n, {}),
            cross_sphere_betweenness=cross.values.get(n, 0.0),
            community=parts.get(n),
            k_core=cores.get(n, 0),
        )
        nodes[n] = scores
    methods = dict(cent["methods"], cross_sphere_betweenness=cross.describe(), louvain=f"Louvain, seed {seed}")
    return StructuralScores(
        nodes,
        methods,
        list(graph.graph.get("notes", [])) + cent["notes"] + cross.notes,
        communities.modularity(graph, parts) if parts else 0.0,
        seed,
    )
