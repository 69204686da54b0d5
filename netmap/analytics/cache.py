"""Structural scores remembered by what they depend on, in memory and in ``NETMAP_HOME/cache/structure``.

The costly part of every analysis (centralities, brokerage, communities, constraint) depends only on
the structure: :func:`netmap.analytics.structure.structure_key` digests it. An engagement, an
assessment, a rename or another home actor keep the key, so the scores are reused and only the
ranking is computed again; a tie or actor edit that changes the structure gives a new key.

The scores are also written to a private file per key (gzipped JSON, 0600 under a 0700 folder: the
scores describe who brokers between whom), so a restart of ``netmap serve``, a CLI command and the
export of the same data reuse them (all three weigh ties with the ``[weights]`` table of netmap.toml; an
export whose privacy policy hides actors, or dated ``--as-of``, projects another graph, with its own key). A file rather than properties on the graph: it needs no write
access to the database (a viewer's or analyst's CLI, a read replica), it never changes the data
version it is keyed by, it holds every measure of a version at once (the write-back to ``:Actor`` nodes
keeps a few for Cypher users), and reading it back is one file instead of a scan of every actor. The
cost: two machines sharing one database each compute it once.

>>> import networkx as nx, tempfile
>>> cache = StructureCache(tempfile.mkdtemp())
>>> g = nx.freeze(nx.path_graph(["a", "b", "c"]))
>>> cache.scores(g).nodes["b"]["betweenness"], cache.computed
(1.0, 1)
>>> StructureCache(cache.folder).scores(g).nodes["b"]["betweenness"]  # a new process: read from disk
1.0
"""

from __future__ import annotations

import contextlib
import gzip
import json
import logging
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any

import networkx as nx

from netmap.analytics import structure
from netmap.analytics.centrality import EXACT_LIMIT, SAMPLE_SIZE, SEED
from netmap.analytics.structure import StructuralScores
from netmap.private import private_dir, write_private

__all__ = ["FILES_KEPT", "StructureCache", "cached_scores", "structure_cache"]

log = logging.getLogger(__name__)

FORMAT = 1
#: Score files kept per ``NETMAP_HOME`` (the least recently written go first).
FILES_KEPT = 6
#: Results kept in memory per cache.
MEMORY_KEPT = 4


class StructureCache:
    """Structural scores per structure key: memory, then the folder (when given), then computed once.

    Concurrent requests for one key wait for the one computation (single-flight). ``computed`` counts
    the computations this cache made.
    """

    def __init__(self, folder: Path | str | None, root: Path | str | None = None) -> None:
        self.folder = Path(folder) if folder is not None else None
        self.root = Path(root) if root is not None else None
        self.computed = 0
        self._memory: OrderedDict[tuple[str, bool], StructuralScores] = OrderedDict()
        self._lock = threading.Lock()
        self._flights: dict[str, threading.Lock] = {}

    def scores(
        self,
        graph: nx.Graph,
        *,
        seed: int = SEED,
        exact_limit: int = EXACT_LIMIT,
        k: int = SAMPLE_SIZE,
        closeness: bool = True,
        key: str | None = None,
    ) -> StructuralScores:
        """The scores of ``graph`` (see :func:`netmap.analytics.structure.structural_scores`); a result
        with closeness also serves a request without it."""
        key = key or structure.structure_key(graph, seed=seed, exact_limit=exact_limit, k=k)
        found = self.peek(key, closeness)
        if found is not None:
            return self._with_graph_notes(found, graph)
        with self._lock:
            flight = self._flights.setdefault(key, threading.Lock())
        with flight:
            found = self.peek(key, closeness) or self._read(key, closeness)
            if found is None:
                found = structure.structural_scores(graph, seed=seed, exact_limit=exact_limit, k=k, closeness=closeness)
                found = self._without_graph_notes(found, graph)
                self.computed += 1
                self._write(key, closeness, found, graph)
            self._remember(key, closeness, found)
        with self._lock:
            self._flights.pop(key, None)
        return self._with_graph_notes(found, graph)

    def peek(self, key: str, closeness: bool = False) -> StructuralScores | None:
        """What memory holds for ``key`` (no computation, no disk)."""
        with self._lock:
            for wanted in (True, closeness):
                found = self._memory.get((key, wanted))
                if found is not None:
                    self._memory.move_to_end((key, wanted))
                    return found
        return None

    def _remember(self, key: str, closeness: bool, scores: StructuralScores) -> None:
        with self._lock:
            self._memory[(key, closeness)] = scores
            while len(self._memory) > MEMORY_KEPT:
                self._memory.popitem(last=False)

    # the graph's own notes (dropped ties, default weights) belong to the graph, not to the key
    @staticmethod
    def _without_graph_notes(scores: StructuralScores, graph: nx.Graph) -> StructuralScores:
        skip = len(graph.graph.get("notes", []))
        return StructuralScores(scores.nodes, scores.methods, scores.notes[skip:], scores.modularity, scores.seed)

    @staticmethod
    def _with_graph_notes(scores: StructuralScores, graph: nx.Graph) -> StructuralScores:
        notes = list(graph.graph.get("notes", [])) + scores.notes
        return StructuralScores(scores.nodes, scores.methods, notes, scores.modularity, scores.seed)

    def _path(self, key: str, closeness: bool) -> Path | None:
        if self.folder is None:
            return None
        return self.folder / f"{key[:40]}{'-closeness' if closeness else ''}.json.gz"

    def _read(self, key: str, closeness: bool) -> StructuralScores | None:
        for wanted in (True, closeness):
            path = self._path(key, wanted)
            if path is None or not path.exists():
                continue
            try:
                data = json.loads(gzip.decompress(path.read_bytes()))
                if data.get("format") != FORMAT or data.get("key") != key:
                    continue
                return StructuralScores(
                    data["nodes"], data["methods"], list(data["notes"]), float(data["modularity"]), int(data["seed"])
                )
            except (OSError, ValueError, KeyError, TypeError, EOFError) as exc:
                log.warning("structural scores in %s are unreadable (%s): computing them again", path.name, exc)
        return None

    def _write(self, key: str, closeness: bool, scores: StructuralScores, graph: nx.Graph) -> None:
        path = self._path(key, closeness)
        if path is None or not all(isinstance(n, str) for n in graph):
            return  # ids that JSON would turn into strings are not written (hand-made graphs)
        data = {
            "format": FORMAT,
            "key": key,
            "closeness": closeness,
            "nodes": scores.nodes,
            "methods": scores.methods,
            "notes": scores.notes,
            "modularity": scores.modularity,
            "seed": scores.seed,
        }
        try:
            private_dir(path.parent, root=self.root)
            write_private(path, gzip.compress(json.dumps(data, separators=(",", ":")).encode(), compresslevel=1))
            files = sorted(path.parent.glob("*.json.gz"), key=lambda p: p.stat().st_mtime, reverse=True)
            for old in files[FILES_KEPT:]:
                with contextlib.suppress(OSError):
                    old.unlink()
        except OSError as exc:  # a full or read-only disk costs a recomputation later, nothing else
            log.warning("could not keep the structural scores in %s: %s", path.parent, exc)


_CACHES: dict[str, StructureCache] = {}
_CACHES_LOCK = threading.Lock()


def structure_cache(home: Path | str | None) -> StructureCache:
    """The process-wide cache of ``NETMAP_HOME`` (memory only without one)."""
    name = str(home) if home is not None else ""
    with _CACHES_LOCK:
        cache = _CACHES.get(name)
        if cache is None:
            folder = Path(home) / "cache" / "structure" if home is not None else None
            cache = _CACHES[name] = StructureCache(folder, root=home)
        return cache


def cached_scores(graph: nx.Graph, home: Path | str | None, **options: Any) -> StructuralScores:
    """:meth:`StructureCache.scores` of the cache of ``home``."""
    return structure_cache(home).scores(graph, **options)
