"""Layouts that mean something: where each node goes on the map, and the regions drawn behind it.

Four layouts, the same for the web map and the quarterly slide:

- ``spheres`` (the default): humanitarian actors in a band on the left, economic ones on the right,
  ``both`` and the cross-sphere brokers in the band between, so a bridge is visible at a glance;
  programmes and forums sit among their members. Inside each band the order comes from a force layout
  of the whole graph, so ties stay short where they can.
- ``around-us``: rings by warm-route distance from the home actor (partners and direct ties, one
  introduction away, two, three or more, no known route); each actor sits in the angle of the one who
  introduces it, so the introducer is the node just inside it.
- ``communities``: each community packed as a disc with its description (main kind, sector, country).
- ``force``: a force-directed layout (Fruchterman–Reingold).

Everything is deterministic for a seed: same graph, same positions. Positions are vis-network units
(y grows downwards).

>>> import networkx as nx
>>> g = nx.Graph([("h", "b"), ("b", "e")])
>>> nx.set_node_attributes(g, {"h": "humanitarian", "b": "both", "e": "economic"}, "sphere")
>>> pos = lay_out("spheres", g).positions
>>> pos["h"][0] < pos["b"][0] < pos["e"][0]
True
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from netmap.drawing.positions import SEED, compute_positions
from netmap.errors import InputError
from netmap.messages import Message
from netmap.model import ENGAGED_STATUSES

__all__ = ["DEFAULT_LAYOUT", "LAYOUTS", "RINGS", "Layout", "check_layout", "lay_out", "top_brokers"]

LAYOUTS: tuple[str, ...] = ("spheres", "around-us", "communities", "force")
DEFAULT_LAYOUT = "spheres"

#: The rings of ``around-us``, inside out (ring 0 is the home actor itself).
RINGS: tuple[str, ...] = ("us", "direct", "one-introduction", "two-introductions", "further", "unreachable")

_BANDS: tuple[str, ...] = ("humanitarian", "between", "economic")


@dataclass(frozen=True, slots=True)
class Layout:
    """Positions per node, the regions to draw behind them (bands, rings or community discs), and notes
    for the reader (e.g. why ``around-us`` fell back to ``force``)."""

    name: str
    positions: dict[Any, tuple[float, float]]
    regions: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: Per node: the ring (``around-us``) or band (``spheres``) it was put in.
    placed: dict[Any, str] = field(default_factory=dict)


def check_layout(name: str) -> str:
    """The layout's canonical name, or an :class:`InputError` that lists the layouts.

    >>> check_layout("Around-Us")
    'around-us'
    >>> check_layout("circle")
    Traceback (most recent call last):
    ...
    netmap.errors.InputError: layout: 'circle' is not a layout — use one of spheres, around-us, communities, force
    """
    canon = str(name).strip().lower().replace("_", "-")
    if canon not in LAYOUTS:
        raise InputError("layout", f"{str(name)[:40]!r} is not a layout", f"use one of {', '.join(LAYOUTS)}")
    return canon


def top_brokers(bridging: Mapping[Any, float], share: float = 0.05, at_least: int = 3) -> frozenset[Any]:
    """The actors with the most cross-sphere betweenness (those above zero): the top ``share`` of them,
    and at least ``at_least``.

    >>> sorted(top_brokers({"a": 5.0, "b": 0.0, "c": 2.0, "d": 1.0}, at_least=2))
    ['a', 'c']
    """
    ranked = sorted((n for n, v in bridging.items() if v > 0), key=lambda n: (-bridging[n], str(n)))
    return frozenset(ranked[: max(at_least, math.ceil(share * len(ranked)))])


def lay_out(
    name: str,
    graph: nx.Graph,
    *,
    home: Any = None,
    route_parent: Mapping[Any, Any] | None = None,
    brokers: Collection[Any] = (),
    partition: Mapping[Any, int | None] | None = None,
    seed: int = SEED,
) -> Layout:
    """Lay ``graph`` out with the layout ``name`` (see the module docstring).

    ``route_parent`` maps each node reachable from ``home`` to the node before it on its cheapest warm
    route (``around-us``); ``brokers`` are put in the middle band of ``spheres``; ``partition`` gives each
    node's community (``communities``; computed with Louvain when not given or incomplete).
    """
    name = check_layout(name)
    if graph.number_of_nodes() == 0:
        return Layout(name, {})
    if name == "spheres":
        return _spheres(graph, frozenset(brokers), seed)
    if name == "around-us":
        if home is None or home not in graph:
            force = _force(graph, seed)
            note = Message(
                "The around-us layout needs a home actor (the organisation the map is drawn for): an "
                "administrator sets it with %(command)s. Showing the force layout.",
                command="'netmap config set home_actor ID'",
            )
            return Layout("force", force, notes=[note])
        return _around_us(graph, home, route_parent or {}, seed)
    if name == "communities":
        return _communities(graph, partition, seed)
    return Layout("force", _force(graph, seed))


# -- shared pieces ------------------------------------------------------------------------------------
def _force(graph: nx.Graph, seed: int) -> dict[Any, tuple[float, float]]:
    ids = sorted(graph.nodes, key=str)
    return compute_positions(ids, sorted(((u, v) for u, v in graph.edges()), key=str), seed)


def _span(count: int) -> float:
    """The width of the drawing for ``count`` nodes: grows with the square root, like the force layout."""
    return 120.0 * math.sqrt(max(1, count)) + 300.0


def _ranks(values: Mapping[Any, float]) -> dict[Any, float]:
    """Each key's rank among ``values`` in [0, 1] (ties broken by key)."""
    order = sorted(values, key=lambda n: (values[n], str(n)))
    last = max(1, len(order) - 1)
    return {n: i / last for i, n in enumerate(order)}


def _is_actor(data: Mapping[str, Any]) -> bool:
    return data.get("label", "Actor") == "Actor"


# -- spheres ------------------------------------------------------------------------------------------
def _band_of(node: Any, data: Mapping[str, Any], brokers: frozenset[Any]) -> str:
    sphere = data.get("sphere")
    if node in brokers or sphere not in ("humanitarian", "economic"):
        return "between"
    return str(sphere)


def _spheres(graph: nx.Graph, brokers: frozenset[Any], seed: int) -> Layout:
    force = _force(graph, seed)
    actors = [n for n, d in graph.nodes(data=True) if _is_actor(d)]
    band = {n: _band_of(n, graph.nodes[n], brokers) for n in actors}
    counts = Counter(band.values())
    total = max(1, len(actors))
    height = _span(len(graph)) * 0.75
    width = height * 1.6
    gap = width * 0.04
    # each band is as wide as its share of actors, but never narrower than a fifth of the drawing
    shares = {b: max(counts.get(b, 0) / total, 1 / 5) for b in _BANDS}
    scale = (width - 2 * gap) / sum(shares.values())
    x0 = -width / 2
    bounds: dict[str, tuple[float, float]] = {}
    for b in _BANDS:
        bounds[b] = (x0, x0 + shares[b] * scale)
        x0 += shares[b] * scale + gap
    positions: dict[Any, tuple[float, float]] = {}
    for b in _BANDS:
        members = [n for n in actors if band[n] == b]
        if not members:
            continue
        xs = _ranks({n: force[n][0] for n in members})
        ys = _ranks({n: force[n][1] for n in members})
        left, right = bounds[b]
        inner = (right - left) * 0.9
        for n in members:
            # ranks spread the band evenly; the force layout's order keeps neighbours near each other
            positions[n] = (
                round(left + (right - left - inner) / 2 + xs[n] * inner, 1),
                round((ys[n] - 0.5) * height * 0.9, 1),
            )
    _place_among_members(graph, positions, force, height)
    regions = [
        {
            "shape": "band",
            "key": b,
            "x0": round(bounds[b][0], 1),
            "x1": round(bounds[b][1], 1),
            "y0": round(-height / 2, 1),
            "y1": round(height / 2, 1),
            "count": counts.get(b, 0),
        }
        for b in _BANDS
    ]
    placed: dict[Any, str] = dict(band)
    placed.update({n: "among-members" for n in graph if n not in band})
    return Layout("spheres", positions, regions, placed=placed)


def _place_among_members(
    graph: nx.Graph,
    positions: dict[Any, tuple[float, float]],
    fallback: Mapping[Any, tuple[float, float]],
    height: float,
) -> None:
    """Programmes, forums and other non-actors: at the centre of their placed neighbours, nudged by a
    fixed angle per node so two with the same members do not sit on each other."""
    others = sorted((n for n in graph if n not in positions), key=str)
    for i, n in enumerate(others):
        near = [positions[m] for m in graph.adj[n] if m in positions]
        if near:
            cx = sum(p[0] for p in near) / len(near)
            cy = sum(p[1] for p in near) / len(near)
        else:
            cx, cy = fallback[n][0] * 0.5, fallback[n][1] * 0.5
        angle = i * 2.399963  # the golden angle: successive nudges never line up
        nudge = height * 0.02
        positions[n] = (round(cx + nudge * math.cos(angle), 1), round(cy + nudge * math.sin(angle), 1))


# -- around us ----------------------------------------------------------------------------------------
def _ring_of(node: Any, data: Mapping[str, Any], depth: int | None) -> int:
    if depth is None:
        return len(RINGS) - 1
    if depth == 0:
        return 0
    if data.get("engagement") in ENGAGED_STATUSES or depth == 1:
        return 1
    return min(depth, 4)


def _around_us(graph: nx.Graph, home: Any, route_parent: Mapping[Any, Any], seed: int) -> Layout:
    children: dict[Any, list[Any]] = {}
    for node in graph:
        parent = route_parent.get(node)
        if node != home and parent is not None and parent in graph:
            children.setdefault(parent, []).append(node)
    depth: dict[Any, int] = {home: 0}
    order = [home]
    for node in order:  # breadth first over the route tree
        kids = sorted(children.get(node, ()), key=str)
        children[node] = kids
        for kid in kids:
            if kid not in depth:
                depth[kid] = depth[node] + 1
                order.append(kid)
    leaves: dict[Any, int] = {}
    for node in reversed(order):
        leaves[node] = max(1, sum(leaves[k] for k in children.get(node, ()) if k in leaves))
    ring = {n: _ring_of(n, graph.nodes[n], depth.get(n)) for n in graph}
    step = _span(len(graph)) / (2 * len(RINGS))
    positions: dict[Any, tuple[float, float]] = {home: (0.0, 0.0)}
    span: dict[Any, tuple[float, float]] = {home: (-math.pi / 2, 3 * math.pi / 2)}
    for node in order:
        start, end = span[node]
        kids = children.get(node, [])
        width = (end - start) / max(1, sum(leaves[k] for k in kids))
        for kid in kids:
            share = width * leaves[kid]
            span[kid] = (start, start + share)
            start += share
            angle = (span[kid][0] + span[kid][1]) / 2
            radius = ring[kid] * step
            positions[kid] = (round(radius * math.cos(angle), 1), round(radius * math.sin(angle), 1))
    unreachable = sorted((n for n in graph if n not in positions), key=str)
    for i, n in enumerate(unreachable):
        angle = -math.pi / 2 + 2 * math.pi * i / max(1, len(unreachable))
        radius = ring[n] * step
        positions[n] = (round(radius * math.cos(angle), 1), round(radius * math.sin(angle), 1))
    counts = Counter(ring.values())
    regions = [
        {"shape": "ring", "key": RINGS[r], "r": round((r + 0.5) * step, 1), "count": counts.get(r, 0)}
        for r in range(1, len(RINGS))
    ]
    return Layout("around-us", positions, regions, placed={n: RINGS[ring[n]] for n in graph})


# -- communities --------------------------------------------------------------------------------------
def _community_info(graph: nx.Graph, members: Iterable[Any]) -> dict[str, Any]:
    kinds: Counter[str] = Counter()
    countries: Counter[str] = Counter()
    sectors: Counter[str] = Counter()
    size = 0
    for n in members:
        size += 1
        d = graph.nodes[n]
        if _is_actor(d):
            kinds[str(d.get("kind") or "Other")] += 1
            if d.get("country"):
                countries[str(d["country"])] += 1
            for s in d.get("sectors") or ():
                sectors[str(s)] += 1

    def main(counter: Counter[str]) -> str | None:
        if not counter:
            return None
        value, count = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[0]
        return value if count * 3 >= sum(counter.values()) else None  # only when a third or more share it

    return {"kind": main(kinds), "sector": main(sectors), "country": main(countries), "count": size}


def community_label(info: Mapping[str, Any]) -> str:
    """A community's description in English (the web map composes it in the reader's language).

    >>> community_label({"kind": "NGO", "sector": "labour mobility", "country": "US", "count": 12})
    'NGO · labour mobility · US (12)'
    >>> community_label({"kind": None, "sector": None, "country": None, "count": 3})
    'mixed (3)'
    """
    parts = [str(info[k]) for k in ("kind", "sector", "country") if info.get(k)]
    return f"{' · '.join(parts) or 'mixed'} ({info['count']})"


def _communities(graph: nx.Graph, partition: Mapping[Any, int | None] | None, seed: int) -> Layout:
    from netmap.analytics.communities import louvain

    given = {n: partition.get(n) for n in graph} if partition is not None else {}
    parts: Mapping[Any, Any] = (
        given if all(c is not None for c in given.values()) and given else louvain(graph, seed=seed)
    )
    groups: dict[Any, list[Any]] = {}
    for n in sorted(graph, key=str):
        groups.setdefault(parts[n], []).append(n)
    ordered = sorted(groups.values(), key=lambda ms: (-len(ms), str(ms[0])))
    unit = 60.0
    radii = [unit * (1.0 + math.sqrt(len(ms))) for ms in ordered]
    # shelf packing: rows of discs, the row width chosen for a 16:9 drawing
    area = sum((2 * r) ** 2 for r in radii)
    row_width = math.sqrt(area * 16 / 9)
    centres: list[tuple[float, float]] = []
    x = y = row_height = 0.0
    for r in radii:
        if x > 0 and x + 2 * r > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        centres.append((x + r, y + r))
        x += 2 * r * 1.08
        row_height = max(row_height, 2 * r * 1.08)
    total_w = max(c[0] + r for c, r in zip(centres, radii, strict=True))
    total_h = max(c[1] + r for c, r in zip(centres, radii, strict=True))
    positions: dict[Any, tuple[float, float]] = {}
    regions: list[dict[str, Any]] = []
    for members, (cx, cy), r in zip(ordered, centres, radii, strict=True):
        cx, cy = cx - total_w / 2, cy - total_h / 2
        inner = _force(graph.subgraph(members), seed)
        far = max((math.hypot(px, py) for px, py in inner.values()), default=0.0) or 1.0
        for n in members:
            px, py = inner[n]
            positions[n] = (round(cx + px / far * r * 0.85, 1), round(cy + py / far * r * 0.85, 1))
        info = _community_info(graph, members)
        regions.append(
            {
                "shape": "disc",
                "x": round(cx, 1),
                "y": round(cy, 1),
                "r": round(r, 1),
                **info,
                "label": community_label(info),
            }
        )
    placed = {n: f"community-{i}" for i, ms in enumerate(ordered) for n in ms}
    return Layout("communities", positions, regions, placed=placed)
