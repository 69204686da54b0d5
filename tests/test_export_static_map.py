"""The quarterly slide: labels that never overlap (on the demo network and a 1,500-node view), the
briefing's parts, long and Arabic names, an empty ranking, the PDF's selectable text."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

import pytest

from netmap.config import Settings
from netmap.drawing.labels import overlaps
from netmap.export import static_map
from netmap.export.privacy import PrivacyPolicy
from netmap.export.quarter import Quarter
from netmap.export.state import EntryOptions, ExportState, collect, compute_state

KINDS = ("NGO", "Company", "Government", "EmployerOrganisation", "IGO", "TradeUnion")


def _entity(id: str, **props: object) -> dict[str, Any]:
    return {"id": id, "label": "Actor", "props": {"id": id, "name": id.upper(), **props}}


def _tie(source: str, target: str) -> dict[str, Any]:
    return {"source": source, "target": target, "type": "PARTNERS_WITH", "key": "", "props": {"key": ""}}


def synthetic_state(n: int, *, names: dict[str, str] | None = None, layout: str = "spheres") -> ExportState:
    rng = random.Random(n)
    entities = [_entity("us", kind="IGO", sphere="both", country="CHE", name="Us")]
    for i in range(n - 1):
        props: dict[str, object] = {
            "kind": KINDS[i % len(KINDS)],
            "sphere": ("humanitarian", "economic", "both")[i % 3],
            "country": ("GBR", "DEU", "KEN", "CAN")[i % 4],
        }
        if i % 17 == 0:
            props["engagement"] = "partner"
        entities.append(_entity(f"a{i}", **props))
    for entity in entities:
        if names and entity["id"] in names:
            entity["props"]["name"] = names[entity["id"]]
    ids = [e["id"] for e in entities]
    ties = [_tie("us", f"a{i}") for i in range(0, n - 1, 17)]
    ties += [_tie(*rng.sample(ids, 2)) for _ in range(int(n * 1.6))]
    state = compute_state(
        Quarter(2026, 4),
        entities,
        ties,
        [{"id": "s1", "file": "actors.csv", "format": "sheet"}],
        "2026-11-30T09:00:00+00:00",
        Settings(home_actor="us"),
        EntryOptions(top=20, spheres=()),
        PrivacyPolicy(),
        dt.datetime(2026, 12, 1, tzinfo=dt.UTC).isoformat(),
    )
    state.lay_out(layout)
    return state


def assert_no_label_overlaps(fig: Any) -> list[tuple[str, tuple[float, float, float, float]]]:
    boxes = static_map.label_boxes(fig)
    for i, (text_a, a) in enumerate(boxes):
        for text_b, b in boxes[i + 1 :]:
            assert not overlaps(a, b), f"{text_a!r} overlaps {text_b!r}"
    return boxes


@pytest.mark.parametrize("size", [(2000 / 150, 1125 / 150), (11.69, 8.27)], ids=["png", "pdf"])
def test_labels_of_a_1500_node_view_never_overlap(size: tuple[float, float]) -> None:
    state = synthetic_state(1500)
    boxes = assert_no_label_overlaps(static_map.draw_map(state, size))
    texts = [t for t, _b in boxes]
    assert "Us" in texts  # the home actor is always named
    assert sum(t.isdigit() for t in texts) >= 15  # most of the 20 numbered entry points found a place


def test_labels_on_the_demo_network_never_overlap(sample_store: Any) -> None:
    state = collect(
        sample_store,
        Settings(home_actor="iom"),
        Quarter(2026, 4),
        EntryOptions(),
        PrivacyPolicy(),
        dt.datetime(2026, 12, 1, tzinfo=dt.UTC).isoformat(),
    )
    state.lay_out("spheres")
    boxes = assert_no_label_overlaps(static_map.draw_map(state, (2000 / 150, 1125 / 150)))
    texts = {t for t, _b in boxes}
    assert {str(r) for r in range(1, 11)} <= texts  # the table's ten are numbered on the map
    assert any(t.startswith("International Organization") for t in texts)


def _figure_texts(fig: Any) -> list[str]:
    return [t.get_text() for t in fig.texts]


def test_the_slide_is_a_briefing_table_legend_and_sources() -> None:
    state = synthetic_state(200)
    fig = static_map.draw_map(state, (2000 / 150, 1125 / 150))
    texts = _figure_texts(fig)
    assert "Engagement map 2026-Q4" in texts and "Top entry points" in texts
    first = state.entry_points["entry_points"][0]
    assert str(first["rank"]) == "1" and any(t.startswith(first["name"][:20]) for t in texts)
    assert any(t.startswith("introduction: ") for t in texts)
    assert any(
        t.startswith("Sources: actors.csv. Positions come from a layout (humanitarian actors left") for t in texts
    )
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert legend[:2] == ["us", "entry point (number = table)"] and "Employer organisation" in legend


def test_long_and_arabic_names_are_cut_on_the_map_and_in_the_table() -> None:
    long_name = "Ministry " + "of Labour and Social Security " * 7
    arabic = "وزارة العمل والضمان الاجتماعي في المملكة الأردنية الهاشمية"
    state = synthetic_state(60, names={"us": long_name, "a1": arabic})
    fig = static_map.draw_map(state, (2000 / 150, 1125 / 150))
    boxes = assert_no_label_overlaps(fig)
    home_label = next(t for t, _b in boxes if t.startswith("Ministry"))
    assert len(home_label) <= static_map.MAX_LABEL and home_label.endswith("…")
    assert all(len(t) <= 60 for t in _figure_texts(fig) if t.startswith(("وزارة", "Ministry")))


def test_a_quarter_without_entry_points_says_so() -> None:
    state = synthetic_state(30)
    state.entry_points = {"entry_points": [], "home": None, "notes": []}
    texts = _figure_texts(static_map.draw_map(state, (11.69, 8.27)))
    assert "None this quarter: see the notes in the workbook." in texts


@pytest.mark.parametrize("layout", ["around-us", "communities", "force"])
def test_every_layout_draws_a_slide_without_overlaps(layout: str) -> None:
    state = synthetic_state(300, layout=layout)
    assert state.layout_name == layout
    assert_no_label_overlaps(static_map.draw_map(state, (11.69, 8.27)))


def test_the_pdf_text_can_be_selected(tmp_path: Path) -> None:
    state = synthetic_state(120)
    path = tmp_path / "map.pdf"
    static_map.write_pdf(path, state)
    from pypdf import PdfReader

    text = PdfReader(str(path)).pages[0].extract_text()
    assert "Engagement map 2026-Q4" in text and "Top entry points" in text
