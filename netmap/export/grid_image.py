"""``grid.png``: the power/interest grid of the bundle, for a slide (16:9).

The four quadrants (manage closely, keep satisfied, keep informed, monitor; influence and interest of 4
or 5 count as high), the assessed actors placed by their latest assessment
(:func:`netmap.analytics.grid.power_interest_grid`, which spreads actors sharing a cell on a small
lattice in name order), coloured by stance, with a legend. Entry points are ringed in gold and carry
their rank, the same numbers as on ``map.png`` and in ``engagement.xlsx``; beside the grid, the
numbered ones with their name and quadrant. A graph with no assessment gets a picture saying so.

Deterministic like ``map.png``: fixed size and dpi, no software stamp, the object-oriented API.
"""

from __future__ import annotations

import textwrap
import warnings
from pathlib import Path
from typing import Any

from netmap.export.state import ExportState
from netmap.messages import N_

__all__ = ["STANCE_COLOURS", "draw_grid", "write_png"]

#: The web page's stance colours (web/static CSS), so the slide and the page agree.
STANCE_COLOURS = {"supportive": "#2e7d32", "neutral": "#607d8b", "opposed": "#c62828", "unknown": "#9e9e9e"}
_QUADRANT_TITLES = {
    "keep satisfied": (N_("Keep satisfied"), 0.5, "top", "left"),
    "manage closely": (N_("Manage closely"), 5.5, "top", "right"),
    "monitor": (N_("Monitor"), 0.5, "bottom", "left"),
    "keep informed": (N_("Keep informed"), 5.5, "bottom", "right"),
}
_QUADRANT_FILLS = {
    "manage closely": "#fdecea",
    "keep satisfied": "#fff6e0",
    "keep informed": "#e8f1fb",
    "monitor": "#f4f4f4",
}
EMPTY = N_("No actor has been assessed yet: editors assess an actor on its page (influence, interest, stance).")
ROW = 0.033  # one entry point per line beside the grid, down to BOTTOM
BOTTOM = 0.06
TOP, FLOOR = 5.85, 0.15  # the quadrants reach beyond the ratings, so their titles stay clear of the points
SPLIT = 3.5  # between a low (1-3) and a high (4-5) rating


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _quadrants(ax: Any, t: Any) -> None:
    from matplotlib.patches import Rectangle

    boxes = {
        "keep satisfied": (0.5, SPLIT, SPLIT - 0.5, TOP - SPLIT),
        "manage closely": (SPLIT, SPLIT, 5.5 - SPLIT, TOP - SPLIT),
        "monitor": (0.5, FLOOR, SPLIT - 0.5, SPLIT - FLOOR),
        "keep informed": (SPLIT, FLOOR, 5.5 - SPLIT, SPLIT - FLOOR),
    }
    for key, (x, y, w, h) in boxes.items():
        ax.add_patch(Rectangle((x, y), w, h, facecolor=_QUADRANT_FILLS[key], edgecolor="#b0b7c3", linewidth=0.8))
        title, tx, va, ha = _QUADRANT_TITLES[key]
        ty = TOP if va == "top" else FLOOR
        ax.text(
            tx + (-0.06 if ha == "right" else 0.06),
            ty + (-0.06 if va == "top" else 0.06),
            t._(title),
            ha=ha,
            va=va,
            fontsize=11,
            fontweight="bold",
            color="#3a4250",
            zorder=1,
        )


def _points(ax: Any, points: list[Any]) -> None:
    for stance in STANCE_COLOURS:
        plain = [p for p in points if p.stance == stance and p.entry_rank is None]
        ax.scatter(
            [p.x for p in plain],
            [p.y for p in plain],
            s=46,
            c=STANCE_COLOURS[stance],
            edgecolors="#ffffff",
            linewidths=0.6,
            zorder=3,
        )
    for p in sorted((p for p in points if p.entry_rank is not None), key=lambda p: p.entry_rank):
        ax.scatter(
            [p.x],
            [p.y],
            s=250,
            c=STANCE_COLOURS.get(p.stance, STANCE_COLOURS["unknown"]),
            edgecolors="#c9a100",
            linewidths=2.0,
            zorder=4,
        )
        ax.text(
            p.x,
            p.y,
            str(p.entry_rank),
            ha="center",
            va="center",
            fontsize=7.5,
            fontweight="bold",
            color="#ffffff",
            zorder=5,
        )


def _side(fig: Any, state: ExportState, points: list[Any], left: float, top: float) -> None:
    from matplotlib.patches import Ellipse

    t = state.tr
    _ = t._
    fig.text(left, top, _("Stance"), fontsize=10, fontweight="bold", va="top")
    y = top - 0.045
    for stance, colour in STANCE_COLOURS.items():
        count = sum(1 for p in points if p.stance == stance)
        fig.patches.append(
            Ellipse((left + 0.007, y - 0.011), 0.011, 0.0195, transform=fig.transFigure, facecolor=colour, figure=fig)
        )
        fig.text(left + 0.02, y, f"{_(stance)} ({t.number(count)})", fontsize=9, va="top")
        y -= 0.038
    fig.text(
        left, y - 0.01, _("Gold ring and number: an entry point, with its rank."), fontsize=8, va="top", color="#333333"
    )
    if not points:
        return
    ranked = sorted((p for p in points if p.entry_rank is not None), key=lambda p: p.entry_rank)
    y -= 0.075
    fig.text(left, y, _("Entry points on the grid"), fontsize=10, fontweight="bold", va="top")
    y -= 0.045
    if not ranked:
        fig.text(left, y, _("None of the assessed actors is an entry point."), fontsize=8, va="top")
        return
    room = max(1, int((y - BOTTOM) / ROW))
    shown = ranked if len(ranked) <= room else ranked[: room - 1]
    for p in shown:
        fig.text(left, y, str(p.entry_rank), fontsize=8.5, fontweight="bold", va="top", color="#8a6d00")
        fig.text(left + 0.022, y, _short(p.name, 38), fontsize=8.5, va="top")
        fig.text(left + 0.24, y, _(p.quadrant), fontsize=7.5, va="top", color="#555555")
        y -= ROW
    if len(shown) < len(ranked):
        more = t.number(len(ranked) - len(shown))
        fig.text(left + 0.022, y, _("and %(n)s more in the Grid sheet", n=more), fontsize=8, va="top")


def draw_grid(state: ExportState, size: tuple[float, float] = (2000 / 150, 1125 / 150)) -> Any:
    """A matplotlib Figure: the grid with its quadrants and actors, the stance legend, the entry points."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    t = state.tr
    _ = t._
    points = state.grid_points()
    fig = Figure(figsize=size)
    FigureCanvasAgg(fig)
    fig.text(
        0.01, 0.955, _("Power/interest grid — %(quarter)s", quarter=str(state.quarter)), fontsize=16, fontweight="bold"
    )
    fig.text(
        0.01,
        0.918,
        _(
            "%(n)s assessed actors placed by their latest assessment; influence and interest of 4 or 5 count as high.",
            n=t.number(len(points)),
        )
        if points
        else _("Influence and interest of 4 or 5 count as high."),
        fontsize=9,
        color="#444444",
    )
    ax = fig.add_axes((0.07, 0.1, 0.56, 0.78))
    ax.set_xlim(0.5, 5.5)
    ax.set_ylim(FLOOR, TOP)
    ax.set_xticks(range(1, 6))
    ax.set_yticks(range(1, 6))
    ax.tick_params(labelsize=9, length=0)
    for side in ax.spines.values():
        side.set_visible(False)
    ax.set_xlabel(_("Interest") + " →", fontsize=10)
    ax.set_ylabel(_("Influence") + " →", fontsize=10)
    _quadrants(ax, t)
    if points:
        _points(ax, points)
    else:
        ax.text(
            3.0,
            2.6,
            textwrap.fill(_(EMPTY), 52),
            ha="center",
            va="center",
            fontsize=12,
            color="#333333",
            zorder=5,
            bbox={"boxstyle": "round,pad=0.8", "facecolor": "#ffffff", "edgecolor": "#b0b7c3"},
        )
    _side(fig, state, points, 0.67, 0.87)
    fig.text(
        0.01,
        0.015,
        _(
            "Actors flagged sensitive are left out unless sensitive data is included. The same data is in the Grid sheet of engagement.xlsx. netmap"
        ),
        fontsize=6.5,
        color="#666666",
    )
    return fig


def write_png(path: Path, state: ExportState) -> None:
    fig = draw_grid(state)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fig.savefig(path, format="png", dpi=150, metadata={"Software": None})
