"""``netmap analyze``, ``entry-points``, ``path``, ``coverage``, ``suggest`` and ``--write-back``.

The ones marked ``neo4j`` run against the session's real Neo4j (tests/conftest.py).
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from netmap.model import Actor, Initiative, Relationship, SourceInfo


def load_tiny(store: Any) -> None:
    """us — partner NGO → task force ← employer association; a firm nobody knows."""
    from netmap.store.writes import begin_source, finish_source, write_batch

    source = SourceInfo(file="tiny.csv", format="test", sha256="0" * 64)
    seen = begin_source(store, source)
    records: list[Actor | Initiative | Relationship] = [
        Actor("us", "IOM", kind="IGO", sphere="both"),
        Actor("ngo", "Resettlement NGO", kind="NGO", sphere="humanitarian", engagement="partner"),
        Actor(
            "assoc",
            "Employers DE",
            kind="EmployerOrganisation",
            sphere="economic",
            influence=4,
            country="DEU",
            sectors=("healthcare",),
        ),
        Actor("firm", "Lonely Firm", kind="Company", sphere="economic"),
        Initiative("tf", "Labour Mobility Task Force", label="Forum"),
        Relationship("us", "ngo", "PARTNERS_WITH"),
        Relationship("ngo", "tf", "MEMBER_OF"),
        Relationship("assoc", "tf", "MEMBER_OF"),
    ]
    write_batch(store, records, source.id, seen)
    finish_source(store, source, {})


HOME = {"NETMAP_HOME_ACTOR": "us"}


@pytest.mark.neo4j
def test_entry_points_json_carries_ids_names_components_and_reasons(cli: Any, store: Any) -> None:
    load_tiny(store)
    result = cli("entry-points", "--format", "json", env=HOME)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [e["id"] for e in data["entry_points"]] == ["assoc", "firm"]
    top = data["entry_points"][0]
    assert top["name"] == "Employers DE" and set(top["components"]) == {
        "influence",
        "structure",
        "reach",
        "fit",
    }
    assert any("through Resettlement NGO" in r for r in top["reasons"])


@pytest.mark.neo4j
def test_entry_points_table_and_csv(cli: Any, store: Any) -> None:
    load_tiny(store)
    table = cli("entry-points", "--top", "1", env=HOME)
    assert table.exit_code == 0 and "Employers DE" in table.stdout and "Lonely Firm" not in table.stdout
    csv_out = cli("entry-points", "--format", "csv", env=HOME)
    assert csv_out.stdout.splitlines()[0].startswith("rank,id,name,kind,country,score,influence,structure,reach,fit")


@pytest.mark.neo4j
def test_entry_points_without_home_actor_says_what_to_do(cli: Any, store: Any) -> None:
    load_tiny(store)
    result = cli("entry-points", env={"NETMAP_HOME_ACTOR": ""})
    assert result.exit_code == 1
    assert result.stderr == (
        "error: no home actor configured — set one with 'netmap config set home_actor ID' (or NETMAP_HOME_ACTOR), or pass --home\n"
    )


@pytest.mark.neo4j
def test_path_explains_each_hop_and_says_when_there_is_no_route(cli: Any, store: Any) -> None:
    load_tiny(store)
    found = cli("path", "home", "assoc", "--format", "json", env=HOME)
    text = json.loads(found.stdout)["paths"][0]["text"]
    assert text == (
        "us (IOM) → partners with → Resettlement NGO → member of → Labour Mobility Task Force"
        " ← member of ← Employers DE"
    )
    none = cli("path", "us", "firm", env=HOME)
    assert none.exit_code == 0 and none.stdout == "no known route from IOM to Lonely Firm\n"


@pytest.mark.neo4j
def test_analyze_and_write_back_scores_for_cypher_users(cli: Any, store: Any) -> None:
    load_tiny(store)
    result = cli("analyze", "--write-back", "--format", "json", env=HOME)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["nodes"] == 5
    assert "wrote scores on 4 actor(s)" in result.stderr
    rows = store.execute_read(
        "MATCH (a:Actor) RETURN a.id AS id, a.entryScore AS entryScore, a.community AS community, "
        "a.brokerRoles AS brokerRoles, a.betweenness AS betweenness, a.constraint AS constraint ORDER BY id",
        {},
    )
    by_id = {r["id"]: r for r in rows}
    assert by_id["assoc"]["entryScore"] > by_id["firm"]["entryScore"]
    assert by_id["ngo"]["entryScore"] is None and by_id["ngo"]["betweenness"] > 0
    assert isinstance(by_id["us"]["community"], int)


@pytest.mark.neo4j
def test_coverage_and_suggest(cli: Any, store: Any) -> None:
    load_tiny(store)
    coverage = json.loads(cli("coverage", "--format", "json", env=HOME).stdout)
    cells = {(r["country"], r["sector"]): (r["actors"], r["engaged"]) for r in coverage}
    # us, the partner NGO and the firm have no country or sector; the association is DEU/healthcare
    assert cells == {("?", "?"): (3, 1), ("DEU", "healthcare"): (1, 0)}
    suggest = json.loads(cli("suggest", "--format", "json", env=HOME).stdout)
    assert [(s["partner"], s["target"]) for s in suggest] == [("ngo", "assoc")]


@pytest.mark.neo4j
def test_sample_network_end_to_end_is_deterministic(cli: Any, sample_store: Any) -> None:
    home = sample_store.execute_read(
        "MATCH (a:Actor)--() RETURN a.id AS id, count(*) AS ties ORDER BY ties DESC, id LIMIT 1", {}
    )[0]["id"]
    first = cli("entry-points", "--home", home, "--sphere", "all", "--format", "json")
    assert first.exit_code == 0, first.output
    second = cli("entry-points", "--home", home, "--sphere", "all", "--format", "json")
    assert first.stdout == second.stdout
    assert json.loads(first.stdout)["entry_points"]
    analyze = json.loads(cli("analyze", "--format", "json").stdout)
    assert analyze["nodes"] > 10 and analyze["communities"] >= 1


def test_a_bad_weight_is_an_error_before_touching_the_database(cli_no_db: Any) -> None:
    result = cli_no_db("entry-points", "--weight", "reach")
    assert result.exit_code == 1
    assert result.stderr == "error: --weight: 'reach' is not COMPONENT=NUMBER — e.g. --weight reach=0.5\n"
