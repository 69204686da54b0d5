"""What a bundle leaves out unless an admin asks for it (``--include-sensitive``).

Sensitive:

- properties whose name says they are about a person or how to reach one: names containing
  ``contact``, ``email``/``e_mail``/``e-mail``, ``phone``, ``mobile``, ``person``, ``personal``,
  ``private``, ``passport``, ``birth``; plus every name listed in the ``sensitive_fields`` setting
  (netmap.toml: ``sensitive_fields = ["donorRef"]``);
- the ``note`` of our engagement ties (``ENGAGED_WITH``) and the engagement log;
- whole actors flagged ``sensitive = true`` (with their ties).

>>> policy = PrivacyPolicy.from_settings_extra({"sensitive_fields": ["donorRef"]})
>>> [policy.is_sensitive_field(f) for f in ("contactName", "e_mail", "donorRef", "name", "description")]
[True, True, True, False, False]
>>> policy.clean_node({"id": "a", "name": "A", "focalPointEmail": "x@y.org"})
{'id': 'a', 'name': 'A'}
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from netmap.messages import Message, Names

__all__ = ["PrivacyPolicy", "SENSITIVE_PATTERN"]

SENSITIVE_PATTERN = re.compile(r"contact|e[-_]?mail|phone|mobile|person|private|passport|birth", re.IGNORECASE)
#: Tie types whose note is our own engagement record.
ENGAGEMENT_TYPES = frozenset({"ENGAGED_WITH"})


def _truthy(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("true", "yes", "1", "y")
    return bool(value)


@dataclass(frozen=True, slots=True)
class PrivacyPolicy:
    """Which fields, ties and actors to leave out. ``include_sensitive=True`` keeps everything."""

    include_sensitive: bool = False
    extra_fields: frozenset[str] = frozenset()

    @classmethod
    def from_settings_extra(cls, extra: Mapping[str, Any] | None, include_sensitive: bool = False) -> PrivacyPolicy:
        fields: Sequence[str] | str = (extra or {}).get("sensitive_fields") or ()
        if isinstance(fields, str):
            fields = [f.strip() for f in fields.split(",")]
        return cls(include_sensitive, frozenset(str(f).casefold() for f in fields if str(f).strip()))

    def is_sensitive_field(self, name: str) -> bool:
        return bool(SENSITIVE_PATTERN.search(name)) or name.casefold() in self.extra_fields

    def hides_actor(self, props: Mapping[str, Any]) -> bool:
        """True when a whole actor (and its ties) is left out."""
        return not self.include_sensitive and _truthy(props.get("sensitive"))

    def clean_node(self, props: Mapping[str, Any]) -> dict[str, Any]:
        if self.include_sensitive:
            return dict(props)
        return {k: v for k, v in props.items() if not self.is_sensitive_field(k)}

    def clean_tie(self, rel_type: str, props: Mapping[str, Any]) -> dict[str, Any]:
        if self.include_sensitive:
            return dict(props)
        return {
            k: v
            for k, v in props.items()
            if not self.is_sensitive_field(k) and not (k == "note" and rel_type in ENGAGEMENT_TYPES)
        }

    def clean_engagement(self, entry: Mapping[str, Any]) -> dict[str, Any]:
        """An engagement-log entry with its note left out unless sensitive data is included."""
        if self.include_sensitive:
            return dict(entry)
        return {k: v for k, v in entry.items() if k != "note"}

    def describe(self) -> str:
        if self.include_sensitive:
            return Message(
                "WARNING: this bundle INCLUDES SENSITIVE DATA (--include-sensitive): contact details, fields "
                "about individual people, engagement notes and actors flagged sensitive. Share it only with "
                "people allowed to see them."
            )
        words = "contact, email, phone, mobile, person, private, passport, birth"
        if self.extra_fields:
            return Message(
                "Privacy: fields about individual people or contact details (names containing %(words)s) and the "
                "configured sensitive_fields (%(fields)s), engagement notes and actors flagged sensitive are left out.",
                words=words,
                fields=Names(tuple(sorted(self.extra_fields))),
            )
        return Message(
            "Privacy: fields about individual people or contact details (names containing %(words)s), "
            "engagement notes and actors flagged sensitive are left out.",
            words=words,
        )
