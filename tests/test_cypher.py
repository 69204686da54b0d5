"""User-written Cypher: read-only by default, time and row limits, graph elements for drawing."""

from __future__ import annotations

import json

import pytest

from netmap.errors import QueryError, WriteQueryRefused
from netmap.store.cypher import query_type, run_query

pytestmark = pytest.mark.neo4j


def test_read_query_returns_rows_and_columns(store):
    store.execute_write("CREATE (:Entity:Actor {id: 'a', name: 'Alpha'})")
    result = run_query(store, "MATCH (a:Actor) RETURN a.id AS id, a.name AS name")
    assert result.columns == ["id", "name"]
    assert result.rows == [{"id": "a", "name": "Alpha"}]
    assert result.query_type == "r" and not result.truncated


@pytest.mark.parametrize(
    "cypher",
    [
        "CREATE (n:X) RETURN n",
        "MATCH (n) DETACH DELETE n",
        "MERGE (n:X {id: 1})",
        "MATCH (n) SET n.x = 1",
        "CREATE INDEX x IF NOT EXISTS FOR (n:X) ON (n.y)",
    ],
)
def test_writing_queries_are_refused_before_they_run(store, cypher):
    store.execute_write("CREATE (:Entity:Actor {id: 'a'})")
    with pytest.raises(WriteQueryRefused, match="queries are read-only here — use --write"):
        run_query(store, cypher)
    assert store.execute_read("MATCH (n) RETURN count(n) AS n")[0]["n"] == 1
    assert store.execute_read("MATCH (n) WHERE n.x IS NOT NULL RETURN count(n) AS n")[0]["n"] == 0


def test_write_flag_allows_and_commits_a_write(store):
    result = run_query(store, "CREATE (n:X {v: $v}) RETURN n.v AS v", {"v": 3}, write=True)
    assert result.rows == [{"v": 3}] and result.query_type == "rw"
    assert store.execute_read("MATCH (n:X) RETURN n.v AS v") == [{"v": 3}]


def test_row_limit_truncates_and_says_so(store):
    result = run_query(store, "UNWIND range(1, 50) AS x RETURN x", limit=10)
    assert [r["x"] for r in result.rows] == list(range(1, 11))
    assert result.truncated


def test_never_ending_query_is_stopped_by_the_timeout(store):
    with pytest.raises(QueryError, match="ran past its time limit"):
        run_query(store, "UNWIND range(1, 10000000000) AS x WITH x WHERE x < 0 RETURN count(x)", timeout=1.0)


def test_nodes_and_relationships_are_collected_for_drawing(store):
    store.execute_write("CREATE (:Entity:Actor {id: 'a'})-[:PARTNERS_WITH {key: ''}]->(:Entity:Actor {id: 'b'})")
    result = run_query(store, "MATCH p = (a)-[r]->(b) RETURN a, r, p")
    assert sorted(n["id"] for n in result.nodes.values()) == ["a", "b"]
    (rel,) = result.relationships.values()
    assert rel["type"] == "PARTNERS_WITH"
    assert {rel["start"], rel["end"]} == set(result.nodes)


def test_syntax_errors_are_query_errors(store):
    with pytest.raises(QueryError, match="Neo4j refused the query"):
        query_type(store, "MATCH (n RETURN n")


def test_explain_prefix_is_refused_with_a_hint(store):
    with pytest.raises(QueryError, match="EXPLAIN is added by netmap itself"):
        run_query(store, "EXPLAIN MATCH (n) RETURN n")


def test_parameters_are_passed_not_spliced(store):
    store.execute_write("CREATE (:Entity:Actor {id: 'a', name: \"x' OR 1=1 //\"})")
    result = run_query(store, "MATCH (a:Actor) WHERE a.name = $name RETURN a.id AS id", {"name": "x' OR 1=1 //"})
    assert result.rows == [{"id": "a"}]


def test_console_queries_cannot_read_login_accounts(store):
    store.execute_write("CREATE (:User {name: 'ana', role: 'analyst', passwordHash: 'scrypt:secret'})")
    for cypher in (
        "MATCH (u:User) RETURN u.passwordHash",
        "MATCH (u:`User`) RETURN u",
        "MATCH (n) RETURN n.passwordHash",
    ):
        with pytest.raises(QueryError, match="queries about login accounts or server procedures are not allowed here"):
            run_query(store, cypher)
    everything = run_query(store, "MATCH (n) RETURN n, properties(n) AS p")
    assert everything.rows == [
        {
            "n": {"elementId": everything.rows[0]["n"]["elementId"], "labels": ["User"], "redacted": True},
            "p": {"name": "ana", "role": "analyst"},
        }
    ]
    assert "scrypt:secret" not in repr(everything.nodes)


def test_the_cli_owner_of_the_database_may_read_everything(store):
    store.execute_write("CREATE (:User {name: 'ana', passwordHash: 'h'})")
    result = run_query(store, "MATCH (u:User) RETURN u.passwordHash AS h", protect_accounts=False)
    assert result.rows == [{"h": "h"}]


@pytest.mark.parametrize("write", [False, True])
def test_console_cannot_see_or_end_other_transactions(store, write):
    with store.session() as other:
        tx = other.begin_transaction()
        tx.run("MATCH (n) WHERE n.id = $secret RETURN n", {"secret": "hidden-parameter"}).consume()
        try:
            for cypher in ("SHOW TRANSACTIONS YIELD currentQuery, parameters", "TERMINATE TRANSACTIONS 'x'"):
                with pytest.raises(QueryError, match="is an administration command and is not run from the console"):
                    run_query(store, cypher, write=write)
            assert tx.closed() is False
        finally:
            tx.rollback()


@pytest.mark.parametrize("write", [False, True])
def test_console_load_csv_fetches_nothing(store, internal_site, write):
    url, hits = internal_site
    for cypher in (f"LOAD CSV FROM '{url}' AS r RETURN r", "LOAD CSV FROM $u AS r RETURN r"):
        with pytest.raises(QueryError, match="LOAD CSV is not allowed here: console queries do not read files or URLs"):
            run_query(store, cypher, {"u": url}, write=write)
    assert hits == []


def test_results_stop_at_the_byte_limit_and_say_so(store):
    result = run_query(store, "RETURN range(1, 10000000) AS r, 'after' AS s", max_bytes=100_000)
    assert result.cut and not result.truncated
    assert 10_000 < len(json.dumps(result.rows)) < 120_000
    many = run_query(
        store, "UNWIND range(1, 100000) AS x RETURN x, 'padding padding padding' AS p", limit=10**6, max_bytes=50_000
    )
    assert many.cut and 500 < len(many.rows) < 5_000 and many.rows[-1]["x"] == len(many.rows)
    small = run_query(store, "UNWIND range(1, 10) AS x RETURN x")
    assert not small.cut and len(small.rows) == 10


def test_the_cli_says_when_results_were_cut(cli):
    result = cli("query", "RETURN range(1, 10000000) AS r", "--format", "json")
    assert result.exit_code == 0
    assert "(cut at 2 MB of results, after 1 row(s): return fewer or smaller values, or add a LIMIT)" in result.output
    assert len(result.output) < 8_000_000  # indented JSON of the 2 MB that were kept, not 89 MB
