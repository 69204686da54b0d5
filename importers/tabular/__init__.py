"""The one tabular reader: CSV (encodings, delimiter sniffing, cell caps) and XLSX sheets, row by row.

``encoding`` decodes text files, ``delimited`` turns them into records, ``tables`` gives rows with their
headers, ``workbook`` reads XLSX sheets. Every importer of tabular data reads through here.
"""

from __future__ import annotations

from ..limits import CLI_LIMITS, UPLOAD_LIMITS, Limits
from .delimited import checked_rows, csv_problem, csv_records, delimiter_of, sniff_delimiter
from .encoding import DecodedLines, detect_encoding, fallback_note
from .tables import Row, csv_headers, csv_rows, header_row, normalise_header, too_many_rows
from .workbook import SheetLines, cell_text, is_workbook, open_workbook, sheet_headers, sheet_rows, workbook_tables

__all__ = [
    "CLI_LIMITS",
    "UPLOAD_LIMITS",
    "DecodedLines",
    "Limits",
    "Row",
    "SheetLines",
    "cell_text",
    "checked_rows",
    "csv_headers",
    "csv_problem",
    "csv_records",
    "csv_rows",
    "delimiter_of",
    "detect_encoding",
    "fallback_note",
    "header_row",
    "is_workbook",
    "normalise_header",
    "open_workbook",
    "sheet_headers",
    "sheet_rows",
    "sniff_delimiter",
    "too_many_rows",
    "workbook_tables",
]
