"""A database that does not answer fails fast with the next step, at the store and in the CLI; a restarted
one is used again without a word (stale pooled connections are retried while the server answers)."""

from __future__ import annotations

import os
import signal
import time
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import Cli, free_port, managed_settings

from netmap.errors import DatabaseUnavailable, QueryError
from netmap.runtime import ManagedNeo4j
from netmap.store import Store, connect
from netmap.store.connection import probe

#: The driver's own connection timeout and retries would take 10 s or more.
FAST = 2.0


def test_a_probe_of_a_closed_port_is_false_at_once() -> None:
    start = time.perf_counter()
    assert probe(f"bolt://127.0.0.1:{free_port()}") is False
    assert time.perf_counter() - start < 0.5


def test_the_cli_names_the_address_and_what_to_check_and_prints_nothing_else(cli_no_db: Cli) -> None:
    port = free_port()
    start = time.perf_counter()
    result = cli_no_db("sources", env={"NETMAP_NEO4J_URI": f"bolt://127.0.0.1:{port}", "NETMAP_NEO4J_PASSWORD": "x"})
    assert time.perf_counter() - start < FAST
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: cannot reach Neo4j at bolt://127.0.0.1:{port} — check that the server is running and that "
        "NETMAP_NEO4J_URI names it\n"
    )
    assert result.stdout == ""


def _managed_home(tmp_path: Path) -> Path:
    base = managed_settings()
    home = tmp_path / "home"
    (home / "cache").mkdir(parents=True)  # share the jar cache
    (home / "cache" / f"neo4j-{base.neo4j_version}").symlink_to(base.home / "cache" / f"neo4j-{base.neo4j_version}")
    return home


@pytest.mark.neo4j
def test_a_crashed_managed_neo4j_fails_fast_and_a_restarted_one_is_used_again(tmp_path: Path) -> None:
    settings = replace(managed_settings(), home=_managed_home(tmp_path))
    server = ManagedNeo4j(settings)
    server.start()
    cli = Cli(
        {
            "NETMAP_HOME": str(settings.home),
            "NETMAP_BOLT_PORT": str(settings.bolt_port),
            "NETMAP_NEO4J_HEAP": settings.neo4j_heap,
            "NETMAP_NEO4J_PAGECACHE": settings.neo4j_pagecache,
        }
    )
    store = connect(settings)
    try:
        assert store.execute_read("RETURN 1 AS one") == [{"one": 1}]
        pid = server.pid()
        assert pid is not None
        os.kill(pid, signal.SIGKILL)  # the store's last probe, a moment ago, said the server answered
        while server.is_running():
            time.sleep(0.05)
        start = time.perf_counter()
        with pytest.raises(DatabaseUnavailable) as info:
            store.execute_write("CREATE (:Probe)")
        assert time.perf_counter() - start < FAST
        assert str(info.value) == f"cannot reach Neo4j at {server.uri} — start it with 'netmap db start'"

        result = cli("sources")
        assert result.exit_code == 1
        assert result.stderr == (
            "error: the local Neo4j is not running — start it with 'netmap db start' (or run 'netmap demo')\n"
        )

        server.start()
        time.sleep(3.5)  # the last probe's answer is kept a few seconds
        assert store.execute_read("RETURN 2 AS two") == [{"two": 2}], "the pool's dead connections are replaced"
        listed = cli("sources")
        assert listed.exit_code == 0 and listed.stderr == ""
    finally:
        store.close()
        server.stop()


@pytest.mark.neo4j
def test_a_read_is_refused_a_write(store: Store) -> None:
    with pytest.raises(QueryError, match="read access mode"):
        store.execute_read("CREATE (n:Probe) RETURN n")
    assert store.execute_read("MATCH (n:Probe) RETURN count(n) AS n") == [{"n": 0}]


@pytest.mark.neo4j
def test_a_read_past_its_time_limit_is_stopped(store: Store) -> None:
    started = time.monotonic()
    with pytest.raises(QueryError, match="time limit"):
        store.execute_read("UNWIND range(1, 10000000000) AS x WITH x WHERE x < 0 RETURN count(x) AS n", timeout=0.5)
    assert time.monotonic() - started < 10
