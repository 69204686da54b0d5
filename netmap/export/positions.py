"""Map positions for a bundle: the web map's layout for small graphs, a fast grid Fruchterman-Reingold
for large ones (igraph's DrL takes a minute at 10,000 nodes). Fixed seed: same graph, same positions."""

from __future__ import annotations

import math
import random
from typing import Any

from netmap.layout import SEED, compute_positions, scale_to_canvas

__all__ = ["GRID_ABOVE", "bundle_positions"]

#: Above this many nodes the grid variant of Fruchterman-Reingold is used.
GRID_ABOVE = 2000


def bundle_positions(ids: list[Any], edges: list[tuple[Any, Any]], seed: int = SEED) -> dict[Any, tuple[float, float]]:
    """Positions in vis-network pixels for ``ids`` (sorted by the caller), deterministic.

    >>> pos = bundle_positions(["a", "b", "c"], [("a", "b"), ("b", "c")])
    >>> sorted(pos) == ["a", "b", "c"] and bundle_positions(["a", "b", "c"], [("a", "b"), ("b", "c")]) == pos
    True
    """
    if len(ids) <= GRID_ABOVE:
        return compute_positions(ids, edges, seed)
    import igraph as ig

    index = {n: i for i, n in enumerate(ids)}
    g = ig.Graph(n=len(ids), edges=[(index[u], index[v]) for u, v in edges if u in index and v in index])
    # igraph draws the start from its random generator, seeded here; its own spread of the start keeps
    # the grid's cells even (a start in [-1, 1]² puts every node in one cell: quadratic time)
    ig.set_random_number_generator(random.Random(seed))
    try:
        coords = g.layout_fruchterman_reingold(niter=300, grid=True).coords
    finally:
        ig.set_random_number_generator(random)
    return scale_to_canvas(ids, _pull_in(coords))


def _pull_in(coords: list[list[float]], share: float = 0.98) -> list[tuple[float, float]]:
    """Isolated nodes and tiny components drift far out in a grid layout and squash the picture: move
    every node beyond the ``share`` quantile of distances from the median onto that circle (+10%)."""
    if len(coords) < 10:
        return [(c[0], c[1]) for c in coords]
    mx = sorted(c[0] for c in coords)[len(coords) // 2]
    my = sorted(c[1] for c in coords)[len(coords) // 2]
    dist = sorted(math.hypot(c[0] - mx, c[1] - my) for c in coords)
    limit = dist[int(share * (len(dist) - 1))] * 1.1 or 1.0
    out = []
    for x, y in coords:
        d = math.hypot(x - mx, y - my)
        if d > limit:
            x, y = mx + (x - mx) / d * limit, my + (y - my) / d * limit
        out.append((x, y))
    return out
