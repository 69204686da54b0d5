"""The compiled loops of :mod:`netmap.analytics.shortest_paths` (numba), imported on its first call so
that a command which computes no betweenness does not load numba.

``cache=True`` keeps the machine code beside this module, or under ``NUMBA_CACHE_DIR`` (set to
``NETMAP_HOME/cache/numba`` when this folder is not writable): the first run after an install compiles
the loops, the next ones load them (README, Benchmarks: ``bench/analytics.py``).
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np


def _cache_dir() -> None:
    """Point numba's cache at NETMAP_HOME when the package folder is not writable (a system install)."""
    if "NUMBA_CACHE_DIR" in os.environ or os.access(Path(__file__).parent, os.W_OK):
        return
    home = os.environ.get("NETMAP_HOME") or str(Path.home() / ".netmap")
    os.environ["NUMBA_CACHE_DIR"] = str(Path(home) / "cache" / "numba")


_cache_dir()

import numba  # noqa: E402  (reads NUMBA_CACHE_DIR when imported)

__all__ = ["CHUNKS", "CROSS", "PLAIN", "accumulate", "bfs_order"]

#: Sources are split into this many interleaved chunks, each with its own totals (fixed, so the sums
#: are added in the same order whatever the number of threads).
CHUNKS = 8
#: Roles of a source: its plain dependency and harmonic sums are counted, its cross-sphere dependency.
PLAIN, CROSS = 1, 2


@numba.njit(cache=True, parallel=True)
def accumulate(
    indptr: np.ndarray, indices: np.ndarray, sources: np.ndarray, roles: np.ndarray, is_target: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:  # pragma: no cover (compiled)
    n = indptr.shape[0] - 1
    plain = np.zeros((CHUNKS, n))
    cross = np.zeros((CHUNKS, n))
    harm = np.zeros((CHUNKS, n))
    harm2 = np.zeros((CHUNKS, n))
    for c in numba.prange(CHUNKS):
        dist = np.full(n, -1, dtype=np.int32)
        sigma = np.zeros(n)
        # (gain + δ(w)) / σ(w) per node, plain and cross-sphere: what an arc into w passes back
        coef = np.zeros(n)
        coef_x = np.zeros(n)
        order = np.empty(n, dtype=np.int32)
        # the arcs of the shortest-path DAG (v one hop before w), in the order the search found them:
        # grouped by v, and every arc out of w after every arc into w
        arc_v = np.empty(indices.shape[0], dtype=np.int32)
        arc_w = np.empty(indices.shape[0], dtype=np.int32)
        for i in range(c, sources.shape[0], CHUNKS):
            s = sources[i]
            role = roles[i]
            dist[s] = 0
            sigma[s] = 1.0
            order[0] = s
            head, tail, arcs = 0, 1, 0
            while head < tail:
                v = order[head]
                head += 1
                sv = sigma[v]  # final: every node one hop nearer was taken before v
                coef[v] = 1.0 / sv
                coef_x[v] = is_target[v] / sv
                dv = dist[v] + 1
                for e in range(indptr[v], indptr[v + 1]):
                    w = indices[e]
                    if dist[w] < 0:
                        dist[w] = dv
                        order[tail] = w
                        tail += 1
                    if dist[w] == dv:
                        sigma[w] += sv
                        arc_v[arcs] = v
                        arc_w[arcs] = w
                        arcs += 1
            # backwards over the DAG, one run of arcs out of v at a time: δ(v) = σ(v) Σ_w coef(w)
            for bit in (PLAIN, CROSS):
                if not role & bit:
                    continue
                into = coef if bit == PLAIN else coef_x
                out = plain if bit == PLAIN else cross
                a = arcs - 1
                while a >= 0:
                    v = arc_v[a]
                    total = 0.0
                    while a >= 0 and arc_v[a] == v:
                        total += into[arc_w[a]]
                        a -= 1
                    dependency = sigma[v] * total
                    gain = 1.0 if bit == PLAIN else is_target[v]
                    into[v] = (gain + dependency) / sigma[v]
                    if v != s:
                        out[c, v] += dependency
            if role & PLAIN:
                for j in range(1, tail):
                    w = order[j]
                    inverse = 1.0 / dist[w]
                    harm[c, w] += inverse
                    harm2[c, w] += inverse * inverse
            for j in range(tail):
                w = order[j]
                dist[w] = -1
                sigma[w] = 0.0
    return plain.sum(axis=0), cross.sum(axis=0), harm.sum(axis=0), harm2.sum(axis=0)


@numba.njit(cache=True)
def bfs_order(indptr: np.ndarray, indices: np.ndarray, starts: np.ndarray) -> np.ndarray:  # pragma: no cover
    """Every node in breadth-first order, each component from the first of ``starts`` in it."""
    n = indptr.shape[0] - 1
    seen = np.zeros(n, dtype=np.bool_)
    order = np.empty(n, dtype=np.int64)
    tail = 0
    for s in starts:
        if seen[s]:
            continue
        seen[s] = True
        head = tail
        order[tail] = s
        tail += 1
        while head < tail:
            v = order[head]
            head += 1
            for e in range(indptr[v], indptr[v + 1]):
                w = indices[e]
                if not seen[w]:
                    seen[w] = True
                    order[tail] = w
                    tail += 1
    return order
