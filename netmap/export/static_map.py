"""``map.png`` (16:9, for a slide) and ``map.pdf`` (one A4 landscape page, for print) with matplotlib.

Same layout as ``map.html``; labels for the top actors (PageRank) and the entry points, a legend, the
title, quarter and data date. Deterministic: fixed size and dpi, no creation date in the PDF, no
software stamp in the PNG, the object-oriented API (no pyplot state).
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

from netmap.drawing.colours import KIND_COLOURS
from netmap.export.state import ExportState

__all__ = ["draw_map", "write_pdf", "write_png"]

LABELS = 18
MAX_LABEL = 34


def _short(text: str) -> str:
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1] + "…"


def draw_map(state: ExportState, size: tuple[float, float]) -> Any:
    """A matplotlib Figure of the map."""
    from matplotlib.collections import LineCollection
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    graph, pos = state.graph, state.positions
    entry = state.entry_ids()
    home = state.home
    fig = Figure(figsize=size, dpi=100, facecolor="white")
    ax = fig.add_axes((0.01, 0.05, 0.78, 0.85))
    ax.set_axis_off()
    n_nodes = max(1, graph.number_of_nodes())
    segments = [(pos[u], pos[v]) for u, v in graph.edges() if u in pos and v in pos]
    segments = [((a[0], -a[1]), (b[0], -b[1])) for a, b in segments]
    ax.add_collection(
        LineCollection(
            segments,
            colors="#9a9a9a",
            linewidths=0.3 if n_nodes > 1000 else 0.6,
            alpha=0.35 if n_nodes > 1000 else 0.6,
            zorder=1,
        )
    )
    groups: dict[str, list[Any]] = {}
    for n, d in graph.nodes(data=True):
        if n in entry or n == home:
            continue
        group = str(d.get("kind") or "Other") if d.get("label", "Actor") == "Actor" else str(d.get("label"))
        groups.setdefault(group, []).append(n)
    dot = max(2.0, min(30.0, 6000.0 / n_nodes))
    handles = []
    for group in sorted(groups):
        ids = sorted(groups[group], key=str)
        colour = KIND_COLOURS.get(group, KIND_COLOURS["Other"])
        ax.scatter([pos[n][0] for n in ids], [-pos[n][1] for n in ids], s=dot, c=colour, linewidths=0, zorder=2)
        handles.append(Line2D([], [], marker="o", linestyle="", color=colour, label=group))
    ranked = sorted(entry, key=lambda n: entry[n])
    if ranked:
        colours = [KIND_COLOURS.get(str(graph.nodes[n].get("kind") or "Other"), KIND_COLOURS["Other"]) for n in ranked]
        ax.scatter(
            [pos[n][0] for n in ranked],
            [-pos[n][1] for n in ranked],
            s=max(60.0, dot * 4),
            marker="*",
            c=colours,
            edgecolors="#c9a100",
            linewidths=1.0,
            zorder=4,
        )
        handles.append(
            Line2D(
                [],
                [],
                marker="*",
                linestyle="",
                markersize=12,
                color="#ffffff",
                markeredgecolor="#c9a100",
                label="entry point (rank)",
            )
        )
    if home and home in pos:
        ax.scatter([pos[home][0]], [-pos[home][1]], s=max(70.0, dot * 4), marker="D", c="#000000", zorder=4)
        handles.append(Line2D([], [], marker="D", linestyle="", color="#000000", label="us (home actor)"))
    top = sorted(
        (n for n, d in graph.nodes(data=True) if d.get("label", "Actor") == "Actor"),
        key=lambda n: (-(state.scores.get(n, {}).get("pagerank") or 0.0), str(n)),
    )[:LABELS]
    labelled = list(dict.fromkeys([*ranked[:10], *top, *([home] if home in pos else [])]))
    for n in labelled:
        name = str(graph.nodes[n].get("name") or n)
        text = f"#{entry[n]} {_short(name)}" if n in entry else _short(name)
        ax.annotate(
            text,
            (pos[n][0], -pos[n][1]),
            xytext=(4, 4),
            textcoords="offset points",
            fontsize=7,
            zorder=5,
            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8},
        )
    ax.margins(0.03)
    ax.set_aspect("equal", adjustable="datalim")
    fig.text(0.01, 0.965, f"Engagement map {state.quarter}", fontsize=16, fontweight="bold", va="top")
    actors = sum(1 for _n, d in graph.nodes(data=True) if d.get("label", "Actor") == "Actor")
    fig.text(
        0.01,
        0.918,
        f"Data as of {(state.data_date or 'unknown')[:10]} · {actors} actors · "
        f"{graph.number_of_edges()} ties · {len(entry)} entry points",
        fontsize=9,
        color="#444444",
        va="top",
    )
    fig.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(0.80, 0.9),
        fontsize=8,
        frameon=False,
        title="Kind",
        title_fontsize=9,
    )
    if ranked:
        lines = [f"{entry[n]}. {_short(str(graph.nodes[n].get('name') or n))}" for n in ranked[:10]]
        fig.text(0.80, 0.30, "Top entry points\n" + "\n".join(lines), fontsize=7, va="top", linespacing=1.4)
    fig.text(
        0.01,
        0.015,
        "netmap · positions are a force-directed layout; distance suggests, it does not measure",
        fontsize=7,
        color="#777777",
    )
    return fig


def write_png(path: Path, state: ExportState) -> None:
    fig = draw_map(state, (2000 / 150, 1125 / 150))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fig.savefig(path, format="png", dpi=150, metadata={"Software": None})


def write_pdf(path: Path, state: ExportState) -> None:
    fig = draw_map(state, (11.69, 8.27))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fig.savefig(path, format="pdf", metadata={"CreationDate": None, "Creator": "netmap", "Producer": "netmap"})
