"""Where the network is: per country, actors, actors we engage, entry points and coverage gaps.

The counts behind the world map (web page and bundle). Countries are normalised to ISO 3166 alpha-3
(:func:`netmap.model.countries.to_iso3`), so ``"Germany"`` and ``"DEU"`` are one country; a code that
names no country on the map (Kosovo's ``XKX``, a withdrawn code such as ``YUG``, text that names no
country) is kept in :attr:`WorldCounts.other`, never dropped. Programmes and forums count in each of
their countries.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from netmap.analytics.coverage import coverage_matrix
from netmap.model import ENGAGED_STATUSES
from netmap.model.countries import UnknownCountry, iso_numeric, to_iso3

__all__ = ["MEASURES", "CountryCounts", "CoverageTable", "WorldCounts", "coverage_table", "world_counts"]

#: What the map can shade countries by.
MEASURES = ("actors", "engaged", "entry_points", "gaps")


@dataclass
class CountryCounts:
    """One country's numbers. ``values`` are the country values as stored (the explorer filters on them)."""

    code: str
    numeric: str | None
    actors: int = 0
    engaged: int = 0
    entry_points: int = 0
    gaps: int = 0
    programmes: int = 0
    values: set[str] = field(default_factory=set)
    gap_sectors: list[str] = field(default_factory=list)

    def measure(self, name: str) -> int:
        return int(getattr(self, name))

    def reason(self) -> str:
        """The numbers in words (English; the web page and the bundle word them in their language)."""
        text = f"{self.actors} actor(s), {self.engaged} engaged, {self.entry_points} entry point(s)"
        if self.gap_sectors:
            text += f"; no actor engaged in {', '.join(self.gap_sectors)}"
        return text


@dataclass
class WorldCounts:
    """Countries with a shape on the map, the ``other`` ones (no shape) and actors with no country."""

    countries: list[CountryCounts]
    other: list[CountryCounts]
    without_country: int
    entry_point_count: int

    @property
    def empty(self) -> bool:
        """No actor, programme or forum has a country."""
        return not self.countries and not self.other

    def other_total(self, measure: str) -> int:
        return sum(c.measure(measure) for c in self.other)


def _code(value: Any) -> str:
    text = str(value).strip()
    try:
        return to_iso3(text)
    except UnknownCountry:
        return text.upper()


def world_counts(graph: nx.Graph, shapes: Collection[str], entry_points: Collection[str] = ()) -> WorldCounts:
    """Count actors, engaged actors (partner or engaged), ``entry_points`` (actor ids) and coverage gaps
    (sectors with actors in the country and none engaged, from :func:`coverage_matrix`) per country.

    ``shapes`` are the ISO numeric ids the map can draw; a country without one goes to ``other``.
    Countries are sorted by actors (most first), then code.

    >>> g = nx.Graph()
    >>> g.add_node("a", label="Actor", country="DEU", sectors=["health"], engagement="partner")
    >>> g.add_node("b", label="Actor", country="Germany", sectors=["care"])
    >>> g.add_node("c", label="Actor", country="XKX")
    >>> g.add_node("p", label="Programme", countries=["DEU", "FRA"])
    >>> w = world_counts(g, shapes={"276", "250"}, entry_points=["b"])
    >>> [(c.code, c.actors, c.engaged, c.entry_points, c.gaps, c.programmes) for c in w.countries]
    [('DEU', 2, 1, 1, 1, 1), ('FRA', 0, 0, 0, 0, 1)]
    >>> [(c.code, c.actors) for c in w.other], w.without_country
    ([('XKX', 1)], 0)
    """
    rows: dict[str, CountryCounts] = {}

    def row(value: Any) -> CountryCounts:
        code = _code(value)
        found = rows.get(code)
        if found is None:
            found = rows[code] = CountryCounts(code, iso_numeric(code) if len(code) == 3 else None)
        found.values.add(str(value).strip())
        return found

    chosen = set(entry_points)
    without = 0
    for node, data in graph.nodes(data=True):
        label = data.get("label", "Actor")
        if label != "Actor":
            for value in data.get("countries") or ():
                if str(value).strip():
                    row(value).programmes += 1
            continue
        country = data.get("country")
        if not country or not str(country).strip():
            without += 1
            continue
        r = row(country)
        r.actors += 1
        r.engaged += data.get("engagement") in ENGAGED_STATUSES
        r.entry_points += node in chosen
    sectors: dict[tuple[str, str], list[int]] = {}
    for cell in coverage_matrix(graph):
        if cell["country"] == "?" or cell["sector"] == "?":
            continue
        counts = sectors.setdefault((_code(cell["country"]), cell["sector"]), [0, 0])
        counts[0] += cell["actors"]
        counts[1] += cell["engaged"]
    for (code, sector), (present, engaged) in sorted(sectors.items()):
        if present and not engaged:
            rows[code].gap_sectors.append(sector)
            rows[code].gaps += 1
    ordered = sorted(rows.values(), key=lambda r: (-r.actors, -r.programmes, r.code))
    return WorldCounts(
        countries=[r for r in ordered if r.numeric in shapes],
        other=[r for r in ordered if r.numeric not in shapes],
        without_country=without,
        entry_point_count=len(chosen),
    )


@dataclass
class CoverageTable:
    """The country × sector heat table: ``cells[(country, sector)] = (present, engaged)``.

    Countries and sectors are the ones with most actors first; ``hidden_*`` say how many were left out.
    """

    countries: list[tuple[str, list[str], int]]  # code, stored values, actors with a sector (each once)
    sectors: list[tuple[str, int]]
    cells: dict[tuple[str, str], tuple[int, int]]
    hidden_countries: int = 0
    hidden_sectors: int = 0

    def is_gap(self, country: str, sector: str) -> bool:
        present, engaged = self.cells.get((country, sector), (0, 0))
        return present > 0 and engaged == 0


def coverage_table(
    graph: nx.Graph, spheres: tuple[str, ...] = (), max_countries: int = 40, max_sectors: int = 14
) -> CoverageTable:
    """:func:`coverage_matrix` arranged as a table, countries normalised as in :func:`world_counts`
    (actors with no country or sector are left out: the table is about where).

    >>> g = nx.Graph()
    >>> g.add_node("a", label="Actor", country="DEU", sectors=["health"], engagement="partner")
    >>> g.add_node("b", label="Actor", country="Germany", sectors=["care", "health"])
    >>> t = coverage_table(g)
    >>> t.countries, t.sectors, t.cells[("DEU", "health")], t.is_gap("DEU", "care")
    ([('DEU', ['DEU', 'Germany'], 2)], [('health', 2), ('care', 1)], (2, 1), True)
    """
    cells: dict[tuple[str, str], list[int]] = {}
    values: dict[str, set[str]] = {}
    for cell in coverage_matrix(graph, spheres):
        if cell["country"] == "?" or cell["sector"] == "?":
            continue
        code = _code(cell["country"])
        values.setdefault(code, set()).add(str(cell["country"]).strip())
        counts = cells.setdefault((code, cell["sector"]), [0, 0])
        counts[0] += cell["actors"]
        counts[1] += cell["engaged"]
    by_country: dict[str, int] = {}  # actors with a sector, each once
    for _node, data in graph.nodes(data=True):
        if data.get("label", "Actor") != "Actor" or not data.get("country") or not data.get("sectors"):
            continue
        if not spheres or data.get("sphere") in spheres:
            code = _code(data["country"])
            by_country[code] = by_country.get(code, 0) + 1
    by_sector: dict[str, int] = {}
    for (_country, sector), (present, _engaged) in cells.items():
        by_sector[sector] = by_sector.get(sector, 0) + present
    countries = sorted(by_country.items(), key=lambda kv: (-kv[1], kv[0]))
    sectors = sorted(by_sector.items(), key=lambda kv: (-kv[1], kv[0]))
    return CoverageTable(
        countries=[(code, sorted(values[code]), n) for code, n in countries[:max_countries]],
        sectors=sectors[:max_sectors],
        cells={key: (c[0], c[1]) for key, c in cells.items()},
        hidden_countries=max(0, len(countries) - max_countries),
        hidden_sectors=max(0, len(sectors) - max_sectors),
    )
