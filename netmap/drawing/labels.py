"""Labels that never overlap: a greedy placement of text boxes next to their points.

Labels are placed in the caller's order of importance. Each tries positions around its point (right,
left, above, below, the diagonals), then the same ring further out, where a leader line ties it back
to its point; the first box that overlaps no box already placed, no obstacle and stays inside the
frame wins. A label with no free place is left out (its point stays, unlabelled): a hidden label is
better than an unreadable one. Units are whatever the caller measures in (display pixels for the
slide); the web map runs the same idea in the browser.

>>> first, second = place_labels([Label((0, 0), 40, 10), Label((5, 0), 40, 10)], frame=(-100, -100, 100, 100))
>>> first.box, second.box
((4.0, -5.0, 44.0, 5.0), (-39.0, -5.0, 1.0, 5.0))
>>> overlaps(first.box, second.box)
False
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = ["Box", "Label", "Placement", "overlaps", "place_labels"]

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 with y up


@dataclass(frozen=True, slots=True)
class Label:
    """A label to place: its point and the size of its text box."""

    anchor: tuple[float, float]
    width: float
    height: float


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a label went: its box and whether it sits far enough from its point to need a leader line."""

    box: Box
    leader: bool


def overlaps(a: Box, b: Box) -> bool:
    """Whether two boxes share any area (touching edges do not overlap).

    >>> overlaps((0, 0, 2, 2), (2, 0, 4, 2)), overlaps((0, 0, 2, 2), (1, 1, 3, 3))
    (False, True)
    """
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _candidates(label: Label, gap: float) -> Iterable[tuple[Box, bool]]:
    x, y = label.anchor
    w, h = label.width, label.height
    for ring, leader in ((gap, False), (gap * 4, True), (gap * 8, True)):
        yield (x + ring, y - h / 2, x + ring + w, y + h / 2), leader  # right
        yield (x - ring - w, y - h / 2, x - ring, y + h / 2), leader  # left
        yield (x - w / 2, y + ring, x + w / 2, y + ring + h), leader  # above
        yield (x - w / 2, y - ring - h, x + w / 2, y - ring), leader  # below
        yield (x + ring, y + ring, x + ring + w, y + ring + h), leader  # above right
        yield (x - ring - w, y + ring, x - ring, y + ring + h), leader  # above left
        yield (x + ring, y - ring - h, x + ring + w, y - ring), leader  # below right
        yield (x - ring - w, y - ring - h, x - ring, y - ring), leader  # below left


def place_labels(
    labels: Sequence[Label],
    *,
    frame: Box,
    obstacles: Sequence[Box] = (),
    gap: float = 4.0,
) -> list[Placement | None]:
    """A placement per label (``None``: no free place), in the order given; see the module docstring."""
    taken: list[Box] = list(obstacles)
    result: list[Placement | None] = []
    for label in labels:
        chosen: Placement | None = None
        for box, leader in _candidates(label, gap):
            inside = frame[0] <= box[0] and box[2] <= frame[2] and frame[1] <= box[1] and box[3] <= frame[3]
            if inside and not any(overlaps(box, other) for other in taken):
                chosen = Placement(box, leader)
                break
        if chosen is not None:
            taken.append(chosen.box)
        result.append(chosen)
    return result
