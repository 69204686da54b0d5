"""Everything that talks to Neo4j.

:class:`Store` wraps one driver and database and is the typed boundary the rest of netmap uses. Its methods are grouped by what they hold: the schema
(``schema``), batched import writes (``writes``), reads for the graph and listings (``reads``), and
user-written Cypher (``cypher``). Nothing outside this package opens a session.
"""

from __future__ import annotations

from typing import Any

from netmap.driver_import import load_driver

load_driver()  # before any module of this package imports the driver: without pandas, which netmap never uses

from netmap.config import Settings  # noqa: E402
from netmap.errors import DatabaseUnavailable  # noqa: E402
from netmap.runtime import ManagedNeo4j  # noqa: E402
from netmap.store import reads, schema  # noqa: E402
from netmap.store.connection import EXTERNAL_HINT, Connection  # noqa: E402

__all__ = ["MANAGED_HINT", "Store", "connect"]

#: What to do when the managed local Neo4j does not answer.
MANAGED_HINT = "start it with 'netmap db start'"


class Store(Connection):
    """A :class:`Connection` with the operations every caller needs (the rest are functions of the modules)."""

    def ensure_schema(self) -> None:
        """Create constraints and indexes once per store (idempotent on the server too)."""
        schema.ensure_schema_once(self)

    def server_info(self) -> dict[str, Any]:
        return reads.server_info(self)

    def graph_rows(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        return reads.graph_rows(self)

    def entity_index(self) -> list[dict[str, Any]]:
        return reads.entity_index(self)


def connect(settings: Settings, *, start: bool = False, verify: bool = True) -> Store:
    """A :class:`Store` for the configured server: an external one, or the managed local Neo4j.

    For the managed Neo4j, ``start=True`` starts it when it is not running; otherwise a stopped one is
    a :class:`DatabaseUnavailable` error that names ``netmap db start``.
    """
    import neo4j  # loaded already (load_driver)

    hint = EXTERNAL_HINT
    if settings.neo4j_uri:
        uri = settings.neo4j_uri
        auth = (settings.neo4j_user, settings.neo4j_password or "")
        database = settings.neo4j_database
    else:
        hint = MANAGED_HINT
        managed = ManagedNeo4j(settings)
        if start:
            managed.start()
        elif not managed.is_running():
            raise DatabaseUnavailable("the local Neo4j is not running", f"{MANAGED_HINT} (or run 'netmap demo')")
        uri = managed.uri
        auth = ("neo4j", managed.password())
        database = "neo4j"
    driver = neo4j.GraphDatabase.driver(
        uri,
        auth=auth,
        connection_timeout=5,
        max_connection_pool_size=50,
        max_transaction_retry_time=0,  # netmap retries itself, and not when the server is gone (Connection)
        notifications_min_severity="OFF",
    )
    store = Store(driver, database, uri, unreachable_hint=hint)
    if verify:
        try:
            store.verify()
        except Exception:
            driver.close()
            raise
    return store
