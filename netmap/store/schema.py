"""Constraints and indexes: created idempotently the first time a store is used for writing."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from netmap.store.connection import Connection

#: Every MERGE key is backed by a uniqueness constraint; external ids are unique where present.
SCHEMA: tuple[str, ...] = (
    "CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT actor_iati IF NOT EXISTS FOR (n:Actor) REQUIRE n.iati IS UNIQUE",
    "CREATE CONSTRAINT actor_lei IF NOT EXISTS FOR (n:Actor) REQUIRE n.lei IS UNIQUE",
    "CREATE CONSTRAINT actor_wikidata IF NOT EXISTS FOR (n:Actor) REQUIRE n.wikidata IS UNIQUE",
    "CREATE CONSTRAINT actor_hdx IF NOT EXISTS FOR (n:Actor) REQUIRE n.hdx IS UNIQUE",
    "CREATE CONSTRAINT country_code IF NOT EXISTS FOR (n:Country) REQUIRE n.code IS UNIQUE",
    "CREATE CONSTRAINT sector_name IF NOT EXISTS FOR (n:Sector) REQUIRE n.name IS UNIQUE",
    "CREATE CONSTRAINT source_id IF NOT EXISTS FOR (n:Source) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT review_item_id IF NOT EXISTS FOR (n:ReviewItem) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT stewardship_actor IF NOT EXISTS FOR (n:Stewardship) REQUIRE n.actor IS UNIQUE",
    "CREATE CONSTRAINT introduction_id IF NOT EXISTS FOR (n:Introduction) REQUIRE n.id IS UNIQUE",
    "CREATE INDEX entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name)",
    "CREATE INDEX actor_kind IF NOT EXISTS FOR (n:Actor) ON (n.kind)",
    "CREATE INDEX actor_engagement IF NOT EXISTS FOR (n:Actor) ON (n.engagement)",
    "CREATE INDEX change_actor_at IF NOT EXISTS FOR (h:Change) ON (h.actorId, h.at)",
    "CREATE INDEX change_at IF NOT EXISTS FOR (h:Change) ON (h.at)",
    "CREATE INDEX change_id IF NOT EXISTS FOR (h:Change) ON (h.id)",
)

#: Indexes earlier versions created and nothing uses any more. The text index on ``nameLower``: search
#: matches aliases in the same query, so it scans the entities anyway (65 ms at 100k entities), while
#: keeping that Lucene index up to date cost a 100k-actor import about a sixth of its time.
RETIRED: tuple[str, ...] = ("DROP INDEX entity_name_lower IF EXISTS",)


def _name(statement: str) -> str:
    """The constraint or index a statement names (``CREATE CONSTRAINT entity_id IF NOT EXISTS ...``)."""
    words = statement.split()
    return words[words.index("IF") - 1]


def ensure_schema(store: Connection) -> None:
    """Create what is missing and drop what is retired; one query when the schema is already in place.

    (Every constraint is backed by an index of its name, so the index list shows both.)
    """
    with store.session() as session:
        states = {row["name"]: row["state"] for row in session.run("SHOW INDEXES YIELD name, state RETURN name, state")}
        online = {name for name, state in states.items() if state == "ONLINE"}
        if {_name(s) for s in SCHEMA} <= online and not states.keys() & {_name(s) for s in RETIRED}:
            return
        for statement in (*SCHEMA, *RETIRED):
            session.run(statement).consume()
        session.run("CALL db.awaitIndexes(60)").consume()


def ensure_schema_once(store: Connection) -> None:
    """:func:`ensure_schema` the first time for a connection; nothing after that."""
    if not store.schema_ready:
        ensure_schema(store)
        store.schema_ready = True
