"""``netmap serve`` runs under waitress: it answers, names no server software, and stops on SIGTERM."""

from __future__ import annotations

import http.client
import os
import signal
import subprocess
import sys
import time

import pytest
from conftest import free_port, neo4j_env
from netmap.web.serving import thread_count

SERVE = "from netmap.cli import main; main()"


def _get(port: int, path: str) -> http.client.HTTPResponse:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    conn.request("GET", path)
    response = conn.getresponse()
    response.read()
    conn.close()
    return response


def _wait_until_it_answers(proc: subprocess.Popen[str], port: int) -> http.client.HTTPResponse:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.communicate()[0]
        try:
            return _get(port, "/login")
        except OSError:
            time.sleep(0.2)
    raise AssertionError("netmap serve did not answer within 60 s")


@pytest.fixture
def served(neo4j_settings, store, tmp_path):
    port = free_port()
    env = {**os.environ, **neo4j_env(neo4j_settings), "NETMAP_HOME": str(tmp_path)}
    proc = subprocess.Popen(
        [sys.executable, "-c", SERVE, "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        yield proc, port
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()


@pytest.mark.neo4j
def test_the_production_server_answers_without_naming_itself_and_stops_on_sigterm(served):
    proc, port = served
    login = _wait_until_it_answers(proc, port)
    assert login.status == 200
    assert login.getheader("Server") is None
    assert "werkzeug" not in str(login.headers).lower() and "python" not in str(login.headers).lower()
    assert _get(port, "/api/map").status == 401  # the app's own rules, behind the new server
    proc.send_signal(signal.SIGTERM)
    output, _ = proc.communicate(timeout=15)
    assert proc.returncode == 0
    assert f"netmap is serving on http://127.0.0.1:{port}/ ({thread_count()} threads; Ctrl+C to stop)" in output
    assert output.rstrip().endswith("netmap stopped.")
    with pytest.raises(OSError):
        _get(port, "/login")


@pytest.mark.neo4j
def test_ctrl_c_stops_the_production_server_too(served):
    proc, port = served
    _wait_until_it_answers(proc, port)
    proc.send_signal(signal.SIGINT)
    output, _ = proc.communicate(timeout=15)
    assert proc.returncode == 0 and "Traceback" not in output
    assert output.rstrip().endswith("netmap stopped.")
