"""Dump and load the managed database with Neo4j's own ``neo4j-admin database dump|load``.

Neo4j's dump is the whole store, byte for byte: node and relationship ids, indexes and constraints come
back exactly, and it is the format Neo4j documents for moving a database between servers. Community
Edition dumps and loads only a stopped database, so a running server is stopped first and started
again afterwards.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from netmap.errors import InputError, RuntimeSetupError
from netmap.runtime.managed import ManagedNeo4j

__all__ = ["dump", "load"]

DATABASE = "neo4j"


def dump(server: ManagedNeo4j, target: Path) -> bool:
    """Write the database to ``target`` (a file); returns whether the server had to be stopped."""
    target = Path(target)
    if target.is_dir():
        raise InputError(str(target), "is a folder", "name the dump file to write, e.g. netmap-2026-12.dump")
    was_running = server.stop()
    try:
        with tempfile.TemporaryDirectory(dir=target.parent.resolve()) as tmp:
            proc = server.admin("database", "dump", DATABASE, f"--to-path={tmp}", "--overwrite-destination=true")
            written = Path(tmp) / f"{DATABASE}.dump"
            if proc.returncode != 0 or not written.is_file():
                raise RuntimeSetupError(f"neo4j-admin could not dump the database: {_last_line(proc.stderr)}")
            written.chmod(0o600)
            written.replace(target)
    finally:
        if was_running:
            server.start()
    return was_running


def load(server: ManagedNeo4j, source: Path) -> bool:
    """Replace the database with the dump ``source``; returns whether the server had to be stopped.

    A file that is not a Neo4j dump is refused and the database is left as it was.
    """
    source = Path(source)
    if not source.is_file():
        raise InputError(str(source), "is not a file", "name a dump written by 'netmap db dump'")
    was_running = server.stop()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            shutil.copyfile(source, Path(tmp) / f"{DATABASE}.dump")
            check = server.admin("database", "load", DATABASE, f"--from-path={tmp}", "--info")
            if check.returncode != 0:
                raise InputError(str(source), "is not a Neo4j database dump", "name a dump written by 'netmap db dump'")
            proc = server.admin("database", "load", DATABASE, f"--from-path={tmp}", "--overwrite-destination=true")
            if proc.returncode != 0:
                raise RuntimeSetupError(f"neo4j-admin could not load {source}: {_last_line(proc.stderr)}")
    finally:
        if was_running:
            server.start()
    return was_running


def _last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1][:300] if lines else "no message"
