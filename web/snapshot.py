"""The analysis of one data version (:class:`Snapshot`): the projected graph, its structural scores, the
entry points, the tree of cheapest routes from the home actor, and the map's tables made from them.
:mod:`netmap.web.snapshots` keeps the newest one per app and makes the next.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from netmap.web.caches import Memo

__all__ = ["MAP_TABLES", "TABLES", "Snapshot"]

T = TypeVar("T")

#: The per-snapshot tables of the map's view-model and their sizes (entries).
TABLES = {"payloads": 64, "json": 64, "entry_rows": 64, "actors": 5000}
#: The tables holding map views (remade by ``carry`` after an edit).
MAP_TABLES = ("payloads", "json")


@dataclass
class Snapshot:
    """The projected graph of one data version and the scores computed from it (lazily, once).

    Each lazy analysis (structure, entry points, route tree) is computed once through the shared
    single-flight table (:class:`netmap.web.caches.Memo`): the first request computes it, concurrent
    ones wait for that result instead of computing their own. The map's tables (:data:`TABLES`:
    payloads, their JSON, entry-point lists, actor pages) are the same kind of table, one per name:
    :meth:`cached` reads one.
    """

    version: str
    graph: Any
    home: str | None
    settings: Any
    #: When the graph was read (seconds since the epoch): the "data as of" shown while a newer one is made.
    read_at: float = field(default_factory=time.time)
    _analyses: Memo = field(default_factory=lambda: Memo(maxsize=8))
    _structure: Any = None
    _entry: list[Any] | None = None
    _entry_by_id: dict[str, Any] | None = None
    _routes: Any = None
    _tables: dict[str, Memo] = field(default_factory=lambda: {n: Memo(size) for n, size in TABLES.items()})
    #: Patched from (:func:`_patch`): the previous snapshot, the nodes and the pairs the edit changed.
    _base: tuple[Snapshot, frozenset[Any], frozenset[Any]] | None = None
    #: While the map views of a patched snapshot are made (:data:`MAP_TABLES`): the snapshot whose views serve.
    _views_from: Snapshot | None = None
    ranked_on: dt.date | None = None

    def cached(self, table: str, key: str, compute: Callable[[], T], *, previous: bool = True) -> T:
        """The entry ``key`` of the table ``table`` (one of :data:`TABLES`), computed once when missing.

        While the map views of a patched snapshot are being made, a view it does not have yet is the
        previous snapshot's (the layout takes seconds at 20,000 actors); ``previous=False``: make it
        (what remakes them does)."""
        base = self._views_from if previous else None
        if base is not None and table in MAP_TABLES and key not in self._tables[table].cache:
            while base is not None:  # the newest snapshot that has it (a patch of a patch: either)
                if key in base._tables[table].cache:
                    return base._tables[table].get(key, compute)
                base = base._views_from
            if table == "json":  # made from a view that may be the previous one's: not kept
                return compute()
        return self._tables[table].get(key, compute)

    def keys(self, table: str) -> list[str]:
        """The keys of the table ``table``, oldest first."""
        return list(self._tables[table].cache)

    def warm(self) -> Snapshot:
        """Compute what every page needs (structure, entry points, the route tree) now; returns itself."""
        self.entry_points()
        self.routes()
        return self

    @property
    def structure(self) -> Any:
        if self._structure is None:
            self._structure = self._analyses.get("structure", self._compute_structure)
        return self._structure

    def _compute_structure(self) -> Any:
        from netmap.analytics.cache import cached_scores

        return cached_scores(self.graph, getattr(self.settings, "home", None))

    def entry_points(self) -> list[Any]:
        """Every candidate (any sphere) ranked; empty without a home actor in the graph."""
        if self._entry is None:
            entry = self._analyses.get("entry", self._rank)
            self._entry_by_id = {str(e.id): e for e in entry}
            self._entry = entry
        return self._entry

    def _rank(self) -> list[Any]:
        from netmap.analytics.entry_points import EntryPointOptions, rank_entry_points

        if self.home is None:
            return []
        today = dt.date.today()
        self.ranked_on = today
        previous, touched, ties = self._base or (None, frozenset(), frozenset())
        reuse = previous is not None and previous._entry is not None and previous.ranked_on == today
        options = EntryPointOptions(
            top=None,
            spheres=(),
            sectors_of_interest=tuple(getattr(self.settings, "sectors_of_interest", ()) or ()),
            countries_of_interest=tuple(getattr(self.settings, "countries_of_interest", ()) or ()),
            assessment_max_age_days=getattr(self.settings, "assessment_max_age_days", 365),
        )
        if not reuse or previous is None:
            return rank_entry_points(self.graph, self.home, self.structure, options)
        return rank_entry_points(
            self.graph,
            self.home,
            self.structure,
            options,
            previous=previous._entry,
            touched=touched,
            changed_ties=ties,
            tree=self.routes(),
        )

    def entry_point(self, node: str) -> Any:
        self.entry_points()
        assert self._entry_by_id is not None
        return self._entry_by_id.get(node)

    def entry_score(self, node: str) -> float:
        ep = self.entry_point(node)
        return float(ep.score) if ep is not None else 0.0

    def actor_name(self, node: str) -> str | None:
        """The name of ``node`` when it is an actor of this graph (its id when it has no name);
        ``None`` for an initiative, a group or an id not in the graph."""
        attrs = self.graph.nodes[node] if node in self.graph else None
        if attrs is None or attrs.get("label", "Actor") != "Actor":
            return None
        return str(attrs.get("name") or node)

    def introduction(self, via: str, target: str) -> dict[str, Any]:
        """The route to ``target`` through the introducer ``via``
        (:func:`netmap.analytics.report.introduction_report` over this snapshot's graph)."""
        from netmap.analytics.report import introduction_report

        return introduction_report(self.graph, self.settings, via, target)

    def routes(self) -> Any:
        """The cheapest-route tree from the home actor (:class:`netmap.analytics.paths.RouteTree`),
        made once per data version; ``None`` without a home actor in the graph."""
        if self._routes is None and self.home is not None:
            self._routes = self._analyses.get("routes", self._route_tree)
        return self._routes

    def _route_tree(self) -> Any:
        from netmap.analytics.paths import route_tree

        return route_tree(self.graph, self.home)
