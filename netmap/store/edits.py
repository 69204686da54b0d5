"""Edits of an actor's fields and their reverts, recorded in the history (:mod:`netmap.store.history`).

A save changes only the fields whose value differs, and records one ``field`` change per field with
its value before and after. It is checked against the changes its author did not see: the edit form
carries the actor's revision (``rev``) it was drawn at, and a field that someone else changed since is

- left as the other person set it when this save did not touch it (the form still shows the old value);
- refused, with nothing written, when this save would overwrite it (:class:`EditConflict` naming who
  changed what and when).

The check and the write are one transaction that holds the actor's write lock, so of two saves at the
same moment one wins and the other is refused.

A revert sets a field back to its value before one change, recorded as a ``revert`` change (an owner
or next step: :func:`netmap.store.owners.revert_stewardship`). It is
refused when a later change overwrote that change (the later one is named: revert it first).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from netmap.errors import EditConflict, InputError, NotFound
from netmap.model import ACTOR_KINDS
from netmap.store.history import FIELD_KINDS, RECORD_ON_ACTOR, change_row, changes_since, get_change, show_value
from netmap.store.owners import STEWARDSHIP_KINDS, revert_stewardship
from netmap.store.views import _ALL_KIND_LABELS, EDITABLE_FIELDS, coerce_field, plain_value

if TYPE_CHECKING:
    import neo4j

    from netmap.store.connection import Connection

__all__ = ["revert_change", "update_actor"]

#: Fields of programmes and forums an editor may change (actors: every :data:`EDITABLE_FIELDS`).
INITIATIVE_FIELDS = {"name", "description", "url", "sectors", "tags", "aliases"}

_LOCK = """
MATCH (n:Entity {id: $id})
SET n.rev = coalesce(n.rev, 0)
RETURN properties(n) AS props, n:Actor AS isActor
"""


def _apply_query(kind: str | None) -> str:
    # The kind label comes from the fixed vocabulary (validated before), never from input.
    relabel = f"REMOVE a:{_ALL_KIND_LABELS} SET a:{kind}" if kind in ACTOR_KINDS else ""
    return f"""
    MATCH (a:Entity {{id: $id}})
    SET a += $props, a.editedBy = $by, a.editedAt = datetime()
    {relabel}
    SET a.nameLower = toLower(a.name),
        a.aliasText = reduce(s = '', x IN coalesce(a.aliases, []) | s + ' ' + x)
    WITH a, $history AS history
    {RECORD_ON_ACTOR}
    WITH a
    MERGE (m:NetmapMeta {{key: 'data'}}) SET m.version = coalesce(m.version, 0) + 1
    RETURN a.rev AS rev
    """


def _same(a: Any, b: Any) -> bool:
    """Equal as a person would see them: no value, an empty text and an empty list are the same."""

    def norm(v: Any) -> Any:
        v = plain_value(v)
        return None if v in (None, "", []) else v

    return bool(norm(a) == norm(b))


def _lock(tx: neo4j.ManagedTransaction, actor_id: str) -> tuple[dict[str, Any], bool]:
    record = tx.run(_LOCK, {"id": actor_id}).single()
    if record is None:
        raise NotFound(f"no actor with id {actor_id!r}", "search the map for its name")
    return dict(record["props"]), bool(record["isActor"])


def _write(
    tx: neo4j.ManagedTransaction, actor_id: str, props: dict[str, Any], by: str, rows: list[dict[str, Any]]
) -> int:
    record = tx.run(
        _apply_query(props.get("kind")), {"id": actor_id, "props": props, "by": by, "history": rows}
    ).single()
    return int(record["rev"]) if record else 0


def _who(change: dict[str, Any]) -> str:
    return f"{change['field']} was changed by {change['by']} at {str(change['at'])[:16].replace('T', ' ')} (to {show_value(change['after'])!r})"


def update_actor(
    store: Connection, actor_id: str, changes: dict[str, Any], *, by: str, seen_rev: int | None = None
) -> dict[str, Any]:
    """Set the given fields; returns ``{"changed": [...], "kept": [...], "rev": n}``: the fields this
    save changed, the fields someone else changed since ``seen_rev`` that it left alone, and the actor's
    revision after it. ``seen_rev`` ``None``: no check (a script's last word wins).
    :class:`EditConflict` when the save would overwrite an unseen change."""
    coerced: dict[str, Any] = {}
    for name, raw in changes.items():
        if name not in EDITABLE_FIELDS:
            raise InputError(name, "this field cannot be edited here")
        coerced[name] = coerce_field(name, raw)
    if "name" in coerced and not coerced["name"]:
        raise InputError("name", "an actor needs a name")

    def work(tx: neo4j.ManagedTransaction) -> dict[str, Any]:
        current, is_actor = _lock(tx, actor_id)
        refused = [name for name in coerced if not is_actor and name not in INITIATIVE_FIELDS]
        if refused:
            raise InputError(refused[0], "this field cannot be edited here")
        unseen: dict[str, list[dict[str, Any]]] = {}
        if seen_rev is not None:
            for change in changes_since(tx, actor_id, seen_rev):
                unseen.setdefault(change["field"], []).append(change)
        props: dict[str, Any] = {}
        rows: list[dict[str, Any]] = []
        kept: list[str] = []
        conflicts: list[dict[str, Any]] = []
        for name, value in coerced.items():
            now = current.get(name)
            if _same(value, now):
                continue
            if name in unseen:
                if _same(value, unseen[name][0].get("before")):  # this save did not touch it: keep theirs
                    kept.append(name)
                    continue
                conflicts.append(unseen[name][-1])
                continue
            props[name] = value
            rows.append(change_row("field", by, field=name, before=plain_value(now), after=value))
        if conflicts:
            raise EditConflict(
                "; ".join(_who(c) for c in conflicts) + " after you opened the form: nothing was saved",
                "your values are still in the form; look at the change, then save again to overwrite it",
                conflicts,
            )
        rev = _write(tx, actor_id, props, by, rows) if props else int(current.get("rev") or 0)
        return {"changed": list(props), "kept": kept, "rev": rev}

    with store.session() as session:
        return store.run_transaction(session, work, write=True)


def revert_change(store: Connection, change_id: str, *, by: str) -> dict[str, Any]:
    """Set the field of change ``change_id`` back to its value before it; returns
    ``{"actor", "field", "value"}``. :class:`EditConflict` naming the later change that overwrote it."""

    def work(tx: neo4j.ManagedTransaction) -> dict[str, Any]:
        change = get_change(tx, change_id)
        if change is None:
            raise NotFound(f"no change with id {change_id!r}", "open the actor's history and pick one there")
        if change["kind"] in STEWARDSHIP_KINDS:  # the owner or next step, kept beside the actor
            return revert_stewardship(tx, change, by=by)
        if change["kind"] not in FIELD_KINDS or not change["field"]:
            raise InputError(
                f"change {change_id}",
                f"{change['kind']} changes cannot be reverted",
                "only field edits, owners and next steps can",
            )
        actor_id, field = change["actor"], change["field"]
        current, _is_actor = _lock(tx, actor_id)
        if not _same(current.get(field), change["after"]):
            later = [c for c in changes_since(tx, actor_id, change["rev"]) if c["field"] == field]
            if later:
                raise EditConflict(
                    f"cannot revert: {_who(later[-1])}, after this change",
                    "revert that later change first, or edit the field",
                    [later[-1]],
                )
            raise EditConflict(
                f"cannot revert: {field} is now {show_value(current.get(field))!r}, not "
                f"{show_value(change['after'])!r} (an import set it since)",
                "edit the field instead",
            )
        value = change["before"]
        if field == "kind" and not value:
            raise InputError(f"change {change_id}", "the actor had no kind before it", "edit the field instead")
        row = change_row(
            "revert", by, field=field, before=plain_value(current.get(field)), after=value, revertOf=change_id
        )
        _write(tx, actor_id, {field: value}, by, [row])
        return {"actor": actor_id, "field": field, "value": value}

    with store.session() as session:
        return store.run_transaction(session, work, write=True)
