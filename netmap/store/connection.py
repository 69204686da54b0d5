"""The driver, its sessions and the mapping of driver errors to netmap's domain errors.

The modules of this package take a :class:`Connection`; :class:`netmap.store.Store` adds their operations."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any, Self

import neo4j
from neo4j import exceptions as neo4j_errors

from netmap.errors import AuthenticationFailed, DatabaseUnavailable, QueryError

__all__ = ["Connection", "translate_errors"]


class Connection:
    """One Neo4j database, reached through one driver: sessions and managed transactions. Close it when done."""

    def __init__(self, driver: neo4j.Driver, database: str, uri: str) -> None:
        self.driver = driver
        self.database = database
        self.uri = uri
        self.schema_ready = False  # set by netmap.store.schema.ensure_schema

    # -- lifecycle ---------------------------------------------------------------------------------
    def close(self) -> None:
        self.driver.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def verify(self) -> None:
        """Check that the server answers and accepts the credentials."""
        with translate_errors(self.uri):
            self.driver.verify_connectivity()

    # -- sessions ----------------------------------------------------------------------------------
    @contextlib.contextmanager
    def session(self, **kwargs: Any) -> Iterator[neo4j.Session]:
        with translate_errors(self.uri), self.driver.session(database=self.database, **kwargs) as session:
            yield session

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
        @neo4j.unit_of_work(timeout=timeout)
        def work(tx: neo4j.ManagedTransaction) -> list[dict[str, Any]]:
            return [record.data() for record in tx.run(query, parameters or {})]  # type: ignore[arg-type]

        with self.session() as session:
            return session.execute_write(work) if write else session.execute_read(work)


@contextlib.contextmanager
def translate_errors(uri: str) -> Iterator[None]:
    """Turn the driver's exceptions into one-line domain errors with a next step."""
    try:
        yield
    except neo4j_errors.AuthError:
        raise AuthenticationFailed(
            f"Neo4j at {uri} refused the user name or password",
            "check NETMAP_NEO4J_USER and NETMAP_NEO4J_PASSWORD",
        ) from None
    except (neo4j_errors.ServiceUnavailable, neo4j_errors.SessionExpired, OSError) as exc:
        raise DatabaseUnavailable(
            f"cannot reach Neo4j at {uri} ({type(exc).__name__})",
            "start it with 'netmap db start', or check NETMAP_NEO4J_URI",
        ) from None
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
