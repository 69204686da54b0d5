"""Server-side map views: the filtered/ego graph, its positions, the bounded payload, and their caches.

The browser draws; it never lays out thousands of nodes. For a view (the filters, an optional focus
actor and hops) this module projects the graph, bounds it (at most :data:`MAX_NODES` nodes: above
that the view is aggregated into communities or cut to the top-N by entry score, with a note saying
so), computes positions with igraph (Fruchterman-Reingold or DrL, fixed seed) and returns the
vis-network ``nodes``/``edges``/``options`` built with pyvis. Payloads are cached per
``(view key, data version)``; positions a user saved for a view (``NETMAP_HOME/layouts``) win over
computed ones.

The analysis every page shares (the projected graph, structural scores, entry points, the tree of
cheapest routes from the home actor) is the :class:`~netmap.web.snapshots.Snapshot` of the data
version (see :mod:`netmap.web.snapshots`: made in the background after an edit).

>>> MapSpec.parse({"kind": ["Company"], "hops": ["2"], "focus": ["acme"]}).key()
'focus=acme&hops=2&kind=Company'
>>> MapSpec.parse({"layout": ["around-us"]}).key()
'layout=around-us'
"""

from __future__ import annotations

import hashlib
import json
import math
import threading
import time
from collections import Counter
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from netmap.web.i18n import Note, current_language
from netmap.web.snapshots import Snapshot, current_version, facets, invalidate, snapshot

from netmap.drawing.colours import KIND_COLOURS
from netmap.drawing.layouts import DEFAULT_LAYOUT, LAYOUTS, check_layout, lay_out, top_brokers
from netmap.drawing.positions import compute_positions
from netmap.errors import InputError, NotFound
from netmap.messages import N_, Count
from netmap.model import ACTOR_KINDS, ENGAGEMENT_STATUSES, REL_TYPES, SPHERES
from netmap.model.names import local_name
from netmap.private import private_dir, write_private

__all__ = [
    "KIND_COLOURS",
    "LAYOUTS",
    "MAX_NODES",
    "MapSpec",
    "Snapshot",
    "compute_positions",
    "current_version",
    "facets",
    "invalidate",
    "entry_point_page",
    "entry_point_rows",
    "load_positions",
    "map_payload",
    "path_payload",
    "save_positions",
    "snapshot",
]

MAX_NODES = 1500
_ALLOWED = {
    "kind": {k.lower(): k for k in ACTOR_KINDS},
    "sphere": {s: s for s in SPHERES},
    "status": {s: s for s in ENGAGEMENT_STATUSES},
    "rel": {r.lower(): r for r in REL_TYPES},
}


# -- the view spec ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class MapSpec:
    """One map view: filters (empty = all), a focus actor with 1-3 hops, and how to aggregate."""

    kind: tuple[str, ...] = ()
    sphere: tuple[str, ...] = ()
    country: tuple[str, ...] = ()
    sector: tuple[str, ...] = ()
    status: tuple[str, ...] = ()
    rel: tuple[str, ...] = ()
    focus: str | None = None
    hops: int = 1
    aggregate: str = "top"
    layout: str = DEFAULT_LAYOUT

    @classmethod
    def parse(cls, args: Mapping[str, Any]) -> MapSpec:
        """From query-string style ``{name: [values]}`` (or single strings); :class:`InputError` when bad."""

        def values(name: str) -> list[str]:
            raw = args.get(name) or []
            raw = [raw] if isinstance(raw, str) else list(raw)
            out: list[str] = []
            for item in raw:
                out += [v.strip() for v in str(item).split(",") if v.strip()]
            if len(out) > 200 or any(len(v) > 200 for v in out):
                raise InputError(name, "too many or too long values")
            return out

        fields: dict[str, Any] = {}
        for name, allowed in _ALLOWED.items():
            chosen = []
            for v in values(name):
                canon = allowed.get(v.lower())
                if canon is None:
                    raise InputError(name, f"{v!r} is not a {name}", f"use one of {', '.join(allowed.values())}")
                chosen.append(canon)
            fields[name] = tuple(sorted(set(chosen)))
        fields["country"] = tuple(sorted({v.upper() for v in values("country")}))
        fields["sector"] = tuple(sorted(set(values("sector"))))
        focus = values("focus")
        fields["focus"] = focus[0] if focus else None
        hops_raw = values("hops") or ["1"]
        try:
            hops = int(hops_raw[0])
        except ValueError:
            raise InputError("hops", f"{hops_raw[0]!r} is not a number", "use 1, 2 or 3") from None
        if not 1 <= hops <= 3:
            raise InputError("hops", f"{hops} is out of range", "use 1, 2 or 3")
        fields["hops"] = hops
        aggregate = (values("aggregate") or ["top"])[0]
        if aggregate not in ("top", "communities"):
            raise InputError("aggregate", f"{aggregate!r} is not a choice", "use top or communities")
        fields["aggregate"] = aggregate
        fields["layout"] = check_layout((values("layout") or [DEFAULT_LAYOUT])[0])
        return cls(**fields)

    def key(self) -> str:
        parts = []
        for name in ("aggregate", "country", "focus", "hops", "kind", "layout", "rel", "sector", "sphere", "status"):
            value = getattr(self, name)
            if (
                name == "hops"
                and not self.focus
                or name == "aggregate"
                and value == "top"
                or name == "layout"
                and value == DEFAULT_LAYOUT
            ):
                continue
            if isinstance(value, tuple):
                if value:
                    parts.append(f"{name}={','.join(value)}")
            elif value is not None:
                parts.append(f"{name}={value}")
        return "&".join(parts)


# -- positions ----------------------------------------------------------------------------------------
def _layout_file(home: Path, view_key: str) -> Path:
    digest = hashlib.sha256(view_key.encode()).hexdigest()[:32]
    return Path(home) / "layouts" / f"{digest}.json"


#: Saved views kept at most; saving one more drops the least recently saved (bounded storage).
MAX_SAVED_VIEWS = 200


def save_positions(
    home: Path,
    view_key: str,
    positions: Mapping[str, Any],
    *,
    known: Collection[str] | None = None,
    max_views: int = MAX_SAVED_VIEWS,
) -> int:
    """Keep the positions a user arranged for a view; returns how many were saved.

    With ``known`` (the view's node ids) an id the view does not show is refused, so what is stored
    is bounded by the graph; at most ``max_views`` views are kept, the least recently saved go first.
    """
    clean: dict[str, list[float]] = {}
    if not isinstance(positions, Mapping) or len(positions) > 20000:
        raise InputError("positions", "expected an object of at most 20000 {id: [x, y]} entries")
    unknown = [str(node) for node in positions if known is not None and str(node) not in known]
    if unknown:
        raise InputError(
            "positions",
            f"{len(unknown):,} id(s) are not on this view, e.g. {unknown[0][:50]!r}",
            "reload the map and save its layout again",
        )
    for node, xy in positions.items():
        try:
            x, y = float(xy[0]), float(xy[1])
        except (TypeError, ValueError, IndexError, KeyError):
            raise InputError("positions", f"{str(node)[:50]!r} has no [x, y]") from None
        if not (math.isfinite(x) and math.isfinite(y)):
            raise InputError("positions", f"{str(node)[:50]!r} has a non-finite position")
        clean[str(node)[:300]] = [round(x, 1), round(y, 1)]
    path = _layout_file(home, view_key)
    private_dir(path.parent, root=home)
    write_private(path, json.dumps({"view": view_key, "positions": clean}))
    _SAVED_CACHE.pop(str(path), None)
    saved = sorted(path.parent.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in saved[max(max_views, 1) :]:
        old.unlink(missing_ok=True)
        _SAVED_CACHE.pop(str(old), None)
    return len(clean)


def view_node_ids(store: Any, settings: Any, spec: MapSpec) -> set[str]:
    """The ids of every node the view can show (before the size cap): what a saved layout may hold."""
    return {str(n) for n in _filtered(snapshot(store, settings), spec).nodes}


_SAVED_CACHE: dict[str, tuple[float, dict[str, list[float]]]] = {}


def load_positions(home: Path, view_key: str) -> dict[str, list[float]]:
    path = _layout_file(home, view_key)
    try:
        mtime = path.stat().st_mtime
    except OSError:
        return {}
    cached = _SAVED_CACHE.get(str(path))
    if cached and cached[0] == mtime:
        return cached[1]
    try:
        data = json.loads(path.read_text(encoding="utf-8")).get("positions", {})
    except (OSError, ValueError):
        return {}
    _SAVED_CACHE[str(path)] = (mtime, data)
    return data


# -- the map payload ----------------------------------------------------------------------------------
def _tooltip(data: Mapping[str, Any], score: float | None) -> str:
    """Plain text (vis-network shows string titles as text, never HTML)."""
    lines = [str(data.get("name") or "")]
    kind = data.get("kind") or data.get("label")
    lines.append(" · ".join(str(x) for x in (kind, data.get("sphere"), data.get("country")) if x))
    if data.get("engagement"):
        lines.append(f"engagement: {data.get('engagement')}")
    if score:
        lines.append(f"entry score: {score:.2f}")
    return "\n".join(lines)


def _filtered(snap: Snapshot, spec: MapSpec) -> Any:
    graph = snap.graph
    keep_home = {snap.home} if snap.home else set()
    kinds = set(spec.kind)
    statuses = set(spec.status)
    countries = set(spec.country)
    sectors = {s.lower() for s in spec.sector}
    actor_filters = bool(kinds or spec.sphere or countries or sectors or statuses)
    nodes = []
    for n, d in graph.nodes(data=True):
        if n in keep_home or (spec.focus and n == spec.focus):
            nodes.append(n)
            continue
        if d.get("label", "Actor") != "Actor":
            if kinds and d.get("label") not in kinds:
                continue
            if countries and d.get("countries") and not countries.intersection(d.get("countries") or ()):
                continue
            nodes.append(n)
            continue
        if kinds and d.get("kind") not in kinds:
            continue
        if spec.sphere and d.get("sphere") not in spec.sphere:
            continue
        if countries and str(d.get("country") or "").upper() not in countries:
            continue
        if sectors and not sectors.intersection(str(s).lower() for s in d.get("sectors") or ()):
            continue
        if statuses and (d.get("engagement") or "none") not in statuses:
            continue
        nodes.append(n)
    sub = graph.subgraph(nodes)
    if spec.rel:
        allowed = set(spec.rel)
        keep_edges = [
            (u, v) for u, v, d in sub.edges(data=True) if any(e.get("type") in allowed for e in d.get("evidence") or ())
        ]
        sub = (
            sub.edge_subgraph(keep_edges).copy()
            if not actor_filters and not spec.focus
            else _with_nodes(sub, keep_edges)
        )
    if spec.focus:
        import networkx as nx

        if spec.focus not in graph:
            raise NotFound(f"no actor with id {spec.focus!r} on the map", "search the map for its name")
        if spec.focus not in sub:
            return sub.subgraph([spec.focus])
        sub = nx.ego_graph(sub, spec.focus, radius=spec.hops)
    return sub


def _with_nodes(sub: Any, keep_edges: list[tuple[str, str]]) -> Any:
    import networkx as nx

    g = nx.Graph()
    g.add_nodes_from(sub.nodes(data=True))
    g.add_edges_from((u, v, sub.edges[u, v]) for u, v in keep_edges)
    return g


def _network() -> Any:
    from pyvis.network import Network

    net = Network(height="100%", width="100%", directed=False, cdn_resources="remote")
    net.toggle_physics(False)
    return net


def _options(net: Any) -> dict[str, Any]:
    opts = json.loads(net.options.to_json())
    opts["physics"] = {"enabled": False}
    opts["edges"] = {"smooth": False, "color": {"color": "#b0b8c4", "highlight": "#333"}, "width": 1}
    opts["nodes"] = {"shape": "dot", "font": {"size": 12}, "borderWidth": 1}
    opts["interaction"] = {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": True, "navigationButtons": False}
    opts["layout"] = {"improvedLayout": False}
    return opts


def map_payload(store: Any, settings: Any, spec: MapSpec, *, max_nodes: int = MAX_NODES) -> dict[str, Any]:
    """The vis-network data for one view: nodes with x/y, edges, options, legend and notes."""
    return _map_cached(store, settings, spec, max_nodes)[1]


def _map_cached(store: Any, settings: Any, spec: MapSpec, max_nodes: int) -> tuple[str, dict[str, Any]]:
    snap = snapshot(store, settings)
    cache_key = f"{spec.key()}|{max_nodes}"
    home_dir = Path(getattr(settings, "home", "."))
    try:
        saved_token = _layout_file(home_dir, spec.key()).stat().st_mtime
    except OSError:
        saved_token = 0.0
    cache_key += f"|{saved_token}"
    with snap._lock:
        cached = snap._payloads.get(cache_key)
        building = snap._building.setdefault(cache_key, threading.Lock()) if cached is None else None
    if cached is not None:
        return cache_key, cached
    assert building is not None
    with building:  # single-flight: concurrent first requests of one view wait for one layout
        with snap._lock:
            cached = snap._payloads.get(cache_key)
        if cached is None:
            cached = _compute_payload(snap, spec, max_nodes, home_dir, saved_token)
            with snap._lock:
                snap._payloads[cache_key] = cached
                snap._building.pop(cache_key, None)
                while len(snap._payloads) > 64:
                    snap._payloads.popitem(last=False)
    return cache_key, cached


def _compute_payload(
    snap: Snapshot, spec: MapSpec, max_nodes: int, home_dir: Path, saved_token: float
) -> dict[str, Any]:
    saved = load_positions(home_dir, spec.key()) if saved_token else {}
    started = time.perf_counter()
    sub = _filtered(snap, spec)
    total = sub.number_of_nodes()
    notes: list[str] = []
    if total > max_nodes and spec.aggregate == "communities":
        payload = _community_payload(snap, sub, max_nodes)
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
        payload = _node_payload(snap, sub, spec, saved)
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


def map_json(store: Any, settings: Any, spec: MapSpec, *, max_nodes: int = MAX_NODES) -> bytes:
    """:func:`map_payload` serialised once per payload and language (what the map endpoint sends): the
    notes, and the actors' names where they have one, in the language of the request."""
    from netmap.web.i18n import reasons

    key, payload = _map_cached(store, settings, spec, max_nodes)
    lang = current_language()
    key += f"|{lang}"
    snap = snapshot(store, settings)
    with snap._lock:
        cached = snap._json.get(key)
    if cached is None:
        nodes = [_named_node(snap, node, lang) for node in payload["nodes"]]
        body = {**payload, "nodes": nodes, "notes": reasons(payload["notes"])}
        cached = json.dumps(body, separators=(",", ":")).encode()
        with snap._lock:
            snap._json[key] = cached
            while len(snap._json) > 64:
                snap._json.popitem(last=False)
    return cached


def _local(snap: Snapshot, node_id: Any, lang: str) -> str | None:
    """The node's name in ``lang`` (see :func:`netmap.model.names.local_name`); ``None`` when the node
    is not in the graph (a community, a group)."""
    return local_name(snap.graph.nodes[node_id], lang) if node_id in snap.graph else None


def _named_node(snap: Snapshot, node: dict[str, Any], lang: str) -> dict[str, Any]:
    """A map node with its label and tooltip in ``lang``: the payload (cached for every language) keeps
    the original names."""
    name = _local(snap, node["id"], lang)
    if name is None or name == node.get("name"):
        return node
    rank = node.get("rank")
    tooltip = _tooltip({**snap.graph.nodes[node["id"]], "name": name}, node.get("score"))
    return {**node, "name": name, "text": (f"{rank} " if rank else "") + short_label(name), "title": tooltip}


def _layout_of(snap: Snapshot, sub: Any, spec: MapSpec) -> Any:
    """The view's layout (see :mod:`netmap.drawing.layouts`), fed with the snapshot's analysis."""
    structure = snap.structure.nodes
    tree = snap.routes() if spec.layout == "around-us" else None
    return lay_out(
        spec.layout,
        sub,
        home=snap.home,
        route_parent=tree.parents() if tree is not None else None,
        brokers=top_brokers({n: float(structure.get(n, {}).get("cross_sphere_betweenness") or 0.0) for n in sub}),
        partition={n: structure.get(n, {}).get("community") for n in sub},
    )


#: Labels longer than this are cut with "…" on the map (the tooltip has the whole name).
LABEL_CHARS = 32


def short_label(name: str, limit: int = LABEL_CHARS) -> str:
    """``name`` cut to ``limit`` characters at a word boundary where one is near, with "…".

    >>> short_label("Ministry of Labour and Social Security of the Republic", 24)
    'Ministry of Labour and…'
    """
    name = " ".join(str(name).split())
    if len(name) <= limit:
        return name
    cut = name[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit * 0.6 else cut).rstrip(" ,;:-–") + "…"


def _priority(snap: Snapshot, sub: Any, ranks: Mapping[str, int], brokers: frozenset[Any]) -> dict[Any, int]:
    """The order labels are drawn in (0 first): us, partners, entry points by rank, the top brokers,
    then everyone else by entry score and connections. A label that would overlap one drawn before it
    is hidden, so this order decides who is named when space runs out."""

    def key(n: Any) -> tuple[Any, ...]:
        d = sub.nodes[n]
        if n == snap.home:
            tier = 0
        elif d.get("engagement") in ("partner", "engaged"):
            tier = 1
        elif n in ranks:
            tier = 2
        elif n in brokers:
            tier = 3
        else:
            tier = 4
        return (tier, ranks.get(n, 0), -snap.entry_score(n), -sub.degree(n), str(n))

    return {n: i for i, n in enumerate(sorted(sub.nodes, key=key))}


def _node_payload(snap: Snapshot, sub: Any, spec: MapSpec, saved: Mapping[str, Any]) -> dict[str, Any]:
    ids = sorted(sub.nodes, key=str)
    layout = _layout_of(snap, sub, spec)
    positions = layout.positions
    ranks = {str(e.id): int(e.rank) for e in snap.entry_points()[:25]}
    structure = snap.structure.nodes
    brokers = top_brokers({n: float(structure.get(n, {}).get("cross_sphere_betweenness") or 0.0) for n in sub})
    priority = _priority(snap, sub, ranks, brokers)
    parents = snap.routes().parents() if snap.home is not None else {}
    net = _network()
    for n in ids:
        d = sub.nodes[n]
        kind = d.get("kind") if d.get("label", "Actor") == "Actor" else d.get("label")
        score = snap.entry_score(n)
        x, y = saved.get(n) or positions[n]
        is_home = n == snap.home
        is_partner = d.get("engagement") in ("partner", "engaged")
        rank = ranks.get(n)
        name = str(d.get("name") or n)
        via = parents.get(n)
        net.add_node(
            n,
            title=_tooltip(d, score),
            x=x,
            y=y,
            physics=False,
            color={
                "background": KIND_COLOURS.get(str(kind), "#7f7f7f"),
                "border": "#000000" if rank else ("#2ca02c" if is_partner else "#555555"),
            },
            size=10 + 30 * score + (10 if is_home else 0),
            shape="star" if is_home else ("diamond" if rank else ("square" if d.get("label") != "Actor" else "dot")),
            borderWidth=4 if (rank or is_partner) else 1,
            name=name,
            text=(f"{rank} " if rank else "") + short_label(name),
            priority=priority[n],
            kind=kind,
            sphere=d.get("sphere"),
            country=d.get("country"),
            engagement=d.get("engagement") or "none",
            entry=bool(rank),
            rank=rank,
            broker=n in brokers,
            partner=is_partner,
            home=is_home,
            score=round(score, 4),
            via=None if via is None or via == snap.home else str(sub.nodes[via].get("name") if via in sub else via),
            placed=layout.placed.get(n),
        )
        net.nodes[-1].pop("label", None)  # the page draws the labels itself, never overlapping
    from pyvis.edge import Edge

    for u, v, d in sub.edges(data=True):
        types = sorted({str(e.get("type")) for e in d.get("evidence") or ()})
        if spec.rel:
            types = [t for t in types if t in spec.rel] or types
        edge = Edge(u, v, False, title=", ".join(types), width=min(6.0, 0.5 + float(d.get("weight") or 1.0)))
        net.edges.append(edge.options)
    return {
        "nodes": net.nodes,
        "edges": net.edges,
        "options": _options(net),
        "aggregated": False,
        "layout": layout.name,
        "regions": layout.regions,
        "layout_notes": layout.notes,
    }


def _community_payload(snap: Snapshot, sub: Any, max_nodes: int) -> dict[str, Any]:
    from netmap.analytics.communities import louvain

    parts = louvain(sub.copy())
    members: dict[int, list[str]] = {}
    for n, c in parts.items():
        members.setdefault(c, []).append(n)
    between: Counter[tuple[int, int]] = Counter()
    for u, v in sub.edges():
        cu, cv = parts[u], parts[v]
        if cu != cv:
            between[(min(cu, cv), max(cu, cv))] += 1
    comm_ids = sorted(members)[:max_nodes]
    positions = compute_positions([f"c{c}" for c in comm_ids], [(f"c{a}", f"c{b}") for a, b in between])
    net = _network()
    for c in comm_ids:
        group = members[c]
        top = sorted(group, key=lambda n: (-snap.entry_score(n), -sub.degree(n), str(n)))[:3]
        kinds = Counter(str(sub.nodes[n].get("kind") or sub.nodes[n].get("label")) for n in group)
        names = ", ".join(str(sub.nodes[n].get("name") or n) for n in top)
        x, y = positions[f"c{c}"]
        net.add_node(
            f"c{c}",
            text=short_label(f"{len(group)} actors: {names}", 48),
            name=f"{len(group)} actors: {names}",
            priority=len(comm_ids) - len(group),
            x=x,
            y=y,
            physics=False,
            title=f"Community {c}: {len(group)} actors\nmost: {kinds.most_common(1)[0][0]}\nincl. {names}",
            color={"background": KIND_COLOURS.get(kinds.most_common(1)[0][0], "#aec7e8"), "border": "#555555"},
            size=min(80, 8 + 4 * math.sqrt(len(group))),
            shape="dot",
            community=True,
            members=len(group),
            kind="Community",
            focus=top[0] if top else None,
        )
        net.nodes[-1].pop("label", None)
    from pyvis.edge import Edge

    for (a, b), count in between.items():
        if a in members and b in members and a in comm_ids and b in comm_ids:
            net.edges.append(
                Edge(f"c{a}", f"c{b}", False, title=f"{count} ties", width=min(8.0, 1 + math.log1p(count))).options
            )
    return {"nodes": net.nodes, "edges": net.edges, "options": _options(net), "aggregated": True}


# -- entry points and paths ---------------------------------------------------------------------------
def entry_point_rows(store: Any, settings: Any, spec: MapSpec, top: int | None = 100) -> list[dict[str, Any]]:
    """The ranked candidates that pass the filters (kind, sphere, country, sector, status).

    Cached per data version and filters: a request for a list already made is a dictionary lookup.
    """
    return [dict(row) for row in _entry_rows_cached(store, settings, spec, top)]


def entry_point_page(
    store: Any, settings: Any, spec: MapSpec, start: int, count: int
) -> tuple[list[dict[str, Any]], int]:
    """One page of :func:`entry_point_rows` (every candidate that passes the filters) and how many
    there are in all; only the page's rows are copied, with the names in the language of the request."""
    rows = _entry_rows_cached(store, settings, spec, None)
    snap, lang = snapshot(store, settings), current_language()
    page = [{**row, "name": _local(snap, row["id"], lang) or row["name"]} for row in rows[start : start + count]]
    return page, len(rows)


def _entry_rows_cached(store: Any, settings: Any, spec: MapSpec, top: int | None) -> list[dict[str, Any]]:
    snap = snapshot(store, settings)
    key = f"{spec.key()}|{top}"
    with snap._lock:
        cached = snap._entry_rows.get(key)
    if cached is None:
        cached = _entry_point_rows(snap, spec, top)
        with snap._lock:
            snap._entry_rows[key] = cached
            while len(snap._entry_rows) > 64:
                snap._entry_rows.popitem(last=False)
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


def actor_analysis(store: Any, settings: Any, node: str, k: int = 3) -> dict[str, Any]:
    """Scores with reasons and warm paths from the home actor, for one actor page.

    The routes come from the snapshot's route tree (one Dijkstra from home per data version): the
    cheapest route, then up to ``k - 1`` alternatives through other last introducers, so a first
    view costs the length of its routes, not a search. The exact top-k is :func:`path_payload`
    (the page links to it).
    """
    snap = snapshot(store, settings)
    with snap._lock:
        cached = snap._actors.get(f"{node}|{k}")
    if cached is not None:
        return cached
    result = _actor_analysis(snap, node, k)
    with snap._lock:
        snap._actors[f"{node}|{k}"] = result
        while len(snap._actors) > 5000:
            snap._actors.popitem(last=False)
    return result


def _actor_analysis(snap: Snapshot, node: str, k: int) -> dict[str, Any]:
    if node not in snap.graph:
        return {"in_graph": False, "entry": None, "structure": {}, "paths": [], "home": snap.home}
    ep = snap.entry_point(node)
    structure = {k2: v for k2, v in snap.structure.nodes.get(node, {}).items() if not isinstance(v, dict)}
    paths = []
    tree = snap.routes()
    if tree is not None and node != snap.home:
        paths = [_path_dict(p) for p in tree.routes(node, k=k)]
    return {
        "in_graph": True,
        "home": snap.home,
        "structure": structure,
        "paths": paths,
        "entry": None
        if ep is None
        else {"rank": ep.rank, "score": ep.score, "components": ep.components, "reasons": ep.reasons},
    }


def _path_dict(p: Any) -> dict[str, Any]:
    return {
        "nodes": [str(n) for n in p.nodes],
        "names": list(p.names),
        "cost": p.cost,
        "text": p.text,
        "hops": [{k: (str(v) if k in ("from", "to") else v) for k, v in h.items()} for h in p.hops],
        "reasons": list(p.reasons),
        "introducers": list(p.introducers),
    }


def path_payload(store: Any, settings: Any, source: str, target: str, k: int = 3) -> dict[str, Any]:
    """Top-k warm paths between two actors, explained, with the nodes and edges to draw them."""
    from netmap.analytics.paths import warm_paths

    if not 1 <= k <= 10:
        raise InputError("k", f"{k} is out of range", "use 1-10")
    snap = snapshot(store, settings)
    for ref, name in ((source, "from"), (target, "to")):
        if ref not in snap.graph:
            raise NotFound(f"no actor with id {ref!r} ({name})", "pick one from the suggestions")
    paths = [_path_dict(p) for p in warm_paths(snap.graph, source, target, k=k)]
    for p in paths:  # who on the route could introduce us: the actors (not programmes or forums) on it
        p["askable"] = [n for n in p["nodes"][1:-1] if snap.graph.nodes[n].get("label", "Actor") == "Actor"]
    ids = sorted({n for p in paths for n in p["nodes"]} or {source, target})
    edges = sorted({(min(a, b), max(a, b)) for p in paths for a, b in zip(p["nodes"], p["nodes"][1:], strict=False)})
    positions = compute_positions(ids, edges)
    net = _network()
    for n in ids:
        d = snap.graph.nodes[n]
        kind = d.get("kind") if d.get("label", "Actor") == "Actor" else d.get("label")
        x, y = positions[n]
        net.add_node(
            n,
            label=str(d.get("name") or n)[:60],
            title=_tooltip(d, None),
            x=x,
            y=y,
            physics=False,
            color={"background": KIND_COLOURS.get(str(kind), "#7f7f7f"), "border": "#555555"},
            size=25 if n in (source, target) else 14,
            shape="star" if n == snap.home else "dot",
        )
    from pyvis.edge import Edge

    for a, b in edges:
        types = sorted({str(e.get("type")) for e in snap.graph.edges[a, b].get("evidence") or ()})
        net.edges.append(Edge(a, b, False, title=", ".join(types), label=", ".join(types).lower()).options)
    return {"paths": paths, "nodes": net.nodes, "edges": net.edges, "options": _options(net)}
