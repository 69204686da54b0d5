"""What changed between two snapshots (pure: two dicts in, one dict out).

>>> a = {"quarter": "2026-Q3", "actors": [{"id": "x", "name": "X", "engagement": "none", "entryScore": 0.2}],
...      "ties": [], "entryPoints": []}
>>> b = {"quarter": "2026-Q4", "actors": [{"id": "x", "name": "X", "engagement": "contacted", "entryScore": 0.5},
...      {"id": "y", "name": "Y"}], "ties": [{"source": "x", "target": "y", "type": "FUNDS", "key": ""}],
...      "entryPoints": [{"id": "x", "name": "X", "rank": 1, "score": 0.5}]}
>>> d = diff_snapshots(a, b)
>>> [r["id"] for r in d["actors_added"]], d["engagement_changes"][0]["after"], d["risers"]["entryScore"][0]["delta"]
(['y'], 'contacted', 0.3)
>>> [r["change"] for r in change_rows(d)]
['actor added', 'tie added', 'engagement changed', 'entry score up', 'new entry point']
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from netmap.messages import Message

__all__ = ["METRICS", "change_rows", "diff_snapshots", "edit_rows"]

#: Scores whose risers and fallers are listed: snapshot field → words.
METRICS = {"entryScore": "entry score", "brokerage": "brokerage"}


def _tie_key(t: Mapping[str, Any]) -> tuple[str, str, str, str]:
    return (str(t["source"]), str(t["target"]), str(t["type"]), str(t.get("key") or ""))


def _brief(a: Mapping[str, Any]) -> dict[str, Any]:
    return {k: a.get(k) for k in ("id", "name", "kind", "sphere", "country", "engagement")}


def diff_snapshots(old: Mapping[str, Any], new: Mapping[str, Any], top: int = 10) -> dict[str, Any]:
    """New and removed actors and ties, engagement-status changes, the ``top`` biggest risers and fallers
    per score in :data:`METRICS` (actors in both quarters with the score in both) and new entry points."""
    before = {a["id"]: a for a in old.get("actors", [])}
    after = {a["id"]: a for a in new.get("actors", [])}
    names = {**{k: v.get("name") or k for k, v in before.items()}, **{k: v.get("name") or k for k, v in after.items()}}
    for item in (*old.get("initiatives", []), *new.get("initiatives", [])):
        names.setdefault(item["id"], item.get("name") or item["id"])
    old_ties = {_tie_key(t): t for t in old.get("ties", [])}
    new_ties = {_tie_key(t): t for t in new.get("ties", [])}

    def tie_row(key: tuple[str, str, str, str]) -> dict[str, Any]:
        s, t, typ, k = key
        return {
            "source": s,
            "target": t,
            "type": typ,
            "key": k,
            "source_name": names.get(s, s),
            "target_name": names.get(t, t),
        }

    common = sorted(set(before) & set(after))
    engagement = [
        {"id": i, "name": names[i], "before": before[i].get("engagement"), "after": after[i].get("engagement")}
        for i in common
        if (before[i].get("engagement") or None) != (after[i].get("engagement") or None)
    ]
    risers: dict[str, list[dict[str, Any]]] = {}
    fallers: dict[str, list[dict[str, Any]]] = {}
    for metric in METRICS:
        moves = []
        for i in common:
            x, y = before[i].get(metric), after[i].get(metric)
            if isinstance(x, (int, float)) and isinstance(y, (int, float)) and round(y - x, 6) != 0:
                moves.append({"id": i, "name": names[i], "before": x, "after": y, "delta": round(y - x, 6)})
        risers[metric] = sorted((m for m in moves if m["delta"] > 0), key=lambda m: (-m["delta"], m["id"]))[:top]
        fallers[metric] = sorted((m for m in moves if m["delta"] < 0), key=lambda m: (m["delta"], m["id"]))[:top]
    old_entries = {e["id"] for e in old.get("entryPoints", [])}
    new_entries = [
        {
            "id": e["id"],
            "name": e.get("name") or names.get(e["id"], e["id"]),
            "rank": e.get("rank"),
            "score": e.get("score"),
        }
        for e in sorted(new.get("entryPoints", []), key=lambda e: (e.get("rank") or 0, str(e["id"])))
        if e["id"] not in old_entries
    ]
    notes = []
    if bool(old.get("includeSensitive")) != bool(new.get("includeSensitive")):
        notes.append(
            Message("one snapshot includes sensitive data and the other does not: some changes may only reflect that")
        )
    if old.get("filters") != new.get("filters") and old.get("filters") is not None and new.get("filters") is not None:
        notes.append(Message("the two snapshots were exported with different entry-point filters"))
    return {
        "from": old.get("quarter"),
        "to": new.get("quarter"),
        "from_data_date": old.get("dataDate"),
        "to_data_date": new.get("dataDate"),
        "actors_added": [_brief(after[i]) for i in sorted(set(after) - set(before))],
        "actors_removed": [_brief(before[i]) for i in sorted(set(before) - set(after))],
        "ties_added": [tie_row(k) for k in sorted(set(new_ties) - set(old_ties))],
        "ties_removed": [tie_row(k) for k in sorted(set(old_ties) - set(new_ties))],
        "engagement_changes": engagement,
        "risers": risers,
        "fallers": fallers,
        "new_entry_points": new_entries,
        "notes": notes,
    }


def change_rows(diff: Mapping[str, Any]) -> list[dict[str, Any]]:
    """One flat row per change (``change, id, name, before, after, delta, detail``) for a table or sheet."""
    rows: list[dict[str, Any]] = []

    def add(
        change: str, id: str, name: str, before: Any = None, after: Any = None, delta: Any = None, detail: str = ""
    ) -> None:
        rows.append(
            {
                "change": change,
                "id": id,
                "name": name,
                "before": before,
                "after": after,
                "delta": delta,
                "detail": detail,
            }
        )

    for a in diff["actors_added"]:
        add(
            "actor added",
            a["id"],
            a["name"],
            detail=" · ".join(str(a[k]) for k in ("kind", "sphere", "country") if a.get(k)),
        )
    for a in diff["actors_removed"]:
        add(
            "actor removed",
            a["id"],
            a["name"],
            detail=" · ".join(str(a[k]) for k in ("kind", "sphere", "country") if a.get(k)),
        )
    for label, key in (("tie added", "ties_added"), ("tie removed", "ties_removed")):
        for t in diff[key]:
            add(
                label,
                f"{t['source']}->{t['target']}",
                f"{t['source_name']} → {t['target_name']}",
                detail=t["type"] + (f" ({t['key']})" if t["key"] else ""),
            )
    for e in diff["engagement_changes"]:
        add("engagement changed", e["id"], e["name"], e["before"], e["after"])
    for metric, words in METRICS.items():
        for m in diff["risers"].get(metric, []):
            add(f"{words} up", m["id"], m["name"], m["before"], m["after"], m["delta"])
        for m in diff["fallers"].get(metric, []):
            add(f"{words} down", m["id"], m["name"], m["before"], m["after"], m["delta"])
    for e in diff["new_entry_points"]:
        add("new entry point", e["id"], e["name"], after=e["score"], detail=f"rank {e['rank']}")
    return rows


#: How each kind of recorded change reads in the Changes sheet.
_EDIT_WORDS = {
    "field": "edited",
    "revert": "reverted",
    "engagement": "engagement",
    "assessment": "assessed",
    "review": "duplicate review",
    "owner": "relationship owner",
    "next step": "next step",
    "introduction": "introduction request",
}


def edit_rows(edits: list[dict[str, Any]], *, absent: str = "an actor not in this bundle") -> list[dict[str, Any]]:
    """The history's changes (:func:`netmap.store.history.list_changes` rows, as
    :meth:`netmap.export.state.ExportState.keep_edits` keeps them) as :func:`change_rows` rows, who and
    when in the detail. The other actor of an introduction request or a duplicate review is named by
    ``other``; ``absent`` stands for one the bundle leaves out.

    >>> edit_rows([{"kind": "field", "field": "country", "actor": "x", "name": "X", "before": None,
    ...             "after": "FRA", "by": "ana", "at": "2026-10-03T09:00:00Z", "detail": None}])[0]["detail"]
    'by ana, 2026-10-03'
    >>> edit_rows([{"kind": "introduction", "field": "introduction to", "actor": "x", "name": "X",
    ...             "after": "requested", "by": "ana", "at": "2026-10-03T09:00:00Z", "other": None}])[0]["change"]
    'introduction request: introduction to an actor not in this bundle'
    """
    from netmap.store.history import show_value

    rows = []
    for c in edits:
        words = _EDIT_WORDS.get(str(c["kind"]), str(c["kind"]))
        what = f"{words} {c['field']}" if c["kind"] in ("field", "revert") else words
        other = (c["other"] or absent) if "other" in c else c.get("detail")
        if c["kind"] == "introduction":  # "introduction request: introduction to <the other actor>"
            what = f"{words}: {c['field']} {other or ''}".strip()
        extra = f"; {other}" if other and c["kind"] != "introduction" else ""
        rows.append(
            {
                "change": what,
                "id": c["actor"],
                "name": c.get("name") or c["actor"],
                "before": show_value(c.get("before")),
                "after": show_value(c.get("after")),
                "delta": None,
                "detail": f"by {c['by']}, {str(c['at'])[:10]}{extra}",
            }
        )
    return rows
