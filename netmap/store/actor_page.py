"""Everything an actor page shows from the store, read in one query (one round trip): each section's own
statement (from the module that owns it) run as a subquery."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from netmap.errors import NotFound
from netmap.store.assessments import history_query
from netmap.store.history import count_query, list_query
from netmap.store.introductions import introductions_query
from netmap.store.owners import stewardship_query
from netmap.store.views import LABEL, engagement_log_query, plain_value

if TYPE_CHECKING:
    from netmap.store.connection import Connection

__all__ = ["actor_page", "collected", "merged"]


def actor_page(store: Connection, actor_id: str, *, changes: int = 10, today: str | None = None) -> dict[str, Any]:
    """What an actor page shows from the store, in one query (one round trip): the entity (as
    :func:`~netmap.store.views.actor`), its ties (as :func:`~netmap.store.views.actor_relationships`), its sources (as :func:`~netmap.store.views.actor_sources`),
    its engagement log (as :func:`~netmap.store.views.engagement_log`), its assessments (as
    :func:`~netmap.store.assessments.assessment_history`), owner and next step (``stewardship``, as
    :func:`~netmap.store.owners.stewardship`), introduction requests (as
    :func:`~netmap.store.introductions.introductions`) and its latest ``changes`` changes with their
    number (``changes``, ``change_count``, as :mod:`netmap.store.history`). Each of those functions'
    own statement is run here as a subquery. :class:`NotFound` when there is no such entity."""

    parts = {
        "log": engagement_log_query(actor_id),
        "assessments": history_query(actor_id),
        "stewardship": stewardship_query(actor_id, today),
        "introductions": introductions_query(actor_id),
        "changes": list_query(actor_id, limit=changes),
        "change_count": count_query(actor_id),
    }
    params: dict[str, Any] = {"id": actor_id}
    for _query, more in parts.values():
        params = merged(params, more)
    rows = store.execute_read(
        f"""
        MATCH (n:Entity {{id: $id}})
        CALL (n) {{
          OPTIONAL MATCH (n)-[r]-(m:Entity)
          WITH r, m ORDER BY type(r), m.name
          RETURN collect(r) AS rels,
                 collect(CASE WHEN r IS NOT NULL THEN {{
                   type: type(r), outgoing: startNode(r) = n, other: m.id, otherName: m.name,
                   otherKind: m.kind, strength: r.strength, since: r.since, until: r.until,
                   amount: r.amount, currency: r.currency, note: r.note, status: r.status,
                   sources: coalesce(r.sources, [])}} END)[..2000] AS ties
        }}
        CALL (n, rels) {{
          WITH n, rels, coalesce(n.sources, []) AS own
          UNWIND own + reduce(acc = [], r IN rels | acc + coalesce(r.sources, [])) AS sid
          WITH DISTINCT own, rels, sid
          MATCH (s:Source {{id: sid}})
          WITH s, sid IN own AS assertedActor, size([r IN rels WHERE sid IN coalesce(r.sources, [])]) AS ties,
               toString(coalesce(s.lastImportedAt, s.importedAt)) AS importedAt
          ORDER BY importedAt DESC, s.id
          RETURN collect({{id: s.id, file: s.file, format: s.format, importedAt: importedAt,
                          assertedActor: assertedActor, ties: ties}}) AS sources
        }}
        {" ".join(collected(name, query) for name, (query, _params) in parts.items())}
        RETURN properties(n) AS props, {LABEL} AS label, ties, sources, {", ".join(parts)}
        """,
        params,
    )
    if not rows:
        raise NotFound(f"no actor with id {actor_id!r}", "search the map for its name")
    row = rows[0]
    props = {k: plain_value(v) for k, v in row["props"].items()}
    props["label"] = row["label"]
    grouped: dict[str, list[dict[str, Any]]] = {}
    for tie in row["ties"]:
        grouped.setdefault(tie["type"], []).append({k: plain_value(v) for k, v in tie.items()})
    found = {name: row[name] for name in parts}
    return {
        "actor": props,
        "relationships": grouped,
        "sources": row["sources"],
        **found,
        "stewardship": found["stewardship"][0] if found["stewardship"] else None,
        "change_count": int(found["change_count"][0]["n"]) if found["change_count"] else 0,
    }


def collected(name: str, query: str) -> str:
    """A whole read statement as a subquery of no outer variables that gives its rows, in their order, as
    one list ``name`` of maps (keyed by the statement's columns): one row even when the statement has none.

    >>> print(collected("xs", "MATCH (x:X) RETURN x.a AS a, x.b AS b ORDER BY a"))
    CALL () { CALL () { MATCH (x:X) RETURN x.a AS a, x.b AS b ORDER BY a } RETURN collect({a: a, b: b}) AS xs }
    """
    columns = re.findall(r"\bAS\s+(\w+)", query[query.rindex("RETURN") :])
    row = ", ".join(f"{c}: {c}" for c in columns)
    return f"CALL () {{ CALL () {{ {query.strip()} }} RETURN collect({{{row}}}) AS {name} }}"


def merged(params: dict[str, Any], more: dict[str, Any]) -> dict[str, Any]:
    """The parameters of two statements run as one; a name both use must have the same value in both.

    >>> merged({"id": "a"}, {"id": "a", "limit": 10})
    {'id': 'a', 'limit': 10}
    """
    clash = [k for k in more if k in params and params[k] != more[k]]
    if clash:
        raise ValueError(f"the statements give parameter {clash[0]!r} two values")
    return {**params, **more}
