"""The country × sector coverage matrix."""

from __future__ import annotations

from netmap.analytics.coverage import coverage_matrix
from netmap.graph import build_graph
from netmap.graph.rows import actor, initiative


def test_actors_present_vs_engaged_per_country_and_sector_biggest_gap_first() -> None:
    g = build_graph(
        [
            actor("a", country="DEU", sectors=["healthcare", "nursing"], engagement="partner", sphere="economic"),
            actor("b", country="DEU", sectors=["healthcare"], sphere="economic"),
            actor("c", country="DEU", sectors=["healthcare"], engagement="contacted", sphere="economic"),
            actor("d", country="CAN", sectors=[], sphere="humanitarian"),
            initiative("forum"),
        ],
        [],
    )
    rows = coverage_matrix(g)
    assert [(r["country"], r["sector"], r["actors"], r["engaged"], r["gap"]) for r in rows] == [
        ("DEU", "healthcare", 3, 1, 2),
        ("CAN", "?", 1, 0, 1),
        ("DEU", "nursing", 1, 1, 0),
    ]
    assert rows[0]["not_engaged"] == ["b", "c"] and rows[0]["coverage"] == 0.3333
    assert rows[0]["reasons"] == ["1 of 3 actor(s) in healthcare in DEU engaged"]
    assert rows[1]["reasons"] == ["1 actor(s) in ? in CAN, none engaged"]


def test_coverage_restricted_to_a_sphere() -> None:
    g = build_graph(
        [actor("a", country="DEU", sphere="economic"), actor("b", country="CAN", sphere="humanitarian")], []
    )
    assert [r["country"] for r in coverage_matrix(g, ("economic",))] == ["DEU"]


def test_empty_graph_has_empty_coverage() -> None:
    assert coverage_matrix(build_graph([], [])) == []
