"""XLSX workbooks: opened safely, their sheets read as rows of text.

:func:`sheet_rows` gives a sheet's rows with their headers (the spreadsheet importer);
:func:`workbook_tables` gives each sheet's cells row by row, the way :func:`~.delimited.csv_records` reads a
CSV file (importers that read a table cell by cell, such as HXL): ``(label, lines, rows)`` where
``lines.line`` is the row number being read, like :class:`~.encoding.DecodedLines`.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from netmap.errors import InputError

from ..limits import MB
from .tables import Row, check_cells, header_row, too_many_rows

if TYPE_CHECKING:
    from ..limits import Limits


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
        check_cells(headers, cells, origin)
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


class SheetLines:
    """Where a sheet's reading is: ``line`` is the current row number; workbooks need no decoding notes."""

    unit = "row"

    def __init__(self) -> None:
        self.line = 0
        self.fallback_lines: list[int] = []


def is_workbook(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(4) == b"PK\x03\x04"


def _rows(sheet: Any, lines: SheetLines) -> Iterator[list[str]]:
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        lines.line = number
        yield [cell_text(v) for v in values]


def workbook_tables(path: Path, limits: Limits | None = None) -> Iterator[tuple[str, SheetLines, Iterator[list[str]]]]:
    """``(f"{file} sheet {title}", lines, rows)`` for every sheet, in the workbook's order."""
    book = open_workbook(path, limits)
    try:
        for sheet in book.worksheets:
            lines = SheetLines()
            yield f"{path.name} sheet {sheet.title}", lines, _rows(sheet, lines)
    finally:
        book.close()
