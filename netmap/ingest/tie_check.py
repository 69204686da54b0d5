"""Validate an import's relationships tables in a second process while the first validates its actors.

Until validation ends nothing may be written, so the database is idle and the machine's other core
with it. An importer that can read its tables apart (``read(part)`` and ``ties_bytes()``, as the sheet
importer does) has its relationships tables checked by a worker process: every record is parsed and
checked, and the worker hands back the count, the problems and where each endpoint reference first
appears (the endpoints are checked against the actors afterwards, see :mod:`netmap.ingest`).

The CLI starts the check before it connects to the database, so the worker parses while the driver
loads and connects. At 100k actors (500k ties) validation took 3.6 s instead of 5.6 s.
This module imports no database code: starting it costs no more than a fork.
"""

from __future__ import annotations

import gc
import multiprocessing as mp
import operator
import sys
import threading
from dataclasses import dataclass, field, fields
from multiprocessing.connection import Connection
from typing import Any

from netmap.errors import NetmapError, ProblemLog, collecting
from netmap.model import Relationship

#: Relationships tables of at least this many bytes (about 16,000 ties) are checked apart; for
#: smaller ones a second process costs more than it saves.
TIES_APART_BYTES = 1 << 20
#: Up to this many ties, the worker hands back what it read, so the writes need not read it again.
KEEP_TIES = 100_000


@dataclass
class TieCheck(ProblemLog):
    """What checking the relationships tables found: its problems, and the fields below."""

    count: int = 0
    refs: dict[str, str] = field(default_factory=dict)  # every endpoint reference -> where it first appears
    records: list[Relationship] | None = field(default_factory=list)  # None: more than KEEP_TIES
    rows: dict[str, Any] = field(default_factory=dict)  # the importer's row accounting for these tables

    def __getstate__(self) -> dict[str, Any]:
        """What the worker sends: the records as tuples of their fields, which pickle in C.

        Pickled as objects, 50k ties took about 1 s to load again in the importing process (each
        record's state set field by field in Python), at the end of validation when the writes wait for
        it; as tuples, about a fifth of that, building the records included.
        """
        state = dict(self.__dict__)
        if self.records is not None:
            state["records"] = list(map(_RELATIONSHIP_FIELDS, self.records))
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        if state["records"] is not None:
            state["records"] = [Relationship(*values) for values in state["records"]]
        self.__dict__.update(state)


#: A relationship's fields in the order its class takes them.
_RELATIONSHIP_FIELDS = operator.attrgetter(*(f.name for f in fields(Relationship)))


def check_ties(importer: Any) -> TieCheck:
    """Read and check the importer's relationships tables (what the worker process runs)."""
    found = TieCheck()
    refs = found.refs
    for record in collecting(importer.read("ties"), found):
        if not isinstance(record, Relationship):  # a "ties" read yields nothing else
            continue
        found.count += 1
        if found.records is not None:
            found.records.append(record)
            if found.count > KEEP_TIES:
                found.records = None
        if record.source not in refs:
            refs[record.source] = record.origin
        if record.target not in refs:
            refs[record.target] = record.origin
    tally = getattr(importer, "tally", None)
    if tally is not None:
        found.rows = tally.as_dict()
    return found


def _work(importer: Any, conn: Connection) -> None:
    """The worker process: check, send back what was found (or the error), exit."""
    gc.disable()  # a short-lived process: reference counting frees what it reads
    try:
        outcome: tuple[str, Any] = ("found", check_ties(importer))
    except BaseException as exc:  # handed to the parent, which raises it
        outcome = ("error", exc if isinstance(exc, NetmapError) else RuntimeError(f"{type(exc).__name__}: {exc}"))
    conn.send(outcome)
    conn.close()


def reads_apart(importer: Any) -> bool:
    """Whether the importer can read its actors and relationships tables apart (``read(part)``)."""
    return callable(getattr(importer, "ties_bytes", None))


def can_split(importer: Any) -> bool:
    """Whether the importer's relationships tables are worth checking in a second process."""
    return reads_apart(importer) and importer.ties_bytes() >= TIES_APART_BYTES


class TieCheckJob:
    """The running check: :meth:`result` waits for it; :meth:`close` ends the worker (always call it).

    The worker is forked on Linux when this process runs one thread (fast: nothing to import again)
    and started afresh otherwise (forking a threaded process, such as the web app's, is unsafe).
    """

    def __init__(self, importer: Any, start_method: str | None = None) -> None:
        if start_method is None:
            forkable = sys.platform.startswith("linux") and threading.active_count() == 1
            start_method = "fork" if forkable else "spawn"
        context: Any = mp.get_context(start_method)
        self._conn, child_conn = context.Pipe(duplex=False)
        self._process = context.Process(target=_work, args=(importer, child_conn), name="netmap-tie-check", daemon=True)
        self._process.start()
        child_conn.close()

    def result(self) -> TieCheck:
        try:
            kind, value = self._conn.recv()
        except EOFError:
            raise NetmapError(
                "checking the relationships tables stopped unexpectedly",
                "run the import again; if it happens again, report it with the input's size",
            ) from None
        finally:
            self.close()
        if kind == "error":
            raise value
        return value  # type: ignore[no-any-return]

    def close(self) -> None:
        """End the worker: a check whose result is no longer wanted (a failed connection) is stopped."""
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        self._conn.close()

    def __enter__(self) -> TieCheckJob:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def start(importer: Any) -> TieCheckJob | None:
    """Start checking the importer's relationships tables apart, or None when not worth it."""
    return TieCheckJob(importer) if can_split(importer) else None
