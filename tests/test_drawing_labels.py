"""Label placement: no two placed labels overlap, crowded ones move out with a leader line or are left out."""

from __future__ import annotations

import random

from netmap.drawing.labels import Label, overlaps, place_labels

FRAME = (0.0, 0.0, 1000.0, 600.0)


def test_no_two_placed_labels_overlap_among_1500_crowded_points() -> None:
    rng = random.Random(7)
    labels = [Label((rng.uniform(0, 1000), rng.uniform(0, 600)), rng.uniform(20, 120), 10) for _ in range(1500)]
    placed = [p for p in place_labels(labels, frame=FRAME) if p is not None]
    assert 100 < len(placed) < 1500  # many fit, the crowd does not
    boxes = [p.box for p in placed]
    for i, a in enumerate(boxes):
        assert all(not overlaps(a, b) for b in boxes[i + 1 :])
        assert FRAME[0] <= a[0] and a[2] <= FRAME[2] and FRAME[1] <= a[1] and a[3] <= FRAME[3]


def test_the_first_label_gets_the_place_beside_its_point() -> None:
    first, second = place_labels([Label((500, 300), 60, 10), Label((500, 300), 60, 10)], frame=FRAME)
    assert first is not None and first.box == (504.0, 295.0, 564.0, 305.0) and not first.leader
    assert second is not None and second.box == (436.0, 295.0, 496.0, 305.0)  # the left side


def test_a_crowded_label_moves_out_with_a_leader_line() -> None:
    point = (500.0, 300.0)
    # obstacles fill every place next to the point
    near = [(point[0] - 70, point[1] - 20, point[0] + 70, point[1] + 20)]
    (placed,) = place_labels([Label(point, 30, 8)], frame=FRAME, obstacles=near)
    assert placed is not None and placed.leader
    assert not overlaps(placed.box, near[0])


def test_a_label_with_no_room_is_left_out() -> None:
    (placed,) = place_labels([Label((10, 10), 50, 10)], frame=(0, 0, 40, 40))
    assert placed is None
