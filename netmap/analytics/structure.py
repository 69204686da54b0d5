"""Every structural score of every node in one pass: the numbers entry points, write-back and the
web app's actor panel share (centrality, brokerage, community, core).

Structure is the ecosystem's own network: the actors, their spheres and the ties between them. Our
engagement ties (``ENGAGED_WITH``, what the engagement log writes) are left out of it, as are the
engagement status and assessments: they change the reach from us and the ranking
(:mod:`.entry_points`), never who brokers between whom. So an officer's edit of an engagement keeps
:func:`structure_key`, and the scores computed for it (:mod:`.cache`) stay valid.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from netmap.analytics import brokerage, centrality, communities
from netmap.analytics.centrality import EXACT_LIMIT, SAMPLE_SIZE, SEED
from netmap.collector import paused_gc
from netmap.graph.projection import flow_successors

__all__ = ["ENGAGEMENT_TYPES", "StructuralScores", "structural_graph", "structural_scores", "structure_key"]

#: Tie types that are our engagement, not the ecosystem's structure.
ENGAGEMENT_TYPES = frozenset({"ENGAGED_WITH"})
#: Bump when a structural measure changes, so scores remembered on disk are computed again.
ALGORITHM_VERSION = 1


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


def _is_engagement(ties: Any) -> bool:
    return any(t.get("type") in ENGAGEMENT_TYPES for t in ties or ())


def structural_graph(graph: nx.Graph) -> nx.Graph:
    """``graph`` without our engagement ties (a pair tied only by them loses its edge; the others keep
    the weight of their remaining ties). The same graph when it has none.

    >>> g = nx.Graph()
    >>> g.add_edge("us", "a", weight=1.0, evidence=[{"type": "ENGAGED_WITH", "weight": 1.0}])
    >>> g.add_edge("a", "b", weight=1.6, evidence=[{"type": "ENGAGED_WITH", "weight": 1.0},
    ...                                          {"type": "MEMBER_OF", "weight": 0.6}])
    >>> s = structural_graph(g)
    >>> sorted(s.nodes), list(s.edges(data="weight"))
    (['a', 'b', 'us'], [('a', 'b', 0.6)])
    """
    known = graph.graph.get("tie_types")  # what build_graph kept: no need to look at every tie
    if known is not None and ENGAGEMENT_TYPES.isdisjoint(known):
        return graph
    if not any(_is_engagement(ties) for _u, _v, ties in graph.edges(data="evidence")):
        return graph
    kept = nx.Graph()
    kept.graph.update(graph.graph)
    if known is not None:
        kept.graph["tie_types"] = sorted(set(known) - ENGAGEMENT_TYPES)
    kept.add_nodes_from(graph.nodes(data=True))
    for u, v, data in graph.edges(data=True):
        ties = data.get("evidence")
        if not _is_engagement(ties):
            kept.add_edge(u, v, **data)
            continue
        rest = [t for t in ties if t.get("type") not in ENGAGEMENT_TYPES]
        if rest:
            weight = round(sum(float(t.get("weight", 1.0)) for t in rest), 4)
            kept.add_edge(u, v, **{**data, "evidence": rest, "weight": weight, "cost": round(1.0 / weight, 6)})
    return nx.freeze(kept)


def structure_key(
    graph: nx.Graph,
    seed: int = SEED,
    exact_limit: int = EXACT_LIMIT,
    k: int = SAMPLE_SIZE,
    broker_groups: str = "sphere",
) -> str:
    """A digest of what the structural scores depend on: node ids, labels and groups, the ties other
    than ours (type, direction, weight), the parameters and the algorithms' version.

    Engagement status, assessments, names and our engagement ties do not change it.

    >>> a = nx.Graph([("x", "y", {"weight": 1.0})])
    >>> b = nx.Graph([("y", "x", {"weight": 1.0})])
    >>> b.nodes["x"]["engagement"] = "partner"
    >>> structure_key(a) == structure_key(b), structure_key(a) == structure_key(a, seed=1)
    (True, False)
    """
    from netmap import __version__

    digest = hashlib.sha256(f"{__version__}|{ALGORITHM_VERSION}|{seed}|{exact_limit}|{k}|{broker_groups}".encode())
    nodes = sorted(
        (str(n), d.get("label", "Actor"), d.get(broker_groups), d.get("sphere")) for n, d in graph.nodes(data=True)
    )
    digest.update(repr(nodes).encode())
    skip = ENGAGEMENT_TYPES
    lines: list[tuple[Any, ...]] = []
    for u, v, data in graph.edges(data=True):
        a, b = (str(u), str(v)) if str(u) < str(v) else (str(v), str(u))
        ties = data.get("evidence")
        if ties is None:
            lines.append((a, b, data.get("weight", 1.0)))
            continue
        kept = [
            (t.get("type"), t.get("source"), t.get("target"), t.get("weight"))
            for t in ties
            if t.get("type") not in skip
        ]
        if kept:
            lines.append((a, b, *sorted(kept, key=repr)) if len(kept) > 1 else (a, b, kept[0]))
    lines.sort()
    digest.update(b"\x00" + repr(lines).encode())
    return digest.hexdigest()


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
    Computed on :func:`structural_graph` (our engagement ties left out).

    >>> s = structural_scores(nx.path_graph(["a", "b", "c"]))
    >>> s.nodes["b"]["betweenness"], s.nodes["b"]["constraint"], s.methods["betweenness"]
    (1.0, 0.5, 'exact')
    """
    with paused_gc():
        return _structural_scores(structural_graph(graph), seed, exact_limit, k, broker_groups, closeness)


def _structural_scores(
    graph: nx.Graph, seed: int, exact_limit: int, k: int, broker_groups: str, closeness: bool
) -> StructuralScores:
    bc, hc, cross = brokerage.shortest_path_measures(graph, exact_limit, k, seed, closeness=closeness)
    cent = centrality.centrality(graph, exact_limit, k, seed, closeness=closeness, shortest=(bc, hc))
    cons = brokerage.constraint(graph)
    eff = brokerage.effective_size(graph)
    roles = brokerage.gould_fernandez(flow_successors(graph), groups=dict(graph.nodes(data=broker_groups)))
    parts = communities.louvain(graph, seed=seed)
    cores = communities.k_core(graph)
    nodes: dict[Any, dict[str, Any]] = {}
    for n in graph:
        scores = cent["nodes"][n]  # made for this call only: completed in place, not copied
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
