"""Sentences the core writes for people (reasons, route text, notes), kept renderable in any language.

A :class:`Message` *is* its English text (a ``str``: printing, comparing, JSON and CSV see exactly the
English the core always wrote) and also carries its message id and parameters, so a caller renders it
in the reader's language with :func:`netmap.i18n.translator` — the analytics stay pure and never ask
which language is in force.

Parameters are plain values (data, shown as they are), numbers, or the small wrappers below that say
how to format a value for a locale: :class:`Num`, :class:`Share`, :class:`Count`, :class:`Fixed`, :class:`Date`,
:class:`Term` (a vocabulary word, translated), :class:`Name` (an entity's name, shown in the reader's
language where the entity has one), :class:`Names` (a list) and nested messages.

>>> m = Message("influence %(n)s/5 in the data", n=4)
>>> m == "influence 4/5 in the data", m.msgid, m.params
(True, 'influence %(n)s/5 in the data', {'n': 4})
>>> str(Message("more central than %(share)s of actors", share=Share(0.953)))
'more central than 95% of actors'
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

__all__ = ["Count", "Date", "Fixed", "Joined", "Message", "Name", "Names", "Num", "Share", "Term", "N_", "english"]


def N_(msgid: str) -> str:
    """Marks ``msgid`` for extraction without translating it (it is translated where it is shown)."""
    return msgid


@dataclass(frozen=True, slots=True)
class Num:
    """A number with at most two decimals, no trailing zeros (English ``640.25``, French ``640,25``)."""

    value: float

    def __str__(self) -> str:
        return f"{round(float(self.value), 2):g}"


@dataclass(frozen=True, slots=True)
class Count:
    """A whole number with thousands grouped (English ``12,000``, French ``12 000``)."""

    value: int

    def __str__(self) -> str:
        return f"{int(self.value):,}"


@dataclass(frozen=True, slots=True)
class Fixed:
    """A number with exactly ``digits`` decimals (``0.12``)."""

    value: float
    digits: int = 2

    def __str__(self) -> str:
        return f"{float(self.value):.{self.digits}f}"


@dataclass(frozen=True, slots=True)
class Share:
    """A fraction as a whole percentage, never 100% ("more than 100% of actors" reads wrong)."""

    value: float

    def capped(self) -> float:
        return min(float(self.value), 0.99)

    def __str__(self) -> str:
        return f"{self.capped():.0%}"


@dataclass(frozen=True, slots=True)
class Date:
    """A date as ISO text (``2026-10-03``), shown in the locale's medium format where it is rendered."""

    iso: str

    def __str__(self) -> str:
        return self.iso


@dataclass(frozen=True, slots=True)
class Term:
    """A word of the vocabulary (a stance, a broker role, a relationship phrase): English as it is,
    translated where it is shown."""

    word: str

    def __str__(self) -> str:
        return self.word


@dataclass(frozen=True, slots=True)
class Names:
    """Names (data, never translated) joined with ``", "``."""

    items: tuple[Any, ...]

    def __str__(self) -> str:
        return ", ".join(english(i) for i in self.items)


class Name(str):
    """An entity's original name (the ``str``) with its names in other languages (``{"fr": "…"}``): a
    sentence shows the reader's language's name where there is one (:mod:`netmap.model.names`).

    >>> n = Name("International Labour Organization", {"fr": "Organisation internationale du Travail"})
    >>> n == "International Labour Organization", n.local_to("fr"), n.local_to("es")
    (True, 'Organisation internationale du Travail', 'International Labour Organization')
    """

    local: dict[str, str]

    def __new__(cls, original: str, local: dict[str, str] | None = None) -> Name:
        self = super().__new__(cls, original)
        self.local = dict(local or {})
        return self

    def local_to(self, lang: str) -> str:
        """The name in ``lang``, the original where there is none."""
        return self.local.get(lang) or str(self)

    def __reduce__(self) -> Any:
        return (Name, (str(self), self.local))

    def __copy__(self) -> Name:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> Name:
        return self


def localised_names(value: Any) -> tuple[Any, ...]:
    """The :class:`Name` s in ``value`` that have names in other languages, as a hashable key (empty for
    most sentences): what, beside its English text, fixes how a sentence reads in another language."""
    if isinstance(value, Name):
        return ((str(value), tuple(sorted(value.local.items()))),) if value.local else ()
    if isinstance(value, (Message, Joined)):
        return value.names
    if isinstance(value, Names):
        return tuple(n for i in value.items for n in localised_names(i))
    return ()


def english_differs(value: Any) -> bool:
    """Whether ``value`` holds a :class:`Name` whose English name is not its original, so even the English
    text must be rendered (and not just be the message's own text)."""
    return any(dict(local).get("en", original) != original for original, local in localised_names(value))


def english(value: Any) -> str:
    """A parameter as the English text shows it."""
    return str(value)


class Message(str):
    """English text with its message id and parameters (see the module docstring)."""

    msgid: str
    params: dict[str, Any]
    names: tuple[Any, ...]  # see localised_names

    def __new__(cls, msgid: str, **params: Any) -> Message:
        text = msgid % {k: english(v) for k, v in params.items()} if params else msgid
        self = super().__new__(cls, text)
        self.msgid = msgid
        self.params = params
        self.names = tuple(n for v in params.values() for n in localised_names(v))
        return self

    def __reduce__(self) -> Any:  # pickling and copying keep the id and parameters
        return (_message, (self.msgid, self.params))

    def __copy__(self) -> Message:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> Message:
        return self


def _message(msgid: str, params: dict[str, Any]) -> Message:
    return Message(msgid, **params)


class Joined(str):
    """Parts (messages, terms or plain text) joined with ``sep``: a route's text, names and hop phrases."""

    parts: tuple[Any, ...]
    sep: str
    names: tuple[Any, ...]

    def __new__(cls, parts: Iterable[Any], sep: str = " ") -> Joined:
        kept = tuple(parts)
        self = super().__new__(cls, sep.join(english(p) for p in kept))
        self.parts = kept
        self.sep = sep
        self.names = tuple(n for p in kept for n in localised_names(p))
        return self

    def __reduce__(self) -> Any:
        return (Joined, (self.parts, self.sep))

    def __copy__(self) -> Joined:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> Joined:
        return self
