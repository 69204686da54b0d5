"""IATI activity files (1.0x-2.03) and organisation files → actors, programmes and their ties.

* ``reporting-org``, ``participating-org``, transaction ``provider-org``/``receiver-org`` and
  ``recipient-org-budget/recipient-org`` become actors. An organisation with a proper identifier
  (``XM-DAC-47066``) gets ``iati`` set and the id ``iati-<ref>``; an empty, missing, ``N/A`` or legacy
  bare ref (``41122``) is kept raw in ``properties`` and the actor goes by its name, so resolution
  matches it by name instead of making one giant ``N/A`` actor.
* Each activity becomes a ``:Programme`` (country, sector) its participants are tied to: role 1 /
  Funding → ``FUNDS``, 3 / Extending → ``FUNDS``, 2 / Accountable → ``PARTICIPATES_IN``,
  4 / Implementing → ``IMPLEMENTS`` (the role is kept in ``type_raw`` and ``key``).
* Transactions become ``FUNDS`` between provider and receiver, summed per pair, currency and year
  (``key="EUR:2024"``): disbursements, expenditure and incoming funds go to ``amount``, commitments to
  ``properties["committed"]``. An organisation file's ``recipient-org-budget`` gives ``FUNDS`` with
  ``key="budget:USD:2014"``.
* An activity already read (same ``iati-identifier``, in this or an earlier file) is skipped with a
  warning, so duplicates across files never double the sums.

Parsing is streamed through :mod:`.xmlsafe` (defusedxml: no entity expansion, nothing fetched).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element

from netmap.model import Actor, Initiative, Relationship, slugify
from netmap.model.names import language_code, name_properties

from .fmt_common import FileImporter, RowTally, country_alpha3, is_null
from .xmlsafe import child, children, iter_elements, line_of, local, text_of

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

#: Organisation role codes (2.x numbers, 1.x words) → our role name.
ROLES: dict[str, str] = {
    "1": "funding",
    "2": "accountable",
    "3": "extending",
    "4": "implementing",
    "funding": "funding",
    "accountable": "accountable",
    "extending": "extending",
    "implementing": "implementing",
}
ROLE_REL: dict[str, str] = {
    "funding": "FUNDS",
    "extending": "FUNDS",
    "accountable": "PARTICIPATES_IN",
    "implementing": "IMPLEMENTS",
}
#: IATI OrganisationType codes → actor kinds.
ORG_TYPE_KIND: dict[str, str] = {
    "10": "Government",
    "11": "Government",
    "15": "Government",
    "21": "NGO",
    "22": "NGO",
    "23": "NGO",
    "24": "NGO",
    "30": "Other",
    "40": "IGO",
    "60": "Foundation",
    "70": "Company",
    "71": "Company",
    "72": "Company",
    "73": "Company",
    "80": "Academic",
    "90": "Other",
}
#: Transaction types that move money (2.x codes and 1.x letters), and commitments.
MONEY_TYPES = frozenset({"1", "3", "4", "IF", "D", "E"})
COMMIT_TYPES = frozenset({"2", "11", "C", "IC"})
INCOMING_TYPES = frozenset({"1", "11", "IF", "IC"})
ROOTS = ("iati-activities", "iati-activity", "iati-organisations", "iati-organisation")
_REF = re.compile(r"^[A-Za-z0-9]{2,}(-[A-Za-z0-9._/]+)+$")


def is_org_identifier(ref: str | None) -> bool:
    """True for an IATI organisation identifier (``XM-DAC-47066``); false for empty, N/A or bare codes."""
    return ref is not None and not is_null(ref) and bool(_REF.match(ref.strip()))


def narrative(elem: Element | None, lang: str = "en") -> str:
    """The element's name in ``lang`` (or with no language, or in English, or the first one); 1.x: its own
    text."""
    if elem is None:
        return ""
    texts = [(n.get(XML_LANG), text_of(n)) for n in elem if local(n.tag) == "narrative" and text_of(n)]
    for wanted in (lang, None, "en"):
        for code, text in texts:
            if code == wanted:
                return text
    if texts:
        return texts[0][1]
    return " ".join(text_of(elem).split())


def narratives(elem: Element | None, lang: str = "en") -> dict[str, str]:
    """Every narrative of the element by language (one without ``xml:lang`` is in ``lang``, the
    document's default); the first per language is kept."""
    out: dict[str, str] = {}
    for n in elem if elem is not None else ():
        text = text_of(n) if local(n.tag) == "narrative" else ""
        code = language_code(n.get(XML_LANG) or lang)
        if text and code:
            out.setdefault(code, text)
    return out


def _long_id(prefix: str, value: str) -> str:
    slug = slugify(value)
    if len(slug) >= 70:
        slug = slug[:60].rstrip("-") + "-" + hashlib.sha256(value.encode()).hexdigest()[:8]
    return prefix + slug


@dataclass
class _Flow:
    amount: float = 0.0
    committed: float = 0.0
    transactions: int = 0
    types: set[str] = field(default_factory=set)
    origin: str = ""


class IatiImporter(FileImporter):
    """Reads IATI activity and organisation XML files (streamed)."""

    format = "iati"

    # -- reading -------------------------------------------------------------------------------------

    def read(self) -> Iterator[Actor | Initiative | Relationship]:
        self.warnings = self.new_warnings()
        self.tally = RowTally()
        self._actors: set[str] = set()
        self._activities: dict[str, str] = {}
        self._flows: dict[tuple[str, str, str, str], _Flow] = {}
        self._skipped_orgs = 0
        for path in self.paths:
            yield from self._read_file(path)
        for (provider, receiver, currency, year), flow in self._flows.items():
            props: dict[str, Any] = {"transactions": flow.transactions, "transaction_types": sorted(flow.types)}
            if flow.committed:
                props["committed"] = flow.committed
            budget = year.startswith("budget:")
            yield Relationship(
                source=provider,
                target=receiver,
                type="FUNDS",
                type_raw="recipient-org-budget" if budget else "transaction",
                key=f"{year.split(':', 1)[0]}:{currency}:{year.split(':', 1)[1]}" if budget else f"{currency}:{year}",
                amount=flow.amount if (flow.amount or not flow.committed) else None,
                currency=currency or None,
                since=(year.split(":")[-1] or None),
                properties=props,
                origin=flow.origin,
            )
        if self._skipped_orgs:
            self.warnings.append(
                f"{self._skipped_orgs} organisation reference(s) with neither a usable ref nor a name were skipped"
            )

    def _read_file(self, path: Path) -> Iterator[Actor | Initiative | Relationship]:
        name = path.name
        events = iter_elements(
            path,
            {"iati-activity", "iati-organisation"},
            root_names=ROOTS,
            expected="<iati-activities> or <iati-organisations> (an IATI XML file)",
            hint="use the import command for this file's format",
            limits=self.limits,
        )
        version = ""
        for event, elem in events:
            if event == "root":
                version = elem.get("version") or elem.get("{http://d-portal.org/xmlns/iati-activities}version") or ""
                continue
            if local(elem.tag) == "iati-activity":
                yield from self._activity(name, elem, version)
            else:
                known = len(self._actors)
                yield from self._organisation(name, elem)
                line = line_of(elem)
                if len(self._actors) > known:
                    self.tally.used(line)
                elif self._org_found:  # an organisation already read: its budgets add to it
                    self.tally.merged(line)
                else:
                    self.tally.skipped("organisation without identifier or name", line)
            elem.clear()

    # -- organisations -------------------------------------------------------------------------------

    def _org(self, file: str, elem: Element | None, lang: str, new: list[Any]) -> str | None:
        """The actor id for an organisation element; appends a new :class:`Actor` to ``new``."""
        if elem is None:
            return None
        ref = (elem.get("ref") or "").strip()
        org_name = narrative(elem, lang)
        type_code = (elem.get("type") or "").strip()
        valid = is_org_identifier(ref)
        if not valid and not org_name:
            if is_null(ref):
                self._skipped_orgs += 1
                return None
            org_name = ref
        actor_id = _long_id("iati-", ref) if valid else slugify(org_name)
        if actor_id not in self._actors:
            self._actors.add(actor_id)
            names = narratives(elem, lang)
            props: dict[str, Any] = name_properties(names)
            if ref and not valid:
                props["iati_ref_raw"] = ref
            new.append(
                Actor(
                    id=actor_id,
                    name=org_name or ref,
                    kind=ORG_TYPE_KIND.get(type_code, "Other"),
                    kind_raw=f"IATI OrganisationType {type_code}" if type_code else None,
                    iati=ref if valid else None,
                    aliases=tuple(sorted({n for n in names.values() if n != org_name})),
                    properties=props,
                    origin=f"{file} line {line_of(elem)}",
                )
            )
        return actor_id

    def _organisation(self, file: str, elem: Element) -> Iterator[Actor | Relationship]:
        lang = elem.get(XML_LANG, "en")
        new: list[Any] = []
        ident = text_of(child(elem, "organisation-identifier"))
        reporting_elem = child(elem, "reporting-org")
        org_type = reporting_elem.get("type", "") if reporting_elem is not None else ""
        holder = Element("org", {"ref": ident, "type": org_type})
        name_elem = child(elem, "name")
        if name_elem is not None:
            holder.extend(list(name_elem))
        holder.set("{urn:netmap}line", str(line_of(elem)))
        org_id = self._org(file, holder, lang, new) or self._org(file, reporting_elem, lang, new)
        self._org_found = org_id is not None
        currency = elem.get("default-currency", "")
        for budget in children(elem, "recipient-org-budget"):
            recipient = self._org(file, child(budget, "recipient-org"), lang, new)
            value = child(budget, "value")
            amount = self._amount(file, value)
            if org_id is None or recipient is None or amount is None:
                continue
            cur = (value.get("currency") if value is not None else None) or currency
            start = child(budget, "period-start")
            year = (start.get("iso-date", "") if start is not None else "")[:4]
            self._add_flow(org_id, recipient, cur, f"budget:{year}", amount, "budget", f"{file} line {line_of(budget)}")
        yield from new

    # -- activities ----------------------------------------------------------------------------------

    def _activity(self, file: str, elem: Element, version: str) -> Iterator[Actor | Initiative | Relationship]:
        ident = text_of(child(elem, "iati-identifier"))
        where = f"{file} line {line_of(elem)}"
        if not ident:
            self.warnings.append(f"{where}: activity without iati-identifier skipped")
            self.tally.skipped("activity without iati-identifier", line_of(elem))
            return
        if ident in self._activities:
            self.warnings.append(
                f"{where}: activity {ident} already read from {self._activities[ident]}; this copy was skipped"
            )
            self.tally.skipped("activity already read (same iati-identifier)", line_of(elem))
            return
        self._activities[ident] = file
        self.tally.used(line_of(elem))
        lang = elem.get(XML_LANG, "en")
        currency = elem.get("default-currency", "")
        new: list[Any] = []
        reporting = self._org(file, child(elem, "reporting-org"), lang, new)
        programme_id = _long_id("iati-activity-", ident)
        countries, raw_countries = [], []
        for rc in children(elem, "recipient-country"):
            code = rc.get("code", "")
            alpha3 = country_alpha3(code)
            if alpha3 and alpha3 not in countries:
                countries.append(alpha3)
            elif not alpha3 and code:
                raw_countries.append(code)
        sectors, sector_codes = [], []
        for sector in children(elem, "sector"):
            label = narrative(sector, lang)
            code = sector.get("code", "")
            sector_codes.append(f"{sector.get('vocabulary', '1')}:{code}")
            value = label or code
            if value and value not in sectors:
                sectors.append(value)
        props: dict[str, Any] = {"sector_codes": sector_codes}
        if version:
            props["iati_version"] = version
        if raw_countries:
            props["countries_raw"] = raw_countries
        status = child(elem, "activity-status")
        if status is not None:
            props["activity_status"] = status.get("code", "")
        if reporting:
            props["reporting_org"] = reporting
        programme = Initiative(
            id=programme_id,
            name=narrative(child(elem, "title"), lang) or ident,
            label="Programme",
            description=(narrative(child(elem, "description"), lang) or None),
            countries=tuple(countries),
            sectors=tuple(sectors),
            iati=ident,
            properties=props,
            origin=where,
        )
        ties: list[Relationship] = []
        participants: set[str] = set()
        for org in children(elem, "participating-org"):
            org_id = self._org(file, org, lang, new)
            if org_id is None:
                continue
            raw_role = (org.get("role") or "").strip()
            role = ROLES.get(raw_role.lower())
            origin = f"{file} line {line_of(org)}"
            if role is None:
                self.warnings.append(f"{origin}: participating-org role {raw_role!r} unknown — tied as PARTICIPATES_IN")
            participants.add(org_id)
            tie_props: dict[str, Any] = {"role": role or raw_role, "role_code": raw_role}
            if org.get("activity-id"):
                tie_props["activity_id"] = org.get("activity-id")
            ties.append(
                Relationship(
                    source=org_id,
                    target=programme_id,
                    type=ROLE_REL.get(role or "", "PARTICIPATES_IN"),
                    type_raw=f"participating-org role {raw_role}" if raw_role else "participating-org",
                    key=role or raw_role,
                    properties=tie_props,
                    origin=origin,
                )
            )
        if reporting and reporting not in participants:
            ties.append(
                Relationship(
                    source=reporting,
                    target=programme_id,
                    type="PARTICIPATES_IN",
                    type_raw="reporting-org",
                    key="reporting",
                    properties={"role": "reporting"},
                    origin=where,
                )
            )
        for tx in children(elem, "transaction"):
            self._transaction(file, tx, lang, currency, reporting, new)
        # Several participations of one org in one role collapse to one tie.
        unique: dict[tuple[str, str, str], Relationship] = {}
        for tie in ties:
            unique.setdefault((tie.source, tie.type, tie.key), tie)
        yield from new
        yield programme
        yield from unique.values()

    def _amount(self, file: str, value: Element | None) -> float | None:
        text = text_of(value)
        if not text:
            return None
        try:
            return float(text.replace(",", ""))
        except ValueError:
            assert value is not None
            self.warnings.append(f"{file} line {line_of(value)}: value {text!r} is not a number — skipped")
            return None

    def _transaction(
        self, file: str, tx: Element, lang: str, currency: str, reporting: str | None, new: list[Any]
    ) -> None:
        type_elem = child(tx, "transaction-type")
        code = (type_elem.get("code", "") if type_elem is not None else "").strip().upper()
        if code not in MONEY_TYPES and code not in COMMIT_TYPES:
            return
        provider = self._org(file, child(tx, "provider-org"), lang, new)
        receiver = self._org(file, child(tx, "receiver-org"), lang, new)
        if code in INCOMING_TYPES:
            receiver = receiver or reporting
        else:
            provider = provider or reporting
        value = child(tx, "value")
        amount = self._amount(file, value)
        if provider is None or receiver is None or provider == receiver or amount is None:
            return
        cur = ((value.get("currency") if value is not None else None) or currency or "").upper()
        date = child(tx, "transaction-date")
        iso = (date.get("iso-date", "") if date is not None else "") or (
            value.get("value-date", "") if value is not None else ""
        )
        self._add_flow(provider, receiver, cur, iso[:4], amount, code, f"{file} line {line_of(tx)}")

    def _add_flow(
        self, provider: str, receiver: str, currency: str, year: str, amount: float, code: str, origin: str
    ) -> None:
        flow = self._flows.get((provider, receiver, currency, year))
        if flow is None:
            flow = self._flows[(provider, receiver, currency, year)] = _Flow(origin=origin)
        if code in COMMIT_TYPES:
            flow.committed += amount
        else:
            flow.amount += amount
        flow.transactions += 1
        flow.types.add(code)


Importer = IatiImporter
