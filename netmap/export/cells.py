"""Cells a spreadsheet would run as a formula, kept as text in every CSV and workbook netmap writes.

>>> csv_safe("=HYPERLINK(1)"), csv_safe("IOM"), is_formula("@SUM(A1)")
("'=HYPERLINK(1)", 'IOM', True)
"""

from __future__ import annotations

__all__ = ["FORMULA_START", "csv_safe", "is_formula"]

#: What a spreadsheet reads as the start of a formula (a tab or CR before one is stripped by some).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def is_formula(value: str) -> bool:
    return value.startswith(FORMULA_START)


def csv_safe(value: str) -> str:
    """Prefix a cell a spreadsheet would run as a formula with ``'`` so it stays text."""
    return "'" + value if is_formula(value) else value
