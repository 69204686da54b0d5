"""One organisation, several acronyms: the same body's short names in English, French and Spanish.

Bilingual sheets write "OIM / IOM" in one cell and "OIM" on some rows, "IOM" on others; a French list
says "HCR" where an English one says "UNHCR". Only organisations whose acronyms are unambiguous across
those languages are listed (UN system and the Red Cross movement); anything else is left to resolution.

>>> sorted(equivalent_acronyms("oim"))
['IOM', 'OIM']
>>> equivalent_acronyms("NRC")
frozenset()
"""

from __future__ import annotations

#: English first.
_LISTS: tuple[tuple[str, ...], ...] = (
    ("IOM", "OIM"),  # International Organization for Migration / Organisation internationale pour les migrations
    ("UNHCR", "HCR", "ACNUR"),
    ("WFP", "PAM"),
    ("WHO", "OMS"),
    ("ILO", "OIT"),
    ("UNDP", "PNUD"),
    ("UNFPA", "FNUAP"),
    ("UNEP", "PNUE", "PNUMA"),
    ("UNAIDS", "ONUSIDA"),
    ("UNODC", "ONUDC"),
    ("UN WOMEN", "ONU FEMMES", "ONU MUJERES"),
    ("ICRC", "CICR"),
    ("IFRC", "FICR"),
    ("OECD", "OCDE"),
)
_BY_ACRONYM: dict[str, tuple[str, ...]] = {acronym: group for group in _LISTS for acronym in group}


def _key(text: str) -> str:
    return " ".join(text.replace("-", " ").split()).upper()


def equivalent_acronyms(text: str) -> frozenset[str]:
    """Every acronym of the organisation ``text`` abbreviates (``text`` included), or an empty set."""
    return frozenset(_BY_ACRONYM.get(_key(text), ()))


def english_acronym(parts: list[str]) -> str | None:
    """The English acronym when every part is one organisation's acronym in some language, else ``None``.

    >>> english_acronym(["OIM", "IOM"]), english_acronym(["OIM", "NRC"])
    ('IOM', None)
    """
    groups = {_BY_ACRONYM.get(_key(p)) for p in parts}
    found = groups.pop() if len(groups) == 1 else None
    return found[0] if found else None
