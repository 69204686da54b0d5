"""Re-ranking after an engagement edit reuses the entries the edit cannot move, and gives the ranking a
ranking from scratch gives."""

from __future__ import annotations

import random
from typing import Any

from netmap.analytics.entry_points import EntryPointOptions, rank_entry_points
from netmap.analytics.paths import route_tree
from netmap.analytics.reuse import reusable_entries
from netmap.analytics.structure import structural_scores
from netmap.graph import build_graph
from netmap.graph.patch import patch_graph
from netmap.graph.rows import actor, tie

OPTIONS = EntryPointOptions(top=None, spheres=())


def _graph(n: int = 120, seed: int = 5) -> Any:
    rng = random.Random(seed)
    ids = ["us"] + [f"a{i:03d}" for i in range(n)]
    nodes = [actor(i, sphere=rng.choice(["humanitarian", "economic"]), influence=rng.randint(1, 5)) for i in ids]
    edges = [tie(rng.choice(ids), rng.choice(ids)) for _ in range(3 * n)]
    return build_graph(nodes, edges)


def _plain(entries: list[Any]) -> list[dict[str, Any]]:
    return [e.as_dict() for e in entries]


def test_a_rerank_after_an_engagement_equals_a_ranking_from_scratch_and_reuses_most_entries() -> None:
    before = _graph()
    scores = structural_scores(before)
    ranked = rank_entry_points(before, "us", scores, OPTIONS)
    target = next(e.id for e in ranked[40:] if e.route and len(e.route["nodes"]) > 3)
    engaged = {**tie("us", target, "ENGAGED_WITH"), "note": "first meeting"}
    patch = patch_graph(before, [{"id": target, "engagement": "contacted"}], [engaged])
    assert patch is not None
    again = rank_entry_points(
        patch.graph,
        "us",
        scores,
        OPTIONS,
        previous=ranked,
        touched=patch.nodes,
        changed_ties=patch.pairs,
        tree=route_tree(patch.graph, "us"),
    )
    assert _plain(again) == _plain(rank_entry_points(patch.graph, "us", scores, OPTIONS))
    old = {e.id: e for e in ranked}
    kept = [e for e in again if e.reasons is old[e.id].reasons]
    assert 0 < len(kept) < len(again)  # some moved (the edited actor at least), most did not
    assert next(e for e in again if e.id == target).engagement == "contacted"


def test_an_entry_whose_route_passes_a_touched_node_is_explained_again() -> None:
    before = _graph()
    scores = structural_scores(before)
    ranked = rank_entry_points(before, "us", scores, OPTIONS)
    far = next(e for e in ranked if e.route and len(e.route["nodes"]) >= 3)
    middle = far.route["nodes"][1]
    reach = {e.id: e.details["route_cost"] for e in ranked}
    from netmap.analytics.paths import PathCosts

    kept = reusable_entries(before, "us", ranked, reach, PathCosts(), {middle}, ())
    assert far.id not in kept and middle not in kept
    assert len(kept) > len(ranked) // 2
    assert reusable_entries(before, "us", [], reach, PathCosts(), (), ()) == {}
