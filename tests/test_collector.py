"""The paused cyclic collector (netmap.collector): restored on the way out, and what was made inside still collected."""

from __future__ import annotations

import gc
import weakref

from netmap.collector import paused_gc


class _Node:
    other: _Node | None = None


def test_paused_gc_restores_the_collector_and_still_collects_cycles_made_inside() -> None:
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
        a, b = _Node(), _Node()
        a.other, b.other = b, a  # a cycle: only the cyclic collector frees it
        dead = weakref.ref(a)
        del a, b
    assert gc.isenabled() and dead() is not None
    gc.collect()
    assert dead() is None


def test_a_disabled_collector_stays_disabled() -> None:
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
