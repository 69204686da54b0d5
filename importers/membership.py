"""IGO membership lists: which countries belong to which intergovernmental organisation, and how
(member, observer, associate member…), as CSV or as the MONDIAL database's XML.

Each membership becomes ``(:Government)-[:MEMBER_OF {membershipType}]->(:IGO)``. The member is the
country's government (:mod:`.governments`): matched to the graph's actor for that country by its code, and
created when missing. The IGO is an actor of kind ``IGO`` named as the list names it (an acronym in
brackets after the name becomes an alias). Both are mentions: they never rename an actor they land on.

CSV: the header row may follow a few preamble lines; columns by header or ``--map "Header=field"``:

* organisation: ``Organisation``/``Organization``, ``IGO``, ``International organisation``;
  acronym: ``Acronym``, ``Abbreviation``, ``Abbrev``
* country: ``Member country``, ``Country``, ``Member state``; country code: ``Country code``, ``ISO3``
  (alpha-2 or alpha-3), preferred when both are there
* type: ``Membership type``, ``Type``, ``Status`` (``member`` when the list has no such column);
  since: ``Since``, ``Joined``, ``Year joined``

A row whose country (code or name) is no ISO 3166 country is refused with its line, and nothing is
written. MONDIAL XML (``<mondial>``): every ``<country car_code>`` with its ``<name>``, then each
``<organization>`` with ``<name>``, ``<abbrev>`` and ``<members type="…" country="car codes"/>``; a member
code the file declares no country for is refused, a declared country with no ISO code (a territory) is
skipped and counted.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from netmap.errors import InputError, ValidationFailed
from netmap.model import Actor, Initiative, Relationship, slugify

from .fmt_common import FileImporter, RowTally, country_alpha3
from .governments import government_actor
from .list_columns import find_layout, parse_field_map
from .orgs import split_acronym
from .tabular import Limits, csv_records, fallback_note, too_many_rows
from .xmlsafe import child, children, iter_elements, line_of, local, text_of

COLUMNS: dict[str, tuple[str, ...]] = {
    "organisation": (
        "organisation",
        "organization",
        "igo",
        "international organisation",
        "international organization",
        "organisation name",
        "organization name",
        "#org",
        "#org+name",
    ),
    "acronym": ("acronym", "abbreviation", "abbrev", "organisation acronym", "organization acronym", "#org+acronym"),
    "country": ("member country", "country", "member state", "member", "state", "country name", "#country"),
    "country_code": ("country code", "iso3", "iso 3", "iso", "iso code", "iso alpha-3", "#country+code"),
    "type": ("membership type", "type", "status", "membership", "type of membership", "membership status"),
    "since": ("since", "joined", "year joined", "date joined", "member since", "admission"),
}
FIELDS = tuple(COLUMNS)
MAX_PROBLEMS = 50
#: MONDIAL's spellings that ISO 3166's names and pycountry's lookup do not know.
MONDIAL_NAMES = {"cote divoire": "CIV", "holy see": "VAT", "macedonia": "MKD", "swaziland": "SWZ", "burma": "MMR"}


@dataclass(slots=True)
class _Membership:
    igo: str
    acronym: str
    country: str
    kind: str
    since: str | None
    origin: str


class MembershipImporter(FileImporter):
    """Reads IGO membership lists (CSV, or MONDIAL XML) into governments ``MEMBER_OF`` IGOs."""

    format = "membership"

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
        self.problems: list[InputError] = []
        self._problem_count = 0
        found: list[_Membership] = []
        for path in self.paths:
            if _is_xml(path):
                found.extend(self._read_mondial(path))
            else:
                found.extend(self._read_csv(path))
        if self._problem_count:
            raise ValidationFailed(self.problems, self._problem_count)
        yield from self._records(found)

    def _problem(self, where: str, problem: str, hint: str) -> None:
        self._problem_count += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(InputError(where, problem, hint))

    def _records(self, found: list[_Membership]) -> Iterator[Actor | Relationship]:
        igos: dict[str, Actor] = {}
        governments: dict[str, Actor] = {}
        ties: dict[tuple[str, str], Relationship] = {}
        for item in found:
            igo_id = slugify(item.igo)
            if igo_id not in igos:
                igos[igo_id] = Actor(
                    id=igo_id,
                    name=item.igo,
                    kind="IGO",
                    aliases=(item.acronym,) if item.acronym and item.acronym != item.igo else (),
                    properties={"membership_list": True},
                    origin=item.origin,
                )
            gov = governments.get(item.country)
            if gov is None:
                gov = governments[item.country] = government_actor(item.country, origin=item.origin)
            tie = ties.get((gov.id, igo_id))
            if tie is None:
                ties[(gov.id, igo_id)] = Relationship(
                    source=gov.id,
                    target=igo_id,
                    type="MEMBER_OF",
                    type_raw=f"membership {item.kind}",
                    since=item.since,
                    properties={"membershipType": item.kind},
                    origin=item.origin,
                )
            elif tie.properties["membershipType"] != item.kind:
                self.warnings.append(
                    f"{item.origin}: {item.country} is listed in {item.igo} as {item.kind!r} and, earlier "
                    f"({tie.origin}), as {tie.properties['membershipType']!r}: the first is kept"
                )
        yield from igos.values()
        yield from governments.values()
        yield from ties.values()

    # -- CSV -----------------------------------------------------------------------------------------

    def _read_csv(self, path: Path) -> Iterator[_Membership]:
        name = path.name
        lines, rows = csv_records(path, self.limits)
        layout, preamble = find_layout(
            rows, lines, name, key="organisation", rules=COLUMNS, mapping=self.mapping, what="an IGO membership list"
        )
        if not (layout.has("country") or layout.has("country_code")):
            raise InputError(
                f"{name} line {layout.header_line}",
                "has no member country column — expected 'Member country', 'Country' or 'Country code'",
                "name it with --map, e.g. --map 'Member=country'",
            )
        for line in preamble:
            self.tally.skipped("preamble above the header row", line)
        seen: set[tuple[str, str]] = set()
        count = 0
        for row in rows:
            if not any(c.strip() for c in row):
                continue
            count += 1
            if self.limits is not None and count > self.limits.rows:
                raise too_many_rows(name, self.limits)
            line = lines.line
            org, acronym = split_acronym(layout.value(row, "organisation"))
            acronym = layout.value(row, "acronym") or acronym or ""
            org = org or acronym
            code, country_text = layout.value(row, "country_code"), layout.value(row, "country")
            if not org or not (code or country_text):
                self.tally.skipped("no organisation or no member country", line)
                continue
            country = country_alpha3(code or country_text)
            if country is None:
                shown = f"country code {code!r}" if code else f"country {country_text!r}"
                self._problem(
                    f"{name} line {line}",
                    f"{shown} is no ISO 3166 country",
                    "give the ISO alpha-3 (or alpha-2) code, e.g. FRA, or the country's English name",
                )
                continue
            key = (slugify(org), country)
            self.tally.merged(line) if key in seen else self.tally.used(line)
            seen.add(key)
            kind = layout.value(row, "type").casefold() or "member"
            since = layout.value(row, "since") or None
            yield _Membership(org, acronym, country, kind, since, f"{name} line {line}")
        note = fallback_note(name, lines)
        if note:
            self.warnings.append(note)

    # -- MONDIAL XML ---------------------------------------------------------------------------------

    def _read_mondial(self, path: Path) -> Iterator[_Membership]:
        name = path.name
        countries: dict[str, tuple[str, str | None]] = {}  # car code → (name, alpha-3)
        listed: list[tuple[str, str, str, str, int]] = []  # organisation, acronym, type, car code, line
        for event, elem in iter_elements(
            path,
            {"country", "organization"},
            root_names={"mondial"},
            expected="<mondial> (the MONDIAL database's XML)",
            hint="give a MONDIAL XML file, or a membership list as CSV",
        ):
            if event != "end":
                continue
            if local(elem.tag) == "country" and elem.get("car_code"):
                title = text_of(child(elem, "name"))
                code = MONDIAL_NAMES.get(" ".join(title.casefold().split())) or country_alpha3(title)
                countries[elem.get("car_code", "")] = (title, code)
            elif local(elem.tag) == "organization":
                org, acronym = text_of(child(elem, "name")), text_of(child(elem, "abbrev"))
                for members in children(elem, "members"):
                    kind = " ".join((members.get("type") or "member").split()).casefold()
                    for code in (members.get("country") or "").split():
                        listed.append((org or acronym, acronym, kind, code, line_of(members)))
                        if self.limits is not None and len(listed) > self.limits.rows:
                            raise too_many_rows(name, self.limits)
            elem.clear()
        for org, acronym, kind, code, line in listed:  # countries may come after the organisations
            known = countries.get(code)
            if known is None:
                self._problem(
                    f"{name} line {line}",
                    f"{org} lists member {code!r}, a country code the file declares no <country car_code> for",
                    "check the file is a complete MONDIAL export",
                )
            elif known[1] is None:
                self.tally.skipped(f"member with no ISO 3166 country code ({known[0] or code})", line)
            else:
                self.tally.used(line)
                yield _Membership(org, acronym, known[1], kind, None, f"{name} line {line}")


def _is_xml(path: Path) -> bool:
    with path.open("rb") as handle:
        head = handle.read(512).lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"<")


Importer = MembershipImporter
