"""Snapshots recorded in Neo4j by every export, and ``netmap diff`` on two hand-made quarters."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from netmap.model import Actor, Initiative, Relationship, SourceInfo

pytestmark = pytest.mark.neo4j
HOME = {"NETMAP_HOME_ACTOR": "us"}


def load(store: Any, records: list[Actor | Initiative | Relationship], name: str = "q3.csv") -> None:
    from netmap.store.writes import begin_source, finish_source, write_batch

    source = SourceInfo(file=name, format="test", sha256=name.ljust(64, "0"))
    seen = begin_source(store, source)
    write_batch(store, records, source.id, seen)
    finish_source(store, source, {})


def third_quarter(store: Any) -> None:
    load(
        store,
        [
            Actor("us", "IOM", kind="IGO", sphere="both"),
            Actor("ngo", "Resettlement NGO", kind="NGO", sphere="humanitarian", engagement="partner"),
            Actor(
                "assoc",
                "Employers DE",
                kind="EmployerOrganisation",
                sphere="economic",
                influence=4,
                country="DEU",
                sectors=("healthcare",),
                engagement="identified",
            ),
            Actor("firm", "Lonely Firm", kind="Company", sphere="economic"),
            Actor("old", "Closed Agency", kind="Government", sphere="economic"),
            Initiative("tf", "Labour Mobility Task Force", label="Forum"),
            Relationship("us", "ngo", "PARTNERS_WITH"),
            Relationship("ngo", "tf", "MEMBER_OF"),
            Relationship("assoc", "tf", "MEMBER_OF"),
            Relationship("old", "tf", "MEMBER_OF"),
        ],
    )


def fourth_quarter(store: Any) -> None:
    """Closed Agency gone, a new chamber tied to the firm, the association contacted."""
    store.execute_write("MATCH (n:Entity {id: 'old'}) DETACH DELETE n")
    load(
        store,
        [
            Actor("chamber", "Chamber of Skills", kind="EmployerOrganisation", sphere="economic", influence=5),
            Actor("assoc", "Employers DE", kind="EmployerOrganisation", sphere="economic", engagement="contacted"),
            Relationship("chamber", "firm", "PARTNERS_WITH"),
            Relationship("chamber", "tf", "MEMBER_OF"),
        ],
        name="q4.csv",
    )


def test_store_records_replaces_and_lists_snapshots(store: Any) -> None:
    from netmap.store.snapshots import get_snapshot, list_snapshots, save_snapshot

    record = {
        "createdAt": "2026-12-01T00:00:00+00:00",
        "dataDate": "2026-11-30",
        "includeSensitive": False,
        "json": "{}",
        "bundle": "/x",
        "zipPath": "/x.zip",
        "zipSha256": "0" * 64,
    }
    save_snapshot(store, "2026-Q3", record)
    save_snapshot(store, "2026-Q4", {**record, "json": '{"a": 1}'})
    save_snapshot(store, "2026-Q4", {**record, "json": '{"a": 2}'})
    assert [s["quarter"] for s in list_snapshots(store)] == ["2026-Q4", "2026-Q3"]
    assert get_snapshot(store, "2026-Q4")["json"] == '{"a": 2}'
    assert get_snapshot(store, "2025-Q1") is None


def test_diff_of_two_hand_made_quarters_through_the_cli(cli: Any, store: Any, tmp_path: Path) -> None:
    third_quarter(store)
    q3 = cli("export", "--quarter", "2026-Q3", "--out", str(tmp_path), "--sphere", "all", env=HOME)
    assert q3.exit_code == 0, q3.output
    fourth_quarter(store)
    q4 = cli("export", "--quarter", "2026-Q4", "--out", str(tmp_path), "--sphere", "all", env=HOME)
    assert q4.exit_code == 0, q4.output
    assert "changes compared with 2026-Q3" in q4.stdout

    result = cli("diff", "2026-Q3", "2026-Q4", "--format", "json")
    assert result.exit_code == 0, result.output
    d = json.loads(result.stdout)
    assert [a["id"] for a in d["actors_added"]] == ["chamber"]
    assert [a["id"] for a in d["actors_removed"]] == ["old"]
    assert [(t["source"], t["target"], t["type"]) for t in d["ties_added"]] == [
        ("chamber", "firm", "PARTNERS_WITH"),
        ("chamber", "tf", "MEMBER_OF"),
    ]
    assert [(t["source"], t["target"], t["type"]) for t in d["ties_removed"]] == [("old", "tf", "MEMBER_OF")]
    assert d["engagement_changes"] == [
        {"id": "assoc", "name": "Employers DE", "before": "identified", "after": "contacted"}
    ]
    assert "chamber" in [e["id"] for e in d["new_entry_points"]]
    assert "firm" in [m["id"] for m in d["risers"]["entryScore"]]  # now tied to a well-connected chamber
    for moves in (*d["risers"].values(), *d["fallers"].values()):
        for m in moves:
            assert m["delta"] == pytest.approx(m["after"] - m["before"], abs=1e-6)

    table = cli("diff", "2026-Q3", "2026-Q4")
    assert table.exit_code == 0 and "actor added" in table.stdout and "Chamber of Skills" in table.stdout

    # the same diff from the bundle files, no database needed; and the workbook's Changes sheet
    files = cli(
        "diff",
        str(tmp_path / "netmap-2026-Q3" / "snapshot.json"),
        str(tmp_path / "netmap-2026-Q4" / "snapshot.json"),
        "--format",
        "json",
    )
    assert json.loads(files.stdout) == d
    import openpyxl

    sheet = openpyxl.load_workbook(tmp_path / "netmap-2026-Q4" / "engagement.xlsx")["Changes"]
    assert sheet["A1"].value.startswith("Changes from 2026-Q3 to 2026-Q4")
    changes = [(r[0], r[1]) for r in sheet.iter_rows(min_row=3, values_only=True)]
    assert ("actor added", "chamber") in changes and ("actor removed", "old") in changes
    assert ("engagement changed", "assoc") in changes and ("tie removed", "old->tf") in changes


def test_diff_against_a_quarter_without_snapshot(cli: Any, store: Any, tmp_path: Path) -> None:
    third_quarter(store)
    assert cli("export", "--quarter", "2026-Q3", "--out", str(tmp_path), env=HOME).exit_code == 0
    result = cli("diff", "2026-Q2", "2026-Q3")
    assert result.exit_code == 1
    assert (
        result.stderr == "error: no snapshot for 2026-Q2 — run 'netmap export --quarter 2026-Q2' first "
        "(snapshots: 2026-Q3)\n"
    )
    bad = cli("diff", "2026-Q3", "Q4")
    assert bad.exit_code == 1
    assert bad.stderr == "error: quarter: 'Q4' is not a quarter — use YEAR-QN with N from 1 to 4, e.g. 2026-Q4\n"
