"""One shortest-path pass for betweenness, cross-sphere betweenness and harmonic closeness.

Each of the three measures runs a breadth-first search (hops: the graph is unweighted for them) from
a set of source nodes. Before, each ran its own igraph pass; here one Brandes search per source serves
every measure the source is drawn for. From source ``s`` it counts the shortest paths ``σ`` to every
node, then walks back from the farthest node accumulating, for each node ``v`` before ``s``'s targets:

* the plain dependency ``δ(v) = Σ_w σ(v)/σ(w) (1 + δ(w))`` (``w`` one hop further on a shortest path);
* the cross-sphere dependency, the same sum with ``1`` counted only when ``w`` is a target;
* the harmonic sums ``Σ 1/d(s, v)`` and ``Σ 1/d(s, v)²`` (the second gives the sampling error).

Compiled with numba (``cache=True``: the machine code is kept beside the module, or under
``NUMBA_CACHE_DIR``; the first call on a new install compiles it, about a few seconds, see the
README's Benchmarks). The sources are split into a fixed number of chunks run in parallel, each with
its own totals, added in chunk order: the result does not depend on the number of threads.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from netmap.analytics.backend import IGraphView


def _cache_dir() -> None:
    """Point numba's cache at NETMAP_HOME when the package folder is not writable (a system install)."""
    if "NUMBA_CACHE_DIR" in os.environ or os.access(Path(__file__).parent, os.W_OK):
        return
    home = os.environ.get("NETMAP_HOME") or str(Path.home() / ".netmap")
    os.environ["NUMBA_CACHE_DIR"] = str(Path(home) / "cache" / "numba")


_cache_dir()

import numba  # noqa: E402  (reads NUMBA_CACHE_DIR when imported)

__all__ = ["CHUNKS", "PathSums", "csr", "path_sums"]

#: Sources are split into this many interleaved chunks, each with its own totals (fixed, so the sums
#: are added in the same order whatever the number of threads).
CHUNKS = 8
#: Roles of a source: its plain dependency and harmonic sums are counted, its cross-sphere dependency.
PLAIN, CROSS = 1, 2


@dataclass(frozen=True, slots=True)
class PathSums:
    """Per node: the plain and cross-sphere dependency sums and the harmonic sums over the sources."""

    betweenness: np.ndarray
    cross: np.ndarray
    harmonic: np.ndarray
    harmonic_squares: np.ndarray


def csr(view: IGraphView) -> tuple[np.ndarray, np.ndarray]:
    """The undirected adjacency of ``view`` as compressed rows: ``indices[indptr[v]:indptr[v + 1]]``.

    >>> from netmap.analytics.backend import view_from_edges
    >>> indptr, indices = csr(view_from_edges(["a", "b", "c"], [("a", "b", 1.0, 1.0), ("b", "c", 1.0, 1.0)]))
    >>> indptr.tolist(), indices.tolist()
    ([0, 1, 3, 4], [1, 0, 2, 1])
    """
    n = view.graph.vcount()
    edges = np.asarray(view.graph.get_edgelist(), dtype=np.int64).reshape(-1, 2)
    edges = edges[edges[:, 0] != edges[:, 1]]  # a self-loop is on no shortest path
    heads = np.concatenate([edges[:, 0], edges[:, 1]])
    tails = np.concatenate([edges[:, 1], edges[:, 0]])
    order = np.lexsort((tails, heads))
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(heads, minlength=n), out=indptr[1:])
    return indptr, tails[order].astype(np.int32)


@numba.njit(cache=True, parallel=True)
def _accumulate(
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
        delta = np.zeros(n)
        order = np.empty(n, dtype=np.int32)
        # the arcs of the shortest-path DAG (v one hop before w), in the order the search found them
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
                dv = dist[v] + 1
                for e in range(indptr[v], indptr[v + 1]):
                    w = indices[e]
                    if dist[w] < 0:
                        dist[w] = dv
                        order[tail] = w
                        tail += 1
                    if dist[w] == dv:
                        sigma[w] += sigma[v]
                        arc_v[arcs] = v
                        arc_w[arcs] = w
                        arcs += 1
            # backwards over the DAG: every arc out of w comes after the arcs into w
            for bit in (PLAIN, CROSS):
                if not role & bit:
                    continue
                for a in range(arcs - 1, -1, -1):
                    v = arc_v[a]
                    w = arc_w[a]
                    gain = 1.0 if bit == PLAIN else is_target[w]
                    delta[v] += sigma[v] / sigma[w] * (gain + delta[w])
                if bit == PLAIN:
                    for j in range(1, tail):
                        w = order[j]
                        plain[c, w] += delta[w]
                        inverse = 1.0 / dist[w]
                        harm[c, w] += inverse
                        harm2[c, w] += inverse * inverse
                else:
                    for j in range(1, tail):
                        cross[c, order[j]] += delta[order[j]]
                for j in range(tail):
                    delta[order[j]] = 0.0
            for j in range(tail):
                w = order[j]
                dist[w] = -1
                sigma[w] = 0.0
    return plain.sum(axis=0), cross.sum(axis=0), harm.sum(axis=0), harm2.sum(axis=0)


@numba.njit(cache=True)
def _bfs_order(indptr: np.ndarray, indices: np.ndarray, starts: np.ndarray) -> np.ndarray:  # pragma: no cover
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


def _local(indptr: np.ndarray, indices: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The adjacency renumbered in breadth-first order from the hubs (neighbours get near numbers, so
    the searches touch memory that is close together), and ``new``: node → its new number."""
    starts = np.argsort(-np.diff(indptr), kind="stable")
    order = _bfs_order(indptr, indices, starts)
    new = np.empty_like(order)
    new[order] = np.arange(order.shape[0])
    degree = np.diff(indptr)[order]
    new_indptr = np.zeros_like(indptr)
    np.cumsum(degree, out=new_indptr[1:])
    rows = np.repeat(np.arange(order.shape[0]), np.diff(indptr))
    heads = new[rows]
    tails = new[indices]
    sort = np.lexsort((tails, heads))
    return new_indptr, tails[sort].astype(np.int32), new


def path_sums(
    view: IGraphView,
    plain: Iterable[int],
    cross: Iterable[int] = (),
    targets: Iterable[int] = (),
) -> PathSums:
    """One search from every node of ``plain`` ∪ ``cross`` (vertex indices of ``view``): the plain
    dependencies and harmonic sums over ``plain``, the dependencies on paths to ``targets`` over ``cross``.

    Each pair is counted from its source: over every node as source a pair appears twice, so igraph's
    undirected betweenness is half of ``betweenness`` summed over all sources.

    >>> from netmap.analytics.backend import view_from_edges
    >>> view = view_from_edges(["a", "b", "c"], [("a", "b", 1.0, 1.0), ("b", "c", 1.0, 1.0)])
    >>> sums = path_sums(view, [0, 1, 2], cross=[0], targets=[2])
    >>> sums.betweenness.tolist(), sums.cross.tolist(), sums.harmonic.tolist()
    ([0.0, 2.0, 0.0], [0.0, 1.0, 0.0], [1.5, 2.0, 1.5])
    """
    n = view.graph.vcount()
    roles = np.zeros(n, dtype=np.int8)
    roles[np.fromiter(plain, dtype=np.int64)] |= PLAIN
    roles[np.fromiter(cross, dtype=np.int64)] |= CROSS
    is_target = np.zeros(n)
    is_target[np.fromiter(targets, dtype=np.int64)] = 1.0
    sources = np.flatnonzero(roles).astype(np.int64)
    if n == 0 or sources.size == 0:
        zero = np.zeros(n)
        return PathSums(zero, zero.copy(), zero.copy(), zero.copy())
    indptr, indices, new = _local(*csr(view))
    order = np.argsort(new[sources], kind="stable")  # sources in the order of their new numbers
    local = _accumulate(indptr, indices, new[sources][order], roles[sources][order], is_target[np.argsort(new)])
    return PathSums(*(values[new] for values in local))
