"""The foundation's commands as a user runs them: import, query, sources, demo — with exact messages."""

from __future__ import annotations

import json

import pytest
from sheet_files import SHEETS, write_csv

pytestmark = pytest.mark.neo4j


def test_import_sheet_prints_the_report(cli):
    result = cli("import", "sheet", str(SHEETS / "actors.csv"), str(SHEETS / "relationships.csv"))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:2] == [
        "imported actors.csv, relationships.csv (sheet): 4 actors, 1 programmes/forums, 5 relationships",
        "  created 5, updated 0, merged 0, for review 0",
    ]


def test_import_dry_run_writes_nothing(cli, store):
    result = cli("import", "sheet", "--dry-run", str(SHEETS / "actors.csv"), str(SHEETS / "relationships.csv"))
    assert result.stdout.startswith("would import actors.csv, relationships.csv (sheet): 4 actors")
    assert "note: dry run: nothing was written" in result.output
    assert store.execute_read("MATCH (n) RETURN count(n) AS n")[0]["n"] == 0


def test_import_error_names_file_line_and_expected_values_and_exits_non_zero(cli, store, tmp_path):
    path = write_csv(tmp_path / "actors.csv", ["name", "kind"], [["Acme", "Company"], ["Ministry", "Gov."]])
    result = cli("import", "sheet", str(path))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].startswith(
        "error: actors.csv line 3: column 'kind' has 'Gov.' — expected one of Government, IGO, NGO"
    )
    assert result.stderr.rstrip().endswith("— nothing was written; fix the input and run the import again")
    assert store.execute_read("MATCH (n) RETURN count(n) AS n")[0]["n"] == 0


def test_import_of_a_missing_file(cli):
    result = cli("import", "sheet", "nowhere.csv")
    assert result.exit_code == 1
    assert result.stderr == "error: nowhere.csv: no such file\n"


def test_query_formats(cli):
    cli("import", "sheet", str(SHEETS / "actors.csv"))
    cypher = "MATCH (a:Actor) WHERE a.id IN ['iom', 'tbb'] RETURN a.id AS id, a.influence AS influence ORDER BY id"
    table = cli("query", cypher)
    assert table.output.splitlines() == ["id   influence", "---  ---------", "iom  5", "tbb  4"]
    assert cli("query", cypher, "--format", "csv").output == "id,influence\niom,5\ntbb,4\n"
    assert json.loads(cli("query", cypher, "--format", "json").output) == [
        {"id": "iom", "influence": 5},
        {"id": "tbb", "influence": 4},
    ]


def test_query_parameters_are_typed(cli):
    result = cli(
        "query",
        "RETURN $n + 1 AS n, $s AS s, $l AS l",
        "-p",
        "n=41",
        "-p",
        "s=DEU",
        "-p",
        "l=[1,2]",
        "--format",
        "json",
    )
    assert json.loads(result.output) == [{"n": 42, "s": "DEU", "l": [1, 2]}]


def test_query_from_a_file(cli, tmp_path):
    path = tmp_path / "count.cypher"
    path.write_text("// how many\nRETURN 1 + $x AS n\n")
    assert cli("query", str(path), "-p", "x=1", "--format", "csv").output == "n\n2\n"


def test_query_refuses_writes_unless_asked(cli, store):
    refused = cli("query", "CREATE (n:X)")
    assert refused.exit_code == 1
    assert refused.stderr == (
        "error: this is a write query and was not run: queries are read-only here — use --write if you mean to change "
        "the graph\n"
    )
    assert cli("query", "CREATE (n:X) RETURN 1 AS done", "--write").exit_code == 0
    assert store.execute_read("MATCH (n:X) RETURN count(n) AS n")[0]["n"] == 1


def test_query_row_limit_warns_on_stderr(cli):
    result = cli("query", "UNWIND range(1, 5) AS x RETURN x", "--limit", "2", "--format", "csv")
    assert result.stdout == "x\n1\n2\n"
    assert result.stderr == "(stopped at 2 rows: raise --limit to see more)\n"


def test_bad_parameter_syntax(cli):
    result = cli("query", "RETURN 1", "-p", "oops")
    assert result.exit_code == 1
    assert result.stderr == "error: -p oops: is not key=value — write parameters as -p country=DEU\n"


def test_sources_lists_every_import(cli):
    cli("import", "sheet", str(SHEETS / "actors.csv"))
    rows = json.loads(cli("sources", "--format", "json").output)
    assert [(r["file"], r["format"], r["actors"], r["created"], r["status"]) for r in rows] == [
        ("actors.csv", "sheet", 4, 5, "complete")
    ]


def test_demo_loads_the_sample_and_creates_the_demo_login(cli, store):
    result = cli("demo", "--no-serve")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("sample network loaded (209 actors, 34 programmes and forums, 375 ties)")
    assert "log in as 'demo' with password '" in result.output
    users = cli("users", "list", "--format", "json").output
    assert json.loads(users) == [{"name": "demo", "role": "admin"}]
    assert store.execute_read("MATCH (u:User) RETURN count(u) AS n") == [{"n": 0}]
    again = cli("demo", "--no-serve")
    assert again.output.splitlines()[0] == result.output.splitlines()[0]
    assert store.execute_read("MATCH (a:Actor) RETURN count(a) AS n")[0]["n"] == 209


def test_the_demo_home_actor_sticks_for_later_commands(cli, neo4j_settings):
    result = cli("demo", "--no-serve")
    assert "home actor: iom (saved; change it with 'netmap config set home_actor ID')" in result.output
    later = cli("entry-points", "--top", "3", "--format", "json")
    assert later.exit_code == 0, later.output
    data = json.loads(later.output)
    assert data["home"]["id"] == "iom" and len(data["entry_points"]) == 3


def test_unexpected_errors_are_one_line_not_a_traceback(cli_no_db):
    result = cli_no_db(
        "query", "RETURN 1", env={"NETMAP_NEO4J_URI": "bolt://127.0.0.1:1", "NETMAP_NEO4J_PASSWORD": "x"}
    )
    assert result.exit_code == 1
    assert result.stderr.startswith("error: cannot reach Neo4j at bolt://127.0.0.1:1")
    assert "Traceback" not in result.output


def test_query_runs_a_saved_query_by_name_with_typed_parameters(cli):
    cli("import", "sheet", str(SHEETS / "actors.csv"))
    result = cli("query", "employers_without_tie", "-p", "country=DEU", "--format", "json")
    assert result.exit_code == 0, result.output
    assert [r["id"] for r in json.loads(result.output)] == ["chamber-de", "acme-care"]
    bad = cli("query", "employers_without_tie", "-p", "limit=abc")
    assert bad.exit_code == 1 and bad.stderr == "error: limit: 'abc' is not a valid int\n"
