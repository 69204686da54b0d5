"""The power/interest grid: assessed actors placed by influence and interest, in the four classic quadrants.

Influence and interest of 4 or 5 count as high, 1 to 3 as low:

- **manage closely**: high influence, high interest;
- **keep satisfied**: high influence, low interest;
- **keep informed**: low influence, high interest;
- **monitor**: low influence, low interest.

Actors sharing a cell (same influence and interest) are spread on a small lattice inside it, in name
order, so every point stays visible and the drawing is the same for the same data.

>>> rows = [{"id": "a", "name": "A", "influence": 5, "interest": 4, "stance": "supportive"},
...         {"id": "b", "name": "B", "influence": 2, "interest": 2, "stance": "opposed"}]
>>> [(p.id, p.quadrant, p.entry_rank) for p in power_interest_grid(rows, {"b": 3})]
[('a', 'manage closely', None), ('b', 'monitor', 3)]
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["QUADRANTS", "GridPoint", "power_interest_grid", "quadrant"]

QUADRANTS = ("manage closely", "keep satisfied", "keep informed", "monitor")
HIGH = 4


def quadrant(influence: int, interest: int) -> str:
    """The quadrant of an influence and an interest rating (1-5)."""
    if influence >= HIGH:
        return "manage closely" if interest >= HIGH else "keep satisfied"
    return "keep informed" if interest >= HIGH else "monitor"


@dataclass(frozen=True, slots=True)
class GridPoint:
    """One actor on the grid: its ratings, its quadrant, and where to draw it (interest, influence axes)."""

    id: str
    name: str
    kind: str | None
    country: str | None
    influence: int
    interest: int
    stance: str
    quadrant: str
    x: float
    y: float
    entry_rank: int | None


def power_interest_grid(
    rows: Iterable[Mapping[str, Any]],
    entry_ranks: Mapping[str, int],
    kinds: Iterable[str] = (),
    countries: Iterable[str] = (),
) -> list[GridPoint]:
    """Grid points for assessed actors (``rows`` with id, name, influence, interest, stance), by name;
    only those of the given kinds and countries when these are given."""
    cells: dict[tuple[int, int], list[Mapping[str, Any]]] = defaultdict(list)
    kind_set, country_set = set(kinds), set(countries)
    for row in rows:
        if (kind_set and row.get("kind") not in kind_set) or (country_set and row.get("country") not in country_set):
            continue
        cells[(int(row["interest"]), int(row["influence"]))].append(row)
    points = []
    for (interest, influence), members in cells.items():
        members = sorted(members, key=lambda r: (str(r.get("name") or r["id"]).lower(), str(r["id"])))
        side = math.ceil(math.sqrt(len(members)))
        step = 0.8 / side
        for i, row in enumerate(members):
            col, line = i % side, i // side
            points.append(
                GridPoint(
                    id=str(row["id"]),
                    name=str(row.get("name") or row["id"]),
                    kind=row.get("kind"),
                    country=row.get("country"),
                    influence=influence,
                    interest=interest,
                    stance=str(row.get("stance") or "unknown"),
                    quadrant=quadrant(influence, interest),
                    x=round(interest - 0.4 + step * (col + 0.5), 4),
                    y=round(influence + 0.4 - step * (line + 0.5), 4),
                    entry_rank=entry_ranks.get(str(row["id"])),
                )
            )
    points.sort(key=lambda p: (p.name.lower(), p.id))
    return points
