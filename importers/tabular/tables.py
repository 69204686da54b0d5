"""Tables row by row with their headers: every value has its column, every row says where it came from.

Rows are streamed: a 200,000-row file is never held in memory. A header named twice, a cell beyond the
header row or under a blank header, and a malformed CSV line are refused with the file and line, never
dropped or guessed. :class:`~netmap.importers.limits.Limits` caps what a file may hold.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from netmap.errors import InputError

from .delimited import csv_records, sniff_delimiter

if TYPE_CHECKING:
    from ..limits import Limits


@dataclass(slots=True)
class Row:
    """One row of a table: its cells by normalised header, and where it came from."""

    cells: dict[str, str]
    origin: str  # "actors.csv line 14" or "stakeholders.xlsx sheet Actors row 14"


def normalise_header(header: Any) -> str:
    return " ".join(str(header or "").replace("_", " ").split()).lower()


def header_row(cells: list[Any], where: str) -> list[str]:
    """The normalised headers of a header row; a column named twice (after normalising) is refused.

    >>> header_row(["id", "Name", "kind", "name "], "actors.csv line 1")
    Traceback (most recent call last):
    netmap.errors.InputError: actors.csv line 1: has the column 'name' twice (columns 2 and 4) — rename or remove one of them
    """
    headers = [normalise_header(c) for c in cells]
    first: dict[str, int] = {}
    for number, header in enumerate(headers, start=1):
        if not header:
            continue
        if header in first:
            raise InputError(
                where,
                f"has the column '{header}' twice (columns {first[header]} and {number})",
                "rename or remove one of them",
            )
        first[header] = number
    return headers


def check_cells(headers: list[str], values: list[str], origin: str, separator: str | None = None) -> None:
    """A value without a column (more cells than headers, or under a blank header) is refused, never dropped."""
    for number, value in enumerate(values, start=1):
        if value and (number > len(headers) or not headers[number - 1]):
            if number > len(headers) and separator is not None:
                shown = "tab" if separator == "\t" else f"'{separator}'"
                raise InputError(
                    origin,
                    f"has {len(values)} cells but the header row has {len(headers)} columns",
                    f"put quotes around values that contain {shown}, or give the extra column a header",
                )
            raise InputError(origin, f"has a value in column {number}, which has no header", "give the column a header")


def too_many_rows(table: str, limits: Limits) -> InputError:
    """The refusal of a table longer than ``limits`` allow, naming the limit and how to raise it."""
    return limits.refusal(table, f"has more than {limits.rows:,} rows, the most allowed here", "records")


def csv_rows(path: Path, encoding: str, limits: Limits | None = None) -> Iterator[tuple[list[str], Row]]:
    """(headers, row) for every non-empty data row of a CSV file read in ``encoding`` (:func:`~.encoding.detect_encoding`)."""
    lines, records = csv_records(path, limits, encoding)
    separator = sniff_delimiter(path)
    headers: list[str] | None = None
    width, named = 0, True
    name = path.name
    count = 0
    for cells in records:
        if headers is None:
            if not "".join(cells).strip():
                continue
            headers = header_row(cells, f"{name} line {lines.line}")
            width, named = len(headers), all(headers)
            continue
        values = list(map(str.strip, cells))
        if not any(values):
            continue
        origin = f"{name} line {lines.line}"
        if len(values) > width or not named:  # otherwise every cell has a column (most rows of most tables)
            check_cells(headers, values, origin, separator)
        count += 1
        if limits is not None and count > limits.rows:
            raise too_many_rows(name, limits)
        yield headers, Row(dict(zip(headers, values, strict=False)), origin)
    if headers is None:
        raise InputError(path.name, "the file is empty", "expected a header row and at least one data row")


def csv_headers(path: Path, encoding: str) -> list[str]:
    """The normalised header row of a CSV file read in ``encoding``."""
    lines, records = csv_records(path, encoding=encoding)
    for cells in records:
        if any(c.strip() for c in cells):
            return header_row(cells, f"{path.name} line {lines.line}")
    raise InputError(path.name, "the file is empty", "expected a header row and at least one data row")
