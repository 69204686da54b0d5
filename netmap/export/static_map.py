"""``map.png`` (16:9, for a slide) and ``map.pdf`` (one A4 landscape page, vector, selectable text): the
quarterly engagement map as a briefing, drawn with matplotlib.

Left, the map in the export's layout (``spheres`` unless ``--layout`` says otherwise) with its regions,
the home actor and the top brokers named and the entry points numbered; labels are placed so that no
two overlap (:mod:`netmap.drawing.labels`), with a leader line where one had to move away from its
point. Right, the top ten entry points as a table (the same numbers as on the map and in
``engagement.xlsx``): name, kind, country, the one-line reason and who can introduce us. Below, the
legend and a footnote naming the sources and saying positions come from a layout.

Deterministic: fixed size and dpi, no creation date in the PDF, no software stamp in the PNG, the
object-oriented API (no pyplot state). Fonts are embedded as TrueType in the PDF so its text can be
selected and searched.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

from netmap.analytics.entry_points import cut_reason, headline_reason
from netmap.drawing.colours import KIND_COLOURS
from netmap.drawing.labels import Label, place_labels
from netmap.export.state import ExportState
from netmap.i18n import Translator
from netmap.messages import N_

__all__ = ["draw_map", "kind_name", "label_boxes", "write_pdf", "write_png"]

BROKERS = 5
TABLE_ROWS = 10
MAX_LABEL = 30
_BAND_FILL = {"humanitarian": "#1f77b4", "between": "#c9a100", "economic": "#ff7f0e"}
_REGION_NAMES = {
    "humanitarian": N_("Humanitarian"),
    "between": N_("Both spheres\nand brokers"),
    "economic": N_("Economic"),
    "direct": N_("Partners and direct ties"),
    "one-introduction": N_("One introduction away"),
    "two-introductions": N_("Two introductions away"),
    "further": N_("Three or more"),
    "unreachable": N_("No known route"),
}
_LAYOUT_NAMES = {
    "spheres": N_("humanitarian actors left, economic right, bridges between"),
    "around-us": N_("rings by warm route from us"),
    "communities": N_("communities packed as groups"),
    "force": N_("force-directed"),
}
#: The kinds as :func:`kind_name` writes them, for the catalogs (the slide shows them translated).
KIND_NAMES = (
    N_("Government"),
    N_("IGO"),
    N_("NGO"),
    N_("Civil society"),
    N_("Refugee-led"),
    N_("Company"),
    N_("Employer organisation"),
    N_("Trade union"),
    N_("Academic"),
    N_("Foundation"),
    N_("Other"),
    N_("Programme"),
    N_("Forum"),
)


def kind_name(kind: str) -> str:
    """A kind as a board reads it.

    >>> kind_name("EmployerOrganisation"), kind_name("IGO"), kind_name("RefugeeLed")
    ('Employer organisation', 'IGO', 'Refugee-led')
    """
    import re

    if kind == "RefugeeLed":
        return "Refugee-led"
    if kind.isupper():
        return kind
    words = re.findall(r"[A-Z][a-z]*", kind) or [kind]
    return " ".join([words[0], *(w.lower() for w in words[1:])])


def _short(text: str, limit: int = MAX_LABEL) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip(" ,;:-–") + "…"


def _draw_regions(ax: Any, regions: list[dict[str, Any]], t: Translator) -> None:
    from matplotlib.patches import Circle, Rectangle

    for r in regions:
        if r["shape"] == "band":
            ax.add_patch(
                Rectangle(
                    (r["x0"], -r["y1"]),
                    r["x1"] - r["x0"],
                    r["y1"] - r["y0"],
                    facecolor=_BAND_FILL.get(r["key"], "#888888"),
                    alpha=0.07,
                    edgecolor="none",
                    zorder=0,
                )
            )
            ax.text(
                (r["x0"] + r["x1"]) / 2,
                -r["y0"],
                f"{t._(_REGION_NAMES[r['key']]) if r['key'] in _REGION_NAMES else r['key']} ({t.number(r['count'])})",
                ha="center",
                va="bottom",
                fontsize=7.5,
                fontweight="bold",
                color="#3b4350",
                linespacing=1.1,
            )
        elif r["shape"] == "ring":
            ax.add_patch(
                Circle((0, 0), r["r"], fill=False, edgecolor="#8a93a3", linestyle="--", linewidth=0.6, zorder=0)
            )
        elif r["shape"] == "disc":
            ax.add_patch(Circle((r["x"], -r["y"]), r["r"], facecolor="#7890aa", alpha=0.08, edgecolor="none", zorder=0))


def _labelled(state: ExportState) -> list[tuple[Any, str, bool]]:
    """What the map names, most important first: us, the numbered entry points, the top brokers."""
    graph, entry, home = state.graph, state.entry_ids(), state.home
    items: list[tuple[Any, str, bool]] = []
    if home and home in graph:
        items.append((home, _short(str(graph.nodes[home].get("name") or home)), True))
    for n in sorted(entry, key=lambda n: entry[n]):
        if n in state.positions:
            items.append((n, str(entry[n]), False))
    brokers = sorted(
        (n for n in graph if n not in entry and n != home and graph.nodes[n].get("label", "Actor") == "Actor"),
        key=lambda n: (-(state.scores.get(n, {}).get("crossSphereBetweenness") or 0.0), str(n)),
    )
    for n in brokers[:BROKERS]:
        if (state.scores.get(n, {}).get("crossSphereBetweenness") or 0.0) > 0:
            items.append((n, _short(str(graph.nodes[n].get("name") or n)), True))
    return items


def _label_map(fig: Any, ax: Any, state: ExportState) -> None:
    """Place the labels without overlap, measuring each text with the figure's renderer."""
    ax.apply_aspect()
    renderer = fig.canvas.get_renderer()
    items = _labelled(state)
    pos = state.positions
    texts, requests = [], []
    for n, text, named in items:
        artist = ax.text(0, 0, text, fontsize=7 if named else 6.5, fontweight="normal" if named else "bold")
        extent = artist.get_window_extent(renderer)
        artist.remove()
        anchor = ax.transData.transform((pos[n][0], -pos[n][1]))
        texts.append((n, text, named))
        requests.append(Label((float(anchor[0]), float(anchor[1])), extent.width + 4, extent.height + 2))
    frame = ax.get_window_extent(renderer)
    # the labelled points' own markers are kept clear, so no label hides a numbered star
    marks = [(r.anchor[0] - 4, r.anchor[1] - 4, r.anchor[0] + 4, r.anchor[1] + 4) for r in requests]
    placements = place_labels(requests, frame=(frame.x0, frame.y0, frame.x1, frame.y1), obstacles=marks, gap=5.0)
    to_data = ax.transData.inverted()
    for (n, text, named), placed in zip(texts, placements, strict=True):
        if placed is None:
            continue
        x0, y0, _x1, _y1 = placed.box
        tx, ty = to_data.transform((x0 + 2, y0 + 1))
        ax.annotate(
            text,
            (pos[n][0], -pos[n][1]),
            xytext=(tx, ty),
            textcoords="data",
            ha="left",
            va="bottom",
            fontsize=7 if named else 6.5,
            fontweight="normal" if named else "bold",
            color="#111111",
            zorder=6,
            gid="netmap-label",
            arrowprops={"arrowstyle": "-", "color": "#666666", "linewidth": 0.5, "shrinkA": 0, "shrinkB": 2}
            if placed.leader
            else None,
        )


def label_boxes(fig: Any) -> list[tuple[str, tuple[float, float, float, float]]]:
    """The text and display box of every map label drawn (for the overlap test): the text's own box,
    without its leader line."""
    from matplotlib.text import Text

    renderer = fig.canvas.get_renderer()
    out = []
    for ax in fig.axes:
        for artist in ax.texts:
            if artist.get_gid() == "netmap-label":
                b = Text.get_window_extent(artist, renderer)
                out.append((artist.get_text(), (b.x0, b.y0, b.x1, b.y1)))
    return out


def _table(fig: Any, state: ExportState, left: float, top: float) -> None:
    t = state.tr
    _ = t._
    rows = state.entry_points.get("entry_points", [])[:TABLE_ROWS]
    fig.text(left, top, _("Top entry points"), fontsize=11, fontweight="bold", va="top")
    if not rows:
        fig.text(left, top - 0.04, _("None this quarter: see the notes in the workbook."), fontsize=8, va="top")
        return
    step = min(0.068, (top - 0.16) / len(rows))
    y = top - 0.045
    for e in rows:
        route = e.get("route") or {}
        via = ", ".join(i["name"] for i in route.get("introducers", []))
        if not via:
            via = (
                _("direct tie")
                if len(route.get("hops", [])) == 1
                else (_("no known route") if not route else _("no partner"))
            )
        fig.text(left, y, f"{e['rank']}", fontsize=9, fontweight="bold", va="top", color="#8a6d00")
        fig.text(left + 0.022, y, _short(e["name"], 46), fontsize=8.5, fontweight="bold", va="top")
        meta = " · ".join(str(x) for x in (e.get("kind") and _(kind_name(e["kind"])), e.get("country")) if x)
        _fit_line(fig, left + 0.022, y - 0.021, meta, t.render(headline_reason(e)), max(30, 86 - len(meta)))
        fig.text(
            left + 0.022,
            y - 0.038,
            _("introduction: %(via)s", via=_short(via, 60)),
            fontsize=6.5,
            va="top",
            color="#555555",
        )
        y -= step


def _fit_line(fig: Any, x: float, y: float, meta: str, reason: str, limit: int) -> None:
    """``meta — reason`` at ``(x, y)``, the reason cut (at a word) until the line ends inside the figure:
    measured, since French and Spanish run longer than English."""
    renderer = fig.canvas.get_renderer()
    while True:
        artist = fig.text(x, y, f"{meta} — {cut_reason(reason, limit)}", fontsize=6.5, va="top", color="#333333")
        if limit <= 20 or artist.get_window_extent(renderer).x1 <= fig.bbox.width * 0.99:
            return
        artist.remove()
        limit -= 3


def _legend(fig: Any, state: ExportState, has_entry: bool) -> None:
    from matplotlib.lines import Line2D

    present = {
        str(d.get("kind") or "Other") if d.get("label", "Actor") == "Actor" else str(d.get("label"))
        for _n, d in state.graph.nodes(data=True)
    }
    _ = state.tr._
    handles = [Line2D([], [], marker="D", linestyle="", color="#000000", markersize=6, label=_("us"))]
    if has_entry:
        handles.append(
            Line2D(
                [],
                [],
                marker="*",
                linestyle="",
                markersize=10,
                color="#ffffff",
                markeredgecolor="#c9a100",
                label=_("entry point (number = table)"),
            )
        )
    handles += [
        Line2D([], [], marker="o", linestyle="", color=colour, markersize=5, label=_(kind_name(kind)))
        for kind, colour in KIND_COLOURS.items()
        if kind in present
    ]
    fig.legend(
        handles=handles,
        loc="lower left",
        bbox_to_anchor=(0.01, 0.035),
        ncol=min(8, len(handles)),
        fontsize=6.5,
        frameon=False,
        handletextpad=0.3,
        columnspacing=1.0,
    )


def _footnote(state: ExportState) -> str:
    _ = state.tr._
    files = sorted({str(s.get("file") or s.get("id") or "") for s in state.sources} - {""})
    shown = ", ".join(files[:4])
    if len(files) > 4:
        shown = _("%(names)s and %(n)s more", names=shown, n=len(files) - 4)
    layout = _(_LAYOUT_NAMES[state.layout_name]) if state.layout_name in _LAYOUT_NAMES else state.layout_name
    return _(
        "Sources: %(sources)s. Positions come from a layout (%(layout)s): distance suggests, it does not measure. netmap",
        sources=shown or _("none recorded"),
        layout=layout,
    )


def draw_map(state: ExportState, size: tuple[float, float]) -> Any:
    """A matplotlib Figure of the briefing (see the module docstring)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.collections import LineCollection
    from matplotlib.figure import Figure

    graph, pos = state.graph, state.positions
    entry = state.entry_ids()
    home = state.home
    fig = Figure(figsize=size, dpi=100, facecolor="white")
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0.01, 0.12, 0.60, 0.75))
    ax.set_axis_off()
    _draw_regions(ax, state.regions, state.tr)
    n_nodes = max(1, graph.number_of_nodes())
    segments = [((pos[u][0], -pos[u][1]), (pos[v][0], -pos[v][1])) for u, v in graph.edges() if u in pos and v in pos]
    ax.add_collection(
        LineCollection(
            segments,
            colors="#9a9a9a",
            linewidths=0.3 if n_nodes > 1000 else 0.5,
            alpha=0.3 if n_nodes > 1000 else 0.5,
            zorder=1,
        )
    )
    groups: dict[str, list[Any]] = {}
    for n, d in graph.nodes(data=True):
        if n in entry or n == home or n not in pos:
            continue
        group = str(d.get("kind") or "Other") if d.get("label", "Actor") == "Actor" else str(d.get("label"))
        groups.setdefault(group, []).append(n)
    dot = max(2.0, min(24.0, 5000.0 / n_nodes))
    for group in sorted(groups):
        ids = sorted(groups[group], key=str)
        colour = KIND_COLOURS.get(group, KIND_COLOURS["Other"])
        marker = "s" if group in ("Programme", "Forum") else "o"
        ax.scatter(
            [pos[n][0] for n in ids], [-pos[n][1] for n in ids], s=dot, c=colour, marker=marker, linewidths=0, zorder=2
        )
    ranked = sorted((n for n in entry if n in pos), key=lambda n: entry[n])
    if ranked:
        colours = [KIND_COLOURS.get(str(graph.nodes[n].get("kind") or "Other"), KIND_COLOURS["Other"]) for n in ranked]
        ax.scatter(
            [pos[n][0] for n in ranked],
            [-pos[n][1] for n in ranked],
            s=max(70.0, dot * 4),
            marker="*",
            c=colours,
            edgecolors="#c9a100",
            linewidths=1.0,
            zorder=4,
        )
    if home and home in pos:
        ax.scatter([pos[home][0]], [-pos[home][1]], s=max(60.0, dot * 3), marker="D", c="#000000", zorder=4)
    xs = [p[0] for p in pos.values()] or [0.0]
    ys = [-p[1] for p in pos.values()] or [0.0]
    for r in state.regions:
        if r["shape"] == "band":
            xs += [r["x0"], r["x1"]]
            ys += [-r["y0"] + 0.04 * (r["y1"] - r["y0"]), -r["y1"]]
    pad_x = (max(xs) - min(xs)) * 0.03 or 1.0
    pad_y = (max(ys) - min(ys)) * 0.03 or 1.0
    ax.set_xlim(min(xs) - pad_x, max(xs) + pad_x)
    ax.set_ylim(min(ys) - pad_y, max(ys) + pad_y)
    ax.set_aspect("equal", adjustable="box")
    _label_map(fig, ax, state)

    t = state.tr
    _ = t._
    fig.text(
        0.01,
        0.965,
        _("Engagement map %(quarter)s", quarter=str(state.quarter)),
        fontsize=16,
        fontweight="bold",
        va="top",
    )
    actors = sum(1 for _n, d in graph.nodes(data=True) if d.get("label", "Actor") == "Actor")
    home_name = graph.nodes[home].get("name", home) if home and home in graph else _("no home actor set")
    fig.text(
        0.01,
        0.915,
        _(
            "Data as of %(date)s · %(actors)s actors · %(ties)s ties · %(entries)s entry points · drawn for %(home)s",
            date=t.date((state.data_date or "")[:10]) or _("unknown"),
            actors=t.number(actors),
            ties=t.number(graph.number_of_edges()),
            entries=t.number(len(entry)),
            home=_short(str(home_name), 50),
        ),
        fontsize=8.5,
        color="#444444",
        va="top",
    )
    _table(fig, state, 0.635, 0.90)
    _legend(fig, state, bool(ranked))
    fig.text(0.01, 0.012, _footnote(state), fontsize=6.5, color="#666666")
    return fig


def write_png(path: Path, state: ExportState) -> None:
    fig = draw_map(state, (2000 / 150, 1125 / 150))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fig.savefig(path, format="png", dpi=150, metadata={"Software": None})


def write_pdf(path: Path, state: ExportState) -> None:
    import matplotlib

    fig = draw_map(state, (11.69, 8.27))
    with warnings.catch_warnings(), matplotlib.rc_context({"pdf.fonttype": 42}):
        warnings.simplefilter("ignore")
        fig.savefig(path, format="pdf", metadata={"CreationDate": None, "Creator": "netmap", "Producer": "netmap"})
