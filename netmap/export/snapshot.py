"""The canonical state of a quarter: sorted, rounded, JSON with sorted keys. ``netmap diff`` compares two.

Only ``exportedAt`` carries the time of the export; everything else is a function of the data.

>>> text = dumps_snapshot({"quarter": "2026-Q4", "actors": [], "ties": []})
>>> loads_snapshot(text)["quarter"]
'2026-Q4'
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from netmap.errors import InputError

if TYPE_CHECKING:
    from netmap.export.state import ExportState

__all__ = ["FORMAT", "build_snapshot", "dumps_snapshot", "loads_snapshot"]

FORMAT = "netmap-snapshot/1"
TIE_FIELDS = ("strength", "since", "until", "amount", "currency")


def _sorted_list(value: Any) -> list[Any]:
    return sorted(str(v) for v in (value or []))


def build_snapshot(state: ExportState) -> dict[str, Any]:
    """The snapshot of an export: actors with their scores, initiatives, ties, entry points, coverage gaps."""
    entry_rank = state.entry_ids()
    actors, initiatives = [], []
    for e in sorted(state.entities, key=lambda e: str(e["id"])):
        p = e["props"]
        if e["label"] != "Actor":
            initiatives.append(
                {
                    "id": e["id"],
                    "label": e["label"],
                    "name": p.get("name") or e["id"],
                    "countries": _sorted_list(p.get("countries")),
                    "sectors": _sorted_list(p.get("sectors")),
                }
            )
            continue
        s = state.scores.get(e["id"], {})
        actors.append(
            {
                "id": e["id"],
                "name": p.get("name") or e["id"],
                "kind": p.get("kind"),
                "sphere": p.get("sphere"),
                "country": p.get("country"),
                "sectors": _sorted_list(p.get("sectors")),
                "engagement": p.get("engagement"),
                "influence": p.get("influence"),
                "entryScore": s.get("entryScore"),
                "entryRank": entry_rank.get(e["id"]),
                "brokerage": s.get("brokerage"),
                "crossSphereBetweenness": s.get("crossSphereBetweenness"),
                "pagerank": s.get("pagerank"),
                "community": s.get("community"),
                "inGraph": e["id"] in state.scores,
            }
        )
    ties = sorted(
        (
            {
                "source": t["source"],
                "target": t["target"],
                "type": t["type"],
                "key": t["key"],
                **{k: t["props"].get(k) for k in TIE_FIELDS},
            }
            for t in state.ties
        ),
        key=lambda t: (t["source"], t["target"], t["type"], t["key"]),
    )
    entry_points = [
        {
            "rank": e["rank"],
            "id": e["id"],
            "name": e["name"],
            "score": e["score"],
            "components": e["components"],
            "reasons": e["reasons"],
        }
        for e in state.entry_points.get("entry_points", [])
    ]
    gaps = [
        {k: r[k] for k in ("country", "sector", "actors", "engaged", "gap", "coverage")}
        for r in state.coverage
        if r["gap"] > 0
    ]
    return {
        "format": FORMAT,
        "quarter": str(state.quarter),
        "exportedAt": state.exported_at,
        "dataDate": state.data_date,
        "home": state.home,
        "filters": state.options.as_dict(),
        "includeSensitive": state.policy.include_sensitive,
        "counts": {
            "actors": len(actors),
            "initiatives": len(initiatives),
            "ties": len(ties),
            "entryPoints": len(entry_points),
            "hiddenSensitiveActors": state.hidden_actors,
        },
        "actors": actors,
        "initiatives": initiatives,
        "ties": ties,
        "entryPoints": entry_points,
        "coverageGaps": gaps,
    }


def dumps_snapshot(snapshot: dict[str, Any]) -> str:
    """Canonical JSON: sorted keys, one-space indent, UTF-8 text, trailing newline."""
    return json.dumps(snapshot, sort_keys=True, indent=1, ensure_ascii=False, default=str) + "\n"


def loads_snapshot(text: str, origin: str = "snapshot") -> dict[str, Any]:
    """Parse and check a snapshot; :class:`InputError` when it is not one."""
    try:
        data = json.loads(text)
    except (TypeError, ValueError) as exc:
        raise InputError(origin, f"not a netmap snapshot (invalid JSON: {exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("actors"), list) or not isinstance(data.get("ties"), list):
        raise InputError(origin, "not a netmap snapshot (no actors and ties)")
    return data
