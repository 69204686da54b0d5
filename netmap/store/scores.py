"""Write analytics scores back onto the actors, so Cypher users can query them.

>>> SET_SCORES.startswith("UNWIND $rows AS row")
True
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from netmap.store.connection import Connection

__all__ = ["BATCH_SIZE", "SCORE_FIELDS", "SET_SCORES", "write_scores"]

BATCH_SIZE = 1000
#: Properties set on ``:Actor`` nodes (``None`` removes the property).
SCORE_FIELDS = (
    "entryScore",
    "betweenness",
    "crossSphereBetweenness",
    "constraint",
    "community",
    "brokerRoles",
    "pagerank",
)

SET_SCORES = """
UNWIND $rows AS row
MATCH (a:Actor {id: row.id})
SET a.entryScore = row.entryScore,
    a.betweenness = row.betweenness,
    a.crossSphereBetweenness = row.crossSphereBetweenness,
    a.constraint = row.constraint,
    a.community = row.community,
    a.brokerRoles = row.brokerRoles,
    a.pagerank = row.pagerank,
    a.scoredAt = datetime()
RETURN count(a) AS written
""".strip()


def write_scores(store: Connection, rows: Sequence[dict[str, Any]], batch_size: int = BATCH_SIZE) -> int:
    """Set the score properties of each row's actor (matched by ``id``) in batches; returns how many."""
    written = 0
    for start in range(0, len(rows), batch_size):
        batch = [{f: row.get(f) for f in ("id", *SCORE_FIELDS)} for row in rows[start : start + batch_size]]
        result = store.execute_write(SET_SCORES, {"rows": batch})
        written += int(result[0]["written"]) if result else 0
    return written
