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
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from netmap.errors import InputError
from netmap.model import Actor, Initiative, Relationship, slugify

from .acronyms import english_acronym
from .fmt_common import FileImporter, RowTally, country_alpha3, is_null
from .hxl_columns import CONSORTIUM_SPLIT, MAX_PLACES, Columns, Org, Tie, plan_columns
from .hxl_resolve import remap_ties, resolve_references
from .hxl_tags import hxl_kind, normalise_tag, parse_mapping
from .tabular import Limits, csv_records, fallback_note, is_workbook, too_many_rows, workbook_tables

HEADER_SCAN_ROWS = 25
NO_HASHTAG_ROW = "no HXL hashtag row (a row of #tags)"


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
        orgs: dict[str, Org] = {}
        ties: dict[tuple[str, str, str], Tie] = {}
        for path in self.paths:
            self._read_file(path, orgs, ties)
        final, members, partners = resolve_references(orgs, self._ids, self._pending, self.tally, self.warnings)
        for actor_id, org in final.items():
            yield self._actor(actor_id, org)
        for (source, target, chain), tie in remap_ties(ties, members).items():
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

    # -- one file ------------------------------------------------------------------------------------

    def _header(self, name: str, rows: Iterator[list[str]], lines: Any) -> tuple[Columns, list[str]]:
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

    def _read_file(self, path: Path, orgs: dict[str, Org], ties: dict[tuple[str, str, str], Tie]) -> None:
        if not is_workbook(path):
            lines, rows = csv_records(path, self.limits)
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
        orgs: dict[str, Org],
        ties: dict[tuple[str, str, str], Tie],
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
        cols: Columns,
        orgs: dict[str, Org],
        ties: dict[tuple[str, str, str], Tie],
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
                org = orgs[ref] = Org(name=org_name, origin=origin)
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
                tie = ties[(source, target, kind)] = Tie(origin=origin)
            tie.add(sector, country)
        return 1

    def _actor(self, actor_id: str, org: Org) -> Actor:
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


Importer = HxlImporter
