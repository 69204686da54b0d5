"""Organisation reference lists: canonical names with acronyms, types and name variants as aliases."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from netmap.importers.orgs import OrgsImporter, split_acronym

from netmap.errors import InputError
from netmap.model import Actor, Relationship, slugify

REAL = Path(__file__).parent / "data" / "real" / "org-lists"
HAPI = REAL / "hdx-hapi-organisations-global.csv"
NAME_MAP = REAL / "hdx-org-name-map.csv"


def actors(path: Path) -> list[Actor]:
    return [r for r in OrgsImporter([path]).read() if isinstance(r, Actor)]


def test_hdx_hapi_list_gives_one_actor_per_distinct_name_with_its_acronym() -> None:
    with HAPI.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    # same name up to case/accents (and a bracketed acronym after it): one actor
    slugs = {slugify(split_acronym(r["name"])[0]) for r in rows if r["name"].strip()}
    got = actors(HAPI)
    assert {a.id for a in got} == slugs
    aar = next(a for a in got if a.name == "Action Aid International")
    assert aar.aliases == ("AAI",) and aar.kind == "NGO" and aar.kind_raw == "International NGO"
    assert all(a.properties["reference_list"] for a in got)


def test_hdx_name_map_folds_variants_into_aliases_of_the_canonical_name() -> None:
    with NAME_MAP.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    keys = {slugify(split_acronym(r["Canonical Name"])[0]) for r in rows if r["Canonical Name"].strip()}
    got = actors(NAME_MAP)
    assert len(got) == len(keys)
    unicef = next(a for a in got if a.name == "United Nations Children's Fund")
    ours = [r for r in rows if slugify(split_acronym(r["Canonical Name"])[0]) == unicef.id]
    want = {r["Lookup"].casefold() for r in ours if r["Lookup"]}
    want |= {r["Acronym"].casefold() for r in ours if r["Acronym"]}  # "UNICEF", and one real junk cell
    want.discard(unicef.name.casefold())
    assert {a.casefold() for a in unicef.aliases} == want
    assert unicef.kind == "IGO"


def test_list_without_a_name_column_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("code,desc\n1,a\n")
    with pytest.raises(InputError) as info:
        list(OrgsImporter([path]).read())
    assert str(info.value) == (
        "x.csv: has no header row with a name column in its first 20 rows (looked for 'canonical name', 'name', "
        "'organisation', 'organization') — name the column with --map, e.g. --map 'Organisation title=name'"
    )


def test_a_stray_carriage_return_names_the_file_and_line_not_a_bug(tmp_path: Path) -> None:
    path = tmp_path / "orgs.csv"
    path.write_bytes(b"name,country\nBeta,FRA\nAcme\rCorp,DEU\n")
    with pytest.raises(InputError) as info:
        list(OrgsImporter([path]).read())
    assert str(info.value) == (
        "orgs.csv line 3: has a line break (a lone carriage return) inside a value without quotes — save the "
        "file again as CSV, or put quotes around that value"
    )


LISTS = Path(__file__).parent / "data" / "lists"
DONORS = LISTS / "donor-agencies.csv"
OBSERVERS = LISTS / "igo-observers.csv"


def read_all(path: Path, **options: object) -> tuple[dict[str, Actor], list[Relationship], OrgsImporter]:
    imp = OrgsImporter([path], **options)  # type: ignore[arg-type]
    records = list(imp.read())
    actors = {r.id: r for r in records if isinstance(r, Actor)}
    return actors, [r for r in records if isinstance(r, Relationship)], imp


def test_header_after_preamble_lines_is_found_and_the_preamble_counted() -> None:
    actors, _, imp = read_all(OBSERVERS)
    assert [a.name for a in actors.values()][:3] == [
        "International Organization for Migration",
        "Organisation internationale de la Francophonie",
        "African Union",
    ]
    tally = imp.tally.as_dict()
    assert tally["read"] == tally["used"] + tally["merged"] + sum(g["rows"] for g in tally["skipped"]) == 7
    assert tally["skipped"] == [{"reason": "preamble above the header row", "rows": 2, "first_lines": [1, 2]}]


def test_acronym_in_brackets_or_parentheses_after_the_name_becomes_an_alias() -> None:
    actors, _, _ = read_all(OBSERVERS)
    assert actors["international-organization-for-migration"].aliases == ("IOM",)
    assert actors["organisation-internationale-de-la-francophonie"].aliases == ("OIF",)
    assert actors["embassy-staff-geneva"].name == "Embassy staff (Geneva)"  # a place in brackets stays


def test_donor_agency_table_gives_agencies_part_of_their_donor_government() -> None:
    actors, ties, _ = read_all(DONORS)
    assert sorted((t.source, t.target) for t in ties if t.type == "PART_OF") == [
        ("deutsche-gesellschaft-fur-internationale-zusammenarbeit", "government-deu"),
        ("european-commission-directorate-general-for-international-partnerships", "eu-institutions"),
        ("federal-ministry-for-economic-cooperation-and-development", "government-deu"),
        ("french-development-agency", "government-fra"),
        ("global-affairs-canada", "government-can"),
        ("ministry-for-europe-and-foreign-affairs", "government-fra"),
    ]
    france = actors["government-fra"]
    assert (france.name, france.kind, france.country, france.properties["governmentOf"]) == (
        "Government of France",
        "Government",
        "FRA",
        "FRA",
    )
    assert actors["government-usa"].name == "Government of the United States"  # a donor with no agency row
    afd = actors["french-development-agency"]
    assert (afd.kind, afd.country) == ("Government", "FRA")


def test_names_in_several_languages_are_kept_with_their_language_and_as_aliases() -> None:
    actors, _, _ = read_all(DONORS)
    gac = actors["global-affairs-canada"]
    assert gac.name == "Global Affairs Canada"
    assert (gac.properties["name_en"], gac.properties["name_fr"]) == (
        "Global Affairs Canada",
        "Affaires mondiales Canada",
    )
    assert set(gac.aliases) == {"GAC", "Affaires mondiales Canada"}
    assert "Allemagne" in actors["government-deu"].aliases


def test_donor_table_accounts_for_every_row_and_folds_repeats() -> None:
    _, _, imp = read_all(DONORS)
    tally = imp.tally.as_dict()
    assert (tally["read"], tally["used"], tally["merged"]) == (11, 7, 1)  # Global Affairs Canada twice
    assert {g["reason"]: g["first_lines"] for g in tally["skipped"]} == {
        "preamble above the header row": [1, 2],
        "empty row": [12],
    }


def test_map_names_columns_no_rule_knows_with_their_language(tmp_path: Path) -> None:
    path = tmp_path / "liste.csv"
    path.write_text(
        "Intitulé,Titre anglais,Sigle\nOrganisation internationale du Travail,International Labour Organization,OIT\n"
    )
    actors, _, _ = read_all(path, mapping=["Intitulé=name_fr", "Titre anglais=name (en)"])
    ilo = next(iter(actors.values()))
    assert (ilo.name, ilo.properties["name_fr"], ilo.aliases) == (
        "International Labour Organization",
        "Organisation internationale du Travail",
        ("OIT", "Organisation internationale du Travail"),
    )


def test_map_to_an_unknown_field_is_refused_naming_the_fields(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"--map: 'label' is not a field — expected one of name, acronym"):
        OrgsImporter([HAPI], mapping=["Title=label"])


def test_list_longer_than_its_row_limit_is_refused_naming_the_limit(tmp_path: Path) -> None:
    from netmap.importers.tabular import Limits

    limits = Limits(rows=100, hint="import larger files on the server with 'netmap import orgs'")
    with pytest.raises(InputError) as info:
        list(OrgsImporter([HAPI], limits=limits).read())
    assert str(info.value) == (
        "hdx-hapi-organisations-global.csv: has more than 100 rows, the most allowed here — import larger "
        "files on the server with 'netmap import orgs'"
    )
