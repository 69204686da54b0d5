"""Rows like :meth:`netmap.store.Store.graph_rows` returns, made by hand: for tests, examples, the bench."""

from __future__ import annotations

from typing import Any

__all__ = ["actor", "initiative", "tie"]


def actor(
    id: str,
    *,
    name: str | None = None,
    kind: str | None = "Other",
    sphere: str | None = None,
    country: str | None = None,
    sectors: list[str] | tuple[str, ...] = (),
    influence: int | None = None,
    engagement: str | None = None,
) -> dict[str, Any]:
    """A node row for an actor.

    >>> actor("iom", sphere="both")["label"]
    'Actor'
    """
    return {
        "id": id,
        "label": "Actor",
        "name": name or id,
        "kind": kind,
        "sphere": sphere,
        "country": country,
        "countries": [],
        "sectors": list(sectors),
        "influence": influence,
        "engagement": engagement,
        "illustrative": False,
    }


def initiative(
    id: str, *, label: str = "Forum", name: str | None = None, countries: tuple[str, ...] = ()
) -> dict[str, Any]:
    """A node row for a programme or forum.

    >>> initiative("taskforce")["label"]
    'Forum'
    """
    return {
        "id": id,
        "label": label,
        "name": name or id,
        "kind": None,
        "sphere": None,
        "country": None,
        "countries": list(countries),
        "sectors": [],
        "influence": None,
        "engagement": None,
        "illustrative": False,
    }


def tie(
    source: str,
    target: str,
    type: str = "PARTNERS_WITH",
    *,
    strength: int | None = None,
    since: str | None = None,
    until: str | None = None,
    key: str = "",
) -> dict[str, Any]:
    """An edge row.

    >>> tie("a", "b")["type"]
    'PARTNERS_WITH'
    """
    return {
        "source": source,
        "target": target,
        "type": type,
        "strength": strength,
        "since": since,
        "until": until,
        "amount": None,
        "currency": None,
        "key": key,
        "note": None,
    }
