"""The Neo4j driver's log lines go to NETMAP_HOME/logs/netmap.log (private), never onto the terminal."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from netmap.logs import DRIVER_LOGGER, log_file, route_driver_logs
from netmap.private import mode_of


@pytest.fixture
def driver_logger() -> Iterator[logging.Logger]:
    """The driver's logger, put back as it was after the test."""
    logger = logging.getLogger(DRIVER_LOGGER)
    handlers, propagate = list(logger.handlers), logger.propagate
    yield logger
    for handler in logger.handlers:
        if handler not in handlers:
            handler.close()
    logger.handlers[:] = handlers
    logger.propagate = propagate


@pytest.mark.usefixtures("permissive_umask")
def test_driver_warnings_go_to_the_private_log_file_not_stderr(
    tmp_path: Path, driver_logger: logging.Logger, capfd: pytest.CaptureFixture[str]
) -> None:
    home = tmp_path / "home"
    route_driver_logs(home)
    assert not log_file(home).exists(), "no file until there is something to write"
    logging.getLogger("neo4j.io").error("Failed to read from defunct connection")
    logging.getLogger("neo4j.session").warning("Transaction failed and will be retried in 1.2s")
    logging.getLogger("neo4j.pool").debug("[#0000] _: <POOL> acquire")
    captured = capfd.readouterr()
    assert captured.err == "" and captured.out == ""
    lines = log_file(home).read_text().splitlines()
    assert [line.split(" ", 2)[2] for line in lines] == [
        "ERROR neo4j.io Failed to read from defunct connection",
        "WARNING neo4j.session Transaction failed and will be retried in 1.2s",
    ]
    assert oct(mode_of(log_file(home))) == "0o600" and oct(mode_of(home / "logs")) == "0o700"


def test_routing_twice_keeps_one_handler_and_another_home_moves_the_log(
    tmp_path: Path, driver_logger: logging.Logger
) -> None:
    def files() -> list[str]:
        return [h.baseFilename for h in driver_logger.handlers if isinstance(h, logging.FileHandler)]

    route_driver_logs(tmp_path / "a")
    route_driver_logs(tmp_path / "a")
    assert files() == [str(log_file(tmp_path / "a"))]
    route_driver_logs(tmp_path / "b")
    assert files() == [str(log_file(tmp_path / "b"))]
    driver_logger.warning("moved")
    assert "moved" in log_file(tmp_path / "b").read_text()
    assert not log_file(tmp_path / "a").exists()
