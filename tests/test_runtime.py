"""The managed local Neo4j: toolchain checks and every start-up failure, each with a one-line error."""

from __future__ import annotations

import os
import shutil
import socket
import stat
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import Cli, free_port, managed_settings, private_modes
from neo4j import exceptions as neo4j_errors

from netmap.config import Settings, load_settings
from netmap.errors import AuthenticationFailed, DatabaseUnavailable, RuntimeSetupError
from netmap.runtime import ManagedNeo4j, check_java, check_maven
from netmap.store import connect


def fake_bin(tmp_path: Path, name: str, script: str) -> Path:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    path = bin_dir / name
    path.write_text("#!/bin/sh\n" + script + "\n")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return bin_dir


def test_missing_java_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("JAVA_HOME", raising=False)
    with pytest.raises(RuntimeSetupError) as info:
        check_java()
    assert str(info.value).startswith("Java was not found on PATH (the local Neo4j needs Java 17 or newer) — install")
    assert "NETMAP_NEO4J_URI" in str(info.value)


def test_java_older_than_17_is_refused(monkeypatch, tmp_path):
    bin_dir = fake_bin(tmp_path, "java", "echo 'openjdk version \"11.0.22\" 2024-01-16' >&2")
    monkeypatch.setenv("PATH", str(bin_dir))
    monkeypatch.delenv("JAVA_HOME", raising=False)
    with pytest.raises(
        RuntimeSetupError, match=r"^Java 11 found at .*/bin/java, but the local Neo4j needs Java 17 or newer"
    ):
        check_java()


def test_java_8_version_string_is_read_as_8(monkeypatch, tmp_path):
    bin_dir = fake_bin(tmp_path, "java", "echo 'java version \"1.8.0_292\"' >&2")
    monkeypatch.setenv("PATH", str(bin_dir))
    monkeypatch.delenv("JAVA_HOME", raising=False)
    with pytest.raises(RuntimeSetupError, match="Java 8 found"):
        check_java()


def test_installed_java_is_accepted():
    java, major = check_java()
    assert major >= 17 and os.path.exists(java)


def test_missing_maven_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(RuntimeSetupError) as info:
        check_maven()
    assert str(info.value) == (
        "Maven ('mvn') was not found on PATH; netmap uses it once to fetch Neo4j from Maven Central — install it "
        "(e.g. 'apt-get install maven'), or set NETMAP_NEO4J_URI to use your own server"
    )


def test_missing_maven_stops_a_first_start_before_anything_runs(monkeypatch, tmp_path):
    only_java = tmp_path / "only-java"
    only_java.mkdir()
    (only_java / "java").symlink_to(os.path.realpath(check_java()[0]))
    monkeypatch.setenv("PATH", str(only_java))
    settings = replace(managed_settings(), home=tmp_path / "home")
    with pytest.raises(RuntimeSetupError, match="Maven"):
        ManagedNeo4j(settings).start()


@pytest.mark.neo4j
def test_port_in_use_is_refused(neo4j_settings, tmp_path):
    with socket.socket() as blocker:
        blocker.bind(("127.0.0.1", 0))
        blocker.listen()
        port = blocker.getsockname()[1]
        server = ManagedNeo4j(replace(managed_settings(), bolt_port=port), data_dir=tmp_path / "db")
        with pytest.raises(RuntimeSetupError) as info:
            server.start()
    assert str(info.value) == (
        f"port {port} on 127.0.0.1 is already in use by another program — stop that program, or choose another port "
        "with NETMAP_BOLT_PORT"
    )
    assert not server.is_running()


@pytest.mark.neo4j
def test_failed_start_shows_the_last_lines_of_the_log(neo4j_settings, tmp_path):
    server = ManagedNeo4j(replace(managed_settings(), neo4j_heap="lots"), data_dir=tmp_path / "db")
    (tmp_path / "db" / "data" / "dbms").mkdir(parents=True)  # a server set up earlier, now started with a bad setting
    (tmp_path / "db" / "data" / "dbms" / "auth.ini").write_text("")
    server.password_file.write_text("set-up-before\n")
    with pytest.raises(RuntimeSetupError) as info:
        server.start()
    message = str(info.value)
    assert message.startswith("Neo4j failed to start (exit code")
    assert "Invalid maximum heap size: -Xmxlots" in message
    assert not server.pid_file.exists()


@pytest.mark.neo4j
def test_wrong_password_for_an_external_server(neo4j_settings):
    with pytest.raises(AuthenticationFailed) as info:
        connect(replace(neo4j_settings, neo4j_password="not-the-password"))
    assert str(info.value) == (
        f"Neo4j at {neo4j_settings.neo4j_uri} refused the user name or password — check NETMAP_NEO4J_USER and "
        "NETMAP_NEO4J_PASSWORD"
    )


def test_unreachable_server(tmp_path):
    port = free_port()
    with pytest.raises(DatabaseUnavailable) as info:
        connect(replace(managed_settings(), neo4j_uri=f"bolt://127.0.0.1:{port}", neo4j_password="x"))
    assert str(info.value) == (
        f"cannot reach Neo4j at bolt://127.0.0.1:{port} — check that the server is running and that "
        "NETMAP_NEO4J_URI names it"
    )


@pytest.mark.neo4j
def test_a_removed_data_folder_gets_the_kept_password_again(tmp_path):
    server = ManagedNeo4j(managed_settings(), data_dir=tmp_path / "db")
    server.start()
    password = server.password()
    server.stop()
    shutil.rmtree(tmp_path / "db" / "data")
    try:
        server.start()
        with connect(replace(managed_settings(), neo4j_uri=server.uri, neo4j_password=password)) as store:
            assert store.execute_read("RETURN 1 AS one") == [{"one": 1}]
    finally:
        server.stop()


@pytest.mark.neo4j
@pytest.mark.usefixtures("permissive_umask")
def test_the_managed_store_logs_and_password_are_private_to_the_owner(tmp_path):
    """Under umask 000, every folder and file of the managed server is 0700 / 0600: the store files
    (which hold the data), auth.ini, the logs, the configuration, the password; a file an older netmap
    left readable is tightened at the next start."""
    data_dir = tmp_path / "db"
    (data_dir / "data").mkdir(parents=True)
    (data_dir / "data" / "left-by-an-older-netmap").write_text("readable")
    server = ManagedNeo4j(managed_settings(), data_dir=data_dir)
    server.start()
    try:
        with connect(replace(managed_settings(), neo4j_uri=server.uri, neo4j_password=server.password())) as store:
            store.execute_write("CREATE (:Actor {id: 'a', name: 'A'})")
        assert (data_dir / "data" / "dbms" / "auth.ini").is_file()
        assert any((data_dir / "data" / "databases" / "neo4j").iterdir())
        assert private_modes(data_dir) == []
    finally:
        server.stop()
    assert private_modes(data_dir) == [], "and after a clean shutdown"


def test_stopped_managed_server_names_the_command_that_starts_it(tmp_path):
    with pytest.raises(DatabaseUnavailable, match="the local Neo4j is not running — start it with 'netmap db start'"):
        connect(replace(managed_settings(), home=tmp_path))


@pytest.mark.neo4j
def test_db_start_status_stop_manage_a_local_server(tmp_path):
    """The whole life of a managed server through the CLI: password file 0600, Bolt on loopback only."""
    base = managed_settings()
    cache = base.home / "cache"
    home = tmp_path / "home"
    (home / "cache").mkdir(parents=True)
    (home / "cache" / f"neo4j-{base.neo4j_version}").symlink_to(cache / f"neo4j-{base.neo4j_version}")
    port = free_port()
    cli = Cli(
        {
            "NETMAP_HOME": str(home),
            "NETMAP_BOLT_PORT": str(port),
            "NETMAP_NEO4J_HEAP": "512m",
            "NETMAP_NEO4J_PAGECACHE": "64m",
        }
    )
    try:
        started = cli("db", "start")
        assert started.exit_code == 0, started.output
        assert started.output.startswith(f"Neo4j {base.neo4j_version} started at bolt://127.0.0.1:{port}")
        password_file = home / "db" / "password"
        assert stat.S_IMODE(password_file.stat().st_mode) == 0o600
        conf = (home / "db" / "conf" / "neo4j.conf").read_text()
        assert f"server.bolt.listen_address=127.0.0.1:{port}" in conf
        assert "server.http.enabled=false" in conf and "dbms.security.auth_enabled=true" in conf
        status = cli("db", "status")
        assert status.exit_code == 0
        assert "(community, local, managed, pid " in status.output
        assert "nodes: 0  relationships: 0" in status.output
        again = cli("db", "start")
        assert "is already running" in again.output
        _dump_and_load_round_trip(cli, home, tmp_path)
    finally:
        stopped = cli("db", "stop")
    assert stopped.output == "Neo4j stopped.\n"
    after = cli("db", "status")
    assert after.exit_code == 3 and "is not running. Start it with 'netmap db start'" in after.output


def _dump_and_load_round_trip(cli: Cli, home, tmp_path) -> None:
    """``netmap db dump`` then ``load`` gives back the same graph; a file that is no dump changes nothing."""
    settings = load_settings(env=cli.env)
    server = ManagedNeo4j(settings)
    external = Settings(neo4j_uri=server.uri, neo4j_password=server.password(), home=home)
    with connect(external) as store:
        store.execute_write("CREATE (:Actor {id: 'a'})-[:PARTNERS_WITH]->(:Actor {id: 'b'})")
    dumped = cli("db", "dump", str(tmp_path / "backup.dump"))
    assert dumped.exit_code == 0, dumped.output
    assert dumped.output == (
        f"dumped the database to {tmp_path / 'backup.dump'} (Neo4j was stopped meanwhile and is running again)\n"
    )
    assert stat.S_IMODE((tmp_path / "backup.dump").stat().st_mode) == 0o600
    with connect(external) as store:
        store.execute_write("MATCH (n) DETACH DELETE n")
    (tmp_path / "notes.txt").write_text("not a dump")
    refused = cli("db", "load", "--yes", str(tmp_path / "notes.txt"))
    assert refused.exit_code == 1
    assert refused.stderr == (
        f"error: {tmp_path / 'notes.txt'}: is not a Neo4j database dump — name a dump written by 'netmap db dump'\n"
    )
    loaded = cli("db", "load", "--yes", str(tmp_path / "backup.dump"))
    assert loaded.exit_code == 0, loaded.output
    with connect(external) as store:
        assert store.execute_read("MATCH (a:Actor)-[r]->(b:Actor) RETURN a.id AS a, type(r) AS t, b.id AS b") == [
            {"a": "a", "t": "PARTNERS_WITH", "b": "b"}
        ]


def test_db_commands_leave_an_external_server_alone(cli_no_db):
    env = {"NETMAP_NEO4J_URI": "neo4j+s://example.databases.neo4j.io"}
    assert cli_no_db("db", "start", env=env).output == (
        "NETMAP_NEO4J_URI is set: using neo4j+s://example.databases.neo4j.io; no local Neo4j is started.\n"
    )
    assert "is not managed by netmap; nothing to stop" in cli_no_db("db", "stop", env=env).output


@pytest.mark.neo4j
def test_the_managed_server_itself_refuses_load_csv_from_addresses_and_files(store, internal_site):
    if os.environ.get("NETMAP_TEST_NEO4J_URI"):
        pytest.skip("the server under test is not the managed one")
    url, hits = internal_site
    for target, reason in ((url, "cypher_ip_blocklist"), ("file:///etc/passwd", "allow_csv_import_from_file_urls")):
        with store.driver.session() as session, pytest.raises(neo4j_errors.ClientError, match=reason):
            session.run("LOAD CSV FROM $url AS row RETURN row", url=target).consume()
    assert hits == []
