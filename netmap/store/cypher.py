"""User-written Cypher: read-only unless asked, with a time limit and a row limit.

A query is planned first (``EXPLAIN``); when its plan writes (query type ``w``, ``rw`` or ``s``) it is
refused before it runs, unless ``write=True``. Results come back as plain JSON-friendly values, with
the nodes and relationships they contain collected so a page can draw them as a graph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import neo4j
from neo4j import graph as neo4j_graph

from netmap.errors import QueryError, WriteQueryRefused

if TYPE_CHECKING:
    from netmap.store.connection import Connection

QUERY_TYPES = {"r": "read", "w": "write", "rw": "read-write", "s": "schema"}
#: Login accounts live in the graph; the web console must not read them (their password hashes).
PROTECTED_LABELS = frozenset({"User"})
PROTECTED_KEYS = frozenset({"passwordHash"})
_PROTECTED_TEXT = re.compile(r"(:\s*`?User`?\b)|passwordhash|\bdbms\.|\bapoc\.", re.IGNORECASE)


@dataclass(slots=True)
class QueryResult:
    columns: list[str]
    rows: list[dict[str, Any]]
    truncated: bool
    query_type: str
    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)
    relationships: dict[str, dict[str, Any]] = field(default_factory=dict)


def query_type(store: Connection, cypher: str, parameters: dict[str, Any] | None = None) -> str:
    """The planner's query type (``r``, ``w``, ``rw`` or ``s``), without running the query."""
    text = cypher.strip().rstrip(";")
    if not text:
        raise QueryError("the query is empty")
    head = text.split(None, 1)[0].upper()
    if head in ("EXPLAIN", "PROFILE"):
        raise QueryError(f"{head} is added by netmap itself: remove it from the query")
    with store.session(default_access_mode=neo4j.READ_ACCESS) as session:
        summary = session.run(neo4j.Query("EXPLAIN " + text), parameters or {}).consume()  # type: ignore[arg-type]
    return str(summary.query_type or "r")


def run_query(
    store: Connection,
    cypher: str,
    parameters: dict[str, Any] | None = None,
    *,
    write: bool = False,
    timeout: float = 30.0,
    limit: int = 1000,
    protect_accounts: bool = True,
) -> QueryResult:
    """Run user Cypher safely: refuse writes unless ``write``, stop after ``timeout`` s and ``limit`` rows.

    With ``protect_accounts`` (the web console), queries that name login accounts are refused and any
    account node or password hash that still comes back (``MATCH (n) RETURN n``) is redacted.
    """
    if protect_accounts and _PROTECTED_TEXT.search(cypher):
        raise QueryError(
            "queries about login accounts or server procedures are not allowed here", "manage users with 'netmap users'"
        )
    kind = query_type(store, cypher, parameters)
    if kind != "r" and not write:
        raise WriteQueryRefused(
            f"this is a {QUERY_TYPES.get(kind, kind)} query and was not run: queries are read-only here",
            "use --write if you mean to change the graph",
        )
    text = cypher.strip().rstrip(";")
    mode = neo4j.WRITE_ACCESS if write else neo4j.READ_ACCESS
    result = QueryResult(columns=[], rows=[], truncated=False, query_type=kind)
    if write:  # an auto-commit transaction, so that CALL { ... } IN TRANSACTIONS works too
        with store.session(default_access_mode=mode) as session:
            cursor = session.run(neo4j.Query(text, timeout=timeout), parameters or {})  # type: ignore[arg-type]
            _collect(cursor, result, limit, protect_accounts)
            cursor.consume()
    else:  # an explicit transaction that is never committed: reads only
        with store.session(default_access_mode=mode) as session:
            tx = session.begin_transaction(timeout=timeout)
            try:
                _collect(tx.run(text, parameters or {}), result, limit, protect_accounts)  # type: ignore[arg-type]
            finally:
                if tx.closed() is False:
                    tx.close()
    if protect_accounts:
        result.nodes = {k: _redact(v) for k, v in result.nodes.items()}
        result.relationships = {k: _redact(v) for k, v in result.relationships.items()}
    return result


def _collect(cursor: Any, result: QueryResult, limit: int, protect_accounts: bool) -> None:
    result.columns = list(cursor.keys())
    for record in cursor:
        if len(result.rows) >= limit:
            result.truncated = True
            break
        row = {key: _plain(record[key], result) for key in result.columns}
        result.rows.append(_redact(row) if protect_accounts else row)


def _redact(value: Any) -> Any:
    """Account nodes become a stub; password-hash keys are dropped, at any depth."""
    if isinstance(value, dict):
        if PROTECTED_LABELS.intersection(value.get("labels") or ()):
            return {"elementId": value.get("elementId"), "labels": value["labels"], "redacted": True}
        return {k: _redact(v) for k, v in value.items() if k not in PROTECTED_KEYS}
    if isinstance(value, list):
        return [_redact(v) for v in value]
    return value


def _plain(value: Any, result: QueryResult) -> Any:
    """A JSON-friendly copy of a driver value; graph elements are also collected on ``result``."""
    if isinstance(value, neo4j_graph.Node):
        node = {"elementId": value.element_id, "labels": sorted(value.labels), **_props(value)}
        result.nodes[value.element_id] = node
        return node
    if isinstance(value, neo4j_graph.Relationship):
        start = _plain(value.start_node, result) if value.start_node is not None else {}
        end = _plain(value.end_node, result) if value.end_node is not None else {}
        rel = {
            "elementId": value.element_id,
            "type": value.type,
            "start": start.get("elementId"),
            "end": end.get("elementId"),
            **_props(value),
        }
        result.relationships[value.element_id] = rel
        return rel
    if isinstance(value, neo4j_graph.Path):
        return {
            "nodes": [_plain(n, result) for n in value.nodes],
            "relationships": [_plain(r, result) for r in value.relationships],
        }
    if isinstance(value, list):
        return [_plain(v, result) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v, result) for k, v in value.items()}
    if hasattr(value, "iso_format"):
        return value.iso_format()
    if isinstance(value, (bytes, bytearray)):
        return value.hex()
    return value


def _props(entity: Any) -> dict[str, Any]:
    return {k: (v.iso_format() if hasattr(v, "iso_format") else v) for k, v in dict(entity).items()}
