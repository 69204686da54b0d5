"""One shortest-path pass for betweenness, cross-sphere betweenness and harmonic closeness.

Each of the three measures runs a breadth-first search (hops: the graph is unweighted for them) from
a set of source nodes. Before, each ran its own igraph pass; here one Brandes search per source serves
every measure the source is drawn for. From source ``s`` it counts the shortest paths ``σ`` to every
node, then walks back from the farthest node accumulating, for each node ``v`` before ``s``'s targets:

* the plain dependency ``δ(v) = Σ_w σ(v)/σ(w) (1 + δ(w))`` (``w`` one hop further on a shortest path);
* the cross-sphere dependency, the same sum with ``1`` counted only when ``w`` is a target;
* the harmonic sums ``Σ 1/d(s, v)`` and ``Σ 1/d(s, v)²`` (the second gives the sampling error).

The loops are compiled with numba (:mod:`.shortest_paths_kernels`, loaded on the first call). The
sources are split into a fixed number of chunks run in parallel, each with its own totals, added in
chunk order: the result does not depend on the number of threads.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from netmap.analytics.backend import IGraphView

__all__ = ["PathSums", "csr", "path_sums"]


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


def _local(indptr: np.ndarray, indices: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The adjacency renumbered in breadth-first order from the hubs (neighbours get near numbers, so
    the searches touch memory that is close together), and ``new``: node → its new number."""
    from netmap.analytics.shortest_paths_kernels import bfs_order

    order = bfs_order(indptr, indices, np.argsort(-np.diff(indptr), kind="stable"))
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
    from netmap.analytics.shortest_paths_kernels import CROSS, PLAIN, accumulate  # loads numba

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
    local = accumulate(indptr, indices, new[sources][order], roles[sources][order], is_target[np.argsort(new)])
    return PathSums(*(values[new] for values in local))
