"""Everything that talks to Neo4j.

:class:`Store` wraps one driver and database. Its methods are grouped by what they hold: the schema
(``schema``), batched import writes (``writes``), reads for the graph and listings (``reads``), and
user-written Cypher (``cypher``). Nothing outside this package opens a session.
"""

from __future__ import annotations

from netmap.store.connection import Store, connect

__all__ = ["Store", "connect"]
