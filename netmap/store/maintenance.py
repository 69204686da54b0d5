"""Whole-database maintenance: clearing the graph for a fresh start."""

from __future__ import annotations

from netmap.store.connection import Connection

__all__ = ["reset_graph"]


def reset_graph(store: Connection) -> int:
    """Delete every node and relationship, in batches; returns the nodes deleted.

    Login accounts are not in the graph (they live in the accounts database), so they stay. Constraints
    and indexes stay too, so the next import needs no schema work.
    """
    deleted = 0
    while True:
        rows = store.execute_write("MATCH (n) WITH n LIMIT 10000 DETACH DELETE n RETURN count(*) AS n")
        count = int(rows[0]["n"]) if rows else 0
        deleted += count
        if count == 0:
            return deleted
