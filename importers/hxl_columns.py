"""What an HXL sheet holds: which column has which tag, and what the rows say of each organisation and tie.

:func:`plan_columns` reads the normalised hashtag row; ``Org`` and ``Tie`` gather, across rows, what
the importer (:mod:`.hxl`) makes into actors and ``FUNDS`` ties.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .hxl_tags import is_personal, tag_text

ROLES = ("funder", "prog", "impl")
MAX_PLACES = 50
#: Separators between the members of a consortium named in one cell ("A + B", "A/B", "A & B", "A, B").
CONSORTIUM_SPLIT = re.compile(r"\s*(?:\+|/|&|,|;)\s*")
#: Separators that only a list of organisations uses (a name may well hold "&" or ",").
CONSORTIUM_MARK = re.compile(r"\+|/")


@dataclass
class Org:
    name: str
    origin: str
    acronyms: set[str] = field(default_factory=set)
    types: Counter[str] = field(default_factory=Counter)
    sectors: dict[str, None] = field(default_factory=dict)
    countries: Counter[str] = field(default_factory=Counter)
    places: dict[str, None] = field(default_factory=dict)
    roles: set[str] = field(default_factory=set)
    rows: int = 0
    idents: set[str] = field(default_factory=set)
    marked: str | None = None  # "nameFromAcronym" / "nameFromIdentifier": the name is a short form
    consortia: set[str] = field(default_factory=set)

    def absorb(self, other: Org) -> None:
        """Add what ``other`` (another reference to the same organisation) knows."""
        self.rows += other.rows
        self.roles |= other.roles
        self.acronyms |= other.acronyms
        self.idents |= other.idents
        self.consortia |= other.consortia
        self.types.update(other.types)
        self.countries.update(other.countries)
        for sector in other.sectors:
            self.sectors.setdefault(sector)
        for place in other.places:
            if len(self.places) < MAX_PLACES:
                self.places.setdefault(place)


@dataclass(slots=True)
class Tie:
    origin: str
    rows: int = 0
    sectors: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)

    def absorb(self, other: Tie) -> None:
        self.rows += other.rows
        for sector in other.sectors:
            if sector not in self.sectors and len(self.sectors) < MAX_PLACES:
                self.sectors.append(sector)
        for country in other.countries:
            if country not in self.countries and len(self.countries) < MAX_PLACES:
                self.countries.append(country)

    def add(self, sector: str, country: str | None) -> None:
        self.rows += 1
        if sector and sector not in self.sectors and len(self.sectors) < MAX_PLACES:
            self.sectors.append(sector)
        if country and country not in self.countries and len(self.countries) < MAX_PLACES:
            self.countries.append(country)


@dataclass
class Columns:
    org: dict[str, int] = field(default_factory=dict)  # role → column
    acronym: dict[str, int] = field(default_factory=dict)
    type: dict[str, int] = field(default_factory=dict)
    ident: dict[str, int] = field(default_factory=dict)  # #org_id, #org+id, #org+code
    sector: int | None = None
    country: int | None = None
    country_code: int | None = None
    adm: dict[int, int] = field(default_factory=dict)  # level → column
    personal: list[str] = field(default_factory=list)


def plan_columns(tags: list[tuple[str, frozenset[str]] | None], headers: list[str]) -> Columns:
    """Which column holds what, from the normalised tags."""
    cols = Columns()
    for index, tag in enumerate(tags):
        if tag is None:
            continue
        name, attrs = tag
        if is_personal(tag):
            cols.personal.append(headers[index] if index < len(headers) and headers[index] else tag_text(tag))
            continue
        if name == "#org_id" or (name == "#org" and attrs & {"id", "code"} and not attrs & {"type", "name"}):
            cols.ident.setdefault(next((r for r in ROLES if r in attrs), "impl"), index)
        elif name == "#org":
            role = next((r for r in ROLES if r in attrs), "impl")
            if attrs & {"code", "id", "url", "v_hrinfo", "v_reliefweb", "preferred"} - {"name"} and "name" not in attrs:
                continue
            target = cols.acronym if "acronym" in attrs else cols.type if "type" in attrs else cols.org
            target.setdefault(role, index)
        elif name == "#sector" and "code" not in attrs:
            cols.sector = index if cols.sector is None else cols.sector
        elif name == "#country":
            if "code" in attrs:
                cols.country_code = index if cols.country_code is None else cols.country_code
            else:
                cols.country = index if cols.country is None else cols.country
        elif re.fullmatch(r"#adm[1-5]", name) and "code" not in attrs:
            cols.adm.setdefault(int(name[-1]), index)
    return cols
