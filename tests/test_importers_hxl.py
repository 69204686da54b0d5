"""HXL 3W/4W importer: the real UNHCR 3W, tag normalisation, chains, mappings, personal data, encodings."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from netmap.importers.hxl import HxlImporter, normalise_tag

from netmap.errors import InputError
from netmap.model import Actor, Relationship, slugify

REAL = Path(__file__).parent / "data" / "real" / "hxl-3w"
UNHCR = REAL / "unhcr-3w-2014_hxl.csv"
#: Organisations the real 3W names by their acronyms in two languages → the one more rows use.
LANGUAGE_VARIANTS = {"oim": "iom", "oms": "who", "icrc": "cicr"}


def read(path: Path, **options: object) -> tuple[list[Actor], list[Relationship], HxlImporter]:
    imp = HxlImporter([path], **options)  # type: ignore[arg-type]
    recs = list(imp.read())
    return [r for r in recs if isinstance(r, Actor)], [r for r in recs if isinstance(r, Relationship)], imp


def test_real_unhcr_3w_gives_one_actor_per_distinct_organisation() -> None:
    with UNHCR.open(newline="") as handle:
        rows = list(csv.reader(handle))
    org_col = rows[1].index("#org")
    expected = {slugify(" ".join(r[org_col].split())) for r in rows[2:] if r[org_col].strip()}
    actors, ties, _ = read(UNHCR)
    # "GoN/MoH" names two organisations the sheet also names alone: it splits into them; "OIM", "OMS" and
    # "ICRC" are the French (English) acronyms of organisations more rows name the other way: IOM, WHO, CICR
    assert {a.id for a in actors} == expected - {"gon-moh", "oim-iom"} - set(LANGUAGE_VARIANTS)
    assert {(t.type, t.source, t.target) for t in ties} == {
        ("PARTNERS_WITH", "gon", "moh"),
    }  # a 3W with only #org has no funding chains


def test_real_unhcr_3w_accounts_for_every_row() -> None:
    with UNHCR.open(newline="") as handle:
        data_rows = len(list(csv.reader(handle))) - 2
    actors, _, imp = read(UNHCR)
    tally = imp.tally.as_dict()
    skipped = sum(group["rows"] for group in tally["skipped"])
    assert tally["read"] == data_rows == tally["used"] + tally["merged"] + skipped
    assert tally["used"] == len(actors)  # the two consortium rows add to members other rows gave


def test_real_unhcr_3w_gives_organisations_their_sectors_and_countries() -> None:
    with UNHCR.open(newline="") as handle:
        rows = list(csv.reader(handle))
    tags = rows[1]
    org, sector, country = tags.index("#org"), tags.index("#sector"), tags.index("#country")
    want_sectors: dict[str, set[str]] = {}
    want_countries: dict[str, set[str]] = {}
    split = {"GoN/MoH": ["gon", "moh"], "OIM / IOM": ["iom"]}
    for row in rows[2:]:
        name = " ".join(row[org].split())
        for key in split.get(name, [slugify(name)]):
            key = LANGUAGE_VARIANTS.get(key, key)
            want_sectors.setdefault(key, set()).add(row[sector])
            want_countries.setdefault(key, set()).add(row[country])
    actors, _, _ = read(UNHCR)
    for actor in actors:
        assert set(actor.sectors) == want_sectors[actor.id] - {""}
        got = len(actor.properties.get("countries", [])) + len(actor.properties.get("countries_raw", []))
        assert got == len(want_countries[actor.id] - {""})
    chad = next(a for a in actors if a.name == "LWF Chad")
    assert chad.country == "TCD"


def test_tags_are_normalised_for_case_spaces_and_attribute_order() -> None:
    expected = ("#org", frozenset({"code", "type"}))
    assert normalise_tag("#Org +Type  +code") == normalise_tag("#org+code+type") == expected
    assert normalise_tag("Organisation") is None


def test_funder_programme_partner_implementer_chain_becomes_funds_ties(tmp_path: Path) -> None:
    path = tmp_path / "4w.csv"
    path.write_text(
        "Donor,Partner,Implementer,Impl acronym,Impl type,Sector,Country\n"
        "#org +funder,#org+prog,#org+impl,#org+impl+acronym,#org+impl+type,#sector,#country+code\n"
        "ECHO,UNHCR,Skills Foundation,SF,National NGO,Livelihoods,KEN\n"
        "ECHO,UNHCR,Skills Foundation,SF,National NGO,Education,UGA\n"
        "ECHO,,Talent Beyond Boundaries,TBB,International NGO,Livelihoods,JOR\n"
    )
    actors, ties, _ = read(path)
    pairs = {(t.source, t.target, t.properties["rows"]) for t in ties}
    assert pairs == {("echo", "unhcr", 2), ("unhcr", "skills-foundation", 2), ("echo", "talent-beyond-boundaries", 1)}
    assert all(t.type == "FUNDS" for t in ties)
    sf = next(a for a in actors if a.id == "skills-foundation")
    assert sf.aliases == ("SF",) and sf.kind == "NGO" and set(sf.properties["countries"]) == {"KEN", "UGA"}


def test_personal_data_columns_are_never_imported(tmp_path: Path) -> None:
    path = tmp_path / "contacts.csv"
    path.write_text(
        "Org,Focal point,Email,Phone,Sector\n"
        "#org,#contact+name,#contact+email,#contact+phone,#sector\n"
        "Skills Foundation,Jane Doe,jane@example.org,+254700000000,Livelihoods\n"
    )
    actors, _, imp = read(path)
    dump = repr(actors)
    assert "Jane" not in dump and "jane@" not in dump and "254700" not in dump
    assert any("personal-data" in w for w in imp.warnings)


def test_sheet_without_hashtag_row_reads_through_a_mapping(tmp_path: Path) -> None:
    path = tmp_path / "plain.csv"
    path.write_text("Organisation,Cluster\nSkills Foundation,Livelihoods\nTBB,Protection\n")
    actors, _, _ = read(path, mapping=["Organisation=#org+impl", "Cluster=#sector"])
    assert {(a.name, a.sectors) for a in actors} == {("Skills Foundation", ("Livelihoods",)), ("TBB", ("Protection",))}


def test_sheet_without_hashtag_row_or_mapping_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "plain.csv"
    path.write_text("Organisation,Cluster\nSkills Foundation,Livelihoods\n")
    with pytest.raises(InputError, match="no HXL hashtag row"):
        read(path)


def test_3w_without_organisation_column_is_refused_naming_the_columns() -> None:
    with pytest.raises(InputError, match=r"line 2: no organisation column .*Preferred Term"):
        read(REAL / "ocha-organization-types-beta_hxl.csv")


def test_mixed_encodings_are_read_line_by_line(tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    path.write_bytes(
        b"#org,#sector\n"
        + "Médecins du Monde,Health\n".encode()
        + "Secours Islamique Français,Shelter\n".encode("cp1252")
    )
    actors, _, imp = read(path)
    assert {a.name for a in actors} == {"Médecins du Monde", "Secours Islamique Français"}
    assert any("line(s) 3" in w and "Windows-1252" in w for w in imp.warnings)


def test_wrong_format_file_is_refused(tmp_path: Path) -> None:
    gexf = Path(__file__).parent / "data" / "real" / "graphml-gexf" / "gexf-spec-data-example.gexf"
    with pytest.raises(InputError, match="no HXL hashtag row"):
        read(gexf)


def test_damaged_xlsx_workbook_is_refused_in_the_users_words(tmp_path: Path) -> None:
    path = tmp_path / "book.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    with pytest.raises(InputError) as info:
        read(path)
    assert str(info.value) == (
        "book.xlsx: is not a valid .xlsx workbook (it is not a zip archive) — save it from your spreadsheet "
        "program as .xlsx, or export the sheets as CSV"
    )


def _workbook(tmp_path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    path = tmp_path / "3w.xlsx"
    book.save(path)
    return path


def test_xlsx_3w_is_read_from_the_sheets_with_a_hashtag_row(tmp_path: Path) -> None:
    path = _workbook(
        tmp_path,
        {
            "Read me": [["3W of partners, June"], ["Contact the IM officer for changes"]],
            "3W": [
                ["Organisation", "Acronym", "Sector", "Admin 1"],
                ["#org+name", "#org+acronym", "#sector", "#adm1"],
                ["Norwegian Refugee Council", "NRC", "Shelter", "Ouaddaï"],
                [None, "NRC", "WASH", None],
                [None, None, None, None],
                ["OIM / IOM", None, "Protection", None],
            ],
        },
    )
    actors, ties, imp = read(path)
    assert {a.name: sorted(a.sectors) for a in actors} == {
        "Norwegian Refugee Council": ["Shelter", "WASH"],
        "IOM": ["Protection"],
    }
    assert actors[0].origin == "3w.xlsx sheet 3W row 3"
    tally = imp.tally.as_dict()
    assert (tally["read"], tally["used"], tally["merged"]) == (4, 2, 1)
    assert tally["skipped"] == [{"reason": "empty row", "rows": 1, "first_lines": [5]}]
    assert imp.warnings == ["3w.xlsx: sheet(s) without an HXL hashtag row not read: Read me"]


def test_xlsx_without_a_hashtag_row_on_any_sheet_is_refused_naming_the_sheets(tmp_path: Path) -> None:
    path = _workbook(tmp_path, {"Data": [["Organisation"], ["NRC"]], "Lists": [["Sector"]]})
    with pytest.raises(
        InputError, match=r"3w.xlsx: no HXL hashtag row \(a row of #tags\) of any sheet \(Data, Lists\)"
    ):
        read(path)
    actors, _, _ = read(path, mapping=["Organisation=#org"])
    assert [a.name for a in actors] == ["NRC"]


def test_hxl_longer_than_its_row_limit_is_refused_naming_the_limit(tmp_path: Path) -> None:
    from netmap.importers.limits import parse_limits

    path = write(tmp_path, "#org\n" + "".join(f"Org {n}\n" for n in range(4)))
    with pytest.raises(InputError) as info:
        read(path, limits=parse_limits(["records=3"]))
    assert str(info.value) == (
        "3w.csv: has more than 3 rows, the most allowed here — if the file is what you meant, raise the limit:"
        " --limit records=12"
    )
    assert len(read(path, limits=parse_limits(["records=4"]))[0]) == 4


def test_hxl_with_a_cell_or_a_file_beyond_the_limits_is_refused_naming_the_limit(tmp_path: Path) -> None:
    import gzip

    from netmap.importers.limits import parse_limits

    path = write(tmp_path, "#org,#sector\nNRC," + "x" * (2 * 1024 * 1024) + "\n")
    with pytest.raises(InputError) as info:
        read(path, limits=parse_limits(["text-mb=1"]))
    assert str(info.value).startswith("3w.csv line 2: holds a text of more than 1 MB, the most allowed here")
    assert "--limit text-mb=4" in str(info.value)
    packed = tmp_path / "3w.csv.gz"  # a small .gz that unpacks to more than the cap
    packed.write_bytes(gzip.compress(b"#org\n" + b"NRC\n" * 400_000))
    with pytest.raises(InputError, match=r"--limit unpacked-mb="):
        read(packed, limits=parse_limits(["unpacked-mb=1"]))


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "3w.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_acronym_only_rows_join_the_organisation_another_row_names_in_full(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "#org+name,#org+acronym,#sector\n"
        ",NRC,Shelter\n"  # before the full name: matched once the file is read
        "Norwegian Refugee Council,NRC,Education\n"
        ",nrc,WASH\n",
    )
    actors, _, imp = read(path)
    assert [(a.name, sorted(a.sectors)) for a in actors] == [
        ("Norwegian Refugee Council", ["Education", "Shelter", "WASH"])
    ]
    assert actors[0].properties["hxl_rows"] == 3
    assert imp.tally.as_dict()["read"] == 3


def test_acronym_only_organisation_unknown_to_the_file_is_named_by_its_acronym_and_marked(tmp_path: Path) -> None:
    actors, _, _ = read(write(tmp_path, "#org+name,#org+acronym\n,AMEL\n,AMEL\n"))
    assert [(a.id, a.name, a.aliases) for a in actors] == [("amel", "AMEL", ("AMEL",))]
    assert actors[0].properties["nameFromAcronym"] is True


@pytest.mark.parametrize("cell", ["NRC + IRC", "nrc/irc", "NRC  &  International Rescue Committee", "NRC,IRC"])
def test_consortium_cell_splits_into_known_members_tied_as_partners(tmp_path: Path, cell: str) -> None:
    path = write(
        tmp_path,
        "#org+name,#org+acronym,#sector\n"
        f'"{cell}",,Protection\n'
        "Norwegian Refugee Council,NRC,Shelter\n"
        "International Rescue Committee,IRC,Health\n",
    )
    actors, ties, imp = read(path)
    assert {a.id: sorted(a.sectors) for a in actors} == {
        "norwegian-refugee-council": ["Protection", "Shelter"],
        "international-rescue-committee": ["Health", "Protection"],
    }
    assert [(t.type, t.source, t.target, t.properties["consortium"]) for t in ties] == [
        ("PARTNERS_WITH", "international-rescue-committee", "norwegian-refugee-council", [" ".join(cell.split())])
    ]
    assert imp.warnings == []


def test_consortium_cell_with_an_unknown_part_stays_one_actor_with_a_warning(tmp_path: Path) -> None:
    path = write(tmp_path, "#org+name,#org+acronym\nNRC + Local Partner X,\nNorwegian Refugee Council,NRC\n")
    actors, ties, imp = read(path)
    assert {a.name for a in actors} == {"NRC + Local Partner X", "Norwegian Refugee Council"}
    assert ties == []
    assert any("'NRC + Local Partner X'" in w and "kept as one actor" in w for w in imp.warnings)


def test_name_with_an_ampersand_is_not_taken_for_a_consortium(tmp_path: Path) -> None:
    actors, _, imp = read(write(tmp_path, "#org\nFood & Water Watch\n"))
    assert [a.name for a in actors] == ["Food & Water Watch"]
    assert imp.warnings == []


def test_consortium_funding_chain_reaches_each_member(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "#org+funder,#org+impl\nECHO,NRC / IRC\nECHO,NRC\nECHO,IRC\n",
    )
    _, ties, _ = read(path)
    funds = sorted((t.source, t.target, t.properties["rows"]) for t in ties if t.type == "FUNDS")
    assert funds == [("echo", "irc", 2), ("echo", "nrc", 2)]


@pytest.mark.parametrize("tag", ["#org_id", "#org+id", "#org+code"])
def test_pre_1_0_identifier_column_names_organisations_when_org_is_empty(tmp_path: Path, tag: str) -> None:
    path = write(tmp_path, f"#org,{tag},#sector\n,UNICEF,WASH\n,WFP,Food\nUNICEF,UNICEF,Health\n,,Health\n")
    actors, _, imp = read(path)
    assert {a.name: sorted(a.sectors) for a in actors} == {"UNICEF": ["Health", "WASH"], "WFP": ["Food"]}
    wfp = next(a for a in actors if a.name == "WFP")
    assert wfp.properties["nameFromIdentifier"] is True
    tally = imp.tally.as_dict()
    assert (tally["read"], tally["used"], tally["merged"]) == (4, 2, 1)
    assert tally["skipped"] == [{"reason": "no organisation named", "rows": 1, "first_lines": [5]}]


def test_3w_whose_organisation_cells_are_all_empty_is_refused_naming_the_column_to_map(tmp_path: Path) -> None:
    path = write(tmp_path, "Agency,Partner,Sector\n#org,,#sector\n,Save the Children,WASH\n,,Health\n")
    with pytest.raises(InputError, match=r"'Agency'\) is empty on all 2 rows") as info:
        read(path)
    assert "--map 'Partner=#org+impl'" in str(info.value.hint)


def test_bilingual_cell_naming_one_organisation_twice_is_that_organisation_not_a_consortium() -> None:
    actors, ties, imp = read(UNHCR)
    iom = [a for a in actors if a.name in ("IOM", "OIM", "OIM / IOM")]
    assert [(a.name, a.aliases) for a in iom] == [("IOM", ("OIM",))]
    with UNHCR.open(encoding="utf-8") as handle:
        rows = [r for r in csv.reader(handle)][2:]
    assert iom[0].properties["hxl_rows"] == sum(r[7] in ("IOM", "OIM", "OIM / IOM") for r in rows)
    assert not [t for t in ties if t.type == "PARTNERS_WITH" and "iom" in (t.source, t.target)]
    assert "hxl_consortia" not in iom[0].properties


def test_parts_naming_the_same_organisation_are_one_organisation(tmp_path: Path) -> None:
    path = write(tmp_path, "#org+name,#org+acronym\nNRC / Norwegian Refugee Council,\nNorwegian Refugee Council,NRC\n")
    actors, ties, imp = read(path)
    assert [(a.name, a.properties["hxl_rows"]) for a in actors] == [("Norwegian Refugee Council", 2)]
    assert ties == [] and imp.warnings == []
