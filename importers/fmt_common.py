"""Small helpers shared by the format importers (IATI, HXL, GraphML/GEXF, GLEIF, organisation lists)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from netmap.digests import file_sha256
from netmap.errors import InputError
from netmap.model import SourceInfo
from netmap.model.countries import iso3_or_none as country_alpha3  # noqa: F401  (the one country normaliser, under the importers' name)

from .limits import Limits

#: Values that mean "no identifier" in published data.
NULL_VALUES = frozenset({"", "n/a", "na", "none", "null", "nil", "-", "--", "0", "unknown", "not applicable", "tbd"})


def is_null(value: str | None) -> bool:
    return value is None or value.strip().lower() in NULL_VALUES


def source_infos(paths: Iterable[Path], fmt: str) -> list[SourceInfo]:
    """One :class:`SourceInfo` per file: its name, the format and the sha256 of its bytes."""
    infos = []
    for path in paths:
        if not path.is_file():
            raise InputError(str(path), "no such file", "check the path")
        infos.append(SourceInfo(file=path.name, format=fmt, sha256=file_sha256(path)))
    return infos


def check_files(paths: Iterable[Path]) -> list[Path]:
    out = [Path(p) for p in paths]
    for path in out:
        if not path.is_file():
            raise InputError(str(path), "no such file", "check the path")
    return out


class Warnings(list[str]):
    """An importer's warnings, keeping at most ``limit`` and counting the rest in ``dropped`` (a file
    with a warning on every record must not cost memory, or a page, per record)."""

    def __init__(self, limit: int | None = None) -> None:
        super().__init__()
        self.limit = limit
        self.dropped = 0

    def append(self, warning: str) -> None:
        if self.limit is not None and len(self) >= self.limit:
            self.dropped += 1
        else:
            super().append(warning)


class FileImporter:
    """What every file importer shares: its checked paths, options, limits, warnings and one Source per file.

    Subclasses set ``format`` and implement ``read()``; ``super().__init__(paths, **options)`` first.
    ``limits`` (:class:`~.tabular.Limits`) bound what a file may cost; ``None`` is no bound (library use).
    """

    format = ""

    def __init__(self, paths: Iterable[Path], *, limits: Limits | None = None, **options: Any) -> None:
        self.paths = check_files(paths)
        self.options = options
        self.limits = limits
        self.warnings: list[str] = self.new_warnings()

    def new_warnings(self) -> Warnings:
        """A fresh warning list for a new read, bounded by the limits."""
        return Warnings(self.limits.warnings if self.limits else None)

    def sources(self) -> list[SourceInfo]:
        return source_infos(self.paths, self.format)


FIRST_LINES = 5


class RowTally:
    """Where every row of an input went: ``read`` = ``used`` + ``merged`` + ``skipped``.

    ``used`` rows gave something new (an actor, a tie), ``merged`` rows added facts to something an
    earlier row gave, ``skipped`` rows gave nothing and are grouped by reason with their first lines.

    >>> t = RowTally()
    >>> t.used(2); t.merged(3); t.skipped("no organisation named", 4)
    >>> t.as_dict()["skipped"]
    [{'reason': 'no organisation named', 'rows': 1, 'first_lines': [4]}]
    """

    def __init__(self, unit: str = "line") -> None:
        self.unit = unit  # what the numbers count: "line" (of a text or XML file) or "record" (of JSON)
        self.read = 0
        self.used_rows = 0
        self.merged_rows = 0
        self._skipped: dict[str, list[int]] = {}
        self._skip_counts: dict[str, int] = {}

    def used(self, line: int) -> None:
        self.read += 1
        self.used_rows += 1

    def merged(self, line: int) -> None:
        self.read += 1
        self.merged_rows += 1

    def skipped(self, reason: str, line: int) -> None:
        self.read += 1
        self._skip_counts[reason] = self._skip_counts.get(reason, 0) + 1
        lines = self._skipped.setdefault(reason, [])
        if len(lines) < FIRST_LINES:
            lines.append(line)

    @property
    def skipped_rows(self) -> int:
        return sum(self._skip_counts.values())

    def as_dict(self) -> dict[str, Any]:
        return {
            "read": self.read,
            "unit": self.unit,
            "used": self.used_rows,
            "merged": self.merged_rows,
            "skipped": [
                {"reason": reason, "rows": self._skip_counts[reason], "first_lines": list(self._skipped[reason])}
                for reason in sorted(self._skip_counts, key=lambda r: -self._skip_counts[r])
            ],
        }
