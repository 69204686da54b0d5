"""Test session fixtures: one real Neo4j for the whole session, started on a free port.

The server is netmap's own managed Neo4j (the code under test), in a throw-away data folder; the jar
cache is the user's (``NETMAP_HOME``) so it is fetched once per machine. Set ``NETMAP_TEST_NEO4J_URI``
(+ ``_USER``, ``_PASSWORD``) to run the suite against a server of your own instead: it is wiped.
"""

from __future__ import annotations

import http.server
import os
import socket
import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from netmap.cli import main
from netmap.config import Settings, load_settings
from netmap.runtime import ManagedNeo4j
from netmap.store import Store, connect

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def managed_settings(heap: str = "512m", pagecache: str = "64m") -> Settings:
    """Settings for a managed Neo4j on a free port, sharing the user's jar cache (``NETMAP_HOME``)."""
    base = load_settings(env={k: v for k, v in os.environ.items() if k == "NETMAP_HOME"})
    return replace(base, bolt_port=free_port(), neo4j_heap=heap, neo4j_pagecache=pagecache)


@pytest.fixture(scope="session")
def neo4j_settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    """Settings that point at the session's Neo4j (started here, stopped at the end)."""
    uri = os.environ.get("NETMAP_TEST_NEO4J_URI")
    if uri:
        yield Settings(
            neo4j_uri=uri,
            neo4j_user=os.environ.get("NETMAP_TEST_NEO4J_USER", "neo4j"),
            neo4j_password=os.environ.get("NETMAP_TEST_NEO4J_PASSWORD", ""),
            home=tmp_path_factory.mktemp("home"),
        )
        return
    server = ManagedNeo4j(managed_settings(heap="768m", pagecache="256m"), data_dir=tmp_path_factory.mktemp("neo4j"))
    server.start()
    try:
        yield Settings(
            neo4j_uri=server.uri,
            neo4j_user="neo4j",
            neo4j_password=server.password(),
            home=tmp_path_factory.mktemp("home"),
        )
    finally:
        server.stop()


@pytest.fixture
def permissive_umask() -> Iterator[None]:
    """Umask 000 for the test: files and folders are world-readable unless netmap sets their modes itself."""
    previous = os.umask(0)
    try:
        yield
    finally:
        os.umask(previous)


def private_modes(root: Path) -> list[str]:
    """Every folder and file under ``root`` (included) whose mode is not 0700 / 0600, as ``path mode``."""
    from netmap.private import mode_of

    wrong = []
    for path in [root, *root.rglob("*")]:
        if path.is_symlink():
            continue
        wanted = 0o700 if path.is_dir() else 0o600
        if mode_of(path) != wanted:
            wrong.append(f"{path.relative_to(root)} {oct(mode_of(path))}")
    return wrong


def wipe(store: Store) -> None:
    while store.execute_write("MATCH (n) WITH n LIMIT 5000 DETACH DELETE n RETURN count(*) AS n")[0]["n"]:
        pass


@pytest.fixture
def store(neo4j_settings: Settings) -> Iterator[Store]:
    """A connected store on an empty database with the schema in place."""
    s = connect(neo4j_settings)
    wipe(s)
    s.ensure_schema()
    try:
        yield s
    finally:
        s.close()


@pytest.fixture
def sample_store(store: Store) -> Store:
    """The store with the shipped sample network loaded."""
    from netmap.sample import load_sample

    load_sample(store)
    return store


def neo4j_env(settings: Settings) -> dict[str, str]:
    return {
        "NETMAP_NEO4J_URI": settings.neo4j_uri or "",
        "NETMAP_NEO4J_USER": settings.neo4j_user,
        "NETMAP_NEO4J_PASSWORD": settings.neo4j_password or "",
        "NETMAP_HOME": str(settings.home),
    }


class Cli:
    """Runs ``netmap`` in-process against the session's Neo4j, like a user at a shell."""

    def __init__(self, env: dict[str, str]) -> None:
        self.env = env
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None, env: dict[str, str] | None = None) -> Result:
        return self.runner.invoke(
            main, list(args), env={**self.env, **(env or {})}, input=input, catch_exceptions=False
        )


@pytest.fixture
def cli(store: Store, neo4j_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Cli:
    """``netmap`` with its settings pointed at the (wiped) test database and a fresh ``NETMAP_HOME`` (so
    saved settings and login accounts start empty), kept out of the test's own ``tmp_path`` so output
    folders there hold only what the command wrote."""
    return Cli({**neo4j_env(neo4j_settings), "NETMAP_HOME": str(tmp_path_factory.mktemp("netmap-home"))})


@pytest.fixture
def cli_no_db(tmp_path: Path) -> Cli:
    """``netmap`` for commands that need no database."""
    return Cli({"NETMAP_HOME": str(tmp_path / "home")})


def rows_of(store: Store, query: str, **params: Any) -> list[dict[str, Any]]:
    return store.execute_read(query, params)


CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's headless Chromium driven by Playwright (no browser download).

    Without Chromium the page tests are skipped on a developer's machine, but fail under CI, where
    ``.ci/setup --test`` installs it: a green run must not hide untested pages.
    """
    import shutil

    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        if os.environ.get("CI"):
            pytest.fail("no chromium on PATH: .ci/setup --test should have installed Debian's chromium")
        pytest.skip("no chromium on PATH (apt-get install chromium)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):  # noqa: N802 (the http.server name)
        type(self).hits.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"secret,internal\n")

    def log_message(self, *args):
        pass


@pytest.fixture
def internal_site():
    """An HTTP server on 127.0.0.1 standing for an internal address; its ``hits`` show what reached it."""
    _Recorder.hits = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/login", _Recorder.hits
    finally:
        server.shutdown()
        server.server_close()
