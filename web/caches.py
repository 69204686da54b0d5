"""The web app's caches: bounded LRU tables (:mod:`cachetools`) whose misses are single-flight, and the
per-app object that holds them (``app.extensions["netmap_caches"]``), so nothing is cached in a module.

>>> memo = Memo(maxsize=2)
>>> memo.get("a", lambda: 1), memo.get("a", lambda: 2)
(1, 1)
>>> _ = memo.get("b", lambda: 3); _ = memo.get("c", lambda: 4)  # "a" is the least recently used
>>> sorted(memo.cache)
['b', 'c']
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from cachetools import LRUCache, cached
from flask import Flask, current_app, render_template
from markupsafe import Markup

__all__ = ["AppCaches", "Memo", "Writes", "app_caches", "shared_fragment"]

T = TypeVar("T")

#: Entries of a table unless its owner says otherwise.
MAXSIZE = 64


def _given_key(key: Hashable, compute: Callable[[], Any]) -> Hashable:
    return key


class Memo:
    """An LRU table of ``maxsize`` entries; :meth:`get` computes a missing entry once: concurrent
    requests for the same key wait for that result (cachetools' ``condition``) instead of computing
    their own, requests for other keys go on. A failed computation is not cached."""

    def __init__(self, maxsize: int = MAXSIZE) -> None:
        self.cache: LRUCache[Hashable, Any] = LRUCache(maxsize)
        condition = threading.Condition()
        self._get = cached(self.cache, key=_given_key, lock=condition, condition=condition)(
            lambda key, compute: compute()
        )

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The entry for ``key``, made by ``compute()`` when it is not in the table."""
        result: T = self._get(key, compute)
        return result


class AppCaches:
    """Everything one app caches: named :class:`Memo` tables and named per-app state objects."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._tables: dict[str, Memo] = {}
        self._state: dict[str, Any] = {}

    def memo(self, name: str, maxsize: int = MAXSIZE) -> Memo:
        """The table ``name`` (made on first use with ``maxsize`` entries)."""
        with self._lock:
            table = self._tables.get(name)
            if table is None:
                table = self._tables[name] = Memo(maxsize)
            return table

    def state(self, name: str, factory: Callable[[], T]) -> T:
        """The app's object ``name``, made by ``factory()`` on first use."""
        with self._lock:
            found: T | None = self._state.get(name)
            if found is None:
                found = self._state[name] = factory()
            return found


def app_caches(app: Flask | None = None) -> AppCaches:
    """The caches of ``app`` (default: the current app), made on first use."""
    extensions = (app or current_app).extensions
    found = extensions.get("netmap_caches")
    if found is None:
        found = extensions.setdefault("netmap_caches", AppCaches())  # setdefault: one wins a race
    assert isinstance(found, AppCaches)
    return found


#: Entries of the table of rendered fragments (:func:`shared_fragment`).
FRAGMENTS = 1000


def _csrf_placeholder() -> str:
    """A random string of this app that stands for the CSRF token in a fragment rendered once for many
    sessions (no request can guess it, so no page text can be mistaken for it)."""
    return app_caches().state("csrf-placeholder", lambda: f"csrf{secrets.token_hex(16)}")


def shared_fragment(key: Hashable, template: str, context: Callable[[], dict[str, Any]]) -> Markup:
    """``template`` rendered with ``context()`` once per ``key`` and served to every request of that key,
    with this request's CSRF token put in where the template asked for one.

    ``key`` must name everything the fragment shows: the data version, the language, the role when the
    template asks ``can()``, the request arguments it reads. Nothing of one session is in the stored
    text: its ``csrf_token()`` is a placeholder, replaced on each request by that session's token."""
    from flask_wtf.csrf import generate_csrf

    placeholder = _csrf_placeholder()

    def render() -> Markup:
        # the output of an autoescaped template: every value in it was escaped when it was rendered
        return Markup(render_template(template, **{**context(), "csrf_token": lambda: placeholder}))  # noqa: S704

    html = app_caches().memo("fragments", FRAGMENTS).get(key, render)
    return html.replace(placeholder, generate_csrf()) if placeholder in html else html


class Writes:
    """How many requests that may change something (any method but GET, HEAD and OPTIONS) this app has
    finished: a part of :func:`netmap.web.views.data_key`, so that a change no data version counts (an owner, a next step,
    an introduction's status) is never served from before it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.count = 0

    def bump(self) -> None:
        with self._lock:
            self.count += 1
