"""``map.html``: the engagement map in one self-contained file (vis-network inlined, no network access).

Positions come from the server-side layout (physics off), so it renders at once. The page has a
legend, kind/sphere/entry-point filters in plain JavaScript and the entry points marked (stars,
ranked). All user text reaches the page as JSON in a ``<script type="application/json">`` block with
``<``, ``>`` and ``&`` escaped, and is shown as plain text (``textContent``, plain-text titles).
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

from netmap.drawing.colours import KIND_COLOURS
from netmap.drawing.vis import vis_network_js
from netmap.export.state import ExportState
from netmap.export.static_map import kind_name

__all__ = ["map_data", "render_html", "write_html"]

LABELLED = 40


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


def _json_for_script(data: Any) -> str:
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


_PAGE = """<!doctype html>
<html lang="@@LANG@@">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<title>@@TITLE@@</title>
<style>
body{margin:0;font:14px/1.4 system-ui,sans-serif;color:#222;display:flex;height:100vh}
#side{width:300px;overflow:auto;padding:12px 14px;border-right:1px solid #ddd;box-sizing:border-box}
#map{flex:1;height:100vh}
h1{font-size:17px;margin:0 0 4px}.meta{color:#666;font-size:12px;margin:0 0 10px}
h2{font-size:13px;text-transform:uppercase;letter-spacing:.04em;color:#555;margin:14px 0 6px}
label{display:flex;align-items:center;gap:6px;margin:2px 0;cursor:pointer}
.sw{display:inline-block;width:12px;height:12px;border-radius:50%}
ol{padding-left:22px;margin:0}li{margin:0 0 6px}li small{color:#666;display:block}
#status{color:#666;font-size:12px}.q{white-space:nowrap}
</style>
</head>
<body>
<aside id="side">
<h1>@@HEADING@@</h1>
<p class="meta">@@META@@</p>
<p id="status">@@LOADING@@</p>
<h2>@@SHOW@@</h2>
<label><input type="checkbox" id="only-entry"> @@ONLY@@</label>
<h2>@@KINDS@@</h2><div id="kinds"></div>
<h2>@@SPHERE@@</h2><div id="spheres"></div>
<h2>@@ENTRIES@@</h2><p class="meta">@@STARS@@</p><ol id="entries"></ol>
</aside>
<div id="map"></div>
<script type="application/json" id="map-data">@@DATA@@</script>
<script>@@VIS@@</script>
<script>
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("map-data").textContent);
  var hiddenKinds = {}, hiddenSpheres = {}, onlyEntry = false;
  function box(parent, text, colour, onChange) {
    var label = document.createElement("label"), input = document.createElement("input");
    input.type = "checkbox"; input.checked = true;
    input.addEventListener("change", function () { onChange(input.checked); });
    label.appendChild(input);
    if (colour) { var sw = document.createElement("span"); sw.className = "sw"; sw.style.background = colour; label.appendChild(sw); }
    label.appendChild(document.createTextNode(text));
    parent.appendChild(label);
  }
  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    return {id: n.id, label: n.label, title: n.title, x: n.x, y: n.y, size: n.size,
      shape: n.entry ? "star" : (n.home ? "diamond" : "dot"),
      color: {background: n.color, border: n.entry ? "#c9a100" : (n.home ? "#000" : n.color)},
      borderWidth: n.entry || n.home ? 3 : 1, font: {size: n.entry || n.home ? 16 : 12}};
  }));
  var edges = new vis.DataSet(data.edges.map(function (e, i) {
    return {id: i, from: e.from, to: e.to, title: e.title, width: e.width, color: {color: "#b9b9b9", opacity: 0.6}};
  }));
  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });
  var container = document.getElementById("map");
  var network = new vis.Network(container, {nodes: nodes, edges: edges}, {
    physics: false, layout: {improvedLayout: false},
    interaction: {hover: true, tooltipDelay: 120, hideEdgesOnDrag: data.edges.length > 5000},
    edges: {smooth: false}, nodes: {shape: "dot"}
  });
  function apply() {
    var shown = 0, updates = data.nodes.map(function (n) {
      var hide = !!hiddenKinds[n.group] || (n.sphere && !!hiddenSpheres[n.sphere]) || (onlyEntry && !n.entry && !n.home);
      if (!hide) { shown++; }
      return {id: n.id, hidden: hide};
    });
    nodes.update(updates);
    document.getElementById("status").textContent = data.text.shown.replace("%(shown)s", shown)
      .replace("%(total)s", data.nodes.length).replace("%(ties)s", data.edges.length);
  }
  var kinds = document.getElementById("kinds");
  data.legend.forEach(function (k) { box(kinds, k.name, k.color, function (on) { hiddenKinds[k.group] = !on; apply(); }); });
  var spheres = document.getElementById("spheres");
  data.spheres.forEach(function (s) { box(spheres, s.name, null, function (on) { hiddenSpheres[s.key] = !on; apply(); }); });
  document.getElementById("only-entry").addEventListener("change", function (ev) { onlyEntry = ev.target.checked; apply(); });
  var list = document.getElementById("entries");
  data.entryPoints.forEach(function (e) {
    var li = document.createElement("li"), a = document.createElement("a");
    a.href = "#"; a.textContent = e.name + " (" + e.score + ")";
    a.addEventListener("click", function (ev) { ev.preventDefault(); network.selectNodes([e.id]); network.focus(e.id, {scale: 1.2, animation: false}); });
    li.appendChild(a);
    var small = document.createElement("small"); small.textContent = e.reasons; li.appendChild(small);
    list.appendChild(li);
  });
  network.once("afterDrawing", function () { document.body.setAttribute("data-rendered", "yes"); });
  apply();
  network.fit({animation: false});
}());
</script>
</body>
</html>
"""


def render_html(state: ExportState) -> str:
    t = state.tr
    _ = t._
    title = _("Engagement map %(quarter)s", quarter=str(state.quarter))
    meta = _(
        "Data as of %(date)s · %(nodes)s nodes · %(ties)s ties · made with netmap",
        date=t.date(state.data_date) or _("unknown"),
        nodes=t.number(state.graph.number_of_nodes()),
        ties=t.number(state.graph.number_of_edges()),
    )
    words = {
        "LANG": state.lang,
        "TITLE": title,
        "META": meta,
        "LOADING": _("Loading…"),
        "SHOW": _("Show"),
        "ONLY": _("Only entry points and us"),
        "KINDS": _("Kind (legend)"),
        "SPHERE": _("Sphere"),
        "ENTRIES": _("Entry points"),
        "STARS": _("Stars, ranked: actors we are not yet engaged with, worth approaching."),
    }
    values = {k: html.escape(v) for k, v in words.items()}
    quarter = html.escape(str(state.quarter))  # the heading never breaks the quarter at its hyphen
    values["HEADING"] = values["TITLE"].replace(quarter, f'<span class="q">{quarter}</span>', 1)
    values.update(DATA=_json_for_script(map_data(state)), VIS=vis_network_js())
    return re.sub(r"@@([A-Z]+)@@", lambda m: values[m.group(1)], _PAGE)


def write_html(path: Path, state: ExportState) -> None:
    Path(path).write_text(render_html(state), encoding="utf-8")
