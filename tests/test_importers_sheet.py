"""The spreadsheet importer on its own (no database): layouts, columns, values and bad input."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from netmap.importers.sheet import SheetImporter
from sheet_files import ACTOR_HEADER, REL_HEADER, SHEETS, write_csv, write_xlsx

from netmap.errors import InputError, ValidationFailed
from netmap.model import Actor, Initiative, Relationship


def records(paths):
    return list(SheetImporter([Path(p) for p in paths]).read())


def refusal(paths) -> str:
    """The one-line error that reading ``paths`` stops at."""
    with pytest.raises(InputError) as info:
        records(paths)
    return str(info.value)


def problems_of(paths) -> list[str]:
    with pytest.raises(ValidationFailed) as info:
        records(paths)
    return [str(p) for p in info.value.problems]


def test_csv_pair_yields_actors_initiatives_and_relationships():
    out = records([SHEETS / "relationships.csv", SHEETS / "actors.csv"])  # order of the files does not matter
    actors = [r for r in out if isinstance(r, Actor)]
    forums = [r for r in out if isinstance(r, Initiative)]
    rels = [r for r in out if isinstance(r, Relationship)]
    assert [a.id for a in actors] == ["iom", "tbb", "acme-care", "chamber-de"]
    assert [(f.id, f.label) for f in forums] == [("gtf", "Forum")]
    assert len(rels) == 5
    assert out.index(rels[0]) > out.index(forums[0]), "nodes come before ties"


def test_values_are_mapped_and_raw_values_kept():
    out = {r.id: r for r in records([SHEETS / "actors.csv"]) if isinstance(r, Actor)}
    chamber = out["chamber-de"]
    assert (chamber.kind, chamber.kind_raw) == ("EmployerOrganisation", "Employer association")
    assert (chamber.country, chamber.country_raw) == ("DEU", "DE")
    assert out["acme-care"].country == "DEU"
    assert out["acme-care"].sectors == ("health care",)
    assert out["iom"].sectors == ("migration", "labour mobility")
    assert out["iom"].iati == "XM-DAC-47066"
    assert out["tbb"].engagement == "partner" and out["tbb"].influence == 4


def test_unknown_columns_are_kept_as_properties():
    out = {r.id: r for r in records([SHEETS / "actors.csv"]) if isinstance(r, Actor)}
    assert out["acme-care"].properties == {"budgetBand": "large"}
    assert out["iom"].properties == {}


def test_relationship_types_amounts_and_funding_keys():
    rels = [r for r in records([SHEETS / "actors.csv", SHEETS / "relationships.csv"]) if isinstance(r, Relationship)]
    member = rels[2]
    assert (member.type, member.type_raw, member.target) == (
        "MEMBER_OF",
        "member of",
        "German Chamber of Commerce (fictional)",
    )
    funds = rels[4]
    assert (funds.type, funds.amount, funds.currency, funds.key) == ("FUNDS", 10000.0, "EUR", "EUR:2023")


def test_headers_are_case_insensitive_and_synonyms_accepted(tmp_path):
    path = write_csv(tmp_path / "a.csv", ["Label", "TYPE", "Website"], [["Acme", "company", "https://acme.test"]])
    (actor,) = records([path])
    assert (actor.id, actor.name, actor.kind, actor.url) == ("acme", "Acme", "Company", "https://acme.test")


def test_semicolon_separated_csv_from_european_excel(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("name;kind;country\nAcme GmbH;Company;Deutschland\nBeta;NGO;FR\n", encoding="utf-8")
    with pytest.raises(ValidationFailed, match="line 2: column 'country' has 'Deutschland'"):
        records([path])
    path.write_text("name;kind;country\nAcme GmbH;Company;Germany\n", encoding="utf-8")
    assert records([path])[0].country == "DEU"


def test_xlsx_with_actors_and_relationships_sheets(tmp_path):
    path = write_xlsx(
        tmp_path / "s.xlsx",
        {
            "Actors": [
                ACTOR_HEADER,
                ["a", "Alpha", "NGO", "KEN", "", 2, "engaged"],
                ["b", "Beta", "Company", "", "", None, None],
            ],
            "Relationships": [REL_HEADER, ["a", "b", "PARTNERS_WITH", 4]],
        },
    )
    out = records([path])
    assert [type(r).__name__ for r in out] == ["Actor", "Actor", "Relationship"]
    assert out[0].influence == 2 and out[2].strength == 4
    assert out[0].origin == "s.xlsx sheet Actors row 2"


def test_kumu_blueprint_layout(tmp_path):
    path = write_xlsx(
        tmp_path / "kumu.xlsx",
        {
            "Elements": [
                ["Label", "Type", "Description", "Tags"],
                ["Refugee Council", "NGO", "advocacy", "refugees|advocacy"],
                ["Acme", "Company", "", ""],
            ],
            "Connections": [
                ["From", "To", "Type", "Direction", "Strength"],
                ["Refugee Council", "Acme", "partner", "mutual", 3],
            ],
        },
    )
    importer = SheetImporter([path])
    out = list(importer.read())
    assert out[0].name == "Refugee Council" and out[0].tags == ("refugees", "advocacy")
    assert out[0].description == "advocacy"
    assert (out[2].source, out[2].target, out[2].type, out[2].strength) == (
        "Refugee Council",
        "Acme",
        "PARTNERS_WITH",
        3,
    )
    assert any("Kumu" in n for n in importer.notes)


def test_formula_like_cells_stay_plain_text(tmp_path):
    path = write_csv(
        tmp_path / "a.csv",
        ["name", "kind", "description"],
        [['=HYPERLINK("http://x")', "NGO", "+1 555"], ["@SUM(A1)", "NGO", "-2"]],
    )
    xlsx = write_xlsx(tmp_path / "a.xlsx", {"Actors": [["name", "kind", "description"], ["=1+1", "NGO", "=A1"]]})
    out = records([path]) + records([xlsx])
    assert [a.name for a in out] == ['=HYPERLINK("http://x")', "@SUM(A1)", "=1+1"]
    assert [a.description for a in out] == ["+1 555", "-2", "=A1"]


def test_cp1252_csv_is_read_correctly_and_noted(tmp_path):
    path = write_csv(tmp_path / "a.csv", ["name", "kind"], [["Caritas Région Genève", "NGO"]], encoding="cp1252")
    importer = SheetImporter([path])
    (actor,) = list(importer.read())
    assert actor.name == "Caritas Région Genève"
    assert importer.notes == ["a.csv: not valid UTF-8, read as Windows-1252 (cp1252)"]


def test_binary_file_is_refused(tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes(b"name,kind\n\x00\x01\x02")
    with pytest.raises(InputError, match="a.csv: holds NUL bytes: this is not a text CSV file"):
        SheetImporter([path])


def test_empty_file_is_refused(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_text("")
    with pytest.raises(InputError, match="^empty.csv: the file is empty"):
        SheetImporter([path])


def test_header_only_file_is_refused_as_empty(tmp_path):
    path = tmp_path / "blank.csv"
    path.write_text("\n\n")
    with pytest.raises(InputError, match="blank.csv: the file is empty"):
        SheetImporter([path])


def test_missing_required_column_names_the_column_and_file(tmp_path):
    path = write_csv(tmp_path / "actors.csv", ["name", "country"], [["Acme", "DEU"]])
    assert problems_of([path]) == [
        "actors.csv: missing required column 'kind' — an actors table needs the columns name, kind (found: name, country)"
    ]


def test_unknown_kind_names_file_line_and_expected_values(tmp_path):
    path = write_csv(tmp_path / "actors.csv", ["name", "kind"], [["Acme", "Company"], ["Ministry", "Gov."]])
    (problem,) = problems_of([path])
    assert problem.startswith("actors.csv line 3: column 'kind' has 'Gov.' — expected one of Government, IGO, NGO")


def test_every_bad_row_is_reported_not_just_the_first(tmp_path):
    path = write_csv(
        tmp_path / "actors.csv",
        ["name", "kind", "influence", "engagement"],
        [["A", "NGO", "7", ""], ["B", "NGO", "", "friends"], ["", "NGO", "", ""]],
    )
    assert problems_of([path]) == [
        "actors.csv line 2: column 'influence' has '7' — expected a whole number from 1 to 5",
        "actors.csv line 3: column 'engagement' has 'friends' — expected one of none, identified, contacted, engaged, partner",
        "actors.csv line 4: column 'name' is empty — every actor needs a name",
    ]


def test_same_id_with_different_names_is_refused(tmp_path):
    path = write_csv(tmp_path / "actors.csv", ["id", "name", "kind"], [["x", "Alpha", "NGO"], ["x", "Beta", "NGO"]])
    assert problems_of([path]) == [
        "actors.csv line 3: id 'x' is used for 'Beta', but actors.csv line 2 gave it to 'Alpha' — give each actor its own id"
    ]


def test_same_id_with_the_same_name_is_merged_with_a_warning(tmp_path):
    path = write_csv(tmp_path / "actors.csv", ["id", "name", "kind"], [["x", "Alpha", "NGO"], ["x", "Alpha", "NGO"]])
    importer = SheetImporter([path])
    assert len(list(importer.read())) == 2
    assert importer.warnings == ["actors.csv line 3: repeats id 'x' of actors.csv line 2; merged"]


def test_unknown_relationship_type_is_refused(tmp_path):
    actors = write_csv(tmp_path / "actors.csv", ["name", "kind"], [["A", "NGO"]])
    rels = write_csv(tmp_path / "rels.csv", ["from", "to", "type"], [["A", "A", "likes"]])
    (problem,) = problems_of([actors, rels])
    assert problem.startswith("rels.csv line 2: column 'type' has 'likes' — expected one of MEMBER_OF, FUNDS")


def test_xlsx_without_the_expected_sheets_is_refused(tmp_path):
    path = write_xlsx(tmp_path / "book.xlsx", {"Sheet1": [["name"]], "Contacts": [["x"]]})
    with pytest.raises(InputError) as info:
        SheetImporter([path])
    assert str(info.value) == (
        "book.xlsx: has no sheet named 'Actors' (or Kumu's 'Elements'); its sheets are: Sheet1, Contacts"
        " — name the sheets 'Actors' and 'Relationships'"
    )


def test_a_file_that_is_not_a_workbook_is_refused(tmp_path):
    path = tmp_path / "fake.xlsx"
    path.write_text("name,kind\n")
    with pytest.raises(InputError, match="fake.xlsx: is not a valid .xlsx workbook"):
        SheetImporter([path])


def test_other_extensions_are_refused(tmp_path):
    path = tmp_path / "a.json"
    path.write_text("{}")
    with pytest.raises(
        InputError, match="a.json: has the extension '.json' — expected .csv files or an .xlsx workbook"
    ):
        SheetImporter([path])


def test_200k_rows_are_streamed_with_bounded_memory(tmp_path):
    path = tmp_path / "big.csv"
    with open(path, "w") as fh:
        fh.write("id,name,kind,country,sectors,description\n")
        for i in range(200_000):
            fh.write(f"a{i},Actor {i},Company,DEU,health care|IT,{'x' * 100}\n")
    script = (
        "import sys, tracemalloc; from pathlib import Path; from netmap.importers.sheet import SheetImporter\n"
        "tracemalloc.start(); n = sum(1 for _ in SheetImporter([Path(sys.argv[1])]).read())\n"
        "print(n, tracemalloc.get_traced_memory()[1])"
    )
    out = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True, check=True)
    count, peak = map(int, out.stdout.split())
    assert count == 200_000
    size = path.stat().st_size
    assert size > 25_000_000
    # Only the id -> name index grows with the file (about 150 bytes a row); the rows themselves are streamed.
    print(f"peak {peak / 1e6:.1f} MB")
    assert peak < 60_000_000, f"peak {peak / 1e6:.1f} MB for a {size / 1e6:.0f} MB file"


def _kumu(tmp_path: Path, elements: list[list[object]], connections: list[list[object]]) -> Path:
    return write_xlsx(
        tmp_path / "kumu.xlsx",
        {
            "Elements": [["Label", "Type", "Description", "Tags"], *elements],
            "Connections": [["From", "To", "Type", "Direction", "Strength"], *connections],
        },
    )


KUMU_AS_EXPORTED = (
    [
        ["UNHCR", "Organization", "", ""],
        ["Refugee Council", "NGO", "", ""],
        ["Jane Doe", "Person", "focal point", ""],
        ["Livelihoods 2024", "Project", "", ""],
        ["Acme", "Organization", "", ""],
        ["Chamber", "Business network", "", ""],
    ],
    [
        ["UNHCR", "Refugee Council", "partner", "mutual", 3],
        ["Jane Doe", "UNHCR", "partner", "", ""],
        ["Refugee Council", "Livelihoods 2024", "implements", "", ""],
    ],
)


def test_kumu_free_text_types_become_other_with_the_raw_type_and_one_warning(tmp_path):
    importer = SheetImporter([_kumu(tmp_path, *KUMU_AS_EXPORTED)])
    out = list(importer.read())
    kinds = {
        r.name: (getattr(r, "kind", None), getattr(r, "kind_raw", None)) for r in out if not isinstance(r, Relationship)
    }
    assert kinds["UNHCR"] == ("Other", "Organization")
    assert kinds["Chamber"] == ("Other", "Business network")
    assert kinds["Refugee Council"] == ("NGO", None)
    [warning] = [w for w in importer.warnings if "outside the vocabulary" in w]
    assert "'Organization' (2), 'Business network' (1)" in warning and "--kind-map" in warning


def test_kumu_projects_become_programmes_and_people_are_skipped_and_counted(tmp_path):
    importer = SheetImporter([_kumu(tmp_path, *KUMU_AS_EXPORTED)])
    out = list(importer.read())
    assert [r.name for r in out if isinstance(r, Initiative)] == ["Livelihoods 2024"]
    assert "Jane Doe" not in {getattr(r, "name", None) for r in out}
    assert [(t.source, t.target) for t in out if isinstance(t, Relationship)] == [
        ("UNHCR", "Refugee Council"),
        ("Refugee Council", "Livelihoods 2024"),
    ]
    tally = importer.tally.as_dict()
    assert (tally["read"], tally["used"], tally["merged"]) == (9, 7, 0)
    assert tally["skipped"] == [
        {"reason": "a person (people's data is not imported)", "rows": 1, "first_lines": [4]},
        {"reason": "connection of a person (people's data is not imported)", "rows": 1, "first_lines": [3]},
    ]


def test_kind_map_says_what_a_free_text_type_means(tmp_path):
    importer = SheetImporter([_kumu(tmp_path, *KUMU_AS_EXPORTED)], kind_map=["organization=IGO", "Person=NGO"])
    out = list(importer.read())
    kinds = {r.name: r.kind for r in out if isinstance(r, Actor)}
    assert kinds["UNHCR"] == "IGO" and kinds["Jane Doe"] == "NGO"
    with pytest.raises(InputError, match="'Charity' is not a kind"):
        SheetImporter([_kumu(tmp_path, *KUMU_AS_EXPORTED)], kind_map=["Organization=Charity"])


def test_kumu_bad_element_is_one_problem_not_one_per_connection(tmp_path):
    path = _kumu(
        tmp_path,
        [["UNHCR", "Organization", "", ""], ["Acme", "Company", "", ""]],
        [["UNHCR", "Acme", "partner", "", ""], ["Acme", "UNHCR", "funds", "", ""], ["UNHCR", "Acme", "partner", "", 9]],
    )
    book = __import__("openpyxl").load_workbook(path)
    book["Elements"].cell(row=2, column=5, value="Country")
    book["Elements"].cell(row=1, column=5, value="Country")
    book["Elements"].cell(row=2, column=5, value="Atlantis")
    book.save(path)
    with pytest.raises(ValidationFailed) as info:
        list(SheetImporter([path]).read())
    messages = [str(p) for p in info.value.problems]
    assert messages[0].startswith("kumu.xlsx sheet Elements row 2: column 'country' has 'Atlantis'")
    assert messages[1].startswith(
        "kumu.xlsx sheet Elements row 2: 3 connection(s) of this element were not read "
        "(kumu.xlsx sheet Connections row 2, 3, 4)"
    )
    assert len(messages) == 2


def test_kumu_connections_read_apart_still_skip_people(tmp_path):
    importer = SheetImporter([_kumu(tmp_path, *KUMU_AS_EXPORTED)])
    ties = list(importer.read("ties"))
    assert [(t.source, t.target) for t in ties] == [
        ("UNHCR", "Refugee Council"),
        ("Refugee Council", "Livelihoods 2024"),
    ]
    assert importer.tally.as_dict()["skipped"][0]["reason"].startswith("connection of a person")


def test_zip_that_is_not_a_workbook_is_refused_in_the_users_terms(tmp_path):
    import zipfile

    path = tmp_path / "book.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.txt", "hello")
    with pytest.raises(InputError) as info:
        SheetImporter([path])
    message = str(info.value)
    assert message.startswith("book.xlsx: is a zip archive, not an Excel .xlsx workbook")
    assert "KeyError" not in message and "Content_Types" not in message and "save it" in message


def test_damaged_workbook_is_refused_without_library_wording(tmp_path):
    good = write_xlsx(tmp_path / "good.xlsx", {"Actors": [["name", "kind"], ["A", "NGO"]]})
    import zipfile

    path = tmp_path / "book.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(path, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            dst.writestr(item, b"<broken" if item.filename == "xl/workbook.xml" else data)
    with pytest.raises(InputError) as info:
        SheetImporter([path])
    assert str(info.value).startswith("book.xlsx: is a damaged .xlsx workbook: part of it cannot be read")


def test_a_column_named_twice_is_refused_with_both_positions(tmp_path):
    path = write_csv(tmp_path / "actors.csv", ["id", "Name", "kind", "name "], [["a", "A", "NGO", "B"]])
    with pytest.raises(InputError) as info:
        SheetImporter([path])
    assert str(info.value) == (
        "actors.csv line 1: has the column 'name' twice (columns 2 and 4) — rename or remove one of them"
    )
    book = write_xlsx(tmp_path / "book.xlsx", {"Actors": [["id", "name", "kind", "kind"], ["a", "A", "NGO", "IGO"]]})
    with pytest.raises(InputError, match=r"^book.xlsx sheet Actors row 1: has the column 'kind' twice"):
        SheetImporter([book])


def test_blank_header_cells_may_repeat_when_their_columns_are_empty(tmp_path):
    path = write_csv(tmp_path / "actors.csv", ["id", "", "name", "", "kind"], [["a", "", "A", "", "NGO"]])
    assert [r.id for r in records([path])] == ["a"]


def test_cells_beyond_the_header_are_refused_not_dropped(tmp_path):
    path = tmp_path / "actors.csv"
    path.write_text("id,name,kind\nb,B,NGO,,\nacme,Acme, Inc.,Company\n")  # an unquoted comma shifts the row
    assert refusal([path]) == (
        "actors.csv line 3: has 4 cells but the header row has 3 columns — put quotes around values that "
        "contain ',', or give the extra column a header"
    )


def test_a_value_under_a_blank_header_is_refused(tmp_path):
    book = write_xlsx(tmp_path / "book.xlsx", {"Actors": [["id", "name", None, "kind"], ["a", "A", "note", "NGO"]]})
    assert refusal([book]) == (
        "book.xlsx sheet Actors row 2: has a value in column 3, which has no header — give the column a header"
    )


def test_a_csv_value_under_a_blank_header_is_refused_after_rows_that_fit(tmp_path):
    path = write_csv(
        tmp_path / "actors.csv", ["id", "name", "", "kind"], [["a", "A", "", "NGO"], ["b", "B", "x", "NGO"]]
    )
    assert (
        refusal([path]) == "actors.csv line 3: has a value in column 3, which has no header — give the column a header"
    )


@pytest.mark.parametrize(
    ("cell", "strength"), [("", None), ("1", 1), ("5", 5), ("05", 5), ("4.0", 4), ("\u0663", 3), ("\u00b2", "refused")]
)
def test_a_strength_is_a_whole_number_from_1_to_5_however_it_is_written(tmp_path, cell, strength):
    actors = write_csv(tmp_path / "actors.csv", ["id", "name", "kind"], [["a", "A", "NGO"], ["b", "B", "NGO"]])
    ties = write_csv(tmp_path / "ties.csv", ["from", "to", "type", "strength"], [["a", "b", "PARTNERS_WITH", cell]])
    if strength == "refused":
        assert "column 'strength' has" in problems_of([actors, ties])[0]
    else:
        assert [r.strength for r in records([actors, ties]) if isinstance(r, Relationship)] == [strength]


@pytest.mark.parametrize("cell", ["0", "6", "12", "-1", "high"])
def test_a_strength_outside_1_to_5_is_refused(tmp_path, cell):
    actors = write_csv(tmp_path / "actors.csv", ["id", "name", "kind"], [["a", "A", "NGO"], ["b", "B", "NGO"]])
    ties = write_csv(tmp_path / "ties.csv", ["from", "to", "type", "strength"], [["a", "b", "PARTNERS_WITH", cell]])
    assert f"ties.csv line 2: column 'strength' has '{cell}'" in problems_of([actors, ties])[0]


def test_a_cell_over_the_csv_limit_names_the_line_not_a_bug(tmp_path):
    path = tmp_path / "actors.csv"
    path.write_text("id,name,kind\na,A,NGO\nb," + "x" * (17 * 1024 * 1024) + ",NGO\n")
    assert refusal([path]) == (
        "actors.csv line 3: has a cell longer than 16 MB — a quote left open makes the rest of the file one "
        "cell: check the quotes near this line (cells hold at most that much)"
    )


def test_upload_limits_cap_rows_and_the_unpacked_size_of_a_workbook(tmp_path):
    from netmap.importers.tabular import Limits

    rows = [[f"a{i}", f"A {i}", "NGO"] for i in range(11)]
    path = write_csv(tmp_path / "actors.csv", ["id", "name", "kind"], rows)
    limits = Limits(rows=10, unpacked_bytes=10**9, hint="use the CLI")
    assert len(records([path])) == 11, "no limit unless one is given"
    with pytest.raises(InputError) as info:
        list(SheetImporter([path], limits=limits).read())
    assert str(info.value) == "actors.csv: has more than 10 rows, the most allowed here — use the CLI"
    book = write_xlsx(tmp_path / "book.xlsx", {"Actors": [["id", "name", "kind"], *rows]})
    with pytest.raises(InputError) as refused:
        SheetImporter([book], limits=Limits(rows=1000, unpacked_bytes=2000, hint="use the CLI"))
    assert str(refused.value).startswith("book.xlsx: unpacks to ")
    assert str(refused.value).endswith(" MB, more than the 0 MB allowed here — use the CLI")
