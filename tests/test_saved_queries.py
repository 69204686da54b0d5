"""Saved queries: the header parser, the shipped queries (documented, runnable, read-only)."""

from __future__ import annotations

from pathlib import Path

import pytest

from netmap.errors import InputError, NotFound
from netmap.store.saved_queries import get_query, load_queries, parse_query


def test_parse_header_and_bind() -> None:
    q = parse_query(
        "q",
        "// title: T\n// description: one\n//   two\n// parameters: n:int=5, who:string, on:bool=true,"
        " xs:list=a|b\nMATCH (a) RETURN a LIMIT $n\n",
    )
    assert q.title == "T" and q.description == "one two" and q.cypher == "MATCH (a) RETURN a LIMIT $n"
    assert q.bind({"who": "IOM"}) == {"n": 5, "who": "IOM", "on": True, "xs": ["a|b"]}
    with pytest.raises(InputError, match="required"):
        q.bind({})
    with pytest.raises(InputError, match="not a valid int"):
        q.bind({"who": "x", "n": "five"})


@pytest.mark.parametrize(
    "text",
    [
        "MATCH (a) RETURN a",
        "// title: T\n",
        "// title: T\n// parameters: 9x:int\nRETURN 1",
        "// title: T\n// parameters: a:date\nRETURN 1",
    ],
)
def test_bad_headers(text: str) -> None:
    with pytest.raises(InputError):
        parse_query("bad", text)


def test_shipped_queries_are_documented() -> None:
    queries = load_queries()
    assert len(queries) >= 8
    for q in queries:
        assert q.title and len(q.description) > 20, q.name
        for p in q.parameters:
            assert f"${p.name}" in q.cypher, (q.name, p.name)
    with pytest.raises(NotFound):
        get_query("nope")


def test_load_from_folder(tmp_path: Path) -> None:
    (tmp_path / "a.cypher").write_text("// title: A\nRETURN 1 AS one\n")
    assert [q.name for q in load_queries(tmp_path)] == ["a"]
    assert load_queries(tmp_path / "missing") == []


@pytest.mark.neo4j
def test_every_shipped_query_runs_read_only_on_the_sample(sample_store) -> None:  # type: ignore[no-untyped-def]
    from netmap.store.cypher import run_query

    for q in load_queries():
        values = {p.name: (p.default if p.default is not None else "unhcr") for p in q.parameters}
        result = run_query(sample_store, q.cypher, q.bind(values), timeout=30, limit=1000)
        assert result.query_type == "r", q.name
