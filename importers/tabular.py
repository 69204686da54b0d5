"""Reading tables row by row from CSV files and XLSX sheets, with line numbers and encoding checks.

Shared by the spreadsheet importer (and any importer of tabular data). Rows are streamed: a 200,000-row
file is never held in memory. Every value has its column: a header named twice, a cell beyond the header
row or under a blank header, and a malformed CSV line are refused with the file and line, never dropped
or guessed. :class:`~.limits.Limits` caps what a file may hold.
"""

from __future__ import annotations

import codecs
import csv
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from netmap.errors import InputError

from .fmt_text import checked_rows, delimiter_of
from .limits import CLI_LIMITS, MB, UPLOAD_LIMITS, Limits


@dataclass(slots=True)
class Row:
    """One row of a table: its cells by normalised header, and where it came from."""

    cells: dict[str, str]
    origin: str  # "actors.csv line 14" or "stakeholders.xlsx sheet Actors row 14"


__all__ = ["CLI_LIMITS", "UPLOAD_LIMITS", "Limits", "Row", "csv_rows", "open_workbook", "sheet_rows"]


def detect_encoding(path: Path) -> str:
    """``utf-8-sig`` when the whole file decodes as UTF-8, else ``cp1252`` (Excel's Western default).

    Files that decode as neither, or that hold NUL bytes, are refused with a message saying so.
    """
    decoder = codecs.getincrementaldecoder("utf-8")()
    utf8 = True
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            if b"\x00" in chunk:
                raise InputError(
                    path.name,
                    "holds NUL bytes: this is not a text CSV file",
                    "save it as CSV (UTF-8) or give the .xlsx workbook itself",
                )
            if utf8:
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError:
                    utf8 = False
    if utf8:
        return "utf-8-sig"
    with open(path, "rb") as fh:
        for number, line in enumerate(fh, start=1):
            try:
                line.decode("cp1252")
            except UnicodeDecodeError:
                raise InputError(
                    f"{path.name} line {number}",
                    "is neither UTF-8 nor Windows-1252 (cp1252) text",
                    "save the file as CSV UTF-8",
                ) from None
    return "cp1252"


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


def _check_cells(headers: list[str], values: list[str], origin: str, separator: str | None = None) -> None:
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


def _csv_errors(reader: Any, name: str) -> Iterator[list[str]]:
    """The reader's rows; a malformed line is an :class:`InputError` that names it, never a crash."""
    return checked_rows(reader, lambda: f"{name} line {reader.line_num}")


def csv_rows(path: Path, encoding: str, limits: Limits | None = None) -> Iterator[tuple[list[str], Row]]:
    """(headers, row) for every non-empty data row of a CSV file."""
    with open(path, encoding=encoding, newline="") as fh:
        separator = _delimiter(fh)
        reader = csv.reader(fh, delimiter=separator)
        headers: list[str] | None = None
        name = path.name
        count = 0
        for cells in _csv_errors(reader, name):
            if headers is None:
                if not "".join(cells).strip():
                    continue
                headers = header_row(cells, f"{name} line {reader.line_num}")
                continue
            values = list(map(str.strip, cells))
            if not any(values):
                continue
            origin = f"{name} line {reader.line_num}"
            _check_cells(headers, values, origin, separator)
            count += 1
            if limits is not None and count > limits.rows:
                raise too_many_rows(name, limits)
            yield headers, Row(dict(zip(headers, values, strict=False)), origin)
        if headers is None:
            raise InputError(path.name, "the file is empty", "expected a header row and at least one data row")


def csv_headers(path: Path, encoding: str) -> list[str]:
    with open(path, encoding=encoding, newline="") as fh:
        reader = csv.reader(fh, delimiter=_delimiter(fh))
        for line in _csv_errors(reader, path.name):
            if any(c.strip() for c in line):
                return header_row(line, f"{path.name} line {reader.line_num}")
    raise InputError(path.name, "the file is empty", "expected a header row and at least one data row")


def _delimiter(fh: Any) -> str:
    """The separator of the open file's header line (:func:`~.fmt_text.delimiter_of`), the file rewound."""
    first = fh.readline()
    fh.seek(0)
    return delimiter_of(first)


def open_workbook(path: Path, limits: Limits | None = None) -> Any:
    """An openpyxl workbook in read-only mode; a clear error when the file is not one, or (with
    ``limits``) when it unpacks to more than they allow (a small file can hold a huge sheet)."""
    import openpyxl

    if not zipfile.is_zipfile(path):
        raise InputError(
            path.name,
            "is not a valid .xlsx workbook (it is not a zip archive)",
            "save it from your spreadsheet program as .xlsx, or export the sheets as CSV",
        )
    resave = "open it in your spreadsheet program and save it again as .xlsx, or export the sheets as CSV"
    try:
        with zipfile.ZipFile(path) as archive:
            members = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError):
        raise InputError(path.name, "is damaged: its zip archive cannot be read", resave) from None
    if "[Content_Types].xml" not in members or not any(m.lower() == "xl/workbook.xml" for m in members):
        what = "an OpenDocument spreadsheet (.ods)" if "content.xml" in members else "a zip archive"
        raise InputError(
            path.name,
            f"is {what}, not an Excel .xlsx workbook (it has no workbook part inside)",
            "save it from your spreadsheet program as .xlsx (Excel workbook), or export the sheets as CSV",
        )
    if limits is not None and unpacked > limits.unpacked_bytes:
        raise limits.refusal(
            path.name,
            f"unpacks to {unpacked / MB:,.0f} MB, more than the {limits.unpacked_bytes / MB:,.0f} MB allowed here",
            "unpacked-mb",
        )
    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=False)
    except Exception:  # openpyxl raises many types for broken files: the user needs none of their wording
        raise InputError(path.name, "is a damaged .xlsx workbook: part of it cannot be read", resave) from None


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return str(value.isoformat())[:10] if str(value).endswith("00:00:00") else str(value.isoformat())
    return str(value).strip()


def sheet_rows(path: Path, sheet: Any, limits: Limits | None = None) -> Iterator[tuple[list[str], Row]]:
    headers: list[str] | None = None
    table = f"{path.name} sheet {sheet.title}"
    count = 0
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        cells = [cell_text(v) for v in values]
        if headers is None:
            if not any(cells):
                continue
            headers = header_row(cells, f"{table} row {number}")
            continue
        if not any(cells):
            continue
        origin = f"{table} row {number}"
        _check_cells(headers, cells, origin)
        count += 1
        if limits is not None and count > limits.rows:
            raise too_many_rows(table, limits)
        yield headers, Row(dict(zip(headers, cells, strict=False)), origin)
    if headers is None:
        raise InputError(table, "the sheet is empty", "expected a header row and at least one data row")


def sheet_headers(path: Path, sheet: Any) -> list[str]:
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        cells = [cell_text(v) for v in values]
        if any(cells):
            return header_row(cells, f"{path.name} sheet {sheet.title} row {number}")
    return []
