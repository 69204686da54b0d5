"""Structural scores keyed by the structure and kept in NETMAP_HOME (netmap.analytics.cache)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from netmap.analytics import cache as cache_module
from netmap.analytics import report, structure
from netmap.analytics.cache import StructureCache
from netmap.analytics.structure import structural_scores, structure_key
from netmap.graph import build_graph
from netmap.private import mode_of


def _graph(extra_edges: list[dict[str, Any]] = (), **attrs: Any) -> nx.Graph:  # type: ignore[assignment]
    nodes = [
        {"id": "us", "label": "Actor", "sphere": "humanitarian"},
        {"id": "ngo", "label": "Actor", "sphere": "humanitarian"},
        {"id": "bank", "label": "Actor", "sphere": "economic"},
        {"id": "firm", "label": "Actor", "sphere": "economic", **attrs},
    ]
    edges = [
        {"source": "us", "target": "ngo", "type": "PARTNERS_WITH"},
        {"source": "ngo", "target": "bank", "type": "FUNDS"},
        {"source": "bank", "target": "firm", "type": "MEMBER_OF"},
        *extra_edges,
    ]
    return build_graph(nodes, edges)


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    calls = {"structure": 0}
    real = structure.structural_scores

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls["structure"] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(structure, "structural_scores", counting)
    return calls


def test_our_engagement_ties_do_not_change_the_structure() -> None:
    plain = _graph()
    engaged = _graph([{"source": "us", "target": "firm", "type": "ENGAGED_WITH"}], engagement="contacted")
    assert structure_key(plain) == structure_key(engaged)
    assert structural_scores(engaged).nodes == structural_scores(plain).nodes


def test_a_tie_or_a_sphere_changes_the_structure_key() -> None:
    plain = _graph()
    assert structure_key(plain) != structure_key(_graph([{"source": "us", "target": "firm", "type": "PARTNERS_WITH"}]))
    assert structure_key(plain) != structure_key(_graph(sphere="humanitarian"))
    assert structure_key(plain) == structure_key(_graph(name="Renamed Ltd", influence=5))


def test_scores_are_computed_once_then_read_from_memory_and_from_a_new_process(
    tmp_path: Path, counted: dict[str, int]
) -> None:
    folder = tmp_path / "home" / "cache" / "structure"
    first = StructureCache(folder, root=tmp_path / "home").scores(_graph())
    again = StructureCache(folder).scores(_graph([{"source": "us", "target": "bank", "type": "ENGAGED_WITH"}]))
    assert counted["structure"] == 1
    assert again.nodes == first.nodes and again.methods == first.methods
    (saved,) = folder.glob("*.json.gz")
    assert mode_of(saved) == 0o600 and mode_of(folder) == 0o700 and mode_of(tmp_path / "home") == 0o700


def test_a_result_with_closeness_serves_one_without_but_not_the_reverse(
    tmp_path: Path, counted: dict[str, int]
) -> None:
    cache = StructureCache(tmp_path)
    without = cache.scores(_graph(), closeness=False)
    assert without.nodes["ngo"]["harmonic"] is None
    assert cache.scores(_graph(), closeness=True).nodes["ngo"]["harmonic"] > 0
    assert cache.scores(_graph(), closeness=False).nodes["ngo"]["harmonic"] > 0
    assert counted["structure"] == 2


def test_an_unreadable_file_is_computed_again(tmp_path: Path, counted: dict[str, int]) -> None:
    StructureCache(tmp_path).scores(_graph())
    for path in tmp_path.glob("*.json.gz"):
        path.write_bytes(b"not gzip")
    assert StructureCache(tmp_path).scores(_graph()).nodes["ngo"]["betweenness"] > 0
    assert counted["structure"] == 2


def test_the_graph_notes_come_from_the_graph_not_the_file(tmp_path: Path) -> None:
    graph = _graph([{"source": "us", "target": "firm", "type": "KNOWS"}])
    StructureCache(tmp_path).scores(graph)
    other = _graph([{"source": "us", "target": "firm", "type": "KNOWS"}, {"source": "us", "target": "us", "type": "X"}])
    notes = StructureCache(tmp_path).scores(other).notes
    assert notes[: len(other.graph["notes"])] == other.graph["notes"] and "self-loop(s) dropped" in notes[1]


def test_old_files_are_dropped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache_module, "FILES_KEPT", 2)
    cache = StructureCache(tmp_path)
    for seed in range(4):
        cache.scores(_graph(), seed=seed)
    assert len(list(tmp_path.glob("*.json.gz"))) == 2


def test_the_cli_reports_reuse_what_another_process_computed(
    tmp_path: Path, counted: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    graph = _graph()
    graph.graph[report.CACHE_HOME] = str(tmp_path)
    first = report.analyze_report(graph)
    monkeypatch.setattr(cache_module, "_CACHES", {})  # a new process: nothing in memory
    fresh = _graph()
    fresh.graph[report.CACHE_HOME] = str(tmp_path)
    assert report.analyze_report(fresh) == first
    assert counted["structure"] == 1
