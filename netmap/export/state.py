"""Everything one export is made from, read once: entities and ties (privacy applied), the projected
graph, the analytics (through :mod:`netmap.analytics.report`), positions, sources and the data date.

The files of a bundle are pure functions of an :class:`ExportState`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from netmap.analytics import report
from netmap.analytics.cache import cached_scores
from netmap.analytics.centrality import EXACT_LIMIT, SAMPLE_SIZE, SEED
from netmap.config import Settings
from netmap.errors import ConfigError, InputError, NotFound
from netmap.export.privacy import PrivacyPolicy
from netmap.export.quarter import Quarter
from netmap.graph import GraphFilter, WeightTable, build_graph
from netmap.i18n import Translator, translator
from netmap.messages import Message
from netmap.store import Store

__all__ = ["EntryOptions", "ExportState", "collect", "compute_state"]


@dataclass(frozen=True, slots=True)
class EntryOptions:
    """The entry-point filters of ``netmap entry-points``, as the export takes them."""

    top: int = 20
    spheres: tuple[str, ...] = ("economic",)
    countries: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    weights: dict[str, float] = field(default_factory=dict)
    home: str | None = None
    as_of: str | None = None
    seed: int = SEED

    def as_dict(self) -> dict[str, Any]:
        return {
            "top": self.top,
            "spheres": list(self.spheres),
            "countries": list(self.countries),
            "sectors": list(self.sectors),
            "weights": dict(sorted(self.weights.items())),
            "home": self.home,
            "asOf": self.as_of,
            "seed": self.seed,
        }


@dataclass(slots=True)
class ExportState:
    quarter: Quarter
    exported_at: str
    data_date: str | None
    options: EntryOptions
    policy: PrivacyPolicy
    entities: list[dict[str, Any]]  # {id, label, props} after privacy
    ties: list[dict[str, Any]]  # {source, target, type, key, props} after privacy
    graph: nx.Graph
    scores: dict[str, dict[str, Any]]  # actor id -> entryScore, brokerage, ...
    entry_points: dict[str, Any]  # the filtered entry_points_report
    coverage: list[dict[str, Any]]
    sources: list[dict[str, Any]]
    hidden_actors: int = 0
    notes: list[str] = field(default_factory=list)
    positions: dict[str, tuple[float, float]] = field(default_factory=dict)
    regions: list[dict[str, Any]] = field(default_factory=list)
    layout_name: str = "spheres"
    engagements: list[dict[str, Any]] = field(default_factory=list)  # the log, privacy applied
    edits: list[dict[str, Any]] = field(default_factory=list)  # the quarter's history, privacy applied
    lang: str = "en"  # the language of the bundle's text (see netmap.i18n)
    assessment_notes: dict[str, str] = field(default_factory=dict)  # actor id -> latest note, sensitive only

    @property
    def tr(self) -> Translator:
        """Text, numbers and dates in the bundle's language."""
        return translator(self.lang)

    def keep_engagements(self, entries: list[dict[str, Any]]) -> None:
        """Set :attr:`engagements` from the store's log: entries about actors this export leaves out are
        dropped, and notes unless sensitive data is included."""
        kept = {e["id"] for e in self.entities}
        self.engagements = [self.policy.clean_engagement(e) for e in entries if e.get("actor") in kept]

    def keep_edits(self, changes: list[dict[str, Any]]) -> None:
        """Set :attr:`edits` from the history of the quarter: changes of actors this export leaves out
        are dropped, and changes of sensitive fields unless sensitive data is included. A change whose
        detail is the other actor's id (an introduction request, a duplicate review) names that actor
        (``other``) when the bundle has it, and neither its id nor its name when it does not (``other``
        ``None``): the actors a bundle leaves out stay out of it."""
        names = {e["id"]: e["props"].get("name") or e["id"] for e in self.entities}
        self.edits = [
            _other_named(c, names)
            for c in changes
            if c.get("actor") in names and not (c.get("field") and self.policy.is_sensitive_field(str(c["field"])))
        ]

    def keep_assessment_notes(self, notes: dict[str, str]) -> None:
        """Set :attr:`assessment_notes`: the notes of kept actors' latest assessments, only when sensitive
        data is included (an assessment note is our own record, like an engagement note)."""
        kept = {e["id"] for e in self.entities}
        self.assessment_notes = {k: v for k, v in notes.items() if k in kept} if self.policy.include_sensitive else {}

    def grid_points(self) -> list[Any]:
        """The power/interest grid of the kept actors, by their latest assessment, entry points ranked."""
        from netmap.analytics.grid import power_interest_grid

        rows = [
            {
                "id": e["id"],
                "name": e["props"].get("name"),
                "kind": e["props"].get("kind"),
                "country": e["props"].get("country"),
                "influence": e["props"]["assessedInfluence"],
                "interest": e["props"].get("assessedInterest"),
                "stance": e["props"].get("stance"),
            }
            for e in self.entities
            if e["label"] == "Actor"
            and e["props"].get("assessedInfluence") is not None
            and e["props"].get("assessedInterest") is not None
        ]
        return power_interest_grid(rows, self.entry_ids())

    @property
    def home(self) -> str | None:
        home = self.entry_points.get("home") or {}
        return home.get("id")

    def lay_out(self, name: str = "spheres") -> None:
        """Set :attr:`positions` and :attr:`regions` from the layout ``name`` (see
        :mod:`netmap.drawing.layouts`), fed with this export's scores and warm routes."""
        from netmap.analytics.paths import route_tree
        from netmap.drawing.layouts import lay_out, top_brokers

        home = self.home if self.home in self.graph else None
        layout = lay_out(
            name,
            self.graph,
            home=home,
            route_parent=route_tree(self.graph, home).parents() if home is not None else None,
            brokers=top_brokers({n: float(s.get("crossSphereBetweenness") or 0.0) for n, s in self.scores.items()}),
            partition={n: s.get("community") for n, s in self.scores.items()},
        )
        self.positions = layout.positions
        self.regions = layout.regions
        self.layout_name = layout.name
        self.notes += [n for n in layout.notes if n not in self.notes]

    def entry_ids(self) -> dict[str, int]:
        """Entry point id → rank."""
        return {e["id"]: e["rank"] for e in self.entry_points.get("entry_points", [])}


#: Kinds of recorded change whose ``detail`` is the id of the other actor.
OTHER_ACTOR_KINDS = ("introduction", "review")


def _other_named(change: dict[str, Any], names: dict[str, str]) -> dict[str, Any]:
    """``change`` with the other actor's id (its ``detail``) replaced by ``other``: the actor's name in
    ``names`` (the bundle's actors), or ``None``.

    >>> _other_named({"kind": "introduction", "detail": "b"}, {"b": "B"})
    {'kind': 'introduction', 'detail': None, 'other': 'B'}
    >>> _other_named({"kind": "review", "detail": "gone"}, {"b": "B"})
    {'kind': 'review', 'detail': None, 'other': None}
    """
    if change.get("kind") not in OTHER_ACTOR_KINDS or not change.get("detail"):
        return change
    return {**change, "detail": None, "other": names.get(str(change["detail"]))}


def _graph_row(entity: dict[str, Any]) -> dict[str, Any]:
    p = entity["props"]
    return {
        "id": entity["id"],
        "label": entity["label"],
        "name": p.get("name"),
        "kind": p.get("kind"),
        "sphere": p.get("sphere"),
        "country": p.get("country"),
        "countries": p.get("countries") or [],
        "sectors": p.get("sectors") or [],
        "influence": p.get("influence"),
        "engagement": p.get("engagement"),
        "illustrative": bool(p.get("illustrative")),
    }


def _edge_row(tie: dict[str, Any]) -> dict[str, Any]:
    p = tie["props"]
    row = {k: p.get(k) for k in ("strength", "since", "until", "amount", "currency", "note")}
    row.update(source=tie["source"], target=tie["target"], type=tie["type"], key=tie["key"])
    return row


def compute_state(
    quarter: Quarter,
    entities: list[dict[str, Any]],
    ties: list[dict[str, Any]],
    sources: list[dict[str, Any]],
    data_date: str | None,
    settings: Settings,
    options: EntryOptions,
    policy: PrivacyPolicy,
    exported_at: str,
    *,
    exact_limit: int = EXACT_LIMIT,
    k: int = SAMPLE_SIZE,
) -> ExportState:
    """Apply the privacy policy, project the graph and run the analytics facades once."""
    if not any(e["label"] == "Actor" for e in entities):
        raise InputError("database", "there are no actors to export", "import data first, e.g. 'netmap import sheet'")
    hidden = {e["id"] for e in entities if e["label"] == "Actor" and policy.hides_actor(e["props"])}
    entities = [{**e, "props": policy.clean_node(e["props"])} for e in entities if e["id"] not in hidden]
    ties = [
        {**t, "props": policy.clean_tie(t["type"], t["props"])}
        for t in ties
        if t["source"] not in hidden and t["target"] not in hidden
    ]
    home = options.home or settings.home_actor
    graph = build_graph(
        [_graph_row(e) for e in entities],
        [_edge_row(t) for t in ties],
        GraphFilter(as_of=options.as_of, keep=[home] if home else []),
        WeightTable.from_config(settings.extra.get("weights")),
    )
    structure = cached_scores(graph, settings.home, seed=options.seed, exact_limit=exact_limit, k=k, closeness=False)
    notes = list(structure.notes)
    every: dict[str, Any] = {"entry_points": []}
    chosen: dict[str, Any] = {"entry_points": [], "home": None, "notes": []}
    try:
        common: dict[str, Any] = {
            "home": options.home,
            "weights": options.weights,
            "seed": options.seed,
            "scores": structure,
        }
        every = report.entry_points_report(graph, settings, top=None, spheres=(), **common)
        chosen = report.entry_points_report(
            graph,
            settings,
            top=options.top,
            spheres=options.spheres,
            countries=options.countries,
            sectors=options.sectors,
            **common,
        )
    except (ConfigError, NotFound) as exc:
        notes.append(Message("no entry points: %(why)s", why=str(exc)))
    notes += [n for n in chosen.get("notes", []) if n not in notes]
    entry = {e["id"]: e["score"] for e in every["entry_points"]}
    scores: dict[str, dict[str, Any]] = {}
    for node in graph.nodes:
        row = report.node_scores(graph, structure, node, entry.get(node))
        scores[node] = {  # the workbook's names and precision
            "entryScore": row["entryScore"],
            "brokerage": round(row["betweenness"], 6),
            "crossSphereBetweenness": round(float(row["crossSphereBetweenness"]), 4),
            "pagerank": round(float(row["pagerank"]), 6),
            "constraint": None if row["constraint"] is None else round(float(row["constraint"]), 6),
            "community": row["community"],
            "brokerRoles": row["brokerRoles"],
            "degree": row["degree"],
        }
    return ExportState(
        quarter=quarter,
        exported_at=exported_at,
        data_date=data_date,
        options=options,
        policy=policy,
        entities=entities,
        ties=ties,
        graph=graph,
        scores=scores,
        entry_points=chosen,
        coverage=report.coverage_report(graph),
        sources=sources,
        hidden_actors=len(hidden),
        notes=notes,
    )


def collect(
    store: Store, settings: Settings, quarter: Quarter, options: EntryOptions, policy: PrivacyPolicy, exported_at: str
) -> ExportState:
    """Read the store once and compute the state of the export."""
    from netmap.store import snapshots

    return compute_state(
        quarter,
        snapshots.entity_properties(store),
        snapshots.tie_properties(store),
        snapshots.source_list(store),
        snapshots.data_date(store),
        settings,
        options,
        policy,
        exported_at,
    )
