"""The sheets of an XLSX workbook as rows of text, the way the CSV importers read a file.

For importers that read a table cell by cell (HXL): each sheet gives ``(label, lines, rows)`` where
``rows`` yields each row's cells as text and ``lines.line`` is the row number being read, like
:class:`.fmt_text.DecodedLines` for a CSV file.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .tabular import Limits, cell_text, open_workbook


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
