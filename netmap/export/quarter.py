"""Quarters: ``2026-Q4`` parsed, validated and ordered.

>>> parse_quarter("2026-q4")
Quarter(year=2026, q=4)
>>> str(parse_quarter(" 2026-Q1 ")), parse_quarter("2026-Q1") < parse_quarter("2026-Q2")
('2026-Q1', True)
"""

from __future__ import annotations

import re
from typing import NamedTuple

from netmap.errors import InputError

__all__ = ["Quarter", "parse_quarter"]

_QUARTER = re.compile(r"^(\d{4})-Q(\d+)$", re.IGNORECASE)


class Quarter(NamedTuple):
    """A calendar quarter; tuples order them in time."""

    year: int
    q: int

    def __str__(self) -> str:
        return f"{self.year}-Q{self.q}"

    def bounds(self) -> tuple[str, str]:
        """Its first day and the first day of the next quarter, ISO (``("2026-10-01", "2027-01-01")``)."""
        start = f"{self.year}-{3 * self.q - 2:02d}-01"
        end = f"{self.year + 1}-01-01" if self.q == 4 else f"{self.year}-{3 * self.q + 1:02d}-01"
        return start, end


def parse_quarter(text: str, location: str = "--quarter") -> Quarter:
    """``YYYY-QN`` (N 1-4, case-insensitive) → :class:`Quarter`; :class:`InputError` otherwise.

    >>> parse_quarter("2026-Q5")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    netmap.errors.InputError: --quarter: '2026-Q5' is not a quarter: Q5 does not exist — use YEAR-QN ...
    """
    raw = (text or "").strip()
    match = _QUARTER.match(raw)
    hint = "use YEAR-QN with N from 1 to 4, e.g. 2026-Q4"
    if not match:
        raise InputError(location, f"{text!r} is not a quarter", hint)
    year, q = int(match.group(1)), int(match.group(2))
    if not 1 <= q <= 4:
        raise InputError(location, f"{text!r} is not a quarter: Q{q} does not exist", hint)
    if year < 1900:
        raise InputError(location, f"{text!r} is not a quarter: year {year} is out of range", hint)
    return Quarter(year, q)
