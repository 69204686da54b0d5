"""What a stakeholder assessment changes in the entry-point ranking, and the reason that says so.

The latest assessment of an actor (copied onto it by the store: ``assessedInfluence``,
``assessedInterest``, ``stance``, ``assessedBy``, ``assessedOn``) replaces the imported influence, and
its interest and stance adjust the score::

    factor = STANCE_FACTOR[stance] × (1 + 0.05 × (interest − 3))     # 0.77 … 1.21; neutral, 3/5 → 1
    score  = min(1, score × factor)

An assessment older than ``max_age_days`` still counts, but the reason says it is stale.

>>> a = read_assessment({"assessedInfluence": 4, "assessedInterest": 2, "stance": "neutral",
...                      "assessedBy": "A. Officer", "assessedOn": "2026-10-03"}, today=date(2026, 12, 2))
>>> a.influence, a.factor, a.reasons
(4, 0.95, ['assessed influence 4/5, interest 2/5, neutral (A. Officer, 2026-10-03)'])
>>> read_assessment({"influence": 3}, today=date(2026, 12, 2)) is None
True
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from netmap.messages import Date, Message, Term

__all__ = ["STANCE_FACTOR", "Assessed", "read_assessment"]

#: How the stance scales the score: a supportive actor is an easier door, an opposed one a harder one.
STANCE_FACTOR: dict[str, float] = {"supportive": 1.1, "neutral": 1.0, "unknown": 1.0, "opposed": 0.85}
#: Each point of interest above (below) 3/5 adds (removes) this share of the score.
INTEREST_STEP = 0.05
DEFAULT_MAX_AGE_DAYS = 365


@dataclass(frozen=True, slots=True)
class Assessed:
    """The latest assessment as the ranking uses it."""

    influence: int
    interest: int
    stance: str
    factor: float
    stale: bool
    reasons: list[str]


def read_assessment(
    data: Mapping[str, Any], *, today: date | None = None, max_age_days: int = DEFAULT_MAX_AGE_DAYS
) -> Assessed | None:
    """The actor's latest assessment from its node attributes, or ``None`` when it has none."""
    influence = data.get("assessedInfluence")
    if not isinstance(influence, int):
        return None
    raw_interest = data.get("assessedInterest")
    interest = raw_interest if isinstance(raw_interest, int) else 3
    stance = str(data.get("stance") or "unknown")
    factor = round(STANCE_FACTOR.get(stance, 1.0) * (1 + INTEREST_STEP * (interest - 3)), 4)
    by, on = data.get("assessedBy"), data.get("assessedOn")
    fields = {"influence": influence, "interest": interest, "stance": Term(stance)}
    if by and on:
        said = Message(
            "assessed influence %(influence)s/5, interest %(interest)s/5, %(stance)s (%(by)s, %(on)s)",
            by=by,
            on=Date(str(on)),
            **fields,
        )
    elif by or on:
        said = Message(
            "assessed influence %(influence)s/5, interest %(interest)s/5, %(stance)s (%(by)s)",
            by=by or Date(str(on)),
            **fields,
        )
    else:
        said = Message("assessed influence %(influence)s/5, interest %(interest)s/5, %(stance)s", **fields)
    reasons: list[str] = [said]
    stale = False
    if on:
        try:
            age = ((today or date.today()) - date.fromisoformat(str(on))).days
        except ValueError:
            age = 0
        if age > max_age_days:
            stale = True
            reasons.append(
                Message("the assessment is %(age)s days old (over %(max)s): reassess it", age=age, max=max_age_days)
            )
    return Assessed(influence, interest, stance, factor, stale, reasons)
