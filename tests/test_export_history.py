"""The bundle's Changes sheet lists what people changed in the quarter (who, when, before → after),
leaving out actors and fields the privacy policy keeps out of the bundle."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from netmap.export.bundle import export_bundle
from netmap.export.workbook import SHEETS
from netmap.store.edits import update_actor
from netmap.store.introductions import request_introduction

pytestmark = pytest.mark.neo4j


def _changes(folder: Path) -> list[tuple[Any, ...]]:
    ws = openpyxl.load_workbook(folder / "engagement.xlsx").worksheets[SHEETS.index("Changes")]  # any language
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


def _quarter() -> str:
    today = dt.date.today()
    return f"{today.year}-Q{(today.month - 1) // 3 + 1}"


def _ask(store: Any, via: str, target: str) -> None:
    request_introduction(store, via, target, route=f"us → {via} → {target}", route_ids=[via], note="", by="ana")


def test_an_introduction_to_an_actor_the_bundle_hides_names_it_neither_by_id_nor_by_name(
    sample_store: Any, neo4j_settings: Any, tmp_path: Path
) -> None:
    sample_store.execute_write("MATCH (a:Actor {id: 'ilo'}) SET a.sensitive = true")
    _ask(sample_store, "unhcr", "ilo")  # recorded on unhcr (kept) with ilo's id as the detail
    settings = neo4j_settings.with_overrides(home_actor="iom")
    for lang, absent in (("en", "an actor not in this bundle"), ("fr", "un acteur absent de ce dossier")):
        export_bundle(sample_store, settings, _quarter(), out=tmp_path / lang, lang=lang)
        rows = _changes(tmp_path / lang / f"netmap-{_quarter()}")
        asked = [r for r in rows if r[1] == "unhcr" and str(r[0]).startswith("introduction request")]
        assert [r[0] for r in asked] == [f"introduction request: introduction to {absent}"]
        cells = " | ".join(str(c) for r in rows for c in r if c is not None)
        assert not re.search(r"\bilo\b|International Labour", cells, re.IGNORECASE)


def test_an_introduction_to_an_actor_in_the_bundle_names_it(
    sample_store: Any, neo4j_settings: Any, tmp_path: Path
) -> None:
    _ask(sample_store, "unhcr", "tbb")
    settings = neo4j_settings.with_overrides(home_actor="iom")
    export_bundle(sample_store, settings, _quarter(), out=tmp_path)
    rows = _changes(tmp_path / f"netmap-{_quarter()}")
    assert sorted((r[0], r[1], r[4]) for r in rows if str(r[0]).startswith("introduction request")) == [
        (
            "introduction request: introduction through Office of the UN High Commissioner for Refugees (UNHCR)",
            "tbb",
            "requested",
        ),
        ("introduction request: introduction to Talent Beyond Boundaries (TBB)", "unhcr", "requested"),
    ]
