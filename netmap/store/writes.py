"""Batched ``UNWIND $rows AS row MERGE ...`` writes of import records, with provenance.

Every node and relationship written records the ``:Source`` that asserted it (``sources``, a list of
source ids) and when it was first and last asserted (``firstSeen``, ``lastSeen``: the time the source's
content was first imported, so re-importing an unchanged file leaves every property as it was).
Labels and relationship types come from the fixed vocabulary in :mod:`netmap.model`, never from input.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from netmap.model import ACTOR_KINDS, REL_TYPES, UNDIRECTED_TYPES, Actor, Initiative, Relationship, SourceInfo

if TYPE_CHECKING:
    from netmap.store.connection import Store

_ALL_KIND_LABELS = ":".join(ACTOR_KINDS)
_ADD_SOURCE = (
    "CASE WHEN $source IN coalesce({v}.sources, []) THEN {v}.sources ELSE coalesce({v}.sources, []) + $source END"
)


def _union(var: str, prop: str, expr: str) -> str:
    return (
        f"{var}.{prop} = reduce(acc = coalesce({var}.{prop}, []), x IN {expr} | "
        "CASE WHEN x IN acc THEN acc ELSE acc + x END)"
    )


_ACTOR_TAIL = f"""
SET a.aliasText = reduce(s = '', x IN a.aliases | s + ' ' + x), a.nameLower = toLower(a.name)
WITH a, row
CALL (a, row) {{
  WITH a, row WHERE row.country IS NOT NULL
  MERGE (c:Country {{code: row.country}})
  MERGE (a)-[r:OPERATES_IN {{key: ''}}]->(c)
  ON CREATE SET r.firstSeen = $seen
  SET r.lastSeen = $seen, r.sources = {_ADD_SOURCE.format(v="r")}
}}
CALL (a, row) {{
  UNWIND row.sectors AS sector
  MERGE (s:Sector {{name: sector}})
  MERGE (a)-[r:IN_SECTOR {{key: ''}}]->(s)
  ON CREATE SET r.firstSeen = $seen
  SET r.lastSeen = $seen, r.sources = {_ADD_SOURCE.format(v="r")}
}}
RETURN count(*) AS n
"""
_ACTOR_UNIONS = (
    f"{_union('a', 'sectors', 'row.sectors')}, {_union('a', 'tags', 'row.tags')}, "
    f"{_union('a', 'aliases', 'row.aliases')}"
)

#: An actor whose source states its kind: the kind (and its label) and name are the source's.
_ACTOR_QUERIES = {
    kind: f"""
UNWIND $rows AS row
MERGE (a:Entity {{id: row.id}})
ON CREATE SET a.firstSeen = $seen
REMOVE a:Programme:Forum:{_ALL_KIND_LABELS}
SET a:Actor:{kind}, a += row.props, a.lastSeen = $seen, a.sources = {_ADD_SOURCE.format(v="a")}, {_ACTOR_UNIONS}
"""
    + _ACTOR_TAIL
    for kind in ACTOR_KINDS
}

#: An actor a source only mentions (no kind stated, a stub, a reference-list entry): it adds what it
#: knows but never overwrites the name or kind another source gave.
_WEAK_ACTOR_QUERY = (
    f"""
UNWIND $rows AS row
MERGE (a:Entity {{id: row.id}})
ON CREATE SET a.firstSeen = $seen, a:Other, a.kind = 'Other'
SET a:Actor, a += row.props, a.lastSeen = $seen, a.sources = {_ADD_SOURCE.format(v="a")}, {_ACTOR_UNIONS},
    a.name = coalesce(a.name, row.name), a.sphere = coalesce(a.sphere, row.sphere)
"""
    + _ACTOR_TAIL
)


def is_weak(actor: Actor) -> bool:
    """True when the record only mentions the actor: its name and kind must not replace known ones."""
    return (actor.kind == "Other" and actor.kind_raw is None) or bool(
        actor.properties.get("gleif_stub") or actor.properties.get("reference_list")
    )


_INITIATIVE_QUERIES = {
    label: f"""
UNWIND $rows AS row
MERGE (p:Entity {{id: row.id}})
ON CREATE SET p.firstSeen = $seen
REMOVE p:Actor:{"Forum" if label == "Programme" else "Programme"}:{_ALL_KIND_LABELS}
SET p:{label}, p += row.props, p.lastSeen = $seen, p.sources = {_ADD_SOURCE.format(v="p")},
    {_union("p", "sectors", "row.sectors")}, {_union("p", "countries", "row.countries")}
SET p.nameLower = toLower(p.name)
WITH p, row
CALL (p, row) {{
  UNWIND row.countries AS code
  MERGE (c:Country {{code: code}})
  MERGE (p)-[r:OPERATES_IN {{key: ''}}]->(c)
  ON CREATE SET r.firstSeen = $seen
  SET r.lastSeen = $seen, r.sources = {_ADD_SOURCE.format(v="r")}
}}
RETURN count(*) AS n
"""
    for label in ("Programme", "Forum")
}

_REL_QUERIES = {
    rel_type: f"""
UNWIND $rows AS row
MATCH (a:Entity {{id: row.source}})
MATCH (b:Entity {{id: row.target}})
MERGE (a)-[r:{rel_type} {{key: row.key}}]->(b)
ON CREATE SET r.firstSeen = $seen
SET r += row.props, r.lastSeen = $seen, r.sources = {_ADD_SOURCE.format(v="r")}
RETURN count(r) AS n
"""
    for rel_type in REL_TYPES
}


def _clean(props: dict[str, Any]) -> dict[str, Any]:
    """Drop empty values: a source that says nothing about a field leaves it as other sources set it."""
    return {k: v for k, v in props.items() if v is not None and v != "" and v != [] and v != ()}


def actor_row(actor: Actor) -> dict[str, Any]:
    weak = is_weak(actor)
    props = dict(actor.properties)
    props.update(
        name=actor.name,
        kind=actor.kind,
        kindRaw=actor.kind_raw,
        sphere=actor.effective_sphere(),
        sphereSet=actor.sphere is not None,
        country=actor.country,
        countryRaw=actor.country_raw,
        influence=actor.influence,
        engagement=actor.engagement,
        description=actor.description,
        url=actor.url,
        iati=actor.iati,
        lei=actor.lei,
        wikidata=actor.wikidata,
        hdx=actor.hdx,
        illustrative=actor.illustrative or None,
    )
    if weak:
        for key in ("name", "kind", "sphere", "sphereSet"):
            props.pop(key)
    return {
        "id": actor.id,
        "props": _clean(props),
        "country": actor.country,
        "name": actor.name,
        "sphere": actor.effective_sphere(),
        "sectors": list(actor.sectors),
        "tags": list(actor.tags),
        "aliases": list(actor.aliases),
    }


def initiative_row(item: Initiative) -> dict[str, Any]:
    props = dict(item.properties)
    props.update(
        name=item.name,
        description=item.description,
        url=item.url,
        iati=item.iati,
        illustrative=item.illustrative or None,
    )
    return {"id": item.id, "props": _clean(props), "sectors": list(item.sectors), "countries": list(item.countries)}


def relationship_row(rel: Relationship) -> dict[str, Any]:
    source, target = rel.source, rel.target
    if rel.type in UNDIRECTED_TYPES and target < source:
        source, target = target, source
    props = dict(rel.properties)
    props.update(
        typeRaw=rel.type_raw,
        strength=rel.strength,
        since=rel.since,
        until=rel.until,
        amount=rel.amount,
        currency=rel.currency,
        note=rel.note,
        illustrative=rel.illustrative or None,
    )
    return {"source": source, "target": target, "key": rel.key, "props": _clean(props)}


def begin_source(store: Store, source: SourceInfo) -> str:
    """Record the import run; returns the time that stamps every fact it asserts."""
    now = datetime.now(UTC).isoformat(timespec="seconds")
    rows = store.execute_write(
        """
        MERGE (s:Source {id: $id})
        ON CREATE SET s.importedAt = $now, s.runs = 0
        SET s.file = $file, s.format = $format, s.sha256 = $sha256, s.url = $url,
            s.lastImportedAt = $now, s.runs = s.runs + 1, s.status = 'running'
        RETURN s.importedAt AS seen
        """,
        {
            "id": source.id,
            "now": now,
            "file": source.file,
            "format": source.format,
            "sha256": source.sha256,
            "url": source.url,
        },
    )
    return str(rows[0]["seen"])


def finish_source(store: Store, source: SourceInfo, counts: dict[str, int]) -> None:
    store.execute_write(
        "MATCH (s:Source {id: $id}) SET s += $counts, s.status = 'complete'",
        {"id": source.id, "counts": counts},
    )


def write_batch(
    store: Store, records: Sequence[Actor | Initiative | Relationship], source_id: str, seen: str
) -> dict[str, int]:
    """Write one batch in one transaction: nodes first, then the ties between them."""
    actors: dict[str, list[dict[str, Any]]] = defaultdict(list)
    initiatives: dict[str, list[dict[str, Any]]] = defaultdict(list)
    rels: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for record in records:
        if isinstance(record, Actor):
            actors["" if is_weak(record) else record.kind].append(actor_row(record))
        elif isinstance(record, Initiative):
            initiatives[record.label].append(initiative_row(record))
        else:
            rels[record.type].append(relationship_row(record))
    written = {"actors": 0, "initiatives": 0, "relationships": 0}
    params = {"source": source_id, "seen": seen}

    def work(tx: Any) -> None:
        written.update(actors=0, initiatives=0, relationships=0)  # a retried transaction counts afresh
        for kind, rows in sorted(actors.items()):
            tx.run(_ACTOR_QUERIES[kind] if kind else _WEAK_ACTOR_QUERY, rows=rows, **params).consume()
            written["actors"] += len(rows)
        for label, rows in sorted(initiatives.items()):
            tx.run(_INITIATIVE_QUERIES[label], rows=rows, **params).consume()
            written["initiatives"] += len(rows)
        for rel_type, rows in sorted(rels.items()):
            tx.run(_REL_QUERIES[rel_type], rows=rows, **params).consume()
            written["relationships"] += len(rows)

    with store.session() as session:
        session.execute_write(work)
    return written
