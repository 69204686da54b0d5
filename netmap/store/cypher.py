"""User-written Cypher: read-only unless asked, with a time limit and a row limit.

A query is checked first (netmap.store.guard: no administration commands, no LOAD CSV, allow-listed
procedures, by its text and by its plan), then planned (``EXPLAIN``); when its plan writes (query type ``w``, ``rw`` or ``s``) it is
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
from netmap.store.guard import check_plan, check_statement

if TYPE_CHECKING:
    from netmap.store.connection import Connection

#: Console results stop at this many bytes (about their JSON size) as well as at the row limit.
MAX_RESULT_BYTES = 2_000_000
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
    #: True when the results passed the byte limit and were cut there (the last row may be partial).
    cut: bool = False
    bytes_left: int = MAX_RESULT_BYTES
    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)
    relationships: dict[str, dict[str, Any]] = field(default_factory=dict)


def query_type(store: Connection, cypher: str, parameters: dict[str, Any] | None = None) -> str:
    """The planner's query type (``r``, ``w``, ``rw`` or ``s``), without running the query."""
    return str(_explain(store, cypher, parameters).query_type or "r")


def _explain(store: Connection, cypher: str, parameters: dict[str, Any] | None) -> neo4j.ResultSummary:
    """The summary of ``EXPLAIN cypher``: its query type and plan, without running the query."""
    text = cypher.strip().rstrip(";")
    if not text:
        raise QueryError("the query is empty")
    head = text.split(None, 1)[0].upper()
    if head in ("EXPLAIN", "PROFILE"):
        raise QueryError(f"{head} is added by netmap itself: remove it from the query")
    with store.session(default_access_mode=neo4j.READ_ACCESS) as session:
        return session.run(neo4j.Query("EXPLAIN " + text), parameters or {}).consume()


def run_query(
    store: Connection,
    cypher: str,
    parameters: dict[str, Any] | None = None,
    *,
    write: bool = False,
    timeout: float = 30.0,
    limit: int = 1000,
    max_bytes: int = MAX_RESULT_BYTES,
    protect_accounts: bool = True,
) -> QueryResult:
    """Run user Cypher safely: refuse writes unless ``write``, stop after ``timeout`` s, ``limit`` rows or
    ``max_bytes`` of results (rows are converted as they stream in, and conversion stops at the limit).

    With ``protect_accounts`` (the web console), queries that name login accounts are refused and any
    account node or password hash that still comes back (``MATCH (n) RETURN n``) is redacted.
    """
    if protect_accounts and _PROTECTED_TEXT.search(cypher):
        raise QueryError(
            "queries about login accounts or server procedures are not allowed here", "manage users with 'netmap users'"
        )
    check_statement(cypher, write=write)
    summary = _explain(store, cypher, parameters)
    check_plan(summary.plan)
    kind = str(summary.query_type or "r")
    if kind != "r" and not write:
        raise WriteQueryRefused(
            f"this is a {QUERY_TYPES.get(kind, kind)} query and was not run: queries are read-only here",
            "use --write if you mean to change the graph",
        )
    if kind == "s":
        raise QueryError("this query changes the database schema, which netmap manages itself")
    text = cypher.strip().rstrip(";")
    mode = neo4j.WRITE_ACCESS if write else neo4j.READ_ACCESS
    result = QueryResult(columns=[], rows=[], truncated=False, query_type=kind, bytes_left=max_bytes)
    if write:  # an auto-commit transaction, so that CALL { ... } IN TRANSACTIONS works too
        with store.session(default_access_mode=mode) as session:
            cursor = session.run(neo4j.Query(text, timeout=timeout), parameters or {})
            _collect(cursor, result, limit, protect_accounts)
            cursor.consume()
    else:  # an explicit transaction that is never committed: reads only
        with store.session(default_access_mode=mode) as session:
            tx = session.begin_transaction(timeout=timeout)
            try:
                _collect(tx.run(text, parameters or {}), result, limit, protect_accounts)
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
        if result.bytes_left <= 0:
            result.cut = True
            break


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
    """A JSON-friendly copy of a driver value; graph elements are also collected on ``result``.

    Each value is charged to ``result.bytes_left``; once that is spent, lists stop growing, strings are
    cut and further values become None, so a huge value costs no more than the limit to convert.
    """
    if result.bytes_left <= 0:
        return None
    if isinstance(value, neo4j_graph.Node):
        node = {"elementId": value.element_id, "labels": sorted(value.labels), **_props(value, result)}
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
            **_props(value, result),
        }
        result.relationships[value.element_id] = rel
        return rel
    if isinstance(value, neo4j_graph.Path):
        return {
            "nodes": [_plain(n, result) for n in value.nodes],
            "relationships": [_plain(r, result) for r in value.relationships],
        }
    if isinstance(value, list):
        items = []
        for item in value:
            if result.bytes_left <= 0:
                break
            items.append(_plain(item, result))
        return items
    if isinstance(value, dict):
        return {k: _plain(v, result) for k, v in value.items()}
    if hasattr(value, "iso_format"):
        value = value.iso_format()
    elif isinstance(value, (bytes, bytearray)):
        value = value[: result.bytes_left // 2 + 1].hex()
    if isinstance(value, str):
        value = value[: result.bytes_left]
    result.bytes_left -= len(value) + 2 if isinstance(value, str) else len(str(value)) + 1
    return value


def _props(entity: Any, result: QueryResult) -> dict[str, Any]:
    return {k: _plain(v, result) for k, v in dict(entity).items()}
