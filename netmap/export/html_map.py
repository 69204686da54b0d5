"""``map.html``: the engagement map in one self-contained file (vis-network inlined, no network access).

The page is a pyvis :class:`~pyvis.network.Network`: its nodes (with x/y, colour, shape, plain-text
title), edges and vis-network options, rendered by ``Network.generate_html`` through this package's
template (``templates/map.html``) with the vis-network build bundled with netmap inlined.
Positions come from the server-side layout (physics off), so it renders at once. The page has a
legend, kind/sphere/entry-point filters in plain JavaScript and the entry points marked (stars,
ranked). All user text reaches the page as JSON in a ``<script type="application/json">`` block with
``<``, ``>``, ``&`` and ``'`` escaped (Jinja's ``tojson``), and is shown as plain text (``textContent``,
plain-text titles); the words of the page are HTML-escaped (the template environment autoescapes).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape
from pyvis.network import Network

from netmap.drawing.colours import KIND_COLOURS
from netmap.drawing.vis import vis_network_js
from netmap.export.state import ExportState
from netmap.export.static_map import kind_name

__all__ = ["map_data", "network", "render_html", "write_html"]

LABELLED = 40
#: Above this many ties the map hides them while it is dragged (vis-network stays fluid).
DRAG_HIDES_TIES = 5000
TEMPLATES = Path(__file__).with_name("templates")


def _group(data: dict[str, Any]) -> str:
    return str(data.get("kind") or "Other") if data.get("label", "Actor") == "Actor" else str(data.get("label"))


def map_data(state: ExportState) -> dict[str, Any]:
    """Nodes (with x/y, colour, plain-text title, entry rank) and edges for the page, sorted; the text in
    the bundle's language."""
    t = state.tr
    _ = t._
    graph = state.graph
    entry = state.entry_ids()
    home = state.home
    ranked = sorted(
        (n for n, d in graph.nodes(data=True) if d.get("label", "Actor") == "Actor"),
        key=lambda n: (-(state.scores.get(n, {}).get("pagerank") or 0.0), str(n)),
    )
    labelled = set(ranked[:LABELLED]) | set(entry) | ({home} if home else set())
    nodes = []
    for n in sorted(graph.nodes, key=str):
        d = graph.nodes[n]
        s = state.scores.get(n, {})
        group = _group(d)
        facts = (_(kind_name(group)), d.get("sphere") and _(str(d["sphere"])), d.get("country"))
        lines = [str(d.get("name") or n), " · ".join(str(x) for x in facts if x)]
        if d.get("engagement"):
            lines.append(_("engagement: %(status)s", status=_(str(d["engagement"]))))
        if n in entry:
            lines.append(
                _("entry point #%(rank)s, score %(score)s", rank=entry[n], score=t.number(s.get("entryScore")))
            )
        if n == home:
            lines.append(_("this is us (home actor)"))
        x, y = state.positions.get(n, (0.0, 0.0))
        score = s.get("entryScore") or 0.0
        nodes.append(
            {
                "id": str(n),
                "name": str(d.get("name") or n),
                "label": (f"#{entry[n]} " if n in entry else "") + str(d.get("name") or n) if n in labelled else "",
                "title": "\n".join(lines),
                "x": x,
                "y": y,
                "group": group,
                "sphere": d.get("sphere") or "",
                "color": KIND_COLOURS.get(group, KIND_COLOURS["Other"]),
                "size": round(8 + 16 * float(score), 2) if n in entry else (14 if n == home else 8),
                "entry": entry.get(n),
                "home": n == home,
            }
        )
    edges = []
    for u, v, d in sorted(graph.edges(data=True), key=lambda e: (str(e[0]), str(e[1]))):
        types = sorted({str(ev.get("type")) for ev in d.get("evidence", ())})
        edges.append(
            {
                "from": str(u),
                "to": str(v),
                "title": ", ".join(_(ty.lower().replace("_", " ")) for ty in types),
                "width": min(6.0, 0.5 + float(d.get("weight") or 1) / 2),
            }
        )
    entries = [
        {
            "rank": e["rank"],
            "id": str(e["id"]),
            "name": e["name"],
            "score": t.number(e["score"]),
            "reasons": ("\u00a0; " if t.lang == "fr" else "; ").join(t.render_all(e["reasons"][:4])),
        }
        for e in state.entry_points.get("entry_points", [])
    ]
    kinds = sorted({nd["group"] for nd in nodes})
    return {
        "nodes": nodes,
        "edges": edges,
        "entryPoints": entries,
        "legend": sorted(
            ({"group": k, "name": _(kind_name(k)), "color": KIND_COLOURS.get(k, KIND_COLOURS["Other"])} for k in kinds),
            key=lambda k: k["name"].casefold(),
        ),
        "spheres": [{"key": k, "name": _(k)} for k in sorted({nd["sphere"] for nd in nodes if nd["sphere"]})],
        "text": {"shown": _("%(shown)s of %(total)s shown · %(ties)s ties")},
    }


def _vis_node(node: dict[str, Any]) -> dict[str, Any]:
    """A node of :func:`map_data` with vis-network's styling: entry points are ranked stars, we are a
    diamond; the page's filters read ``kind``, ``sphere``, ``entry`` and ``home``."""
    marked = bool(node["entry"] or node["home"])
    return {
        "title": node["title"],
        "x": node["x"],
        "y": node["y"],
        "size": node["size"],
        "name": node["name"],
        "kind": node["group"],  # not vis-network's ``group``: that would restyle the node
        "sphere": node["sphere"],
        "entry": node["entry"],
        "home": node["home"],
        "color": {
            "background": node["color"],
            "border": "#c9a100" if node["entry"] else ("#000" if node["home"] else node["color"]),
        },
        "borderWidth": 3 if marked else 1,
        "font": {"size": 16 if marked else 12},
    }


def network(state: ExportState) -> Network:
    """The bundle's map as a pyvis network: nodes, ties and options, the page's words and side panel."""
    t = state.tr
    _ = t._
    data = map_data(state)
    net = Network(height="100vh", width="100%", directed=False, cdn_resources="in_line")
    # pyvis's own template.html loads Bootstrap from a CDN whatever cdn_resources says (pyvis issues
    # #228, #229; PR #201 unmerged), and its in_line build is not the vis-network netmap ships: the page
    # is this package's template, rendered by pyvis with autoescaping on for the page's words.
    net.set_template_dir(str(TEMPLATES), "map.html")
    net.templateEnv.autoescape = True
    for node in data.pop("nodes"):
        shape = "star" if node["entry"] else ("diamond" if node["home"] else "dot")
        net.add_node(node["id"], label=node["label"], shape=shape, **_vis_node(node))
        # add_node puts the id where the label is empty; most actors are drawn without a label
        net.node_map[node["id"]]["label"] = node["label"]
    # add_edge checks each tie against every tie and node before it (quadratic: pyvis issue #304); the
    # ties of a simple graph are unique and between its nodes, so they go in as pyvis's edge rows
    net.edges = [{"id": i, **edge} for i, edge in enumerate(data.pop("edges"))]
    net.set_options(
        json.dumps(
            {
                "physics": {"enabled": False},
                "layout": {"improvedLayout": False},
                "interaction": {
                    "hover": True,
                    "tooltipDelay": 120,
                    "hideEdgesOnDrag": len(net.edges) > DRAG_HIDES_TIES,
                },
                "edges": {"smooth": False, "color": {"color": "#b9b9b9", "opacity": 0.6}},
                "nodes": {"shape": "dot"},
            }
        )
    )
    title = _("Engagement map %(quarter)s", quarter=str(state.quarter))
    quarter = str(state.quarter)  # the heading never breaks the quarter at its hyphen
    net.heading = escape(title).replace(quarter, Markup('<span class="q">{}</span>').format(quarter), 1)
    net.templateEnv.globals.update(
        page=data,
        vis_js=vis_network_js(),
        words={
            "LANG": state.lang,
            "TITLE": title,
            "META": _(
                "Data as of %(date)s · %(nodes)s nodes · %(ties)s ties · made with netmap",
                date=t.date(state.data_date) or _("unknown"),
                nodes=t.number(state.graph.number_of_nodes()),
                ties=t.number(state.graph.number_of_edges()),
            ),
            "LOADING": _("Loading…"),
            "SHOW": _("Show"),
            "ONLY": _("Only entry points and us"),
            "KINDS": _("Kind (legend)"),
            "SPHERE": _("Sphere"),
            "ENTRIES": _("Entry points"),
            "STARS": _("Stars, ranked: actors we are not yet engaged with, worth approaching."),
        },
    )
    return net


def render_html(state: ExportState) -> str:
    """The page of :func:`network`, as pyvis renders it."""
    return str(network(state).generate_html("map.html"))


def write_html(path: Path, state: ExportState) -> None:
    # not Network.write_html: it writes in the locale's encoding, not UTF-8 (pyvis PR #222, unmerged),
    # and the French and Spanish pages are not ASCII
    Path(path).write_text(render_html(state), encoding="utf-8")
