"""Undoing an accepted merge (``netmap review undo``, the review page's Undo on a merged pair).

At accept time :func:`undo_record` keeps, as JSON on the review item (``undoRecord``), what the merge
will change: the incoming actor (labels and properties, with their Neo4j types), every tie it has (and
the candidate's own tie it will be merged into, if the candidate already had one), and what the
candidate gains (aliases, sources, external ids). :func:`undo_merge` puts it back: the incoming actor
again with its ties, the candidate without what it gained, the review item open. A merge accepted
before this record was kept cannot be undone (the merged record stays on the actor, ``mergedRecords``).

The undo is refused, with nothing changed, when a later change makes it unsafe: the incoming id exists
again, the candidate is gone, or a tie to put back no longer has its other end or its merged copy.
:func:`undo_merge` runs in the caller's transaction (:func:`netmap.store.review.undo` opens it, and
records the undo in it): the checks and every write are one unit of work, so a failure at any write
leaves nothing half undone.
"""

from __future__ import annotations

import json
import re
from typing import Any

import neo4j.time
from neo4j import ManagedTransaction

from netmap.errors import InputError

_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
EXTERNAL_IDS = ("iati", "lei", "wikidata", "hdx")
#: The candidate's fields a merge touches (their values before it are kept to restore null vs empty).
_TOUCHED = ("aliases", "aliasText", "sources", "mergedRecords", *EXTERNAL_IDS)

_BEFORE = """
MATCH (a:Entity:Actor {id: $incoming}), (b:Entity:Actor {id: $candidate})
RETURN labels(a) AS labels, properties(a) AS incoming, properties(b) AS candidate,
       [(a)-[r]-(x) | {type: type(r), outgoing: startNode(r) = a, other: x.id, properties: properties(r),
        existing: [(b)-[q]-(x) WHERE type(q) = type(r) AND (startNode(q) = b) = (startNode(r) = a)
                   AND q.key = coalesce(r.key, '') AND x <> b | properties(q)]}] AS ties
"""
_STATE = """
OPTIONAL MATCH (a:Entity:Actor {id: $incoming})
OPTIONAL MATCH (b:Entity:Actor {id: $candidate})
RETURN a IS NOT NULL AS has_incoming, properties(b) AS candidate,
       [id IN $others WHERE NOT EXISTS { MATCH (x {id: id}) }] AS missing
"""
# {type}, {arrow...} and {labels} are filled only from checked names, never from user input.
_MERGED_TIE = """
MATCH (b:Entity:Actor {{id: $candidate}}){left}-[q:{type}]-{right}(x {{id: $other}})
WHERE q.key = $key
RETURN count(q) AS n
"""
_CREATE_ACTOR = "CREATE (a:{labels}) SET a = $props"
_PUT_BACK = """
MATCH (a:Entity:Actor {{id: $incoming}}), (x {{id: $other}})
CREATE (a){left}-[r:{type}]-{right}(x)
SET r = $props
WITH x
OPTIONAL MATCH (b:Entity:Actor {{id: $candidate}}){left}-[q:{type}]-{right}(x)
WHERE $other <> $candidate AND q.key = $key
FOREACH (_ IN CASE WHEN q IS NOT NULL AND $existing IS NULL THEN [1] ELSE [] END | DELETE q)
FOREACH (_ IN CASE WHEN q IS NOT NULL AND $existing IS NOT NULL THEN [1] ELSE [] END | SET q = $existing)
"""
_RESTORE_CANDIDATE = "MATCH (b:Entity:Actor {id: $candidate}) SET b += $fields"
_REOPEN = """
MATCH (r:ReviewItem {id: $item})
REMOVE r.undoRecord, r.incomingSnapshot, r.movedRelationships
SET r.status = 'open', r.decided = null, r.decidedBy = null
"""


def _encode(value: Any) -> Any:
    """A property value as JSON that keeps its Neo4j type (dates and times are tagged)."""
    if isinstance(value, neo4j.time.DateTime):
        return {"$datetime": value.iso_format()}
    if isinstance(value, neo4j.time.Date):
        return {"$date": value.iso_format()}
    if isinstance(value, list):
        return [_encode(v) for v in value]
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, dict) and "$datetime" in value:
        return neo4j.time.DateTime.from_iso_format(value["$datetime"])
    if isinstance(value, dict) and "$date" in value:
        return neo4j.time.Date.from_iso_format(value["$date"])
    if isinstance(value, list):
        return [_decode(v) for v in value]
    return value


def _props(props: dict[str, Any] | None) -> dict[str, Any]:
    return {k: _encode(v) for k, v in (props or {}).items()}


def _unprops(props: dict[str, Any] | None) -> dict[str, Any]:
    return {k: _decode(v) for k, v in (props or {}).items()}


def _rows(tx: ManagedTransaction, query: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    return [record.data() for record in tx.run(query, params)]


def undo_record(tx: ManagedTransaction, incoming: str, candidate: str, names: list[str]) -> str:
    """What accepting ``incoming`` into ``candidate`` will change, as JSON (read in the merge's
    transaction ``tx``, before its writes)."""
    rows = _rows(tx, _BEFORE, {"incoming": incoming, "candidate": candidate})
    row: dict[str, Any] = dict(rows[0]) if rows else {}
    b: dict[str, Any] = row.get("candidate") or {}
    a: dict[str, Any] = row.get("incoming") or {}
    ties: list[dict[str, Any]] = row.get("ties") or []
    record = {
        "labels": row.get("labels") or ["Entity", "Actor"],
        "incoming": _props(a),
        "candidate_before": {k: _encode(b.get(k)) for k in _TOUCHED},
        "added_aliases": [n for n in names if n not in (b.get("aliases") or []) and n != b.get("name")],
        "added_sources": [s for s in (a.get("sources") or []) if s not in (b.get("sources") or [])],
        "added_ids": {k: a[k] for k in EXTERNAL_IDS if b.get(k) is None and a.get(k) is not None},
        "ties": [
            {
                "type": t["type"],
                "outgoing": t["outgoing"],
                "other": t["other"],
                "properties": _props(t["properties"]),
                "existing": _props(t["existing"][0]) if t["existing"] else None,
            }
            for t in ties
        ],
    }
    return json.dumps(record, sort_keys=True, default=str)


def _key(tie: dict[str, Any]) -> Any:
    """The key the merge gave the candidate's copy of ``tie`` (as ``MERGE ... {key: coalesce(r.key, '')}``)."""
    key = tie["properties"].get("key")
    return "" if key is None else key


def _arrows(outgoing: bool) -> dict[str, str]:
    return {"left": "", "right": ">"} if outgoing else {"left": "<", "right": ""}


def _checked(where: str, name: str) -> str:
    if not _NAME.match(name):
        raise InputError(where, f"name {name!r} cannot be put back", "nothing changed")
    return name


def undo_merge(
    tx: ManagedTransaction, item_id: str, row: dict[str, Any], raw: str | None, snapshot: str | None
) -> None:
    """Take back the merge of review item ``item_id`` in the transaction ``tx`` (``row`` as the review
    store reads it, ``raw`` its ``undoRecord``, ``snapshot`` the ``incomingSnapshot`` kept in the
    candidate's ``mergedRecords``). Raises before any write when the undo is unsafe; a failed write
    fails the whole transaction."""
    where = f"review item {item_id}"
    incoming, candidate = row["incoming_id"], row["candidate_id"]
    if not raw:
        raise InputError(
            where,
            f"was merged ({incoming} into {candidate}) before merges could be undone",
            "only merges accepted since this version can be undone; the merged record is kept on the actor "
            "(mergedRecords)",
        )
    record = json.loads(raw)
    ties = record["ties"]
    others = sorted({t["other"] for t in ties if t["other"] not in (None, candidate, incoming)})
    state = _rows(tx, _STATE, {"incoming": incoming, "candidate": candidate, "others": others})[0]
    if state["has_incoming"]:
        raise InputError(where, f"cannot be undone: an actor with id {incoming} exists again", "nothing changed")
    if state["candidate"] is None:
        raise InputError(where, f"cannot be undone: {candidate} no longer exists", "nothing changed")
    if state["missing"] or any(t["other"] is None for t in ties):
        gone = ", ".join(state["missing"]) or "a node without an id"
        raise InputError(where, f"cannot be undone: a tie's other end is gone ({gone})", "nothing changed")
    for tie in ties:
        if tie["other"] in (candidate, incoming):
            continue
        query = _MERGED_TIE.format(type=_checked(where, tie["type"]), **_arrows(tie["outgoing"]))
        found = _rows(tx, query, {"candidate": candidate, "other": tie["other"], "key": _key(tie)})
        if not found or not found[0]["n"]:
            raise InputError(
                where,
                f"cannot be undone: the {tie['type']} tie with {tie['other']} was changed or removed since the merge",
                "nothing changed",
            )
    labels = ":".join(_checked(where, label) for label in record["labels"])
    # The candidate gives back what it gained first: an external id it took is unique to one actor.
    fields = _restored(state["candidate"], record, snapshot)
    tx.run(_RESTORE_CANDIDATE, {"candidate": candidate, "fields": fields}).consume()
    tx.run(_CREATE_ACTOR.format(labels=labels), {"props": _unprops(record["incoming"])}).consume()
    for tie in ties:
        other = incoming if tie["other"] == incoming else tie["other"]
        query = _PUT_BACK.format(type=tie["type"], **_arrows(tie["outgoing"]))
        params = {
            "incoming": incoming,
            "candidate": candidate,
            "other": other,
            "props": _unprops(tie["properties"]),
            "key": _key(tie),
            "existing": _unprops(tie["existing"]) if tie["existing"] is not None else None,
        }
        tx.run(query, params).consume()
    tx.run(_REOPEN, {"item": item_id}).consume()


def _restored(current: dict[str, Any], record: dict[str, Any], snapshot: str | None) -> dict[str, Any]:
    """The candidate's touched fields without what the merge added (later changes kept)."""
    before = {k: _decode(v) for k, v in record["candidate_before"].items()}

    def without(field: str, added: list[Any]) -> list[Any] | None:
        left = [v for v in (current.get(field) or []) if v not in added]
        return None if not left and before.get(field) is None else left

    aliases = without("aliases", record["added_aliases"])
    merged = [m for m in (current.get("mergedRecords") or []) if m != snapshot]
    fields: dict[str, Any] = {
        "aliases": aliases,
        "sources": without("sources", record["added_sources"]),
        "mergedRecords": None if not merged and before.get("mergedRecords") is None else merged,
    }
    if aliases == before.get("aliases"):
        fields["aliasText"] = before.get("aliasText")
    else:
        fields["aliasText"] = "".join(" " + a for a in aliases or [])
    for key, value in record["added_ids"].items():
        if current.get(key) == value:
            fields[key] = None
    return fields
