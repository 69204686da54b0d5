"""Where log lines go: the Neo4j driver's into netmap's log file, never onto the user's terminal.

The driver reports retries, defunct connections and deadlocks through :mod:`logging`; with no handler
configured, Python prints warnings on stderr, in the middle of a command's output. :func:`route_driver_logs`
sends them to ``NETMAP_HOME/logs/netmap.log`` (0600 in a 0700 folder, rotated at 1 MB, created only
when there is something to write).
"""

from __future__ import annotations

import io
import logging
import logging.handlers
from pathlib import Path

from netmap.private import private_dir, private_file

__all__ = ["DRIVER_LOGGER", "log_file", "route_driver_logs"]

DRIVER_LOGGER = "neo4j"
_FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"


def log_file(home: Path) -> Path:
    return Path(home) / "logs" / "netmap.log"


class _PrivateLog(logging.handlers.RotatingFileHandler):
    """A rotating log file made 0600 (and its folder 0700) each time it is opened."""

    def __init__(self, path: Path, home: Path) -> None:
        self.home = Path(home)
        super().__init__(path, maxBytes=1024 * 1024, backupCount=2, encoding="utf-8", delay=True)

    def _open(self) -> io.TextIOWrapper:
        path = Path(self.baseFilename)
        private_dir(path.parent, root=self.home)
        private_file(path)
        return super()._open()


def route_driver_logs(home: Path) -> None:
    """Send the driver's log lines (warnings and worse) to :func:`log_file` instead of the terminal.

    Idempotent: a second call for the same home changes nothing; one for another home moves the log."""
    logger = logging.getLogger(DRIVER_LOGGER)
    path = log_file(home)
    for handler in list(logger.handlers):
        if isinstance(handler, _PrivateLog):
            if Path(handler.baseFilename) == path.absolute():
                return
            logger.removeHandler(handler)
            handler.close()
    handler = _PrivateLog(path, home)
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter(_FORMAT))
    logger.addHandler(handler)
    logger.propagate = False
