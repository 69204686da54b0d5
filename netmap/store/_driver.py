"""The Neo4j driver, imported without pandas (this package imports it first, before any module that uses it).

The driver imports pandas when it can, only for ``Result.to_df()`` and pandas values as query
parameters, neither of which netmap uses; that import cost about a third of a second of every command
that reaches the database (a 10k-actor ``netmap import sheet`` takes about 3 s in all). A ``None`` in
``sys.modules`` makes ``import pandas`` fail, which the driver takes as pandas not being installed.
Should pandas be loaded already (by the caller's own code), the driver gets it as before.
"""

from __future__ import annotations

import sys


def load_driver() -> None:
    """Import ``neo4j`` without pandas, unless ``neo4j`` or pandas is imported already."""
    if "neo4j" in sys.modules or "pandas" in sys.modules:
        return
    sys.modules["pandas"] = None  # type: ignore[assignment]
    try:
        import neo4j  # noqa: F401
    finally:
        del sys.modules["pandas"]


load_driver()
