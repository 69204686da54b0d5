"""Server-side map views: the bounded payload of a view, the entry-point list, and their caches.

The browser draws; it never lays out thousands of nodes. For a view (:class:`~.mapspec.MapSpec`: the
filters, an optional focus actor and hops) this module takes the view's part of the graph
(:func:`netmap.graph.neighbourhood.view_subgraph`), bounds it (at most :data:`MAX_NODES` nodes: above
that the view is aggregated into communities or cut to the top-N by entry score, with a note saying
so) and returns the vis-network ``nodes``/``edges``/``options`` (:mod:`.map_nodes`). Payloads are
cached per ``(view key, data version)``; positions a user saved for a view (:mod:`.saved_layouts`)
win over computed ones.

The analysis every page shares (the projected graph, structural scores, entry points, the tree of
cheapest routes from the home actor) is the :class:`~netmap.web.snapshots.Snapshot` of the data
version (see :mod:`netmap.web.snapshots`: made in the background after an edit).
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from netmap.web.actor_paths import actor_analysis
from netmap.web.i18n import Note, current_language
from netmap.web.map_nodes import community_payload, local_name_of, named_node, node_payload
from netmap.web.mapspec import MapSpec
from netmap.web.saved_layouts import layout_file, load_positions, save_positions
from netmap.web.snapshots import Snapshot, invalidate, snapshot

from netmap.drawing.colours import KIND_COLOURS
from netmap.drawing.layouts import LAYOUTS
from netmap.graph.neighbourhood import view_subgraph
from netmap.messages import N_, Count
from netmap.store import Store

MAX_NODES = 1500

#: What the tests and older callers import from here; each lives in the module named.
__all__ = [
    "MAX_NODES",
    "MapSpec",
    "actor_analysis",
    "entry_point_page",
    "entry_point_rows",
    "invalidate",
    "load_positions",
    "map_json",
    "map_payload",
    "save_positions",
    "snapshot",
    "view_node_ids",
]


def view_node_ids(store: Store, settings: Any, spec: MapSpec) -> set[str]:
    """The ids of every node the view can show (before the size cap): what a saved layout may hold."""
    return {str(n) for n in _filtered(snapshot(store, settings), spec).nodes}


def _filtered(snap: Snapshot, spec: MapSpec) -> Any:
    """The view's part of the snapshot's graph (:func:`netmap.graph.neighbourhood.view_subgraph`)."""
    return view_subgraph(
        snap.graph,
        keep=[snap.home] if snap.home else [],
        kinds=spec.kind,
        spheres=spec.sphere,
        countries=spec.country,
        sectors=spec.sector,
        statuses=spec.status,
        rel_types=spec.rel,
        focus=spec.focus,
        hops=spec.hops,
    )


def map_payload(store: Store, settings: Any, spec: MapSpec, *, max_nodes: int = MAX_NODES) -> dict[str, Any]:
    """The vis-network data for one view: nodes with x/y, edges, options, legend and notes."""
    return _map_cached(store, settings, spec, max_nodes)[1]


def _map_cached(store: Store, settings: Any, spec: MapSpec, max_nodes: int) -> tuple[str, dict[str, Any]]:
    snap = snapshot(store, settings)
    cache_key = f"{spec.key()}|{max_nodes}"
    home_dir = Path(getattr(settings, "home", "."))
    try:
        saved_token = layout_file(home_dir, spec.key()).stat().st_mtime
    except OSError:
        saved_token = 0.0
    cache_key += f"|{saved_token}"
    # single-flight: concurrent first requests of one view wait for one layout
    cached = snap.cached("payloads", cache_key, lambda: _compute_payload(snap, spec, max_nodes, home_dir, saved_token))
    return cache_key, cached


def carry_views(previous: Snapshot, snap: Snapshot, most: int = 4) -> None:
    """Make on ``snap`` the entry-point lists and the map views ``previous`` made last (at most ``most``
    of each; the lists first: they are quick), before it is served (after a patch: while it is served,
    with the previous views meanwhile): at 20k actors a view's layout takes seconds and a list of every
    candidate a few hundred milliseconds, which the first requests after an edit waited for."""
    for key in previous.keys("entry_rows")[-most:]:
        view, top = key.rsplit("|", 1)
        spec = MapSpec.parse(parse_qs(view, keep_blank_values=False))
        snap.cached(
            "entry_rows",
            key,
            lambda spec=spec, top=None if top == "None" else int(top): _entry_point_rows(snap, spec, top),
        )
    home_dir = Path(getattr(snap.settings, "home", "."))
    for key in previous.keys("payloads")[-most:]:
        view, max_nodes, token = key.rsplit("|", 2)
        spec = MapSpec.parse(parse_qs(view, keep_blank_values=False))
        snap.cached(
            "payloads",
            key,
            lambda spec=spec, n=int(max_nodes), t=float(token): _compute_payload(snap, spec, n, home_dir, t),
            previous=False,
        )


def _compute_payload(
    snap: Snapshot, spec: MapSpec, max_nodes: int, home_dir: Path, saved_token: float
) -> dict[str, Any]:
    saved = load_positions(home_dir, spec.key()) if saved_token else {}
    started = time.perf_counter()
    sub = _filtered(snap, spec)
    total = sub.number_of_nodes()
    notes: list[str] = []
    if total > max_nodes and spec.aggregate == "communities":
        payload = community_payload(snap, sub, max_nodes)
        notes.append(
            Note(
                N_(
                    "%(total)s actors match: too many to draw, so they are shown as %(shown)s communities "
                    "(size = members). Narrow the filters or pick an actor to see individual organisations."
                ),
                total=Count(total),
                shown=Count(len(payload["nodes"])),
            )
        )
    else:
        if total > max_nodes:
            chosen = sorted(sub.nodes, key=lambda n: (-snap.entry_score(n), -sub.degree(n), str(n)))[:max_nodes]
            must = [n for n in (snap.home, spec.focus) if n and n in sub and n not in chosen]
            chosen = chosen[: max_nodes - len(must)] + must
            notes.append(
                Note(
                    N_(
                        "%(total)s actors match: showing the top %(shown)s by entry score and connections. "
                        "Narrow the filters, pick an actor, or aggregate into communities to see the rest."
                    ),
                    total=Count(total),
                    shown=Count(max_nodes),
                )
            )
            sub = sub.subgraph(chosen)
        payload = node_payload(snap, sub, spec, saved)
    notes += payload.pop("layout_notes", [])
    payload.setdefault("layout", spec.layout)
    payload.setdefault("regions", [])
    payload.update(
        view=spec.key(),
        layouts=list(LAYOUTS),
        data_date=None if snap.version.startswith("None|") else snap.version.split("|", 1)[0],
        version=snap.version,
        total=total,
        notes=notes,
        home=snap.home,
        legend=[{"kind": k, "colour": c} for k, c in KIND_COLOURS.items()],
        elapsed_ms=round((time.perf_counter() - started) * 1000, 1),
        saved_positions=bool(saved),
    )
    if snap.graph.number_of_nodes() == 0:
        payload["notes"].append(
            Note(
                N_(
                    "There is nothing to map yet: an editor imports a spreadsheet on the Import page "
                    "(or an administrator runs %(command)s to load the sample network)."
                ),
                command="'netmap demo'",
            )
        )
    elif not [n for n in payload["nodes"] if n["id"] != snap.home or n["id"] == spec.focus]:
        payload["notes"].append(Note(N_("No actor matches these filters: clear some of them to see more.")))
    return payload


def map_json(store: Store, settings: Any, spec: MapSpec, *, max_nodes: int = MAX_NODES) -> bytes:
    """:func:`map_payload` serialised once per payload and language (what the map endpoint sends): the
    notes, and the actors' names where they have one, in the language of the request."""
    from netmap.web.i18n import reasons

    key, payload = _map_cached(store, settings, spec, max_nodes)
    lang = current_language()
    key += f"|{lang}"
    snap = snapshot(store, settings)

    def body() -> bytes:
        nodes = [named_node(snap, node, lang) for node in payload["nodes"]]
        page = {**payload, "nodes": nodes, "notes": reasons(payload["notes"])}
        return json.dumps(page, separators=(",", ":")).encode()

    cached: bytes = snap.cached("json", key, body)
    return cached


# -- entry points ---------------------------------------------------------------------------
def entry_point_rows(store: Store, settings: Any, spec: MapSpec, top: int | None = 100) -> list[dict[str, Any]]:
    """The ranked candidates that pass the filters (kind, sphere, country, sector, status).

    Cached per data version and filters: a request for a list already made is a dictionary lookup.
    """
    return [dict(row) for row in _entry_rows_cached(store, settings, spec, top)]


def entry_point_page(
    store: Store, settings: Any, spec: MapSpec, start: int, count: int
) -> tuple[list[dict[str, Any]], int]:
    """One page of :func:`entry_point_rows` (every candidate that passes the filters) and how many
    there are in all; only the page's rows are copied, with the names in the language of the request."""
    rows = _entry_rows_cached(store, settings, spec, None)
    snap, lang = snapshot(store, settings), current_language()
    page = [{**row, "name": local_name_of(snap, row["id"], lang) or row["name"]} for row in rows[start : start + count]]
    return page, len(rows)


def _entry_rows_cached(store: Store, settings: Any, spec: MapSpec, top: int | None) -> list[dict[str, Any]]:
    snap = snapshot(store, settings)
    key = f"{spec.key()}|{top}"
    cached: list[dict[str, Any]] = snap.cached("entry_rows", key, lambda: _entry_point_rows(snap, spec, top))
    return cached


def _entry_point_rows(snap: Snapshot, spec: MapSpec, top: int | None) -> list[dict[str, Any]]:
    rows = []
    sectors = {s.lower() for s in spec.sector}
    for ep in snap.entry_points():
        if spec.kind and ep.kind not in spec.kind:
            continue
        if spec.sphere and ep.sphere not in spec.sphere:
            continue
        if spec.country and str(ep.country or "").upper() not in spec.country:
            continue
        if sectors and not sectors.intersection(s.lower() for s in ep.sectors):
            continue
        if spec.status and (ep.engagement or "none") not in spec.status:
            continue
        rows.append(
            {
                "rank": ep.rank,
                "id": str(ep.id),
                "name": ep.name,
                "kind": ep.kind,
                "sphere": ep.sphere,
                "country": ep.country,
                "sectors": ep.sectors,
                "engagement": ep.engagement or "none",
                "score": ep.score,
                "components": ep.components,
                "reasons": ep.reasons,
                "route": (ep.route or {}).get("text"),
            }
        )
        if top is not None and len(rows) >= top:
            break
    return rows
