"""The shipped sample network: its facts keep their sources, its illustrations are marked (no Neo4j)."""

from __future__ import annotations

import csv
from collections import Counter, defaultdict, deque
from pathlib import Path

import pytest

from netmap.model import ACTOR_KINDS, ENGAGEMENT_STATUSES, REL_TYPES, SPHERES
from netmap.sample import SAMPLE_DIR, load_sample, sample_files
from netmap.sample.build import ACTOR_COLUMNS, REL_COLUMNS, build

ECOSYSTEM = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "ecosystem"
needs_ecosystem = pytest.mark.skipif(
    not (ECOSYSTEM / "relationships.csv").is_file(),
    reason=f"the ecosystem reference data ({ECOSYSTEM}) is not on this machine; only the shipped files are checked",
)
INITIATIVE_KINDS = ("Programme", "Forum")
HOME = "iom"


def read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
        return list(reader.fieldnames or []), rows


@pytest.fixture(scope="module")
def actors() -> list[dict[str, str]]:
    return read(SAMPLE_DIR / "actors.csv")[1]


@pytest.fixture(scope="module")
def ties() -> list[dict[str, str]]:
    return read(SAMPLE_DIR / "relationships.csv")[1]


def organisations(actors: list[dict[str, str]]) -> list[dict[str, str]]:
    return [a for a in actors if a["kind"] not in INITIATIVE_KINDS]


def distances(ties: list[dict[str, str]], start: str) -> dict[str, int]:
    adjacent: dict[str, set[str]] = defaultdict(set)
    for tie in ties:
        adjacent[tie["from"]].add(tie["to"])
        adjacent[tie["to"]].add(tie["from"])
    dist = {start: 0}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for other in adjacent[node]:
            if other not in dist:
                dist[other] = dist[node] + 1
                queue.append(other)
    return dist


def test_files_are_shipped_with_the_exact_headers() -> None:
    files = sample_files()
    assert [p.name for p in files] == ["actors.csv", "relationships.csv"]
    assert all(p.is_file() for p in files)
    assert read(files[0])[0] == list(ACTOR_COLUMNS)
    assert read(files[1])[0] == list(REL_COLUMNS)
    assert (SAMPLE_DIR / "README.md").is_file()
    assert callable(load_sample)


def test_size_and_coverage(actors: list[dict[str, str]]) -> None:
    orgs = organisations(actors)
    assert 150 <= len(orgs) <= 300
    kinds = Counter(a["kind"] for a in actors)
    assert set(kinds) == set(ACTOR_KINDS) | set(INITIATIVE_KINDS)
    assert kinds["RefugeeLed"] >= 3 and kinds["CivilSociety"] >= 3 and kinds["TradeUnion"] >= 3
    assert 25 <= kinds["Programme"] + kinds["Forum"] <= 40
    spheres = Counter(a["sphere"] for a in orgs)
    assert spheres["humanitarian"] > 10 and spheres["economic"] > 10 and spheres["both"] > 0
    countries = {c for a in actors for c in a["country"].split("|") if c}
    assert len(countries) >= 15
    sectors = {s for a in orgs for s in a["sectors"].split("|") if s}
    for sector in (
        "health care",
        "IT",
        "hospitality",
        "construction",
        "logistics",
        "agriculture",
        "manufacturing",
        "skills recognition",
        "language training",
    ):
        assert sector in sectors, sector


def test_values_are_in_the_vocabulary(actors: list[dict[str, str]], ties: list[dict[str, str]]) -> None:
    ids = [a["id"] for a in actors]
    assert len(ids) == len(set(ids))
    for actor in actors:
        assert actor["kind"] in ACTOR_KINDS + INITIATIVE_KINDS, actor
        assert actor["illustrative"] in ("true", "false"), actor
        if actor["kind"] in INITIATIVE_KINDS:
            assert actor["influence"] == actor["engagement"] == actor["sphere"] == "", actor
            continue
        assert actor["sphere"] in SPHERES, actor
        assert actor["influence"] in {"1", "2", "3", "4", "5"}, actor
        assert actor["engagement"] in ENGAGEMENT_STATUSES or actor["id"] == HOME, actor
        for code in actor["country"].split("|"):
            assert code == "" or (len(code) == 3 and code.isupper()), actor
    for tie in ties:
        assert tie["type"] in REL_TYPES or tie["type"] == "RUNS", tie
        assert tie["illustrative"] in ("true", "false"), tie
        assert tie["strength"] in {"", "1", "2", "3", "4", "5"}, tie


def test_every_endpoint_exists_and_partnerships_are_stored_once(
    actors: list[dict[str, str]], ties: list[dict[str, str]]
) -> None:
    ids = {a["id"] for a in actors}
    pairs: Counter[tuple[str, ...]] = Counter()
    for tie in ties:
        assert tie["from"] in ids and tie["to"] in ids, tie
        assert tie["from"] != tie["to"], tie
        if tie["type"] == "PARTNERS_WITH":
            pairs[("PARTNERS_WITH", *sorted((tie["from"], tie["to"])))] += 1
        else:
            pairs[(tie["type"], tie["from"], tie["to"])] += 1
    assert max(pairs.values()) == 1


def test_real_rows_keep_their_source_and_invented_rows_are_marked(
    actors: list[dict[str, str]], ties: list[dict[str, str]]
) -> None:
    real = [a for a in actors if a["illustrative"] == "false"]
    invented = [a for a in actors if a["illustrative"] == "true"]
    assert len(real) == 150
    assert 40 <= len(organisations(invented)) <= 120
    for actor in real:
        assert actor["source_url"].startswith("http"), actor
        assert "(fictional)" not in actor["name"], actor
        if actor["kind"] not in INITIATIVE_KINDS:
            assert "illustrative-scores" in actor["tags"].split("|"), actor
    for actor in invented:
        assert actor["name"].endswith("(fictional)"), actor
        assert actor["source_url"] == "" and actor["url"] == "", actor
        assert "fictional" in actor["tags"].split("|"), actor
    assert all(a["source_url"] or a["illustrative"] == "true" for a in actors)

    real_ties = [t for t in ties if t["illustrative"] == "false"]
    assert len(real_ties) == 221
    for tie in real_ties:
        assert tie["source_url"].startswith("http"), tie
        assert tie["strength"] == "", tie  # nobody measured it: not invented on a real tie
    assert all(t["source_url"] or t["illustrative"] == "true" for t in ties)
    assert any(t["type"] == "RUNS" for t in real_ties)  # the raw value is kept


def test_the_home_actor_and_a_believable_engagement_spread(actors: list[dict[str, str]]) -> None:
    home = next(a for a in actors if a["id"] == HOME)
    assert home["kind"] == "IGO" and home["engagement"] == ""
    status = {a["id"]: a["engagement"] for a in actors}
    assert status["unhcr"] == status["tbb"] == "partner"
    orgs = organisations(actors)
    partners = [a for a in orgs if a["engagement"] == "partner"]
    assert 3 <= len(partners) <= 15
    economic = [a for a in orgs if a["kind"] in ("Company", "EmployerOrganisation")]
    not_yet = [a for a in economic if a["engagement"] in ("none", "identified")]
    assert len(not_yet) > 0.7 * len(economic)


def test_entry_points_sit_a_few_hops_away_and_brokers_cross_spheres(
    actors: list[dict[str, str]], ties: list[dict[str, str]]
) -> None:
    dist = distances(ties, HOME)
    assert {a["id"] for a in actors} <= set(dist)  # one connected map
    employers = [a["id"] for a in actors if a["kind"] == "Company" and a["illustrative"] == "true"]
    assert any(2 <= dist[e] <= 3 for e in employers)
    assert sum(1 for e in employers if dist[e] >= 3) >= 10
    sphere = {a["id"]: a["sphere"] for a in actors}
    spheres_around: dict[str, set[str]] = defaultdict(set)
    for tie in ties:
        if sphere[tie["from"]] and sphere[tie["to"]]:
            spheres_around[tie["from"]].add(sphere[tie["to"]])
            spheres_around[tie["to"]].add(sphere[tie["from"]])
    brokers = [a for a, near in spheres_around.items() if {"economic", "humanitarian"} <= near]
    assert len(brokers) >= 5
    assert any(sphere[b] == "economic" for b in brokers) and any(
        a["illustrative"] == "true" for a in actors if a["id"] in brokers
    )


@needs_ecosystem
def test_all_real_ties_are_present_with_their_source() -> None:
    _, source = read(ECOSYSTEM / "relationships.csv")
    _, shipped = read(SAMPLE_DIR / "relationships.csv")
    shipped_real = Counter(
        (t["from"], t["to"], t["type"], t["since"], t["source_url"]) for t in shipped if t["illustrative"] == "false"
    )
    expected = Counter((t["from"], t["to"], t["type"], t["since"], t["source_url"]) for t in source)
    assert len(source) == 221
    assert shipped_real == expected


@needs_ecosystem
def test_real_organisations_keep_their_published_fields() -> None:
    shipped = {a["id"]: a for a in read(SAMPLE_DIR / "actors.csv")[1]}
    for row in read(ECOSYSTEM / "actors.csv")[1]:
        mine = shipped[row["id"]]
        for column in ("name", "kind", "country", "sectors", "url", "source_url"):
            assert mine[column] == row[column], (row["id"], column)
        assert mine["illustrative"] == "false"
    for row in read(ECOSYSTEM / "programmes.csv")[1]:
        mine = shipped[row["id"]]
        for column in ("name", "kind", "country", "description", "source_url"):
            assert mine[column] == row[column], (row["id"], column)


@needs_ecosystem
def test_build_reproduces_the_shipped_files(tmp_path: Path) -> None:
    build(ECOSYSTEM, tmp_path)
    for name in ("actors.csv", "relationships.csv"):
        assert (tmp_path / name).read_bytes() == (SAMPLE_DIR / name).read_bytes(), name


def test_readme_says_what_is_real_and_what_is_not() -> None:
    text = (SAMPLE_DIR / "README.md").read_text(encoding="utf-8")
    for phrase in ("source_url", "illustrative-scores", "(fictional)", "November 2026", "Caveats"):
        assert phrase in text, phrase


def test_the_sheet_importer_reads_the_sample_without_problems() -> None:
    sheet = pytest.importorskip("netmap.importers.sheet", reason="the sheet importer is not built yet")
    from netmap.model import Actor, Initiative, Relationship

    records = list(sheet.SheetImporter(sample_files()).read())
    assert sum(isinstance(r, Actor) for r in records) == 209
    assert sum(isinstance(r, Initiative) for r in records) == 34
    ties = [r for r in records if isinstance(r, Relationship)]
    assert len(ties) == 375
    assert {r.type_raw for r in ties if r.type_raw} == {"RUNS"}
    assert all(r.type == "IMPLEMENTS" for r in ties if r.type_raw == "RUNS")
