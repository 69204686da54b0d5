"""GLEIF importer: Level 1 records, Level 2 parent relationships and reporting exceptions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from netmap.importers.gleif import GleifImporter

from netmap.errors import InputError
from netmap.model import Actor, Relationship

REAL = Path(__file__).parent / "data" / "real" / "gleif"
LEVEL1 = REAL / "single_lei_record_549300YX4S1LLSMK2627.json"
DIRECT = REAL / "direct-parent-relationship_549300YX4S1LLSMK2627.json"
ULTIMATE = REAL / "ultimate-parent-relationship_549300YX4S1LLSMK2627.json"
EXCEPTION = REAL / "direct-parent-reporting-exception_21380068P1DRHMJ8KU70.json"


def load(path: Path) -> dict:
    return json.loads(path.read_text())["data"]["attributes"]


def test_level1_record_gives_a_company_with_lei_name_country_and_status() -> None:
    attrs = load(LEVEL1)
    (actor,) = list(GleifImporter([LEVEL1]).read())
    assert isinstance(actor, Actor)
    assert actor.lei == attrs["lei"]
    assert actor.name == attrs["entity"]["legalName"]["name"]
    assert actor.country_raw == attrs["entity"]["legalAddress"]["country"] and actor.country == "USA"
    assert actor.properties["gleif_status"] == attrs["entity"]["status"]


def test_direct_and_ultimate_parents_become_part_of_child_to_parent() -> None:
    recs = list(GleifImporter([LEVEL1, DIRECT, ULTIMATE]).read())
    ties = [r for r in recs if isinstance(r, Relationship)]
    expected = {
        (
            load(p)["relationship"]["startNode"]["id"].lower(),
            load(p)["relationship"]["endNode"]["id"].lower(),
            load(p)["relationship"]["type"],
        )
        for p in (DIRECT, ULTIMATE)
    }
    assert {(t.source[4:], t.target[4:], t.type_raw) for t in ties} == expected
    assert {t.type for t in ties} == {"PART_OF"} and {t.key for t in ties} == {"direct", "ultimate"}
    assert all(t.properties["gleif_status"] == "ACTIVE" for t in ties)


def test_parent_without_level1_record_becomes_a_stub_so_the_tie_has_an_endpoint() -> None:
    imp = GleifImporter([LEVEL1, DIRECT])
    recs = list(imp.read())
    ids = {r.id for r in recs if isinstance(r, Actor)}
    assert all(t.source in ids and t.target in ids for t in recs if isinstance(t, Relationship))
    assert any("no Level 1 record" in w for w in imp.warnings)


def test_reporting_exception_is_stored_not_an_error() -> None:
    attrs = load(EXCEPTION)
    (actor,) = list(GleifImporter([EXCEPTION]).read())
    assert isinstance(actor, Actor) and actor.lei == attrs["lei"]
    (stored,) = [json.loads(e) for e in actor.properties["gleif_exceptions"]]
    assert stored == {"category": attrs["category"], "reason": attrs["reason"]}


def test_golden_copy_csv_level1_and_relationships(tmp_path: Path) -> None:
    l1 = tmp_path / "lei.csv"
    l1.write_text(
        "LEI,Entity.LegalName,Entity.LegalAddress.Country,Entity.EntityStatus\n"
        "AAAAAAAAAAAAAAAAAA01,Parent AG,DE,ACTIVE\nBBBBBBBBBBBBBBBBBB02,Child GmbH,DE,ACTIVE\n"
    )
    rr = tmp_path / "rr.csv"
    rr.write_text(
        "Relationship.StartNode.NodeID,Relationship.EndNode.NodeID,Relationship.RelationshipType,"
        "Relationship.RelationshipStatus\nBBBBBBBBBBBBBBBBBB02,AAAAAAAAAAAAAAAAAA01,"
        "IS_DIRECTLY_CONSOLIDATED_BY,ACTIVE\n"
    )
    recs = list(GleifImporter([l1, rr]).read())
    assert {r.name for r in recs if isinstance(r, Actor)} == {"Parent AG", "Child GmbH"}
    (tie,) = [r for r in recs if isinstance(r, Relationship)]
    assert (tie.source, tie.target) == ("lei-bbbbbbbbbbbbbbbbbb02", "lei-aaaaaaaaaaaaaaaaaa01")


def test_wrong_json_is_refused_naming_the_record() -> None:
    spec = Path(__file__).parent / "data" / "real" / "graphml-gexf" / "gexf-spec-data-example.gexf"
    with pytest.raises(InputError, match="has none of the GLEIF columns"):
        list(GleifImporter([spec]).read())


def test_truncated_json_is_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "cut.json"
    path.write_text(LEVEL1.read_text()[:500])
    with pytest.raises(InputError, match=r"cut.json line 1: is not valid JSON"):
        list(GleifImporter([path]).read())


def test_json_of_another_kind_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.json"
    path.write_text('{"data": {"type": "fund-records", "attributes": {}}}')
    with pytest.raises(InputError, match=r"other.json record 1: has type 'fund-records'"):
        list(GleifImporter([path]).read())


def test_every_record_of_the_real_files_is_accounted_for() -> None:
    paths = sorted(REAL.glob("*.json"))
    in_files = 0
    for path in paths:
        data = json.loads(path.read_text())["data"]
        in_files += len(data) if isinstance(data, list) else 1
    importer = GleifImporter(paths)
    list(importer.read())
    tally = importer.tally.as_dict()
    skipped = sum(group["rows"] for group in tally["skipped"])
    assert tally["unit"] == "record"
    assert tally["read"] == in_files == tally["used"] + tally["merged"] + skipped


def test_a_repeated_record_counts_as_merged(tmp_path: Path) -> None:
    level1 = REAL / "single_lei_record_549300YX4S1LLSMK2627.json"
    importer = GleifImporter([level1, level1])
    list(importer.read())
    assert importer.tally.as_dict() == {"read": 2, "unit": "record", "used": 1, "merged": 1, "skipped": []}
