"""``netmap db reset``: a fresh start that asks first, keeps login accounts and guards external servers."""

from __future__ import annotations

from sheet_files import SHEETS


def _count(store, label: str) -> int:
    return store.execute_read(f"MATCH (n:{label}) RETURN count(n) AS n")[0]["n"]


def test_reset_asks_first_and_keeps_everything_when_refused(cli, store, neo4j_settings):
    cli("import", "sheet", str(SHEETS / "actors.csv"))
    result = cli("db", "reset", "--uri", neo4j_settings.neo4j_uri, input="n\n")
    assert result.exit_code == 1
    assert _count(store, "Actor") == 4


def test_reset_of_an_external_server_needs_yes_and_its_address(cli, store, neo4j_settings):
    cli("import", "sheet", str(SHEETS / "actors.csv"))
    uri = neo4j_settings.neo4j_uri
    refused = cli("db", "reset", "--yes")
    assert refused.exit_code == 1
    assert refused.stderr == (
        f"error: {uri} is an external server: netmap resets it only when told so explicitly — "
        f"run 'netmap db reset --yes --uri {uri}'\n"
    )
    assert cli("db", "reset", "--yes", "--uri", "bolt://elsewhere:7687").exit_code == 1
    assert _count(store, "Actor") == 4


def test_reset_deletes_the_graph_but_keeps_login_accounts_and_the_schema(cli, store, neo4j_settings):
    cli("import", "sheet", str(SHEETS / "actors.csv"))
    cli("users", "add", "keeper", "--role", "admin", "--password-stdin", input="a long enough passphrase\n")
    store.execute_write("CREATE (:User {name: 'old', role: 'viewer', passwordHash: 'x'})")  # an older netmap's
    result = cli("db", "reset", "--yes", "--uri", neo4j_settings.neo4j_uri)
    assert result.exit_code == 0, result.output
    assert result.output.endswith("; login accounts kept\n")
    assert store.execute_read("MATCH (n) RETURN labels(n) AS labels") == []
    assert cli("users", "list", "--format", "csv").output == "name,role\nkeeper,admin\nold,viewer\n"
    assert cli("import", "sheet", str(SHEETS / "actors.csv")).exit_code == 0
    assert _count(store, "Actor") == 4


def test_dump_and_load_need_the_managed_server(cli):
    result = cli("db", "dump", "x.dump")
    assert result.exit_code == 1
    assert "netmap can dump only its own local Neo4j" in result.stderr
