"""Reading delimited text safely: streamed, line by line, tolerant of mixed encodings.

A line that is not UTF-8 is decoded as Windows-1252 (a superset of Latin-1 for text), and the importer
is told which lines were, so a file pasted together from several exports still reads.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from netmap.errors import InputError

from .xmlsafe import open_binary, too_big

if TYPE_CHECKING:
    from .limits import Limits

#: The one cap on a CSV cell for every reader (the command line's text limit; uploads check a lower one).
csv.field_size_limit(16 * 1024 * 1024)


class DecodedLines:
    """Iterate a file's lines as ``str``; ``fallback_lines`` lists lines decoded as Windows-1252.

    With ``limits``, a file (or a ``.gz``'s content) beyond their unpacked size is refused.
    """

    def __init__(self, path: Path, limits: Limits | None = None) -> None:
        self.path = path
        self.limits = limits
        self.fallback_lines: list[int] = []
        self.line = 0

    def __iter__(self) -> Iterator[str]:
        with open_binary(self.path) as handle:
            head = handle.read(4096)
            if b"\x00" in head:
                raise InputError(
                    self.path.name, "is a binary file — expected CSV text", "export the sheet as CSV (UTF-8)"
                )
            if head.startswith(b"PK\x03\x04"):
                raise InputError(
                    self.path.name, "is a zip/xlsx workbook — expected CSV text", "save the sheet as CSV (UTF-8)"
                )
            handle.seek(0)
            first = True
            unpacked = 0
            for raw in handle:
                self.line += 1
                unpacked += len(raw)
                if self.limits is not None and unpacked > self.limits.unpacked_bytes:
                    raise too_big(self.path.name, self.limits)
                if first and raw.startswith(b"\xef\xbb\xbf"):
                    raw = raw[3:]
                first = False
                try:
                    yield raw.decode("utf-8")
                except UnicodeDecodeError:
                    self.fallback_lines.append(self.line)
                    yield raw.decode("cp1252", errors="replace")


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


def csv_rows(path: Path, limits: Limits | None = None) -> tuple[DecodedLines, Iterator[list[str]]]:
    """The decoder (for line numbers and encoding notes) and a streamed CSV reader over it; a malformed
    line is an :class:`InputError` naming it."""
    lines = DecodedLines(path, limits)
    rows = checked_rows(csv.reader(lines, delimiter=sniff_delimiter(path)), lambda: f"{path.name} line {lines.line}")
    return lines, rows if limits is None else _capped_cells(rows, limits, lambda: f"{path.name} line {lines.line}")


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


def fallback_note(name: str, lines: DecodedLines) -> str | None:
    if not lines.fallback_lines:
        return None
    shown = ", ".join(str(n) for n in lines.fallback_lines[:10])
    more = f" and {len(lines.fallback_lines) - 10} more" if len(lines.fallback_lines) > 10 else ""
    return f"{name}: line(s) {shown}{more} are not UTF-8; read as Windows-1252"
