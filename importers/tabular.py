"""Reading tables row by row from CSV files and XLSX sheets, with line numbers and encoding checks.

Shared by the spreadsheet importer (and any importer of tabular data). Rows are streamed: a 200,000-row
file is never held in memory.
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

csv.field_size_limit(10 * 1024 * 1024)


@dataclass(slots=True)
class Row:
    """One row of a table: its cells by normalised header, and where it came from."""

    cells: dict[str, str]
    origin: str  # "actors.csv line 14" or "stakeholders.xlsx sheet Actors row 14"


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


def csv_rows(path: Path, encoding: str) -> Iterator[tuple[list[str], Row]]:
    """(headers, row) for every non-empty data row of a CSV file."""
    with open(path, encoding=encoding, newline="") as fh:
        reader = csv.reader(fh, delimiter=_delimiter(fh))
        headers: list[str] | None = None
        name = path.name
        for cells in reader:
            if headers is None:
                if not "".join(cells).strip():
                    continue
                headers = [normalise_header(c) for c in cells]
                continue
            values = list(map(str.strip, cells))
            if not any(values):
                continue
            yield headers, Row(dict(zip(headers, values, strict=False)), f"{name} line {reader.line_num}")
        if headers is None:
            raise InputError(path.name, "the file is empty", "expected a header row and at least one data row")


def csv_headers(path: Path, encoding: str) -> list[str]:
    with open(path, encoding=encoding, newline="") as fh:
        for line in csv.reader(fh, delimiter=_delimiter(fh)):
            if any(c.strip() for c in line):
                return [normalise_header(c) for c in line]
    raise InputError(path.name, "the file is empty", "expected a header row and at least one data row")


def _delimiter(fh: Any) -> str:
    """The separator of the header line: comma, semicolon (European Excel) or tab."""
    first = fh.readline()
    fh.seek(0)
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def open_workbook(path: Path) -> Any:
    """An openpyxl workbook in read-only mode; a clear error when the file is not one."""
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
    except (zipfile.BadZipFile, OSError):
        raise InputError(path.name, "is damaged: its zip archive cannot be read", resave) from None
    if "[Content_Types].xml" not in members or not any(m.lower() == "xl/workbook.xml" for m in members):
        what = "an OpenDocument spreadsheet (.ods)" if "content.xml" in members else "a zip archive"
        raise InputError(
            path.name,
            f"is {what}, not an Excel .xlsx workbook (it has no workbook part inside)",
            "save it from your spreadsheet program as .xlsx (Excel workbook), or export the sheets as CSV",
        )
    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=False)
    except Exception:  # openpyxl raises many types for broken files: the user needs none of their wording
        raise InputError(path.name, "is a damaged .xlsx workbook: part of it cannot be read", resave) from None


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return str(value.isoformat())[:10] if str(value).endswith("00:00:00") else str(value.isoformat())
    return str(value).strip()


def sheet_rows(path: Path, sheet: Any) -> Iterator[tuple[list[str], Row]]:
    headers: list[str] | None = None
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        cells = [_cell_text(v) for v in values]
        if headers is None:
            if not any(cells):
                continue
            headers = [normalise_header(c) for c in cells]
            continue
        if not any(cells):
            continue
        yield headers, Row(dict(zip(headers, cells, strict=False)), f"{path.name} sheet {sheet.title} row {number}")
    if headers is None:
        raise InputError(
            f"{path.name} sheet {sheet.title}", "the sheet is empty", "expected a header row and at least one data row"
        )


def sheet_headers(sheet: Any) -> list[str]:
    for values in sheet.iter_rows(values_only=True):
        cells = [_cell_text(v) for v in values]
        if any(cells):
            return [normalise_header(c) for c in cells]
    return []
