"""Helpers that write small spreadsheets for tests (CSV, XLSX, Kumu blueprints)."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl

SHEETS = Path(__file__).resolve().parent / "data" / "sheets"
ACTOR_HEADER = ["id", "name", "kind", "country", "sectors", "influence", "engagement"]
REL_HEADER = ["from", "to", "type", "strength"]


def write_csv(path: Path, header: list[str], rows: list[list[object]], encoding: str = "utf-8") -> Path:
    with open(path, "w", newline="", encoding=encoding) as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_xlsx(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path
