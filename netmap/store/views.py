"""Reads and writes the web pages need: search, actor pages, facets, the engagement log, edits.

Engagement log: every entry is an ``(:Engagement {id, date, status, note, by, at})-[:ABOUT]->(actor)``
node (not an ``:Entity``, so the log never enters the projected graph). Recording an entry also sets
``actor.engagement`` to the status of the latest entry (by date, then time recorded) and, when the
home actor is configured and exists, MERGEs one ``(home)-[:ENGAGED_WITH {key: ''}]->(actor)`` tie
carrying that latest status, date and note (so warm paths and entry points see it).

Edits of an actor are :mod:`netmap.store.edits` (recorded in the history); they bump the data
version read by :func:`data_version` (the cache key of map payloads), as engagements do.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TYPE_CHECKING, Any

from netmap.errors import InputError, NotFound
from netmap.model import ACTOR_KINDS, ENGAGEMENT_STATUSES, SPHERES
from netmap.model.fields import RATINGS
from netmap.store.history import RECORD_ON_ACTOR

if TYPE_CHECKING:
    from netmap.store.connection import Connection

__all__ = [
    "EDITABLE_FIELDS",
    "actor",
    "actor_relationships",
    "actor_sources",
    "add_engagement",
    "bump_version",
    "coerce_field",
    "LIGHT_EDIT",
    "data_version",
    "light_count",
    "engagement_log",
    "facets",
    "search",
    "structure_part",
]

LABEL = "CASE WHEN n:Actor THEN 'Actor' WHEN n:Forum THEN 'Forum' ELSE 'Programme' END"
_ALL_KIND_LABELS = ":".join(ACTOR_KINDS)


def data_version(store: Connection) -> str:
    """A token that changes whenever the graph changes: imports, edits, engagements.

    Its first five fields (:func:`structure_part`) change only with what the structure depends on:
    imports, entities, ties other than our engagement ties and the records about actors, and the version
    bumped by edits. An engagement, assessment, owner, next step or introduction request
    (:data:`LIGHT_EDIT`) changes only the last three: the engagement ties, the links of the records
    about actors (``ABOUT`` of the logs and stewardships, an introduction request's ``VIA``/``TO``), and
    the count of such edits, whose actors :func:`netmap.store.reads.light_changes` reads back.
    """
    rows = store.execute_read(
        """
        CALL () { MATCH (s:Source) RETURN max(coalesce(s.lastImportedAt, s.importedAt)) AS src, count(s) AS ns }
        CALL () { MATCH (n:Entity) RETURN count(n) AS nodes }
        CALL () { MATCH ()-[r]->() RETURN count(r) AS rels }
        CALL () { MATCH ()-[r:ENGAGED_WITH]->() RETURN count(r) AS engaged }
        CALL () { MATCH ()-[r:ABOUT]->() RETURN count(r) AS logs }
        CALL () { MATCH (:Introduction)-[r]->() RETURN count(r) AS requests }
        OPTIONAL MATCH (m:NetmapMeta {key: 'data'})
        RETURN toString(src) AS src, ns, nodes, rels, engaged, logs, requests, coalesce(m.version, 0) AS version,
               coalesce(m.light, 0) AS light
        """
    )
    r = rows[0]
    about = r["logs"] + r["requests"]  # records about actors (logs, stewardship, introductions): no ties
    structural = r["rels"] - r["engaged"] - about
    return f"{r['src']}|{r['ns']}|{r['nodes']}|{structural}|{r['version']}|{r['engaged']}|{about}|{r['light']}"


def structure_part(version: str) -> str:
    """The part of a :func:`data_version` token that an engagement or assessment does not change.

    >>> structure_part("2026-12-01|1|50|80|3|2|7|12")
    '2026-12-01|1|50|80|3'
    """
    return "|".join(version.split("|")[:5])


def light_count(version: str) -> int | None:
    """How many engagements and assessments were recorded when ``version`` was read (``None``: an
    older token).

    >>> light_count("2026-12-01|1|50|80|3|2|7|12"), light_count("x|1|2|3|4")
    (12, None)
    """
    parts = version.split("|")
    return int(parts[7]) if len(parts) == 8 and parts[7].isdigit() else None


#: Cypher that ends an engagement's or assessment's write (``a`` in scope): counts the edit and keeps
#: its actor in a short log, so readers patch their analysis instead of reading the whole graph.
LIGHT_EDIT = """
MERGE (m:NetmapMeta {key: 'data'})
SET m.light = coalesce(m.light, 0) + 1
SET m.lightLog = (coalesce(m.lightLog, []) + [a.id])[-256..]
"""


def bump_version(store: Connection) -> None:
    store.execute_write("MERGE (m:NetmapMeta {key: 'data'}) SET m.version = coalesce(m.version, 0) + 1")


def facets(store: Connection) -> dict[str, list[str]]:
    """The values the map filters offer: kinds, spheres, countries, sectors, statuses, relationship types."""
    rows = store.execute_read(
        """
        CALL () { MATCH (n:Actor) WHERE n.country IS NOT NULL RETURN collect(DISTINCT n.country) AS countries }
        CALL () { MATCH (s:Sector) RETURN collect(DISTINCT s.name) AS sectors }
        CALL () { MATCH (:Entity)-[r]->(:Entity) RETURN collect(DISTINCT type(r)) AS types }
        RETURN countries, sectors, types
        """
    )
    r = rows[0] if rows else {"countries": [], "sectors": [], "types": []}
    return {
        "kinds": list(ACTOR_KINDS),
        "spheres": list(SPHERES),
        "statuses": list(ENGAGEMENT_STATUSES),
        "countries": sorted(str(c) for c in r["countries"]),
        "sectors": sorted(str(s) for s in r["sectors"]),
        "rel_types": sorted(str(t) for t in r["types"]),
    }


def search(store: Connection, text: str, limit: int = 10) -> list[dict[str, Any]]:
    """Entities whose name or alias contains ``text`` (case-insensitive); prefix matches first. Each row
    has the entity's names by language too (``names``: ``[["name_fr", "…"], …]``)."""
    text = (text or "").strip().lower()[:100]
    if not text:
        return []
    return store.execute_read(
        f"""
        MATCH (n:Entity)
        WHERE n.nameLower CONTAINS $q OR toLower(coalesce(n.aliasText, '')) CONTAINS $q OR n.id = $q
        WITH n, CASE WHEN n.id = $q OR n.nameLower STARTS WITH $q OR n.id STARTS WITH $q THEN 0
                     WHEN n.nameLower CONTAINS '(' + $q OR n.nameLower CONTAINS ' ' + $q THEN 1
                     ELSE 2 END + CASE WHEN n:Actor THEN 0 ELSE 1 END AS rank
        RETURN n.id AS id, n.name AS name, n.kind AS kind, {LABEL} AS label, n.country AS country,
               [k IN keys(n) WHERE k STARTS WITH 'name_' | [k, n[k]]] AS names
        ORDER BY rank, size(n.name), n.name
        LIMIT $limit
        """,
        {"q": text, "limit": max(1, min(int(limit), 50))},
    )


def actor(store: Connection, actor_id: str) -> dict[str, Any]:
    """Every property of one entity, with its label; :class:`NotFound` when there is none."""
    rows = store.execute_read(
        f"MATCH (n:Entity {{id: $id}}) RETURN properties(n) AS props, {LABEL} AS label", {"id": actor_id}
    )
    if not rows:
        raise NotFound(f"no actor with id {actor_id!r}", "search the map for its name")
    props = {k: plain_value(v) for k, v in rows[0]["props"].items()}
    props["label"] = rows[0]["label"]
    return props


def actor_relationships(store: Connection, actor_id: str) -> dict[str, list[dict[str, Any]]]:
    """Ties to and from other entities, grouped by relationship type (sorted by the other's name)."""
    rows = store.execute_read(
        """
        MATCH (n:Entity {id: $id})-[r]-(m:Entity)
        RETURN type(r) AS type, startNode(r) = n AS outgoing, m.id AS other, m.name AS otherName,
               m.kind AS otherKind, r.strength AS strength, r.since AS since, r.until AS until,
               r.amount AS amount, r.currency AS currency, r.note AS note, r.status AS status,
               coalesce(r.sources, []) AS sources
        ORDER BY type, otherName
        LIMIT 2000
        """,
        {"id": actor_id},
    )
    grouped: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        grouped.setdefault(row["type"], []).append({k: plain_value(v) for k, v in row.items()})
    return grouped


def actor_sources(store: Connection, actor_id: str) -> list[dict[str, Any]]:
    """The imports that asserted this actor or one of its ties, with what each said."""
    return store.execute_read(
        """
        MATCH (n:Entity {id: $id})
        OPTIONAL MATCH (n)-[r]-(:Entity)
        WITH n, collect(r) AS rels
        UNWIND coalesce(n.sources, []) + reduce(acc = [], r IN rels | acc + coalesce(r.sources, [])) AS sid
        WITH n, rels, collect(DISTINCT sid) AS sids
        UNWIND sids AS sid
        MATCH (s:Source {id: sid})
        RETURN s.id AS id, s.file AS file, s.format AS format,
               toString(coalesce(s.lastImportedAt, s.importedAt)) AS importedAt,
               sid IN coalesce(n.sources, []) AS assertedActor,
               size([r IN rels WHERE sid IN coalesce(r.sources, [])]) AS ties
        ORDER BY importedAt DESC, id
        """,
        {"id": actor_id},
    )


_ENGAGEMENT_LOG = """
MATCH (e:Engagement)-[:ABOUT]->(:Entity {id: $id})
RETURN e.id AS id, e.date AS date, e.status AS status, e.note AS note, e.by AS by,
       toString(e.at) AS at
ORDER BY e.date DESC, e.at DESC
"""


def engagement_log_query(actor_id: str) -> tuple[str, dict[str, Any]]:
    return _ENGAGEMENT_LOG, {"id": actor_id}


def engagement_log(store: Connection, actor_id: str) -> list[dict[str, Any]]:
    return store.execute_read(*engagement_log_query(actor_id))


def add_engagement(
    store: Connection, actor_id: str, *, date: str, status: str, note: str, by: str, home_actor: str | None
) -> dict[str, Any]:
    """Record one engagement; returns the actor's latest status afterwards."""
    if status not in ENGAGEMENT_STATUSES:
        raise InputError("status", f"{status!r} is not a status", f"use one of {', '.join(ENGAGEMENT_STATUSES)}")
    try:
        day = dt.date.fromisoformat((date or "").strip())
    except ValueError:
        raise InputError("date", f"{date!r} is not a date", "use YYYY-MM-DD") from None
    note = (note or "").strip()[:4000]
    actor(store, actor_id)  # NotFound
    rows = store.execute_write(
        """
        MATCH (a:Entity {id: $id})
        WITH a, a.engagement AS was
        CREATE (e:Engagement {id: $eid, date: $date, status: $status, note: $note, by: $by, at: datetime()})
        CREATE (e)-[:ABOUT]->(a)
        WITH a, was
        MATCH (l:Engagement)-[:ABOUT]->(a)
        WITH a, was, l ORDER BY l.date DESC, l.at DESC
        WITH a, was, collect(l)[0] AS latest
        SET a.engagement = latest.status
        WITH a, latest, [{kind: 'engagement', by: $by, field: 'engagement', before: was, after: latest.status,
                          detail: $date + ': ' + $status}] AS history
        """
        + RECORD_ON_ACTOR
        + """
        WITH a, latest
        OPTIONAL MATCH (home:Actor {id: $home}) WHERE $home IS NOT NULL AND home <> a
        FOREACH (_ IN CASE WHEN home IS NULL THEN [] ELSE [1] END |
          MERGE (home)-[r:ENGAGED_WITH {key: ''}]->(a)
          SET r.status = latest.status, r.date = latest.date, r.note = latest.note, r.by = latest.by
        )
        WITH DISTINCT a, latest
        """
        + LIGHT_EDIT
        + """
        RETURN latest.status AS status
        """,
        {
            "id": actor_id,
            "eid": uuid.uuid4().hex,
            "date": day.isoformat(),
            "status": status,
            "note": note,
            "by": by,
            "home": home_actor,
        },
    )
    return {"status": rows[0]["status"] if rows else status}


#: Fields an editor may change from the actor page, with their type.
EDITABLE_FIELDS: dict[str, str] = {
    "name": "text",
    "kind": "kind",
    "sphere": "sphere",
    "country": "text",
    "sectors": "list",
    "tags": "list",
    "aliases": "list",
    "influence": "rating",
    "description": "text",
    "url": "url",
}


def coerce_field(name: str, raw: Any) -> Any:
    kind = EDITABLE_FIELDS[name]
    text = raw if isinstance(raw, str) else ("" if raw is None else str(raw))
    text = text.strip()
    if kind == "list":
        items = raw if isinstance(raw, list) else text.replace("\n", ",").split(",")
        return [str(i).strip()[:200] for i in items if str(i).strip()]
    if kind == "kind":
        if text not in ACTOR_KINDS:
            raise InputError("kind", f"{text!r} is not a kind", f"use one of {', '.join(ACTOR_KINDS)}")
        return text
    if kind == "sphere":
        if text not in SPHERES:
            raise InputError("sphere", f"{text!r} is not a sphere", f"use one of {', '.join(SPHERES)}")
        return text
    if kind == "rating":
        rule = RATINGS[name]
        wrong = rule.problem(text)
        if wrong:
            raise InputError(name, wrong, f"rate it {rule.meaning}")
        return rule.parse(text)
    if kind == "url":
        if text and not text.lower().startswith(("http://", "https://")):
            raise InputError("url", f"{text!r} is not a web address", "start it with https://")
        return text[:500] or None
    return text[:4000] or None


def plain_value(value: Any) -> Any:
    """Neo4j temporal values as ISO strings (templates and JSON need plain data)."""
    if isinstance(value, list):
        return [plain_value(v) for v in value]
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value
