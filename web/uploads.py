"""Uploaded files (spreadsheets, IATI, GraphML/GEXF, GLEIF): kept in ``NETMAP_HOME/uploads/<token>/`` between the dry run and the commit.

The folders are 0700 and the files 0600 from their first byte: uploads hold the data being imported. An
upload is removed when its import is committed, when its dry run fails, and, if it is never committed,
by the next upload after :data:`MAX_AGE`."""

from __future__ import annotations

import re
import secrets
import shutil
import time
from pathlib import Path
from typing import Any

from netmap.errors import InputError, NotFound
from netmap.private import open_private, private_dir

#: What the import page takes, by how a file's name ends: the importer that reads it.
UPLOAD_FORMATS = {
    ".xlsx": "sheet",
    ".xlsm": "sheet",
    ".csv": "sheet",
    ".tsv": "sheet",
    ".xml": "iati",
    ".xml.gz": "iati",
    ".graphml": "graphml",
    ".graphml.gz": "graphml",
    ".gexf": "gexf",
    ".gexf.gz": "gexf",
    ".json": "gleif",
}
ALLOWED_SUFFIXES = tuple(UPLOAD_FORMATS)
_GZIP_MAGIC = b"\x1f\x8b"
_TOKEN = re.compile(r"^[0-9a-f]{32}$")
_ZIP_MAGIC = b"PK\x03\x04"
#: Seconds an upload waits for its commit (a login session's length); older ones are removed.
MAX_AGE = 12 * 3600


def _root(home: Path) -> Path:
    return Path(home) / "uploads"


def upload_ending(name: str) -> str:
    """The ending of ``name`` that says its format (``.graphml.gz``), or ``''`` for none we take."""
    lowered = name.lower()
    return max((e for e in UPLOAD_FORMATS if lowered.endswith(e)), key=len, default="")


def upload_format(paths: list[Path]) -> str:
    """The importer for saved uploads (:func:`save_uploads` made sure they share one)."""
    return UPLOAD_FORMATS[upload_ending(paths[0].name)]


def save_uploads(home: Path, files: list[Any]) -> tuple[str, list[Path]]:
    """Save the uploaded files under a new token after checking their names and content type."""
    files = [f for f in files if f and f.filename]
    if not files:
        raise InputError("upload", "no file chosen", "choose an .xlsx workbook or .csv files")
    if len(files) > 5:
        raise InputError("upload", "too many files", "upload at most 5 files at once")
    formats = {UPLOAD_FORMATS.get(upload_ending(Path(f.filename).name)) for f in files}
    if len(formats) > 1 and None not in formats:
        raise InputError("upload", "these files are of different formats", "upload the files of one format at a time")
    sweep(home)
    token = secrets.token_hex(16)
    folder = private_dir(_root(home) / token, root=home)
    paths = []
    for index, storage in enumerate(files):
        original = Path(storage.filename).name
        suffix = upload_ending(original) or Path(original).suffix.lower()
        if suffix not in ALLOWED_SUFFIXES:
            shutil.rmtree(folder, ignore_errors=True)
            raise InputError(
                original[:100],
                f"files of type {suffix or '(none)'!r} cannot be imported here",
                f"upload {', '.join(ALLOWED_SUFFIXES)}",
            )
        head = storage.stream.read(4)
        storage.stream.seek(0)
        if suffix in (".xlsx", ".xlsm") and head != _ZIP_MAGIC:
            shutil.rmtree(folder, ignore_errors=True)
            raise InputError(original[:100], "is not an Excel workbook", "save it as .xlsx and upload it again")
        if suffix in (".csv", ".tsv") and (b"\x00" in head or head == _ZIP_MAGIC):
            shutil.rmtree(folder, ignore_errors=True)
            raise InputError(original[:100], "is not a text file", "export the sheet as CSV (UTF-8)")
        if suffix.endswith(".gz") and head[:2] != _GZIP_MAGIC:
            shutil.rmtree(folder, ignore_errors=True)
            raise InputError(original[:100], "is not a gzip file", "upload the file without .gz, or gzip it again")
        stem = re.sub(r"[^A-Za-z0-9_.-]", "_", original[: len(original) - len(suffix)])[:60] or "upload"
        path = private_dir(folder / str(index), root=home) / f"{stem}{suffix}"  # reports name the file as it was
        with open_private(path) as fh:
            storage.save(fh)
        paths.append(path)
    return token, paths


def upload_paths(home: Path, token: str) -> list[Path]:
    if not _TOKEN.match(token or ""):
        raise NotFound("no such upload", "upload the file again")
    folder = _root(home) / token
    if not folder.is_dir():
        raise NotFound("this upload has expired or was already imported", "upload the file again")
    return [path for sub in sorted(folder.iterdir(), key=lambda p: int(p.name)) for path in sorted(sub.iterdir())]


def discard(home: Path, token: str) -> None:
    if _TOKEN.match(token or ""):
        shutil.rmtree(_root(home) / token, ignore_errors=True)


def sweep(home: Path, max_age: float = MAX_AGE, now: float | None = None) -> int:
    """Remove the uploads whose dry run was never committed within ``max_age`` s; returns how many."""
    root = _root(home)
    if not root.is_dir():
        return 0
    cutoff = (time.time() if now is None else now) - max_age
    removed = 0
    for folder in root.iterdir():
        try:
            stale = _TOKEN.match(folder.name) is not None and folder.is_dir() and folder.stat().st_mtime < cutoff
        except FileNotFoundError:  # removed meanwhile by another request
            continue
        if stale:
            shutil.rmtree(folder, ignore_errors=True)
            removed += 1
    return removed
