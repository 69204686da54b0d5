"""Per-country counts for the world map and the country × sector table: normalised, nothing dropped."""

from __future__ import annotations

import networkx as nx

from netmap.analytics.geography import coverage_table, world_counts

SHAPES = {"276", "250", "404"}  # Germany, France, Kenya


def _graph() -> nx.Graph:
    g = nx.Graph()
    g.add_node("a", label="Actor", country="DEU", sectors=["health"], engagement="partner")
    g.add_node("b", label="Actor", country="Germany", sectors=["health", "care"], engagement="contacted")
    g.add_node("c", label="Actor", country="de", sectors=["care"], engagement="engaged")
    g.add_node("k", label="Actor", country="XKX", sectors=["health"])
    g.add_node("y", label="Actor", country="YUG")
    g.add_node("n", label="Actor", sectors=["health"])
    g.add_node("p", label="Programme", countries=["DEU", "KEN", "XKX"])
    g.add_node("f", label="Forum", countries=["FRA"])
    return g


def test_a_country_written_three_ways_is_one_country_and_keeps_every_spelling() -> None:
    w = world_counts(_graph(), SHAPES)
    germany = next(c for c in w.countries if c.code == "DEU")
    assert (germany.numeric, germany.actors, germany.engaged) == ("276", 3, 2)
    assert germany.values == {"DEU", "Germany", "de"}


def test_codes_without_a_shape_are_counted_in_other_not_dropped() -> None:
    w = world_counts(_graph(), SHAPES)
    assert [(c.code, c.actors, c.programmes) for c in w.other] == [("XKX", 1, 1), ("YUG", 1, 0)]
    assert w.other_total("actors") == 2 and w.without_country == 1
    assert sum(c.actors for c in w.countries) + w.other_total("actors") + w.without_country == 6


def test_a_programme_in_several_countries_counts_in_each() -> None:
    w = world_counts(_graph(), SHAPES)
    programmes = {c.code: c.programmes for c in [*w.countries, *w.other]}
    assert programmes == {"DEU": 1, "KEN": 1, "XKX": 1, "FRA": 1, "YUG": 0}


def test_entry_points_and_gaps_are_counted_where_the_actors_are() -> None:
    g = _graph()
    g.add_node("d", label="Actor", country="DEU", sectors=["construction"])
    w = world_counts(g, SHAPES, entry_points=["b", "d", "k"])
    germany = next(c for c in w.countries if c.code == "DEU")
    assert germany.entry_points == 2 and w.other[0].entry_points == 1
    assert (germany.gaps, germany.gap_sectors) == (1, ["construction"])
    assert "no actor engaged in construction" in germany.reason()


def test_a_graph_with_no_countries_is_empty() -> None:
    g = nx.Graph()
    g.add_node("a", label="Actor", sectors=["health"])
    w = world_counts(g, SHAPES)
    assert w.empty and w.without_country == 1 and not w.countries and not w.other


def test_the_coverage_table_merges_spellings_and_marks_gaps() -> None:
    t = coverage_table(_graph())
    assert [c[0] for c in t.countries] == ["DEU", "XKX"]
    assert t.cells[("DEU", "health")] == (2, 1) and t.cells[("DEU", "care")] == (2, 1)
    assert t.is_gap("XKX", "health") and not t.is_gap("DEU", "health") and not t.is_gap("DEU", "construction")


def test_the_coverage_table_says_how_many_countries_and_sectors_it_left_out() -> None:
    t = coverage_table(_graph(), max_countries=1, max_sectors=1)
    assert (len(t.countries), len(t.sectors), t.hidden_countries, t.hidden_sectors) == (1, 1, 1, 1)
