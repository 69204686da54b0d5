"""Reference lists of organisations: names, acronyms, types and name variants (like HDX's lists), and
published tables such as a donor/agency list or a list of international organisations.

Their job is resolution: every variant and acronym becomes an alias of one actor named by its canonical
name, so a later import that spells the organisation another way ("ONG MUSO", "unicef") lands on it.

The header row may follow a few preamble lines (a title, the source, a date): it is the first row of the
first 20 with a name column. Columns are found by header (case-insensitive; HXL tags work too), or named
with ``--map "Header=field"``:

* name: ``Canonical Name``, ``name``, ``organisation``/``organization``, ``agency``, ``#org+name``
* acronym: ``Acronym``, ``#org+acronym``; variant: ``Lookup``, ``variant``, ``alias``, ``alternative name``
* type: ``org_type_description``, ``type``; type code: ``org_type_code``, ``Type Code``, ``#org+type+code``
* country: ``Country Code``, ``country``; code: ``Agency code``, ``code`` (the list's own code)
* parent: ``Donor``, ``Donor name``, ``Parent``, ``Parent organisation`` — the body the row's organisation
  belongs to (a donor government and its agency): a ``PART_OF`` tie from the organisation to it. A parent
  that is a country is that country's government (see :mod:`.governments`).

A header with a language (``Agency name (FR)``, ``name_fr``, ``French name``) keeps that language: the
actor is named in English when the list has it, and every name is kept as ``name_en``/``name_fr``/
``name_es`` and as an alias (so search and resolution find it by any of them). A name ending in an
acronym in brackets or parentheses ("International Organization for Migration (IOM)") is split: the
acronym becomes an alias.

Rows with the same canonical name (up to case, accents and punctuation) fold into one actor; the
countries a variant is listed for go to ``properties["countries"]`` (a name list's country says where
the spelling is used, not where the organisation is based). Each actor carries
``properties["reference_list"] = True`` so the map can tell list entries from organisations seen in data.
Every row is accounted for (``tally``): used, merged into an earlier row's organisation, or skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from netmap.model import Actor, Initiative, Relationship, slugify
from netmap.model.names import name_properties

from .fmt_common import FileImporter, RowTally, country_alpha3
from .governments import government_actor
from .hxl_tags import hxl_kind
from .list_columns import Layout, find_layout, parse_field_map
from .tabular import Limits, csv_records, fallback_note, too_many_rows

COLUMNS: dict[str, tuple[str, ...]] = {
    "name": (
        "canonical name",
        "name",
        "organisation",
        "organization",
        "organisation name",
        "organization name",
        "org name",
        "agency",
        "agency name",
        "nom",
        "nombre",
        "#org+name",
        "#org",
    ),
    "acronym": ("acronym", "#org+acronym", "short name", "abbreviation", "agency acronym", "sigle", "siglas"),
    "variant": ("lookup", "variant", "alias", "alternative name", "name variant", "other name"),
    "type": ("org_type_description", "type", "organisation type", "organization type", "#org+type", "org type"),
    "type_code": ("org_type_code", "type code", "#org+code+type"),
    "country": ("country code", "country", "#country+code", "#country"),
    "code": ("agency code", "code", "organisation code", "organization code"),
    "parent": (
        "donor",
        "donor name",
        "parent",
        "parent organisation",
        "parent organization",
        "parent name",
        "donor government",
        "part of",
    ),
}
#: What ``--map`` may name (with a language: ``name_fr``, ``parent (fr)``).
FIELDS = tuple(COLUMNS)
#: An acronym in brackets after a name: "(IOM)", "[UN-Habitat]" (two capitals at least, no long words).
_BRACKETED = re.compile(r"^(?P<name>.+?)\s*[\(\[](?P<acronym>[^()\[\]]{2,20})[\)\]]\s*$")
_ACRONYM = re.compile(r"(?=(?:[^A-Z]*[A-Z]){2})[A-Z][\w&.\-/']*(?: [A-Z][\w&.\-/']*)?")


def split_acronym(text: str) -> tuple[str, str | None]:
    """``"International Organization for Migration (IOM)"`` → the name and ``"IOM"``.

    >>> split_acronym("Office of the High Commissioner for Refugees [UNHCR]")
    ('Office of the High Commissioner for Refugees', 'UNHCR')
    >>> split_acronym("Embassy (Geneva)")
    ('Embassy (Geneva)', None)
    """
    found = _BRACKETED.match(text)
    if found and _ACRONYM.fullmatch(found.group("acronym").strip()):
        return found.group("name").strip(), found.group("acronym").strip()
    return text, None


@dataclass
class _Entry:
    name: str
    origin: str
    names: dict[str, str] = field(default_factory=dict)  # language → name
    aliases: dict[str, str] = field(default_factory=dict)  # casefolded → first spelling
    kind_raw: str | None = None
    countries: list[str] = field(default_factory=list)
    code: str | None = None
    government_of: str | None = None

    def alias(self, *values: str | None) -> None:
        for value in values:
            if value:
                self.aliases.setdefault(value.casefold(), value)


class OrgsImporter(FileImporter):
    """Reads organisation reference lists (CSV) into actors with aliases, and parents as ``PART_OF``."""

    format = "orgs"

    def __init__(
        self,
        paths: Iterable[Path],
        *,
        mapping: Iterable[str] | None = None,
        limits: Limits | None = None,
        **options: Any,
    ) -> None:
        super().__init__(paths, limits=limits, **options)
        self.mapping = parse_field_map(mapping, FIELDS)

    def read(self) -> Iterator[Actor | Initiative | Relationship]:
        self.warnings = self.new_warnings()
        self.tally = RowTally()
        entries: dict[str, _Entry] = {}
        parents: dict[tuple[str, str], str] = {}
        for path in self.paths:
            self._read_file(path, entries, parents)
        for actor_id, entry in entries.items():
            yield self._actor(actor_id, entry)
        for (child, parent), origin in parents.items():
            yield Relationship(
                source=child, target=parent, type="PART_OF", type_raw="reference list parent", origin=origin
            )

    def _actor(self, actor_id: str, entry: _Entry) -> Actor:
        if entry.government_of:
            return government_actor(
                entry.government_of, origin=entry.origin, aliases=[entry.name, *entry.names.values()]
            )
        kind = hxl_kind(entry.kind_raw) if entry.kind_raw else None
        entry.alias(*entry.names.values())
        aliases = tuple(a for key, a in entry.aliases.items() if key != entry.name.casefold())
        props: dict[str, Any] = {"reference_list": True}
        props.update(name_properties(entry.names))
        if entry.countries:
            props["countries"] = entry.countries
        if entry.code:
            props["listCode"] = entry.code
        return Actor(
            id=actor_id,
            name=entry.name,
            kind=kind or "Other",
            kind_raw=entry.kind_raw,
            country=entry.countries[0] if entry.government_of is None and len(entry.countries) == 1 else None,
            aliases=aliases,
            properties=props,
            origin=entry.origin,
        )

    def _read_file(self, path: Path, entries: dict[str, _Entry], parents: dict[tuple[str, str], str]) -> None:
        name = path.name
        lines, rows = csv_records(path, self.limits)
        layout, preamble = find_layout(
            rows, lines, name, key="name", rules=COLUMNS, mapping=self.mapping, what="a list of organisations"
        )
        for line in preamble:
            self.tally.skipped("preamble above the header row", line)
        count = 0
        for row in rows:
            if not any(c.strip() for c in row):
                self.tally.skipped("empty row", lines.line)
                continue
            count += 1
            if self.limits is not None and count > self.limits.rows:
                raise too_many_rows(name, self.limits)
            self._row(name, lines.line, row, layout, entries, parents)
        note = fallback_note(name, lines)
        if note:
            self.warnings.append(note)

    def _row(
        self,
        file: str,
        line: int,
        row: list[str],
        layout: Layout,
        entries: dict[str, _Entry],
        parents: dict[tuple[str, str], str],
    ) -> None:
        origin = f"{file} line {line}"

        values, first = layout.values, layout.value
        child, new_child = self._entry(values(row, "name"), origin, entries, first(row, "country"))
        parent, new_parent = self._entry(values(row, "parent"), origin, entries, "", parent=True)
        if child is None and parent is None:
            self.tally.skipped("no organisation named", line)
            return
        if child is not None:
            child.alias(*(v for _, v in values(row, "acronym")), first(row, "variant"))
            kind_raw = first(row, "type") or first(row, "type_code")
            if kind_raw and not child.kind_raw:
                child.kind_raw = kind_raw
            child.code = child.code or first(row, "code") or None
            if parent is not None:
                if parent.government_of and not child.kind_raw:
                    child.kind_raw = "Government"
                if parent.government_of and parent.government_of not in child.countries:
                    child.countries.append(parent.government_of)
                child_id, parent_id = _entry_id(child), _entry_id(parent)
                if child_id != parent_id:
                    parents.setdefault((child_id, parent_id), origin)
        if new_child or new_parent:
            self.tally.used(line)
        else:
            self.tally.merged(line)

    def _entry(
        self,
        names: list[tuple[str | None, str]],
        origin: str,
        entries: dict[str, _Entry],
        country_raw: str,
        *,
        parent: bool = False,
    ) -> tuple[_Entry | None, bool]:
        """The entry the row's names (per language) give, and whether it is new; a parent named by a
        country is that country's government."""
        if not names:
            return None, False
        by_lang: dict[str, str] = {}
        acronyms: list[str] = []
        for lang, text in names:
            plain, acronym = split_acronym(text)
            if acronym:
                acronyms.append(acronym)
            if lang:
                by_lang.setdefault(lang, plain)
        unlabelled = next((split_acronym(t)[0] for lang, t in names if not lang), None)
        primary = by_lang.get("en") or unlabelled or next(iter(by_lang.values()))
        government = country_alpha3(primary) if parent and _looks_like_country(primary) else None
        actor_id = f"government-{government.lower()}" if government else slugify(primary)
        entry = entries.get(actor_id)
        new = entry is None
        if entry is None:
            entry = entries[actor_id] = _Entry(name=primary, origin=origin, government_of=government)
        for lang, text in by_lang.items():
            entry.names.setdefault(lang, text)
        entry.alias(*acronyms, *(t for t in (unlabelled,) if t and t != entry.name))
        country = country_alpha3(country_raw) if country_raw else None
        if country and country not in entry.countries:
            entry.countries.append(country)
        return entry, new


def _entry_id(entry: _Entry) -> str:
    return f"government-{entry.government_of.lower()}" if entry.government_of else slugify(entry.name)


def _looks_like_country(name: str) -> bool:
    """Only a country's own name (or code) stands for its government: "France", not "Agence française"."""
    return country_alpha3(name) is not None and len(name.split()) <= 4


Importer = OrgsImporter
