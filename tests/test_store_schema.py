"""Constraints and indexes on the real Neo4j: created idempotently, retired ones dropped."""

from __future__ import annotations

from typing import Any

import pytest

from netmap.store.schema import SCHEMA, ensure_schema

pytestmark = pytest.mark.neo4j


def index_names(store: Any) -> set[str]:
    return {row["name"] for row in store.execute_read("SHOW INDEXES YIELD name RETURN name")}


def test_every_merge_key_has_a_uniqueness_constraint_and_a_second_run_changes_nothing(store: Any) -> None:
    constraints = store.execute_read("SHOW CONSTRAINTS YIELD labelsOrTypes, properties RETURN *")
    keys = {(row["labelsOrTypes"][0], row["properties"][0]) for row in constraints}
    assert {("Entity", "id"), ("Country", "code"), ("Sector", "name"), ("Source", "id")} <= keys
    before = index_names(store)
    ensure_schema(store)
    assert index_names(store) == before
    assert len(before) >= len(SCHEMA)


def test_the_retired_text_index_of_earlier_databases_is_dropped(store: Any) -> None:
    store.execute_write("CREATE TEXT INDEX entity_name_lower IF NOT EXISTS FOR (n:Entity) ON (n.nameLower)")
    assert "entity_name_lower" in index_names(store)
    ensure_schema(store)
    assert "entity_name_lower" not in index_names(store)


def test_a_missing_index_is_created_again_while_the_others_stay(store: Any) -> None:
    before = index_names(store)
    store.execute_write("DROP INDEX actor_kind")
    store.execute_write("DROP CONSTRAINT source_id")
    assert not {"actor_kind", "source_id"} & index_names(store)
    ensure_schema(store)
    assert index_names(store) == before


def test_every_statement_names_what_it_creates_or_drops() -> None:
    from netmap.store.schema import RETIRED, _name

    assert _name(SCHEMA[0]) == "entity_id" and _name(RETIRED[0]) == "entity_name_lower"
    assert len({_name(statement) for statement in SCHEMA}) == len(SCHEMA)
