"""One map view as the query string says it: filters, a focus actor with hops, aggregation and layout.

>>> MapSpec.parse({"kind": ["Company"], "hops": ["2"], "focus": ["acme"]}).key()
'focus=acme&hops=2&kind=Company'
>>> MapSpec.parse({"layout": ["around-us"]}).key()
'layout=around-us'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from netmap.drawing.layouts import DEFAULT_LAYOUT, check_layout
from netmap.errors import InputError
from netmap.model import ACTOR_KINDS, ENGAGEMENT_STATUSES, REL_TYPES, SPHERES

__all__ = ["MapSpec"]

_ALLOWED = {
    "kind": {k.lower(): k for k in ACTOR_KINDS},
    "sphere": {s: s for s in SPHERES},
    "status": {s: s for s in ENGAGEMENT_STATUSES},
    "rel": {r.lower(): r for r in REL_TYPES},
}


@dataclass(frozen=True)
class MapSpec:
    """One map view: filters (empty = all), a focus actor with 1-3 hops, and how to aggregate."""

    kind: tuple[str, ...] = ()
    sphere: tuple[str, ...] = ()
    country: tuple[str, ...] = ()
    sector: tuple[str, ...] = ()
    status: tuple[str, ...] = ()
    rel: tuple[str, ...] = ()
    focus: str | None = None
    hops: int = 1
    aggregate: str = "top"
    layout: str = DEFAULT_LAYOUT

    @classmethod
    def parse(cls, args: Mapping[str, Any]) -> MapSpec:
        """From query-string style ``{name: [values]}`` (or single strings); :class:`InputError` when bad."""

        def values(name: str) -> list[str]:
            raw = args.get(name) or []
            raw = [raw] if isinstance(raw, str) else list(raw)
            out: list[str] = []
            for item in raw:
                out += [v.strip() for v in str(item).split(",") if v.strip()]
            if len(out) > 200 or any(len(v) > 200 for v in out):
                raise InputError(name, "too many or too long values")
            return out

        fields: dict[str, Any] = {}
        for name, allowed in _ALLOWED.items():
            chosen = []
            for v in values(name):
                canon = allowed.get(v.lower())
                if canon is None:
                    raise InputError(name, f"{v!r} is not a {name}", f"use one of {', '.join(allowed.values())}")
                chosen.append(canon)
            fields[name] = tuple(sorted(set(chosen)))
        fields["country"] = tuple(sorted({v.upper() for v in values("country")}))
        fields["sector"] = tuple(sorted(set(values("sector"))))
        focus = values("focus")
        fields["focus"] = focus[0] if focus else None
        hops_raw = values("hops") or ["1"]
        try:
            hops = int(hops_raw[0])
        except ValueError:
            raise InputError("hops", f"{hops_raw[0]!r} is not a number", "use 1, 2 or 3") from None
        if not 1 <= hops <= 3:
            raise InputError("hops", f"{hops} is out of range", "use 1, 2 or 3")
        fields["hops"] = hops
        aggregate = (values("aggregate") or ["top"])[0]
        if aggregate not in ("top", "communities"):
            raise InputError("aggregate", f"{aggregate!r} is not a choice", "use top or communities")
        fields["aggregate"] = aggregate
        fields["layout"] = check_layout((values("layout") or [DEFAULT_LAYOUT])[0])
        return cls(**fields)

    def key(self) -> str:
        parts = []
        for name in ("aggregate", "country", "focus", "hops", "kind", "layout", "rel", "sector", "sphere", "status"):
            value = getattr(self, name)
            if (
                name == "hops"
                and not self.focus
                or name == "aggregate"
                and value == "top"
                or name == "layout"
                and value == DEFAULT_LAYOUT
            ):
                continue
            if isinstance(value, tuple):
                if value:
                    parts.append(f"{name}={','.join(value)}")
            elif value is not None:
                parts.append(f"{name}={value}")
        return "&".join(parts)
