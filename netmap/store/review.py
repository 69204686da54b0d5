"""The review list: uncertain entity-resolution matches waiting for a person (``netmap review``).

Each :class:`netmap.ingest.resolve.ReviewItem` is a ``(:ReviewItem {id, incomingId, candidateId, ...,
status})`` node; its id comes from the pair, so re-importing the same file neither duplicates an item nor
reopens one that was decided. Accepting merges the incoming actor into the candidate: its relationships
move over, its name and aliases become aliases, external ids the candidate lacks are copied, and a JSON
snapshot of the incoming node and of every moved relationship is kept on the review item
(``incomingSnapshot``, ``movedRelationships``) and on the candidate (``mergedRecords``), so the merge can
be undone. Rejecting records the decision; the two actors stay apart, and later imports never match or
propose the pair again (:func:`kept_apart`). "Not sure" (``unsure``) sets an item aside: it stays on the
list, below the open ones, until someone accepts or rejects it. Any decision can be undone
(:func:`undo`): the item is open again, and a merge is taken back (:mod:`netmap.store.review_undo`). Every decision and undo is in both actors' history.

All Cypher here is parameterised. Relationship types, which Cypher cannot take as parameters, are read
from the database and checked against ``^[A-Z][A-Z0-9_]*$`` before they appear in a statement.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from neo4j import ManagedTransaction

from netmap.errors import InputError, NotFound
from netmap.model import ReviewItem
from netmap.store.history import change_row, record_changes
from netmap.store.review_undo import undo_merge, undo_record

if TYPE_CHECKING:
    from netmap.store.connection import Connection

STATUSES = ("open", "unsure", "accepted", "rejected")
DECIDABLE = ("open", "unsure")
PAGE_SIZE = 20
_TYPE = re.compile(r"^[A-Z][A-Z0-9_]*$")

_SAVE = """
UNWIND $rows AS row
MERGE (r:ReviewItem {id: row.id})
ON CREATE SET r.status = 'open', r.created = datetime()
SET r.incomingId = row.incoming_id, r.incomingName = row.incoming_name,
    r.candidateId = row.candidate_id, r.candidateName = row.candidate_name,
    r.score = row.score, r.reason = row.reason, r.sourceId = row.source_id
"""
_LIST = """
MATCH (r:ReviewItem)
WHERE $status IS NULL OR r.status IN $status
RETURN r.id AS id, r.status AS status, r.score AS score, r.incomingId AS incoming_id,
       r.incomingName AS incoming_name, r.candidateId AS candidate_id, r.candidateName AS candidate_name,
       r.reason AS reason, r.sourceId AS source_id, r.decidedBy AS decided_by, toString(r.decided) AS decided
ORDER BY CASE r.status WHEN 'open' THEN 0 WHEN 'unsure' THEN 1 ELSE 2 END, r.score DESC, r.id
SKIP $offset LIMIT $limit
"""
_COUNT = """
MATCH (r:ReviewItem)
WHERE $status IS NULL OR r.status IN $status
RETURN count(r) AS n
"""
# The two actors of each listed item, side by side: what a person needs to tell them apart.
_SIDES = """
UNWIND $ids AS id
MATCH (a:Entity:Actor {id: id})
OPTIONAL MATCH (s:Source) WHERE s.id IN coalesce(a.sources, [])
WITH a, collect(DISTINCT s.file) AS files
RETURN a.id AS id, a.name AS name, a.country AS country, a.kind AS kind, coalesce(a.aliases, []) AS aliases,
       files AS sources, a.iati AS iati, a.lei AS lei, a.wikidata AS wikidata, a.hdx AS hdx
"""
_KEPT_APART = """
MATCH (r:ReviewItem {status: 'rejected'})
RETURN r.incomingId AS incoming_id, r.candidateId AS candidate_id
"""
_SET_STATUS = """
MATCH (r:ReviewItem {id: $item})
SET r.status = $status, r.decided = CASE WHEN $status = 'open' THEN null ELSE datetime() END,
    r.decidedBy = CASE WHEN $status = 'open' THEN null ELSE $by END
"""
# Before _GET in a write transaction: the item's write lock, held until the transaction ends.
_LOCK_ITEM = """
MATCH (r:ReviewItem {id: $id})
SET r.locked = true REMOVE r.locked
WITH count(r) AS locked
"""
_GET = """
MATCH (r:ReviewItem {id: $id})
OPTIONAL MATCH (a:Entity:Actor {id: r.incomingId})
OPTIONAL MATCH (b:Entity:Actor {id: r.candidateId})
RETURN r.status AS status, r.incomingId AS incoming_id, r.candidateId AS candidate_id,
       r.decidedBy AS decided_by, toString(r.decided) AS decided, r.note AS note,
       r.incomingName AS incoming_name, r.candidateName AS candidate_name,
       a IS NOT NULL AS has_incoming, b IS NOT NULL AS has_candidate,
       properties(a) AS incoming, r.undoRecord AS undo_record, r.incomingSnapshot AS snapshot
"""
_REL_TYPES = """
MATCH (a:Entity:Actor {id: $incoming})-[r]-()
RETURN DISTINCT type(r) AS type
"""
_SNAPSHOT_RELS = """
MATCH (a:Entity:Actor {id: $incoming})-[r]-(x)
RETURN type(r) AS type, startNode(r) = a AS outgoing, x.id AS other, properties(r) AS properties
"""
# {type} is filled only from the checked vocabulary of the database, never from user input.
_MOVE_OUT = """
MATCH (a:Entity:Actor {{id: $incoming}})-[r:{type}]->(x)
MATCH (b:Entity:Actor {{id: $candidate}})
WHERE x <> b
MERGE (b)-[n:{type} {{key: coalesce(r.key, '')}}]->(x)
SET n += properties(r)
DELETE r
"""
_MOVE_IN = """
MATCH (x)-[r:{type}]->(a:Entity:Actor {{id: $incoming}})
MATCH (b:Entity:Actor {{id: $candidate}})
WHERE x <> b
MERGE (x)-[n:{type} {{key: coalesce(r.key, '')}}]->(b)
SET n += properties(r)
DELETE r
"""
_MERGE_NODE = """
MATCH (a:Entity:Actor {id: $incoming}), (b:Entity:Actor {id: $candidate}), (r:ReviewItem {id: $item})
SET r.status = 'accepted', r.decided = datetime(), r.decidedBy = $by, r.incomingSnapshot = $snapshot,
    r.movedRelationships = $moved, r.undoRecord = $undo,
    b.mergedRecords = coalesce(b.mergedRecords, []) + [$snapshot],
    b.sources = CASE WHEN a.sources IS NULL THEN b.sources
                ELSE coalesce(b.sources, []) + [s IN a.sources WHERE NOT s IN coalesce(b.sources, [])] END
WITH a, b, [n IN $names WHERE NOT n IN coalesce(b.aliases, []) AND n <> b.name] AS names
DETACH DELETE a
WITH b, names
SET b.aliases = coalesce(b.aliases, []) + names,
    b.iati = coalesce(b.iati, $iati), b.lei = coalesce(b.lei, $lei),
    b.wikidata = coalesce(b.wikidata, $wikidata), b.hdx = coalesce(b.hdx, $hdx)
SET b.aliasText = reduce(s = '', x IN b.aliases | s + ' ' + x)
"""
_CLOSE_STALE = """
MATCH (r:ReviewItem {id: $item})
SET r.status = $status, r.decided = datetime(), r.note = $note
"""


def save_review_items(store: Connection, items: Iterable[ReviewItem]) -> int:
    """Connection review items (idempotent: a known pair keeps its status). Returns how many were given."""
    rows = [item.as_row() for item in items]
    if rows:
        store.execute_write(_SAVE, {"rows": rows})
    return len(rows)


def _statuses(status: str | Iterable[str] | None) -> list[str] | None:
    if status is None:
        return None
    wanted = [status] if isinstance(status, str) else list(status)
    for one in wanted:
        if one not in STATUSES:
            raise InputError("--status", f"{one!r} — expected one of {', '.join(STATUSES)}")
    return wanted


def list_review_items(
    store: Connection, status: str | Iterable[str] | None = "open", *, limit: int = 100_000, offset: int = 0
) -> list[dict[str, Any]]:
    """Review items with ``status`` (one, several, or ``None``: all): open first, then "not sure", each
    most certain first; ``limit`` and ``offset`` page through them."""
    params = {"status": _statuses(status), "limit": max(0, int(limit)), "offset": max(0, int(offset))}
    return list(store.execute_read(_LIST, params))


def count_review_items(store: Connection, status: str | Iterable[str] | None = "open") -> int:
    rows = store.execute_read(_COUNT, {"status": _statuses(status)})
    return int(rows[0]["n"]) if rows else 0


def sides(store: Connection, items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The actors of ``items`` (both sides) by id, with country, kind, aliases and source files; an actor
    merged away or deleted since is missing."""
    ids = sorted({i[k] for i in items for k in ("incoming_id", "candidate_id")})
    return {row["id"]: row for row in store.execute_read(_SIDES, {"ids": ids})} if ids else {}


def kept_apart(store: Connection) -> list[tuple[str, str]]:
    """The pairs a person said are not the same (rejected items): later imports respect them."""
    return [(r["incoming_id"], r["candidate_id"]) for r in store.execute_read(_KEPT_APART, {})]


def _item(store: Connection, item_id: str) -> dict[str, Any]:
    rows = store.execute_read(_GET, {"id": item_id})
    if not rows:
        raise NotFound(f"review item {item_id!r} does not exist", "list them with `netmap review list`")
    row: dict[str, Any] = rows[0]
    if row["status"] not in DECIDABLE:
        who = f" by {row['decided_by']}" if row.get("decided_by") else ""
        when = f" on {str(row['decided'])[:10]}" if row.get("decided") else ""
        why = f" ({row['note']})" if row.get("note") else ""
        raise InputError(
            f"review item {item_id}",
            f"was already {row['status']}{who}{when}{why}",
            "nothing changed; undo that decision first if it was wrong",
        )
    for side, key in (("incoming", "has_incoming"), ("candidate", "has_candidate")):
        if not row[key]:
            actor = row[f"{side}_id"]
            note = f"{side} actor {actor} no longer exists (merged by a later import or decision, or deleted)"
            store.execute_write(_CLOSE_STALE, {"item": item_id, "status": "rejected", "note": note})
            raise InputError(
                f"review item {item_id}", f"is already resolved: {note}", "nothing changed; the item was closed"
            )
    return row


def _decided(
    store: Connection | ManagedTransaction,
    row: dict[str, Any],
    item_id: str,
    decision: str,
    by: str | None,
    *,
    before: str = "open",
) -> None:
    """The decision in the history of both actors (the incoming one by id, when it was merged away):
    ``duplicate`` ``open`` → ``merged into`` / ``merged from`` / ``kept apart``, the other actor's id as
    the detail."""
    incoming, candidate = row["incoming_id"], row["candidate_id"]
    if decision == "accepted":
        outcome = {incoming: "merged into", candidate: "merged from"}
    else:
        word = {"rejected": "kept apart", "unsure": "not sure", "undo": "open"}[decision]
        outcome = {incoming: word, candidate: word}
    before_word = {"rejected": "kept apart", "unsure": "not sure", "accepted": "merged"}.get(before, before)
    other = {incoming: candidate, candidate: incoming}
    names = {incoming: row.get("incoming_name") or incoming, candidate: row.get("candidate_name") or candidate}
    rows = [
        {
            **change_row(
                "review",
                by or "unknown",
                field="duplicate",
                before=before_word,
                after=outcome[actor_id],
                detail=other[actor_id],
                reviewItem=item_id,
            ),
            "actorId": actor_id,
            "actorName": names[actor_id],
        }
        for actor_id in (incoming, candidate)
    ]
    record_changes(store, rows)


def _locked(tx: ManagedTransaction, item_id: str) -> dict[str, Any] | None:
    """Item ``item_id`` as :data:`_GET` reads it, write-locked until the transaction ``tx`` ends."""
    rows = [record.data() for record in tx.run(_LOCK_ITEM + _GET, {"id": item_id})]
    return rows[0] if rows else None


def accept(store: Connection, item_id: str, *, by: str | None = None) -> dict[str, Any]:
    """Merge the incoming actor into the candidate; returns what was merged and how many ties moved.
    ``by`` (who decided) goes into both actors' history. One transaction (the item locked, the undo
    record read, the ties moved, the actor merged, the history recorded): a failure leaves no half merge,
    and of two people accepting at once the second is told it was just decided."""
    _item(store, item_id)  # an unknown, decided or stale item is refused (a stale one closed) before it

    def work(tx: ManagedTransaction) -> dict[str, Any]:
        row = _locked(tx, item_id)
        if row is None or row["status"] not in DECIDABLE or not (row["has_incoming"] and row["has_candidate"]):
            raise InputError(
                f"review item {item_id}", "was just decided by someone else", "nothing changed; reload the list"
            )
        incoming, candidate = row["incoming_id"], row["candidate_id"]
        props = row["incoming"] or {}
        names = list(dict.fromkeys(n for n in [props.get("name"), *(props.get("aliases") or [])] if n))
        undo_json = undo_record(tx, incoming, candidate, names)
        moved = [record.data() for record in tx.run(_SNAPSHOT_RELS, {"incoming": incoming})]
        moved_json = [json.dumps(m, sort_keys=True, default=str) for m in moved]
        snapshot = json.dumps(
            {"id": incoming, "review": item_id, "properties": row["incoming"]}, sort_keys=True, default=str
        )
        params = {"incoming": incoming, "candidate": candidate}
        for type_row in list(tx.run(_REL_TYPES, {"incoming": incoming})):
            rel_type = str(type_row["type"])
            if not _TYPE.match(rel_type):
                raise InputError(f"review item {item_id}", f"relationship type {rel_type!r} cannot be moved")
            tx.run(_MOVE_OUT.format(type=rel_type), params).consume()
            tx.run(_MOVE_IN.format(type=rel_type), params).consume()
        external = {key: props.get(key) for key in ("iati", "lei", "wikidata", "hdx")}
        merge = {"item": item_id, "snapshot": snapshot, "moved": moved_json, "undo": undo_json, "names": names}
        tx.run(_MERGE_NODE, {**params, **merge, "by": by, **external}).consume()
        _decided(tx, row, item_id, "accepted", by)
        return {"id": item_id, "merged": incoming, "into": candidate, "moved": len(moved)}

    with store.session() as session:
        return store.run_transaction(session, work, write=True)


def reject(store: Connection, item_id: str, *, by: str | None = None) -> dict[str, Any]:
    """Keep the two actors apart; the decision sticks across re-imports (and is in both actors' history)."""
    row = _item(store, item_id)
    store.execute_write(_SET_STATUS, {"item": item_id, "status": "rejected", "by": by})
    _decided(store, row, item_id, "rejected", by)
    return {"id": item_id, "status": "rejected"}


def set_aside(store: Connection, item_id: str, *, by: str | None = None) -> dict[str, Any]:
    """ "Not sure": the item stays on the list, after the open ones, for someone who knows."""
    row = _item(store, item_id)
    if row["status"] == "unsure":
        return {"id": item_id, "status": "unsure"}
    store.execute_write(_SET_STATUS, {"item": item_id, "status": "unsure", "by": by})
    _decided(store, row, item_id, "unsure", by)
    return {"id": item_id, "status": "unsure"}


def undo(store: Connection, item_id: str, *, by: str | None = None) -> dict[str, Any]:
    """Open a decided item again (recorded in both actors' history). A merge is taken back first
    (:func:`netmap.store.review_undo.undo_merge`: the incoming actor and its ties come back); it is
    refused, with nothing changed, for a merge accepted before undo was kept or one a later change made
    unsafe to take back. One transaction: the item is locked, checked, put back and recorded together,
    so a failure anywhere leaves nothing half undone and two people undoing at once cannot both do it."""

    def work(tx: ManagedTransaction) -> dict[str, Any]:
        row = _locked(tx, item_id)
        if row is None:
            raise NotFound(f"review item {item_id!r} does not exist", "list them with `netmap review list`")
        if row["status"] == "open":
            raise InputError(f"review item {item_id}", "is open: there is no decision to undo")
        if row["status"] == "accepted":
            undo_merge(tx, item_id, row, row.get("undo_record"), row.get("snapshot"))
        else:
            tx.run(_SET_STATUS, {"item": item_id, "status": "open", "by": by}).consume()
        _decided(tx, row, item_id, "undo", by, before=row["status"])
        return {"id": item_id, "status": "open", "was": row["status"]}

    with store.session() as session:
        return store.run_transaction(session, work, write=True)
