"""Who on our side holds each relationship, and the next step with its due date.

One ``(:Stewardship {actor, owner, ownerSetBy, ownerSetAt, nextStep, due, stepSetBy, stepSetAt})
-[:ABOUT]->(actor)`` node per actor we engage (keyed by the actor's id). It is not an ``:Entity``: it
never enters the projected graph or the bundle's Actors sheet. The owner is a login account name
(accounts live in the accounts database, not in the graph); a next step due before today is
*overdue*. A due date already past is accepted: the step is flagged overdue from the start.

Every change of the owner or the next step is recorded in the actor's history
(:mod:`netmap.store.history`, kinds ``owner`` and ``next step``, a step as ``[step, due]``) in the
same transaction, and an editor can revert it (:func:`revert_stewardship`).

>>> check_step("Send the pilot brief", "2026-11-30")
('Send the pilot brief', '2026-11-30')
>>> check_step("", "2026-11-30")
Traceback (most recent call last):
...
netmap.errors.InputError: next step: is empty — say what we do next, e.g. 'send the pilot brief'
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from netmap.errors import EditConflict, InputError, NotFound
from netmap.store.history import RECORD_ON_ACTOR, change_row, changes_since, show_value
from netmap.store.schema import ensure_schema_once
from netmap.store.views import LIGHT_EDIT

if TYPE_CHECKING:
    import neo4j

    from netmap.auth.db import AccountsDB
    from netmap.store.connection import Connection

__all__ = [
    "STEWARDSHIP_KINDS",
    "check_step",
    "clear_next_step",
    "my_actors",
    "overdue_steps",
    "revert_stewardship",
    "set_next_step",
    "set_owner",
    "stewardship",
    "stewardship_query",
]

STEP_CHARS = 500
_FIELDS = """s.actor AS id, a.name AS name, a.kind AS kind, a.country AS country,
             coalesce(a.engagement, 'none') AS engagement, s.owner AS owner, s.nextStep AS next_step,
             s.due AS due, s.due IS NOT NULL AND s.due < $today AS overdue"""


def _today(today: str | None) -> str:
    return today or dt.date.today().isoformat()


def check_step(step: Any, due: Any) -> tuple[str, str]:
    """The next step's text and due date, checked; :class:`InputError` naming the field otherwise."""
    text = " ".join(str(step or "").split())
    if not text:
        raise InputError("next step", "is empty", "say what we do next, e.g. 'send the pilot brief'")
    if len(text) > STEP_CHARS:
        raise InputError("next step", f"is {len(text)} characters long", f"keep it under {STEP_CHARS}")
    try:
        day = dt.date.fromisoformat(str(due or "").strip())
    except ValueError:
        shown = repr(due) if str(due or "").strip() else "empty"
        raise InputError("due date", f"{shown} is not a date", "use YYYY-MM-DD") from None
    return text, day.isoformat()


#: Kinds of change this module records (one field each, reverted by :func:`revert_stewardship`).
STEWARDSHIP_KINDS = ("owner", "next step")

# Takes the write lock on the actor's stewardship (made on first use) and reads it as it was.
_LOCK = """
MATCH (a:Actor {id: $id})
MERGE (s:Stewardship {actor: $id})
MERGE (s)-[:ABOUT]->(a)
SET s.actor = $id
RETURN s.owner AS owner, s.nextStep AS step, s.due AS due
"""
_RECORD = f"MATCH (a:Actor {{id: $id}}) WITH a, $history AS history {RECORD_ON_ACTOR}"


def _values(record: Any) -> dict[str, Any]:
    """The stewardship as the history records it: ``owner`` an account name, ``next step`` ``[step, due]``."""
    step = [record["step"], record["due"]] if record["step"] else None
    return {"owner": record["owner"], "next step": step}


def _write(
    store: Connection,
    actor_id: str,
    assignments: str,
    params: dict[str, Any],
    *,
    by: str,
) -> dict[str, Any]:
    ensure_schema_once(store)  # the key constraint behind the MERGE

    def work(tx: neo4j.ManagedTransaction) -> dict[str, Any]:
        return _apply(tx, actor_id, assignments, {**params, "by": by}, by=by)

    with store.session() as session:
        return store.run_transaction(session, work, write=True)


def _apply(
    tx: neo4j.ManagedTransaction,
    actor_id: str,
    assignments: str,
    params: dict[str, Any],
    *,
    by: str,
    revert_of: str | None = None,
) -> dict[str, Any]:
    """Set the stewardship and record what it changed (owner, next step) in the actor's history, in
    the transaction ``tx``."""
    was = tx.run(_LOCK, {"id": actor_id}).single()
    if was is None:
        raise NotFound(f"no actor with id {actor_id!r}", "owners and next steps are for actors (not programmes)")
    before = _values(was)
    row = tx.run(
        f"MATCH (s:Stewardship {{actor: $id}})-[:ABOUT]->(a) SET {assignments} RETURN {_FIELDS}",
        {"id": actor_id, "today": dt.date.today().isoformat(), **params},
    ).single()
    result = dict(row) if row else {}
    after = _values({"owner": result.get("owner"), "step": result.get("next_step"), "due": result.get("due")})
    history = [
        change_row(kind, by, field=kind, before=before[kind], after=after[kind], revertOf=revert_of)
        for kind in STEWARDSHIP_KINDS
        if before[kind] != after[kind]
    ]
    if history:
        tx.run(_RECORD, {"id": actor_id, "history": history})
        tx.run("MATCH (a:Entity {id: $id})" + LIGHT_EDIT, {"id": actor_id})  # pages of other processes see it
    return result


def revert_stewardship(tx: neo4j.ManagedTransaction, change: dict[str, Any], *, by: str) -> dict[str, Any]:
    """Set the owner or next step of ``change`` back to its value before it, in ``tx`` (recorded, with
    ``revertOf``); :class:`EditConflict` naming the later change when one overwrote it. Returns
    ``{"actor", "field", "value"}`` as :func:`netmap.store.edits.revert_change`."""
    kind, actor_id = change["kind"], change["actor"]
    current = tx.run(_LOCK, {"id": actor_id}).single()
    if current is None:
        raise NotFound(f"no actor with id {actor_id!r}", "the actor was merged or deleted since")
    if _values(current)[kind] != change["after"]:
        later = changes_since(tx, actor_id, int(change["rev"] or 0), (kind,))
        if later:
            last = later[-1]
            raise EditConflict(
                f"cannot revert: the {kind} was changed by {last['by']} at "
                f"{str(last['at'])[:16].replace('T', ' ')} (to {show_value(last['after'])!r}), after this change",
                "revert that later change first, or set it again",
                [last],
            )
        raise EditConflict(f"cannot revert: the {kind} is no longer {show_value(change['after'])!r}", "set it again")
    value = change["before"]
    if kind == "owner":
        assignments, params = "s.owner = $owner, s.ownerSetBy = $by, s.ownerSetAt = datetime()", {"owner": value}
    elif value:
        assignments = "s.nextStep = $step, s.due = $due, s.stepSetBy = $by, s.stepSetAt = datetime()"
        params = {"step": value[0], "due": value[1]}
    else:
        assignments, params = "s.nextStep = null, s.due = null, s.stepSetBy = $by, s.stepSetAt = datetime()", {}
    _apply(tx, actor_id, assignments, {**params, "by": by}, by=by, revert_of=change["id"])
    return {"actor": actor_id, "field": kind, "value": value}


def set_owner(store: Connection, accounts: AccountsDB, actor_id: str, owner: str, *, by: str) -> dict[str, Any]:
    """Make the login account ``owner`` the holder of the relationship (``""`` clears it)."""
    from netmap.auth.accounts import get_user

    name = (owner or "").strip()
    if name and get_user(accounts, name) is None:
        raise NotFound(f"no user named {name!r}", "the owner is a login account: see 'netmap users list'")
    return _write(
        store,
        actor_id,
        "s.owner = $owner, s.ownerSetBy = $by, s.ownerSetAt = datetime()",
        {"owner": name or None},
        by=by,
    )


def set_next_step(store: Connection, actor_id: str, step: Any, due: Any, *, by: str) -> dict[str, Any]:
    """Set the next step and its due date (replacing the previous one); ``overdue`` tells if it is late."""
    text, day = check_step(step, due)
    return _write(
        store,
        actor_id,
        "s.nextStep = $step, s.due = $due, s.stepSetBy = $by, s.stepSetAt = datetime()",
        {"step": text, "due": day},
        by=by,
    )


def clear_next_step(store: Connection, actor_id: str, *, by: str) -> dict[str, Any]:
    """The next step is done (or dropped): none is set until the next one is."""
    return _write(
        store,
        actor_id,
        "s.nextStep = null, s.due = null, s.stepSetBy = $by, s.stepSetAt = datetime()",
        {},
        by=by,
    )


def stewardship_query(actor_id: str, today: str | None = None) -> tuple[str, dict[str, Any]]:
    """The statement and parameters of :func:`stewardship` (the actor page runs it with its other reads)."""
    return f"MATCH (s:Stewardship {{actor: $id}})-[:ABOUT]->(a) RETURN {_FIELDS}", {
        "id": actor_id,
        "today": _today(today),
    }


def stewardship(store: Connection, actor_id: str, today: str | None = None) -> dict[str, Any] | None:
    """The owner and next step of one actor, or ``None`` when neither was ever set."""
    rows = store.execute_read(*stewardship_query(actor_id, today))
    return dict(rows[0]) if rows else None


def my_actors(store: Connection, owner: str, today: str | None = None) -> list[dict[str, Any]]:
    """The actors whose relationship ``owner`` holds: overdue steps first, then by due date, then by name."""
    return store.execute_read(
        f"""
        MATCH (s:Stewardship {{owner: $owner}})-[:ABOUT]->(a:Actor)
        RETURN {_FIELDS}
        ORDER BY overdue DESC, s.due IS NULL, s.due, toLower(a.name), a.id
        """,
        {"owner": owner, "today": _today(today)},
    )


def overdue_steps(store: Connection, today: str | None = None) -> list[dict[str, Any]]:
    """Every next step due before ``today`` (default: today), the oldest first, with its owner."""
    return store.execute_read(
        f"""
        MATCH (s:Stewardship)-[:ABOUT]->(a:Actor) WHERE s.due < $today
        RETURN {_FIELDS}
        ORDER BY s.due, toLower(a.name), a.id
        """,
        {"today": _today(today)},
    )
