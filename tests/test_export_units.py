"""Export building blocks without Neo4j: quarters, privacy, the workbook's formula safety, graph files,
determinism of every file on a hand-made network."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import networkx as nx
import openpyxl
import pytest

from netmap.config import Settings
from netmap.errors import InputError
from netmap.export.privacy import PrivacyPolicy
from netmap.export.quarter import Quarter, parse_quarter
from netmap.export.state import EntryOptions, ExportState, compute_state

EVIL = '=HYPERLINK("http://x","y")'


@pytest.mark.parametrize("text,expected", [("2026-Q4", Quarter(2026, 4)), (" 2026-q1", Quarter(2026, 1))])
def test_quarter_parses(text: str, expected: Quarter) -> None:
    assert parse_quarter(text) == expected


@pytest.mark.parametrize(
    "text,message",
    [
        (
            "2026-Q5",
            "--quarter: '2026-Q5' is not a quarter: Q5 does not exist — use YEAR-QN with N from 1 to 4, e.g. 2026-Q4",
        ),
        ("Q4", "--quarter: 'Q4' is not a quarter — use YEAR-QN with N from 1 to 4, e.g. 2026-Q4"),
        (
            "2026-Q0",
            "--quarter: '2026-Q0' is not a quarter: Q0 does not exist — use YEAR-QN with N from 1 to 4, e.g. 2026-Q4",
        ),
        ("", "--quarter: '' is not a quarter — use YEAR-QN with N from 1 to 4, e.g. 2026-Q4"),
    ],
)
def test_quarter_refuses(text: str, message: str) -> None:
    with pytest.raises(InputError) as info:
        parse_quarter(text)
    assert str(info.value) == message


def _entity(id: str, label: str = "Actor", **props: object) -> dict:
    return {"id": id, "label": label, "props": {"id": id, "name": id.upper(), **props}}


def _tie(source: str, target: str, type: str = "PARTNERS_WITH", **props: object) -> dict:
    return {"source": source, "target": target, "type": type, "key": "", "props": {"key": "", **props}}


def hand_made(include_sensitive: bool = False, now: str = "2026-12-01T10:00:00+00:00") -> ExportState:
    entities = [
        _entity("us", kind="IGO", sphere="both", engagement=None, country="CHE"),
        _entity(
            "acme",
            kind="Company",
            sphere="economic",
            country="DEU",
            sectors=["health"],
            influence=4,
            contactEmail="jane@acme.example",
            focalPerson="Jane Doe",
            description=EVIL,
        ),
        _entity("union", kind="TradeUnion", sphere="economic", country="DEU", sectors=["health"], engagement="none"),
        _entity("ngo", kind="NGO", sphere="humanitarian", country="JOR", engagement="partner", name2="+1 555"),
        _entity("secret", kind="NGO", sphere="humanitarian", sensitive=True),
        _entity("forum", label="Forum", countries=["DEU"]),
    ]
    entities[1]["props"]["name"] = "-Acme & <Co>"
    ties = [
        _tie("us", "ngo", "ENGAGED_WITH", note="met Jane privately", status="partner"),
        _tie("acme", "ngo"),
        _tie("ngo", "union", "PARTNERS_WITH", note="@public note"),
        _tie("acme", "forum", "MEMBER_OF"),
        _tie("union", "forum", "MEMBER_OF", since="2024"),
        _tie("secret", "acme"),
    ]
    sources = [{"id": "s1", "file": "actors.csv", "format": "sheet", "lastImportedAt": "2026-11-30T09:00:00+00:00"}]
    state = compute_state(
        Quarter(2026, 4),
        entities,
        ties,
        sources,
        "2026-11-30T09:00:00+00:00",
        Settings(home_actor="us"),
        EntryOptions(spheres=()),
        PrivacyPolicy(include_sensitive=include_sensitive),
        now,
    )
    state.lay_out("spheres")
    return state


def test_privacy_leaves_out_people_contacts_notes_and_flagged_actors() -> None:
    state = hand_made()
    ids = {e["id"] for e in state.entities}
    assert "secret" not in ids and state.hidden_actors == 1
    acme = next(e for e in state.entities if e["id"] == "acme")["props"]
    assert "contactEmail" not in acme and "focalPerson" not in acme
    engaged = next(t for t in state.ties if t["type"] == "ENGAGED_WITH")
    assert "note" not in engaged["props"]
    other = next(t for t in state.ties if t["source"] == "ngo")
    assert other["props"]["note"] == "@public note"
    full = hand_made(include_sensitive=True)
    assert "secret" in {e["id"] for e in full.entities}
    assert "contactEmail" in next(e for e in full.entities if e["id"] == "acme")["props"]


def test_privacy_settings_add_fields() -> None:
    policy = PrivacyPolicy.from_settings_extra({"sensitive_fields": "donorRef, budgetLine"})
    assert policy.clean_node({"donorRef": 1, "budgetline": 2, "name": "x"}) == {"name": "x"}


def test_workbook_sheets_formats_and_formula_text(tmp_path: Path) -> None:
    from netmap.export.workbook import SHEETS, write_workbook

    path = tmp_path / "engagement.xlsx"
    write_workbook(path, hand_made(), None)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == list(SHEETS)
    actors = wb["Actors"]
    assert actors.freeze_panes == "A2" and actors.auto_filter.ref.startswith("A1:")
    assert actors["A1"].font.b
    header = [c.value for c in actors[1]]
    rows = {r[0]: dict(zip(header, r, strict=False)) for r in actors.iter_rows(min_row=2, values_only=True)}
    assert rows["acme"]["name"] == "-Acme & <Co>" and rows["acme"]["description"] == EVIL
    for row in actors.iter_rows(min_row=2):
        for cell in row:
            assert cell.data_type != "f", cell.coordinate
    acme_name = next(r[1] for r in actors.iter_rows(min_row=2) if r[0].value == "acme")
    assert acme_name.data_type == "s" and acme_name.quotePrefix
    assert "contactEmail" not in header and "jane" not in str(list(actors.values)).lower()
    rel = wb["Relationships"]
    assert any(c.value == "@public note" and c.data_type == "s" for r in rel.iter_rows() for c in r)
    entry = wb["Entry points"]
    assert entry.freeze_panes == "A3"  # an intro line, then the header
    assert [c.value for c in entry[2]][:3] == ["rank", "id", "name"]
    assert wb["Changes"]["A1"].value.startswith("No earlier snapshot")
    gaps = wb["Coverage gaps"]
    assert [c.value for c in gaps[1]][:5] == ["country", "sector", "actors", "engaged", "gap"]


def test_graph_files_read_back_with_networkx(tmp_path: Path) -> None:
    from netmap.export.graphfiles import write_gexf, write_graphml

    state = hand_made()
    write_graphml(tmp_path / "g.graphml", state)
    write_gexf(tmp_path / "g.gexf", state)
    for graph in (nx.read_graphml(tmp_path / "g.graphml"), nx.read_gexf(tmp_path / "g.gexf")):
        assert set(graph.nodes) == {"us", "acme", "union", "ngo", "forum"}
        assert graph.number_of_edges() == 5
    g = nx.read_graphml(tmp_path / "g.graphml")
    assert g.nodes["acme"]["sectors"] == "health" and g.nodes["acme"]["kind"] == "Company"
    assert g.nodes["acme"]["label"] == "-Acme & <Co>" and "contactEmail" not in g.nodes["acme"]
    assert "entryScore" in g.nodes["acme"] and g.nodes["forum"]["nodeType"] == "Forum"
    assert {d["type"] for _u, _v, d in g.edges(data=True)} == {"ENGAGED_WITH", "PARTNERS_WITH", "MEMBER_OF"}
    assert 'lastmodifieddate="2026-11-30"' in (tmp_path / "g.gexf").read_text()


def _write_all(state: ExportState, folder: Path) -> None:
    from netmap.export import graphfiles, html_map, static_map, workbook
    from netmap.export.snapshot import build_snapshot, dumps_snapshot

    folder.mkdir()
    workbook.write_workbook(folder / "engagement.xlsx", state, None)
    graphfiles.write_graphml(folder / "graph.graphml", state)
    graphfiles.write_gexf(folder / "graph.gexf", state)
    html_map.write_html(folder / "map.html", state)
    static_map.write_png(folder / "map.png", state)
    static_map.write_pdf(folder / "map.pdf", state)
    (folder / "snapshot.json").write_text(dumps_snapshot(build_snapshot(state)))


def test_files_are_byte_identical_apart_from_timestamps(tmp_path: Path) -> None:
    _write_all(hand_made(now="2026-12-01T10:00:00+00:00"), tmp_path / "a")
    _write_all(hand_made(now="2027-01-05T17:31:02+00:00"), tmp_path / "b")
    for name in ("engagement.xlsx", "graph.graphml", "graph.gexf", "map.html", "map.png", "map.pdf"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    a = (tmp_path / "a" / "snapshot.json").read_text().replace("2026-12-01T10:00:00+00:00", "T")
    b = (tmp_path / "b" / "snapshot.json").read_text().replace("2027-01-05T17:31:02+00:00", "T")
    assert a == b


def test_html_escapes_user_text(tmp_path: Path) -> None:
    from netmap.export.html_map import render_html

    state = hand_made()
    for e in state.entities:
        if e["id"] == "union":
            e["props"]["name"] = "</script><img src=x onerror=alert(1)>"
    state.graph.nodes["union"]["name"] = "</script><img src=x onerror=alert(1)>"
    page = render_html(state)
    assert "<img src=x" not in page and "</script><img" not in page
    assert page.count("</script>") == 3  # the json block, vis-network, the page's own script


def test_zip_entries_have_fixed_dates(tmp_path: Path) -> None:
    import zipfile

    from netmap.export.zipfiles import FIXED_TIME, write_zip

    write_zip(tmp_path / "x.zip", [("a/b.txt", b"hi")])
    with zipfile.ZipFile(tmp_path / "x.zip") as z:
        assert z.infolist()[0].date_time == FIXED_TIME and z.read("a/b.txt") == b"hi"


def test_compute_state_refuses_an_empty_graph() -> None:
    with pytest.raises(InputError, match="there are no actors to export"):
        compute_state(
            Quarter(2026, 4),
            [],
            [],
            [],
            None,
            Settings(),
            EntryOptions(),
            PrivacyPolicy(),
            dt.datetime.now().isoformat(),
        )


def test_large_graph_positions_are_the_pinned_ones() -> None:
    from netmap.drawing.positions import GRID_ABOVE, compute_positions

    graph = nx.barabasi_albert_graph(GRID_ABOVE + 500, 3, seed=1)
    ids = sorted(str(n) for n in graph)
    edges = sorted((str(u), str(v)) for u, v in graph.edges())
    positions = compute_positions(ids, edges)
    assert len(positions) == len(ids) == 1500
    # the same in every process and on every machine: pinned, not compared with a second call
    assert {n: positions[n] for n in ("0", "1", "1499")} == {
        "0": (721.1, 9.7),
        "1": (232.9, 323.9),
        "1499": (-958.7, -2057.4),
    }


LOG = [
    {
        "date": "2026-10-01",
        "actor": "acme",
        "name": "-Acme & <Co>",
        "status": "contacted",
        "note": "call Jane",
        "by": "officer",
        "at": "2026-10-01T09:00:00Z",
    },
    {
        "date": "2026-10-02",
        "actor": "secret",
        "name": "SECRET",
        "status": "identified",
        "note": "x",
        "by": "officer",
        "at": "2026-10-02T09:00:00Z",
    },
]


def test_the_engagement_log_sheet_leaves_notes_and_hidden_actors_out(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from netmap.export.workbook import write_workbook

    state = hand_made()
    state.keep_engagements(LOG)
    write_workbook(tmp_path / "e.xlsx", state, None)
    ws = load_workbook(tmp_path / "e.xlsx")["Engagement log"]
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    assert rows[0][0] == "Notes are left out (an admin exports them with --include-sensitive)."
    assert rows[1] == ["date", "actor", "name", "status", "by", "recorded at"]
    assert rows[2:] == [["2026-10-01", "acme", "-Acme & <Co>", "contacted", "officer", "2026-10-01T09:00:00Z"]]


def test_the_engagement_log_keeps_notes_when_sensitive_data_is_included(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from netmap.export.workbook import write_workbook

    state = hand_made(include_sensitive=True)
    state.keep_engagements(LOG)
    write_workbook(tmp_path / "e.xlsx", state, None)
    rows = [[c.value for c in r] for r in load_workbook(tmp_path / "e.xlsx")["Engagement log"].iter_rows()]
    assert rows[0][-1] == "note" and [r[-1] for r in rows[1:]] == ["call Jane", "x"]


@pytest.mark.parametrize(
    ("lang", "sheets", "header", "readme", "english"),
    [
        (
            "fr",
            [
                "Acteurs",
                "Relations",
                "Points d’entrée",
                "Matrice influence-intérêt",
                "Évolutions",
                "Suivi des contacts",
                "Lacunes de couverture",
            ],
            ["rang", "identifiant", "nom"],
            "Date des données (import le plus récent)\u00a0: 30 nov. 2026",
            ("Data date", "Contents", "reachable", "hop(s)", "Home actor"),
        ),
        (
            "es",
            [
                "Actores",
                "Relaciones",
                "Puntos de entrada",
                "Matriz influencia-interés",
                "Cambios",
                "Registro de contactos",
                "Brechas de cobertura",
            ],
            ["posición", "identificador", "nombre"],
            "Fecha de los datos (importación más reciente): 30 nov 2026",
            ("Data date", "Contents", "reachable", "hop(s)", "Home actor"),
        ),
    ],
)
def test_the_bundle_speaks_the_chosen_language(
    tmp_path: Path, lang: str, sheets: list[str], header: list[str], readme: str, english: tuple[str, ...]
) -> None:
    from netmap.export.bundle import _readme
    from netmap.export.html_map import render_html
    from netmap.export.workbook import write_workbook

    state = hand_made()
    state.lang = lang
    write_workbook(tmp_path / "engagement.xlsx", state, None)
    wb = openpyxl.load_workbook(tmp_path / "engagement.xlsx")
    assert wb.sheetnames == sheets
    entry = wb[sheets[2]]
    assert [c.value for c in entry[2]][:3] == header
    reasons = " ".join(str(r[-1]) for r in entry.iter_rows(min_row=3, values_only=True))
    text = _readme(state, None)
    assert readme in text
    page = render_html(state)
    assert f'<html lang="{lang}">' in page
    for word in english:
        assert word not in text and word not in reasons, word
    assert "Loading…" not in page and "Only entry points and us" not in page


def test_the_english_bundle_keeps_its_words(tmp_path: Path) -> None:
    from netmap.export.bundle import _readme

    text = _readme(hand_made(), None)
    assert "Data date (newest import): 2026-11-30T09:00:00+00:00" in text
    assert "  actors.csv [sheet] imported 2026-11-30T09:00:00+00:00" in text
