"""The two write paths of netmap.store.writes on the real Neo4j: CREATE for new facts, MERGE for the rest."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import wipe
from netmap.importers.gleif import GleifImporter
from netmap.importers.hxl import HxlImporter
from netmap.importers.iati import IatiImporter
from netmap.importers.orgs import OrgsImporter
from netmap.importers.sheet import SheetImporter

from netmap.ingest import batch_writer as ingest
from netmap.ingest.pipeline import run_import
from netmap.model import Actor, Relationship
from netmap.sample import sample_files
from netmap.store import writes

pytestmark = pytest.mark.neo4j
REAL = Path(__file__).parent / "data" / "real"
TIMES = ("firstSeen", "lastSeen", "importedAt", "lastImportedAt", "created")


def graph(store: Any) -> tuple[list[Any], list[Any]]:
    """Every node and tie with labels, type and properties; run times left out (two runs differ there)."""

    def timeless(props: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in props.items() if k not in TIMES}

    nodes = store.execute_read(
        "MATCH (n) RETURN coalesce(n.id, n.code, n.name) AS key, labels(n) AS labels, properties(n) AS p"
    )
    ties = store.execute_read(
        "MATCH (a)-[r]->(b) RETURN coalesce(a.id, a.code, a.name) AS a, type(r) AS t,"
        " coalesce(b.id, b.code, b.name) AS b, properties(r) AS p"
    )
    return (
        sorted((n["key"], sorted(n["labels"]), timeless(n["p"])) for n in nodes),
        sorted((t["a"], t["t"], t["b"], sorted(timeless(t["p"]).items())) for t in ties),
    )


def import_everything(store: Any) -> None:
    """Every importer, one after the other: the later ones meet what the earlier ones wrote."""
    run_import(store, SheetImporter(sample_files()))
    run_import(store, OrgsImporter([REAL / "org-lists" / "hdx-hapi-organisations-global.csv"]))
    run_import(
        store,
        IatiImporter(
            [
                REAL / "iati" / "iom-activity-XM-DAC-47066-DP.2154_v2.03.xml",
                REAL / "iati" / "iati-activity-standard-example-annotated_v2.03.xml",
                REAL / "iati" / "iati-organisation-standard-example-annotated_v2.03.xml",
            ]
        ),
    )
    run_import(store, HxlImporter([REAL / "hxl-3w" / "unhcr-3w-2014_hxl.csv"]))
    run_import(store, GleifImporter(sorted((REAL / "gleif").iterdir())))


def test_create_and_merge_paths_leave_the_same_graph(store: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    created: list[int] = []
    created_ties: list[int] = []
    real_split, real_write = ingest.NewFacts.split, writes.PreparedBatch.write

    def counting_split(self: Any, batch: list[Any]) -> tuple[list[Any], list[Any]]:
        new, known = real_split(self, batch)
        created.append(len(new))
        return new, known

    def counting_write(self: Any, store: Any) -> dict[str, int]:
        created_ties.append(len(self.new_ties))
        return real_write(self, store)

    monkeypatch.setattr(ingest.NewFacts, "split", counting_split)
    monkeypatch.setattr(writes.PreparedBatch, "write", counting_write)
    import_everything(store)
    with_create = graph(store)
    assert sum(created) > 1000, "most of a first import takes the CREATE path"
    assert sum(created_ties) > 200, "ties between new entities are created by their ends' element ids"

    wipe(store)
    monkeypatch.setattr(ingest.NewFacts, "split", lambda self, batch: ([], list(batch)))
    import_everything(store)
    with_merge = graph(store)
    assert differences(with_create, with_merge) == []
    assert with_merge == with_create
    assert len(with_create[0]) > 1000 and len(with_create[1]) > 1000


def differences(one: tuple[list[Any], list[Any]], other: tuple[list[Any], list[Any]]) -> list[Any]:
    """The first few nodes or ties that differ, with the properties that differ (a readable failure)."""

    def identity(item: Any) -> str:  # a node's key; a tie's ends, type and key (parallel ties differ by key)
        return repr((item[:-1], dict(item[-1]).get("key")))

    found = []
    for mine, theirs in zip(one, other, strict=True):
        by_key = {identity(item): item for item in theirs}
        for item in mine:
            other_item = by_key.get(identity(item))
            if other_item is None:
                found.append(("only in the first", item))
            elif other_item != item:
                a, b = dict(item[-1]), dict(other_item[-1])
                found.append((item[:-1], {k: (a.get(k), b.get(k)) for k in sorted({*a, *b}) if a.get(k) != b.get(k)}))
        if len(theirs) != len(mine):
            found.append(("counts", len(mine), len(theirs)))
    return found[:5]


def test_created_facts_carry_their_source_and_first_and_last_seen(store: Any) -> None:
    run_import(store, SheetImporter(sample_files()))
    source = store.execute_read("MATCH (s:Source) RETURN s.id AS id, s.importedAt AS at")[0]
    stale = store.execute_read(
        "MATCH (n:Entity) WHERE n.sources <> [$id] OR n.firstSeen <> $at OR n.lastSeen <> $at RETURN count(n) AS n",
        source,
    )
    assert stale[0]["n"] == 0
    stale_ties = store.execute_read(
        "MATCH ()-[r]->() WHERE r.sources <> [$id] OR r.firstSeen <> $at OR r.lastSeen <> $at RETURN count(r) AS n",
        source,
    )
    assert stale_ties[0]["n"] == 0


def test_a_new_record_another_writer_created_meanwhile_is_merged_not_duplicated(store: Any) -> None:
    first = Actor(id="tbb", name="Talent Beyond Boundaries", kind="NGO", country="USA")
    writes.write_batch(store, [], "s1", "2026-01-01T00:00:00+00:00", new=[first])
    again = Actor(id="tbb", name="Talent Beyond Boundaries", kind="NGO", country="CAN", influence=4)
    written = writes.write_batch(store, [], "s2", "2026-02-01T00:00:00+00:00", new=[again])
    assert written.written["actors"] == 1 and written.element_ids == {}
    rows = store.execute_read(
        "MATCH (a:Actor {id: 'tbb'}) OPTIONAL MATCH (a)-[:OPERATES_IN]->(c)"
        " RETURN a.influence AS i, a.sources AS s, a.firstSeen AS f, collect(c.code) AS c"
    )
    assert rows == [{"i": 4, "s": ["s1", "s2"], "f": "2026-01-01T00:00:00+00:00", "c": ["CAN", "USA"]}]


def test_a_new_tie_whose_end_was_deleted_meanwhile_is_merged_by_id(store: Any) -> None:
    actors = [Actor(id=i, name=i.upper(), kind="NGO") for i in ("a", "b", "gone")]
    elements = writes.write_batch(store, [], "s", "t", new=actors).element_ids
    assert sorted(elements) == ["a", "b", "gone"]
    store.execute_write("MATCH (n:Entity {id: 'gone'}) DETACH DELETE n")
    stale = {"a": elements["a"], "b": elements["gone"]}  # b's element id as another writer left it
    tie = Relationship(source="a", target="b", type="PARTNERS_WITH", strength=3)
    written = writes.write_batch(store, [], "s", "t", new=[tie], elements=stale)
    assert written.written["relationships"] == 1
    rows = store.execute_read("MATCH (a)-[r:PARTNERS_WITH]->(b) RETURN a.id AS a, b.id AS b, r.strength AS s")
    assert rows == [{"a": "a", "b": "b", "s": 3}]


def test_labels_and_types_outside_the_vocabulary_are_never_sent(store: Any) -> None:
    with pytest.raises(ValueError, match="not in the vocabulary"):
        writes.write_batch(store, [], "s", "t", new=[Actor(id="x", name="X", kind="NGO`:Admin")])
    rel = Relationship(source="a", target="b", type="FUNDS]->() DETACH DELETE (")
    with pytest.raises(ValueError, match="not in the vocabulary"):
        writes.write_batch(store, [], "s", "t", new=[rel], elements={"a": "4:x:1", "b": "4:x:2"})
    with pytest.raises(ValueError, match="not in the vocabulary"):
        writes.write_batch(store, [rel], "s", "t")
    assert store.execute_read("MATCH (n) RETURN count(n) AS n")[0]["n"] == 0


def test_a_batch_parameter_is_the_list_it_holds_but_shows_only_its_length() -> None:
    rows = writes.Rows([{"id": "a", "props": {"name": "A" * 1000}}, {"id": "b"}])
    assert rows == [{"id": "a", "props": {"name": "A" * 1000}}, {"id": "b"}]
    assert repr(rows) == "<2 rows>"
    assert repr({"rows": rows, "seen": "t"}) == "{'rows': <2 rows>, 'seen': 't'}"


def test_a_new_tie_row_holds_the_merge_rows_properties_with_ends_swapped_the_same_way() -> None:
    ties = [
        Relationship("b", "a", "PARTNERS_WITH", strength=3, since="2020", illustrative=True),
        Relationship("a", "b", "FUNDS", key="EUR:2021", amount=0.0, currency="EUR", properties={"grantCode": "G-1"}),
        Relationship("b", "a", "MEMBER_OF", type_raw="member", properties={"note": "stale", "illustrative": True}),
        Relationship("a", "b", "IMPLEMENTS", note="", properties={"empty": "", "none": None, "kept": [1]}),
    ]
    elements = {"a": "4:db:1", "b": "4:db:2"}
    for rel in ties:
        merged = writes.relationship_row(rel)
        assert writes.new_tie_row(rel, elements) == [
            elements[merged["source"]],
            elements[merged["target"]],
            rel.type,
            merged["key"],
            merged["props"],
        ], rel
