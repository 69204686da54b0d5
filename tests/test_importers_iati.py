"""IATI importer: real published files, legacy 1.x files, bad and hostile input, and a 100 MB stream."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET  # noqa: S405 - parses the project's own trusted test files
from pathlib import Path

import pytest
from netmap.importers import iati
from netmap.importers.iati import IatiImporter

from netmap.errors import InputError
from netmap.model import Actor, Initiative, Relationship

REAL = Path(__file__).parent / "data" / "real" / "iati"
IOM = REAL / "iom-activity-XM-DAC-47066-DP.2154_v2.03.xml"
EXAMPLE = REAL / "iati-activity-standard-example-annotated_v2.03.xml"
ORG_FILE = REAL / "iati-organisation-standard-example-annotated_v2.03.xml"


def records(*paths: Path) -> list[Actor | Initiative | Relationship]:
    return list(IatiImporter(list(paths)).read())


def of(kind: type, recs: list) -> list:
    return [r for r in recs if isinstance(r, kind)]


def org_refs(path: Path) -> set[str]:
    """Distinct organisation refs in a file, counted with the standard library parser."""
    root = ET.parse(path).getroot()  # noqa: S314
    names = {"reporting-org", "participating-org", "provider-org", "receiver-org", "recipient-org"}
    return {e.get("ref", "") for e in root.iter() if e.tag.split("}")[-1] in names if e.get("ref")}


def test_real_iom_activity_gives_one_programme_with_its_funder_and_accountable_org() -> None:
    recs = records(IOM)
    root = ET.parse(IOM).getroot()  # noqa: S314
    assert {a.iati for a in of(Actor, recs)} == org_refs(IOM)
    (programme,) = of(Initiative, recs)
    assert programme.iati == root.findtext("iati-identifier")
    assert programme.countries == ("SOM",)
    assert len(programme.sectors) == len(root.findall("sector"))
    ties = {(r.source, r.type, r.key) for r in of(Relationship, recs) if r.target == programme.id}
    assert ties == {("iati-xm-dac-701-2", "FUNDS", "funding"), ("iati-xm-dac-47066", "PARTICIPATES_IN", "accountable")}


def test_real_iom_incoming_commitment_is_a_funds_tie_from_provider_to_reporting_org() -> None:
    recs = records(IOM)
    root = ET.parse(IOM).getroot()  # noqa: S314
    value = float(root.findtext("transaction/value") or 0)
    (funds,) = [r for r in of(Relationship, recs) if r.type == "FUNDS" and r.target == "iati-xm-dac-47066"]
    assert funds.source == "iati-xm-dac-701-2"
    assert funds.key == "USD:2020"
    assert funds.properties["committed"] == pytest.approx(value)


def test_organisation_types_map_to_actor_kinds() -> None:
    kinds = {a.iati: a.kind for a in of(Actor, records(IOM))}
    assert kinds == {"XM-DAC-701-2": "Government", "XM-DAC-47066": "IGO"}


def test_every_code_of_the_organisation_type_codelist_has_a_kind() -> None:
    codes = {c.text for c in ET.parse(REAL / "codelist-OrganisationType.xml").getroot().iter("code")}  # noqa: S314
    assert codes and codes <= set(iati.ORG_TYPE_KIND)


def test_every_role_code_new_and_legacy_maps_to_a_relationship() -> None:
    for name in ("codelist-OrganisationRole_v2.03.xml", "codelist-OrganisationRole_v1.05-legacy.xml"):
        codes = {c.text for c in ET.parse(REAL / name).getroot().iter("code")}  # noqa: S314
        assert codes and all(iati.ROLES[c.lower()] in iati.ROLE_REL for c in codes if c)


def test_official_example_links_every_participating_org_to_the_programme() -> None:
    recs = records(EXAMPLE)
    root = ET.parse(EXAMPLE).getroot()  # noqa: S314
    participants = {p.get("ref") for p in root.iter("participating-org")}
    (programme,) = of(Initiative, recs)
    linked = {r.source for r in of(Relationship, recs) if r.target == programme.id}
    assert {a.iati for a in of(Actor, recs) if a.id in linked} == participants
    assert {a.iati for a in of(Actor, recs)} == org_refs(EXAMPLE)


def test_transactions_are_summed_per_pair_currency_and_year(tmp_path: Path) -> None:
    path = tmp_path / "a.xml"
    path.write_text(
        textwrap.dedent("""\
        <iati-activities version="2.03"><iati-activity default-currency="EUR">
          <iati-identifier>XM-1-A</iati-identifier>
          <reporting-org ref="XM-1" type="10"><narrative>Donor</narrative></reporting-org>
          <transaction><transaction-type code="3"/><transaction-date iso-date="2024-02-01"/><value>100</value>
            <receiver-org ref="XM-2"><narrative>NGO</narrative></receiver-org></transaction>
          <transaction><transaction-type code="3"/><transaction-date iso-date="2024-09-01"/><value>50.5</value>
            <receiver-org ref="XM-2"><narrative>NGO</narrative></receiver-org></transaction>
          <transaction><transaction-type code="3"/><transaction-date iso-date="2025-01-01"/><value>7</value>
            <receiver-org ref="XM-2"><narrative>NGO</narrative></receiver-org></transaction>
          <transaction><transaction-type code="3"/><transaction-date iso-date="2024-03-01"/>
            <value currency="USD">9</value><receiver-org ref="XM-2"/></transaction>
        </iati-activity></iati-activities>""")
    )
    flows = {r.key: r.amount for r in of(Relationship, records(path)) if r.type_raw == "transaction"}
    assert flows == {"EUR:2024": pytest.approx(150.5), "EUR:2025": 7.0, "USD:2024": 9.0}


def test_narratives_in_french_and_english_keep_both_names_with_their_language(tmp_path: Path) -> None:
    path = tmp_path / "fr.xml"
    path.write_text(
        textwrap.dedent("""\
        <iati-activities version="2.03"><iati-activity xml:lang="fr">
          <iati-identifier>XM-1-A</iati-identifier>
          <reporting-org ref="XM-1" type="10"><narrative>Agence française de développement</narrative>
            <narrative xml:lang="en">French Development Agency</narrative></reporting-org>
          <participating-org ref="XM-2" role="4"><narrative xml:lang="EN">Refugee Council</narrative>
            <narrative xml:lang="es-ES">Consejo de Refugiados</narrative></participating-org>
        </iati-activity></iati-activities>""")
    )
    actors = {a.id: a for a in of(Actor, records(path))}
    afd, council = actors["iati-xm-1"], actors["iati-xm-2"]
    assert (afd.name, afd.properties["name_fr"], afd.properties["name_en"]) == (
        "Agence française de développement",
        "Agence française de développement",
        "French Development Agency",
    )
    assert afd.aliases == ("French Development Agency",)
    # no narrative in the activity's language: English is the name, Spanish is kept beside it
    assert (council.name, council.properties["name_es"], council.aliases) == (
        "Refugee Council",
        "Consejo de Refugiados",
        ("Consejo de Refugiados",),
    )


def test_empty_na_and_legacy_refs_resolve_by_name_not_one_na_actor(tmp_path: Path) -> None:
    path = tmp_path / "legacy.xml"
    path.write_text(
        textwrap.dedent("""\
        <iati-activities version="1.03"><iati-activity>
          <iati-identifier>GB-1-X</iati-identifier>
          <participating-org ref="N/A" role="Funding">Ministry of Labour</participating-org>
          <participating-org ref="" role="Implementing">Skills Foundation</participating-org>
          <participating-org role="Implementing">Talent Beyond Boundaries</participating-org>
          <participating-org ref="41122" role="Accountable">UNICEF</participating-org>
          <participating-org ref="N/A" role="Implementing"></participating-org>
        </iati-activity></iati-activities>""")
    )
    imp = IatiImporter([path])
    recs = list(imp.read())
    actors = {a.name: a for a in of(Actor, recs)}
    assert set(actors) == {"Ministry of Labour", "Skills Foundation", "Talent Beyond Boundaries", "UNICEF"}
    assert all(a.iati is None for a in actors.values())
    assert actors["UNICEF"].properties["iati_ref_raw"] == "41122"
    types = {(r.source, r.type) for r in of(Relationship, recs)}
    assert ("ministry-of-labour", "FUNDS") in types and ("skills-foundation", "IMPLEMENTS") in types
    assert any("neither a usable ref nor a name" in w for w in imp.warnings)


def test_organisation_file_budget_to_recipient_org_is_a_funds_tie() -> None:
    recs = records(ORG_FILE)
    root = ET.parse(ORG_FILE).getroot()  # noqa: S314
    budget = root.find(".//recipient-org-budget")
    assert budget is not None
    (tie,) = of(Relationship, recs)
    assert tie.target == "iati-" + budget.find("recipient-org").get("ref", "").lower()  # type: ignore[union-attr]
    assert tie.amount == float(budget.findtext("value") or 0)
    assert tie.key.startswith("budget:")


def test_duplicate_activity_across_files_is_read_once(tmp_path: Path) -> None:
    copy = tmp_path / "copy.xml"
    copy.write_bytes(EXAMPLE.read_bytes())
    imp = IatiImporter([EXAMPLE, copy])
    recs = list(imp.read())
    single = records(EXAMPLE)
    assert len(of(Initiative, recs)) == 1
    assert sorted((r.key, r.amount) for r in of(Relationship, recs)) == sorted(
        (r.key, r.amount) for r in of(Relationship, single)
    )
    assert any("already read from" in w for w in imp.warnings)


def test_read_twice_yields_the_same_records() -> None:
    imp = IatiImporter([EXAMPLE, IOM])
    assert list(imp.read()) == list(imp.read())


def test_gzipped_file_reads_like_the_plain_one(tmp_path: Path) -> None:
    import gzip

    gz = tmp_path / "iom.xml.gz"
    gz.write_bytes(gzip.compress(IOM.read_bytes()))
    assert records(gz) == [_with_origin(r, gz.name) for r in records(IOM)]


def _with_origin(record: Actor | Initiative | Relationship, name: str) -> Actor | Initiative | Relationship:
    record.origin = record.origin.replace(IOM.name, name)
    return record


def test_wrong_format_is_refused_naming_the_root_element() -> None:
    gexf = Path(__file__).parent / "data" / "real" / "graphml-gexf" / "gexf-spec-data-example.gexf"
    with pytest.raises(InputError, match=r"line 2: root element is <gexf> — expected <iati-activities>"):
        records(gexf)


def test_truncated_file_is_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "cut.xml"
    text = EXAMPLE.read_text()
    path.write_text(text[: len(text) // 2])
    with pytest.raises(InputError, match=r"cut.xml line \d+: is not well-formed XML"):
        records(path)


def test_xxe_payload_is_refused_and_nothing_is_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    path = tmp_path / "xxe.xml"
    path.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE a [<!ENTITY x SYSTEM "file://{secret}">]>\n'
        "<iati-activities><iati-activity><iati-identifier>&x;</iati-identifier>"
        "</iati-activity></iati-activities>"
    )
    with pytest.raises(InputError, match="refused") as info:
        records(path)
    assert "TOP-SECRET" not in str(info.value)


def test_billion_laughs_is_refused_without_expansion(tmp_path: Path) -> None:
    lines = ['<!ENTITY l0 "ha">'] + [f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">' for i in range(1, 10)]
    path = tmp_path / "lol.xml"
    doctype = '<?xml version="1.0"?>\n<!DOCTYPE r [' + "".join(lines) + "]>\n"
    path.write_text(doctype + "<iati-activities>&l9;</iati-activities>")
    with pytest.raises(InputError, match="declares entities"):
        records(path)


def test_empty_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.xml"
    path.write_text("")
    with pytest.raises(InputError, match="empty.xml: is empty"):
        records(path)


def _write_big(path: Path, target_bytes: int) -> tuple[int, int]:
    """An IATI file of about ``target_bytes``; returns (activities, distinct organisations)."""
    orgs: set[int] = set()
    count = 0
    pad = "x" * 1500
    with path.open("w") as out:
        out.write('<iati-activities version="2.03">\n')
        while out.tell() < target_bytes:
            funder, impl = count % 997, 1000 + count % 3001
            orgs |= {funder, impl}
            out.write(
                f'<iati-activity default-currency="USD"><iati-identifier>XM-T-{count}</iati-identifier>'
                f"<title><narrative>Activity {count}</narrative></title>"
                f"<description><narrative>{pad}</narrative></description>"
                f'<participating-org ref="XM-O-{funder}" role="1" type="10"><narrative>Funder {funder}</narrative>'
                f'</participating-org><participating-org ref="XM-O-{impl}" role="4" type="21"><narrative>'
                f'NGO {impl}</narrative></participating-org><recipient-country code="KE"/>'
                f'<transaction><transaction-type code="3"/><transaction-date iso-date="2024-01-01"/>'
                f'<value>10</value><provider-org ref="XM-O-{funder}"/><receiver-org ref="XM-O-{impl}"/>'
                f"</transaction></iati-activity>\n"
            )
            count += 1
        out.write("</iati-activities>\n")
    return count, len(orgs)


def test_100_mb_file_is_streamed_with_peak_memory_under_500_mb(tmp_path: Path) -> None:
    path = tmp_path / "big.xml"
    activities, orgs = _write_big(path, 100 * 1024 * 1024)
    script = textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from netmap.importers.iati import IatiImporter
        from netmap.model import Actor, Initiative
        counts = {{"a": 0, "p": 0}}
        for r in IatiImporter([Path({str(path)!r})]).read():
            if isinstance(r, Actor): counts["a"] += 1
            elif isinstance(r, Initiative): counts["p"] += 1
        # VmHWM is this program's own peak; getrusage's ru_maxrss would also count the pytest process
        # this one was forked from, which Linux carries over the exec.
        status = Path("/proc/self/status").read_text()
        peak_mb = int(next(l for l in status.splitlines() if l.startswith("VmHWM:")).split()[1]) / 1024
        print(counts["a"], counts["p"], int(peak_mb))
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=600)
    actors, programmes, peak_mb = (int(v) for v in out.stdout.split())
    assert (actors, programmes) == (orgs, activities)
    assert peak_mb < 500, f"peak memory {peak_mb} MB"


@pytest.mark.parametrize("path", sorted(p for p in REAL.glob("iati-*.xml")) + [IOM], ids=lambda p: p.name)
def test_every_activity_and_organisation_of_the_real_files_is_accounted_for(path: Path) -> None:
    root = ET.parse(path).getroot()  # noqa: S314
    wanted = {"iati-activity", "iati-organisation"}
    in_file = sum(1 for e in root.iter() if e.tag.split("}")[-1] in wanted)
    importer = IatiImporter([path])
    list(importer.read())
    tally = importer.tally.as_dict()
    skipped = sum(group["rows"] for group in tally["skipped"])
    assert in_file >= 1
    assert tally["read"] == in_file == tally["used"] + tally["merged"] + skipped


def test_a_repeated_activity_is_counted_as_skipped_with_its_line(tmp_path: Path) -> None:
    importer = IatiImporter([IOM, IOM])
    list(importer.read())
    tally = importer.tally.as_dict()
    assert (tally["read"], tally["used"], tally["merged"]) == (2, 1, 0)
    [group] = tally["skipped"]
    assert group["reason"] == "activity already read (same iati-identifier)" and group["rows"] == 1
    assert group["first_lines"] == [line_of_first_activity(IOM)]


def line_of_first_activity(path: Path) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), start=1) if "<iati-activity" in line)
