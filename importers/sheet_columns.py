"""The sheet importer's vocabulary and cell parsing: column synonyms, required columns, and the cell readers
(lists, scales, countries, extra columns) that turn a row's text into record fields."""

from __future__ import annotations

import functools
import re
from typing import Any

from netmap.errors import InputError
from netmap.model import ACTOR_KINDS, map_kind, slugify
from netmap.model.countries import UnknownCountry, to_iso3
from netmap.model.fields import RATINGS

from .tabular import Row

ACTOR_COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("id", "key", "slug", "actor id"),
    "name": (
        "name",
        "label",
        "organisation",
        "organization",
        "actor",
        "organisation name",
        "organization name",
        "title",
    ),
    "kind": ("kind", "type", "category", "actor type", "organisation type", "organization type"),
    "country": ("country", "country code", "iso3", "location"),
    "sectors": ("sectors", "sector", "industry", "industries"),
    "tags": ("tags", "tag", "keywords"),
    "sphere": ("sphere",),
    "influence": ("influence", "power", "influence score"),
    "engagement": ("engagement", "engagement status", "status"),
    "description": ("description", "notes", "about"),
    "url": ("url", "website", "web", "homepage"),
    "iati": ("iati", "iati id", "iati ref", "iati identifier", "iati org id"),
    "lei": ("lei",),
    "wikidata": ("wikidata", "wikidata id", "qid"),
    "hdx": ("hdx", "hdx id"),
    "aliases": ("aliases", "alias", "acronym", "also known as"),
    "illustrative": ("illustrative",),
    "source_url": ("source url", "source", "reference"),
}
REL_COLUMNS: dict[str, tuple[str, ...]] = {
    "from": ("from", "source", "from id", "subject"),
    "to": ("to", "target", "to id", "object"),
    "type": ("type", "relationship", "relation", "relationship type", "kind"),
    "strength": ("strength", "weight"),
    "since": ("since", "start", "start date", "from date"),
    "until": ("until", "end", "end date", "to date"),
    "amount": ("amount", "value"),
    "currency": ("currency",),
    "note": ("note", "notes", "description", "comment"),
    "direction": ("direction",),
    "illustrative": ("illustrative",),
    "source_url": ("source url", "reference"),
}
ACTOR_REQUIRED = ("name", "kind")
REL_REQUIRED = ("from", "to", "type")
INITIATIVE_KINDS = {
    "programme": "Programme",
    "program": "Programme",
    "project": "Programme",
    "forum": "Forum",
    "network": "Forum",
    "task force": "Forum",
    "platform": "Forum",
}
#: Element types that name people: their rows are skipped (people's data stays out) and counted.
PERSON_KINDS = frozenset({"person", "people", "individual", "contact", "staff"})
PERSON_SKIP = "a person (people's data is not imported)"
_RESERVED = {"sources", "firstseen", "lastseen", "id", "entryscore", "betweenness", "constraint", "community"}
_TRUE = {"true", "yes", "y", "1", "x"}
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@functools.lru_cache(maxsize=64)
def _columns_of(headers: tuple[str, ...], synonyms_key: str) -> dict[str, str]:
    synonyms = ACTOR_COLUMNS if synonyms_key == "actor" else REL_COLUMNS
    return _match_columns(list(headers), synonyms)


def _columns(headers: list[str], synonyms: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """Field → header actually present (first synonym that matches); cached per header row."""
    return _columns_of(tuple(headers), "actor" if synonyms is ACTOR_COLUMNS else "rel")


def _match_columns(headers: list[str], synonyms: dict[str, tuple[str, ...]]) -> dict[str, str]:
    present = set(headers)
    found: dict[str, str] = {}
    for fieldname, names in synonyms.items():
        for name in names:
            if name in present and name not in found.values():
                found[fieldname] = name
                break
    return found


def _is_relationship_table(headers: list[str]) -> bool:
    cols = _columns(headers, REL_COLUMNS)
    return "from" in cols and "to" in cols


_NODE_ROLES = ("actors", "elements")
_TIE_ROLES = ("relationships", "connections")


class _HeaderError(InputError):
    """A table's header is unusable: its rows are not read."""


class _PersonSkipped(Exception):
    """An element that is a person: skipped, and its connections with it."""

    def __init__(self, name: str, ident: str) -> None:
        super().__init__(name)
        self.keys = tuple(k for k in (name, ident, slugify(name)) if k)


def parse_kind_map(items: list[str] | tuple[str, ...]) -> dict[str, str]:
    """``["Organization=NGO"]`` → ``{"organization": "NGO"}``; the kind may also be Programme or Forum."""
    allowed = {k.casefold(): k for k in (*ACTOR_KINDS, "Programme", "Forum")}
    out: dict[str, str] = {}
    for item in items:
        raw, sep, kind = item.rpartition("=")
        if not sep or not raw.strip():
            raise InputError("--kind-map", f"{item!r} has no '='", "expected 'Raw type=Kind', e.g. 'Organization=NGO'")
        found = allowed.get(kind.strip().casefold()) or map_kind(kind.strip())
        if found is None:
            raise InputError(
                "--kind-map", f"{kind.strip()!r} is not a kind", f"expected one of {', '.join(allowed.values())}"
            )
        out[raw.strip().casefold()] = found
    return out


def _line(origin: str) -> int:
    """The row or line number at the end of an origin ("book.xlsx sheet Actors row 7" → 7)."""
    tail = origin.rsplit(" ", 1)[-1]
    return int(tail) if tail.isdigit() else 0


def _getter(row: Row, cols: dict[str, str]) -> Any:
    """``get(field)``: the row's stripped text for a field, "" when its column is absent or empty."""
    cells = row.cells
    values = {fieldname: (cells.get(header) or "").strip() for fieldname, header in cols.items()}

    def get(fieldname: str) -> str:
        return values.get(fieldname, "")

    return get


def _split(value: str) -> tuple[str, ...]:
    if not value:
        return ()
    parts = re.split(r"\s*[|;]\s*", value)
    return tuple(dict.fromkeys(p.strip() for p in parts if p.strip()))


def _extra(row: Row, headers: list[str], cols: dict[str, str]) -> dict[str, str]:
    """The row's cells of columns netmap has no field for, keyed as properties."""
    columns = _extra_columns(tuple(headers), frozenset(cols.values()))
    return {key: row.cells[header] for header, key in columns if row.cells.get(header)}


@functools.lru_cache(maxsize=64)
def _extra_columns(headers: tuple[str, ...], used: frozenset[str]) -> tuple[tuple[str, str], ...]:
    columns = []
    for header in headers:
        if header and header not in used:
            key = _camel(header)
            if key.lower() in _RESERVED:
                key = "x" + key[0].upper() + key[1:]
            columns.append((header, key))
    return tuple(columns)


def _camel(header: str) -> str:
    words = re.findall(r"[A-Za-z0-9]+", header)
    if not words:
        return "column"
    key = words[0].lower() + "".join(w.capitalize() for w in words[1:])
    return key if not key[0].isdigit() else "c" + key


def _scale(value: str, column: str, origin: str) -> int | None:
    if not value:
        return None
    rule = RATINGS[column]
    if value.isdecimal() and rule.low <= int(value) <= rule.high:
        return int(value)  # what rule.parse gives a plain number in range, without its checks' text handling
    try:
        return rule.parse(value)
    except ValueError:
        raise InputError(origin, f"column '{column}' has '{value}'", f"expected {rule.expected}") from None


def _country(value: str, origin: str) -> tuple[str | None, str | None]:
    if not value:
        return None, None
    try:
        code = to_iso3(value)
    except UnknownCountry:
        raise InputError(
            origin,
            f"column 'country' has '{value}'",
            "expected a country name or an ISO 3166 code (e.g. Germany, DE or DEU)",
        ) from None
    return code, (value if value != code else None)
