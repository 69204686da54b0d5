"""The rules of the fields people set — ranges and what each end means — shared by the sheet import, the
actor page's edits, assessments and the API, so that a value one of them accepts the others accept too.

>>> INFLUENCE.problem("6"), INFLUENCE.problem("high"), INFLUENCE.problem("nan"), INFLUENCE.problem("4.0")
('6 is outside 1-5', "'high' is not a whole number from 1 to 5", "'nan' is not a whole number from 1 to 5", None)
>>> INFLUENCE.parse("4.0"), INFLUENCE.parse(""), INFLUENCE.parse(3)
(4, None, 3)
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

__all__ = ["INFLUENCE", "INTEREST", "RATINGS", "STRENGTH", "Rating"]


@dataclass(frozen=True)
class Rating:
    """A whole-number rating from ``low`` to ``high``; ``meaning`` says what the ends mean, for messages."""

    name: str
    low: int
    high: int
    meaning: str

    @property
    def expected(self) -> str:
        return f"a whole number from {self.low} to {self.high}"

    def problem(self, raw: Any) -> str | None:
        """What is wrong with ``raw`` as this rating, or ``None`` when it is a valid rating or empty."""
        text = "" if raw is None else str(raw).strip()
        if not text:
            return None
        try:
            number = float(text)
        except ValueError:
            number = math.nan
        if not math.isfinite(number) or number != int(number):
            return f"{text!r} is not {self.expected}"
        if not self.low <= number <= self.high:
            return f"{int(number)} is outside {self.low}-{self.high}"
        return None

    def parse(self, raw: Any) -> int | None:
        """The rating in ``raw`` (``"4"``, ``4.0`` from a spreadsheet), ``None`` when empty; ``ValueError``
        with :meth:`problem`'s words otherwise."""
        wrong = self.problem(raw)
        if wrong:
            raise ValueError(wrong)
        text = "" if raw is None else str(raw).strip()
        return int(float(text)) if text else None


INFLUENCE = Rating("influence", 1, 5, "1 (marginal) to 5 (decisive)")
INTEREST = Rating("interest", 1, 5, "1 (indifferent) to 5 (central to its own agenda)")
STRENGTH = Rating("strength", 1, 5, "1 (a passing contact) to 5 (a close, working tie)")
#: Every rating by field name.
RATINGS = {r.name: r for r in (INFLUENCE, INTEREST, STRENGTH)}
