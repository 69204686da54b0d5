"""How the history (:mod:`netmap.store.history`) reads in the web app: kinds of change, values before
and after, times, in the language in force."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from flask import Flask
from flask_babel import format_date, format_datetime, lazy_gettext
from netmap.web.i18n import field, term

__all__ = ["init_app", "kind_name", "shown", "stamp"]

_l = lazy_gettext

#: Display names of the kinds of change.
KINDS: Mapping[str, Any] = {
    "field": _l("edit"),
    "revert": _l("revert"),
    "engagement": _l("engagement"),
    "assessment": _l("assessment"),
    "review": _l("duplicate review"),
    "user": _l("user account"),
    "owner": _l("relationship owner"),
    "next step": _l("next step"),
    "introduction": _l("introduction request"),
}

#: Outcomes of a duplicate review, as recorded (the other actor's id is the change's detail).
OUTCOMES: Mapping[str, Any] = {
    "open": _l("open"),
    "merged into": _l("merged into"),
    "merged from": _l("merged with"),
    "kept apart": _l("kept apart from"),
    "not sure": _l("not sure about"),
}

#: Fields that only the history names (the actor's own fields are :data:`netmap.web.i18n.FIELDS`).
FIELDS: Mapping[str, Any] = {
    "assessment": _l("Stakeholder assessment"),
    "duplicate": _l("Possible duplicate"),
    "owner": _l("Owner"),
    "next step": _l("Next step"),
    "introduction to": _l("Introduction to"),
    "introduction through": _l("Introduction through"),
}


def kind_name(kind: Any) -> str:
    found = KINDS.get(str(kind))
    return str(found) if found is not None else str(kind or "")


def field_name(name: Any) -> str:
    found = FIELDS.get(str(name))
    return str(found) if found is not None else field(str(name or ""))


def shown(value: Any, name: str | None = None) -> str:
    """A value before or after a change as a person reads it: vocabulary translated, lists joined,
    none as a dash; an assessment (``[influence, interest, stance, date]``) and a next step
    (``[step, due]``) spelt out."""
    if value is None or value == "" or value == []:
        return "—"
    if name == "assessment" and isinstance(value, list) and len(value) == 4:
        return str(
            _l(
                "%(influence)s/5 influence, %(interest)s/5 interest, %(stance)s (%(date)s)",
                influence=value[0],
                interest=value[1],
                stance=term(value[2]),
                date=_day(value[3]),
            )
        )
    if name == "next step" and isinstance(value, list) and len(value) == 2:
        return f"{value[0]} ({_l('due %(date)s', date=_day(value[1]))})"
    if name == "duplicate":
        found = OUTCOMES.get(str(value))
        return str(found) if found is not None else str(value)
    if isinstance(value, list):
        return ", ".join(term(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return term(value)


def _day(value: Any) -> str:
    try:
        return str(format_date(date.fromisoformat(str(value)), "medium"))
    except ValueError:
        return str(value)


def stamp(value: Any) -> str:
    """A change's time (ISO text) in the locale's medium format, as plain text."""
    try:
        return str(format_datetime(datetime.fromisoformat(str(value).replace("Z", "+00:00")), "medium"))
    except ValueError:
        return str(value or "")


def init_app(app: Flask) -> None:
    app.jinja_env.filters["change_kind"] = kind_name
    app.jinja_env.filters["change_field"] = field_name
    app.jinja_env.filters["shown"] = shown
