"""The accounts database: login accounts, sessions, API tokens, the audit trail and the history of
user administration (:mod:`netmap.auth.changes`), in SQLite.

It lives in ``NETMAP_HOME/accounts/accounts.sqlite3`` (folder 0700, file 0600; SQLite gives its
write-ahead log the file's mode), apart from the Neo4j graph, so nothing a Cypher query can reach holds a
password hash, a session or a token.

>>> import tempfile, pathlib
>>> db = AccountsDB(pathlib.Path(tempfile.mkdtemp()) / "accounts.sqlite3")
>>> with db.connect() as con:
...     con.execute("SELECT count(*) FROM users").fetchone()[0]
0
>>> oct(db.path.stat().st_mode & 0o777), oct(db.path.parent.stat().st_mode & 0o777)
('0o600', '0o700')
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from netmap.auth.memo import LookupMemo
from netmap.config import Settings
from netmap.errors import ConfigError
from netmap.private import private_dir, private_file

__all__ = ["AccountsDB", "accounts_db", "now"]

FOLDER, FILE_NAME = "accounts", "accounts.sqlite3"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
    name TEXT PRIMARY KEY,
    role TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS sessions (
    id_hash TEXT PRIMARY KEY,
    user TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,
    created_at REAL NOT NULL,
    expires_at REAL NOT NULL,
    last_seen REAL NOT NULL,
    address TEXT
);
CREATE INDEX IF NOT EXISTS sessions_user ON sessions(user);
CREATE TABLE IF NOT EXISTS tokens (
    id TEXT PRIMARY KEY,
    user TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at REAL NOT NULL,
    last_used REAL
);
CREATE INDEX IF NOT EXISTS tokens_user ON tokens(user);
CREATE TABLE IF NOT EXISTS audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at REAL NOT NULL,
    event TEXT NOT NULL,
    user TEXT,
    address TEXT,
    detail TEXT
);
CREATE INDEX IF NOT EXISTS audit_user_at ON audit(user, event, at);
CREATE INDEX IF NOT EXISTS audit_address_at ON audit(address, event, at);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS account_changes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at REAL NOT NULL,
    user TEXT NOT NULL,
    field TEXT NOT NULL,
    before TEXT,
    after TEXT,
    by TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS account_changes_at ON account_changes(at);
"""


def now() -> float:
    return time.time()


class AccountsDB:
    """One SQLite file; each :meth:`connect` is a short transaction on a fresh connection (thread-safe)."""

    def __init__(self, path: Path, *, root: Path | None = None) -> None:
        self.path = Path(path)
        self.root = root  # NETMAP_HOME: made private too when the file is created
        self._ready = False
        self._lock = threading.Lock()
        #: Session and token lookups remembered while the file is unchanged (:mod:`netmap.auth.memo`).
        self.lookups = LookupMemo(self.path)

    def _create(self) -> None:
        private_dir(self.path.parent, root=self.root)
        private_file(self.path)
        con = self._open()
        try:
            con.execute("PRAGMA journal_mode = WAL")
            con.executescript(_SCHEMA)
        finally:
            con.close()

    def _open(self) -> sqlite3.Connection:
        try:
            con = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        except sqlite3.Error as exc:
            raise ConfigError(f"cannot open the accounts database {self.path}: {exc}", "check NETMAP_HOME") from None
        con.row_factory = sqlite3.Row
        con.execute("PRAGMA foreign_keys = ON")
        return con

    @contextmanager
    def connect(self, *, write: bool = True) -> Iterator[sqlite3.Connection]:
        """A connection inside one transaction: committed on success, rolled back on error, then closed.

        Writers take the write lock at the start (``BEGIN IMMEDIATE``), so two never deadlock on an
        upgrade; readers do not block each other or a writer (write-ahead log)."""
        if not self._ready or not self.path.exists():
            with self._lock:
                self._create()
                self._ready = True
        con = self._open()
        try:
            con.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            yield con
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        finally:
            con.close()

    def get_meta(self, key: str) -> str | None:
        with self.connect(write=False) as con:
            row = con.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row["value"])

    def set_meta(self, key: str, value: str) -> None:
        with self.connect() as con:
            con.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))


def accounts_db(settings: Settings) -> AccountsDB:
    """The accounts database of these settings (``NETMAP_HOME/accounts/accounts.sqlite3``)."""
    return AccountsDB(Path(settings.home) / FOLDER / FILE_NAME, root=Path(settings.home))
