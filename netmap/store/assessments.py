"""Stakeholder assessments: how much an actor matters to our agenda and where it stands.

Each assessment is kept as ``(:Assessment {id, influence, interest, stance, note, date, by, at})
-[:ABOUT]->(actor)``: the history is never overwritten. The latest one (by date, then time of entry) is
copied onto the actor as ``assessedInfluence``, ``assessedInterest``, ``stance``, ``assessedBy`` and
``assessedOn``, so the analytics read it with the rest of the actor and the projection stays one query.
Each one is also a change in the actor's history (:mod:`netmap.store.history`): the latest before → this
one, each as ``[influence, interest, stance, date]``.

>>> check_assessment(influence="4", interest=2, stance="Neutral", date="2026-10-03")
(4, 2, 'neutral', '2026-10-03')
>>> check_assessment(influence="high", interest=2, stance="neutral", date="2026-10-03")
Traceback (most recent call last):
...
netmap.errors.InputError: influence: 'high' is not a whole number from 1 to 5 — rate it 1 (marginal) to 5 (decisive)
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TYPE_CHECKING, Any

from netmap.errors import InputError, NotFound
from netmap.model import STANCES
from netmap.model.fields import INFLUENCE, INTEREST, Rating
from netmap.store.history import RECORD_ON_ACTOR
from netmap.store.views import LIGHT_EDIT

if TYPE_CHECKING:
    from netmap.store.connection import Connection

__all__ = [
    "add_assessment",
    "assessment_history",
    "check_assessment",
    "history_query",
    "latest_assessment_notes",
    "latest_assessments",
]


def _rating(rule: Rating, value: Any) -> int:
    wrong = rule.problem(value)
    number = None if wrong else rule.parse(value)
    if number is None:
        raise InputError(rule.name, wrong or "is empty", f"rate it {rule.meaning}")
    return number


def check_assessment(*, influence: Any, interest: Any, stance: Any, date: Any) -> tuple[int, int, str, str]:
    """The assessment's values checked and normalised; :class:`InputError` naming the field otherwise."""
    power = _rating(INFLUENCE, influence)
    concern = _rating(INTEREST, interest)
    where = str(stance or "").strip().lower()
    if where not in STANCES:
        shown = repr(stance) if where else "empty"
        raise InputError("stance", f"is {shown}", f"use one of {', '.join(STANCES)}")
    try:
        day = dt.date.fromisoformat(str(date or "").strip())
    except ValueError:
        raise InputError("date", f"{date!r} is not a date", "use YYYY-MM-DD") from None
    return power, concern, where, day.isoformat()


def add_assessment(
    store: Connection,
    actor_id: str,
    *,
    influence: Any,
    interest: Any,
    stance: Any,
    note: str,
    by: str,
    date: Any = None,
) -> dict[str, Any]:
    """Record one assessment (``date`` defaults to today); returns the actor's latest assessment after it."""
    power, concern, where, day = check_assessment(
        influence=influence, interest=interest, stance=stance, date=date or dt.date.today().isoformat()
    )
    rows = store.execute_write(
        """
        MATCH (a:Actor {id: $id})
        WITH a, CASE WHEN a.assessedInfluence IS NULL THEN null ELSE [toString(a.assessedInfluence),
               toString(a.assessedInterest), a.stance, a.assessedOn] END AS was
        CREATE (s:Assessment {id: $sid, influence: $influence, interest: $interest, stance: $stance,
                              note: $note, date: $date, by: $by, at: datetime()})
        CREATE (s)-[:ABOUT]->(a)
        WITH a, was
        MATCH (l:Assessment)-[:ABOUT]->(a)
        WITH a, was, l ORDER BY l.date DESC, l.at DESC
        WITH a, was, collect(l)[0] AS latest
        SET a.assessedInfluence = latest.influence, a.assessedInterest = latest.interest,
            a.stance = latest.stance, a.assessedBy = latest.by, a.assessedOn = latest.date
        WITH a, latest, [{kind: 'assessment', by: $by, field: 'assessment', before: was, after: $summary}] AS history
        """
        + RECORD_ON_ACTOR
        + """
        WITH a, latest
        """
        + LIGHT_EDIT
        + """
        RETURN latest {.influence, .interest, .stance, .note, .date, .by} AS latest
        """,
        {
            "id": actor_id,
            "sid": uuid.uuid4().hex,
            "influence": power,
            "interest": concern,
            "stance": where,
            "note": (note or "").strip()[:4000],
            "date": day,
            "by": by,
            "summary": [str(power), str(concern), where, day],
        },
    )
    if not rows:
        raise NotFound(f"no actor with id {actor_id!r}", "assessments are for actors (not programmes or forums)")
    return dict(rows[0]["latest"])


_HISTORY = """
MATCH (s:Assessment)-[:ABOUT]->(:Entity {id: $id})
RETURN s.date AS date, s.influence AS influence, s.interest AS interest, s.stance AS stance,
       s.note AS note, s.by AS by
ORDER BY s.date DESC, s.at DESC
"""


def history_query(actor_id: str) -> tuple[str, dict[str, Any]]:
    """The statement and parameters of :func:`assessment_history` (the actor page runs it with its other reads)."""
    return _HISTORY, {"id": actor_id}


def assessment_history(store: Connection, actor_id: str) -> list[dict[str, Any]]:
    """Every assessment of an actor, the latest first."""
    return store.execute_read(*history_query(actor_id))


def latest_assessments(store: Connection) -> list[dict[str, Any]]:
    """The latest assessment of every assessed actor, by name."""
    return store.execute_read(
        """
        MATCH (a:Actor) WHERE a.assessedInfluence IS NOT NULL
        RETURN a.id AS id, a.name AS name, a.kind AS kind, a.country AS country,
               a.assessedInfluence AS influence, a.assessedInterest AS interest, a.stance AS stance,
               a.assessedOn AS date, a.assessedBy AS by
        ORDER BY toLower(a.name), a.id
        """
    )


def latest_assessment_notes(store: Connection) -> dict[str, str]:
    """Actor id → the note of its latest assessment, for actors whose latest assessment has one."""
    rows = store.execute_read(
        """
        MATCH (s:Assessment)-[:ABOUT]->(a:Actor)
        WITH a, s ORDER BY s.date DESC, s.at DESC
        WITH a, collect(s)[0] AS latest
        WHERE coalesce(latest.note, '') <> ''
        RETURN a.id AS id, latest.note AS note
        """
    )
    return {str(r["id"]): str(r["note"]) for r in rows}
