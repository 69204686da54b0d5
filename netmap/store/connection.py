"""The driver, its sessions and the mapping of driver errors to netmap's domain errors.

The modules of this package take a :class:`Connection`; :class:`netmap.store.Store` adds their operations.

A server that does not answer fails fast: before a session is opened, the server's address is probed
(a TCP connection, at most :data:`PROBE_TIMEOUT` s, the answer kept :data:`HEALTH_TTL` s), so with
Neo4j down a page or a command fails in a second or two instead of waiting for the driver's
connection timeout and retries. Managed transactions are retried by netmap, not by the driver: a
deadlock or a stale pooled connection is tried again for up to :data:`RETRY_TIME` s, a server that
stopped answering is not.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import time
from collections.abc import Callable, Iterator
from typing import Any, Self, TypeVar
from urllib.parse import urlsplit

import neo4j
from neo4j import exceptions as neo4j_errors

from netmap.errors import AuthenticationFailed, DatabaseUnavailable, QueryError

__all__ = ["EXTERNAL_HINT", "HEALTH_TTL", "PROBE_TIMEOUT", "RETRY_TIME", "Connection", "probe", "translate_errors"]

T = TypeVar("T")
log = logging.getLogger("netmap.store")

#: Seconds a probe of the server's address may take.
PROBE_TIMEOUT = 1.5
#: Seconds the answer of a probe is kept before the next one.
HEALTH_TTL = 3.0
#: Seconds a managed transaction is retried after transient failures (deadlocks, a stale connection).
RETRY_TIME = 10.0
#: What to do when an external server (``NETMAP_NEO4J_URI``) does not answer.
EXTERNAL_HINT = "check that the server is running and that NETMAP_NEO4J_URI names it"


def probe(uri: str, timeout: float = PROBE_TIMEOUT) -> bool:
    """Whether something accepts connections at the host and port of ``uri`` (within ``timeout`` s).

    >>> probe("bolt://127.0.0.1:1", timeout=0.5)
    False
    """
    parts = urlsplit(uri)
    try:
        address = (parts.hostname or "localhost", parts.port or 7687)
        with socket.create_connection(address, timeout=timeout):
            return True
    except (OSError, ValueError):
        return False


class Connection:
    """One Neo4j database, reached through one driver: sessions and managed transactions. Close it when done.

    ``unreachable_hint`` is the next step a :class:`DatabaseUnavailable` error names (how to start the
    managed server, or what to check for an external one)."""

    def __init__(self, driver: neo4j.Driver, database: str, uri: str, *, unreachable_hint: str = EXTERNAL_HINT) -> None:
        self.driver = driver
        self.database = database
        self.uri = uri
        self.unreachable_hint = unreachable_hint
        self.schema_ready = False  # set by netmap.store.schema.ensure_schema
        self._health: tuple[float, bool] | None = None  # (when, answered) of the last probe

    # -- lifecycle ---------------------------------------------------------------------------------
    def close(self) -> None:
        self.driver.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def verify(self) -> None:
        """Check that the server answers and accepts the credentials."""
        if not self.reachable(max_age=0):
            raise self.unavailable()
        with self._errors():
            self.driver.verify_connectivity()

    # -- health ------------------------------------------------------------------------------------
    def reachable(self, max_age: float = HEALTH_TTL) -> bool:
        """Whether the server answered a probe, probing again when the last answer is older than ``max_age`` s."""
        last = self._health
        if last is not None and time.monotonic() - last[0] < max_age:
            return last[1]
        answered = probe(self.uri)
        self._health = (time.monotonic(), answered)
        return answered

    def unavailable(self) -> DatabaseUnavailable:
        return DatabaseUnavailable(f"cannot reach Neo4j at {self.uri}", self.unreachable_hint)

    @contextlib.contextmanager
    def _errors(self) -> Iterator[None]:
        """:func:`translate_errors`, and a failed connection remembered as the server's health."""
        try:
            with translate_errors(self.uri, self.unreachable_hint):
                yield
        except DatabaseUnavailable:
            self._health = (time.monotonic(), False)
            raise

    # -- sessions ----------------------------------------------------------------------------------
    @contextlib.contextmanager
    def session(self, **kwargs: Any) -> Iterator[neo4j.Session]:
        """A driver session; a :class:`DatabaseUnavailable` error at once when the server does not answer."""
        if not self.reachable():
            raise self.unavailable()
        with self._errors(), self.driver.session(database=self.database, **kwargs) as session:
            yield session

    def run_transaction(self, session: neo4j.Session, work: Callable[..., T], *, write: bool) -> T:
        """``work(tx)`` in a managed transaction of ``session``, retried for up to :data:`RETRY_TIME` s
        on transient failures; a failure to connect is retried only while the server still answers."""
        return self._retried(lambda: session.execute_write(work) if write else session.execute_read(work))

    def _retried(self, attempt: Callable[[], T]) -> T:
        deadline = time.monotonic() + RETRY_TIME
        delay = 0.1
        while True:
            try:
                return attempt()
            except (neo4j_errors.DriverError, neo4j_errors.Neo4jError) as exc:
                if not exc.is_retryable() or time.monotonic() + delay > deadline:
                    raise
                lost = isinstance(exc, neo4j_errors.ServiceUnavailable | neo4j_errors.SessionExpired)
                if lost and not self.reachable(max_age=0):
                    raise
                log.info("transaction failed, retried in %.1f s: %s", delay, exc)
                time.sleep(delay)
                delay = min(2 * delay, 2.0)

    def execute_read(
        self, query: str, parameters: dict[str, Any] | None = None, *, timeout: float | None = None
    ) -> list[dict[str, Any]]:
        """Run a read query in a managed read transaction and return its rows as dicts."""
        return self._execute(query, parameters, timeout, write=False)

    def execute_write(
        self, query: str, parameters: dict[str, Any] | None = None, *, timeout: float | None = None
    ) -> list[dict[str, Any]]:
        """Run a write query in a managed write transaction and return its rows as dicts."""
        return self._execute(query, parameters, timeout, write=True)

    def _execute(
        self, query: str, parameters: dict[str, Any] | None, timeout: float | None, *, write: bool
    ) -> list[dict[str, Any]]:
        if not write:
            return self._read(query, parameters, timeout)

        @neo4j.unit_of_work(timeout=timeout)
        def work(tx: neo4j.ManagedTransaction) -> list[dict[str, Any]]:
            return [record.data() for record in tx.run(query, parameters or {})]

        with self.session() as session:
            return self.run_transaction(session, work, write=True)

    def _read(self, query: str, parameters: dict[str, Any] | None, timeout: float | None) -> list[dict[str, Any]]:
        """A read as one auto-commit query in a read session: one round trip to the server (a managed
        transaction makes three: BEGIN, RUN, COMMIT; each costs a wait for the interpreter under load), retried
        on transient failures like a managed one. The server refuses a write in it as in a read transaction."""
        statement = neo4j.Query(query, timeout=timeout)
        with self.session(default_access_mode=neo4j.READ_ACCESS) as session:
            return self._retried(lambda: [record.data() for record in session.run(statement, parameters or {})])


@contextlib.contextmanager
def translate_errors(uri: str, unreachable_hint: str = EXTERNAL_HINT) -> Iterator[None]:
    """Turn the driver's exceptions into one-line domain errors with a next step."""
    try:
        yield
    except neo4j_errors.AuthError:
        raise AuthenticationFailed(
            f"Neo4j at {uri} refused the user name or password",
            "check NETMAP_NEO4J_USER and NETMAP_NEO4J_PASSWORD",
        ) from None
    except (neo4j_errors.ServiceUnavailable, neo4j_errors.SessionExpired, OSError):
        raise DatabaseUnavailable(f"cannot reach Neo4j at {uri}", unreachable_hint) from None
    except neo4j_errors.ClientError as exc:
        code = exc.code or ""
        if "TransactionTimedOut" in code or "Terminated" in code:
            raise QueryError("the query ran past its time limit and was stopped", "narrow it or add a LIMIT") from None
        raise QueryError(f"Neo4j refused the query: {exc.message}") from None
    except neo4j_errors.TransientError as exc:
        if "MemoryPool" in (exc.code or ""):
            raise QueryError(
                "Neo4j ran out of transaction memory for this work",
                "do it in smaller steps (CALL { ... } IN TRANSACTIONS OF 1000 ROWS), or give the server more heap "
                "(NETMAP_NEO4J_HEAP)",
            ) from None
        raise QueryError(f"Neo4j could not complete the work just now: {exc.message}", "try again") from None
    except neo4j_errors.DatabaseError as exc:
        raise QueryError(f"Neo4j failed to run the query: {exc.message}") from None
