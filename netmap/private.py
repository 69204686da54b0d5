"""Folders and files only their owner can read: 0700 and 0600, whatever the umask.

Everything netmap keeps under ``NETMAP_HOME`` that holds data or secrets goes through these helpers:
the accounts database, the managed Neo4j's folders, uploads, the saved settings and keys, export
bundles with sensitive data. Modes are set explicitly after creation, so a permissive umask (``000``)
gives the same result as a strict one.

>>> import tempfile, pathlib
>>> root = pathlib.Path(tempfile.mkdtemp())
>>> folder = private_dir(root / "a" / "b")
>>> secret = write_private(folder / "key", "s3cret\\n")
>>> oct(mode_of(root / "a")), oct(mode_of(folder)), oct(mode_of(secret)), secret.read_text()
('0o700', '0o700', '0o600', 's3cret\\n')
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

__all__ = [
    "DIR_MODE",
    "FILE_MODE",
    "UMASK",
    "make_private",
    "mode_of",
    "open_private",
    "private_dir",
    "private_file",
    "write_private",
]

DIR_MODE = 0o700
FILE_MODE = 0o600
#: The umask for programs netmap starts that write private data (the managed Neo4j and its admin tool).
UMASK = 0o077


def mode_of(path: Path) -> int:
    """The permission bits of ``path`` (without following a final symlink)."""
    return stat.S_IMODE(os.lstat(path).st_mode)


def private_dir(path: Path | str, *, root: Path | str | None = None) -> Path:
    """Create ``path`` (and its missing parents) 0700 and make ``path`` itself 0700; returns it.

    With ``root`` (an ancestor of ``path``, e.g. ``NETMAP_HOME``), every folder from ``root`` down to
    ``path`` is made 0700 too, existing ones included; folders above ``root`` are never changed."""
    path = Path(path)
    missing = []
    probe = path
    while not probe.exists():
        missing.append(probe)
        if probe.parent == probe:
            break
        probe = probe.parent
    for folder in reversed(missing):
        with contextlib.suppress(FileExistsError):  # another process made it meanwhile
            folder.mkdir(mode=DIR_MODE)
        os.chmod(folder, DIR_MODE)
    chain = [path]
    if root is not None:
        top = Path(root)
        chain = [path, *(p for p in path.parents if p == top or top in p.parents)]
    for folder in chain:
        if mode_of(folder) != DIR_MODE:
            os.chmod(folder, DIR_MODE)
    return path


def private_file(path: Path | str) -> Path:
    """Make sure ``path`` exists (empty when new) with mode 0600; returns it. Its folder must exist."""
    path = Path(path)
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, FILE_MODE))
    os.chmod(path, FILE_MODE)
    return path


def write_private(path: Path | str, data: str | bytes, *, exclusive: bool = False) -> Path:
    """Write ``data`` to ``path`` whole and atomically, mode 0600: readers see the old file or the new one.

    With ``exclusive`` an existing file is left alone and :class:`FileExistsError` is raised (two
    processes creating the same key: the first one wins, the other reads it). The folder must exist:
    make it with :func:`private_dir` when it is netmap's own."""
    path = Path(path)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, FILE_MODE)
        if exclusive:
            os.link(tmp, path)
            os.unlink(tmp)
        else:
            os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    return path


@contextlib.contextmanager
def open_private(path: Path | str, *, append: bool = False) -> Iterator[BinaryIO]:
    """``path`` opened for binary writing (truncated, or appended to), mode 0600 from the first byte.

    For files written as a stream (an upload, a log), where :func:`write_private` would hold it all
    in memory."""
    path = Path(path)
    flags = os.O_WRONLY | os.O_CREAT | (os.O_APPEND if append else os.O_TRUNC)
    fd = os.open(path, flags, FILE_MODE)
    os.fchmod(fd, FILE_MODE)
    with os.fdopen(fd, "ab" if append else "wb") as fh:
        yield fh


def make_private(root: Path | str) -> int:
    """Make every folder under ``root`` (and ``root``) 0700 and every file 0600; returns how many changed.

    For trees written by another program or an older netmap (a Neo4j store). Symbolic links are
    neither followed nor changed."""
    root = Path(root)
    changed = 0
    if not root.exists():
        return 0
    if mode_of(root) != DIR_MODE:
        os.chmod(root, DIR_MODE)
        changed += 1
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = Path(folder) / name
            with contextlib.suppress(FileNotFoundError):  # a running server may remove files meanwhile
                st = os.lstat(path)
                if stat.S_ISLNK(st.st_mode):
                    continue
                wanted = DIR_MODE if stat.S_ISDIR(st.st_mode) else FILE_MODE
                if stat.S_IMODE(st.st_mode) != wanted:
                    os.chmod(path, wanted)
                    changed += 1
    return changed
