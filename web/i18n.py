"""The web app in English, French and Spanish: the language in force, the catalogs, the shared vocabulary.

The language comes from the user's choice (the switcher in the header, kept in a cookie for a year),
else the browser's ``Accept-Language``, else English. Catalogs are gettext ``.po`` files in
``translations/`` beside this module (extracted with ``pybabel extract -F babel.cfg``); they are
compiled to ``.mo`` when the app starts, into ``NETMAP_HOME/cache/translations/<digest>/``, so no binary
is committed and an installed wheel and a checkout behave the same. Compiling the three catalogs takes
milliseconds.

>>> best_language("fr-CH, fr;q=0.9, en;q=0.8")
'fr'
>>> best_language("de-DE,de;q=0.9")
'en'
>>> best_language(";;q=garbage,,")
'en'
"""

from __future__ import annotations

import functools
import hashlib
import io
import unicodedata
from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask import Flask, request
from flask_babel import Babel, format_date, format_datetime, get_locale, gettext, lazy_gettext
from markupsafe import Markup
from werkzeug.datastructures import LanguageAccept
from werkzeug.http import parse_accept_header

from netmap.messages import Message
from netmap.model.names import local_name, other_names

#: The languages the app speaks, in the switcher's order, with their own names.
LANGUAGES: dict[str, str] = {"en": "English", "fr": "Français", "es": "Español"}
DEFAULT = "en"
COOKIE = "netmap_lang"
TRANSLATIONS = Path(__file__).resolve().parent / "translations"

_l = lazy_gettext

#: Display names of the vocabulary the graph stores (values stay English in data, URLs and exports).
TERMS: Mapping[str, Any] = {
    "IGO": _l("Intergovernmental organisation"),
    "Government": _l("Government"),
    "NGO": _l("NGO"),
    "Company": _l("Company"),
    "EmployerOrganisation": _l("Employer organisation"),
    "TradeUnion": _l("Trade union"),
    "Foundation": _l("Foundation"),
    "Academic": _l("Academic institution"),
    "CivilSociety": _l("Civil society"),
    "RefugeeLed": _l("Refugee-led organisation"),
    "Other": _l("Other"),
    "Programme": _l("Programme"),
    "Forum": _l("Forum"),
    "Actor": _l("Actor"),
    "Community": _l("Community"),
    "humanitarian": _l("humanitarian"),
    "economic": _l("economic"),
    "both": _l("both spheres"),
    "none": _l("not engaged"),
    "identified": _l("identified"),
    "contacted": _l("contacted"),
    "engaged": _l("engaged"),
    "partner": _l("partner"),
    "MEMBER_OF": _l("member of"),
    "FUNDS": _l("funds"),
    "PARTNERS_WITH": _l("partners with"),
    "IMPLEMENTS": _l("implements"),
    "PARTICIPATES_IN": _l("participates in"),
    "PART_OF": _l("part of"),
    "EMPLOYS_IN": _l("employs in"),
    "OPERATES_IN": _l("operates in"),
    "IN_SECTOR": _l("in sector"),
    "ENGAGED_WITH": _l("engaged with"),
    "supportive": _l("supportive"),
    "neutral": _l("neutral"),
    "opposed": _l("opposed"),
    "unknown": _l("unknown"),
    "manage closely": _l("Manage closely"),
    "keep satisfied": _l("Keep satisfied"),
    "keep informed": _l("Keep informed"),
    "monitor": _l("Monitor"),
    "requested": _l("requested"),
    "accepted": _l("accepted"),
    "declined": _l("declined"),
    "done": _l("done"),
    "string": _l("text"),
    "int": _l("whole number"),
    "float": _l("number"),
    "bool": _l("yes or no"),
    "list": _l("comma-separated list"),
    "viewer": _l("viewer"),
    "editor": _l("editor"),
    "analyst": _l("analyst"),
    "admin": _l("admin"),
}

#: Labels of the actor fields shown and edited on the actor page.
FIELDS: Mapping[str, Any] = {
    "id": _l("Identifier"),
    "label": _l("Type"),
    "kind": _l("Kind"),
    "kindRaw": _l("Kind as imported"),
    "sphere": _l("Sphere"),
    "country": _l("Country"),
    "countries": _l("Countries"),
    "sectors": _l("Sectors"),
    "tags": _l("Tags"),
    "influence": _l("Influence"),
    "engagement": _l("Engagement"),
    "name": _l("Name"),
    "description": _l("Description"),
    "url": _l("Website"),
    "iati": _l("IATI identifier"),
    "lei": _l("LEI"),
    "wikidata": _l("Wikidata"),
    "hdx": _l("HDX identifier"),
    "aliases": _l("Other names"),
    "illustrative": _l("Illustrative"),
    "firstSeen": _l("First seen"),
    "lastSeen": _l("Last seen"),
    "editedBy": _l("Edited by"),
    "editedAt": _l("Edited on"),
    "strength": _l("strength"),
    "since": _l("since"),
    "until": _l("until"),
    "amount": _l("amount"),
    "currency": _l("currency"),
    "status": _l("status"),
    "note": _l("note"),
    "assessedInfluence": _l("Assessed influence"),
    "assessedInterest": _l("Assessed interest"),
    "stance": _l("Stance"),
    "assessedBy": _l("Assessed by"),
    "assessedOn": _l("Assessed on"),
}


def field(name: str) -> str:
    """The label of an actor or tie field in the language in force."""
    found = FIELDS.get(name)
    return str(found) if found is not None else name


def term(value: Any) -> str:
    """The display name of a vocabulary value in the language in force (the value itself if unknown)."""
    if value is None:
        return ""
    found = TERMS.get(str(value))
    return str(found) if found is not None else str(value)


def name_of(props: Mapping[str, Any]) -> str:
    """An entity's name in the language in force where it has one (``name_fr``…), else its own."""
    return local_name(props, current_language())


def other_names_of(props: Mapping[str, Any]) -> list[str]:
    """The entity's names that :func:`name_of` does not show (the original first, then the aliases)."""
    return other_names(props, current_language())


@functools.lru_cache(maxsize=4096)
def _country_name(code: str, lang: str) -> str:
    from netmap.model.countries import country_name

    return country_name(code, lang)


def country(value: Any) -> str:
    """An ISO 3166 alpha-3 code as the country's name in the language in force (``JOR`` → "Jordanie" in
    French, as the world page names it); a value no country has, as it is."""
    if value is None or value == "":
        return ""
    return _country_name(str(value), current_language())


def by_country(codes: Any) -> list[str]:
    """Country codes in the order of their names in the language in force (a filter list reads by name)."""
    return sorted((str(c) for c in codes or []), key=lambda c: (_sort_key(country(c)), c))


def _sort_key(text: str) -> str:
    """``text`` without case or accents, as a reader alphabetises ("Émirats" with the E's).

    >>> sorted(["Espagne", "Émirats arabes unis", "Égypte"], key=_sort_key)
    ['Égypte', 'Émirats arabes unis', 'Espagne']
    """
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)).casefold()


def when(value: Any) -> Markup | str:
    """A date or timestamp (object or ISO text) in the locale's medium format, as ``<time>`` with the ISO
    value in its ``datetime`` attribute; other text unchanged."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            parsed: Any = (
                datetime.fromisoformat(value.replace("Z", "+00:00")) if "T" in value else date.fromisoformat(value)
            )
        except ValueError:
            return value
    else:
        parsed = getattr(value, "to_native", lambda: value)()
    if isinstance(parsed, datetime):
        return Markup('<time datetime="{}">{}</time>').format(parsed.isoformat(), format_datetime(parsed, "medium"))
    if isinstance(parsed, date):
        return Markup('<time datetime="{}">{}</time>').format(parsed.isoformat(), format_date(parsed, "medium"))
    return str(value)


class Note(Message):
    """A sentence the web app makes outside a request (a map note, cached with its payload): English text
    with its message id and parameters, translated from the web catalog when a response shows it.
    Its id is marked with ``N_`` for pybabel."""


def reason(value: Any) -> str:
    """A sentence of the core (an analytics reason, a route, a note: a :class:`netmap.messages.Message`)
    in the language in force, from the core's own ``netmap`` catalog (a :class:`Note` from the web
    catalog); other text unchanged."""
    from netmap.i18n import translator

    t = translator(current_language())
    if isinstance(value, Note) and t.lang != "en":
        return t.fill(gettext(value.msgid), value)
    return t.render(value)


def reasons(values: Any) -> list[str]:
    return [reason(v) for v in values or ()]


def word(value: Any) -> str:
    """A word of the core's vocabulary (a score component, a stance) in the language in force."""
    from netmap.messages import Term

    return reason(Term(str(value))) if value is not None else ""


def localised_path(path: dict[str, Any]) -> dict[str, Any]:
    """A warm path's text, hop phrases and reasons in the language in force (the JSON the pages read)."""
    return {
        **path,
        "text": reason(path["text"]),
        "names": [reason(n) for n in path.get("names", [])],  # a Name reads in the reader's language
        "introducers": [{**i, "name": reason(i.get("name"))} for i in path.get("introducers", [])],
        "reasons": reasons(path.get("reasons")),
        "hops": [{**h, "text": reason(h.get("text")), "note": reason(h.get("note"))} for h in path.get("hops", [])],
    }


def best_language(header: str | None) -> str:
    """The best of :data:`LANGUAGES` for an ``Accept-Language`` header; English when none fits or it is malformed."""
    try:
        accept = parse_accept_header(header or "", LanguageAccept)
        return accept.best_match(list(LANGUAGES), default=DEFAULT) or DEFAULT
    except (ValueError, TypeError):
        return DEFAULT


def select_language() -> str:
    """The language of this request: the saved choice, else the browser's preference, else English."""
    chosen = request.cookies.get(COOKIE, "")
    if chosen in LANGUAGES:
        return chosen
    return best_language(request.headers.get("Accept-Language"))


def current_language() -> str:
    locale = get_locale()
    return locale.language if locale is not None else DEFAULT


#: :func:`ui_text` per language: the same ~80 strings on every page, looked up once (their lookups were
#: a third of the world page's server time).
_UI_TEXT: dict[str, dict[str, str]] = {}


def ui_text() -> dict[str, str]:
    """The strings the browser scripts show, in the language in force (read by ``netmap.t`` in common.js),
    with the vocabulary's display names as ``term:VALUE`` (read by ``netmap.term``)."""
    lang = current_language()
    found = _UI_TEXT.get(lang)
    if found is None:
        found = _UI_TEXT[lang] = _ui_text()
    return found


def _ui_text() -> dict[str, str]:
    return {
        **{f"term:{value}": str(name) for value, name in TERMS.items()},
        "server_answered": gettext("The server answered %(status)s"),
        "no_match": gettext("No match"),
        "pick_both": gettext("Pick both ends from the suggestions."),
        "looking": gettext("Looking for paths…"),
        "paths_found": gettext("Paths found: %(n)s, the cheapest first."),
        "no_route": gettext("No known route between them."),
        "ask_introduction": gettext("Ask %(name)s to introduce us"),
        "cost": gettext("cost %(cost)s"),
        "loading_map": gettext("Loading the map…"),
        "map_failed": gettext("The map could not be loaded: %(reason)s"),
        "legend": gettext("Legend"),
        "legend_us": gettext("us (home actor)"),
        "legend_entry": gettext("entry point, numbered as in the table"),
        "legend_partner": gettext("green ring: engaged or partner"),
        "legend_initiative": gettext("programme or forum"),
        "legend_size": gettext("size: entry score"),
        "legend_spheres": gettext(
            "Humanitarian actors on the left, economic ones on the right; actors of both spheres and the "
            "strongest cross-sphere brokers in the middle band."
        ),
        "legend_around_us": gettext(
            "Rings by warm route from us: each actor sits in line with the one who can introduce us."
        ),
        "legend_communities": gettext("Each disc is a community: actors more tied to each other than to the rest."),
        "legend_force": gettext("Force-directed: tied actors pull together; distance suggests, it does not measure."),
        "band_humanitarian": gettext("Humanitarian"),
        "band_between": gettext("Both spheres and brokers"),
        "band_economic": gettext("Economic"),
        "ring_direct": gettext("Partners and direct ties"),
        "ring_one-introduction": gettext("One introduction away"),
        "ring_two-introductions": gettext("Two introductions away"),
        "ring_further": gettext("Three introductions or more"),
        "ring_unreachable": gettext("No known route"),
        "mixed": gettext("mixed"),
        "entry_rank": gettext("entry point no. %(rank)s"),
        "introduced_by": gettext("introduced by %(name)s"),
        "introducer": gettext("introduced by"),
        "route_needs_home": gettext("No home actor is set, so there is no route from us to show."),
        "route_shown": gettext("Warm route: %(route)s"),
        "route_off_view": gettext("Some actors on it are outside this view."),
        "view_title": gettext("Engagement map"),
        "all_actors": gettext("all actors"),
        "around_actor": gettext("around %(name)s"),
        "data_as_of": gettext("data as of %(date)s"),
        "members": gettext("members"),
        "about": gettext("about"),
        "kind": gettext("kind"),
        "sphere": gettext("sphere"),
        "country": gettext("country"),
        "engagement": gettext("engagement"),
        "entry_score": gettext("entry score"),
        "entry_point": gettext("entry point"),
        "yes": gettext("yes"),
        "no": gettext("no"),
        "open_member": gettext("Open its best-placed member"),
        "open_actor": gettext("Open the actor page"),
        "communities": gettext("%(shown)s communities of %(total)s actors"),
        "showing": gettext("Showing %(shown)s of %(total)s nodes, %(edges)s ties."),
        "no_actor": gettext("No actor matches these filters. Clear some filters to see more."),
        "focus_filtered": gettext("(the chosen actor is filtered out)"),
        "layout_saved": gettext("Layout saved for this view (positions: %(n)s)."),
        "layout_not_saved": gettext("The layout was not saved: %(reason)s"),
    }


def compiled_catalogs(cache: Path) -> Path:
    """Compile every ``.po`` under :data:`TRANSLATIONS` into ``cache/<digest>`` (once per catalog content)."""
    sources = sorted(TRANSLATIONS.glob("*/LC_MESSAGES/messages.po"))
    digest = hashlib.sha256(b"".join(p.read_bytes() for p in sources)).hexdigest()[:16]
    target = cache / digest
    for po in sources:
        mo = target / po.relative_to(TRANSLATIONS).with_suffix(".mo")
        if mo.is_file():
            continue
        mo.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with po.open("rb") as handle:
            catalog = read_po(handle, locale=po.parent.parent.name)
        buffer = io.BytesIO()
        write_mo(buffer, catalog, use_fuzzy=False)
        partial = mo.with_name(mo.name + ".partial")
        partial.write_bytes(buffer.getvalue())
        partial.replace(mo)
    return target


@functools.lru_cache(maxsize=64)
def _number_pattern(pattern: str) -> Any:
    from babel.numbers import parse_pattern

    return parse_pattern(pattern)


def decimal(number: Any, pattern: str | None = None) -> str:
    """``number`` as Flask-Babel's ``decimalformat`` writes it in the language in force, with the pattern
    parsed once (not at every call: an entry-points page formats 150 numbers).

    >>> from flask import Flask
    >>> app = Flask("x"); _ = Babel(app, locale_selector=lambda: "fr")
    >>> with app.test_request_context():
    ...     decimal(0.125, "0.00"), decimal(1234.5)
    ('0,12', '1\u202f234,5')
    """
    from babel.numbers import format_decimal

    locale = get_locale()
    if pattern is None:
        return format_decimal(number, locale=locale)
    return str(_number_pattern(pattern).apply(number, locale))


def init_app(app: Flask, home: str | Path) -> None:
    """Babel on ``app``: catalogs compiled under ``home``, the language selector, ``term`` in templates."""
    directory = compiled_catalogs(Path(home) / "cache" / "translations")
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(directory)
    Babel(app, locale_selector=select_language)
    app.jinja_env.filters["term"] = term
    app.jinja_env.filters["name"] = name_of
    app.jinja_env.filters["other_names"] = other_names_of
    app.jinja_env.filters["when"] = when
    app.jinja_env.filters["country"] = country
    app.jinja_env.filters["by_country"] = by_country
    app.jinja_env.filters["field"] = field
    app.jinja_env.filters["reason"] = reason
    app.jinja_env.filters["word"] = word
    app.jinja_env.filters["decimalformat"] = decimal

    @app.context_processor
    def languages() -> dict[str, Any]:
        return {"languages": LANGUAGES, "lang": current_language(), "ui_text": ui_text}
