"""Delimited text as records: the delimiter sniffed from the header line, the cell cap, CSV errors in words.

:func:`csv_records` streams a file's records over :class:`~.encoding.DecodedLines`; a malformed line,
or a cell beyond the limits, is refused naming the file and line.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from netmap.errors import InputError

from ..xmlsafe import open_binary
from .encoding import DecodedLines

if TYPE_CHECKING:
    from ..limits import Limits

#: The one cap on a CSV cell for every reader (the command line's text limit; uploads check a lower one).
csv.field_size_limit(16 * 1024 * 1024)


def delimiter_of(first_line: str) -> str:
    """The delimiter of a header line: the most frequent of ``,`` ``;`` (European Excel) tab and ``|``.

    >>> delimiter_of("id;name;kind"), delimiter_of("name"), delimiter_of("a|b,c|d")
    (';', ',', '|')
    """
    counts = {d: first_line.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def sniff_delimiter(path: Path) -> str:
    """The delimiter of the file's first line (see :func:`delimiter_of`)."""
    with open_binary(path) as handle:
        return delimiter_of(handle.readline(65536).decode("utf-8", errors="replace"))


def csv_records(
    path: Path, limits: Limits | None = None, encoding: str | None = None
) -> tuple[DecodedLines, Iterator[list[str]]]:
    """The decoder (for line numbers and encoding notes) and a streamed CSV reader over it; a malformed
    line is an :class:`InputError` naming it. ``encoding``: see :class:`~.encoding.DecodedLines`."""
    lines = DecodedLines(path, limits, encoding)

    def where() -> str:
        return f"{path.name} line {lines.line}"

    rows = checked_rows(csv.reader(lines, delimiter=sniff_delimiter(path)), where)
    return lines, rows if limits is None else _capped_cells(rows, limits, where)


def _capped_cells(rows: Iterator[list[str]], limits: Limits, where: Callable[[], str]) -> Iterator[list[str]]:
    """The rows, refusing one with a cell longer than ``limits`` allow (a quote left open, or a bomb)."""
    cap = limits.text_bytes
    for row in rows:
        if any(len(cell) > cap for cell in row):
            raise limits.refusal(
                where(), f"holds a text of more than {cap / (1024 * 1024):,.0f} MB, the most allowed here", "text-mb"
            )
        yield row


def checked_rows(reader: Iterator[list[str]], where: Callable[[], str]) -> Iterator[list[str]]:
    """The rows of a CSV reader; its errors become :class:`InputError` at ``where()`` (the current line)."""
    try:
        yield from reader
    except csv.Error as exc:
        raise csv_problem(exc, where()) from None


def csv_problem(exc: csv.Error, where: str) -> InputError:
    """The user's words for what Python's CSV reader refused.

    >>> str(csv_problem(csv.Error("new-line character seen in unquoted field - ..."), "orgs.csv line 2"))
    'orgs.csv line 2: has a line break (a lone carriage return) inside a value without quotes — save the file again as CSV, or put quotes around that value'
    """
    if "field larger than field limit" in str(exc):
        return InputError(
            where,
            f"has a cell longer than {csv.field_size_limit() // (1024 * 1024)} MB",
            "a quote left open makes the rest of the file one cell: check the quotes near this line "
            "(cells hold at most that much)",
        )
    if "new-line character" in str(exc):
        return InputError(
            where,
            "has a line break (a lone carriage return) inside a value without quotes",
            "save the file again as CSV, or put quotes around that value",
        )
    return InputError(where, f"is not valid CSV ({exc})", "save the file again as CSV")
