"""Whole-database maintenance: clearing the graph for a fresh start."""

from __future__ import annotations

from netmap.store.connection import Connection

__all__ = ["reset_graph"]

#: Login accounts, when a database made by an older netmap still holds them, survive a reset.
_KEEP = "User"


def reset_graph(store: Connection) -> int:
    """Delete every node and relationship but login accounts, in batches; returns the nodes deleted.

    Constraints and indexes stay, so the next import needs no schema work.
    """
    deleted = 0
    while True:
        rows = store.execute_write(
            "MATCH (n) WHERE NOT $keep IN labels(n) WITH n LIMIT 10000 DETACH DELETE n RETURN count(*) AS n",
            {"keep": _KEEP},
        )
        count = int(rows[0]["n"]) if rows else 0
        deleted += count
        if count == 0:
            return deleted
