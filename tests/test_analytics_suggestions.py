"""Likely new ties between partners and targets: Adamic–Adar and Jaccard with shared neighbours."""

from __future__ import annotations

import math

import networkx as nx
import pytest

from netmap.analytics.suggestions import suggest_ties


def test_pairs_sharing_neighbours_are_scored_by_adamic_adar_and_jaccard() -> None:
    # partner p and target t share f (degree 3) and g (degree 2); p also knows x, t also knows y
    g = nx.Graph([("p", "f"), ("t", "f"), ("z", "f"), ("p", "g"), ("t", "g"), ("p", "x"), ("t", "y")])
    g.nodes["f"]["name"] = "Skills Forum"
    (row,) = suggest_ties(g, ["p"], ["t"])
    assert row["adamic_adar"] == pytest.approx(1 / math.log(3) + 1 / math.log(2), abs=1e-6)
    # shared {f, g}; union of neighbours {f, g, x, y}
    assert row["jaccard"] == 0.5
    assert row["shared"] == ["f", "g"] and row["reasons"] == ["both tied to Skills Forum, g"]


def test_already_tied_pairs_are_not_suggested_and_order_is_by_score_then_id() -> None:
    g = nx.Graph([("p", "f"), ("t1", "f"), ("t2", "f"), ("p", "t1")])
    rows = suggest_ties(g, ["p"], ["t1", "t2"])
    assert [(r["partner"], r["target"]) for r in rows] == [("p", "t2")]


def test_no_shared_neighbours_no_suggestions() -> None:
    assert suggest_ties(nx.Graph([("p", "a"), ("t", "b")]), ["p"], ["t"]) == []
