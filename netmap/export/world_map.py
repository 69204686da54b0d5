"""``world.png``: the bundle's world map, countries shaded by how many actors are there, with a legend.

The same map as the web app's world page: the vendored world-atlas shapes (:mod:`netmap.drawing.world`)
in the Equal Earth projection, the same counts (:func:`netmap.analytics.geography.world_counts` over
the export's graph and its entry points) and the same colour classes. Beside it, the countries with
most actors (actors, engaged, entry points, coverage gaps), the "other" row (codes no shape has, such
as Kosovo's XKX) and the actors with no country, so every actor is accounted for.

Deterministic like ``map.png``: fixed size and dpi, no software stamp, the object-oriented API.
"""

from __future__ import annotations

import textwrap
import warnings
from pathlib import Path
from typing import Any

from netmap.analytics.geography import WorldCounts, world_counts
from netmap.drawing.world import ZERO_COLOUR, classes, colour_of, country_rings, equal_earth, shape_ids
from netmap.export.state import ExportState
from netmap.i18n import Translator
from netmap.messages import N_
from netmap.model.countries import country_name

__all__ = ["draw_world", "write_png"]

MEASURE = "actors"
LISTED = 14
EMPTY = N_("No actor, programme or forum has a country yet.")
_HEADERS = (N_("Country"), N_("Actors"), N_("Engaged"), N_("Entry pts"), N_("Gaps"))


def _projected(ring: list[tuple[float, float]]) -> list[Any]:
    """A ring in Equal Earth coordinates; one crossing the antimeridian (Russia, Fiji) is made continuous
    and drawn on both sides (the map clips at its edge)."""
    import numpy as np

    lons = [ring[0][0]]
    for (prev, _), (lon, _lat) in zip(ring, ring[1:], strict=False):
        step = lon - prev
        step -= 360 if step > 180 else -360 if step < -180 else 0
        lons.append(lons[-1] + step)
    shifts = [0.0] if max(lons) <= 180 and min(lons) >= -180 else [0.0, 360.0 if min(lons) < -180 else -360.0]
    return [
        np.array([equal_earth(lon + shift, lat) for lon, (_, lat) in zip(lons, ring, strict=True)]) for shift in shifts
    ]


def _outline() -> list[tuple[float, float]]:
    """The edge of the map (the meridians ±180°), where shapes are clipped."""
    east = [equal_earth(180.0, lat) for lat in range(-90, 91)]
    return east + [(-x, y) for x, y in reversed(east)]


def _polygons(counts: WorldCounts) -> tuple[list[Any], list[str]]:
    """The projected rings of every shape and their fill colours."""
    values = {c.numeric: c.measure(MEASURE) for c in counts.countries}
    breaks = classes(values.values())
    polys, fills = [], []
    for gid, rings in country_rings().items():
        colour = colour_of(values[gid], breaks, MEASURE) if gid in values else ZERO_COLOUR
        for ring in rings:
            for part in _projected(ring):
                polys.append(part)
                fills.append(colour)
    return polys, fills


def _legend_label(b: Any, t: Translator) -> str:
    return t.number(b.low) if b.low == b.high else f"{t.number(b.low)}–{t.number(b.high)}"


def _table(fig: Any, counts: WorldCounts, left: float, top: float, t: Translator) -> None:
    columns = (0.0, 0.13, 0.18, 0.23, 0.275)
    step = 0.034
    for x, header in zip(columns, _HEADERS, strict=True):
        label = t._(header) if x == 0 else textwrap.fill(t._(header), 8)  # "Pts d’entrée" on two lines
        fig.text(
            left + x,
            top - 0.008,
            label,
            fontsize=8,
            fontweight="bold",
            ha="left" if x == 0 else "right",
            va="bottom",
            multialignment="right",
        )
    rows: list[tuple[Any, ...]] = [
        (country_name(c.code, t.lang), c.actors, c.engaged, c.entry_points, c.gaps) for c in counts.countries[:LISTED]
    ]
    if counts.other:
        codes = ", ".join(c.code for c in counts.other[:4]) + ("…" if len(counts.other) > 4 else "")
        rows.append(
            (
                t._("Other, no shape (%(codes)s)", codes=codes),
                counts.other_total("actors"),
                counts.other_total("engaged"),
                counts.other_total("entry_points"),
                counts.other_total("gaps"),
            )
        )
    rows.append((t._("No country given"), counts.without_country, "", "", ""))
    for i, row in enumerate(rows, start=1):
        y = top - i * step
        name = str(row[0]) if len(str(row[0])) <= 28 else str(row[0])[:27] + "…"
        fig.text(left, y, name, fontsize=7.5, ha="left")
        for x, value in zip(columns[1:], row[1:], strict=True):
            fig.text(left + x, y, t.number(value) if value != "" else "", fontsize=7.5, ha="right")


def draw_world(state: ExportState, size: tuple[float, float] = (2000 / 150, 1125 / 150)) -> Any:
    """A matplotlib Figure: the shaded map, its legend, the leading countries and the other rows."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.collections import PolyCollection
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch, Polygon

    t = state.tr
    _ = t._
    counts = world_counts(state.graph, shape_ids(), list(state.entry_ids()))
    fig = Figure(figsize=size)
    FigureCanvasAgg(fig)
    fig.text(
        0.01,
        0.955,
        _("Where the network is: actors per country, %(quarter)s", quarter=str(state.quarter)),
        fontsize=15,
        fontweight="bold",
    )
    fig.text(
        0.01,
        0.92,
        _(
            "%(actors)s actors in %(countries)s countries on the map; programmes and forums count in each of "
            "their countries.",
            actors=t.number(sum(c.actors for c in counts.countries)),
            countries=t.number(len(counts.countries)),
        )
        + " "
        + (
            _("Data as of %(date)s.", date=t.date(state.data_date[:10]))
            if state.data_date
            else _("The data has no date.")
        ),
        fontsize=9,
        color="#444444",
    )
    ax = fig.add_axes((0.01, 0.12, 0.68, 0.77))
    ax.set_axis_off()
    ax.set_aspect("equal")
    ax.set_anchor("NW")
    polys, fills = _polygons(counts)
    edge = Polygon(_outline(), closed=True, facecolor="none", edgecolor="#d9dee7", linewidth=0.6)
    ax.add_patch(edge)
    shapes = PolyCollection(polys, facecolors=fills, edgecolors="#ffffff", linewidths=0.3)
    ax.add_collection(shapes)
    shapes.set_clip_path(edge)
    ax.set_xlim(-2.72, 2.72)
    ax.set_ylim(-1.06, 1.33)  # Antarctica is left out: the south stops near 60°S
    breaks = classes(c.measure(MEASURE) for c in counts.countries)
    ax.legend(
        handles=[Patch(facecolor=b.colours[MEASURE], edgecolor="#9aa3b1", label=_legend_label(b, t)) for b in breaks],
        title=_("Actors per country"),
        loc="upper left",
        bbox_to_anchor=(0.0, -0.01),
        ncol=len(breaks),
        fontsize=8,
        title_fontsize=8.5,
        frameon=False,
        alignment="left",
    )
    if counts.empty:
        ax.text(0, 0, _(EMPTY), ha="center", fontsize=12, color="#444444")
    _table(fig, counts, 0.71, 0.86, t)
    fig.text(
        0.01,
        0.02,
        _(
            "Shapes: Natural Earth 1:110m (world-atlas). Entry points are the export's top ones; a gap is a "
            "sector with actors in the country and none we engage. netmap"
        ),
        fontsize=6.5,
        color="#666666",
    )
    return fig


def write_png(path: Path, state: ExportState) -> None:
    fig = draw_world(state)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fig.savefig(path, format="png", dpi=150, metadata={"Software": None})
