"""Batched ``UNWIND $rows AS row MERGE ...`` writes of import records, with provenance.

Every node and relationship written records the ``:Source`` that asserted it (``sources``, a list of
source ids) and when it was first and last asserted (``firstSeen``, ``lastSeen``: the time the source's
content was first imported, so re-importing an unchanged file leaves every property as it was).
Labels and relationship types come from the fixed vocabulary in :mod:`netmap.model`, never from input.

Two ways to write: records the caller knows to be new to the database (an id no entity has; a tie
between two entities this import created, first of its kind) are written with ``CREATE`` and a few
small query plans; everything else goes through ``MERGE`` with the provenance and label rules below.
Both give the same nodes, labels and properties (a test compares them); ``CREATE`` skips the lookups,
label removals and list unions that a first write does not need, which is most of an import's cost.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from neo4j.exceptions import ConstraintError

from netmap.model import ACTOR_KINDS, REL_TYPES, UNDIRECTED_TYPES, Actor, Initiative, Relationship, SourceInfo

if TYPE_CHECKING:
    from netmap.store.connection import Connection

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
        actor.properties.get("gleif_stub") or actor.properties.get("reference_list") or _mention_with_kind(actor)
    )


def _mention_with_kind(actor: Actor) -> bool:
    """A mention that knows what the actor is (a country's government, an IGO of a membership list):
    created with its kind when missing, and still never renaming or re-kinding an actor it lands on."""
    return bool(actor.properties.get("governmentOf") or actor.properties.get("membership_list"))


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


#: New entities: labels are parameters (``$(...)``) checked against the vocabulary before they are sent,
#: so one plan serves every kind; the ties to countries and sectors are created, their targets merged
#: beforehand in a transaction of their own (:func:`ensure_places`), so concurrent batches never wait
#: for each other to commit a country.
#:
#: These queries and :data:`_NEW_TIES` keep their cached plan however much the database has grown or
#: shrunk since (``replan=skip``): their plans (unwind, create, unique-index and element-id seeks) do
#: not depend on the data's statistics, and replanning them, which the server otherwise does at an
#: import's first batch once the node count has changed a lot (a first import, or one after a reset),
#: cost about 0.1 s of server time before anything was written. A schema change still clears the cache.
_REPLAN_SKIP = "CYPHER replan=skip"
_NEW_PLACES = (
    _REPLAN_SKIP
    + """
UNWIND $countries AS code MERGE (:Country {code: code})
WITH count(*) AS done
UNWIND $sectors AS name MERGE (:Sector {name: name})
RETURN count(*) AS n
"""
)
_NEW_ENTITIES = (
    _REPLAN_SKIP
    + """
UNWIND $rows AS row
CREATE (a:Entity {id: row.id})
SET a:$(row.labels), a += row.props, a.firstSeen = $seen, a.lastSeen = $seen, a.sources = [$source],
    a.nameLower = toLower(a.name)
WITH a, row
CALL (a, row) {
  UNWIND row.countries AS code
  MATCH (c:Country {code: code})
  CREATE (a)-[:OPERATES_IN {key: '', firstSeen: $seen, lastSeen: $seen, sources: [$source]}]->(c)
}
CALL (a, row) {
  UNWIND row.inSectors AS sector
  MATCH (s:Sector {name: sector})
  CREATE (a)-[:IN_SECTOR {key: '', firstSeen: $seen, lastSeen: $seen, sources: [$source]}]->(s)
}
RETURN row.id AS id, elementId(a) AS element
"""
)
#: New ties between entities this run created, found by the element ids their CREATE returned (a
#: direct lookup, about a fifth of a 100k-actor import's tie writing faster than the id index). Rows
#: are lists ``[start element id, end element id, type, key, properties]``; the provenance, the same
#: for every tie, is sent once. Should an end have been deleted meanwhile, fewer ties than rows are
#: created: the batch is rolled back and merged by id instead.
_NEW_TIES = (
    _REPLAN_SKIP
    + """
UNWIND $rows AS row
MATCH (a:Entity) WHERE elementId(a) = row[0]
MATCH (b:Entity) WHERE elementId(b) = row[1]
CREATE (a)-[r:$(row[2])]->(b)
SET r = row[4], r.key = row[3], r.firstSeen = $seen, r.lastSeen = $seen, r.sources = [$source]
RETURN count(r) AS n
"""
)


class Rows(list[Any]):
    """A batch's rows as a query parameter: sent as the list it is, shown as its length.

    The driver renders every query's parameters for its debug log before it checks whether anything
    logs at that level; for a batch of 5,000 rows that text cost about as much as packing the rows
    for the wire (a tenth of a 10k-actor import's time in Python), and no one reads it.
    """

    __slots__ = ()

    def __repr__(self) -> str:
        return f"<{len(self):,} rows>"


class _EndMissing(Exception):
    """A new tie's end was not found by its element id (deleted by another writer during the import)."""


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


def new_actor_row(actor: Actor) -> dict[str, Any]:
    """The row :data:`_NEW_ENTITIES` creates: what the MERGE of a first mention would leave."""
    row = actor_row(actor)
    props = row["props"]
    kind = actor.kind
    if kind not in ACTOR_KINDS:
        raise ValueError(f"actor kind {kind!r} is not in the vocabulary")
    if is_weak(actor):  # ON CREATE of a mention: kind Other (unless it knows its kind), its name and sphere
        kind = actor.kind if _mention_with_kind(actor) else "Other"
        props.update(_clean({"kind": kind, "name": actor.name, "sphere": actor.effective_sphere()}))
    aliases = _unique(row["aliases"])
    props.update(sectors=_unique(row["sectors"]), tags=_unique(row["tags"]), aliases=aliases)
    props["aliasText"] = "".join(" " + alias for alias in aliases)
    return {
        "id": row["id"],
        "labels": ["Actor", kind],
        "props": props,
        "countries": [actor.country] if actor.country is not None else [],
        "inSectors": props["sectors"],
    }


def new_initiative_row(item: Initiative) -> dict[str, Any]:
    row = initiative_row(item)
    label = item.label
    if label not in ("Programme", "Forum"):
        raise ValueError(f"initiative label {label!r} is not in the vocabulary")
    countries = _unique(row["countries"])
    row["props"].update(sectors=_unique(row["sectors"]), countries=countries)
    return {"id": row["id"], "labels": [label], "props": row["props"], "countries": countries, "inSectors": []}


def new_tie_row(rel: Relationship, elements: dict[str, str]) -> list[Any]:
    """The row :data:`_NEW_TIES` creates; ``elements`` maps the ends' ids to their element ids.

    The properties :func:`relationship_row` gives, built without its intermediate dictionaries: an
    import builds one row per tie, and this was most of the Python time of its write phase.
    """
    rel_type = rel.type
    if rel_type not in REL_TYPES:
        raise ValueError(f"relationship type {rel_type!r} is not in the vocabulary")
    source, target = rel.source, rel.target
    if rel_type in UNDIRECTED_TYPES and target < source:
        source, target = target, source
    props = _clean(rel.properties) if rel.properties else {}
    for name, value in (
        ("typeRaw", rel.type_raw),
        ("strength", rel.strength),
        ("since", rel.since),
        ("until", rel.until),
        ("amount", rel.amount),
        ("currency", rel.currency),
        ("note", rel.note),
    ):
        if value is not None and value != "":
            props[name] = value
        elif props:
            props.pop(name, None)  # the field wins over a property of its name, as in relationship_row
    if rel.illustrative:
        props["illustrative"] = True
    elif props:
        props.pop("illustrative", None)
    return [elements[source], elements[target], rel_type, rel.key, props]


def tie_identity(rel: Relationship) -> tuple[str, str, str, str]:
    """What makes a tie one fact: type, endpoints (sorted for undirected types) and key."""
    source, target = rel.source, rel.target
    if rel.type in UNDIRECTED_TYPES and target < source:
        source, target = target, source
    return rel.type, source, target, rel.key


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
    _, source, target, _ = tie_identity(rel)
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


def begin_source(store: Connection, source: SourceInfo) -> str:
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


def ensure_places(store: Connection, countries: Iterable[str], sectors: Iterable[str]) -> None:
    """The ``:Country`` and ``:Sector`` nodes of these codes and names, merged in one transaction."""
    store.execute_write(_NEW_PLACES, {"countries": sorted(countries), "sectors": sorted(sectors)})


def finish_source(store: Connection, source: SourceInfo, counts: dict[str, int]) -> None:
    store.execute_write(
        "MATCH (s:Source {id: $id}) SET s += $counts, s.status = 'complete'",
        {"id": source.id, "counts": counts},
    )


def fail_source(store: Connection, source: SourceInfo, reason: str) -> None:
    """Mark the run failed with its reason (``netmap sources`` shows it), so it does not stay "running"."""
    store.execute_write(
        "MATCH (s:Source {id: $id}) SET s.status = 'failed', s.failure = $reason",
        {"id": source.id, "reason": reason[:2000]},
    )


#: Undoing a run, in batches: ties and entities only it asserted are deleted; from what other sources
#: assert too, its id is taken out of ``sources``.
_UNDO = (
    "MATCH ()-[r]->() WHERE r.sources = [$source] WITH r LIMIT $batch DELETE r RETURN count(*) AS n",
    "MATCH ()-[r]->() WHERE $source IN r.sources WITH r LIMIT $batch"
    " SET r.sources = [s IN r.sources WHERE s <> $source] RETURN count(*) AS n",
    "MATCH (e:Entity) WHERE e.sources = [$source] WITH e LIMIT $batch DETACH DELETE e RETURN count(*) AS n",
    "MATCH (e:Entity) WHERE $source IN e.sources WITH e LIMIT $batch"
    " SET e.sources = [s IN e.sources WHERE s <> $source] RETURN count(*) AS n",
)


def remove_source_writes(store: Connection, source_id: str, batch_size: int = 10_000) -> dict[str, int]:
    """Take back what the run ``source_id`` wrote (a write phase that stopped): the ties and actors or
    programmes that only it asserted are deleted, and its id leaves the ``sources`` of the rest. Values it
    changed on actors other sources had already written stay as it left them. Returns what was removed.
    """
    removed = {"ties": 0, "ties untagged": 0, "entities": 0, "entities untagged": 0}
    for name, query in zip(removed, _UNDO, strict=True):
        while True:
            rows = store.execute_write(query, {"source": source_id, "batch": batch_size})
            count = int(rows[0]["n"]) if rows else 0
            removed[name] += count
            if count < batch_size:
                break
    if removed["entities"] or removed["ties"]:
        store.execute_write("MERGE (m:NetmapMeta {key: 'data'}) SET m.version = coalesce(m.version, 0) + 1")
    return removed


def write_batch(
    store: Connection,
    records: Sequence[Actor | Initiative | Relationship],
    source_id: str,
    seen: str,
    new: Sequence[Actor | Initiative | Relationship] = (),
    elements: dict[str, str] | None = None,
) -> PreparedBatch:
    """Write one batch in one transaction: nodes first, then the ties between them.

    ``new`` holds records the caller knows the database lacks (see the module notes); they are created
    before ``records`` are merged. A new tie is created only when ``elements`` holds the element ids
    of both its ends (returned by the batch that created them); otherwise it is merged.
    Returns the written batch: its counts and the element ids of the entities it created.
    """
    batch = PreparedBatch(records, new, source_id, seen, elements)
    rows = batch.new_nodes
    ensure_places(store, {c for row in rows for c in row["countries"]}, {s for row in rows for s in row["inSectors"]})
    batch.write(store)
    return batch


class PreparedBatch:
    """One batch turned into query parameters (the Python half of a write, done ahead of the database).

    :meth:`write` sends it in one transaction. Should a record of ``new`` exist after all (another
    writer got there first), the uniqueness constraint refuses the CREATE; should a new tie's end be
    gone, fewer ties are created than sent. Either way the whole batch is written again with MERGE.
    After a write, :attr:`written` counts what was written and :attr:`element_ids` maps the id of
    each entity the batch created to its element id.
    """

    def __init__(
        self,
        records: Sequence[Actor | Initiative | Relationship],
        new: Sequence[Actor | Initiative | Relationship],
        source_id: str,
        seen: str,
        elements: dict[str, str] | None = None,
    ) -> None:
        elements = elements or {}
        self.actors: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self.initiatives: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self.rels: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self.new_nodes: list[dict[str, Any]] = []
        self.new_ties: list[list[Any]] = []
        created: list[Actor | Initiative | Relationship] = []
        merged = list(records)
        for record in new:
            if isinstance(record, Actor):
                self.new_nodes.append(new_actor_row(record))
            elif isinstance(record, Initiative):
                self.new_nodes.append(new_initiative_row(record))
            elif record.source in elements and record.target in elements:
                self.new_ties.append(new_tie_row(record, elements))
            else:
                merged.append(record)
                continue
            created.append(record)
        for record in merged:
            if isinstance(record, Actor):
                self.actors["" if is_weak(record) else record.kind].append(actor_row(record))
            elif isinstance(record, Initiative):
                self.initiatives[record.label].append(initiative_row(record))
            elif record.type in REL_TYPES:
                self.rels[record.type].append(relationship_row(record))
            else:
                raise ValueError(f"relationship type {record.type!r} is not in the vocabulary")
        self.records, self.new = merged, created
        self.params = {"source": source_id, "seen": seen}
        self.written = {"actors": 0, "initiatives": 0, "relationships": 0}
        self.element_ids: dict[str, str] = {}

    def write(self, store: Connection) -> dict[str, int]:
        """Write the batch; the countries and sectors of its new entities exist already (:func:`ensure_places`)."""
        with store.session() as session:
            try:
                store.run_transaction(session, self._work, write=True)
            except (ConstraintError, _EndMissing):
                if not self.new:
                    raise
                again = PreparedBatch([*self.new, *self.records], (), self.params["source"], self.params["seen"])
                store.run_transaction(session, again._work, write=True)
                self.written, self.element_ids = again.written, {}
        return self.written

    def _work(self, tx: Any) -> None:
        written = self.written
        written.update(actors=0, initiatives=0, relationships=0)  # a retried transaction counts afresh
        self.element_ids = {}
        if self.new_nodes:
            self.element_ids = dict(tx.run(_NEW_ENTITIES, rows=Rows(self.new_nodes), **self.params).values())
            for row in self.new_nodes:
                written["actors" if row["labels"][0] == "Actor" else "initiatives"] += 1
        for kind, rows in sorted(self.actors.items()):
            tx.run(_ACTOR_QUERIES[kind] if kind else _WEAK_ACTOR_QUERY, rows=Rows(rows), **self.params).consume()
            written["actors"] += len(rows)
        for label, rows in sorted(self.initiatives.items()):
            tx.run(_INITIATIVE_QUERIES[label], rows=Rows(rows), **self.params).consume()
            written["initiatives"] += len(rows)
        if self.new_ties:
            created = tx.run(_NEW_TIES, rows=Rows(self.new_ties), **self.params).single(strict=True)["n"]
            if created != len(self.new_ties):
                raise _EndMissing(f"{len(self.new_ties) - created} tie(s) of the batch lost an end")
            written["relationships"] += len(self.new_ties)
        for rel_type, rows in sorted(self.rels.items()):
            tx.run(_REL_QUERIES[rel_type], rows=Rows(rows), **self.params).consume()
            written["relationships"] += len(rows)
