"""Reference lists of organisations: names, acronyms, types and name variants (like HDX's lists).

Their job is resolution: every variant and acronym becomes an alias of one actor named by its canonical
name, so a later import that spells the organisation another way ("ONG MUSO", "unicef") lands on it.

Columns are found by header (case-insensitive; HXL tags work too):

* name: ``Canonical Name``, ``name``, ``organisation``/``organization``, ``#org+name``
* acronym: ``Acronym``, ``#org+acronym``
* variant: ``Lookup``, ``variant``, ``alias``, ``alternative name``
* type: ``org_type_description``, ``type``; type code: ``org_type_code``, ``Type Code``, ``#org+type+code``
* country: ``Country Code``, ``country``

Rows with the same canonical name (up to case, accents and punctuation) fold into one actor; the
countries a variant is listed for go to ``properties["countries"]`` (a name list's country says where
the spelling is used, not where the organisation is based). Each actor carries
``properties["reference_list"] = True`` so the map can tell list entries from organisations seen in data.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from netmap.errors import InputError
from netmap.model import Actor, Initiative, Relationship, slugify

from .fmt_common import FileImporter, country_alpha3, is_null
from .fmt_text import csv_rows, fallback_note
from .hxl import hxl_kind, normalise_tag, tag_text

COLUMNS: dict[str, tuple[str, ...]] = {
    "name": (
        "canonical name",
        "name",
        "organisation",
        "organization",
        "organisation name",
        "organization name",
        "org name",
        "#org+name",
        "#org",
    ),
    "acronym": ("acronym", "#org+acronym", "short name", "abbreviation"),
    "variant": ("lookup", "variant", "alias", "alternative name", "name variant", "other name"),
    "type": ("org_type_description", "type", "organisation type", "organization type", "#org+type", "org type"),
    "type_code": ("org_type_code", "type code", "#org+code+type"),
    "country": ("country code", "country", "#country+code", "#country"),
}


def find_columns(header: list[str]) -> dict[str, int]:
    folded = []
    for cell in header:
        tag = normalise_tag(cell)
        folded.append(tag_text(tag) if tag else " ".join(cell.strip().casefold().split()))
    found: dict[str, int] = {}
    for role, names in COLUMNS.items():
        for name in names:
            if name in folded:
                found[role] = folded.index(name)
                break
    return found


@dataclass
class _Entry:
    name: str
    origin: str
    aliases: dict[str, str] = field(default_factory=dict)  # casefolded → first spelling
    kind_raw: str | None = None
    countries: list[str] = field(default_factory=list)


class OrgsImporter(FileImporter):
    """Reads organisation reference lists (CSV) into actors with aliases."""

    format = "orgs"

    def read(self) -> Iterator[Actor | Initiative | Relationship]:
        self.warnings = []
        entries: dict[str, _Entry] = {}
        for path in self.paths:
            self._read_file(path, entries)
        for actor_id, entry in entries.items():
            kind = hxl_kind(entry.kind_raw) if entry.kind_raw else None
            aliases = tuple(a for key, a in entry.aliases.items() if key != entry.name.casefold())
            props: dict[str, Any] = {"reference_list": True}
            if entry.countries:
                props["countries"] = entry.countries
            yield Actor(
                id=actor_id,
                name=entry.name,
                kind=kind or "Other",
                kind_raw=entry.kind_raw,
                aliases=aliases,
                properties=props,
                origin=entry.origin,
            )

    def _read_file(self, path: Path, entries: dict[str, _Entry]) -> None:
        name = path.name
        lines, rows = csv_rows(path)
        header = next(rows, None)
        if header is None:
            raise InputError(name, "is empty — expected a CSV list of organisations with a header row")
        cols = find_columns(header)
        if "name" not in cols:
            raise InputError(
                f"{name} line 1",
                "has no organisation name column — expected one of " + ", ".join(repr(c) for c in COLUMNS["name"][:6]),
                "rename the column, e.g. to 'name'",
            )

        def get(row: list[str], role: str) -> str:
            index = cols.get(role)
            value = row[index].strip() if index is not None and index < len(row) else ""
            return "" if is_null(value) else " ".join(value.split())

        for row in rows:
            origin = f"{name} line {lines.line}"
            canonical = get(row, "name")
            if not canonical:
                continue
            country_raw = get(row, "country")
            country = country_alpha3(country_raw) if country_raw else None
            actor_id = slugify(canonical)
            entry = entries.get(actor_id)
            if entry is None:
                entry = entries[actor_id] = _Entry(name=canonical, origin=origin)
            if country and country not in entry.countries:
                entry.countries.append(country)
            for alias in (get(row, "acronym"), get(row, "variant")):
                if alias:
                    entry.aliases.setdefault(alias.casefold(), alias)
            kind_raw = get(row, "type") or get(row, "type_code")
            if kind_raw and not entry.kind_raw:
                entry.kind_raw = kind_raw
        note = fallback_note(name, lines)
        if note:
            self.warnings.append(note)


Importer = OrgsImporter
