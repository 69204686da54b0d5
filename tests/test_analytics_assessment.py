"""An assessment replaces the imported influence, scales the score by interest and stance, and says so."""

from __future__ import annotations

from datetime import date

import networkx as nx

from netmap.analytics.assessment import read_assessment
from netmap.analytics.entry_points import EntryPointOptions, rank_entry_points
from netmap.analytics.structure import structural_scores

TODAY = date(2026, 12, 2)


def _graph(**firm: object) -> nx.Graph:
    g = nx.Graph()
    g.add_node("us", name="Us", label="Actor", sphere="humanitarian")
    for node in ("firm", "other"):
        g.add_node(node, name=node.title(), label="Actor", sphere="economic", influence=2)
    g.nodes["firm"].update(firm)
    for node in ("firm", "other"):
        g.add_edge(
            "us", node, cost=1.0, weight=1.0, evidence=[{"type": "PARTNERS_WITH", "source": "us", "target": node}]
        )
    return g


def test_without_an_assessment_the_imported_influence_counts() -> None:
    ranked = rank_entry_points(_graph(), "us", structural_scores(_graph()))
    assert [e.score for e in ranked] == [ranked[0].score, ranked[0].score]
    assert ranked[0].reasons[0] == "influence 2/5 in the data"


def test_the_assessed_influence_replaces_the_imported_one_and_the_reason_cites_it() -> None:
    g = _graph(
        assessedInfluence=5, assessedInterest=3, stance="neutral", assessedBy="A. Officer", assessedOn="2026-10-03"
    )
    ranked = rank_entry_points(g, "us", structural_scores(g))
    assert ranked[0].id == "firm"
    assert ranked[0].components["influence"] == 1.0
    assert ranked[0].reasons[0] == "assessed influence 5/5, interest 3/5, neutral (A. Officer, 2026-10-03)"
    assert ranked[0].details["assessment"]["factor"] == 1.0


def test_an_opposed_stance_and_low_interest_lower_the_score_a_supportive_one_raises_it() -> None:
    base = rank_entry_points(_graph(), "us", structural_scores(_graph()))[0].score
    opposed = _graph(assessedInfluence=2, assessedInterest=1, stance="opposed")
    supportive = _graph(assessedInfluence=2, assessedInterest=5, stance="supportive")
    low = {e.id: e.score for e in rank_entry_points(opposed, "us", structural_scores(opposed))}["firm"]
    high = {e.id: e.score for e in rank_entry_points(supportive, "us", structural_scores(supportive))}["firm"]
    assert low == round(base * 0.85 * 0.9, 4)
    assert high == round(base * 1.1 * 1.1, 4)


def test_an_old_assessment_still_counts_but_is_flagged_stale() -> None:
    data = {"assessedInfluence": 3, "assessedInterest": 3, "stance": "unknown", "assessedOn": "2025-06-01"}
    fresh = read_assessment(data, today=date(2025, 12, 1), max_age_days=365)
    old = read_assessment(data, today=TODAY, max_age_days=365)
    assert fresh is not None and not fresh.stale and len(fresh.reasons) == 1
    assert old is not None and old.stale
    assert old.reasons[1] == "the assessment is 549 days old (over 365): reassess it"
    options = EntryPointOptions(assessment_max_age_days=10_000)
    g = _graph(**data)
    assert len(rank_entry_points(g, "us", structural_scores(g), options)[0].reasons) >= 1
