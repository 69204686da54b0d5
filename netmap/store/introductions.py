"""Introduction requests: we ask X (on a warm route) to introduce us to Y, and follow the request.

Each request is ``(:Introduction {id, via, target, status, note, route, routeIds, requestedBy,
requestedOn, requestedAt, updatedBy, updatedOn, updatedAt})`` with ``-[:VIA]->(x)`` and ``-[:TO]->(y)``.
It is not an ``:Entity``, so it never enters the projected graph. The route is checked before a request
is recorded (:func:`netmap.analytics.introductions.introduction_route`). A request moves
requested → accepted → done, or to declined; done and declined are final. When it is done, Y's
engagement moves on: an engagement-log entry "introduced by X" raises Y to *contacted* (a status
already past it is kept), which also gives us the direct tie to Y.

Each request and each move of it is recorded in the history of both actors (kind ``introduction``,
field ``introduction to`` on X and ``introduction through`` on Y, status before → after, the other
actor's id as the detail) in the same transaction.

>>> check_transition("requested", "accepted")
'accepted'
>>> check_transition("done", "declined")
Traceback (most recent call last):
...
netmap.errors.InputError: introduction: it is already done — ask again with a new request
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TYPE_CHECKING, Any

from netmap.errors import InputError, NotFound
from netmap.model import ENGAGEMENT_STATUSES
from netmap.store.history import RECORD_ON_ACTOR
from netmap.store.schema import ensure_schema_once
from netmap.store.views import LIGHT_EDIT

if TYPE_CHECKING:
    from collections.abc import Sequence

    from netmap.store.connection import Connection

__all__ = [
    "INTRO_STATUSES",
    "check_transition",
    "introduction",
    "introductions",
    "introductions_query",
    "request_introduction",
    "set_introduction_status",
]

INTRO_STATUSES: tuple[str, ...] = ("requested", "accepted", "declined", "done")
OPEN = ("requested", "accepted")
_NEXT = {"requested": ("accepted", "declined", "done"), "accepted": ("declined", "done")}
#: Where a done introduction leaves the target at least.
INTRODUCED = "contacted"
# After the request ``i`` through ``x`` to ``y`` is written: its move from ``$was`` to ``$status`` by ``$by``
# in the history of both actors, the other actor's id as the detail.
_RECORD_BOTH = f"""
WITH i, x AS a, y, [{{kind: 'introduction', by: $by, field: 'introduction to', before: $was, after: $status,
                     detail: i.target, request: i.id}}] AS history
{RECORD_ON_ACTOR}
WITH i, a AS x, y
WITH i, x, y AS a, [{{kind: 'introduction', by: $by, field: 'introduction through', before: $was, after: $status,
                     detail: i.via, request: i.id}}] AS history
{RECORD_ON_ACTOR}
WITH i, x, a AS y
WITH i, x, y, y AS a
{LIGHT_EDIT}
WITH i, x, y
"""
_FIELDS = """i.id AS id, i.via AS via, x.name AS via_name, i.target AS target, y.name AS target_name,
             i.status AS status, i.note AS note, i.route AS route, i.requestedBy AS requested_by,
             i.requestedOn AS requested_on, i.updatedBy AS updated_by, i.updatedOn AS updated_on"""


def check_transition(current: str, status: str) -> str:
    """``status`` when a request in ``current`` may move to it; :class:`InputError` otherwise."""
    wanted = (status or "").strip().lower()
    if wanted not in INTRO_STATUSES:
        raise InputError("status", f"{status!r} is not a request status", f"use one of {', '.join(INTRO_STATUSES)}")
    allowed = _NEXT.get(current, ())
    if not allowed:
        raise InputError("introduction", f"it is already {current}", "ask again with a new request")
    if wanted not in allowed:
        raise InputError(
            "introduction", f"it is {current}, so it cannot become {wanted}", f"use {' or '.join(allowed)}"
        )
    return wanted


def request_introduction(
    store: Connection,
    via: str,
    target: str,
    *,
    route: str,
    route_ids: Sequence[str],
    note: str,
    by: str,
    today: str | None = None,
) -> dict[str, Any]:
    """Record that we asked ``via`` to introduce us to ``target`` along ``route`` (already checked).

    Refused while an earlier request for the same pair is still open."""
    open_ = store.execute_read(
        f"""
        MATCH (i:Introduction {{via: $via, target: $target}})-[:VIA]->(x), (i)-[:TO]->(y)
        WHERE i.status IN $open RETURN {_FIELDS}
        """,
        {"via": via, "target": target, "open": list(OPEN)},
    )
    if open_:
        o = open_[0]
        raise InputError(
            "introduction",
            f"{o['via_name'] or via} was already asked to introduce us to {o['target_name'] or target} "
            f"on {o['requested_on']} by {o['requested_by']} (it is {o['status']})",
            "follow that request on the actor page",
        )
    ensure_schema_once(store)
    rows = store.execute_write(
        f"""
        MATCH (x:Actor {{id: $via}}), (y:Actor {{id: $target}})
        CREATE (i:Introduction {{id: $rid, via: $via, target: $target, status: 'requested', note: $note,
                                 route: $route, routeIds: $ids, requestedBy: $by, requestedOn: $today,
                                 requestedAt: datetime(), updatedBy: $by, updatedOn: $today,
                                 updatedAt: datetime()}})
        CREATE (i)-[:VIA]->(x), (i)-[:TO]->(y)
        {_RECORD_BOTH}
        RETURN {_FIELDS}
        """,
        {
            "rid": uuid.uuid4().hex[:12],
            "via": via,
            "target": target,
            "note": (note or "").strip()[:4000],
            "route": route,
            "ids": list(route_ids),
            "by": by,
            "today": today or dt.date.today().isoformat(),
            "was": None,
            "status": "requested",
        },
    )
    if not rows:
        raise NotFound(f"no actor with id {via!r} or {target!r}", "introductions are between actors")
    return dict(rows[0])


def introduction(store: Connection, request_id: str) -> dict[str, Any]:
    rows = store.execute_read(
        f"MATCH (i:Introduction {{id: $id}})-[:VIA]->(x), (i)-[:TO]->(y) RETURN {_FIELDS}", {"id": request_id}
    )
    if not rows:
        raise NotFound(f"no introduction request {request_id!r}", "see 'netmap engagement introductions'")
    return dict(rows[0])


def set_introduction_status(
    store: Connection,
    request_id: str,
    status: str,
    *,
    by: str,
    home_actor: str | None,
    note: str = "",
    today: str | None = None,
) -> dict[str, Any]:
    """Move a request on; when it is done, log the introduction on the target (its status moves on).

    Returns the request afterwards, with ``engagement``: the target's status when it changed."""
    from netmap.store.views import add_engagement

    current = introduction(store, request_id)
    wanted = check_transition(current["status"], status)
    day = today or dt.date.today().isoformat()
    outcome = (note or "").strip()[:4000]
    rows = store.execute_write(
        f"""
        MATCH (i:Introduction {{id: $id}})-[:VIA]->(x), (i)-[:TO]->(y) WHERE i.status = $was
        SET i.status = $status, i.updatedBy = $by, i.updatedOn = $today, i.updatedAt = datetime(),
            i.note = CASE WHEN $note = '' THEN i.note WHEN coalesce(i.note, '') = '' THEN $note
                          ELSE i.note + $sep + $note END
        {_RECORD_BOTH}
        RETURN {_FIELDS}, y.engagement AS engagement
        """,
        {
            "id": request_id,
            "was": current["status"],
            "status": wanted,
            "by": by,
            "today": day,
            "note": outcome,
            "sep": "\n",
        },
    )
    if not rows:  # someone else moved it in between
        latest = introduction(store, request_id)
        raise InputError(
            "introduction", f"{latest['updated_by']} has just marked it {latest['status']}", "reload the page"
        )
    result = dict(rows[0])
    engagement = result.pop("engagement") or "none"
    result["engagement"] = None
    if wanted == "done":
        rank = ENGAGEMENT_STATUSES.index
        status_after = engagement if rank(engagement) >= rank(INTRODUCED) else INTRODUCED
        what = f"Introduced by {result['via_name'] or result['via']} (introduction request {request_id})"
        add_engagement(
            store,
            result["target"],
            date=day,
            status=status_after,
            note=f"{what}: {outcome}" if outcome else what,
            by=by,
            home_actor=home_actor,
        )
        result["engagement"] = status_after
    return result


def introductions_query(actor_id: str | None = None, *, open_only: bool = False) -> tuple[str, dict[str, Any]]:
    """The statement and parameters of :func:`introductions` (the actor page runs it with its other reads)."""
    query = f"""
        MATCH (i:Introduction)-[:VIA]->(x), (i)-[:TO]->(y)
        WHERE ($actor IS NULL OR i.via = $actor OR i.target = $actor) AND (NOT $open OR i.status IN $statuses)
        RETURN {_FIELDS}
        ORDER BY i.status IN $statuses DESC, i.requestedAt DESC
        """
    return query, {"actor": actor_id, "open": open_only, "statuses": list(OPEN)}


def introductions(store: Connection, actor_id: str | None = None, *, open_only: bool = False) -> list[dict[str, Any]]:
    """Requests through or to ``actor_id`` (every request without it), open ones first, newest first."""
    return store.execute_read(*introductions_query(actor_id, open_only=open_only))
