"""IGO membership lists (CSV and MONDIAL XML): member governments MEMBER_OF IGOs, with the membership type."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from netmap.importers.membership import MembershipImporter

from netmap.errors import InputError, ValidationFailed
from netmap.model import Actor, Relationship

LISTS = Path(__file__).parent / "data" / "lists"
CSV = LISTS / "memberships.csv"
MONDIAL = LISTS / "mondial-organizations.xml"


def read(path: Path, **options: Any) -> tuple[dict[str, Actor], list[Relationship], MembershipImporter]:
    imp = MembershipImporter([path], **options)
    records = list(imp.read())
    return (
        {r.id: r for r in records if isinstance(r, Actor)},
        [r for r in records if isinstance(r, Relationship)],
        imp,
    )


def members(ties: list[Relationship]) -> list[tuple[str, str, str]]:
    return sorted((t.source, t.target, t.properties["membershipType"]) for t in ties if t.type == "MEMBER_OF")


def test_csv_list_gives_each_member_government_member_of_the_igo_with_its_membership_type() -> None:
    actors, ties, _ = read(CSV)
    assert members(ties) == [
        ("government-btn", "international-organization-for-migration", "observer"),
        ("government-can", "organisation-for-economic-co-operation-and-development", "member"),
        ("government-deu", "international-organization-for-migration", "member"),
        ("government-fra", "international-organization-for-migration", "member"),
    ]
    france = actors["government-fra"]
    assert (france.name, france.kind, france.country) == ("Government of France", "Government", "FRA")
    oecd = actors["organisation-for-economic-co-operation-and-development"]
    assert (oecd.kind, oecd.aliases) == ("IGO", ("OECD",))  # the acronym in brackets after the name
    assert next(t for t in ties if t.source == "government-deu").since == "1954"


def test_csv_list_accounts_for_every_row() -> None:
    _, _, imp = read(CSV)
    assert imp.tally.as_dict() == {
        "read": 6,
        "used": 4,
        "merged": 1,
        "skipped": [{"reason": "no organisation or no member country", "rows": 1, "first_lines": [7]}],
        "unit": "line",
    }


def test_mondial_xml_members_by_car_code_become_governments_member_of_the_organisations() -> None:
    actors, ties, imp = read(MONDIAL)
    got = members(ties)
    assert ("government-can", "organisation-internationale-de-la-francophonie", "associate member") in got
    assert ("government-civ", "international-organization-for-migration", "member") in got  # "Cote dIvoire"
    assert len(got) == 10
    assert actors["international-organization-for-migration"].aliases == ("IOM",)
    tally = imp.tally.as_dict()
    assert (tally["read"], tally["used"]) == (11, 10)
    assert tally["skipped"] == [
        {"reason": "member with no ISO 3166 country code (Gaza Strip)", "rows": 1, "first_lines": [30]}
    ]


def test_member_country_code_that_does_not_exist_is_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_text("IGO,ISO3,Status\nIOM,FRA,member\nIOM,XYZ,observer\nIOM,Atlantis,member\n")
    with pytest.raises(ValidationFailed) as info:
        read(path)
    assert [str(p) for p in info.value.problems] == [
        "m.csv line 3: country code 'XYZ' is no ISO 3166 country — give the ISO alpha-3 (or alpha-2) code, e.g. "
        "FRA, or the country's English name",
        "m.csv line 4: country code 'Atlantis' is no ISO 3166 country — give the ISO alpha-3 (or alpha-2) code, "
        "e.g. FRA, or the country's English name",
    ]


def test_mondial_member_code_the_file_does_not_declare_is_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "mondial.xml"
    path.write_text(
        '<mondial><country car_code="F"><name>France</name></country>\n'
        '<organization id="org-X"><name>X</name>\n<members type="member" country="F ZZ"/></organization></mondial>'
    )
    with pytest.raises(ValidationFailed, match=r"mondial.xml line 3: X lists member 'ZZ', a country code the file"):
        read(path)


def test_list_without_a_member_country_column_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_text("Organisation,Host\nIOM,Switzerland\n")
    with pytest.raises(InputError, match=r"m.csv line 1: has no member country column"):
        read(path)
    actors, _, _ = read(path, mapping=["Host=country"])
    assert "government-che" in actors


def test_list_without_a_recognisable_header_names_map(tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_text("Body,State\nIOM,FRA\n")
    with pytest.raises(InputError) as info:
        read(path)
    assert "--map" in str(info.value.hint)


def test_other_xml_is_refused_naming_the_format(tmp_path: Path) -> None:
    path = tmp_path / "x.xml"
    path.write_text("<iati-activities/>")
    with pytest.raises(InputError, match=r"root element is <iati-activities> — expected <mondial>"):
        read(path)


# -- end to end -------------------------------------------------------------------------------------


@pytest.mark.neo4j
def test_cli_links_an_existing_government_by_country_code_and_creates_the_missing_ones(cli: Any, store: Any) -> None:
    store.execute_write(
        "CREATE (:Entity:Actor:Government {id: 'fr-gov', name: 'Government of the French Republic', kind: 'Government',"
        " country: 'FRA', nameLower: 'government of the french republic'}), (:Entity:Actor:Government {id: 'bmas', kind: 'Government', country: 'DEU',"
        " name: 'Federal Ministry of Labour and Social Affairs', nameLower: 'federal ministry of labour and social affairs'})"
    )
    result = cli("import", "membership", str(CSV), "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)[0]
    assert report["rows"]["read"] == 6 and report["rows"]["used"] == 4
    found = store.execute_read(
        "MATCH (g:Actor)-[r:MEMBER_OF]->(i:Actor) RETURN g.id AS g, g.name AS name, labels(g) AS labels,"
        " r.membershipType AS type, i.kind AS igo ORDER BY g"
    )
    assert [(r["g"], r["type"]) for r in found] == [
        ("fr-gov", "member"),
        ("government-btn", "observer"),
        ("government-can", "member"),
        ("government-deu", "member"),
    ]
    assert found[0]["name"] == "Government of the French Republic"  # matched by its country code, not renamed
    # a ministry is not the country's government: Germany's is created
    assert "Government" in found[1]["labels"] and {r["igo"] for r in found} == {"IGO"}
    again = cli("import", "membership", str(CSV), "--format", "json")
    assert json.loads(again.output)[0]["written"]["created"] == 0


@pytest.mark.neo4j
def test_cli_bad_country_code_writes_nothing(cli: Any, store: Any, tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_text("IGO,ISO3\nIOM,FRA\nIOM,XYZ\n")
    result = cli("import", "membership", str(path))
    assert result.exit_code == 1
    assert "m.csv line 3: country code 'XYZ' is no ISO 3166 country" in result.output
    assert "Traceback" not in result.output
    assert store.execute_read("MATCH (n:Entity) RETURN count(n) AS n")[0]["n"] == 0


def test_resolver_finds_a_countrys_government_by_its_code_but_never_a_ministry() -> None:
    from netmap.importers.governments import government_actor

    from netmap.ingest.resolve import Resolver

    def index(*names: str) -> list[dict[str, Any]]:
        return [{"id": f"g{n}", "name": name, "kind": "Government", "country": "DEU"} for n, name in enumerate(names)]

    incoming = government_actor("DEU", origin="m.csv line 2")
    assert Resolver(index("Federal Ministry of Labour")).match(incoming).how == "new"  # a ministry is not it
    assert (
        Resolver(index("Federal Ministry of Labour", "Government of the Federal Republic")).match(incoming).id == "g1"
    )
    marked = index("Federal Ministry of Labour", "Bund")
    marked[1]["governmentOf"] = "DEU"
    assert Resolver(marked).match(incoming).how == "country"
