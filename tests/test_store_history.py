"""The history of changes in the graph: who, when, what, before → after; unseen changes never
overwritten; reverts recorded and refused when a later change overwrote the one to revert."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from netmap.errors import EditConflict, InputError, NotFound
from netmap.store.assessments import add_assessment
from netmap.store.edits import revert_change, update_actor
from netmap.store.history import count_changes, count_query, list_changes, list_query, parse_since, record_change
from netmap.store.review import accept, reject, save_review_items
from netmap.store.views import actor, add_engagement

pytestmark = pytest.mark.neo4j


def _rev(store: Any, actor_id: str = "unhcr") -> int:
    return int(actor(store, actor_id).get("rev") or 0)


def test_a_save_records_one_change_per_field_it_changed_with_before_and_after(sample_store: Any) -> None:
    before = actor(sample_store, "unhcr")
    result = update_actor(
        sample_store,
        "unhcr",
        {
            "name": before["name"],
            "country": "FRA",
            "tags": "refugees, skills",
            "description": before.get("description"),
        },
        by="ana",
        seen_rev=_rev(sample_store),
    )
    assert sorted(result["changed"]) == ["country", "tags"]
    changes = list_changes(sample_store, "unhcr")
    got = sorted((c["field"], c["before"], c["after"], c["by"], c["kind"]) for c in changes)
    assert got == [
        ("country", before.get("country"), "FRA", "ana", "field"),
        ("tags", before.get("tags"), ["refugees", "skills"], "ana", "field"),
    ]
    assert {c["rev"] for c in changes} == {result["rev"]} and actor(sample_store, "unhcr")["country"] == "FRA"
    assert count_changes(sample_store, "unhcr") == 2 and changes[0]["at"].startswith("20")


def test_a_second_save_that_would_overwrite_an_unseen_change_is_refused_naming_it(sample_store: Any) -> None:
    seen = _rev(sample_store)  # both editors open the form now
    tags = actor(sample_store, "unhcr").get("tags")
    update_actor(sample_store, "unhcr", {"country": "FRA"}, by="ana", seen_rev=seen)
    with pytest.raises(EditConflict) as caught:
        update_actor(sample_store, "unhcr", {"country": "ESP", "tags": "x"}, by="bea", seen_rev=seen)
    assert "country was changed by ana" in str(caught.value) and "'FRA'" in str(caught.value)
    assert [c["by"] for c in caught.value.changes] == ["ana"]
    after = actor(sample_store, "unhcr")
    assert after["country"] == "FRA" and after.get("tags") == tags  # nothing of bea's save was written
    assert [c["by"] for c in list_changes(sample_store, "unhcr")] == ["ana"]


def test_a_second_save_keeps_an_unseen_change_of_a_field_it_did_not_touch(sample_store: Any) -> None:
    old = actor(sample_store, "unhcr")
    seen = _rev(sample_store)
    update_actor(sample_store, "unhcr", {"country": "FRA"}, by="ana", seen_rev=seen)
    # bea's form still shows the old country; she changes only the tags
    result = update_actor(
        sample_store, "unhcr", {"country": old.get("country") or "", "tags": "skills"}, by="bea", seen_rev=seen
    )
    assert result == {"changed": ["tags"], "kept": ["country"], "rev": seen + 2}
    now = actor(sample_store, "unhcr")
    assert now["country"] == "FRA" and now["tags"] == ["skills"]


def test_two_saves_at_the_same_moment_one_wins_the_other_is_refused(sample_store: Any) -> None:
    seen = _rev(sample_store)
    outcomes: list[str] = []
    start = threading.Barrier(2)

    def save(who: str, country: str) -> None:
        start.wait()
        try:
            update_actor(sample_store, "unhcr", {"country": country}, by=who, seen_rev=seen)
            outcomes.append("saved")
        except EditConflict:
            outcomes.append("refused")

    threads = [threading.Thread(target=save, args=a) for a in (("ana", "FRA"), ("bea", "ESP"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["refused", "saved"]
    (change,) = list_changes(sample_store, "unhcr")
    assert actor(sample_store, "unhcr")["country"] == change["after"]


def test_a_revert_sets_the_field_back_and_is_itself_recorded(sample_store: Any) -> None:
    old = actor(sample_store, "unhcr")["name"]
    update_actor(sample_store, "unhcr", {"name": "UN Refugee Agency"}, by="ana")
    (change,) = list_changes(sample_store, "unhcr")
    done = revert_change(sample_store, change["id"], by="bea")
    assert done == {"actor": "unhcr", "field": "name", "value": old}
    now = actor(sample_store, "unhcr")
    assert now["name"] == old and now["nameLower"] == old.lower()
    latest = list_changes(sample_store, "unhcr")[0]
    assert (latest["kind"], latest["by"], latest["before"], latest["after"], latest["revertOf"]) == (
        "revert",
        "bea",
        "UN Refugee Agency",
        old,
        change["id"],
    )


def test_a_revert_of_a_change_a_later_change_overwrote_is_refused_naming_the_later_one(sample_store: Any) -> None:
    update_actor(sample_store, "unhcr", {"country": "FRA"}, by="ana")
    first = list_changes(sample_store, "unhcr")[0]
    update_actor(sample_store, "unhcr", {"country": "ESP"}, by="bea")
    with pytest.raises(EditConflict) as caught:
        revert_change(sample_store, first["id"], by="carl")
    assert "country was changed by bea" in str(caught.value) and "'ESP'" in str(caught.value)
    assert caught.value.changes[0]["after"] == "ESP"
    assert actor(sample_store, "unhcr")["country"] == "ESP" and count_changes(sample_store, "unhcr") == 2
    # once the later change is reverted, the first one can be
    revert_change(sample_store, list_changes(sample_store, "unhcr")[0]["id"], by="carl")
    revert_change(sample_store, first["id"], by="carl")
    assert actor(sample_store, "unhcr").get("country") == first["before"]


def test_a_kind_edit_moves_the_label_and_its_revert_moves_it_back(sample_store: Any) -> None:
    kind = actor(sample_store, "unhcr")["kind"]
    update_actor(sample_store, "unhcr", {"kind": "Foundation"}, by="ana")
    assert sample_store.execute_read("MATCH (a:Foundation {id: 'unhcr'}) RETURN count(a) AS n")[0]["n"] == 1
    revert_change(sample_store, list_changes(sample_store, "unhcr")[0]["id"], by="ana")
    labels = sample_store.execute_read("MATCH (a {id: 'unhcr'}) RETURN labels(a) AS l")[0]["l"]
    assert kind in labels and "Foundation" not in labels


def test_only_field_changes_can_be_reverted(sample_store: Any) -> None:
    add_engagement(sample_store, "unhcr", date="2026-11-02", status="contacted", note="", by="ana", home_actor=None)
    change = list_changes(sample_store, "unhcr")[0]
    with pytest.raises(InputError, match="engagement changes cannot be reverted"):
        revert_change(sample_store, change["id"], by="ana")
    with pytest.raises(NotFound):
        revert_change(sample_store, "no-such-change", by="ana")


def test_engagements_assessments_and_review_decisions_are_in_the_history(sample_store: Any) -> None:
    from netmap.model import ReviewItem

    status = actor(sample_store, "unhcr").get("engagement")
    add_engagement(
        sample_store, "unhcr", date="2026-11-02", status="contacted", note="secret", by="ana", home_actor=None
    )
    add_assessment(
        sample_store, "unhcr", influence=4, interest=2, stance="neutral", note="", by="bea", date="2026-10-03"
    )
    add_assessment(
        sample_store, "unhcr", influence=5, interest=3, stance="supportive", note="", by="bea", date="2026-11-03"
    )
    ids = [r["id"] for r in sample_store.execute_read("MATCH (a:Actor) RETURN a.id AS id ORDER BY id LIMIT 3")]
    items = [
        ReviewItem(
            incoming_id=ids[0],
            incoming_name="A",
            candidate_id=ids[1],
            candidate_name="B",
            score=0.9,
            reason="similar names",
            source_id="s",
        ),
        ReviewItem(
            incoming_id=ids[2],
            incoming_name="C",
            candidate_id=ids[1],
            candidate_name="B",
            score=0.8,
            reason="similar names",
            source_id="s",
        ),
    ]
    save_review_items(sample_store, items)
    open_items = {
        r["incoming_id"]: r["id"]
        for r in sample_store.execute_read("MATCH (r:ReviewItem) RETURN r.id AS id, r.incomingId AS incoming_id")
    }
    reject(sample_store, open_items[ids[2]], by="carl")
    accept(sample_store, open_items[ids[0]], by="carl")

    unhcr = [(c["kind"], c["field"], c["before"], c["after"], c["by"]) for c in list_changes(sample_store, "unhcr")]
    assert ("engagement", "engagement", status, "contacted", "ana") in unhcr
    assert (
        "assessment",
        "assessment",
        ["4", "2", "neutral", "2026-10-03"],
        ["5", "3", "supportive", "2026-11-03"],
        "bea",
    ) in unhcr
    assert not any("secret" in str(c) for c in list_changes(sample_store, "unhcr"))  # notes stay out
    merged = list_changes(sample_store, ids[0])  # the actor is gone; its history is not
    assert [(c["after"], c["detail"], c["by"]) for c in merged] == [("merged into", ids[1], "carl")]
    assert {(c["after"], c["detail"]) for c in list_changes(sample_store, ids[1])} == {
        ("merged from", ids[0]),
        ("kept apart", ids[2]),
    }


def test_record_change_is_the_api_for_other_modules(sample_store: Any) -> None:
    rev = _rev(sample_store)
    record_change(sample_store, "unhcr", "owner", "ana", field="owner", before=None, after="bea")
    (change,) = list_changes(sample_store, "unhcr")
    assert (change["kind"], change["after"], change["rev"]) == ("owner", "bea", rev + 1) and _rev(
        sample_store
    ) == rev + 1


def test_the_history_is_newest_first_paged_and_filtered_by_date(sample_store: Any) -> None:
    for n in range(7):
        update_actor(sample_store, "unhcr", {"description": f"version {n}"}, by="ana")
    page1 = list_changes(sample_store, "unhcr", limit=3)
    page3 = list_changes(sample_store, "unhcr", limit=3, offset=6)
    assert [c["after"] for c in page1] == ["version 6", "version 5", "version 4"]
    assert [c["after"] for c in page3] == ["version 0"]
    assert list_changes(sample_store, "unhcr", since="2999-01-01") == []
    assert len(list_changes(sample_store, None, since="2000-01-01")) == 7
    with pytest.raises(InputError, match="--since: 'last week' is not a date"):
        parse_since("last week")


def _operators(plan: dict[str, Any]) -> list[tuple[str, int]]:
    """A PROFILE plan's operators (without the ``@database``), each with the rows it produced."""
    here = (plan["operatorType"].split("@")[0], int(plan.get("rows") or 0))
    return [here] + [op for child in plan.get("children", []) for op in _operators(child)]


def _profile(store: Any, query: str, params: dict[str, Any]) -> list[tuple[str, int]]:
    with store.session() as session:
        # planned afresh, on statistics of the data just written (the index samples are refreshed and
        # awaited first: on stale ones the planner may scan), not a plan an earlier test cached
        session.run("CALL db.prepareForReplanning()").consume()
        result = session.run("CYPHER replan=force PROFILE " + query, params)
        list(result)
        return _operators(dict(result.consume().profile))


def test_an_actors_history_reads_its_index_in_order_not_every_change(sample_store: Any) -> None:
    for n in range(30):  # one actor's changes, each at its own time, among other actors' changes
        update_actor(sample_store, "unhcr", {"description": f"version {n}"}, by="ana")
    sample_store.execute_write(
        "MATCH (a:Actor) WHERE a.id <> 'unhcr' UNWIND range(1, 5) AS i "
        "CREATE (:Change {id: randomUUID(), actorId: a.id, kind: 'field', field: 'url', by: 'ana', at: datetime()})"
    )
    for query, params in (list_query("unhcr", limit=5), count_query("unhcr")):
        names = [name for name, _rows in _profile(sample_store, query, params)]
        assert any(n.startswith("NodeIndexSeek") for n in names), " ".join(names)  # a seek (ByRange: the `at` bounds)
        assert not {"NodeByLabelScan", "NodeIndexScan", "AllNodesScan"} & set(names), names
    listing = _profile(sample_store, *list_query("unhcr", limit=5))
    assert "PartialTop" in [name for name, _rows in listing]  # the index gives the order: no sort of all 30
    seek = [rows for name, rows in listing if name.startswith("NodeIndexSeek")]
    assert seek[0] <= 6  # the page (and one more to see the order end), not the actor's 30 changes
