"""The graph vocabulary (DESIGN.md "The graph") as plain data.

Labels and relationship types are a fixed vocabulary. A value from a source that falls outside it is
kept raw (``kind_raw``, ``type_raw``) and mapped onto the vocabulary, never dropped. Records here are
what importers yield and what the store writes; they hold no driver or Flask code.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

ACTOR_KINDS: tuple[str, ...] = (
    "Government",
    "IGO",
    "NGO",
    "CivilSociety",
    "RefugeeLed",
    "Company",
    "EmployerOrganisation",
    "TradeUnion",
    "Academic",
    "Foundation",
    "Other",
)
SPHERES: tuple[str, ...] = ("humanitarian", "economic", "both")
ENGAGEMENT_STATUSES: tuple[str, ...] = ("none", "identified", "contacted", "engaged", "partner")
#: Statuses that count as "already engaged": entry points are drawn from the others.
ENGAGED_STATUSES: frozenset[str] = frozenset({"engaged", "partner"})
#: Where an actor stands on our agenda, from a stakeholder assessment.
STANCES: tuple[str, ...] = ("supportive", "neutral", "opposed", "unknown")

REL_TYPES: tuple[str, ...] = (
    "MEMBER_OF",
    "FUNDS",
    "PARTNERS_WITH",
    "IMPLEMENTS",
    "PARTICIPATES_IN",
    "PART_OF",
    "EMPLOYS_IN",
    "OPERATES_IN",
    "IN_SECTOR",
    "ENGAGED_WITH",
)
#: Relationship types with no direction: stored once per pair, read both ways.
UNDIRECTED_TYPES: frozenset[str] = frozenset({"PARTNERS_WITH"})
#: Labels of the nodes that relationships between organisations and initiatives connect.
ENTITY_LABELS: tuple[str, ...] = ("Actor", "Programme", "Forum")
OTHER_LABELS: tuple[str, ...] = ("Country", "Sector", "Source")

_KIND_SYNONYMS: dict[str, str] = {
    "government": "Government",
    "gov": "Government",
    "govt": "Government",
    "ministry": "Government",
    "public authority": "Government",
    "public sector": "Government",
    "state": "Government",
    "local government": "Government",
    "municipality": "Government",
    "government agency": "Government",
    "igo": "IGO",
    "intergovernmental": "IGO",
    "intergovernmental organisation": "IGO",
    "intergovernmental organization": "IGO",
    "multilateral": "IGO",
    "un": "IGO",
    "un agency": "IGO",
    "united nations": "IGO",
    "international organisation": "IGO",
    "international organization": "IGO",
    "ngo": "NGO",
    "ingo": "NGO",
    "international ngo": "NGO",
    "national ngo": "NGO",
    "non-governmental organisation": "NGO",
    "non-governmental organization": "NGO",
    "civilsociety": "CivilSociety",
    "civil society": "CivilSociety",
    "cso": "CivilSociety",
    "community based organisation": "CivilSociety",
    "community based organization": "CivilSociety",
    "cbo": "CivilSociety",
    "faith based organisation": "CivilSociety",
    "refugeeled": "RefugeeLed",
    "refugee-led": "RefugeeLed",
    "refugee led": "RefugeeLed",
    "refugee-led organisation": "RefugeeLed",
    "rlo": "RefugeeLed",
    "company": "Company",
    "private sector": "Company",
    "business": "Company",
    "corporate": "Company",
    "corporation": "Company",
    "firm": "Company",
    "employer": "Company",
    "enterprise": "Company",
    "employerorganisation": "EmployerOrganisation",
    "employer organisation": "EmployerOrganisation",
    "employer organization": "EmployerOrganisation",
    "employers' organisation": "EmployerOrganisation",
    "employer association": "EmployerOrganisation",
    "business association": "EmployerOrganisation",
    "chamber of commerce": "EmployerOrganisation",
    "industry association": "EmployerOrganisation",
    "tradeunion": "TradeUnion",
    "trade union": "TradeUnion",
    "union": "TradeUnion",
    "labour union": "TradeUnion",
    "labor union": "TradeUnion",
    "academic": "Academic",
    "university": "Academic",
    "research": "Academic",
    "research institute": "Academic",
    "think tank": "Academic",
    "academia": "Academic",
    "foundation": "Foundation",
    "philanthropy": "Foundation",
    "donor foundation": "Foundation",
    "other": "Other",
}

_REL_SYNONYMS: dict[str, str] = {
    "member": "MEMBER_OF",
    "member of": "MEMBER_OF",
    "membership": "MEMBER_OF",
    "funds": "FUNDS",
    "funder": "FUNDS",
    "funding": "FUNDS",
    "donor": "FUNDS",
    "finances": "FUNDS",
    "partner": "PARTNERS_WITH",
    "partners": "PARTNERS_WITH",
    "partners with": "PARTNERS_WITH",
    "partnership": "PARTNERS_WITH",
    "collaborates": "PARTNERS_WITH",
    "collaboration": "PARTNERS_WITH",
    "implements": "IMPLEMENTS",
    "implementer": "IMPLEMENTS",
    "runs": "IMPLEMENTS",
    "leads": "IMPLEMENTS",
    "operates": "IMPLEMENTS",
    "delivers": "IMPLEMENTS",
    "participates": "PARTICIPATES_IN",
    "participates in": "PARTICIPATES_IN",
    "participant": "PARTICIPATES_IN",
    "joins": "PARTICIPATES_IN",
    "part of": "PART_OF",
    "subsidiary": "PART_OF",
    "subsidiary of": "PART_OF",
    "branch of": "PART_OF",
    "child of": "PART_OF",
    "owned by": "PART_OF",
    "employs in": "EMPLOYS_IN",
    "employs": "EMPLOYS_IN",
    "hires in": "EMPLOYS_IN",
    "operates in": "OPERATES_IN",
    "in sector": "IN_SECTOR",
    "engaged with": "ENGAGED_WITH",
    "engagement": "ENGAGED_WITH",
}

_ECONOMIC_WORDS = (
    "labour",
    "labor",
    "employ",
    "job",
    "skill",
    "talent",
    "recruit",
    "staffing",
    "workforce",
    "business",
    "industry",
    "trade",
    "economic",
    "vocational",
    "training",
    "migration",
    "mobility",
    "manufactur",
    "health care",
    "healthcare",
    "nursing",
    "it services",
    "technology",
    "hospitality",
    "construction",
    "logistics",
    "finance",
    "consulting",
    "engineering",
    "agri",
)
_HUMANITARIAN_WORDS = (
    "refugee",
    "humanitarian",
    "asylum",
    "protection",
    "resettlement",
    "relief",
    "emergency",
    "displace",
    "shelter",
    "camp",
    "wash",
    "food security",
    "nutrition",
)
_ECONOMIC_KINDS = frozenset({"Company", "EmployerOrganisation", "TradeUnion"})
_HUMANITARIAN_KINDS = frozenset({"NGO", "CivilSociety", "RefugeeLed"})


def _key(value: str) -> str:
    return re.sub(r"[\s_]+", " ", value.strip().lower())


@functools.lru_cache(maxsize=1024)
def map_kind(raw: str) -> str | None:
    """Map a source's kind to the vocabulary, or ``None`` when it has no known meaning.

    >>> map_kind("UN agency"), map_kind("Employer association"), map_kind("Gov.")
    ('IGO', 'EmployerOrganisation', None)
    """
    if raw in ACTOR_KINDS:
        return raw
    return _KIND_SYNONYMS.get(_key(raw))


@functools.lru_cache(maxsize=1024)
def map_rel_type(raw: str) -> str | None:
    """Map a relationship type (``RUNS``, ``member of``, ``partner``) to the vocabulary, or ``None``."""
    upper = re.sub(r"[\s-]+", "_", raw.strip()).upper()
    if upper in REL_TYPES:
        return upper
    return _REL_SYNONYMS.get(_key(raw.replace("_", " ")))


def derive_sphere(kind: str, sectors: tuple[str, ...] | list[str] = ()) -> str:
    """The sphere an actor belongs to, from its kind and sectors (overridable per actor).

    Employers, companies and unions are economic; NGOs, civil society and refugee-led organisations are
    humanitarian unless their sectors are economic too (then ``both``); the other kinds follow their
    sectors, and are economic when no sector says otherwise.

    >>> derive_sphere("Company", ["staffing"]), derive_sphere("NGO", ["refugee protection"])
    ('economic', 'humanitarian')
    >>> derive_sphere("IGO", ["migration", "refugee protection"])
    'both'
    """
    text = " ".join(sectors).lower()
    econ = any(w in text for w in _ECONOMIC_WORDS)
    hum = any(w in text for w in _HUMANITARIAN_WORDS)
    if kind in _ECONOMIC_KINDS:
        return "economic"
    if kind in _HUMANITARIAN_KINDS:
        return "both" if econ else "humanitarian"
    if econ and hum:
        return "both"
    if hum:
        return "humanitarian"
    return "economic"


def slugify(text: str) -> str:
    """A stable id made from a name: lower case ASCII words joined by ``-``.

    >>> slugify("Office of the UN High Commissioner for Refugees (UNHCR)")
    'office-of-the-un-high-commissioner-for-refugees-unhcr'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:80].rstrip("-") or "actor"


@dataclass(slots=True)
class Actor:
    """An organisation (``:Actor`` plus its kind as a second label)."""

    id: str
    name: str
    kind: str = "Other"
    kind_raw: str | None = None
    sphere: str | None = None
    country: str | None = None
    country_raw: str | None = None
    sectors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    influence: int | None = None
    engagement: str | None = None
    description: str | None = None
    url: str | None = None
    iati: str | None = None
    lei: str | None = None
    wikidata: str | None = None
    hdx: str | None = None
    aliases: tuple[str, ...] = ()
    illustrative: bool = False
    properties: dict[str, Any] = field(default_factory=dict)
    origin: str = ""

    def effective_sphere(self) -> str:
        return self.sphere or derive_sphere(self.kind, self.sectors)


@dataclass(slots=True)
class Initiative:
    """A ``:Programme`` (pathway, pilot, scheme) or a ``:Forum`` (network, task force, platform)."""

    id: str
    name: str
    label: str = "Programme"
    description: str | None = None
    url: str | None = None
    countries: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    iati: str | None = None
    illustrative: bool = False
    properties: dict[str, Any] = field(default_factory=dict)
    origin: str = ""


@dataclass(slots=True)
class Relationship:
    """A tie between two entities (actors, programmes, forums) named by their ids.

    ``key`` separates parallel ties of one type between one pair (e.g. FUNDS per currency and year);
    it is empty for most ties.
    """

    source: str
    target: str
    type: str
    type_raw: str | None = None
    key: str = ""
    strength: int | None = None
    since: str | None = None
    until: str | None = None
    amount: float | None = None
    currency: str | None = None
    note: str | None = None
    illustrative: bool = False
    properties: dict[str, Any] = field(default_factory=dict)
    origin: str = ""


@dataclass(slots=True)
class SourceInfo:
    """One import run's input: the ``:Source`` node every written fact points back to."""

    file: str
    format: str
    sha256: str
    url: str | None = None

    @property
    def id(self) -> str:
        return f"{self.format}:{self.sha256[:16]}"


@dataclass(slots=True)
class ImportReport:
    """What an import read, what it will write or wrote, and what it could not use."""

    source: SourceInfo
    actors: int = 0
    initiatives: int = 0
    relationships: int = 0
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    written: dict[str, int] = field(default_factory=dict)
    #: Where every input row went (``read``, ``used``, ``merged``, ``skipped`` by reason), when the
    #: importer counts rows; empty otherwise.
    rows: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.source.file,
            "format": self.source.format,
            "sha256": self.source.sha256,
            "actors": self.actors,
            "initiatives": self.initiatives,
            "relationships": self.relationships,
            "warnings": list(self.warnings),
            "notes": list(self.notes),
            "written": dict(self.written),
            "rows": dict(self.rows),
        }


@dataclass(slots=True)
class ReviewItem:
    """An uncertain match left for a person to accept or reject (``netmap review``)."""

    incoming_id: str
    incoming_name: str
    candidate_id: str
    candidate_name: str
    score: float
    reason: str
    source_id: str = ""

    @property
    def id(self) -> str:
        digest = hashlib.sha256(f"{self.incoming_id}\x00{self.candidate_id}".encode()).hexdigest()
        return "r-" + digest[:10]

    def as_row(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "incoming_id": self.incoming_id,
            "incoming_name": self.incoming_name,
            "candidate_id": self.candidate_id,
            "candidate_name": self.candidate_name,
            "score": float(self.score),
            "reason": self.reason,
            "source_id": self.source_id,
        }
