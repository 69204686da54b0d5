"""Quarterly snapshots in Neo4j, and the reads an export needs (every property, the sources).

A snapshot is one ``(:Snapshot {quarter, createdAt, dataDate, includeSensitive, json, bundle, zipPath,
zipSha256})`` node per quarter: ``json`` is the canonical ``snapshot.json`` of that quarter's bundle, so
``netmap diff`` works without the bundle folders. Exporting a quarter again (``--force``) replaces it.
``:Snapshot`` is not an ``:Entity``: it never enters the projected graph.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from netmap.store.views import plain_value

if TYPE_CHECKING:
    from netmap.store.connection import Connection

__all__ = [
    "data_date",
    "engagement_entries",
    "entity_properties",
    "get_snapshot",
    "list_snapshots",
    "save_snapshot",
    "source_list",
    "tie_properties",
]

_LABEL = "CASE WHEN n:Actor THEN 'Actor' WHEN n:Forum THEN 'Forum' ELSE 'Programme' END"


def entity_properties(store: Connection) -> list[dict[str, Any]]:
    """Every property of every entity the projection keeps (same rule as ``graph_rows``), by id."""
    rows = store.execute_read(
        f"""
        MATCH (n:Entity)
        WHERE n.reference_list IS NULL OR EXISTS {{ (n)--(:Entity) }}
        RETURN n.id AS id, {_LABEL} AS label, properties(n) AS props
        ORDER BY id
        """
    )
    return [
        {"id": r["id"], "label": r["label"], "props": {k: plain_value(v) for k, v in r["props"].items()}} for r in rows
    ]


def engagement_entries(store: Connection) -> list[dict[str, Any]]:
    """Every entry of the engagement log, oldest first: date, actor, status, note, who and when."""
    rows = store.execute_read(
        """
        MATCH (e:Engagement)-[:ABOUT]->(a:Entity)
        RETURN e.date AS date, a.id AS actor, a.name AS name, e.status AS status, e.note AS note,
               e.by AS by, toString(e.at) AS at
        ORDER BY date, at, actor
        """
    )
    return [{k: plain_value(v) for k, v in r.items()} for r in rows]


def tie_properties(store: Connection) -> list[dict[str, Any]]:
    """Every property of every tie between entities, in a stable order."""
    rows = store.execute_read(
        """
        MATCH (a:Entity)-[r]->(b:Entity)
        RETURN a.id AS source, b.id AS target, type(r) AS type, coalesce(r.key, '') AS key,
               properties(r) AS props
        ORDER BY source, target, type, key
        """
    )
    return [{**r, "props": {k: plain_value(v) for k, v in r["props"].items()}} for r in rows]


def source_list(store: Connection) -> list[dict[str, Any]]:
    """Every import (file, format, hash, times, counts), oldest first."""
    rows = store.execute_read(
        """
        MATCH (s:Source)
        RETURN s.id AS id, s.file AS file, s.format AS format, s.sha256 AS sha256, s.url AS url,
               s.importedAt AS importedAt, coalesce(s.lastImportedAt, s.importedAt) AS lastImportedAt,
               s.actors AS actors, s.initiatives AS initiatives, s.relationships AS relationships
        ORDER BY lastImportedAt, id
        """
    )
    return [{k: plain_value(v) for k, v in r.items()} for r in rows]


def data_date(store: Connection) -> str | None:
    """The newest import time of any source (ISO string), or ``None`` with no sources."""
    rows = store.execute_read("MATCH (s:Source) RETURN max(toString(coalesce(s.lastImportedAt, s.importedAt))) AS date")
    return rows[0]["date"] if rows else None


def save_snapshot(store: Connection, quarter: str, record: dict[str, Any]) -> None:
    """Record (or replace) the snapshot of ``quarter``: ``record`` holds createdAt, dataDate,
    includeSensitive, json, bundle, zipPath, zipSha256."""
    store.execute_write(
        """
        MERGE (s:Snapshot {quarter: $quarter})
        SET s.createdAt = $record.createdAt, s.dataDate = $record.dataDate,
            s.includeSensitive = $record.includeSensitive, s.json = $record.json,
            s.bundle = $record.bundle, s.zipPath = $record.zipPath, s.zipSha256 = $record.zipSha256
        """,
        {"quarter": quarter, "record": record},
    )


def get_snapshot(store: Connection, quarter: str) -> dict[str, Any] | None:
    """The stored snapshot record of ``quarter`` (with ``json``), or ``None``."""
    rows = store.execute_read(
        """
        MATCH (s:Snapshot {quarter: $quarter})
        RETURN s.quarter AS quarter, s.createdAt AS createdAt, s.dataDate AS dataDate,
               s.includeSensitive AS includeSensitive, s.json AS json, s.bundle AS bundle,
               s.zipPath AS zipPath, s.zipSha256 AS zipSha256
        """,
        {"quarter": quarter},
    )
    return dict(rows[0]) if rows else None


def list_snapshots(store: Connection) -> list[dict[str, Any]]:
    """Every stored snapshot without its json, newest quarter first."""
    return store.execute_read(
        """
        MATCH (s:Snapshot)
        RETURN s.quarter AS quarter, s.createdAt AS createdAt, s.dataDate AS dataDate,
               coalesce(s.includeSensitive, false) AS includeSensitive, s.bundle AS bundle,
               s.zipPath AS zipPath, s.zipSha256 AS zipSha256
        ORDER BY s.quarter DESC
        """
    )
