"""What one import may cost: caps on records, unpacked bytes, the text of one value, and warnings.

Every importer takes a :class:`Limits` (``None`` means unbounded, for library use). The web app's
upload uses :data:`UPLOAD_LIMITS`; ``netmap import`` uses :data:`CLI_LIMITS`, raised with
``--limit NAME=VALUE`` (:func:`parse_limits`). A file beyond a limit is refused with its name, the limit,
and how to raise it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from netmap.errors import InputError

MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Limits:
    """Caps on what one import may hold: records (rows, XML elements, JSON records) per file, the
    unpacked size of a file (a workbook's parts, a ``.gz``'s content), the text of one cell, element,
    attribute or comment, and the warnings kept. ``hint`` says what to do when one is reached.

    The web app's upload uses :data:`UPLOAD_LIMITS`; the command line :data:`CLI_LIMITS`, which are
    generous but finite and raised with ``--limit NAME=VALUE`` (:func:`parse_limits`).
    """

    rows: int = 100_000
    unpacked_bytes: int = 64 * MB
    text_bytes: int = 1 * MB
    warnings: int = 10_000
    hint: str = "import larger files on the server with 'netmap import', whose limits are higher"

    def refusal(self, where: str, problem: str, name: str) -> InputError:
        """The error for a limit reached: ``where`` ``problem``, and how to raise limit ``name``."""
        return InputError(where, problem, self.hint.format(name=name, value=LIMIT_NAMES[name][1](self) * 4))


#: ``--limit`` names: (the field of :class:`Limits`, its value in the option's unit, the unit's size).
LIMIT_NAMES: dict[str, tuple[str, Any, int]] = {
    "records": ("rows", lambda lim: lim.rows, 1),
    "unpacked-mb": ("unpacked_bytes", lambda lim: lim.unpacked_bytes // MB, MB),
    "text-mb": ("text_bytes", lambda lim: lim.text_bytes // MB, MB),
    "warnings": ("warnings", lambda lim: lim.warnings, 1),
}

#: What the web app's import page accepts.
UPLOAD_LIMITS = Limits()
#: What the command line accepts unless ``--limit`` says otherwise: generous, but a file that unpacks
#: to more (or a single text of more) is refused before it costs minutes or gigabytes.
CLI_LIMITS = Limits(
    rows=10_000_000,
    unpacked_bytes=4096 * MB,
    text_bytes=16 * MB,
    warnings=1_000_000,
    hint="if the file is what you meant, raise the limit: --limit {name}={value}",
)


def parse_limits(items: Iterable[str], base: Limits = CLI_LIMITS) -> Limits:
    """``["records=20000000", "text-mb=256"]`` → ``base`` with those limits raised (or lowered).

    >>> parse_limits(["unpacked-mb=8192"]).unpacked_bytes == 8192 * MB
    True
    >>> parse_limits(["size=1"])
    Traceback (most recent call last):
    netmap.errors.InputError: --limit: 'size=1' names no limit — expected NAME=NUMBER with NAME one of records, unpacked-mb, text-mb, warnings
    """
    changes: dict[str, Any] = {}
    for item in items:
        name, _, value = item.partition("=")
        field = LIMIT_NAMES.get(name.strip().lower())
        expected = "expected NAME=NUMBER with NAME one of " + ", ".join(LIMIT_NAMES)
        if field is None:
            raise InputError("--limit", f"'{item}' names no limit — {expected}")
        try:
            number = int(value.replace("_", "").replace(",", ""))
        except ValueError:
            number = 0
        if number <= 0:
            raise InputError("--limit", f"'{item}' is not a whole number above 0 — {expected}")
        changes[field[0]] = number * field[2]
    return replace(base, **changes) if changes else base
