"""Console Cypher cannot reach administration commands, files or URLs: by statement kind and by plan."""

from __future__ import annotations

import pytest

from netmap.errors import QueryError
from netmap.store.cypher import _explain
from netmap.store.guard import ALLOWED_PROCEDURES, check_plan, check_statement


@pytest.mark.parametrize(
    ("cypher", "message"),
    [
        ("SHOW TRANSACTIONS YIELD currentQuery, parameters", "SHOW TRANSACTIONS is an administration command"),
        ("/* x */ terminate transactions 'neo4j-transaction-7'", "TERMINATE TRANSACTIONS is an administration command"),
        ("// hi\nSHOW SETTINGS", "SHOW SETTINGS is an administration command"),
        ("SHOW USERS", "SHOW USERS is an administration command"),
        ("show roles", "SHOW ROLES is an administration command"),
        ("SHOW SERVERS", "SHOW SERVERS is an administration command"),
        ("CREATE DATABASE other", "CREATE DATABASE is an administration command"),
        ("DROP USER ana", "DROP USER is an administration command"),
        ("CREATE OR REPLACE DATABASE x", "CREATE OR is an administration command"),
        ("GRANT ROLE admin TO ana", "GRANT ROLE is an administration command"),
        ("USE system MATCH (n) RETURN n", "USE is not allowed here"),
        ("LOAD CSV FROM 'http://127.0.0.1:1/login' AS r RETURN r", "LOAD CSV is not allowed here"),
        ("WITH 1 AS x load\n/**/ csv with headers FROM 'file:///etc/passwd' AS r RETURN r", "LOAD CSV is not allowed"),
        ("CALL dbms.listConfig()", "procedure dbms.listConfig is not allowed here"),
        ("CALL `dbms`.`listConfig`() YIELD name RETURN name", "procedure dbms.listConfig is not allowed here"),
        ("MATCH (n) CALL apoc.load.json('http://x') YIELD value RETURN value", "procedure apoc.load.json is not"),
        ("CALL db . info", "procedure db.info is not allowed here"),
    ],
)
def test_administration_commands_file_reads_and_other_procedures_are_refused_by_kind(cypher, message):
    with pytest.raises(QueryError, match=message) as refused:
        check_statement(cypher)
    assert " — " in str(refused.value)  # every refusal says what to do instead


@pytest.mark.parametrize(
    "cypher",
    [
        "MATCH (n:Actor) RETURN n.name AS show",
        "RETURN 'SHOW TRANSACTIONS' AS s, \"LOAD CSV FROM 'x'\" AS t // TERMINATE TRANSACTIONS",
        "CALL db.labels() YIELD label RETURN label",
        "CALL `db`.`relationshipTypes`()",
        "MATCH (a) CALL { WITH a RETURN a.id AS id } RETURN id",
        "MATCH (load)-->(csv) RETURN load, csv",
    ],
)
def test_graph_queries_and_allowed_procedures_pass_the_statement_check(cypher):
    check_statement(cypher)


def test_index_and_constraint_commands_are_refused_even_with_write():
    with pytest.raises(QueryError, match="CREATE INDEX changes the database schema, which netmap manages itself"):
        check_statement("CREATE INDEX x FOR (n:X) ON (n.y)", write=True)
    with pytest.raises(QueryError, match="DROP CONSTRAINT changes the database schema"):
        check_statement("DROP CONSTRAINT actor_id", write=True)


@pytest.mark.neo4j
@pytest.mark.parametrize(
    ("cypher", "message"),
    [
        ("SHOW TRANSACTIONS YIELD currentQuery", "administration command \\(ShowTransactions\\)"),
        ("TERMINATE TRANSACTIONS 'neo4j-transaction-1'", "administration command \\(TerminateTransactions\\)"),
        ("SHOW SETTINGS", "administration command \\(ShowSettings\\)"),
        ("SHOW PROCEDURES", "administration command \\(ShowProcedures\\)"),
        ("SHOW USERS", "administration command \\(AdministrationCommand\\)"),
        ("LOAD CSV FROM 'http://127.0.0.1:1/' AS r RETURN r", "LOAD CSV is not allowed here"),
        ("CALL dbms.components()", "procedure dbms.components is not allowed here"),
        ("CALL tx.getMetaData()", "procedure tx.getMetaData is not allowed here"),
        ("MATCH (n) WITH n LIMIT 1 CALL db.info() YIELD name RETURN name", "procedure db.info is not allowed"),
    ],
)
def test_the_plan_check_refuses_what_the_text_check_might_miss(store, cypher, message):
    with pytest.raises(QueryError, match=message):
        check_plan(_explain(store, cypher, None).plan)


@pytest.mark.neo4j
@pytest.mark.parametrize("procedure", sorted(ALLOWED_PROCEDURES))
def test_allowed_procedures_pass_the_plan_check(store, procedure):
    check_plan(_explain(store, f"CALL {procedure}()", None).plan)
