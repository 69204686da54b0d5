"""A country's government as an actor: what a membership list's member country or a donor list's donor
country stands for.

One id per country (``government-fra``), named "Government of France", with the country's names as
aliases and ``properties["governmentOf"]`` = the ISO alpha-3 code. Resolution matches it to a
``Government`` actor the graph already has for that country (see :mod:`netmap.ingest.resolve`), and it
never renames or re-kinds the actor it lands on: it is a mention, created as ``Government`` when missing.

>>> a = government_actor("FRA", origin="m.csv line 2")
>>> a.id, a.name, a.kind, a.country, a.aliases
('government-fra', 'Government of France', 'Government', 'FRA', ('France',))
"""

from __future__ import annotations

from collections.abc import Iterable

import pycountry

from netmap.model import Actor


def country_name(alpha3: str) -> str:
    """The country's common English name ("Bolivia", not "Bolivia, Plurinational State of")."""
    found = pycountry.countries.get(alpha_3=alpha3)
    if found is None:
        return alpha3
    return str(getattr(found, "common_name", None) or found.name)


#: Countries whose English name takes "the" ("Government of the Netherlands").
_WITH_THE = frozenset(
    {"USA", "GBR", "NLD", "PHL", "GMB", "BHS", "CAF", "COD", "COG", "DOM", "ARE", "MDV", "MHL", "SLB", "COM", "SYC"}
)


def government_actor(alpha3: str, *, origin: str, aliases: Iterable[str] = ()) -> Actor:
    name = country_name(alpha3)
    names = [name, *(a for a in aliases if a)]
    title = f"Government of {'the ' if alpha3 in _WITH_THE else ''}{name}"
    return Actor(
        id=f"government-{alpha3.lower()}",
        name=title,
        kind="Government",
        country=alpha3,
        aliases=tuple(dict.fromkeys(n for n in names if n.casefold() != title.casefold())),
        properties={"governmentOf": alpha3},
        origin=origin,
    )
