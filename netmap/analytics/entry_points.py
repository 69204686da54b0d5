"""Entry points: the actors not yet engaged that are most worth approaching, with a transparent score.

``score = Σ weight_c · component_c / Σ weight_c`` over four components, each between 0 and 1:

- **influence**: the actor's influence (1-5) / 5 — from its latest stakeholder assessment when it has
  one, else the rating in the data; 0 when not rated. An assessment's interest and stance then scale
  the score (see :mod:`.assessment`).
- **structure**: the mean of three percentile ranks among all actors: betweenness, cross-sphere
  betweenness (humanitarian ↔ economic brokerage) and PageRank.
- **reach**: ``min(1, 1 / cost)`` of the cheapest warm route from us (see :mod:`.paths`); 0 with no route.
- **fit**: the mean of the configured checks: works in a sector of interest, is based in a country of
  interest, takes part in programmes or forums (``min(1, n / 2)``).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any

import networkx as nx
import numpy as np

from netmap.analytics.assessment import DEFAULT_MAX_AGE_DAYS, read_assessment
from netmap.analytics.backend import has_edges
from netmap.analytics.paths import PathCosts, RouteTree, WarmPath, best_routes, reach_costs
from netmap.analytics.reuse import reusable_entries
from netmap.analytics.structure import StructuralScores
from netmap.errors import ConfigError
from netmap.messages import Fixed, Message, Names, Num, Share, Term
from netmap.model import ENGAGED_STATUSES
from netmap.model.names import entity_name

__all__ = [
    "EntryPoint",
    "EntryPointOptions",
    "EntryPointWeights",
    "cut_reason",
    "headline",
    "headline_reason",
    "percentile_ranks",
    "rank_entry_points",
]

COMPONENTS = ("influence", "structure", "reach", "fit")


@dataclass(frozen=True, slots=True)
class EntryPointWeights:
    """Relative weight of each component (they need not sum to 1).

    >>> EntryPointWeights.from_config({"reach": 0.5}).reach
    0.5
    """

    influence: float = 0.25
    structure: float = 0.25
    reach: float = 0.3
    fit: float = 0.2

    @classmethod
    def from_config(cls, data: Mapping[str, Any] | None) -> EntryPointWeights:
        values = asdict(cls())
        for key, value in (data or {}).items():
            if key not in values:
                raise ConfigError(f"entry point weights: unknown component {key!r}", f"use {', '.join(COMPONENTS)}")
            try:
                values[key] = float(value)
            except (TypeError, ValueError):
                raise ConfigError(f"entry point weights: {key} has {value!r}", "use a number") from None
            if values[key] < 0:
                raise ConfigError(f"entry point weights: {key} is negative", "use 0 or more")
        if sum(values.values()) <= 0:
            raise ConfigError("entry point weights are all 0", "give at least one component a weight")
        return cls(**values)


@dataclass(frozen=True, slots=True)
class EntryPointOptions:
    """Who counts as a candidate and what the organisation is interested in."""

    top: int | None = 20
    spheres: tuple[str, ...] = ("economic",)
    countries: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    sectors_of_interest: tuple[str, ...] = ()
    countries_of_interest: tuple[str, ...] = ()
    weights: EntryPointWeights = field(default_factory=EntryPointWeights)
    #: Assessments older than this many days are flagged as stale in the reasons.
    assessment_max_age_days: int = DEFAULT_MAX_AGE_DAYS


@dataclass(slots=True)
class EntryPoint:
    """One ranked actor: the score, each component, the numbers behind them and the reasons."""

    rank: int
    id: Any
    name: str
    kind: str | None
    sphere: str | None
    country: str | None
    sectors: list[str]
    engagement: str | None
    score: float
    components: dict[str, float]
    details: dict[str, Any]
    reasons: list[str]
    route: dict[str, Any] | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def percentile_ranks(values: Mapping[Any, float]) -> dict[Any, float]:
    """Share of the other nodes with a strictly lower value (0 for the lowest, 1 for a unique top).

    >>> percentile_ranks({"a": 0.0, "b": 0.0, "c": 5.0})
    {'a': 0.0, 'b': 0.0, 'c': 1.0}
    """
    n = len(values)
    if n < 2:
        return {k: 0.0 for k in values}
    given = np.fromiter(values.values(), dtype=float, count=n)
    below = np.searchsorted(np.sort(given), given, side="left")  # what bisect_left gives, for all at once
    return {k: round(b / (n - 1), 6) for k, b in zip(values, below.tolist(), strict=True)}


def _matches(values: Sequence[str], wanted: Sequence[str]) -> list[str]:
    wanted_low = {w.casefold() for w in wanted}
    return [v for v in values if v.casefold() in wanted_low]


def _is_candidate(data: Mapping[str, Any], options: EntryPointOptions) -> bool:
    if data.get("label", "Actor") != "Actor" or data.get("engagement") in ENGAGED_STATUSES:
        return False
    if options.spheres and (data.get("sphere") or "") not in options.spheres:
        return False
    if options.countries and not _matches([data.get("country") or ""], options.countries):
        return False
    if options.sectors and not _matches(list(data.get("sectors") or ()), options.sectors):
        return False
    return True


def _fit(
    graph: nx.Graph, node: Any, options: EntryPointOptions, initiative_names: Mapping[Any, str]
) -> tuple[float, list[str], dict[str, Any]]:
    data = graph.nodes[node]
    parts: list[float] = []
    reasons: list[str] = []
    if options.sectors_of_interest:
        hits = _matches(list(data.get("sectors") or ()), options.sectors_of_interest)
        parts.append(1.0 if hits else 0.0)
        if hits:
            reasons.append(Message("works in a sector of interest: %(sectors)s", sectors=Names(tuple(hits))))
    if options.countries_of_interest:
        hit = _matches([data.get("country") or ""], options.countries_of_interest)
        parts.append(1.0 if hit else 0.0)
        if hit:
            reasons.append(Message("based in a country of interest: %(country)s", country=hit[0]))
    initiatives = sorted(initiative_names[m] for m in graph.adj[node] if m in initiative_names)
    parts.append(min(1.0, len(initiatives) / 2.0))
    if initiatives:
        reasons.append(
            Message(
                "takes part in %(n)s programme(s)/forum(s): %(names)s",
                n=len(initiatives),
                names=Names(tuple(initiatives[:4])),
            )
        )
    return sum(parts) / len(parts), reasons, {"initiatives": initiatives}


def _structure_reasons(details: dict[str, Any], pct: dict[str, float]) -> list[str]:
    """Why the network position counts, in an officer's words (the numbers stay in ``details``)."""
    reasons: list[str] = []
    pairs = details["cross_sphere_betweenness"]
    if pairs > 0:
        count = max(1, round(pairs))
        share = Share(pct["cross_sphere_betweenness"])
        reasons.append(
            Message(
                "sits on the routes between %(count)s humanitarian–economic pair: a stronger bridge between "
                "the two worlds than %(share)s of actors",
                count=count,
                share=share,
            )
            if count == 1
            else Message(
                "sits on the routes between %(count)s humanitarian–economic pairs: a stronger bridge between "
                "the two worlds than %(share)s of actors",
                count=count,
                share=share,
            )
        )
    if details["betweenness"] > 0:
        reasons.append(
            Message(
                "on more of the network's shortest routes than %(share)s of actors", share=Share(pct["betweenness"])
            )
        )
    if pct["pagerank"] >= 0.75:
        reasons.append(
            Message(
                "tied to well-connected actors: more central than %(share)s of actors", share=Share(pct["pagerank"])
            )
        )
    roles = {r: c for r, c in (details.get("broker_roles") or {}).items() if c}
    if roles:
        ordered = sorted(roles.items(), key=lambda rc: (-rc[1], rc[0]))
        text = Names(tuple(Message("%(role)s ×%(count)s", role=Term(r), count=c) for r, c in ordered))
        reasons.append(Message("passes things between groups as %(roles)s", roles=text))
    if details.get("constraint") is not None and details["constraint"] < 0.25:
        reasons.append(
            Message(
                "many contacts who are not tied to each other (constraint %(constraint)s): hears things others do not",
                constraint=Fixed(details["constraint"], 2),
            )
        )
    return reasons


def headline(entry: Mapping[str, Any], limit: int = 90) -> str:
    """The one reason to put on a slide, cut to ``limit`` characters: the bridge between the spheres when
    there is one, else an officer's assessment, else the first reason that is not about the route (the
    route has its own column).

    >>> headline({"reasons": ["reachable in 2 hop(s) through X", "influence 4/5", "sits on the routes between 4 pairs"]})
    'sits on the routes between 4 pairs'
    """
    return cut_reason(str(headline_reason(entry)), limit)


def headline_reason(entry: Mapping[str, Any]) -> Any:
    """The reason :func:`headline` puts on a slide, whole (a :class:`~netmap.messages.Message` when the
    ranking made it, so the caller renders it in its language and then cuts it with :func:`cut_reason`)."""
    reasons = list(entry.get("reasons") or ())
    own = [r for r in reasons if not str(r).startswith(("reachable", "already tied", "no known route"))]
    chosen = next((r for r in own if str(r).startswith("sits on the routes")), "")
    return chosen or next((r for r in own if str(r).startswith("assessed")), "") or (own or reasons or [""])[0]


def cut_reason(text: str, limit: int = 90) -> str:
    """``text`` within ``limit`` characters: the explanation after the colon goes first, then words.

    >>> cut_reason("a bridge: between the two worlds", 12)
    'a bridge'
    """
    if len(text) > limit and ": " in text:  # drop the explanation after the colon before cutting words
        text = text.split(": ", 1)[0].rstrip("\xa0")  # (French puts a no-break space before the colon)
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")  # at a word boundary when one is near, never in the middle of a word
    return (cut[:space] if space > limit * 0.6 else cut).rstrip(" ,;:\xa0–") + "…"


def _route_reasons(route: WarmPath | None, cost: float | None) -> list[str]:
    if route is None or cost is None:
        return [Message("no known route from us")]
    hops = len(route.hops)
    if route.introducers:
        who = Names(tuple(i["name"] for i in route.introducers))
        return [
            Message(
                "reachable in %(hops)s hop(s) through %(who)s (route cost %(cost)s): %(route)s",
                hops=hops,
                who=who,
                cost=Num(cost),
                route=route.text,
            )
        ]
    if hops == 1:
        return [
            Message("already tied to us directly (route cost %(cost)s): %(route)s", cost=Num(cost), route=route.text)
        ]
    return [
        Message(
            "reachable in %(hops)s hop(s), no engaged partner on the way (route cost %(cost)s): %(route)s",
            hops=hops,
            cost=Num(cost),
            route=route.text,
        )
    ]


#: The last percentiles made (per structure and actors: a re-rank after an edit keeps both).
_PERCENTILES: list[tuple[StructuralScores, list[Any], dict[str, dict[Any, float]]]] = []


def _percentiles(structure: StructuralScores, actors: list[Any]) -> dict[str, dict[Any, float]]:
    for scores, who, pct in list(_PERCENTILES):
        if scores is structure and who == actors:
            return pct
    pct = {
        m: percentile_ranks({n: structure.nodes[n].get(m) or 0.0 for n in actors})
        for m in ("betweenness", "cross_sphere_betweenness", "pagerank")
    }
    _PERCENTILES[:] = [*_PERCENTILES[-1:], (structure, actors, pct)]
    return pct


def rank_entry_points(
    graph: nx.Graph,
    home: Any,
    structure: StructuralScores,
    options: EntryPointOptions | None = None,
    costs: PathCosts | None = None,
    *,
    previous: Sequence[EntryPoint] | None = None,
    touched: Collection[Any] = (),
    changed_ties: Collection[tuple[Any, Any]] = (),
    tree: RouteTree | None = None,
) -> list[EntryPoint]:
    """Candidates (actors not engaged, in the chosen spheres) ranked by composite score, best first.

    Ties are broken by id. ``options.top`` limits the list (``None``: every candidate).

    ``previous``: the ranking, with the same structure, options and costs on the same day, of a graph
    that differs from ``graph`` only in the fields of the ``touched`` nodes and the ties of the
    ``changed_ties`` pairs (an engagement or assessment edit, :mod:`netmap.graph.patch`). A candidate
    that is not touched, keeps its route cost and whose cheapest route passes no touched node nor
    changed tie keeps its previous entry (with its new rank): only the others are explained again, so
    re-ranking after an edit costs a fraction of ranking (the result is the same). ``tree``: the
    graph's route tree from ``home`` when already made (:func:`netmap.analytics.paths.route_tree`).

    >>> from netmap.analytics.structure import structural_scores
    >>> g = nx.Graph()
    >>> g.add_node("us", name="Us", label="Actor", sphere="humanitarian")
    >>> g.add_node("firm", name="Firm", label="Actor", sphere="economic", influence=5)
    >>> g.add_edge("us", "firm", cost=1.0, weight=1.0, evidence=[
    ...     {"type": "PARTNERS_WITH", "source": "us", "target": "firm", "weight": 1.0}])
    >>> [(e.id, e.score, e.components) for e in rank_entry_points(g, "us", structural_scores(g))]
    [('firm', 0.55, {'influence': 1.0, 'structure': 0.0, 'reach': 1.0, 'fit': 0.0})]
    """
    options = options or EntryPointOptions()
    costs = costs or PathCosts()
    w = options.weights
    weight_of = {"influence": w.influence, "structure": w.structure, "reach": w.reach, "fit": w.fit}
    total_weight = sum(weight_of.values())
    actors = [n for n, d in graph.nodes(data=True) if d.get("label", "Actor") == "Actor"]
    initiative_names = {
        n: entity_name(d, n) for n, d in graph.nodes(data=True) if d.get("label") in ("Programme", "Forum")
    }
    pct = _percentiles(structure, actors)
    if tree is not None and has_edges(graph):  # the tree's costs are reach_costs's, from the same search
        reach = {n: tree.cost(n) for n in graph}
    else:
        reach = reach_costs(graph, home, costs) if has_edges(graph) else {n: None for n in graph}
    reused = reusable_entries(graph, home, previous or (), reach, costs, touched, changed_ties, tree)
    scored: list[tuple[float, Any, dict[str, float], float | None, list[str], dict[str, Any]]] = []
    for node in actors:
        data = graph.nodes[node]
        if node == home or not _is_candidate(data, options):
            continue
        if node in reused:
            old = reused[node]
            scored.append((old.score, node, old.components, old.details["route_cost"], [], {}))
            continue
        assessed = read_assessment(data, max_age_days=options.assessment_max_age_days)
        influence = assessed.influence if assessed else data.get("influence")
        cost = reach.get(node)
        fit, fit_reasons, fit_details = _fit(graph, node, options, initiative_names)
        components = {
            "influence": round(min(5, max(0, influence)) / 5.0, 4) if isinstance(influence, (int, float)) else 0.0,
            "structure": round(sum(pct[m][node] for m in pct) / 3.0, 4),
            "reach": round(min(1.0, 1.0 / cost), 4) if cost else 0.0,
            "fit": round(fit, 4),
        }
        score = round(sum(weight_of[c] * components[c] for c in COMPONENTS) / total_weight, 4)
        if assessed:
            score = round(min(1.0, score * assessed.factor), 4)
        scored.append((score, node, components, cost, fit_reasons, fit_details))
    scored.sort(key=lambda s: (-s[0], str(s[1])))
    if options.top is not None:
        scored = scored[: max(0, options.top)]
    fresh = [s[1] for s in scored if s[1] not in reused]
    routes = best_routes(graph, home, fresh, costs) if has_edges(graph) else {}
    result = []
    for rank, (score, node, components, cost, fit_reasons, fit_details) in enumerate(scored, 1):
        if node in reused:
            old = reused[node]
            result.append(old if old.rank == rank else replace(old, rank=rank))
            continue
        data = graph.nodes[node]
        s = structure.nodes[node]
        details = {
            "influence": data.get("influence"),
            "pagerank": s.get("pagerank"),
            "betweenness": s.get("betweenness"),
            "cross_sphere_betweenness": s.get("cross_sphere_betweenness"),
            "constraint": s.get("constraint"),
            "effective_size": s.get("effective_size"),
            "broker_roles": s.get("broker_roles"),
            "community": s.get("community"),
            "route_cost": cost,
            "percentiles": {m: pct[m][node] for m in pct},
            **fit_details,
        }
        assessed = read_assessment(data, max_age_days=options.assessment_max_age_days)
        influence = data.get("influence")
        if assessed:
            details["assessment"] = {
                "influence": assessed.influence,
                "interest": assessed.interest,
                "stance": assessed.stance,
                "factor": assessed.factor,
                "stale": assessed.stale,
            }
            reasons = list(assessed.reasons)
        else:
            reasons = [
                Message("influence %(influence)s/5 in the data", influence=influence)
                if influence is not None
                else Message("influence not rated")
            ]
        reasons += _structure_reasons(details, details["percentiles"])
        route = routes.get(node)
        reasons += _route_reasons(route, cost)
        reasons += fit_reasons
        result.append(
            EntryPoint(
                rank,
                node,
                entity_name(data, node),
                data.get("kind"),
                data.get("sphere"),
                data.get("country"),
                list(data.get("sectors") or ()),
                data.get("engagement"),
                score,
                components,
                details,
                reasons,
                route.as_dict() if route else None,
            )
        )
    return result
