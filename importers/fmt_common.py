"""Small helpers shared by the format importers (IATI, HXL, GraphML/GEXF, GLEIF, organisation lists)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

import pycountry

from netmap.errors import InputError
from netmap.model import SourceInfo

from .xmlsafe import sha256_of

#: Values that mean "no identifier" in published data.
NULL_VALUES = frozenset({"", "n/a", "na", "none", "null", "nil", "-", "--", "0", "unknown", "not applicable", "tbd"})


def is_null(value: str | None) -> bool:
    return value is None or value.strip().lower() in NULL_VALUES


def source_infos(paths: Iterable[Path], fmt: str) -> list[SourceInfo]:
    """One :class:`SourceInfo` per file: its name, the format and the sha256 of its bytes."""
    infos = []
    for path in paths:
        if not path.is_file():
            raise InputError(str(path), "no such file", "check the path")
        infos.append(SourceInfo(file=path.name, format=fmt, sha256=sha256_of(path)))
    return infos


def check_files(paths: Iterable[Path]) -> list[Path]:
    out = [Path(p) for p in paths]
    for path in out:
        if not path.is_file():
            raise InputError(str(path), "no such file", "check the path")
    return out


_ALPHA3_OVERRIDES = {"XK": "XKX", "KOSOVO": "XKX"}


@lru_cache(maxsize=4096)
def country_alpha3(raw: str | None) -> str | None:
    """ISO 3166 alpha-3 for an alpha-2/alpha-3 code or an English country name, else ``None``.

    >>> country_alpha3("SO"), country_alpha3("Chad"), country_alpha3("Atlantis")
    ('SOM', 'TCD', None)
    """
    if not raw or not raw.strip():
        return None
    value = raw.strip()
    if value.upper() in _ALPHA3_OVERRIDES:
        return _ALPHA3_OVERRIDES[value.upper()]
    found = None
    if len(value) == 2:
        found = pycountry.countries.get(alpha_2=value.upper())
    elif len(value) == 3:
        found = pycountry.countries.get(alpha_3=value.upper())
    if found is None:
        try:
            found = pycountry.countries.lookup(value)
        except LookupError:
            cleaned = re.sub(r"\s*\(.*?\)\s*", " ", value).strip()
            try:
                found = pycountry.countries.lookup(cleaned) if cleaned != value else None
            except LookupError:
                found = None
    return found.alpha_3 if found is not None else None


class FileImporter:
    """What every file importer shares: its checked paths, options, warnings and one Source per file.

    Subclasses set ``format`` and implement ``read()``; ``super().__init__(paths, **options)`` first.
    """

    format = ""

    def __init__(self, paths: Iterable[Path], **options: Any) -> None:
        self.paths = check_files(paths)
        self.options = options
        self.warnings: list[str] = []

    def sources(self) -> list[SourceInfo]:
        return source_infos(self.paths, self.format)
