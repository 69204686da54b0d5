"""The analysis every page shares, per data version: the projected graph, its structural scores, the
entry points and the tree of cheapest routes from the home actor.

The first request of a process reads the graph and computes (single-flight: concurrent first requests
wait for that one). After that a new data version (an edit here, an import, another process's write)
is made by one background thread while the pages keep serving the previous snapshot: a request waits
for the new one at most ``refresh_wait`` seconds (``netmap.toml``, default 0.25), then gets the
previous one and :func:`status` says it is being updated, with the time of its data. The costly
structural scores come from :mod:`netmap.analytics.cache`, so an engagement or assessment edit (same
structure key) only reads the graph and ranks again; a tie or actor edit computes the structure in
that background thread.

All of it is held by one :class:`Analyses` per app (:func:`analyses`, in the app's caches): the
background thread is given it (it has no app context); a caller without an app (a benchmark, a test)
makes its own ``Analyses()`` and passes it as ``analyses=``.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from flask import Flask
from netmap.web.caches import Memo, app_caches

from netmap.store import Store

__all__ = [
    "REFRESH_WAIT",
    "Analyses",
    "analyses",
    "Snapshot",
    "current_version",
    "facets",
    "invalidate",
    "snapshot",
    "status",
    "wait_until_fresh",
]

log = logging.getLogger(__name__)
T = TypeVar("T")

#: Seconds a request waits for a newer snapshot before it is served the previous one.
REFRESH_WAIT = 0.25


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

    def cached(self, table: str, key: str, compute: Callable[[], T]) -> T:
        """The entry ``key`` of the table ``table`` (one of :data:`TABLES`), computed once when missing.

        While the map views of a patched snapshot are being made, a view it does not have yet is the
        previous snapshot's (the layout takes seconds at 20,000 actors; the pages say "updating…")."""
        base = self._views_from
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


_VERSION_TTL = 2.0
_Key = tuple[int, str | None]


@dataclass
class _Refresh:
    """The background thread making the snapshot of ``wanted`` (it loops while newer versions appear)."""

    wanted: str
    done: threading.Event = field(default_factory=threading.Event)
    started: float = field(default_factory=time.time)
    error: str | None = None


class Analyses:
    """The shared analyses of one app, keyed by store (``id``) and home actor: the data version read
    last, the facets, the newest snapshot and the background refresh making the next one.

    ``carry``: called in the background thread with (previous, new) before the new snapshot is
    served, to make on it what the previous one served (the map views:
    :func:`netmap.web.mapview.carry_views`), so that no request computes a layout after an edit.
    """

    def __init__(self, carry: Iterable[Callable[[Snapshot, Snapshot], None]] = ()) -> None:
        self.carry = list(carry)
        self.versions: dict[int, tuple[float, str, int]] = {}
        self.generations: dict[int, int] = {}
        self.version_lock = threading.Lock()
        self.facets: dict[int, tuple[str, dict[str, list[str]]]] = {}
        #: The newest finished snapshot per (store, home actor).
        self.snapshots: dict[_Key, Snapshot] = {}
        self.snap_lock = threading.Lock()
        self.first: dict[_Key, threading.Lock] = {}
        self.refreshes: dict[_Key, _Refresh] = {}
        self.patching: dict[_Key, threading.Lock] = {}
        #: When the patch being made per key started (see :func:`_patched`).
        self.patch_started: dict[_Key, float] = {}


def analyses(app: Flask | None = None) -> Analyses:
    """The :class:`Analyses` of ``app`` (default: the current app), made on first use."""
    return app_caches(app).state("analyses", Analyses)


def _of(given: Analyses | None) -> Analyses:
    return given if given is not None else analyses()


def current_version(store: Store, *, analyses: Analyses | None = None) -> str:
    """The store's data version, re-read at most every 2 s (edits made here call :func:`invalidate`).

    One thread re-reads it; meanwhile the others answer with the version they know, unless a write
    was made here since (then they wait for the new one).
    """
    from netmap.store.views import data_version

    a = _of(analyses)
    key = id(store)
    gen = a.generations.get(key, 0)
    cached = a.versions.get(key)
    usable = cached is not None and cached[2] == gen
    if cached is not None and usable and time.monotonic() - cached[0] < _VERSION_TTL:
        return cached[1]
    if cached is not None and usable:
        if not a.version_lock.acquire(blocking=False):
            return cached[1]  # another request is re-reading it right now
    else:
        a.version_lock.acquire()
    try:
        gen = a.generations.get(key, 0)
        again = a.versions.get(key)
        if again is not None and again is not cached and again[2] == gen and time.monotonic() - again[0] < _VERSION_TTL:
            return again[1]
        version = data_version(store)
        if a.generations.get(key, 0) == gen:  # no write here while we read: keep it
            a.versions[key] = (time.monotonic(), version, gen)
        return version
    finally:
        a.version_lock.release()


def invalidate(store: Store, *, analyses: Analyses | None = None) -> None:
    """Forget the cached data version (call after a write)."""
    a = _of(analyses)
    a.generations[id(store)] = a.generations.get(id(store), 0) + 1
    a.versions.pop(id(store), None)


def facets(store: Store, *, analyses: Analyses | None = None) -> dict[str, list[str]]:
    """The filter values of :func:`netmap.store.views.facets`, cached per data version."""
    from netmap.store.views import facets as read_facets

    a = _of(analyses)
    version = current_version(store, analyses=a)
    cached = a.facets.get(id(store))
    if cached and cached[0] == version:
        return cached[1]
    values = read_facets(store)
    a.facets[id(store)] = (version, values)
    return values


def _build(store: Store, settings: Any, version: str, home_ref: str | None) -> Snapshot:
    from netmap.graph import GraphFilter, build_graph

    read_at = time.time()
    nodes, edges = store.graph_rows()
    graph = build_graph(nodes, edges, GraphFilter())
    home = home_ref if home_ref and home_ref in graph else None
    return Snapshot(version, graph, home, settings, read_at=read_at)


def _patch(store: Store, previous: Snapshot, version: str) -> Snapshot | None:
    """The snapshot of ``version`` made from ``previous`` when only engagements and assessments were
    recorded in between (the data version says so: :func:`netmap.store.views.structure_part`): reads
    only what they changed (:func:`netmap.store.reads.light_changes`), shares the graph's unchanged
    parts and the structural scores, and ranks again only the candidates the edits can move. ``None``
    when the whole graph must be read again."""
    from netmap.graph.patch import patch_graph
    from netmap.store.reads import light_changes
    from netmap.store.views import light_count, structure_part

    since, now = light_count(previous.version), light_count(version)
    if since is None or now is None or now <= since or structure_part(previous.version) != structure_part(version):
        return None
    read_at = time.time()
    changes = light_changes(store, since)
    if changes is None or changes["count"] < now:
        return None
    patch = patch_graph(previous.graph, changes["nodes"], changes["ties"])
    if patch is None:
        return None
    snap = Snapshot(version, patch.graph, previous.home, previous.settings, read_at=read_at)
    snap._structure = previous.structure
    snap._base = (previous, patch.nodes, patch.pairs)
    snap.warm()
    snap._base = None  # ranked: the previous snapshot is no longer needed for it
    return snap


def _patched(a: Analyses, store: Store, key: _Key, current: Snapshot, version: str, wait: float) -> Snapshot | None:
    """:func:`_patch` made once (single-flight) and served at once; concurrent requests wait for it up
    to ``wait`` seconds (then get ``current``). Its map views are made in the background meanwhile."""
    with a.snap_lock:
        lock = a.patching.setdefault(key, threading.Lock())
    if not lock.acquire(timeout=max(wait, 0.001)):
        return current  # status() says it is being updated
    a.patch_started[key] = time.time()
    try:
        with a.snap_lock:
            latest = a.snapshots.get(key, current)
        if latest.version == version:
            return latest
        try:
            snap = _patch(store, latest, version)
        except Exception as exc:  # the database went away: the background refresh will say so
            log.warning("the analysis could not be patched: %s", exc)
            return None
        if snap is None:
            return None
        if a.carry:
            snap._views_from = latest
            threading.Thread(target=_carry, args=(a, latest, snap), name="netmap-views", daemon=True).start()
        with a.snap_lock:
            a.snapshots[key] = snap
        return snap
    finally:
        a.patch_started.pop(key, None)
        lock.release()


def _carry(a: Analyses, previous: Snapshot, snap: Snapshot) -> None:
    try:
        for carry in a.carry:
            carry(previous, snap)
    except Exception as exc:  # a view that fails is made again on request
        log.warning("the map views could not be made again: %s", exc)
    finally:
        snap._views_from = None


def _refresh(a: Analyses, store: Store, settings: Any, key: _Key, job: _Refresh) -> None:
    made = None
    while True:
        with a.snap_lock:  # checked and retired under the lock a request sets ``wanted`` under
            wanted = job.wanted
            if wanted == made:
                a.refreshes.pop(key, None)
                job.done.set()
                return
        try:
            snap = _build(store, settings, wanted, key[1]).warm()
            with a.snap_lock:
                previous = a.snapshots.get(key)
            for carry in a.carry:
                if previous is not None:
                    carry(previous, snap)
        except Exception as exc:  # the database went away: keep serving the previous snapshot
            log.warning("the analysis could not be updated: %s", exc)
            with a.snap_lock:
                job.error = str(exc)
                a.refreshes.pop(key, None)
                job.done.set()
            return
        made = wanted
        with a.snap_lock:
            a.snapshots[key] = snap


def snapshot(store: Store, settings: Any, *, wait: float | None = None, analyses: Analyses | None = None) -> Snapshot:
    """The analysis of the store's current data version, or the previous one while it is being made.

    ``wait``: seconds to wait for a new version (default: ``refresh_wait`` of netmap.toml, else
    :data:`REFRESH_WAIT`). ``analyses``: whose snapshots (default: the current app's).
    """
    a = _of(analyses)
    version = current_version(store, analyses=a)
    home_ref = getattr(settings, "home_actor", None)
    key = (id(store), home_ref)
    job: _Refresh | None = None
    with a.snap_lock:
        current = a.snapshots.get(key)
        if current is not None and current.version == version:
            return current
    if wait is None:
        wait = float((getattr(settings, "extra", None) or {}).get("refresh_wait", REFRESH_WAIT))
    if current is not None and a.refreshes.get(key) is None:
        patched = _patched(a, store, key, current, version, wait)
        if patched is not None:
            return patched
    with a.snap_lock:
        current = a.snapshots.get(key)
        if current is not None and current.version == version:
            return current
        if current is not None:
            job = a.refreshes.get(key)
            if job is None:
                job = a.refreshes[key] = _Refresh(version)
                threading.Thread(
                    target=_refresh, args=(a, store, settings, key, job), name="netmap-analysis", daemon=True
                ).start()
            else:
                job.wanted = version
        else:
            first = a.first.setdefault(key, threading.Lock())
    if current is not None and job is not None:
        if wait > 0 and job.done.wait(wait):
            with a.snap_lock:
                return a.snapshots.get(key, current)
        return current
    with first:  # the first snapshot of a process: one request reads and the others wait for it
        with a.snap_lock:
            current = a.snapshots.get(key)
        if current is not None and current.version == version:
            return current
        snap = _build(store, settings, version, home_ref)
        with a.snap_lock:
            a.snapshots[key] = snap
        return snap


def status(store: Store, settings: Any, *, analyses: Analyses | None = None) -> dict[str, Any] | None:
    """While a newer analysis is being made: ``{"updating": True, "as_of": "2026-12-03 13:05 UTC"}``
    (the time the data shown was read); ``None`` when what is served is current. No database call."""
    a = _of(analyses)
    key = (id(store), getattr(settings, "home_actor", None))
    with a.snap_lock:
        job = a.refreshes.get(key)
        current = a.snapshots.get(key)
        patching = a.patch_started.get(key)
    if current is None or (job is None and patching is None):
        return None
    as_of = dt.datetime.fromtimestamp(current.read_at, dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    return {"updating": True, "as_of": as_of, "since": job.started if job is not None else patching}


def wait_until_fresh(
    store: Store, settings: Any, timeout: float = 60.0, *, analyses: Analyses | None = None
) -> Snapshot:
    """The current data version's snapshot, waiting for a background update (tests, benchmarks, CLI)."""
    a = _of(analyses)
    deadline = time.monotonic() + timeout
    while True:
        snap = snapshot(store, settings, wait=max(0.0, min(1.0, deadline - time.monotonic())), analyses=a)
        if snap.version == current_version(store, analyses=a) or time.monotonic() >= deadline:
            return snap
