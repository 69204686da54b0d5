"""The analysis every page shares, per data version (:class:`~netmap.web.snapshot.Snapshot`): the
projected graph, its structural scores, the entry points and the tree of cheapest routes from the home
actor.

The first request of a process reads the graph and computes (single-flight: concurrent first requests
wait for that one). After that, a new data version is made in one of two ways, decided from what the
data version says changed (:func:`netmap.store.views.structure_part`), so an edit made by another
process (the CLI, a second server) is handled as one made here:

- **Only engagements and assessments** (their status, our engagement ties, the assessments' fields):
  the first request that sees the new version patches the previous snapshot (:func:`_patch`): it reads
  only the actors those edits name (:func:`netmap.store.reads.light_changes`, three small reads),
  shares the unchanged parts of the graph and the structural scores, ranks again only the candidates
  the edits can move (:func:`netmap.analytics.reuse.reusable_entries`) and serves the result at once:
  after an edit here that is the page the edit redirects to. Concurrent requests wait for it up to
  ``refresh_wait``. The map views the previous snapshot served are laid out again in the background
  (:func:`netmap.web.mapview.carry_views`); until each is ready, the previous one is served.
- **Anything else** (a tie, an actor's fields, an import): one background thread reads the graph and
  makes the new snapshot while the pages keep serving the previous one: a request waits for it at most
  ``refresh_wait`` seconds (``netmap.toml``, default 0.25), then gets the previous one and
  :func:`status` says it is being updated, with the time of its data. The structural scores come from
  :mod:`netmap.analytics.cache` (computed again only when the structure changed), and the map views
  are laid out again before the new snapshot is served.

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
from typing import Any

from flask import Flask
from netmap.web.caches import app_caches
from netmap.web.snapshot import MAP_TABLES, TABLES, Snapshot

from netmap.store import Store

__all__ = [
    "MAP_TABLES",
    "REFRESH_WAIT",
    "TABLES",
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

#: Seconds a request waits for a newer snapshot before it is served the previous one.
REFRESH_WAIT = 0.25


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


def _weights(settings: Any) -> Any:
    """The ``[weights]`` table of netmap.toml, as the CLI and the export weigh ties (so all three share
    the structural scores of one data version: :mod:`netmap.analytics.cache`)."""
    from netmap.graph import WeightTable

    return WeightTable.from_config((getattr(settings, "extra", None) or {}).get("weights"))


def _build(store: Store, settings: Any, version: str, home_ref: str | None) -> Snapshot:
    from netmap.graph import GraphFilter, build_graph

    read_at = time.time()
    nodes, edges = store.graph_rows()
    graph = build_graph(nodes, edges, GraphFilter(), _weights(settings))
    home = home_ref if home_ref and home_ref in graph else None
    return Snapshot(version, graph, home, settings, read_at=read_at)


def _patch(store: Store, previous: Snapshot, version: str) -> Snapshot | None:
    """The snapshot of ``version`` made from ``previous`` when only engagements and assessments were
    recorded in between (the data version says so: :func:`netmap.store.views.structure_part`): reads
    only what they changed (:func:`netmap.store.reads.light_changes`), shares the graph's unchanged
    parts and the structural scores, and ranks again only the candidates the edits can move. ``None``
    when the whole graph must be read again."""
    from netmap.collector import paused_gc
    from netmap.graph.patch import patch_graph
    from netmap.store.reads import light_changes
    from netmap.store.views import light_count, structure_part

    since, now = light_count(previous.version), light_count(version)
    if since is None or now is None or now < since or structure_part(previous.version) != structure_part(version):
        return None
    if now == since and previous.version.split("|")[5] != version.split("|")[5]:
        return None  # engagement ties written without an engagement (by hand): read them all again
    read_at = time.time()
    changes = light_changes(store, since)
    if changes is None or changes["count"] < now:
        return None
    with paused_gc():  # a collection on the way walks the millions of objects of the analysis: seconds
        patch = patch_graph(previous.graph, changes["nodes"], changes["ties"], _weights(previous.settings))
        if patch is None:
            return None
        snap = Snapshot(version, patch.graph, previous.home, previous.settings, read_at=read_at)
        snap._structure = previous.structure
        snap._base = (previous, patch.nodes, patch.pairs)
        snap.warm()
        snap._base = None  # ranked: the previous snapshot is no longer needed for it
    return snap


def _newer(have: str, asked: str) -> bool:
    """Whether ``have`` is a later version of the same structure than ``asked`` (a request that read
    the version just before an engagement was recorded here gets the patched snapshot)."""
    from netmap.store.views import light_count, structure_part

    mine, theirs = light_count(have), light_count(asked)
    return mine is not None and theirs is not None and mine > theirs and structure_part(have) == structure_part(asked)


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
        if latest.version == version or _newer(latest.version, version):
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
        if current is not None and (current.version == version or _newer(current.version, version)):
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
