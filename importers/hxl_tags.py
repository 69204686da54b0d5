"""HXL hashtags: normalising them, telling personal-data columns apart, ``--map`` parsing, and OCHA's
organisation types mapped onto the actor kinds. Shared by the HXL importer and the list importers."""

from __future__ import annotations

import re
from collections.abc import Mapping

from netmap.errors import InputError
from netmap.model import map_kind

__all__ = ["HXL_ORG_TYPES", "hxl_kind", "is_personal", "normalise_tag", "parse_mapping", "tag_text"]

PERSONAL_TAGS = frozenset({"#contact", "#email", "#phone", "#beneficiary", "#respondee"})
PERSONAL_ATTRS = frozenset({"email", "phone", "contact", "person", "focal", "focalpoint"})

#: OCHA / HDX organisation types (names and HR.info codes) → actor kinds.
HXL_ORG_TYPES: dict[str, str] = {
    "academic / research": "Academic",
    "academic and research institution": "Academic",
    "431": "Academic",
    "donor": "Other",
    "433": "Other",
    "embassy": "Government",
    "434": "Government",
    "government": "Government",
    "435": "Government",
    "international ngo": "NGO",
    "437": "NGO",
    "international organization": "IGO",
    "438": "IGO",
    "media": "Other",
    "439": "Other",
    "military": "Government",
    "440": "Government",
    "national ngo": "NGO",
    "441": "NGO",
    "other": "Other",
    "443": "Other",
    "private sector": "Company",
    "444": "Company",
    "red cross / red crescent": "NGO",
    "445": "NGO",
    "religious": "CivilSociety",
    "446": "CivilSociety",
    "united nations": "IGO",
    "un agency": "IGO",
    "447": "IGO",
    "civil society": "CivilSociety",
    "648": "CivilSociety",
    "non-governmental organization": "NGO",
    "ngo": "NGO",
    "un": "IGO",
}


def hxl_kind(raw: str) -> str | None:
    value = raw.strip().lower()
    return HXL_ORG_TYPES.get(value) or map_kind(raw)


def normalise_tag(raw: str) -> tuple[str, frozenset[str]] | None:
    """``'#Org +Type  +code'`` → ``('#org', {'type', 'code'})``; ``None`` when the cell is not a tag."""
    text = raw.strip().lower()
    if not text.startswith("#"):
        return None
    text = re.sub(r"\s+", "", text)
    parts = [p for p in text.split("+")]
    tag = parts[0]
    if not re.fullmatch(r"#[a-z][a-z0-9_]*", tag):
        return None
    return tag, frozenset(p for p in parts[1:] if p)


def tag_text(tag: tuple[str, frozenset[str]]) -> str:
    return tag[0] + "".join("+" + a for a in sorted(tag[1]))


def is_personal(tag: tuple[str, frozenset[str]]) -> bool:
    return tag[0] in PERSONAL_TAGS or bool(tag[1] & PERSONAL_ATTRS)


def parse_mapping(items: Mapping[str, str] | list[str] | tuple[str, ...] | None) -> dict[str, str]:
    """``["Organisation=#org+impl"]`` → ``{"organisation": "#org+impl"}`` (header keys folded)."""
    if not items:
        return {}
    pairs = items.items() if isinstance(items, Mapping) else [_split_map(i) for i in items]
    out = {}
    for header, tag in pairs:
        if normalise_tag(tag) is None:
            raise InputError("--map", f"{tag!r} is not an HXL hashtag — expected e.g. 'Organisation=#org+impl'")
        out[header.strip().casefold()] = tag
    return out


def _split_map(item: str) -> tuple[str, str]:
    if "=" not in item:
        raise InputError("--map", f"{item!r} has no '=' — expected 'Column header=#tag+attr'")
    header, tag = item.rsplit("=", 1)
    return header, tag
