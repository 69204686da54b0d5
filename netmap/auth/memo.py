"""Who holds a session or token, remembered between requests until the accounts database changes.

Looking a session up in SQLite opened a connection, ran a transaction and closed it on every request
(about a tenth of a page's server time under load). :class:`LookupMemo` keeps the answers instead, with
one kept read-only connection that asks SQLite's ``PRAGMA data_version`` before each use: that number
changes when any other connection, in this process or another, commits to the file. Every write to the
accounts database (a logout, a password reset, a role change, a removal, a login, a revoked token, even
the periodic ``last_seen`` touch) is made on another connection, so the first request after it finds
the memo emptied and asks the database again. An entry also ends with its session's expiry, and when
the database file is replaced (another inode) the connection is opened again.

>>> import tempfile, pathlib
>>> from netmap.auth import User
>>> from netmap.auth.db import AccountsDB
>>> db = AccountsDB(pathlib.Path(tempfile.mkdtemp()) / "a.sqlite3")
>>> with db.connect() as con:
...     _ = con.execute("SELECT 1")
>>> memo = LookupMemo(db.path)
>>> memo.get("digest", now=0.0) is None
True
>>> memo.put(memo.version(), "digest", User("ana", "viewer"), until=100.0, touched=0.0)
>>> memo.get("digest", now=1.0)
(User(name='ana', role='viewer'), 0.0)
>>> db.set_meta("any", "write")  # any commit on another connection, from any process
>>> memo.get("digest", now=1.0) is None
True
"""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path

from netmap.auth import User

__all__ = ["MAX_ENTRIES", "LookupMemo"]

#: Sessions and tokens remembered at most (the memo is emptied when it is full).
MAX_ENTRIES = 10_000

_Entry = tuple[User, float, float]  # the user, live until, last touched


class LookupMemo:
    """The answers of session and token lookups of the accounts database at ``path``, valid while it is unchanged."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._con: sqlite3.Connection | None = None
        self._file: tuple[int, int] | None = None
        self._seen: int | None = None
        self._entries: dict[str, _Entry] = {}

    def version(self) -> tuple[tuple[int, int], int] | None:
        """The database's state now (file identity, ``data_version``), emptying the memo when it changed;
        None when the file cannot be read (the caller then asks the database itself)."""
        with self._lock:
            return self._check()

    def _check(self) -> tuple[tuple[int, int], int] | None:
        try:
            stat = os.stat(self.path)
            file = (stat.st_dev, stat.st_ino)
            if self._con is None or file != self._file:
                self._reopen(file)
            assert self._con is not None
            seen = int(self._con.execute("PRAGMA data_version").fetchone()[0])
        except (OSError, sqlite3.Error):
            self._close()
            return None
        if seen != self._seen:
            self._entries.clear()
            self._seen = seen
        assert self._file is not None
        return self._file, seen

    def _reopen(self, file: tuple[int, int]) -> None:
        self._close()
        # mode=rw: never creates the file (the accounts database makes it, 0600); only read here
        uri = f"{self.path.resolve().as_uri()}?mode=rw"
        self._con = sqlite3.connect(uri, uri=True, check_same_thread=False, isolation_level=None)
        self._file = file

    def _close(self) -> None:
        if self._con is not None:
            self._con.close()
        self._con, self._file, self._seen = None, None, None
        self._entries.clear()

    def get(self, digest: str, *, now: float) -> tuple[User, float] | None:
        """``(user, last touched)`` of a live remembered entry, or None (then look it up)."""
        with self._lock:
            if self._check() is None:
                return None
            found = self._entries.get(digest)
            if found is None or found[1] <= now:
                return None
            return found[0], found[2]

    def put(
        self, version: tuple[tuple[int, int], int] | None, digest: str, user: User, *, until: float, touched: float
    ) -> None:
        """Remember a lookup made after :meth:`version` returned ``version`` (dropped when the database
        changed since: the answer may be older than that change)."""
        with self._lock:
            if version is None or self._check() != version:
                return
            if len(self._entries) >= MAX_ENTRIES:
                self._entries.clear()
            self._entries[digest] = (user, until, touched)

    def close(self) -> None:
        with self._lock:
            self._close()
