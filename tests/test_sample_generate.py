"""``netmap generate``: synthetic networks of any size, deterministic, with real structure (no Neo4j)."""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

import pytest

from netmap.errors import InputError
from netmap.model import ACTOR_KINDS, ENGAGEMENT_STATUSES, REL_TYPES
from netmap.sample.generate import ACTOR_COLUMNS, REL_COLUMNS, generate

INITIATIVE_KINDS = ("Programme", "Forum")


def read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
        return list(reader.fieldnames or []), rows


@pytest.fixture(scope="module")
def network(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    out = tmp_path_factory.mktemp("gen2000")
    files = generate(out, actors=2000, seed=7)
    assert files.actors_csv is not None and files.relationships_csv is not None
    return read(files.actors_csv)[1], read(files.relationships_csv)[1]


def test_counts_match_the_files(tmp_path: Path) -> None:
    files = generate(tmp_path, actors=300, seed=1)
    assert files.paths == [tmp_path / "actors.csv", tmp_path / "relationships.csv"]
    header, actors = read(tmp_path / "actors.csv")
    rel_header, ties = read(tmp_path / "relationships.csv")
    assert header == list(ACTOR_COLUMNS) and rel_header == list(REL_COLUMNS)
    assert files.counts == {
        "rows": 300,
        "actors": sum(1 for a in actors if a["kind"] not in INITIATIVE_KINDS),
        "initiatives": sum(1 for a in actors if a["kind"] in INITIATIVE_KINDS),
        "relationships": len(ties),
    }
    assert len(actors) == 300 and len(ties) == 1500
    assert not list(tmp_path.glob("*.tmp"))


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path: Path) -> None:
    a, b, c = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    generate(a, actors=500, seed=42)
    generate(b, actors=500, seed=42)
    generate(c, actors=500, seed=43)
    for name in ("actors.csv", "relationships.csv"):
        assert (a / name).read_bytes() == (b / name).read_bytes()
        assert (a / name).read_bytes() != (c / name).read_bytes()


def test_every_kind_and_a_home_actor(network: tuple[list[dict[str, str]], list[dict[str, str]]]) -> None:
    actors, _ = network
    kinds = Counter(a["kind"] for a in actors)
    assert set(kinds) == set(ACTOR_KINDS) | set(INITIATIVE_KINDS)
    share = (kinds["Programme"] + kinds["Forum"]) / len(actors)
    assert 0.015 <= share <= 0.05
    home = actors[0]
    assert (home["id"], home["kind"], home["engagement"], home["sphere"]) == ("home", "IGO", "", "both")
    ids = [a["id"] for a in actors]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"gen-\d{6}", i) for i in ids[1:])


def test_values_are_in_the_vocabulary(network: tuple[list[dict[str, str]], list[dict[str, str]]]) -> None:
    actors, ties = network
    orgs = [a for a in actors if a["kind"] not in INITIATIVE_KINDS]
    assert all(a["influence"] in {"1", "2", "3", "4", "5"} for a in orgs)
    assert all(a["engagement"] in ENGAGEMENT_STATUSES for a in orgs[1:])
    assert all(a["illustrative"] == "true" for a in actors)
    assert all(t["type"] in REL_TYPES and t["strength"] in {"1", "2", "3", "4", "5"} for t in ties)
    engagement = Counter(a["engagement"] for a in orgs[1:])
    assert engagement["none"] > 0.5 * len(orgs) and engagement["partner"] > 0
    assert all(t["amount"] and t["currency"] for t in ties if t["type"] == "FUNDS")
    leis = [a["lei"] for a in actors if a["lei"]]
    assert leis and all(len(x) == 20 and int("".join(str(int(c, 36)) for c in x)) % 97 == 1 for x in leis)
    external = [a["lei"] for a in actors if a["lei"]] + [a["iati"] for a in actors if a["iati"]]
    assert len(external) == len(set(external))


def test_structure(network: tuple[list[dict[str, str]], list[dict[str, str]]]) -> None:
    actors, ties = network
    ids = {a["id"] for a in actors}
    assert all(t["from"] in ids and t["to"] in ids and t["from"] != t["to"] for t in ties)
    assert abs(len(ties) / len(actors) - 5.0) < 0.25
    kind = {a["id"]: a["kind"] for a in actors}
    assert all(kind[t["from"]] not in INITIATIVE_KINDS for t in ties)  # initiatives are only targets
    partnerships = Counter(tuple(sorted((t["from"], t["to"]))) for t in ties if t["type"] == "PARTNERS_WITH")
    assert max(partnerships.values()) == 1
    sphere = {a["id"]: a["sphere"] for a in actors}
    cross = [t for t in ties if {sphere[t["from"]], sphere[t["to"]]} == {"economic", "humanitarian"}]
    assert len(cross) > 100
    brokers = {a["id"] for a in actors if "broker" in a["tags"].split("|")}
    assert brokers
    degree: Counter[str] = Counter()
    for t in ties:
        degree[t["from"]] += 1
        degree[t["to"]] += 1
    mean = 2 * len(ties) / len(actors)
    assert degree["home"] > 20
    assert sorted(degree.values())[-2] > 3 * mean  # hubs besides the home actor
    countries = Counter(a["country"] for a in actors if a["country"] and "|" not in a["country"])
    assert len(countries) >= 15
    assert Counter(t["type"] for t in ties).keys() >= {"PARTNERS_WITH", "MEMBER_OF", "FUNDS", "PARTICIPATES_IN"}


def test_tiny_and_tieless_networks(tmp_path: Path) -> None:
    files = generate(tmp_path / "two", actors=2)
    assert files.counts["rows"] == 2 and files.counts["relationships"] <= 10
    files = generate(tmp_path / "none", actors=100, ties_per_actor=0)
    assert files.counts["relationships"] == 0


def test_xlsx_workbook(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    files = generate(tmp_path, actors=120, seed=5, fmt="xlsx")
    assert files.paths == [tmp_path / "network.xlsx"] and files.actors_csv is None
    wb = load_workbook(tmp_path / "network.xlsx", read_only=True)
    assert wb.sheetnames == ["Actors", "Relationships"]
    actor_rows = list(wb["Actors"].iter_rows(values_only=True))
    tie_rows = list(wb["Relationships"].iter_rows(values_only=True))
    assert list(actor_rows[0]) == list(ACTOR_COLUMNS) and list(tie_rows[0]) == list(REL_COLUMNS)
    assert len(actor_rows) - 1 == 120 and len(tie_rows) - 1 == files.counts["relationships"] == 600
    wb.close()
    generate(tmp_path / "csv", actors=120, seed=5)
    _, csv_actors = read(tmp_path / "csv" / "actors.csv")
    assert [r[0] for r in actor_rows[1:]] == [a["id"] for a in csv_actors]  # the same network


def test_xlsx_refuses_big_networks(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        generate(tmp_path, actors=200_001, fmt="xlsx")
    assert str(info.value) == (
        "--format xlsx is limited to 200,000 actors (asked for 200,001) — use --format csv for larger networks"
    )
    assert not list(tmp_path.iterdir())


def test_unwritable_out_dir(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(InputError) as info:
        generate(blocker / "sub", actors=10)
    assert str(info.value) == f"{blocker / 'sub'}: not a writable folder — choose another --out folder"


def test_cli_generate(cli_no_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    result = cli_no_db("generate", "--actors", "50", "--out", str(out))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert re.fullmatch(r"wrote 50 actors \(\d+ of them programmes and forums\) and 250 relationships:", lines[0])
    assert lines[1:] == [f"  {out / 'actors.csv'}", f"  {out / 'relationships.csv'}"]
    assert len(read(out / "actors.csv")[1]) == 50

    result = cli_no_db(
        "generate", "--actors", "50", "--seed", "3", "--ties-per-actor", "2", "--out", str(out), "--format", "xlsx"
    )
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1:] == [f"  {out / 'network.xlsx'}"]
    assert " and 100 relationships:" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--actors", "1"], "Error: Invalid value for '--actors': 1 is not in the range x>=2."),
        (["--actors", "many"], "Error: Invalid value for '--actors': 'many' is not a valid integer range."),
        (
            ["--actors", "10", "--ties-per-actor", "-1"],
            "Error: Invalid value for '--ties-per-actor': -1.0 is not in the range 0<=x<=100.",
        ),
        (
            ["--actors", "10", "--format", "json"],
            "Error: Invalid value for '--format': 'json' is not one of 'csv', 'xlsx'.",
        ),
        ([], "Error: Missing option '--actors'."),
    ],
)
def test_cli_bad_input(cli_no_db, tmp_path: Path, args: list[str], message: str) -> None:  # type: ignore[no-untyped-def]
    result = cli_no_db("generate", *args, "--out", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == message


def test_cli_domain_errors(cli_no_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    result = cli_no_db("generate", "--actors", "10", "--out", str(blocker))
    assert result.exit_code == 1
    assert result.output == f"error: {blocker}: not a writable folder — choose another --out folder\n"
    result = cli_no_db("generate", "--actors", "300000", "--format", "xlsx", "--out", str(tmp_path / "x"))
    assert result.exit_code == 1
    assert result.output == (
        "error: --format xlsx is limited to 200,000 actors (asked for 300,000) — use --format csv for larger networks\n"
    )


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_sheet_importer_reads_generated_files(tmp_path: Path, fmt: str) -> None:
    sheet = pytest.importorskip("netmap.importers.sheet", reason="the sheet importer is not built yet")
    from netmap.model import Relationship

    files = generate(tmp_path, actors=200, seed=9, fmt=fmt)
    records = list(sheet.SheetImporter(files.paths).read())
    assert len(records) == files.counts["rows"] + files.counts["relationships"]
    assert sum(isinstance(r, Relationship) for r in records) == files.counts["relationships"]
