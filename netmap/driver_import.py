"""Import the Neo4j driver without the optional libraries netmap never hands it.

The driver imports pandas and numpy when it can: pandas only for ``Result.to_df()`` and pandas values
as query parameters, neither of which netmap uses; numpy for numpy values as parameters, which only
the analytics could produce. :mod:`netmap.store` loads the driver without pandas (about 0.3 s of every
command that reaches the database); ``netmap import``, which never loads numpy, loads it without numpy
either (about 0.1 s more; a 10k-actor ``netmap import sheet`` takes about 3 s in all).

A ``None`` in ``sys.modules`` makes an import fail, which the driver takes as the library not being
installed. A library already loaded (by the caller's own code) is left to the driver as before. This
module is outside :mod:`netmap.store` so a command can call :func:`load_driver` before that package
loads the driver its own way.
"""

from __future__ import annotations

import sys

__all__ = ["load_driver"]


def load_driver(without: tuple[str, ...] = ("pandas",)) -> None:
    """Import ``neo4j`` with none of ``without`` (those not loaded yet); nothing when it is loaded already."""
    if "neo4j" in sys.modules:
        return
    hidden = [name for name in without if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]
    try:
        import neo4j  # noqa: F401
    finally:
        for name in hidden:
            del sys.modules[name]
