"""The power/interest grid: the four quadrants, every point visible in its cell, filters."""

from __future__ import annotations

from netmap.analytics.grid import power_interest_grid, quadrant


def test_the_quadrants_split_at_four() -> None:
    assert quadrant(5, 5) == "manage closely"
    assert quadrant(4, 3) == "keep satisfied"
    assert quadrant(3, 4) == "keep informed"
    assert quadrant(3, 3) == "monitor"


def test_actors_sharing_a_cell_are_spread_inside_it_without_overlap() -> None:
    rows = [{"id": f"a{i}", "name": f"Actor {i:02d}", "influence": 4, "interest": 4} for i in range(10)]
    points = power_interest_grid(rows, {})
    spots = {(p.x, p.y) for p in points}
    assert len(spots) == 10
    assert all(3.6 <= p.x <= 4.4 and 3.6 <= p.y <= 4.4 for p in points)
    step = 0.8 / 4
    xs = sorted({p.x for p in points})
    assert all(round(b - a, 4) >= round(step, 4) for a, b in zip(xs, xs[1:], strict=False))


def test_filters_keep_only_the_chosen_kinds_and_countries() -> None:
    rows = [
        {"id": "a", "name": "A", "kind": "NGO", "country": "DEU", "influence": 2, "interest": 2},
        {"id": "b", "name": "B", "kind": "Company", "country": "DEU", "influence": 2, "interest": 2},
        {"id": "c", "name": "C", "kind": "Company", "country": "FRA", "influence": 2, "interest": 2},
    ]
    assert [p.id for p in power_interest_grid(rows, {}, kinds=["Company"])] == ["b", "c"]
    assert [p.id for p in power_interest_grid(rows, {}, kinds=["Company"], countries=["FRA"])] == ["c"]
