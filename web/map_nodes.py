"""What the web map draws for a view: its nodes (colour, size, shape, label priority, tooltip), its ties,
the vis-network options, and the communities an over-large view is aggregated into.

Built with pyvis's node and edge options; positions come from :mod:`netmap.drawing.layouts`.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Mapping
from typing import Any

from netmap.web.mapspec import MapSpec
from netmap.web.snapshots import Snapshot

from netmap.drawing.colours import KIND_COLOURS
from netmap.drawing.layouts import lay_out, top_brokers
from netmap.drawing.positions import compute_positions
from netmap.model.names import local_name

__all__ = [
    "LABEL_CHARS",
    "community_payload",
    "local_name_of",
    "named_node",
    "network",
    "node_payload",
    "short_label",
    "tooltip",
    "vis_options",
]


def tooltip(data: Mapping[str, Any], score: float | None) -> str:
    """Plain text (vis-network shows string titles as text, never HTML)."""
    lines = [str(data.get("name") or "")]
    kind = data.get("kind") or data.get("label")
    lines.append(" · ".join(str(x) for x in (kind, data.get("sphere"), data.get("country")) if x))
    if data.get("engagement"):
        lines.append(f"engagement: {data.get('engagement')}")
    if score:
        lines.append(f"entry score: {score:.2f}")
    return "\n".join(lines)


def network() -> Any:
    from pyvis.network import Network

    net = Network(height="100%", width="100%", directed=False, cdn_resources="remote")
    net.toggle_physics(False)
    return net


def vis_options(net: Any) -> dict[str, Any]:
    opts = json.loads(net.options.to_json())
    opts["physics"] = {"enabled": False}
    opts["edges"] = {"smooth": False, "color": {"color": "#b0b8c4", "highlight": "#333"}, "width": 1}
    opts["nodes"] = {"shape": "dot", "font": {"size": 12}, "borderWidth": 1}
    opts["interaction"] = {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": True, "navigationButtons": False}
    opts["layout"] = {"improvedLayout": False}
    return opts


def local_name_of(snap: Snapshot, node_id: Any, lang: str) -> str | None:
    """The node's name in ``lang`` (see :func:`netmap.model.names.local_name`); ``None`` when the node
    is not in the graph (a community, a group)."""
    return local_name(snap.graph.nodes[node_id], lang) if node_id in snap.graph else None


def named_node(snap: Snapshot, node: dict[str, Any], lang: str) -> dict[str, Any]:
    """A map node with its label and tooltip in ``lang``: the payload (cached for every language) keeps
    the original names."""
    name = local_name_of(snap, node["id"], lang)
    if name is None or name == node.get("name"):
        return node
    rank = node.get("rank")
    title = tooltip({**snap.graph.nodes[node["id"]], "name": name}, node.get("score"))
    return {**node, "name": name, "text": (f"{rank} " if rank else "") + short_label(name), "title": title}


def layout_of(snap: Snapshot, sub: Any, spec: MapSpec) -> Any:
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


def label_priority(snap: Snapshot, sub: Any, ranks: Mapping[str, int], brokers: frozenset[Any]) -> dict[Any, int]:
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


def node_payload(snap: Snapshot, sub: Any, spec: MapSpec, saved: Mapping[str, Any]) -> dict[str, Any]:
    ids = sorted(sub.nodes, key=str)
    layout = layout_of(snap, sub, spec)
    positions = layout.positions
    ranks = {str(e.id): int(e.rank) for e in snap.entry_points()[:25]}
    structure = snap.structure.nodes
    brokers = top_brokers({n: float(structure.get(n, {}).get("cross_sphere_betweenness") or 0.0) for n in sub})
    priority = label_priority(snap, sub, ranks, brokers)
    parents = snap.routes().parents() if snap.home is not None else {}
    net = network()
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
            title=tooltip(d, score),
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
        "options": vis_options(net),
        "aggregated": False,
        "layout": layout.name,
        "regions": layout.regions,
        "layout_notes": layout.notes,
    }


def community_payload(snap: Snapshot, sub: Any, max_nodes: int) -> dict[str, Any]:
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
    net = network()
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
    return {"nodes": net.nodes, "edges": net.edges, "options": vis_options(net), "aggregated": True}
