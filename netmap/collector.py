"""Python's cyclic garbage collector paused while millions of long-lived objects are made.

Building a 100k-node graph, its scores or its ranking, or running an import, makes millions of small
objects (dicts, records, rows), nearly none of them garbage; each collection on the way walks every
one of them again (a sixth of a 100k-actor import; seconds of an analysis: bench/analytics.py and
bench/import_sheet.py have the figures). Reference counting still frees what is dropped.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["paused_gc"]


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic garbage collection inside (then as before).

    On the way out what was made inside goes to the oldest generation unscanned (``freeze`` then
    ``unfreeze``), not to a first young collection that would walk all of it at once; the next full
    collection sees it as usual. A collector disabled before stays disabled.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.freeze()
            gc.unfreeze()
            gc.enable()
