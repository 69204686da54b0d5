"""What an actor's history page shows from the store, read in one query (one round trip): the actor (as
:func:`netmap.store.views.actor`), its number of changes and one page of them, newest first (the
statements of :func:`netmap.store.history.count_query` and :func:`~netmap.store.history.list_query`,
run here as subqueries). The page read three times before: the count, the actor, the page."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from netmap.errors import NotFound
from netmap.store.history import count_query, list_query
from netmap.store.views import LABEL, plain_value

if TYPE_CHECKING:
    from netmap.store.connection import Connection

__all__ = ["history_page"]


def _statement(list_statement: str, count_statement: str) -> str:
    """The count first (its column ``n`` becomes ``total``), then the entity ``n`` and the page as a list
    of maps keyed by the list statement's columns.

    >>> print(_statement("MATCH (h) RETURN h.a AS a, h.b AS b ORDER BY a", "RETURN 1 AS n"))  # doctest: +NORMALIZE_WHITESPACE
    CALL () { RETURN 1 AS n } WITH n AS total MATCH (n:Entity {id: $actor})
    CALL () { CALL () { MATCH (h) RETURN h.a AS a, h.b AS b ORDER BY a } RETURN collect({a: a, b: b}) AS changes }
    RETURN properties(n) AS props, CASE WHEN n:Actor THEN 'Actor' WHEN n:Forum THEN 'Forum' ELSE 'Programme' END AS label, total, changes
    """
    returned = list_statement[list_statement.rindex("RETURN") :]
    columns = re.findall(r"\bAS\s+(\w+)", returned)
    row = ", ".join(f"{c}: {c}" for c in columns)
    return (
        f"CALL () {{ {count_statement.strip()} }} WITH n AS total MATCH (n:Entity {{id: $actor}})\n"
        f"CALL () {{ CALL () {{ {list_statement.strip()} }} RETURN collect({{{row}}}) AS changes }}\n"
        f"RETURN properties(n) AS props, {LABEL} AS label, total, changes"
    )


def _read(store: Connection, actor_id: str, page: int, size: int) -> dict[str, Any]:
    listing, params = list_query(actor_id, limit=size, offset=(page - 1) * size)
    counting, more = count_query(actor_id)
    rows = store.execute_read(_statement(listing, counting), {**params, **more})
    if not rows:
        raise NotFound(f"no actor with id {actor_id!r}", "search the map for its name")
    return dict(rows[0])


def history_page(store: Connection, actor_id: str, *, page: int = 1, size: int = 50) -> dict[str, Any]:
    """``{"actor", "changes", "total", "page", "pages"}`` for page ``page`` (from 1; one past the last is
    read as the last, in a second query) of ``size`` changes. :class:`NotFound` when there is no such
    entity."""
    size = max(1, int(size))
    page = max(1, int(page))
    row = _read(store, actor_id, page, size)
    pages = max(1, -(-int(row["total"]) // size))
    if page > pages:
        page = pages
        row = _read(store, actor_id, page, size)
    actor = {k: plain_value(v) for k, v in row["props"].items()}
    actor["label"] = row["label"]
    return {"actor": actor, "changes": row["changes"], "total": int(row["total"]), "page": page, "pages": pages}
