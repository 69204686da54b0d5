"""The spreadsheet importer: the stakeholder lists partnership teams already keep.

Accepted layouts:

* two CSV files, one of actors and one of relationships (told apart by their columns: a relationships
  table has ``from`` and ``to``), or one CSV of actors;
* an XLSX workbook with sheets ``Actors`` and ``Relationships``;
* Kumu's blueprint layout: sheets ``Elements`` (``Label, Type, Description, Tags``) and ``Connections``
  (``From, To, Type, Direction, Strength``).

Headers are case-insensitive and common synonyms are accepted (``Label`` for name). Columns that netmap
has no field for are kept as properties. Cells are text: a cell starting with ``=``, ``+``, ``-`` or ``@``
is kept as the text it is, never evaluated.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from netmap.digests import file_sha256
from netmap.errors import InputError, ValidationFailed
from netmap.model import (
    Actor,
    Initiative,
    Relationship,
    SourceInfo,
    slugify,
)

from .fmt_common import RowTally
from .sheet_columns import (
    _NODE_ROLES,
    _TIE_ROLES,
    ACTOR_COLUMNS,
    ACTOR_REQUIRED,
    PERSON_SKIP,
    REL_COLUMNS,
    REL_REQUIRED,
    _columns,
    _getter,
    _HeaderError,
    _is_relationship_table,
    _line,
    _PersonSkipped,
    parse_kind_map,
)
from .sheet_records import actor_record, relationship_record
from .tabular import (
    Limits,
    Row,
    csv_headers,
    csv_rows,
    detect_encoding,
    open_workbook,
    sheet_headers,
    sheet_rows,
)


class SheetImporter:
    """Actors and relationships from CSV files, an XLSX workbook or a Kumu blueprint."""

    format = "sheet"
    #: Actors tables are read before relationships tables: the ingest can write in a single pass.
    nodes_first = True

    def __init__(
        self,
        paths: list[Path] | list[str],
        *,
        kind_map: list[str] | tuple[str, ...] = (),
        limits: Limits | None = None,
    ) -> None:
        self.paths = [Path(p) for p in paths]
        self.kind_map = parse_kind_map(kind_map)
        self.limits = limits  # the upload's or the command line's caps (limits.py); None: unbounded
        if not self.paths:
            raise InputError("", "no file given", "name the actors and relationships files, or one workbook")
        self.warnings: list[str] = []
        self.notes: list[str] = []
        self.trust_ids = False
        self._tables: list[tuple[str, Path, Any]] = []  # (role, path, sheet name or encoding)
        self._plan()

    # -- layout ----------------------------------------------------------------------------------------
    def _plan(self) -> None:
        for path in self.paths:
            if not path.is_file():
                raise InputError(str(path), "no such file")
            if path.stat().st_size == 0:
                raise InputError(path.name, "the file is empty", "expected a header row and at least one data row")
            suffix = path.suffix.lower()
            if suffix in (".xlsx", ".xlsm"):
                self._plan_workbook(path)
            elif suffix in (".csv", ".tsv", ".txt"):
                encoding = detect_encoding(path)
                if encoding == "cp1252":
                    self.notes.append(f"{path.name}: not valid UTF-8, read as Windows-1252 (cp1252)")
                headers = csv_headers(path, encoding)
                role = "relationships" if _is_relationship_table(headers) else "actors"
                if role == "actors" and "id" in _columns(headers, ACTOR_COLUMNS):
                    self.trust_ids = True  # the sheet's own ids are authoritative: no matching by name
                self._tables.append((role, path, encoding))
            elif suffix == ".xls":
                raise InputError(
                    path.name,
                    "is an old .xls workbook, which netmap does not read",
                    "save it as .xlsx or export the sheets as CSV",
                )
            else:
                raise InputError(
                    path.name, f"has the extension '{suffix or '(none)'}'", "expected .csv files or an .xlsx workbook"
                )
        self._tables.sort(key=lambda t: 0 if t[0] in ("actors", "elements") else 1)

    def _plan_workbook(self, path: Path) -> None:
        book = open_workbook(path, self.limits)
        try:
            names = {name.strip().lower(): name for name in book.sheetnames}
            if "actors" in names:
                self._tables.append(("actors", path, names["actors"]))
                if "relationships" in names:
                    self._tables.append(("relationships", path, names["relationships"]))
            elif "elements" in names:
                self._tables.append(("elements", path, names["elements"]))
                if "connections" in names:
                    self._tables.append(("connections", path, names["connections"]))
                self.notes.append(f"{path.name}: read as a Kumu blueprint (Elements, Connections)")
            else:
                raise InputError(
                    path.name,
                    f"has no sheet named 'Actors' (or Kumu's 'Elements'); its sheets are: {', '.join(book.sheetnames)}",
                    "name the sheets 'Actors' and 'Relationships'",
                )
            for role, _, sheet_name in self._tables:
                if role in ("actors", "elements"):
                    headers = sheet_headers(path, book[sheet_name])
                    if "id" in headers:
                        self.trust_ids = True
        finally:
            book.close()

    def sources(self) -> list[SourceInfo]:
        return [SourceInfo(file=p.name, format=self.format, sha256=file_sha256(p)) for p in self.paths]

    # -- rows ------------------------------------------------------------------------------------------
    def _rows(self, role_filter: tuple[str, ...]) -> Iterator[tuple[str, list[str], Row]]:
        for role, path, detail in self._tables:
            if role not in role_filter:
                continue
            if path.suffix.lower() in (".xlsx", ".xlsm"):
                book = open_workbook(path, self.limits)
                try:
                    for headers, row in sheet_rows(path, book[detail], self.limits):
                        yield role, headers, row
                finally:
                    book.close()
            else:
                for headers, row in csv_rows(path, detail, self.limits):
                    yield role, headers, row

    def ties_bytes(self) -> int:
        """The size of the files holding relationships tables (the ingest may read them apart)."""
        return sum(p.stat().st_size for p in {path for role, path, _ in self._tables if role in _TIE_ROLES})

    def read(self, part: str = "all") -> Iterator[Actor | Initiative | Relationship]:
        """The records of every table, actors first; ``part`` "nodes" or "ties" reads only those tables."""
        problems: list[InputError] = []
        total = 0
        # id -> (name, origin prefix (shared), row number): a duplicate id can name both rows
        seen: dict[str, tuple[str, str, int]] = {}
        checked: set[int] = set()
        self.tally = RowTally()
        self._raw_kinds: Counter[str] = Counter()
        # element name or id -> (why its connections are skipped, its origin); filled by the elements
        left_out: dict[str, tuple[str, str]] = {}
        cascade: dict[str, list[str]] = {}  # bad element's origin -> its connections' origins
        roles = {"all": _NODE_ROLES + _TIE_ROLES, "nodes": _NODE_ROLES, "ties": _TIE_ROLES}[part]
        if part == "ties" and any(t[0] == "elements" for t in self._tables):
            left_out = self._left_out_elements()  # the ties are read apart: learn which elements are out
        for role, headers, row in self._rows(roles):
            try:
                if id(headers) not in checked:
                    self._check_headers(role, headers, row.origin)
                    checked.add(id(headers))
                if role in ("actors", "elements"):
                    try:
                        record = actor_record(
                            row, headers, self.kind_map, self._raw_kinds if role == "elements" else None
                        )
                    except _PersonSkipped as person:
                        self.tally.skipped(PERSON_SKIP, _line(row.origin))
                        for key in person.keys:
                            left_out[key] = (PERSON_SKIP, row.origin)
                        continue
                    except InputError:
                        if role == "elements":
                            get = _getter(row, _columns(headers, ACTOR_COLUMNS))
                            for key in (get("name"), get("id"), slugify(get("name") or "-")):
                                if key:
                                    left_out[key] = ("", row.origin)
                        raise
                    previous = seen.get(record.id)
                    if previous is not None:
                        where = f"{previous[1]} {previous[2]}"
                        if previous[0] != record.name:
                            raise InputError(
                                row.origin,
                                f"id '{record.id}' is used for '{record.name}', but {where} gave it to '{previous[0]}'",
                                "give each actor its own id",
                            )
                        self.warnings.append(f"{row.origin}: repeats id '{record.id}' of {where}; merged")
                        self.tally.merged(_line(row.origin))
                    else:
                        prefix, _, number = row.origin.rpartition(" ")
                        seen[record.id] = (record.name, sys.intern(prefix), int(number))
                        self.tally.used(_line(row.origin))
                    yield record
                else:
                    if left_out:
                        out = self._endpoint_left_out(row, headers, left_out)
                        if out is not None:
                            reason, element = out
                            if reason:
                                self.tally.skipped(f"connection of {reason}", _line(row.origin))
                            else:
                                cascade.setdefault(element, []).append(row.origin)
                            continue
                    yield relationship_record(row, headers)
                    self.tally.used(_line(row.origin))
            except InputError as exc:
                total += 1
                self.tally.skipped("error (see the problems)", _line(row.origin))
                if total <= 200:
                    problems.append(exc)
                if total and isinstance(exc, _HeaderError):
                    break
        for element, origins in cascade.items():
            shown = ", ".join(o.rsplit(" ", 1)[-1] for o in origins[:10]) + (", ..." if len(origins) > 10 else "")
            for origin in origins:
                self.tally.skipped("connection of an element with an error", _line(origin))
            if part != "ties":  # the elements' own pass names them once
                total += 1
                problems.append(
                    InputError(
                        element,
                        f"{len(origins)} connection(s) of this element were not read "
                        f"({origins[0].rsplit(' ', 1)[0]} {shown})",
                        "fix the element above and import again",
                    )
                )
        if self._raw_kinds:
            listed = ", ".join(f"'{k}' ({n})" for k, n in self._raw_kinds.most_common())
            self.warnings.append(
                f"element types outside the vocabulary were imported as kind Other (type kept as kindRaw): {listed}"
                " — say what a type means with --kind-map 'Organization=NGO'"
            )
        if problems:
            raise ValidationFailed(problems, total)

    def _left_out_elements(self) -> dict[str, tuple[str, str]]:
        """Names and ids of the elements that are skipped or in error (for a ties-only read)."""
        out: dict[str, tuple[str, str]] = {}
        for _, headers, row in self._rows(("elements",)):
            get = _getter(row, _columns(headers, ACTOR_COLUMNS))
            try:
                actor_record(row, headers, self.kind_map, self._raw_kinds)
            except _PersonSkipped as person:
                for key in person.keys:
                    out[key] = (PERSON_SKIP, row.origin)
            except InputError:
                for key in (get("name"), get("id"), slugify(get("name") or "-")):
                    if key:
                        out[key] = ("", row.origin)
        self._raw_kinds = Counter()
        return out

    @staticmethod
    def _endpoint_left_out(
        row: Row, headers: list[str], left_out: dict[str, tuple[str, str]]
    ) -> tuple[str, str] | None:
        """(reason, element origin) when the connection touches a skipped or bad element, else None."""
        cols = _columns(headers, REL_COLUMNS)
        for fieldname in ("from", "to"):
            ref = (row.cells.get(cols.get(fieldname, "")) or "").strip()
            if ref in left_out:
                return left_out[ref]
        return None

    def _check_headers(self, role: str, headers: list[str], origin: str) -> None:
        table = origin.rsplit(" line ", 1)[0].rsplit(" row ", 1)[0]
        if role in ("actors", "elements"):
            cols = _columns(headers, ACTOR_COLUMNS)
            missing = [c for c in ACTOR_REQUIRED if c not in cols]
            if missing:
                raise _HeaderError(
                    table,
                    f"missing required column '{missing[0]}'",
                    f"an actors table needs the columns {', '.join(ACTOR_REQUIRED)} "
                    f"(found: {', '.join(h for h in headers if h) or 'none'})",
                )
            if "id" in cols:
                self.trust_ids = True
        else:
            cols = _columns(headers, REL_COLUMNS)
            missing = [c for c in REL_REQUIRED if c not in cols]
            if missing:
                raise _HeaderError(
                    table,
                    f"missing required column '{missing[0]}'",
                    f"a relationships table needs the columns {', '.join(REL_REQUIRED)} "
                    f"(found: {', '.join(h for h in headers if h) or 'none'})",
                )
