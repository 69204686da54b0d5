"""Zip archives with fixed entry times, so the same content gives the same bytes."""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path

__all__ = ["FIXED_TIME", "normalise_zip", "write_zip"]

FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def write_zip(path: Path, entries: Iterable[tuple[str, bytes]]) -> None:
    """Write ``entries`` (name, bytes) in the given order, deflated, every entry dated :data:`FIXED_TIME`."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data, compresslevel=6)


def normalise_zip(path: Path, transform: Callable[[str, bytes], bytes] | None = None) -> None:
    """Rewrite a zip made by another library (openpyxl) with fixed entry times, same order and content
    (``transform(name, data)`` may rewrite an entry, e.g. a time stamp inside it)."""
    with zipfile.ZipFile(path) as archive:
        entries = [(info.filename, archive.read(info)) for info in archive.infolist()]
    if transform is not None:
        entries = [(name, transform(name, data)) for name, data in entries]
    write_zip(path, entries)
