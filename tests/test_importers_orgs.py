"""Organisation reference lists: canonical names with acronyms, types and name variants as aliases."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from netmap.importers.orgs import OrgsImporter, split_acronym

from netmap.errors import InputError
from netmap.model import Actor, slugify

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
