"""The facade the CLI and the web app call: one function per question, plain JSON-ready results.

Each function takes a projected graph (see :func:`load`) and the settings, and returns dicts and
lists of dicts with ids, names, every number and ``reasons``. Same graph, settings and seed → same
result.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

import networkx as nx

from netmap.analytics.actors import number, resolve_actor, resolve_home
from netmap.analytics.cache import cached_scores
from netmap.analytics.centrality import EXACT_LIMIT, SAMPLE_SIZE, SEED
from netmap.analytics.communities import describe_communities
from netmap.analytics.coverage import coverage_matrix
from netmap.analytics.entry_points import EntryPointOptions, EntryPointWeights, rank_entry_points
from netmap.analytics.paths import PathCosts, warm_paths
from netmap.analytics.structure import StructuralScores, structural_scores
from netmap.analytics.suggestions import suggest_ties
from netmap.collector import paused_gc
from netmap.config import Settings
from netmap.graph import GraphFilter, WeightTable, load_graph
from netmap.messages import Message
from netmap.model import ENGAGED_STATUSES

if TYPE_CHECKING:
    from netmap.store import Store

__all__ = [
    "actor_report",
    "analyze_report",
    "communities_report",
    "coverage_report",
    "entry_point_rows",
    "entry_points_report",
    "introduction_report",
    "load",
    "path_report",
    "score_rows",
    "suggestions_report",
]


#: Where a loaded graph's structural scores are kept (``graph.graph`` key: the ``NETMAP_HOME``).
CACHE_HOME = "netmap_cache_home"


def _settings(settings: Settings | None) -> Settings:
    return settings or Settings()


def load(store: Store, settings: Settings | None = None, filters: GraphFilter | None = None) -> nx.Graph:
    """The projected graph of the store, weighted with the ``[weights]`` table of netmap.toml."""
    settings = _settings(settings)
    graph = load_graph(store, filters, WeightTable.from_config(settings.extra.get("weights")))
    graph.graph[CACHE_HOME] = str(settings.home)  # its structural scores are kept there (analytics.cache)
    return graph


def _costs(settings: Settings) -> PathCosts:
    return PathCosts.from_config(settings.extra.get("path_costs"))


def _scores(graph: nx.Graph, seed: int, exact_limit: int, k: int, closeness: bool = False) -> StructuralScores:
    """Structural scores, computed once per frozen graph and settings (``analyze --write-back`` asks twice).

    A frozen graph cannot change, so its scores cannot go stale; a result with closeness serves a request
    without it. A graph from :func:`load` also finds them in ``NETMAP_HOME`` when a command, the web
    app or the export already computed them for the same structure (:mod:`netmap.analytics.cache`).
    """
    if not nx.is_frozen(graph):
        return structural_scores(graph, seed=seed, exact_limit=exact_limit, k=k, closeness=closeness)
    if CACHE_HOME in graph.graph:
        return cached_scores(
            graph, graph.graph[CACHE_HOME], seed=seed, exact_limit=exact_limit, k=k, closeness=closeness
        )
    cache: dict[tuple[int, int, int, bool], StructuralScores] = graph.graph.setdefault("_netmap_scores", {})
    for key in ((seed, exact_limit, k, True), (seed, exact_limit, k, closeness)):
        if key in cache:
            return cache[key]
    result = structural_scores(graph, seed=seed, exact_limit=exact_limit, k=k, closeness=closeness)
    cache[(seed, exact_limit, k, closeness)] = result
    return result


def _top_brokers(graph: nx.Graph, scores: StructuralScores, top: int) -> list[dict[str, Any]]:
    actors = [n for n, d in graph.nodes(data=True) if d.get("label", "Actor") == "Actor"]
    ranked = sorted(
        actors,
        key=lambda n: (-scores.nodes[n]["cross_sphere_betweenness"], -scores.nodes[n]["betweenness"], str(n)),
    )
    rows = []
    for n in ranked[:top]:
        s = scores.nodes[n]
        if s["betweenness"] <= 0 and s["cross_sphere_betweenness"] <= 0:
            break
        roles = {r: c for r, c in s["broker_roles"].items() if c}
        reasons = [
            f"on the shortest routes of {number(s['cross_sphere_betweenness'])} humanitarian–economic pairs",
            f"betweenness {number(s['betweenness'])}",
        ]
        if s["constraint"] is not None:
            reasons.append(f"constraint {s['constraint']:.3f}, effective size {number(s['effective_size'])}")
        if roles:
            reasons.append("roles: " + ", ".join(f"{r} ×{c}" for r, c in sorted(roles.items())))
        rows.append(
            {
                "id": n,
                "name": graph.nodes[n].get("name", str(n)),
                "kind": graph.nodes[n].get("kind"),
                "sphere": graph.nodes[n].get("sphere"),
                "cross_sphere_betweenness": s["cross_sphere_betweenness"],
                "betweenness": s["betweenness"],
                "constraint": s["constraint"],
                "effective_size": s["effective_size"],
                "broker_roles": roles,
                "community": s["community"],
                "reasons": reasons,
            }
        )
    return rows


def analyze_report(
    graph: nx.Graph, *, seed: int = SEED, exact_limit: int = EXACT_LIMIT, k: int = SAMPLE_SIZE, top: int = 10
) -> dict[str, Any]:
    """Size, density, components, communities (described) and the top brokers.

    >>> r = analyze_report(nx.path_graph(["a", "b", "c"]))
    >>> r["nodes"], r["edges"], r["components"], r["top_brokers"][0]["id"]
    (3, 2, 1, 'b')
    """
    scores = _scores(graph, seed, exact_limit, k, closeness=True)
    components = sorted((len(c) for c in nx.connected_components(graph)), reverse=True)
    labels = [d.get("label", "Actor") for _n, d in graph.nodes(data=True)]
    partition = {n: s["community"] for n, s in scores.nodes.items() if s["community"] is not None}
    return {
        "nodes": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
        "actors": labels.count("Actor"),
        "programmes": labels.count("Programme"),
        "forums": labels.count("Forum"),
        "density": round(nx.density(graph), 6) if graph.number_of_nodes() > 1 else 0.0,
        "components": len(components),
        "largest_component": components[0] if components else 0,
        "communities": len(set(partition.values())),
        "modularity": scores.modularity,
        "community_summaries": describe_communities(graph, partition)[:top],
        "top_brokers": _top_brokers(graph, scores, top),
        "methods": scores.methods,
        "notes": scores.notes or ([] if graph.number_of_nodes() else ["the graph is empty"]),
    }


def entry_points_report(
    graph: nx.Graph,
    settings: Settings | None = None,
    *,
    home: str | None = None,
    top: int | None = 20,
    spheres: Sequence[str] = ("economic",),
    countries: Sequence[str] = (),
    sectors: Sequence[str] = (),
    weights: dict[str, float] | None = None,
    seed: int = SEED,
    exact_limit: int = EXACT_LIMIT,
    k: int = SAMPLE_SIZE,
    scores: StructuralScores | None = None,
) -> dict[str, Any]:
    """Ranked entry points with every component and reason, plus the home actor, weights and methods.

    ``weights`` overrides the ``[entry_point_weights]`` table of netmap.toml component by component.
    """
    settings = _settings(settings)
    home_node = resolve_home(graph, home or settings.home_actor)
    config_weights = dict(settings.extra.get("entry_point_weights") or {})
    config_weights.update(weights or {})
    options = EntryPointOptions(
        top=top,
        spheres=tuple(spheres),
        countries=tuple(countries),
        sectors=tuple(sectors),
        sectors_of_interest=settings.sectors_of_interest,
        countries_of_interest=settings.countries_of_interest,
        weights=EntryPointWeights.from_config(config_weights),
        assessment_max_age_days=settings.assessment_max_age_days,
    )
    scores = scores or _scores(graph, seed, exact_limit, k)
    with paused_gc():  # ranking 100k candidates makes millions of objects, none of them garbage
        ranked = rank_entry_points(graph, home_node, scores, options, _costs(settings))
    notes = list(scores.notes)
    if not ranked:
        notes.append(
            Message("no candidates: every actor in the chosen spheres is engaged, or none matches the filters")
        )
    return {
        "home": {"id": home_node, "name": graph.nodes[home_node].get("name", str(home_node))},
        "weights": asdict(options.weights),
        "filters": {"spheres": list(spheres), "countries": list(countries), "sectors": list(sectors)},
        "methods": scores.methods,
        "notes": notes,
        "entry_points": [e.as_dict() for e in ranked],
    }


def entry_point_rows(report: dict[str, Any]) -> list[dict[str, Any]]:
    """One flat row per entry point, for a table or CSV.

    >>> entry_point_rows({"entry_points": []})
    []
    """
    rows = []
    for e in report["entry_points"]:
        route = e.get("route") or {}
        via = ", ".join(i["name"] for i in route.get("introducers", [])) if route else ""
        rows.append(
            {
                "rank": e["rank"],
                "id": e["id"],
                "name": e["name"],
                "kind": e["kind"],
                "country": e["country"],
                "score": e["score"],
                **e["components"],
                "via": via or ("direct" if len(route.get("hops", [])) == 1 else ""),
                "route_cost": e["details"]["route_cost"],
                "reasons": "; ".join(e["reasons"]),
            }
        )
    return rows


def path_report(
    graph: nx.Graph,
    settings: Settings | None,
    source: str | None,
    target: str,
    k: int = 3,
) -> dict[str, Any]:
    """The ``k`` cheapest warm routes from ``source`` (default: the home actor) to ``target``.

    An empty ``paths`` list comes with ``message: "no known route"``.
    """
    settings = _settings(settings)
    src = (
        resolve_home(graph, settings.home_actor)
        if source in (None, "", "home", "us")
        else resolve_actor(graph, str(source))
    )
    dst = resolve_actor(graph, target)
    paths = warm_paths(graph, src, dst, k=k, costs=_costs(settings))
    return {
        "source": {"id": src, "name": graph.nodes[src].get("name", str(src))},
        "target": {"id": dst, "name": graph.nodes[dst].get("name", str(dst))},
        "paths": [p.as_dict() for p in paths],
        "message": "" if paths else f"no known route from {src} to {dst}",
    }


def introduction_report(graph: nx.Graph, settings: Settings | None, via: str, target: str) -> dict[str, Any]:
    """The route from the home actor to ``target`` through the introducer ``via`` (ids or names), as
    :func:`path_report` gives one; refused when ``via`` is on no route (see :mod:`.introductions`)."""
    from netmap.analytics.introductions import introduction_route

    settings = _settings(settings)
    home = resolve_home(graph, settings.home_actor)
    dst = resolve_actor(graph, target)
    src = resolve_actor(graph, via)
    route = introduction_route(graph, home, src, dst, _costs(settings))
    return {"via": src, "target": dst, **route.as_dict()}


def communities_report(graph: nx.Graph, *, seed: int = SEED) -> dict[str, Any]:
    """Node → community, and each community described (for map aggregation)."""
    from netmap.analytics.communities import louvain, modularity

    partition = louvain(graph, seed=seed)
    return {
        "seed": seed,
        "modularity": modularity(graph, partition) if partition else 0.0,
        "membership": {str(n): c for n, c in partition.items()},
        "communities": describe_communities(graph, partition),
    }


def coverage_report(graph: nx.Graph, spheres: Sequence[str] = ()) -> list[dict[str, Any]]:
    """The country × sector coverage rows (see :func:`netmap.analytics.coverage.coverage_matrix`)."""
    return coverage_matrix(graph, tuple(spheres))


def suggestions_report(
    graph: nx.Graph,
    settings: Settings | None = None,
    *,
    home: str | None = None,
    spheres: Sequence[str] = ("economic",),
    top: int | None = 20,
) -> list[dict[str, Any]]:
    """Likely new ties between our engaged partners and not-yet-engaged actors in ``spheres``."""
    settings = _settings(settings)
    home_node = resolve_home(graph, home or settings.home_actor)
    partners = [
        n for n, d in graph.nodes(data=True) if d.get("engagement") in ENGAGED_STATUSES or graph.has_edge(n, home_node)
    ]
    partners = [p for p in partners if p != home_node and graph.nodes[p].get("label", "Actor") == "Actor"]
    targets = [
        n
        for n, d in graph.nodes(data=True)
        if d.get("label", "Actor") == "Actor"
        and n != home_node
        and d.get("engagement") not in ENGAGED_STATUSES
        and (not spheres or d.get("sphere") in spheres)
    ]
    return suggest_ties(graph, partners, targets, top=top)


def actor_report(
    graph: nx.Graph,
    settings: Settings | None,
    actor: str,
    *,
    seed: int = SEED,
    scores: StructuralScores | None = None,
) -> dict[str, Any]:
    """One actor's scores with reasons (the web app's actor panel)."""
    node = resolve_actor(graph, actor)
    scores = scores or _scores(graph, seed, EXACT_LIMIT, SAMPLE_SIZE, closeness=True)
    s = dict(scores.nodes[node])
    reasons = [
        f"{s['degree']} direct tie(s), weighted degree {number(s['weighted_degree'])}",
        f"betweenness {number(s['betweenness'])} ({scores.methods['betweenness']})",
        f"on the shortest routes of {number(s['cross_sphere_betweenness'])} humanitarian–economic pair(s)",
        f"community {s['community']}, {s['k_core']}-core",
    ]
    if s["constraint"] is not None:
        reasons.append(f"constraint {s['constraint']:.3f}, effective size {number(s['effective_size'])}")
    return {
        "id": node,
        "name": graph.nodes[node].get("name", str(node)),
        "scores": s,
        "reasons": reasons,
        "methods": scores.methods,
    }


def score_rows(
    graph: nx.Graph,
    settings: Settings | None = None,
    *,
    home: str | None = None,
    seed: int = SEED,
    exact_limit: int = EXACT_LIMIT,
    k: int = SAMPLE_SIZE,
) -> list[dict[str, Any]]:
    """Rows for :func:`netmap.store.scores.write_scores`: one per actor, ``entryScore`` for candidates.

    ``entryScore`` is ``None`` for actors that are not candidates in any sphere (engaged, or us).
    """
    scores = _scores(graph, seed, exact_limit, k)
    report = entry_points_report(graph, settings, home=home, top=None, spheres=(), seed=seed, scores=scores)
    entry = {e["id"]: e["score"] for e in report["entry_points"]}
    return [
        {"id": node, **node_scores(graph, scores, node, entry.get(node))}
        for node, data in graph.nodes(data=True)
        if data.get("label", "Actor") == "Actor"
    ]


def node_scores(graph: nx.Graph, scores: StructuralScores, node: Any, entry_score: float | None) -> dict[str, Any]:
    """One node's scores as the graph (:func:`score_rows`) and the bundle's workbook keep them: betweenness
    normalised to [0, 1], broker roles most frequent first.

    >>> g = nx.path_graph(["a", "b", "c"])
    >>> row = node_scores(g, structural_scores(g), "b", 0.5)
    >>> row["betweenness"], row["entryScore"], row["degree"]
    (1.0, 0.5, 2)
    """
    n = graph.number_of_nodes()
    norm = 2.0 / ((n - 1) * (n - 2)) if n > 2 else 0.0
    s = scores.nodes[node]
    roles = sorted((r for r, c in s["broker_roles"].items() if c), key=lambda r: (-s["broker_roles"][r], r))
    return {
        "entryScore": entry_score,
        "betweenness": round(s["betweenness"] * norm, 8),
        "crossSphereBetweenness": s["cross_sphere_betweenness"],
        "constraint": s["constraint"],
        "community": s["community"],
        "brokerRoles": roles,
        "pagerank": s["pagerank"],
        "degree": graph.degree(node),
    }
