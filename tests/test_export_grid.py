"""The bundle's power/interest grid: the Grid sheet of engagement.xlsx and grid.png, in the bundle's language."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from netmap.config import Settings
from netmap.export import grid_image
from netmap.export.privacy import PrivacyPolicy
from netmap.export.quarter import Quarter
from netmap.export.state import EntryOptions, ExportState, compute_state
from netmap.export.workbook import write_workbook

ASSESSED = {"assessedBy": "A. Officer", "assessedOn": "2026-10-03"}


def _entity(id: str, **props: object) -> dict[str, Any]:
    return {"id": id, "label": "Actor", "props": {"id": id, "name": id.capitalize(), **props}}


def _state(assessed: bool = True, include_sensitive: bool = False, lang: str = "en") -> ExportState:
    def rated(influence: int, interest: int, stance: str) -> dict[str, Any]:
        if not assessed:
            return {}
        return {"assessedInfluence": influence, "assessedInterest": interest, "stance": stance, **ASSESSED}

    entities = [
        _entity("us", kind="IGO", sphere="both", country="CHE"),
        _entity(
            "acme", kind="Company", sphere="economic", country="DEU", sectors=["health"], **rated(5, 4, "supportive")
        ),
        _entity("bolt", kind="Company", sphere="economic", country="DEU", sectors=["health"], **rated(5, 4, "neutral")),
        _entity("union", kind="TradeUnion", sphere="economic", country="DEU", **rated(2, 2, "opposed")),
        _entity(
            "ngo", kind="NGO", sphere="humanitarian", country="JOR", engagement="partner", **rated(2, 5, "unknown")
        ),
        _entity("secret", kind="NGO", sphere="humanitarian", sensitive=True, **rated(4, 1, "neutral")),
    ]
    tie = {"type": "PARTNERS_WITH", "key": "", "props": {"key": ""}}
    ties = [
        {"source": "us", "target": "ngo", **tie},
        {"source": "ngo", "target": "acme", **tie},
        {"source": "ngo", "target": "union", **tie},
        {"source": "acme", "target": "bolt", **tie},
        {"source": "secret", "target": "acme", **tie},
    ]
    state = compute_state(
        Quarter(2026, 4),
        entities,
        ties,
        [],
        "2026-11-30T09:00:00+00:00",
        Settings(home_actor="us"),
        EntryOptions(spheres=("economic",)),
        PrivacyPolicy(include_sensitive=include_sensitive),
        "2026-12-01T10:00:00+00:00",
    )
    state.lang = lang
    state.keep_assessment_notes({"acme": "met the board", "secret": "off the record"})
    return state


def _rows(path: Path, sheet: str = "Grid") -> list[list[Any]]:
    return [[c.value for c in r] for r in load_workbook(path)[sheet].iter_rows()]


def _texts(fig: Any) -> list[str]:
    return [t.get_text() for t in fig.texts] + [t.get_text() for ax in fig.axes for t in ax.texts]


def test_the_grid_sheet_lists_each_assessed_actor_with_quadrant_and_entry_rank(tmp_path: Path) -> None:
    state = _state()
    ranks = state.entry_ids()
    write_workbook(tmp_path / "e.xlsx", state, None)
    rows = _rows(tmp_path / "e.xlsx")
    assert "Assessment notes are left out" in rows[0][0]
    assert rows[1] == [
        "id", "name", "kind", "country", "influence", "interest", "stance", "quadrant", "entry rank",
        "assessed by", "assessed on",
    ]  # fmt: skip
    assert [r[:8] for r in rows[2:]] == [
        ["acme", "Acme", "Company", "DEU", 5, 4, "supportive", "manage closely"],
        ["bolt", "Bolt", "Company", "DEU", 5, 4, "neutral", "manage closely"],
        ["ngo", "Ngo", "NGO", "JOR", 2, 5, "unknown", "keep informed"],
        ["union", "Union", "TradeUnion", "DEU", 2, 2, "opposed", "monitor"],
    ]  # the actor flagged sensitive is left out
    assert [r[8] for r in rows[2:]] == [ranks.get(i) for i in ("acme", "bolt", "ngo", "union")]
    assert ranks.get("acme") is not None
    assert {tuple(r[9:]) for r in rows[2:]} == {("A. Officer", "2026-10-03")}


def test_the_grid_sheet_keeps_assessment_notes_only_with_sensitive_data(tmp_path: Path) -> None:
    write_workbook(tmp_path / "e.xlsx", _state(include_sensitive=True), None)
    rows = _rows(tmp_path / "e.xlsx")
    assert rows[1][-1] == "note"
    assert {r[0]: r[-1] for r in rows[2:]} == {
        "acme": "met the board",
        "bolt": None,
        "ngo": None,
        "secret": "off the record",
        "union": None,
    }


def test_a_graph_without_assessments_says_so_in_the_sheet_and_the_picture(tmp_path: Path) -> None:
    state = _state(assessed=False)
    write_workbook(tmp_path / "e.xlsx", state, None)
    rows = _rows(tmp_path / "e.xlsx")
    assert rows[0][0].startswith("No actor has been assessed yet") and len(rows) == 2
    assert any(t.startswith("No actor has been assessed yet") for t in _texts(grid_image.draw_grid(state)))


def test_the_picture_names_the_quadrants_and_numbers_the_entry_points() -> None:
    state = _state()
    texts = _texts(grid_image.draw_grid(state))
    assert {"Manage closely", "Keep satisfied", "Keep informed", "Monitor"} <= set(texts)
    assert str(state.entry_ids()["acme"]) in texts and "Acme" in texts
    assert "supportive (1)" in texts and "opposed (1)" in texts
    assert not any("Secret" in t for t in texts)


def test_the_sheet_and_the_picture_are_in_the_bundles_language(tmp_path: Path) -> None:
    state = _state(lang="fr")
    write_workbook(tmp_path / "e.xlsx", state, None)
    book = load_workbook(tmp_path / "e.xlsx")
    assert "Matrice influence-intérêt" in book.sheetnames
    rows = _rows(tmp_path / "e.xlsx", "Matrice influence-intérêt")
    assert rows[1][6:8] == ["position", "quadrant"] and rows[2][6:8] == ["favorable", "suivre de près"]
    texts = _texts(grid_image.draw_grid(state))
    assert {"Suivre de près", "Satisfaire", "Tenir informé", "Surveiller", "Position"} <= set(texts)


def test_grid_png_is_the_same_bytes_for_the_same_data(tmp_path: Path) -> None:
    state = _state()
    grid_image.write_png(tmp_path / "a.png", state)
    grid_image.write_png(tmp_path / "b.png", _state())
    data = (tmp_path / "a.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data == (tmp_path / "b.png").read_bytes()
