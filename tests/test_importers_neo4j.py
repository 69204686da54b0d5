"""The format importers end to end on the real Neo4j: one actor from four sources, idempotence, review."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from netmap.importers.gleif import GleifImporter
from netmap.importers.hxl import HxlImporter
from netmap.importers.iati import IatiImporter
from netmap.importers.orgs import OrgsImporter

from netmap.ingest.pipeline import run_import
from netmap.store.review import accept, list_review_items, reject

pytestmark = pytest.mark.neo4j
REAL = Path(__file__).parent / "data" / "real"


def rows(store: Any, query: str, **params: Any) -> list[dict[str, Any]]:
    return list(store.execute_read(query, params))


def snapshot(store: Any) -> tuple[list, list]:
    nodes = rows(
        store, "MATCH (n) WHERE NOT n:Source RETURN n.id AS id, labels(n) AS labels, properties(n) AS p ORDER BY id"
    )
    rels = rows(
        store,
        "MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS t, r.key AS k, b.id AS b, "
        "properties(r) AS p ORDER BY a, t, k, b",
    )
    return nodes, rels


def _write(tmp_path: Path) -> tuple[Path, Path]:
    hxl = tmp_path / "3w.csv"
    hxl.write_text("#org+funder,#org+impl,#org+impl+acronym,#sector\nECHO,United Nations Childrens Fund,UNICEF,WASH\n")
    iati = tmp_path / "unicef.xml"
    iati.write_text(
        '<iati-activities version="2.03"><iati-activity><iati-identifier>XM-DAC-41122-1</iati-identifier>'
        "<title><narrative>Skills for youth</narrative></title>"
        '<participating-org ref="XM-DAC-41122" role="4" type="40"><narrative>UNICEF</narrative>'
        "</participating-org></iati-activity></iati-activities>"
    )
    return hxl, iati


def test_one_organisation_from_org_list_hxl_and_iati_ends_as_one_actor(store: Any, tmp_path: Path) -> None:
    hxl, iati = _write(tmp_path)
    run_import(store, OrgsImporter([REAL / "org-lists" / "hdx-org-name-map.csv"]))
    run_import(store, HxlImporter([hxl]))
    run_import(store, IatiImporter([iati]))
    found = rows(
        store,
        "MATCH (a:Actor) WHERE a.name IN $names OR a.iati = 'XM-DAC-41122' "
        "RETURN a.id AS id, a.iati AS iati, size(a.sources) AS sources",
        names=["United Nations Children's Fund", "United Nations Childrens Fund", "UNICEF"],
    )
    assert len(found) == 1
    assert found[0]["iati"] == "XM-DAC-41122" and found[0]["sources"] == 3
    ties = rows(store, "MATCH (a:Actor {id: $id})-[r]->(x) RETURN type(r) AS t", id=found[0]["id"])
    assert {t["t"] for t in ties} >= {"IMPLEMENTS"}


def test_reimporting_the_same_files_changes_nothing(store: Any) -> None:
    files = [
        REAL / "iati" / "iom-activity-XM-DAC-47066-DP.2154_v2.03.xml",
        REAL / "iati" / "iati-activity-standard-example-annotated_v2.03.xml",
    ]
    run_import(store, IatiImporter(files))
    run_import(store, HxlImporter([REAL / "hxl-3w" / "unhcr-3w-2014_hxl.csv"]))
    run_import(store, GleifImporter(sorted((REAL / "gleif").iterdir())))
    before = snapshot(store)
    run_import(store, IatiImporter(files))
    run_import(store, HxlImporter([REAL / "hxl-3w" / "unhcr-3w-2014_hxl.csv"]))
    run_import(store, GleifImporter(sorted((REAL / "gleif").iterdir())))
    assert snapshot(store) == before


def test_dry_run_writes_nothing(store: Any) -> None:
    report = run_import(store, HxlImporter([REAL / "hxl-3w" / "unhcr-3w-2014_hxl.csv"]), dry_run=True)
    assert report.actors > 0
    assert rows(store, "MATCH (n) RETURN count(n) AS n")[0]["n"] == 0


def _near_miss(store: Any, tmp_path: Path) -> dict[str, Any]:
    first = tmp_path / "a.csv"
    first.write_text("#org+funder,#org+impl\nECHO,Talent Beyond Boundaries\n")
    second = tmp_path / "b.csv"
    second.write_text("#org+funder,#org+impl\nDFID,Talent Beyound Boundaries\n")
    run_import(store, HxlImporter([first]))
    run_import(store, HxlImporter([second]))
    (item,) = list_review_items(store, "open")
    return item


def test_uncertain_match_waits_for_review_and_accept_merges_reversibly(store: Any, tmp_path: Path) -> None:
    item = _near_miss(store, tmp_path)
    assert (item["incoming_name"], item["candidate_name"]) == ("Talent Beyound Boundaries", "Talent Beyond Boundaries")
    assert rows(store, "MATCH (a:Actor) WHERE a.name STARTS WITH 'Talent' RETURN count(a) AS n")[0]["n"] == 2
    accept(store, item["id"])
    (merged,) = rows(
        store,
        "MATCH (a:Actor) WHERE a.name STARTS WITH 'Talent' "
        "RETURN a.id AS id, a.aliases AS aliases, a.mergedRecords AS kept",
    )
    assert "Talent Beyound Boundaries" in merged["aliases"] and len(merged["kept"]) == 1
    funders = rows(store, "MATCH (f:Actor)-[:FUNDS]->(a:Actor {id: $id}) RETURN f.name AS n", id=merged["id"])
    assert {f["n"] for f in funders} == {"ECHO", "DFID"}
    assert list_review_items(store, "open") == []


def test_rejected_review_stays_rejected_on_reimport(store: Any, tmp_path: Path) -> None:
    item = _near_miss(store, tmp_path)
    reject(store, item["id"])
    run_import(store, HxlImporter([tmp_path / "b.csv"]))
    assert list_review_items(store, "open") == []
    assert [r["id"] for r in list_review_items(store, "rejected")] == [item["id"]]


def test_cli_imports_iati_and_lists_the_review(cli: Any) -> None:
    result = cli("import", "iati", str(REAL / "iati" / "iom-activity-XM-DAC-47066-DP.2154_v2.03.xml"))
    assert result.exit_code == 0, result.output
    assert "imported iom-activity-XM-DAC-47066-DP.2154_v2.03.xml (iati): 2 actors, 1 programmes/forums" in result.output
    listing = cli("review", "list")
    assert listing.exit_code == 0 and "(no rows)" in listing.output


def test_cli_refuses_wrong_format_with_one_line(cli: Any) -> None:
    result = cli("import", "gexf", str(REAL / "iati" / "iom-activity-XM-DAC-47066-DP.2154_v2.03.xml"))
    assert result.exit_code == 1
    assert "root element is <iati-activity> — expected <gexf>" in result.output
