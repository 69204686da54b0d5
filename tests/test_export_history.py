"""The bundle's Changes sheet lists what people changed in the quarter (who, when, before → after),
leaving out actors and fields the privacy policy keeps out of the bundle."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from netmap.export.bundle import export_bundle
from netmap.store.edits import update_actor

pytestmark = pytest.mark.neo4j


def _changes(folder: Path) -> list[tuple[Any, ...]]:
    ws = openpyxl.load_workbook(folder / "engagement.xlsx")["Changes"]
    return [tuple(r) for r in ws.iter_rows(min_row=3, values_only=True)]


def test_the_changes_sheet_has_the_edits_of_the_quarter_and_not_of_hidden_actors(
    sample_store: Any, neo4j_settings: Any, tmp_path: Path
) -> None:
    today = dt.date.today()
    quarter = f"{today.year}-Q{(today.month - 1) // 3 + 1}"
    update_actor(sample_store, "unhcr", {"country": "CHE"}, by="ana")
    sample_store.execute_write("MATCH (a:Actor {id: 'ilo'}) SET a.sensitive = true")
    update_actor(sample_store, "ilo", {"country": "FRA"}, by="ana")
    settings = neo4j_settings.with_overrides(home_actor="iom")
    export_bundle(sample_store, settings, quarter, out=tmp_path)
    rows = _changes(tmp_path / f"netmap-{quarter}")
    edited = [r for r in rows if r[0] == "edited country"]
    assert [(r[1], r[4], r[6][:7]) for r in edited] == [("unhcr", "CHE", "by ana,")]
    assert str(today) in edited[0][6]
    intro = openpyxl.load_workbook(tmp_path / f"netmap-{quarter}" / "engagement.xlsx")["Changes"]["A1"].value
    assert "edits of the quarter" in intro


def test_edits_of_another_quarter_stay_out(sample_store: Any, neo4j_settings: Any, tmp_path: Path) -> None:
    update_actor(sample_store, "unhcr", {"country": "CHE"}, by="ana")
    export_bundle(sample_store, neo4j_settings.with_overrides(home_actor="iom"), "2020-Q1", out=tmp_path)
    assert [r for r in _changes(tmp_path / "netmap-2020-Q1") if r[0] == "edited country"] == []
