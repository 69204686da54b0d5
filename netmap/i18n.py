"""The core's words in English, French and Spanish: the quarterly bundle and the analytics' reasons.

One gettext domain, ``netmap``, with its catalogs in ``netmap/locale/<lang>/LC_MESSAGES/netmap.po``
(template ``netmap/locale/netmap.pot``, extracted with ``pybabel extract -F netmap/babel.cfg``). It is
not the web app's ``messages`` domain: the core must not depend on the web app (the arrows go one way:
the web app renders the analytics' reasons with this module, the core never reads ``web/``), and the
bundle is made by the CLI where no Flask app runs. Catalogs are compiled to ``.mo`` in memory the first
time a language is asked for (milliseconds, once per process), so no binary is committed and an
installed wheel and a checkout behave the same — as the web catalogs, compiled when the app starts.

>>> from netmap.messages import Message, Share
>>> t = translator("fr")
>>> t.render(Message("tied to well-connected actors: more central than %(share)s of actors", share=Share(0.953)))
'lié à des acteurs bien connectés\\xa0: plus central que 95\\xa0% des acteurs'
>>> translator("en").number(1234.5), t.number(1234.5), translator("es").date("2026-10-03")
('1234.5', '1\\u202f234,5', '3 oct 2026')
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext as _gettext
import io
from pathlib import Path
from typing import Any

from babel import Locale
from babel.dates import format_date, format_datetime
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import parse_pattern

from netmap.errors import InputError
from netmap.messages import N_, Count, Date, Fixed, Joined, Message, Name, Names, Num, Share, Term, english_differs

__all__ = ["LANGUAGES", "LOCALE_DIR", "VOCABULARY", "Translator", "check_language", "translator"]

#: The languages of the bundle (the web app speaks the same three).
LANGUAGES = ("en", "fr", "es")
DOMAIN = "netmap"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"


#: The vocabulary words the core's sentences carry as :class:`~netmap.messages.Term` or the bundle shows
#: (spheres, statuses, stances, broker roles, relationship phrases): marked here for the catalogs.
VOCABULARY = (
    N_("humanitarian"),
    N_("economic"),
    N_("both"),
    N_("identified"),
    N_("contacted"),
    N_("engaged"),
    N_("partner"),
    N_("supportive"),
    N_("neutral"),
    N_("opposed"),
    N_("unknown"),
    N_("coordinator"),
    N_("itinerant"),
    N_("representative"),
    N_("gatekeeper"),
    N_("liaison"),
    N_("member of"),
    N_("funds"),
    N_("partners with"),
    N_("implements"),
    N_("participates in"),
    N_("part of"),
    N_("employs in"),
    N_("operates in"),
    N_("in sector"),
    N_("engaged with"),
    N_("tie"),
)


def check_language(lang: str | None) -> str:
    """``lang`` when netmap speaks it (``None`` → English); :class:`InputError` otherwise."""
    value = (lang or "en").strip().lower()
    if value not in LANGUAGES:
        raise InputError("--lang", f"{lang!r} is not a language netmap speaks", f"use one of {', '.join(LANGUAGES)}")
    return value


class Translator:
    """Text, numbers and dates in one language."""

    def __init__(self, lang: str, catalog: _gettext.NullTranslations) -> None:
        self.lang = lang
        self.locale = Locale.parse(lang)
        self._catalog = catalog
        self._patterns: dict[str, Any] = {}
        #: (kind, message id, English text, names) → text in this language: a message's English text, id and
        #: the other-language names in it fix its rendering, so a page showing the same cached reasons again
        #: only looks them up.
        self._rendered: dict[tuple[Any, ...], str] = {}

    def _(self, msgid: str, **params: Any) -> str:
        """``msgid`` translated, with ``params`` (already text) put in."""
        text = self._catalog.gettext(msgid)
        return text % params if params else text

    def n_(self, singular: str, plural: str, n: int, **params: Any) -> str:
        """The singular or plural form for ``n`` (``%(n)s`` is the count, formatted)."""
        text = self._catalog.ngettext(singular, plural, n)
        return text % {"n": self.number(n), **params}

    def number(self, value: Any, pattern: str = "#,##0.##") -> str:
        """A number in the locale (French ``1 234,5``, Spanish ``1234,5``); other values unchanged.
        English keeps the plain digits the bundle always had."""
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return "" if value is None else str(value)
        if self.lang == "en":
            return str(value)
        parsed = self._patterns.get(pattern)
        if parsed is None:
            parsed = self._patterns[pattern] = parse_pattern(pattern)
        return str(parsed.apply(value, self.locale))

    def percent(self, fraction: float) -> str:
        return str(self.locale.percent_formats[None].apply(fraction, self.locale))

    def date(self, value: Any) -> str:
        """A date or timestamp (object or ISO text) in the locale's medium format; other text unchanged.
        English keeps ISO 8601 (``2026-10-03``), as the bundle always had: tools and tests read it."""
        if value is None or value == "":
            return ""
        if self.lang == "en":
            return str(value)
        parsed: Any = value
        if isinstance(value, str):
            try:
                parsed = (
                    dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
                    if "T" in value
                    else dt.date.fromisoformat(value[:10])
                )
            except ValueError:
                return value
        if isinstance(parsed, dt.datetime):
            text = format_datetime(parsed, "medium", tzinfo=parsed.tzinfo or dt.UTC, locale=self.locale)
            return text + " UTC" if parsed.utcoffset() in (None, dt.timedelta(0)) else text
        if isinstance(parsed, dt.date):
            return format_date(parsed, "medium", locale=self.locale)
        return str(value)

    def render(self, value: Any) -> str:
        """A :class:`~netmap.messages.Message` (or its parameters) in this language; plain text as it is.
        In English it is the message's own text, exactly as the core wrote it."""
        if self.lang == "en" and not english_differs(value):
            return str(value)
        if isinstance(value, Name):
            return value.local_to(self.lang)
        if isinstance(value, (Message, Joined)):
            kind = ("m", value.msgid) if isinstance(value, Message) else ("j", value.sep)
            key = (*kind, str(value), value.names)
            found = self._rendered.get(key)
            if found is None:
                if isinstance(value, Message):
                    found = self.fill(self._catalog.gettext(value.msgid), value)
                else:
                    found = value.sep.join(self.render(p) for p in value.parts)
                if len(self._rendered) > 100_000:
                    self._rendered.clear()
                self._rendered[key] = found
            return found
        if isinstance(value, Term):
            return self._catalog.gettext(value.word)
        if isinstance(value, Share):
            return self.percent(value.capped())
        if isinstance(value, Num):
            return self.number(round(float(value.value), 2))
        if isinstance(value, Fixed):
            return self.number(float(value.value), "0." + "0" * value.digits if value.digits else "0")
        if isinstance(value, Count):
            return self.number(int(value.value))
        if isinstance(value, Date):
            return self.date(value.iso)
        if isinstance(value, Names):
            return ", ".join(self.render(i) for i in value.items)
        if isinstance(value, bool):
            return str(value)
        if isinstance(value, int):
            return self.number(value) if abs(value) >= 10000 else str(value)
        return str(value)

    def fill(self, text: str, message: Message) -> str:
        """``text`` (a translation of ``message``'s id) with ``message``'s parameters rendered in this language."""
        return text % {k: self.render(v) for k, v in message.params.items()} if message.params else text

    def render_all(self, values: Any) -> list[str]:
        return [self.render(v) for v in values or ()]


def _load(lang: str) -> _gettext.NullTranslations:
    po = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if lang == "en" or not po.is_file():
        return _gettext.NullTranslations()
    with po.open("rb") as handle:
        catalog = read_po(handle, locale=lang, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return _gettext.GNUTranslations(buffer)


@functools.cache
def translator(lang: str = "en") -> Translator:
    """The :class:`Translator` of ``lang`` (see :func:`check_language`), made once per process."""
    lang = check_language(lang)
    return Translator(lang, _load(lang))
