"""The world map and coverage pages: per-country counts of the current graph, cached per data version,
named in the UI language and coloured as the bundle colours them.

The counts come from :func:`netmap.analytics.geography.world_counts` over the shared snapshot (the
same projected graph and entry points as the explorer); a page request for a version already counted
is a dictionary lookup plus the naming.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import render_template, url_for
from flask_babel import gettext
from markupsafe import Markup
from netmap.web.caches import app_caches

from netmap.analytics.geography import MEASURES, CountryCounts, CoverageTable, WorldCounts, coverage_table, world_counts
from netmap.drawing.world import classes, colour_of, shape_ids
from netmap.errors import InputError
from netmap.model.countries import country_name
from netmap.store import Store

__all__ = ["ENTRY_TOP", "check_measure", "coverage_page", "explorer_link", "world_main", "world_page"]

#: Entry points counted on the map: the top of the ranking, as on the power/interest grid.
ENTRY_TOP = 100
#: Countries listed beside the map (the map shows them all).
LISTED = 12


def _cached(key: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
    """The app's table of world and coverage pages (64 entries, least recently used dropped)."""
    return app_caches().memo("world").get(key, compute)


def check_measure(value: str | None) -> str:
    measure = value or MEASURES[0]
    if measure not in MEASURES:
        raise InputError("measure", f"{measure[:40]!r} is not a measure", f"use one of {', '.join(MEASURES)}")
    return measure


def explorer_link(values: Any, sector: str | None = None) -> str:
    """The map explorer filtered to a country (all the ways it is written in the data) and a sector."""
    args: dict[str, Any] = {"country": sorted(values)}
    if sector:
        args["sector"] = sector
    return url_for("maps.explorer", **args)


def _counts(store: Store, settings: Any) -> WorldCounts:
    from netmap.web.mapview import snapshot

    snap = snapshot(store, settings)
    return _cached(
        ("world", id(store), snap.version, snap.home),
        lambda: world_counts(snap.graph, shape_ids(), [str(e.id) for e in snap.entry_points()[:ENTRY_TOP]]),
    )


def _row(c: CountryCounts, locale: str) -> dict[str, Any]:
    return {
        "name": country_name(c.code, locale),
        "code": c.code,
        **{m: c.measure(m) for m in (*MEASURES, "programmes")},
        "href": explorer_link(c.values) if c.actors else None,
    }


def world_page(store: Store, settings: Any, measure: str, locale: str) -> dict[str, Any]:
    """What ``world.html`` shows: the shapes' fills and counts (for the script), the legend, the
    countries that lead on ``measure``, the ``other`` row and actors with no country (cached per data
    version, measure and language: the page's data is then a dictionary lookup)."""
    from netmap.web.mapview import snapshot

    snap = snapshot(store, settings)
    return dict(
        _cached(
            ("world-page", id(store), snap.version, snap.home, measure, locale),
            lambda: _world_page(store, settings, measure, locale),
        )
    )


def world_main(store: Store, settings: Any, measure: str, locale: str) -> Markup:
    """``world.html``'s content, rendered once per data version, measure and language: it holds nothing of
    the user or the request, and rendering it (some forty lookups in the catalog, the shapes' JSON) was most
    of the page's server time under load."""
    from netmap.web.mapview import snapshot

    snap = snapshot(store, settings)
    return _cached(
        ("world-main", id(store), snap.version, snap.home, measure, locale),
        # the output of an autoescaped template: every value in it was escaped when it was rendered
        lambda: Markup(render_template("_world_main.html", **world_page(store, settings, measure, locale))),  # noqa: S704
    )


def _world_page(store: Store, settings: Any, measure: str, locale: str) -> dict[str, Any]:
    counts = _counts(store, settings)
    breaks = classes(c.measure(measure) for c in counts.countries)
    shapes = {
        c.numeric: {**_row(c, locale), "fill": colour_of(c.measure(measure), breaks, measure)} for c in counts.countries
    }
    leading = sorted(counts.countries, key=lambda c: (-c.measure(measure), -c.actors, c.code))
    return {
        "measure": measure,
        "measures": MEASURES,
        "legend": [(b.label, b.colours[measure]) for b in breaks],
        "shapes": shapes,
        "leading": [shapes[c.numeric] for c in leading[:LISTED] if c.measure(measure) > 0],
        "other": [_row(c, locale) for c in counts.other],
        "other_total": {m: counts.other_total(m) for m in (*MEASURES, "programmes")},
        "without_country": counts.without_country,
        "empty": counts.empty,
        "entry_top": ENTRY_TOP,
    }


def coverage_page(store: Store, settings: Any, spheres: tuple[str, ...], locale: str) -> dict[str, Any]:
    """What ``coverage.html`` shows: the heat table, each cell's share engaged as a class 0-5 and its
    words (cached per data version, spheres and language)."""
    from netmap.web.mapview import snapshot

    snap = snapshot(store, settings)
    return dict(
        _cached(
            ("coverage-page", id(store), snap.version, spheres, locale),
            lambda: _coverage_page(coverage_table(snap.graph, spheres), locale),
        )
    )


def _coverage_page(table: CoverageTable, locale: str) -> dict[str, Any]:
    rows = []
    for code, values, total in table.countries:
        name = country_name(code, locale)
        cells = []
        for sector, _n in table.sectors:
            present, engaged = table.cells.get((code, sector), (0, 0))
            cells.append(
                {
                    "sector": sector,
                    "present": present,
                    "engaged": engaged,
                    "gap": table.is_gap(code, sector),
                    "heat": 0 if not present else 1 + min(4, int(5 * engaged / present)),
                    "href": explorer_link(values, sector) if present else None,
                    "title": gettext(
                        "%(sector)s in %(country)s: %(engaged)s of %(present)s actors engaged",
                        sector=sector,
                        country=name,
                        engaged=engaged,
                        present=present,
                    ),
                }
            )
        rows.append(
            {
                "code": code,
                "name": name,
                "total": total,
                "cells": cells,
                "href": explorer_link(values),
            }
        )
    return {
        "rows": rows,
        "sectors": table.sectors,
        "hidden_countries": table.hidden_countries,
        "hidden_sectors": table.hidden_sectors,
    }
