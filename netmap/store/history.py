"""The history of every change people make: who, when, what (actor, kind, field), before → after.

Each change is a ``(:Change {id, actorId, actorName, kind, field, before, after, by, at, rev, detail,
revertOf})`` node. It names its actor by id rather than by a relationship, so the history of an actor
outlives a merge or a deletion, and it is not an ``:Entity``: it never enters the projected graph.
``before`` and ``after`` hold the values themselves (text, number or list); a missing one means "none".

``rev`` is the actor's revision after the change: every recorded change of an actor increments
``actor.rev``. An edit form carries the revision it was drawn at, so a save can tell which changes it
did not see (:mod:`netmap.store.edits`).

Kinds: ``field`` (an edit of one field), ``revert`` (a field set back by an editor), ``engagement``,
``assessment``, ``review`` (a duplicate accepted or rejected); other modules add their own with
:func:`record_change`. User administration is recorded in the accounts database, apart from the graph
(see :func:`netmap.auth.audit.account_changes`).

Code that writes an actor records its change in the same transaction: ``RECORD_ON_ACTOR`` is a Cypher
fragment to put after ``WITH a, $history AS history`` (a list of :func:`change_row` dicts, or of maps
built in the query); :func:`record_change` is the same as a write of its own.

>>> change_row("field", "ana", field="name", before="Old", after="New")
{'kind': 'field', 'by': 'ana', 'field': 'name', 'before': 'Old', 'after': 'New'}
>>> show_value(["a", "b"]), show_value(None), show_value(3.0)
('a, b', '—', '3')
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from neo4j import ManagedTransaction

from netmap.errors import InputError

if TYPE_CHECKING:
    from netmap.store.connection import Connection

__all__ = [
    "FIELD_KINDS",
    "RECORD_ON_ACTOR",
    "change_row",
    "changes_since",
    "count_changes",
    "count_query",
    "get_change",
    "list_changes",
    "list_query",
    "merge_changes",
    "parse_since",
    "record_change",
    "record_changes",
    "show_value",
]

#: Kinds of change a revert can undo: they set one field of an actor.
FIELD_KINDS = ("field", "revert")
#: The most rows one page or one listing returns.
MAX_LIMIT = 10_000

#: After ``WITH a, ... AS history``: bump the revision of actor ``a`` and record the list ``history`` of
#: :func:`change_row` maps (or maps built in Cypher) at it.
RECORD_ON_ACTOR = """
SET a.rev = coalesce(a.rev, 0) + 1
FOREACH (c IN history |
  CREATE (h:Change) SET h = c, h.id = randomUUID(), h.actorId = a.id, h.actorName = a.name,
                        h.rev = a.rev, h.at = datetime()
)
"""

# One actor's changes, each at its own revision (in order), so they list in the order given.
_RECORD_MANY = """
OPTIONAL MATCH (a:Entity {id: $actor})
WITH a, coalesce(a.rev, 0) AS base
SET a.rev = base + size($rows)
WITH a, base
UNWIND range(0, size($rows) - 1) AS i
WITH a, base, i, $rows[i] AS c
CREATE (h:Change) SET h = c, h.id = randomUUID(), h.actorName = coalesce(a.name, c.actorName),
                      h.rev = CASE WHEN a IS NULL THEN null ELSE base + i + 1 END, h.at = datetime()
"""

_FIELDS = """h.id AS id, toString(h.at) AS at, h.actorId AS actor, h.actorName AS name, h.kind AS kind,
       h.field AS field, h.before AS before, h.after AS after, h.by AS by, h.detail AS detail,
       h.rev AS rev, h.revertOf AS revertOf"""

#: The bounds of a listing without ``since`` or ``until``: every change is recorded between them.
EARLIEST, LATEST = "0001-01-01T00:00:00+00:00", "9999-12-31T23:59:59+00:00"

# Two statements rather than one with "$actor IS NULL OR ...": the actor's history reads its index. The
# range on `at` (its bounds always given: with "$since IS NULL OR ..." the planner scanned every Change)
# and the order led by actorId let Neo4j read the index (actorId, at) newest first and stop at the end of
# the page (PartialTop) instead of sorting all the actor's changes.
_LIST_ACTOR = f"""
MATCH (h:Change {{actorId: $actor}})
WHERE h.at >= datetime($since) AND h.at < datetime($until)
RETURN {_FIELDS}
ORDER BY h.actorId DESC, h.at DESC, h.rev DESC, h.field
SKIP $offset LIMIT $limit
"""
_LIST_ALL = f"""
MATCH (h:Change)
WHERE h.at >= datetime($since) AND h.at < datetime($until)
RETURN {_FIELDS}
ORDER BY h.at DESC, h.rev DESC, h.field
SKIP $offset LIMIT $limit
"""
# The same range (every change has its `at`) lets the count seek the index too and read it alone.
_COUNT_ACTOR = """
MATCH (h:Change {actorId: $actor}) WHERE h.at >= datetime($since) AND h.at < datetime($until)
RETURN count(h) AS n
"""
_GET = f"MATCH (h:Change {{id: $id}}) RETURN {_FIELDS}"
_SINCE_REV = f"""
MATCH (h:Change {{actorId: $actor}}) WHERE h.rev > $rev AND h.kind IN $kinds
RETURN {_FIELDS}
ORDER BY h.rev, h.field
"""


def change_row(
    kind: str,
    by: str,
    *,
    field: str | None = None,
    before: Any = None,
    after: Any = None,
    detail: str | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """One change as ``RECORD_ON_ACTOR`` takes it (``None`` values are left out)."""
    row = {"kind": kind, "by": by, "field": field, "before": before, "after": after, "detail": detail, **extra}
    return {k: v for k, v in row.items() if v is not None}


def record_change(
    store: Connection,
    actor_id: str,
    kind: str,
    by: str,
    *,
    field: str | None = None,
    before: Any = None,
    after: Any = None,
    detail: str | None = None,
    actor_name: str | None = None,
) -> None:
    """Record one change of an actor in a write of its own (for code whose write is elsewhere, e.g.
    relationship owners or introduction requests); see :func:`record_changes`."""
    row = change_row(kind, by, field=field, before=before, after=after, detail=detail)
    record_changes(store, [{**row, "actorId": actor_id, **({"actorName": actor_name} if actor_name else {})}])


def record_changes(store: Connection | ManagedTransaction, rows: list[dict[str, Any]]) -> None:
    """Record :func:`change_row` dicts that also carry ``actorId`` (and ``actorName`` for an actor that
    may be gone, e.g. merged into another). An existing actor's revision moves on with each. ``store``
    may be a write transaction: the changes are then recorded in it, with the write they describe."""
    by_actor: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_actor.setdefault(str(row["actorId"]), []).append(row)
    for actor_id, changes in by_actor.items():
        params = {"actor": actor_id, "rows": changes}
        if isinstance(store, ManagedTransaction):
            store.run(_RECORD_MANY, params).consume()
        else:
            store.execute_write(_RECORD_MANY, params)


def parse_since(text: str | None) -> str | None:
    """``YYYY-MM-DD`` (or a full ISO time) → an ISO datetime for the query; :class:`InputError` otherwise.

    >>> parse_since("2026-10-03"), parse_since(None)
    ('2026-10-03T00:00:00+00:00', None)
    """
    if text is None or not str(text).strip():
        return None
    raw = str(text).strip()
    try:
        when = dt.datetime.fromisoformat(raw)
    except ValueError:
        raise InputError("--since", f"{raw!r} is not a date", "use YYYY-MM-DD, e.g. 2026-10-01") from None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return when.isoformat()


def _limit(limit: int, offset: int) -> dict[str, int]:
    return {"limit": max(1, min(int(limit), MAX_LIMIT)), "offset": max(0, int(offset))}


def list_changes(
    store: Connection,
    actor_id: str | None = None,
    *,
    since: str | None = None,
    until: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Changes, newest first: of one actor (``actor_id``) or of all; from ``since`` and before ``until``
    (both as :func:`parse_since`)."""
    return store.execute_read(*list_query(actor_id, since=since, until=until, limit=limit, offset=offset))


def list_query(
    actor_id: str | None = None,
    *,
    since: str | None = None,
    until: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[str, dict[str, Any]]:
    """The statement and parameters of :func:`list_changes` (the actor page runs it with its other reads)."""
    params: dict[str, Any] = {
        "since": parse_since(since) or EARLIEST,
        "until": parse_since(until) or LATEST,
        **_limit(limit, offset),
    }
    if actor_id is None:
        return _LIST_ALL, params
    return _LIST_ACTOR, {**params, "actor": actor_id}


def count_query(actor_id: str) -> tuple[str, dict[str, Any]]:
    """The statement and parameters of :func:`count_changes` (one row, ``n``)."""
    return _COUNT_ACTOR, {"actor": actor_id, "since": EARLIEST, "until": LATEST}


def count_changes(store: Connection, actor_id: str) -> int:
    rows = store.execute_read(*count_query(actor_id))
    return int(rows[0]["n"]) if rows else 0


def get_change(store: Connection | ManagedTransaction, change_id: str) -> dict[str, Any] | None:
    """One change by id (``store`` may be a transaction: anything with ``run``, or a connection)."""
    rows = _read(store, _GET, {"id": change_id})
    return rows[0] if rows else None


def changes_since(
    store: Connection | ManagedTransaction, actor_id: str, rev: int, kinds: tuple[str, ...] = FIELD_KINDS
) -> list[dict[str, Any]]:
    """The changes of ``kinds`` recorded on an actor after its revision ``rev``, oldest first."""
    return _read(store, _SINCE_REV, {"actor": actor_id, "rev": int(rev), "kinds": list(kinds)})


def _read(store: Connection | ManagedTransaction, query: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    if isinstance(store, ManagedTransaction):
        return [record.data() for record in store.run(query, params)]
    return list(store.execute_read(query, params))


def merge_changes(*lists: list[dict[str, Any]], limit: int = 200) -> list[dict[str, Any]]:
    """Lists of changes (each newest first, ``at`` as ISO text in UTC) as one, newest first.

    >>> merge_changes([{"at": "2026-10-02T10:00:00Z"}], [{"at": "2026-10-03T09:00:00+00:00"}])[0]["at"]
    '2026-10-03T09:00:00+00:00'
    """
    rows = [row for rows in lists for row in rows]
    rows.sort(key=lambda r: dt.datetime.fromisoformat(str(r["at"]).replace("Z", "+00:00")), reverse=True)
    return rows[:limit]


def show_value(value: Any) -> str:
    """A before or after value as a person reads it."""
    if value is None or value == [] or value == "":
        return "—"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
