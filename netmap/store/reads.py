"""Reads: the rows the graph projection is built from, listings, and counts."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from netmap.store.connection import Connection

_NODES = """
MATCH (n:Entity)
WHERE n.reference_list IS NULL OR EXISTS { (n)--(:Entity) }
RETURN n.id AS id,
       CASE WHEN n:Actor THEN 'Actor' WHEN n:Forum THEN 'Forum' ELSE 'Programme' END AS label,
       n.name AS name, n.kind AS kind, n.sphere AS sphere, n.country AS country,
       coalesce(n.countries, []) AS countries, coalesce(n.sectors, []) AS sectors,
       n.influence AS influence, n.engagement AS engagement,
       coalesce(n.illustrative, false) AS illustrative,
       n.assessedInfluence AS assessedInfluence, n.assessedInterest AS assessedInterest, n.stance AS stance,
       n.assessedBy AS assessedBy, n.assessedOn AS assessedOn,
       [k IN keys(n) WHERE k STARTS WITH 'name_' | [k, n[k]]] AS names
ORDER BY id
"""

_TIE_FIELDS = """a.id AS source, b.id AS target, type(r) AS type, r.strength AS strength,
       r.since AS since, r.until AS until, r.amount AS amount, r.currency AS currency,
       coalesce(r.key, '') AS key, r.note AS note"""

_EDGES = f"""
MATCH (a:Entity)-[r]->(b:Entity)
RETURN {_TIE_FIELDS}
ORDER BY source, target, type, key
"""

_LIGHT_LOG = "OPTIONAL MATCH (m:NetmapMeta {key: 'data'}) RETURN coalesce(m.light, 0) AS light, m.lightLog AS log"

_LIGHT_NODES = """
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN n.id AS id, n.engagement AS engagement, n.assessedInfluence AS assessedInfluence,
       n.assessedInterest AS assessedInterest, n.stance AS stance, n.assessedBy AS assessedBy,
       n.assessedOn AS assessedOn
"""

_LIGHT_TIES = f"""
UNWIND $ids AS id
MATCH (:Entity {{id: id}})-[r:ENGAGED_WITH]-(:Entity)
WITH DISTINCT r
MATCH (a)-[r]->(b)
RETURN {_TIE_FIELDS}
ORDER BY source, target, type, key
"""


def graph_rows(store: Connection) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """All entities and the ties between them, as plain rows for :mod:`netmap.graph`."""
    return store.execute_read(_NODES), store.execute_read(_EDGES)


def light_changes(store: Connection, since: int) -> dict[str, Any] | None:
    """What the engagements and assessments recorded after the ``since``-th changed: ``{"count": n,
    "nodes": [row per actor: id and the fields of netmap.graph.patch.LIGHT_FIELDS], "ties": [every ENGAGED_WITH tie of those actors,
    as graph_rows gives it]}``. ``None`` when the log no longer reaches back to ``since`` (read the
    whole graph instead). Three small reads, whatever the size of the graph."""
    meta = store.execute_read(_LIGHT_LOG)
    count, log = (int(meta[0]["light"]), list(meta[0]["log"] or [])) if meta else (0, [])
    missing = count - since
    if missing < 0 or missing > len(log):
        return None
    ids = sorted(set(log[len(log) - missing :])) if missing else []
    if not ids:
        return {"count": count, "ids": [], "nodes": [], "ties": []}
    nodes = store.execute_read(_LIGHT_NODES, {"ids": ids})
    ties = store.execute_read(_LIGHT_TIES, {"ids": ids})
    return {"count": count, "ids": ids, "nodes": nodes, "ties": ties}


def entity_index(store: Connection) -> list[dict[str, Any]]:
    """What entity resolution matches against: ids, names, aliases and external ids."""
    return store.execute_read(
        """
        MATCH (n:Entity)
        RETURN n.id AS id, n.name AS name, coalesce(n.aliases, []) AS aliases, n.iati AS iati,
               n.lei AS lei, n.wikidata AS wikidata, n.hdx AS hdx, n.kind AS kind, n.country AS country,
               n.governmentOf AS governmentOf,
               CASE WHEN n:Actor THEN 'Actor' WHEN n:Forum THEN 'Forum' ELSE 'Programme' END AS label
        """
    )


def existing_ids(store: Connection, ids: list[str]) -> set[str]:
    rows = store.execute_read("UNWIND $ids AS id MATCH (n:Entity {id: id}) RETURN n.id AS id", {"ids": ids})
    return {r["id"] for r in rows}


def ids_by_name(store: Connection, names: list[str]) -> dict[str, list[str]]:
    """Entity ids per exact name (a relationship may name its endpoints instead of giving ids)."""
    rows = store.execute_read(
        "UNWIND $names AS name MATCH (n:Entity {name: name}) RETURN name, collect(n.id) AS ids",
        {"names": names},
    )
    return {r["name"]: sorted(r["ids"]) for r in rows}


def counts(store: Connection) -> dict[str, int]:
    """Nodes per label and relationships in all: what ``netmap db status`` and tests compare."""
    rows = store.execute_read(
        """
        CALL () { MATCH (n) RETURN count(n) AS nodes }
        CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
        CALL () { MATCH (n:Actor) RETURN count(n) AS actors }
        CALL () { MATCH (n:Programme) RETURN count(n) AS programmes }
        CALL () { MATCH (n:Forum) RETURN count(n) AS forums }
        CALL () { MATCH (n:Source) RETURN count(n) AS sources }
        RETURN nodes, relationships, actors, programmes, forums, sources
        """
    )
    return dict(rows[0])


def server_info(store: Connection) -> dict[str, Any]:
    rows = store.execute_read(
        "CALL dbms.components() YIELD name, versions, edition RETURN name, versions[0] AS version, edition"
    )
    info = dict(rows[0]) if rows else {}
    info.update(counts(store))
    return info


def sources(store: Connection) -> list[dict[str, Any]]:
    """Every import, newest first, with its counts."""
    return store.execute_read(
        """
        MATCH (s:Source)
        RETURN s.id AS id, s.file AS file, s.format AS format, s.sha256 AS sha256,
               s.importedAt AS importedAt, s.lastImportedAt AS lastImportedAt, s.runs AS runs,
               s.status AS status, s.actors AS actors, s.initiatives AS initiatives,
               s.relationships AS relationships, s.created AS created, s.updated AS updated,
               s.merged AS merged, s.unresolved AS unresolved
        ORDER BY coalesce(s.lastImportedAt, s.importedAt) DESC, s.id
        """
    )
