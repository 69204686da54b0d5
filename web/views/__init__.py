"""One blueprint per area; each view parses input, makes one call into netmap, formats the result.

:func:`data_key` names the data the pages keep per data version."""

from __future__ import annotations

from netmap.web.caches import Writes, app_caches

from netmap.store import Store

__all__ = ["data_key"]


def data_key(store: Store) -> tuple[int, str, int]:
    """What the store's data is now, as a cache key: the store, its data version
    (:func:`netmap.web.snapshots.current_version`: another process's writes within seconds) and this app's
    `Writes` (:class:`netmap.web.caches.Writes`: its own writes at once)."""
    from netmap.web.snapshots import current_version

    writes = app_caches().state("writes", Writes).count
    return id(store), current_version(store), writes
