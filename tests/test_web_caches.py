"""The web app's one cache utility: bounded LRU tables whose misses are computed once, kept per app."""

from __future__ import annotations

import threading
import time

import pytest
from flask import Flask
from netmap.web.caches import Memo, app_caches


def test_concurrent_misses_of_one_key_compute_it_once() -> None:
    memo, calls = Memo(), []
    start = threading.Barrier(6)

    def compute() -> str:
        calls.append(1)
        time.sleep(0.05)  # long enough for the others to arrive while it runs
        return "made"

    results: list[str] = []

    def request() -> None:
        start.wait()
        results.append(memo.get("view", compute))

    threads = [threading.Thread(target=request) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == ["made"] * 6 and len(calls) == 1


def test_the_least_recently_used_entry_is_dropped_when_full() -> None:
    memo = Memo(maxsize=2)
    memo.get("a", lambda: 1)
    memo.get("b", lambda: 2)
    memo.get("a", lambda: 0)  # read: "b" is now the least recently used
    memo.get("c", lambda: 3)
    assert sorted(memo.cache) == ["a", "c"]


def test_a_failed_computation_is_not_kept() -> None:
    memo = Memo()

    def fails() -> int:
        raise RuntimeError("database away")

    with pytest.raises(RuntimeError):
        memo.get("k", fails)
    assert memo.get("k", lambda: 7) == 7


def test_each_app_has_its_own_caches() -> None:
    one, two = Flask("one"), Flask("two")
    app_caches(one).memo("world").get("k", lambda: 1)
    assert app_caches(two).memo("world").get("k", lambda: 2) == 2
    assert app_caches(one).memo("world").get("k", lambda: 3) == 1
    with one.app_context():
        assert app_caches() is app_caches(one)
