"""The diff between two hand-made quarters (pure: snapshot dicts in, changes out)."""

from __future__ import annotations

from netmap.export.diff import change_rows, diff_snapshots


def actor(id: str, engagement: str = "none", entry: float | None = None, brokerage: float = 0.0) -> dict:
    return {
        "id": id,
        "name": id.title(),
        "kind": "Company",
        "sphere": "economic",
        "country": "DEU",
        "engagement": engagement,
        "entryScore": entry,
        "brokerage": brokerage,
    }


Q3 = {
    "quarter": "2026-Q3",
    "dataDate": "2026-09-30",
    "actors": [
        actor("a", "none", 0.5, 0.1),
        actor("b", "identified", 0.4, 0.2),
        actor("c", "none", 0.3, 0.0),
        actor("gone", "none", 0.9, 0.5),
    ],
    "ties": [
        {"source": "a", "target": "b", "type": "PARTNERS_WITH", "key": ""},
        {"source": "b", "target": "gone", "type": "FUNDS", "key": "2025"},
    ],
    "entryPoints": [
        {"id": "gone", "name": "Gone", "rank": 1, "score": 0.9},
        {"id": "a", "name": "A", "rank": 2, "score": 0.5},
    ],
}
Q4 = {
    "quarter": "2026-Q4",
    "dataDate": "2026-12-20",
    "actors": [
        actor("a", "none", 0.45, 0.3),
        actor("b", "engaged", None, 0.1),
        actor("c", "none", 0.7, 0.0),
        actor("new", "identified", 0.6, 0.05),
    ],
    "ties": [
        {"source": "a", "target": "b", "type": "PARTNERS_WITH", "key": ""},
        {"source": "a", "target": "new", "type": "MEMBER_OF", "key": ""},
        {"source": "b", "target": "gone", "type": "FUNDS", "key": "2026"},
    ],
    "entryPoints": [
        {"id": "c", "name": "C", "rank": 1, "score": 0.7},
        {"id": "new", "name": "New", "rank": 2, "score": 0.6},
        {"id": "a", "name": "A", "rank": 3, "score": 0.45},
    ],
}


def test_diff_of_two_hand_made_quarters() -> None:
    d = diff_snapshots(Q3, Q4)
    assert (d["from"], d["to"]) == ("2026-Q3", "2026-Q4")
    assert [a["id"] for a in d["actors_added"]] == ["new"]
    assert [a["id"] for a in d["actors_removed"]] == ["gone"]
    assert [(t["source"], t["target"], t["type"], t["key"]) for t in d["ties_added"]] == [
        ("a", "new", "MEMBER_OF", ""),
        ("b", "gone", "FUNDS", "2026"),
    ]
    assert [(t["source"], t["target"], t["key"]) for t in d["ties_removed"]] == [("b", "gone", "2025")]
    assert d["engagement_changes"] == [{"id": "b", "name": "B", "before": "identified", "after": "engaged"}]
    # b has no entry score in Q4 (now engaged): not a faller; gone/new are not in both quarters
    assert [(m["id"], m["delta"]) for m in d["risers"]["entryScore"]] == [("c", 0.4)]
    assert [(m["id"], m["delta"]) for m in d["fallers"]["entryScore"]] == [("a", -0.05)]
    assert [(m["id"], m["delta"]) for m in d["risers"]["brokerage"]] == [("a", 0.2)]
    assert [(m["id"], m["delta"]) for m in d["fallers"]["brokerage"]] == [("b", -0.1)]
    assert [(e["id"], e["rank"]) for e in d["new_entry_points"]] == [("c", 1), ("new", 2)]
    assert d["notes"] == []


def test_change_rows_cover_every_kind_of_change() -> None:
    rows = change_rows(diff_snapshots(Q3, Q4))
    assert [r["change"] for r in rows] == [
        "actor added",
        "actor removed",
        "tie added",
        "tie added",
        "tie removed",
        "engagement changed",
        "entry score up",
        "entry score down",
        "brokerage up",
        "brokerage down",
        "new entry point",
        "new entry point",
    ]
    assert rows[2]["name"] == "A → New" and rows[2]["detail"] == "MEMBER_OF"


def test_top_limits_risers_and_same_snapshot_has_no_changes() -> None:
    assert diff_snapshots(Q3, Q4, top=0)["risers"]["entryScore"] == []
    assert change_rows(diff_snapshots(Q4, Q4)) == []


def test_notes_when_privacy_differs() -> None:
    d = diff_snapshots({**Q3, "includeSensitive": True}, Q4)
    assert d["notes"] and "sensitive" in d["notes"][0]
