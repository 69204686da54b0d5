"""Organisation reference lists: canonical names with acronyms, types and name variants as aliases."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from netmap.importers.orgs import OrgsImporter

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
    slugs = {slugify(r["name"]) for r in rows if r["name"].strip()}  # same name up to case/accents: one actor
    got = actors(HAPI)
    assert {a.id for a in got} == slugs
    aar = next(a for a in got if a.name == "Action Aid International")
    assert aar.aliases == ("AAI",) and aar.kind == "NGO" and aar.kind_raw == "International NGO"
    assert all(a.properties["reference_list"] for a in got)


def test_hdx_name_map_folds_variants_into_aliases_of_the_canonical_name() -> None:
    with NAME_MAP.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    keys = {slugify(r["Canonical Name"]) for r in rows if r["Canonical Name"].strip()}
    got = actors(NAME_MAP)
    assert len(got) == len(keys)
    unicef = next(a for a in got if a.name == "United Nations Children's Fund")
    want = {r["Lookup"].casefold() for r in rows if slugify(r["Canonical Name"]) == unicef.id and r["Lookup"]}
    want |= {"unicef"}
    want.discard(unicef.name.casefold())
    assert {a.casefold() for a in unicef.aliases} == want
    assert unicef.kind == "IGO"


def test_list_without_a_name_column_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("code,desc\n1,a\n")
    with pytest.raises(InputError, match="x.csv line 1: has no organisation name column"):
        list(OrgsImporter([path]).read())


def test_a_stray_carriage_return_names_the_file_and_line_not_a_bug(tmp_path: Path) -> None:
    path = tmp_path / "orgs.csv"
    path.write_bytes(b"name,country\nBeta,FRA\nAcme\rCorp,DEU\n")
    with pytest.raises(InputError) as info:
        list(OrgsImporter([path]).read())
    assert str(info.value) == (
        "orgs.csv line 3: has a line break (a lone carriage return) inside a value without quotes — save the "
        "file again as CSV, or put quotes around that value"
    )
