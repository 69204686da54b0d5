"""One actor's analysis (scores with reasons, warm routes from the home actor) and the warm paths
between two actors, explained and drawn, for the actor and path pages.
"""

from __future__ import annotations

from typing import Any

from netmap.web.map_nodes import network, tooltip, vis_options
from netmap.web.snapshots import Snapshot, snapshot

from netmap.drawing.colours import KIND_COLOURS
from netmap.drawing.positions import compute_positions
from netmap.errors import InputError, NotFound
from netmap.store import Store

__all__ = ["actor_analysis", "path_payload"]


def actor_analysis(store: Store, settings: Any, node: str, k: int = 3) -> dict[str, Any]:
    """Scores with reasons and warm paths from the home actor, for one actor page.

    The routes come from the snapshot's route tree (one Dijkstra from home per data version): the
    cheapest route, then up to ``k - 1`` alternatives through other last introducers, so a first
    view costs the length of its routes, not a search. The exact top-k is :func:`path_payload`
    (the page links to it).
    """
    snap = snapshot(store, settings)
    result: dict[str, Any] = snap.cached("actors", f"{node}|{k}", lambda: _actor_analysis(snap, node, k))
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


def path_payload(store: Store, settings: Any, source: str, target: str, k: int = 3) -> dict[str, Any]:
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
    net = network()
    for n in ids:
        d = snap.graph.nodes[n]
        kind = d.get("kind") if d.get("label", "Actor") == "Actor" else d.get("label")
        x, y = positions[n]
        net.add_node(
            n,
            label=str(d.get("name") or n)[:60],
            title=tooltip(d, None),
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
    return {"paths": paths, "nodes": net.nodes, "edges": net.edges, "options": vis_options(net)}
