"""HXL-tagged 3W/4W sheets ("who does what where"), CSV or XLSX → organisations and funding chains.

A workbook's sheets are each read when they have a hashtag row (the others are named in a warning).

The hashtag row is the first row whose non-empty cells all start with ``#``; without one, a mapping
(``--map "Column header=#org+impl"``) names the columns. Tags are normalised (case, spaces, attribute
order). Read: ``#org`` with ``+funder``, ``+prog``, ``+impl`` (a bare ``#org`` or ``+name`` is the
implementer), ``+acronym``, ``+type``; ``#sector``; ``#country``; ``#adm1``..``#adm5``. Each row's
funder → programme partner → implementer chain becomes ``FUNDS`` ties (funder → programme partner →
implementer, or funder → implementer when there is no programme partner), counted per pair; every
organisation gets the sectors, countries and admin areas it appears with.

Personal data is never read: ``#contact``, ``#email``, ``#phone`` and any ``+email``/``+phone``/person
name column are skipped (and named in a warning). HXL has no organisation ids, so actors go by name and
resolution matches them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from netmap.errors import InputError
from netmap.model import Actor, Initiative, Relationship, slugify

from .acronyms import english_acronym, equivalent_acronyms
from .fmt_common import FileImporter, RowTally, country_alpha3, is_null
from .fmt_text import csv_rows, fallback_note
from .hxl_tags import hxl_kind, is_personal, normalise_tag, parse_mapping, tag_text
from .tabular import Limits, too_many_rows
from .workbook_rows import is_workbook, workbook_tables

ROLES = ("funder", "prog", "impl")
HEADER_SCAN_ROWS = 25
NO_HASHTAG_ROW = "no HXL hashtag row (a row of #tags)"
MAX_PLACES = 50
#: Separators between the members of a consortium named in one cell ("A + B", "A/B", "A & B", "A, B").
CONSORTIUM_SPLIT = re.compile(r"\s*(?:\+|/|&|,|;)\s*")
#: Separators that only a list of organisations uses (a name may well hold "&" or ",").
CONSORTIUM_MARK = re.compile(r"\+|/")


@dataclass
class _Org:
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

    def absorb(self, other: _Org) -> None:
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
class _Tie:
    origin: str
    rows: int = 0
    sectors: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)

    def absorb(self, other: _Tie) -> None:
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
class _Columns:
    org: dict[str, int] = field(default_factory=dict)  # role → column
    acronym: dict[str, int] = field(default_factory=dict)
    type: dict[str, int] = field(default_factory=dict)
    ident: dict[str, int] = field(default_factory=dict)  # #org_id, #org+id, #org+code
    sector: int | None = None
    country: int | None = None
    country_code: int | None = None
    adm: dict[int, int] = field(default_factory=dict)  # level → column
    personal: list[str] = field(default_factory=list)


def plan_columns(tags: list[tuple[str, frozenset[str]] | None], headers: list[str]) -> _Columns:
    """Which column holds what, from the normalised tags."""
    cols = _Columns()
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


class HxlImporter(FileImporter):
    """Reads HXL-hashtagged CSV files (3W/4W), streamed row by row."""

    format = "hxl"

    def __init__(
        self,
        paths: list[Path],
        *,
        mapping: Mapping[str, str] | list[str] | None = None,
        limits: Limits | None = None,
        **options: Any,
    ) -> None:
        super().__init__(paths, limits=limits, **options)
        self.mapping = parse_mapping(mapping)

    def read(self) -> Iterator[Actor | Initiative | Relationship]:
        self.warnings = self.new_warnings()
        self.tally = RowTally()
        self._pending: dict[tuple[str, int], list[str]] = {}  # rows new only by short forms not yet resolved
        self._ids: dict[str, str] = {}
        orgs: dict[str, _Org] = {}
        ties: dict[tuple[str, str, str], _Tie] = {}
        for path in self.paths:
            self._read_file(path, orgs, ties)
        final, members, partners = self._resolve(orgs)
        for actor_id, org in final.items():
            yield self._actor(actor_id, org)
        for (source, target, chain), tie in _remap_ties(ties, members).items():
            yield Relationship(
                source=source,
                target=target,
                type="FUNDS",
                type_raw=f"hxl {chain}",
                key="hxl-" + chain,
                properties={"rows": tie.rows, "sectors": sorted(tie.sectors), "countries": sorted(tie.countries)},
                origin=tie.origin,
            )
        for (source, target), (raw, rows, origin) in partners.items():
            yield Relationship(
                source=source,
                target=target,
                type="PARTNERS_WITH",
                type_raw="hxl consortium",
                key="hxl-consortium",
                properties={"consortium": sorted(raw), "rows": rows},
                origin=origin,
            )

    # -- short forms and consortia, once every name is known -----------------------------------------

    def _resolve(
        self, orgs: dict[str, _Org]
    ) -> tuple[dict[str, _Org], dict[str, list[str]], dict[tuple[str, str], tuple[set[str], int, str]]]:
        """Acronym-only, identifier-only and consortium references → actor ids.

        A short form names a known organisation when one organisation of the file has it as its name
        or acronym; a consortium cell splits when every part does. Otherwise the short form becomes an
        actor of its own (marked ``nameFromAcronym``/``nameFromIdentifier``) and a consortium cell one
        actor under the whole value, with a warning.
        """
        index: dict[str, str | None] = {}
        for ref, org in orgs.items():
            if ref.startswith("?"):
                continue
            for key in {_fold(org.name), *(_fold(a) for a in org.acronyms), *(_fold(i) for i in org.idents)}:
                index[key] = ref if index.get(key, ref) == ref else None
        final: dict[str, _Org] = {ref: org for ref, org in orgs.items() if not ref.startswith("?")}
        members: dict[str, list[str]] = {ref: [ref] for ref in final}
        folded = _merge_language_variants(final, members, index)
        self.tally.used_rows -= folded  # the rows that gave the folded organisations only added to another
        self.tally.merged_rows += folded
        partners: dict[tuple[str, str], tuple[set[str], int, str]] = {}
        kept_whole: list[str] = []
        absorbed: set[str] = set()
        deferred = sorted((ref for ref in orgs if ref.startswith("?")), key=lambda r: r[1] == "c")
        for ref in deferred:  # short forms first: a consortium may name one that no row spells out
            org = orgs[ref]
            how, text = ref[1], ref[3:]
            hit = index.get(_fold(text)) if how in "ai" else None
            parts = [p for p in CONSORTIUM_SPLIT.split(text) if p.strip()]
            found = [index.get(_fold(p)) for p in parts]
            if not hit and len(parts) > 1 and all(found) and len(set(found)) == 1:
                hit = found[0]  # "OIM / IOM": every part names the same organisation, not a consortium
            if hit:
                ids = [hit]
            elif len(parts) > 1 and all(found):
                ids = list(dict.fromkeys(f for f in found if f))
                for i, first in enumerate(ids):
                    for second in ids[i + 1 :]:
                        pair = (first, second) if first < second else (second, first)
                        raw, rows, origin = partners.get(pair, (set(), 0, org.origin))
                        partners[pair] = (raw | {text}, rows + org.rows, origin)
                org.consortia.add(text)
            else:
                if how == "c" and (CONSORTIUM_MARK.search(text) or any(found)):
                    kept_whole.append(f"{text!r} ({org.origin})")
                actor_id = self._ids.get(text) or slugify(text)
                if actor_id not in final:
                    org.name = text
                    org.marked = {"a": "nameFromAcronym", "i": "nameFromIdentifier"}.get(how)
                    if how == "a":
                        org.acronyms.add(text)
                    elif how == "i":
                        org.idents.add(text)
                    final[actor_id] = org
                    members[ref] = [actor_id]
                    index.setdefault(_fold(text), actor_id)
                    continue
                ids = [actor_id]
            for actor_id in ids:
                final[actor_id].absorb(org)
            members[ref] = ids
            absorbed.add(ref)
        for refs in self._pending.values():  # their row only added to organisations other rows gave
            if all(ref in absorbed for ref in refs):
                self.tally.used_rows -= 1
                self.tally.merged_rows += 1
        if kept_whole:
            shown = "; ".join(kept_whole[:20]) + (f"; and {len(kept_whole) - 20} more" if len(kept_whole) > 20 else "")
            self.warnings.append(
                f"{len(kept_whole)} organisation cell(s) look like consortia but name an organisation this file "
                f"does not otherwise name, so each was kept as one actor under the whole value: {shown}"
            )
        return final, members, partners

    # -- one file ------------------------------------------------------------------------------------

    def _header(self, name: str, rows: Iterator[list[str]], lines: Any) -> tuple[_Columns, list[str]]:
        previous: list[str] = []
        for _ in range(HEADER_SCAN_ROWS):
            row = next(rows, None)
            if row is None:
                break
            cells = [c.strip() for c in row]
            filled = [c for c in cells if c]
            tags = [normalise_tag(c) if c else None for c in cells]
            if filled and all(t is not None for t, c in zip(tags, cells, strict=True) if c):
                headers = previous + [""] * (len(cells) - len(previous))
                for index, header in enumerate(headers):  # --map overrides or fills in tags
                    mapped = self.mapping.get(header.strip().casefold())
                    if mapped:
                        tags[index] = normalise_tag(mapped)
                return plan_columns(tags, headers), headers
            if self.mapping and any(c.casefold() in self.mapping for c in cells):
                mapped_tags = [
                    normalise_tag(self.mapping[c.casefold()]) if c.casefold() in self.mapping else None for c in cells
                ]
                return plan_columns(mapped_tags, cells), cells
            previous = cells
        raise InputError(
            name,
            f"{NO_HASHTAG_ROW} in the first {HEADER_SCAN_ROWS} rows",
            "add one, or map the columns: --map 'Organisation=#org+impl' --map 'Sector=#sector'",
        )

    def _read_file(self, path: Path, orgs: dict[str, _Org], ties: dict[tuple[str, str, str], _Tie]) -> None:
        if not is_workbook(path):
            lines, rows = csv_rows(path, self.limits)
            self._read_table(path.name, lines, rows, orgs, ties)
            return
        read: list[str] = []
        untagged: list[str] = []
        for label, sheet_lines, sheet_rows in workbook_tables(path, self.limits):
            try:
                self._read_table(label, sheet_lines, sheet_rows, orgs, ties)
            except InputError as exc:
                if NO_HASHTAG_ROW not in exc.problem:
                    raise
                untagged.append(label.rsplit(" sheet ", 1)[1])
                continue
            read.append(label)
        if not read:
            raise InputError(
                path.name,
                f"{NO_HASHTAG_ROW} of any sheet ({', '.join(untagged)}) in the first {HEADER_SCAN_ROWS} rows",
                "add one, or map the columns: --map 'Organisation=#org+impl' --map 'Sector=#sector'",
            )
        if untagged:
            self.warnings.append(f"{path.name}: sheet(s) without an HXL hashtag row not read: {', '.join(untagged)}")

    def _read_table(
        self,
        name: str,
        lines: Any,
        rows: Iterator[list[str]],
        orgs: dict[str, _Org],
        ties: dict[tuple[str, str, str], _Tie],
    ) -> None:
        """One CSV file or one sheet of a workbook (``name`` is "3w.xlsx sheet Data")."""
        unit = getattr(lines, "unit", "line")
        try:
            cols, headers = self._header(name, rows, lines)
            if not (cols.org or cols.acronym or cols.ident):
                found = ", ".join(sorted({h for h in headers if h})) or "none"
                raise InputError(
                    f"{name} {unit} {lines.line}",
                    "no organisation column (#org, #org+impl, #org+prog or #org+funder) — the columns are: " + found,
                    "tag the organisation column, or map it: --map 'Organisation name=#org+impl'",
                )
            if cols.personal:
                self.warnings.append(f"{name}: personal-data column(s) not imported: {', '.join(cols.personal)}")
            named = 0
            data_rows = 0
            filled: set[int] = set()
            for row in rows:
                if not any(c.strip() for c in row):
                    self.tally.skipped("empty row", lines.line)
                    continue
                data_rows += 1
                if self.limits is not None and data_rows > self.limits.rows:
                    raise too_many_rows(name, self.limits)
                if named == 0:
                    filled.update(i for i, c in enumerate(row) if c.strip())
                named += self._row(f"{name} {unit}", lines.line, row, cols, orgs, ties)
            if data_rows and not named:
                org_cols = sorted({*cols.org.values(), *cols.acronym.values(), *cols.ident.values()})
                described = ", ".join(
                    f"{headers[i]!r}" if i < len(headers) and headers[i] else f"column {i + 1}" for i in org_cols
                )
                planned = {cols.sector, cols.country, cols.country_code, *cols.adm.values(), *org_cols}
                others = [headers[i] for i in sorted(filled - planned) if i < len(headers) and headers[i]]
                example = others[0] if others else "Organisation name"
                raise InputError(
                    name,
                    f"the organisation column ({described}) is empty on all {data_rows} rows: nothing to import",
                    f"map the column that holds the organisation names, e.g. --map '{example}=#org+impl'",
                )
        except UnicodeError as exc:  # pragma: no cover - decoding falls back per line
            raise InputError(name, f"cannot be decoded: {exc}") from exc
        except __import__("csv").Error as exc:
            raise InputError(f"{name} {unit} {lines.line}", f"is not valid CSV: {exc}") from exc
        note = fallback_note(name, lines)
        if note:
            self.warnings.append(note)

    def _row(
        self,
        file: str,
        line: int,
        row: list[str],
        cols: _Columns,
        orgs: dict[str, _Org],
        ties: dict[tuple[str, str, str], _Tie],
    ) -> int:
        """Read one data row; 1 when it names an organisation, else 0."""

        def cell(index: int | None) -> str:
            return row[index].strip() if index is not None and index < len(row) else ""

        origin = f"{file} {line}"
        sector = cell(cols.sector)
        country_text = cell(cols.country_code) or cell(cols.country)
        country = country_alpha3(country_text) if country_text else None
        places = [cell(cols.adm[level]) for level in sorted(cols.adm) if cell(cols.adm[level])]
        chain: dict[str, str] = {}
        new: list[str] = []
        for role in dict.fromkeys([*cols.org, *cols.acronym, *cols.ident]):
            org_name = " ".join(cell(cols.org.get(role)).split())
            acronym = " ".join(cell(cols.acronym.get(role)).split())
            ident = " ".join(cell(cols.ident.get(role)).split())
            acronym = "" if is_null(acronym) else acronym
            ident = "" if is_null(ident) else ident
            if not is_null(org_name):
                parts = CONSORTIUM_SPLIT.split(org_name) if CONSORTIUM_SPLIT.search(org_name) else []
                english = english_acronym(parts) if len(parts) > 1 else None
                if english:  # "OIM / IOM": one organisation named in two languages
                    acronym = acronym or next(p for p in parts if p.upper() != english)
                    org_name = english
                    parts = []
                if parts:
                    ref = "?c:" + org_name
                else:
                    ref = self._ids.get(org_name) or self._ids.setdefault(org_name, slugify(org_name))
            elif acronym:
                ref = "?a:" + acronym
            elif ident:
                ref = "?i:" + ident
            else:
                continue
            org = orgs.get(ref)
            if org is None:
                org = orgs[ref] = _Org(name=org_name, origin=origin)
                new.append(ref)
            org.rows += 1
            org.roles.add(role)
            if acronym and org_name and acronym != org.name:
                org.acronyms.add(acronym)
            if ident and (org_name or acronym) and ident != org.name:
                org.idents.add(ident)
            kind_raw = cell(cols.type.get(role))
            if kind_raw:
                org.types[kind_raw] += 1
            if sector:
                org.sectors.setdefault(sector)
            if country:
                org.countries[country] += 1
            elif country_text:
                org.countries["raw:" + country_text] += 1
            if places and len(org.places) < MAX_PLACES:
                org.places.setdefault(" / ".join(places))
            chain[role] = ref
        if not chain:
            self.tally.skipped("no organisation named", line)
            return 0
        if new:
            self.tally.used(line)
            if all(ref.startswith("?") for ref in new):
                self._pending[(file, line)] = new
        else:
            self.tally.merged(line)
        links = []
        if "funder" in chain:
            links.append(
                (
                    chain["funder"],
                    chain.get("prog") or chain.get("impl"),
                    "funder" + ("-prog" if "prog" in chain else "-impl"),
                )
            )
        if "prog" in chain and "impl" in chain:
            links.append((chain["prog"], chain["impl"], "prog-impl"))
        for source, target, kind in links:
            if target is None or source == target:
                continue
            tie = ties.get((source, target, kind))
            if tie is None:
                tie = ties[(source, target, kind)] = _Tie(origin=origin)
            tie.add(sector, country)
        return 1

    def _actor(self, actor_id: str, org: _Org) -> Actor:
        kind_raw = org.types.most_common(1)[0][0] if org.types else None
        kind = (hxl_kind(kind_raw) if kind_raw else None) or "Other"
        countries = [c for c, _ in org.countries.most_common() if not c.startswith("raw:")]
        props: dict[str, Any] = {"hxl_roles": sorted(org.roles), "hxl_rows": org.rows}
        if countries:
            props["countries"] = countries[:MAX_PLACES]
        raw = [c[4:] for c in org.countries if c.startswith("raw:")]
        if raw:
            props["countries_raw"] = raw[:MAX_PLACES]
        if org.places:
            props["places"] = list(org.places)
        if org.acronyms:
            props["acronym"] = sorted(org.acronyms)[0]
        if org.idents:
            props["hxl_org_ids"] = sorted(org.idents)[:MAX_PLACES]
        if org.marked:
            props[org.marked] = True
        if org.consortia:
            props["hxl_consortia"] = sorted(org.consortia)[:MAX_PLACES]
        return Actor(
            id=actor_id,
            name=org.name,
            kind=kind,
            kind_raw=kind_raw,
            country=countries[0] if len(countries) == 1 else None,
            sectors=tuple(list(org.sectors)[:MAX_PLACES]),
            aliases=tuple(sorted(org.acronyms | {i for i in org.idents if re.search(r"[^\W\d_]", i)})),
            properties=props,
            origin=org.origin,
        )


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _merge_language_variants(
    final: dict[str, _Org], members: dict[str, list[str]], index: dict[str, str | None]
) -> int:
    """Organisations a file names by the same body's acronyms in two languages ("IOM" on some rows,
    "OIM" on others) become one, under the name more rows use; the other acronym is kept as an alias.
    Returns how many organisations were folded into another."""
    folded = 0
    groups: dict[frozenset[str], list[str]] = {}
    for ref, org in final.items():
        for short in (org.name, *sorted(org.acronyms)):
            group = equivalent_acronyms(short)
            if group and ref not in groups.setdefault(group, []):
                groups[group].append(ref)
    for group, refs in groups.items():
        refs = [ref for ref in refs if ref in final]
        if not refs:
            continue
        keep = max(refs, key=lambda r: final[r].rows)
        for ref in refs:
            if ref == keep:
                continue
            other = final.pop(ref)
            final[keep].absorb(other)
            if equivalent_acronyms(other.name):
                final[keep].acronyms.add(other.name)
            members[ref] = [keep]
            folded += 1
            for key, value in index.items():
                if value == ref:
                    index[key] = keep
        for acronym in group:
            index.setdefault(_fold(acronym), keep)
    return folded


def _remap_ties(
    ties: dict[tuple[str, str, str], _Tie], members: dict[str, list[str]]
) -> dict[tuple[str, str, str], _Tie]:
    """Ties between references → ties between actors (a consortium's tie goes to each member)."""
    out: dict[tuple[str, str, str], _Tie] = {}
    for (source, target, chain), tie in ties.items():
        for first in members.get(source, [source]):
            for second in members.get(target, [target]):
                if first == second:
                    continue
                found = out.get((first, second, chain))
                if found is None:
                    out[(first, second, chain)] = found = _Tie(origin=tie.origin)
                found.absorb(tie)
    return out


Importer = HxlImporter
