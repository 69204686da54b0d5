"""Which part of the network to project: by actor kind, sphere, country, sector, type and date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from netmap.errors import InputError

__all__ = ["GraphFilter", "parse_date"]


def parse_date(value: str | None, *, end: bool = False) -> dt.date | None:
    """A date from ``2022``, ``2022-05`` or ``2022-05-01``; a partial date is its first (or last) day.

    >>> parse_date("2022"), parse_date("2022", end=True), parse_date("2022-02", end=True)
    (datetime.date(2022, 1, 1), datetime.date(2022, 12, 31), datetime.date(2022, 2, 28))
    """
    if value is None or str(value).strip() == "":
        return None
    text = str(value).strip()[:10]
    parts = text.split("-")
    try:
        year = int(parts[0])
        if len(parts) == 1:
            return dt.date(year, 12, 31) if end else dt.date(year, 1, 1)
        month = int(parts[1])
        if len(parts) == 2:
            if not end:
                return dt.date(year, month, 1)
            nxt = dt.date(year + month // 12, month % 12 + 1, 1)
            return nxt - dt.timedelta(days=1)
        return dt.date(year, month, int(parts[2]))
    except (ValueError, IndexError):
        raise InputError("date", f"{value!r} is not a date", "use YYYY, YYYY-MM or YYYY-MM-DD") from None


def _norm(values: Any) -> frozenset[str] | None:
    if values is None:
        return None
    if isinstance(values, str):
        values = [values]
    items = frozenset(str(v).strip().lower() for v in values if str(v).strip())
    return items or None


@dataclass(frozen=True, slots=True)
class GraphFilter:
    """What to keep. ``None`` means no restriction; matching of names is case-insensitive.

    Actor filters (kinds, spheres, countries, sectors) apply to actors; programmes and forums stay
    unless ``include_initiatives`` is false (a country filter keeps those without countries or with
    one of the countries). Ties are kept when both ends are kept, their type is allowed and they were
    active at ``as_of`` (or overlap ``[active_from, active_to]``). ``keep`` ids are never dropped by
    the actor filters (the home actor).

    >>> f = GraphFilter(spheres=["economic"], as_of="2023")
    >>> f.keeps_node({"label": "Actor", "sphere": "economic"}), f.keeps_node({"label": "Actor"})
    (True, False)
    >>> f.keeps_edge({"type": "FUNDS", "since": "2024"})
    False
    """

    kinds: frozenset[str] | None = None
    spheres: frozenset[str] | None = None
    countries: frozenset[str] | None = None
    sectors: frozenset[str] | None = None
    rel_types: frozenset[str] | None = None
    as_of: str | None = None
    active_from: str | None = None
    active_to: str | None = None
    include_initiatives: bool = True
    include_illustrative: bool = True
    keep: frozenset[str] = frozenset()

    def __init__(
        self,
        kinds: Any = None,
        spheres: Any = None,
        countries: Any = None,
        sectors: Any = None,
        rel_types: Any = None,
        as_of: str | None = None,
        active_from: str | None = None,
        active_to: str | None = None,
        include_initiatives: bool = True,
        include_illustrative: bool = True,
        keep: Any = (),
    ) -> None:
        set_ = object.__setattr__
        set_(self, "kinds", _norm(kinds))
        set_(self, "spheres", _norm(spheres))
        set_(self, "countries", _norm(countries))
        set_(self, "sectors", _norm(sectors))
        set_(self, "rel_types", _norm(rel_types))
        set_(self, "as_of", as_of)
        set_(self, "active_from", active_from)
        set_(self, "active_to", active_to)
        set_(self, "include_initiatives", include_initiatives)
        set_(self, "include_illustrative", include_illustrative)
        set_(self, "keep", frozenset([keep] if isinstance(keep, str) else keep or ()))
        for value in (as_of, active_from, active_to):
            parse_date(value)

    def keeps_node(self, node: Mapping[str, Any]) -> bool:
        if node.get("id") in self.keep:
            return True
        if not self.include_illustrative and node.get("illustrative"):
            return False
        if node.get("label", "Actor") != "Actor":
            if not self.include_initiatives:
                return False
            countries = [str(c).lower() for c in node.get("countries") or ()]
            return self.countries is None or not countries or bool(self.countries.intersection(countries))
        if self.kinds is not None and str(node.get("kind") or "").lower() not in self.kinds:
            return False
        if self.spheres is not None and str(node.get("sphere") or "").lower() not in self.spheres:
            return False
        if self.countries is not None and str(node.get("country") or "").lower() not in self.countries:
            return False
        if self.sectors is not None:
            sectors = {str(s).lower() for s in node.get("sectors") or ()}
            if not self.sectors.intersection(sectors):
                return False
        return True

    @property
    def restricts_edges(self) -> bool:
        """Whether :meth:`keeps_edge` can drop anything (no type or date filter: every tie is kept)."""
        return not (
            self.rel_types is None and self.as_of is None and self.active_from is None and self.active_to is None
        )

    def keeps_edge(self, edge: Mapping[str, Any]) -> bool:
        if self.rel_types is not None and str(edge.get("type") or "").lower() not in self.rel_types:
            return False
        since = parse_date(edge.get("since"))
        until = parse_date(edge.get("until"), end=True)
        if self.as_of is not None:
            start = parse_date(self.as_of)
            end = parse_date(self.as_of, end=True)
            assert start is not None and end is not None
            if (since is not None and since > end) or (until is not None and until < start):
                return False
        window_start = parse_date(self.active_from)
        window_end = parse_date(self.active_to, end=True)
        if window_end is not None and since is not None and since > window_end:
            return False
        if window_start is not None and until is not None and until < window_start:
            return False
        return True
