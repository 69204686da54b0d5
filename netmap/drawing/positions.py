"""Force-directed map positions in vis-network units, computed with igraph (Fruchterman-Reingold; its grid
variant for large graphs). Fixed seed: same graph, same positions. The layouts that mean something
(:mod:`netmap.drawing.layouts`) build on them."""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from typing import Any

__all__ = ["GRID_ABOVE", "SEED", "compute_positions", "scale_to_canvas"]

SEED = 42

#: Above this many nodes the grid variant of Fruchterman-Reingold is used.
GRID_ABOVE = 1000


def compute_positions(ids: list[Any], edges: list[tuple[Any, Any]], seed: int = SEED) -> dict[Any, tuple[float, float]]:
    """Force-directed positions in vis-network pixels for ``ids`` (sorted by the caller), deterministic.

    Up to :data:`GRID_ABOVE` nodes, Fruchterman-Reingold from a seeded start; above, its grid variant
    (about a second at 10,000 nodes, where DrL takes a minute), with stray components pulled in.

    >>> pos = compute_positions(["a", "b", "c"], [("a", "b"), ("b", "c")])
    >>> sorted(pos) == ["a", "b", "c"] and compute_positions(["a", "b", "c"], [("a", "b"), ("b", "c")]) == pos
    True
    """
    import igraph as ig

    if not ids:
        return {}
    if len(ids) == 1:
        return {ids[0]: (0.0, 0.0)}
    index = {n: i for i, n in enumerate(ids)}
    # Each tie as (lower, higher) index, in order: the forces are summed in edge order, so an edge list
    # that differs only in order or orientation (a subgraph view iterates a set: it changes with the
    # process's hash seed) would otherwise give visibly different positions after 500 iterations.
    pairs = sorted((min(index[u], index[v]), max(index[u], index[v])) for u, v in edges if u in index and v in index)
    g = ig.Graph(n=len(ids), edges=pairs)
    ig.set_random_number_generator(random.Random(seed))
    try:
        if len(ids) <= GRID_ABOVE:
            rng = random.Random(seed)
            start = [[rng.uniform(-1, 1), rng.uniform(-1, 1)] for _ in ids]
            coords = g.layout_fruchterman_reingold(seed=start, niter=300 if len(ids) > 500 else 500).coords
        else:
            # igraph draws the start from its random generator, seeded here; its own spread of the start
            # keeps the grid's cells even (a start in [-1, 1]² puts every node in one cell: quadratic time)
            coords = _pull_in(g.layout_fruchterman_reingold(niter=300, grid=True).coords)
    finally:
        ig.set_random_number_generator(random)
    return scale_to_canvas(ids, coords)


def scale_to_canvas(ids: Sequence[Any], coords: Sequence[Sequence[float]]) -> dict[Any, tuple[float, float]]:
    """Layout coordinates centred and scaled to a canvas that grows with the node count (vis-network units)."""
    xs = [c[0] for c in coords]
    ys = [c[1] for c in coords]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    target = 120.0 * math.sqrt(len(ids)) + 300.0
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return {
        n: (round((x - cx) / span * target, 1), round((y - cy) / span * target, 1))
        for n, (x, y) in zip(ids, coords, strict=True)
    }


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
