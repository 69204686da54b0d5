"""The world's country shapes, the projection and the colour classes shared by the web map and the bundle.

Shapes are the vendored ``world-atlas`` TopoJSON (Natural Earth 1:110m, ISO 3166 numeric ids), the same
file the browser draws with d3-geo: decoded here in plain Python for the bundle's picture. Both draw
in the Equal Earth projection, without Antarctica, and colour countries with :func:`classes`.

>>> breaks = classes([0, 1, 2, 3, 8, 20, 40])
>>> [(c.low, c.high) for c in breaks]
[(0, 0), (1, 2), (3, 3), (4, 8), (9, 20), (21, 40)]
>>> colour_of(5, breaks, "actors") == breaks[3].colours["actors"]
True
"""

from __future__ import annotations

import functools
import importlib.util
import json
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "ANTARCTICA",
    "PALETTES",
    "ColourClass",
    "classes",
    "colour_of",
    "country_rings",
    "equal_earth",
    "shape_ids",
    "topology_path",
]

ANTARCTICA = "010"
ZERO_COLOUR = "#eef0f2"
#: Light to dark, one per class above zero (ColorBrewer Blues / Greens / Purples / Oranges).
PALETTES: dict[str, tuple[str, ...]] = {
    "actors": ("#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"),
    "engaged": ("#c7e9c0", "#a1d99b", "#74c476", "#31a354", "#006d2c"),
    "entry_points": ("#dadaeb", "#bcbddc", "#9e9ac8", "#756bb1", "#54278f"),
    "gaps": ("#fdd0a2", "#fdae6b", "#fd8d3c", "#e6550d", "#a63603"),
}


def topology_path() -> Path:
    """``countries-110m.json`` in the web app's vendored files (found without importing the web app)."""
    spec = importlib.util.find_spec("netmap.web")
    if spec is None or not spec.submodule_search_locations:  # pragma: no cover - the package is ours
        raise FileNotFoundError("netmap.web is not installed")
    return (
        Path(next(iter(spec.submodule_search_locations))) / "static" / "vendor" / "world-atlas" / "countries-110m.json"
    )


@functools.lru_cache(maxsize=1)
def _topology() -> dict[str, Any]:
    return dict(json.loads(topology_path().read_text(encoding="utf-8")))


def shape_ids() -> frozenset[str]:
    """The ISO numeric ids that have a shape on the map (Antarctica left out)."""
    geometries = _topology()["objects"]["countries"]["geometries"]
    return frozenset(str(g["id"]) for g in geometries if g.get("id") and g["id"] != ANTARCTICA)


@functools.lru_cache(maxsize=1)
def _arcs() -> list[list[tuple[float, float]]]:
    """Every arc in longitude/latitude (delta-decoded and de-quantised, as the TopoJSON spec says)."""
    topology = _topology()
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def _ring(indexes: Iterable[int]) -> list[tuple[float, float]]:
    arcs = _arcs()
    ring: list[tuple[float, float]] = []
    for i in indexes:
        points = arcs[i] if i >= 0 else arcs[~i][::-1]
        ring.extend(points if not ring else points[1:])
    return ring


@functools.lru_cache(maxsize=1)
def country_rings() -> dict[str, list[list[tuple[float, float]]]]:
    """ISO numeric id → the rings (outer and holes) of its polygons, in longitude/latitude."""
    out: dict[str, list[list[tuple[float, float]]]] = {}
    for g in _topology()["objects"]["countries"]["geometries"]:
        gid = str(g.get("id") or "")
        if gid == ANTARCTICA or g.get("type") not in ("Polygon", "MultiPolygon"):
            continue
        polygons = [g["arcs"]] if g["type"] == "Polygon" else g["arcs"]
        rings = out.setdefault(gid or f"?{len(out)}", [])
        for polygon in polygons:
            rings.extend(_ring(r) for r in polygon)
    return out


_A1, _A2, _A3, _A4 = 1.340264, -0.081106, 0.000893, 0.003796
_M = math.sqrt(3) / 2


def equal_earth(lon: float, lat: float) -> tuple[float, float]:
    """The Equal Earth projection (Šavrič, Patterson, Jenny 2018), as d3-geo's ``geoEqualEarth``, unscaled.

    >>> equal_earth(0.0, 0.0)
    (0.0, 0.0)
    """
    lam, phi = math.radians(lon), math.radians(lat)
    theta = math.asin(_M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * math.cos(theta) / (_M * (_A1 + 3 * _A2 * t2 + t6 * (7 * _A3 + 9 * _A4 * t2)))
    y = theta * (_A1 + _A2 * t2 + t6 * (_A3 + _A4 * t2))
    return x, y


@dataclass(frozen=True)
class ColourClass:
    """Values from ``low`` to ``high`` (inclusive) and their colour in each measure's palette."""

    low: int
    high: int
    colours: dict[str, str] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return str(self.low) if self.low == self.high else f"{self.low}–{self.high}"


def classes(values: Iterable[int], count: int = 5) -> list[ColourClass]:
    """Zero, then up to ``count`` classes of the values above zero with about as many countries in each."""
    positive = sorted(v for v in values if v > 0)
    out = [ColourClass(0, 0, {m: ZERO_COLOUR for m in PALETTES})]
    if not positive:
        return out
    uppers: list[int] = []
    for k in range(1, count + 1):
        upper = positive[min(len(positive) - 1, math.ceil(k * len(positive) / count) - 1)]
        if not uppers or upper > uppers[-1]:
            uppers.append(upper)
    low = 1
    for k, upper in enumerate(uppers):
        shade = k + (count - len(uppers))  # fewer classes use the darker end
        out.append(ColourClass(low, upper, {m: p[shade] for m, p in PALETTES.items()}))
        low = upper + 1
    return out


def colour_of(value: int, breaks: list[ColourClass], measure: str) -> str:
    """The colour of ``value`` among ``breaks`` (from :func:`classes`) in ``measure``'s palette."""
    for c in breaks:
        if value <= c.high:
            return c.colours[measure]
    return breaks[-1].colours[measure]
