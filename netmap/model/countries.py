"""Country names and ISO 3166 codes → ISO 3166 alpha-3 (the key of ``:Country`` nodes)."""

from __future__ import annotations

import functools
import re

import pycountry

_ALIASES = {
    "uk": "GBR",
    "u.k.": "GBR",
    "great britain": "GBR",
    "britain": "GBR",
    "england": "GBR",
    "scotland": "GBR",
    "wales": "GBR",
    "northern ireland": "GBR",
    "usa": "USA",
    "us": "USA",
    "u.s.": "USA",
    "u.s.a.": "USA",
    "united states of america": "USA",
    "america": "USA",
    "turkey": "TUR",
    "türkiye": "TUR",
    "turkiye": "TUR",
    "russia": "RUS",
    "south korea": "KOR",
    "korea": "KOR",
    "north korea": "PRK",
    "iran": "IRN",
    "syria": "SYR",
    "ivory coast": "CIV",
    "cote d'ivoire": "CIV",
    "czech republic": "CZE",
    "czechia": "CZE",
    "dr congo": "COD",
    "drc": "COD",
    "democratic republic of the congo": "COD",
    "congo": "COG",
    "laos": "LAO",
    "vietnam": "VNM",
    "bolivia": "BOL",
    "venezuela": "VEN",
    "tanzania": "TZA",
    "moldova": "MDA",
    "palestine": "PSE",
    "state of palestine": "PSE",
    "kosovo": "XKX",
    "xk": "XKX",
    "the netherlands": "NLD",
    "holland": "NLD",
    "eswatini": "SWZ",
    "swaziland": "SWZ",
    "macedonia": "MKD",
    "north macedonia": "MKD",
    "cape verde": "CPV",
    "burma": "MMR",
}


class UnknownCountry(ValueError):
    """The value names no country."""


@functools.lru_cache(maxsize=4096)
def to_iso3(value: str) -> str:
    """ISO 3166 alpha-3 for a country name, alpha-2 or alpha-3 code.

    >>> to_iso3("Germany"), to_iso3("de"), to_iso3("KEN"), to_iso3("UK")
    ('DEU', 'DEU', 'KEN', 'GBR')
    """
    text = value.strip()
    key = text.lower()
    if key in _ALIASES:
        return _ALIASES[key]
    try:
        if len(text) == 2:
            found = pycountry.countries.get(alpha_2=text.upper())
        elif len(text) == 3 and text.isalpha():
            found = pycountry.countries.get(alpha_3=text.upper())
        else:
            found = None
        if found is None:
            found = pycountry.countries.lookup(text)
    except LookupError:
        raise UnknownCountry(value) from None
    return str(found.alpha_3)


@functools.lru_cache(maxsize=4096)
def iso3_or_none(raw: str | None) -> str | None:
    """:func:`to_iso3` for published data: ``None`` for an empty or unknown value, and a name with a
    parenthesised part ("Bolivia (Plurinational State of)") tried without it too.

    >>> iso3_or_none("SO"), iso3_or_none("Chad"), iso3_or_none("XK"), iso3_or_none("Atlantis"), iso3_or_none(" ")
    ('SOM', 'TCD', 'XKX', None, None)
    >>> iso3_or_none("Ivory Coast (Côte d'Ivoire)")
    'CIV'
    """
    if not raw or not raw.strip():
        return None
    for value in dict.fromkeys((raw, re.sub(r"\s*\(.*?\)\s*", " ", raw).strip())):
        try:
            return to_iso3(value)
        except UnknownCountry:
            continue
    return None


def iso_numeric(iso3: str) -> str | None:
    """The ISO 3166 numeric code (three digits, the id of the world map's shapes) of an alpha-3 code;
    ``None`` for a code ISO does not assign (Kosovo's ``XKX``) or one withdrawn from the standard.

    >>> iso_numeric("DEU"), iso_numeric("XKX"), iso_numeric("YUG")
    ('276', None, None)
    """
    found = pycountry.countries.get(alpha_3=iso3.upper())
    return str(found.numeric) if found is not None else None


def country_name(code: str, locale: str = "en") -> str:
    """A country's name in ``locale`` (from the CLDR data Babel ships) for an alpha-3 code; the historic
    name for a withdrawn code; the code itself when nothing names it.

    >>> country_name("DEU", "fr"), country_name("XKX", "es"), country_name("YUG"), country_name("ZZZ")
    ('Allemagne', 'Kosovo', 'Yugoslavia', 'ZZZ')
    """
    from babel import Locale

    code = code.upper()
    alpha_2 = "XK" if code == "XKX" else None
    found = pycountry.countries.get(alpha_3=code)
    if found is not None:
        alpha_2 = str(found.alpha_2)
    if alpha_2 is not None:
        name = Locale.parse(locale).territories.get(alpha_2)
        if name:
            return str(name)
        if found is not None:
            return str(found.name)
    historic = pycountry.historic_countries.get(alpha_3=code)
    return str(historic.name).split(",")[0] if historic is not None else code
