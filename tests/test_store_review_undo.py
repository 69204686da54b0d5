"""Undoing an accepted merge over a real Neo4j: the two actors and their ties come back exactly, and an
undo a later change made unsafe (or a merge from before undo was kept) is refused with nothing changed."""

from __future__ import annotations

from typing import Any

import pytest

from netmap.errors import InputError, QueryError
from netmap.model import ReviewItem
from netmap.store.review import accept, list_review_items, save_review_items, undo

pytestmark = pytest.mark.neo4j

_GRAPH = """
CREATE (a:Entity:Actor {id: 'a', name: 'Talent Beyond Boundries', kind: 'NGO', aliases: ['TBB'],
                        sources: ['s2'], lei: 'LEI-A', editedAt: datetime('2026-05-01T10:00:00.123456789Z')})
CREATE (b:Entity:Actor {id: 'b', name: 'Talent Beyond Boundaries', kind: 'NGO', sources: ['s1']})
CREATE (c:Entity:Actor {id: 'c', name: 'Refugee Network', kind: 'Network'})
CREATE (d:Entity:Actor {id: 'd', name: 'Donor Fund', kind: 'Donor'})
CREATE (a)-[:MEMBER_OF {key: '', since: date('2024-01-01'), sources: ['s2']}]->(c)
CREATE (b)-[:MEMBER_OF {key: '', since: date('2020-06-01'), sources: ['s1']}]->(c)
CREATE (d)-[:FUNDS {key: 'grant-7', amount: 12000, currency: 'EUR'}]->(a)
CREATE (a)-[:PARTNERS_WITH {note: 'same people'}]->(b)
CREATE (d)-[:PARTNERS_WITH]->(b)
"""
_NODES = "MATCH (n:Actor) RETURN n.id AS id, labels(n) AS labels, properties(n) AS props ORDER BY id"
_TIES = """
MATCH (x:Actor)-[r]->(y:Actor)
RETURN x.id AS start, type(r) AS type, y.id AS end, properties(r) AS props ORDER BY start, type, end
"""


def _state(store: Any) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Actors (without ``rev``, the history counter that every recorded change moves on) and ties."""
    nodes = [
        {**n, "props": {k: v for k, v in n["props"].items() if k != "rev"}} for n in store.execute_read(_NODES, {})
    ]
    return nodes, list(store.execute_read(_TIES, {}))


@pytest.fixture
def merge(store: Any) -> tuple[Any, str]:
    store.execute_write(_GRAPH)
    item = ReviewItem(
        incoming_id="a",
        incoming_name="Talent Beyond Boundries",
        candidate_id="b",
        candidate_name="Talent Beyond Boundaries",
        score=0.9,
        reason="similar name",
        source_id="s2",
    )
    save_review_items(store, [item])
    return store, list_review_items(store)[0]["id"]


def test_undo_of_a_merge_gives_back_both_actors_and_their_ties_exactly(merge: tuple[Any, str]) -> None:
    store, item = merge
    before = _state(store)
    accept(store, item, by="ana")
    merged = _state(store)
    assert [n["id"] for n in merged[0]] == ["b", "c", "d"]
    assert "TBB" in merged[0][0]["props"]["aliases"] and merged[0][0]["props"]["lei"] == "LEI-A"
    assert undo(store, item, by="ben") == {"id": item, "status": "open", "was": "accepted"}
    assert _state(store) == before
    assert [i["id"] for i in list_review_items(store)] == [item]  # open again, and can be decided again
    history = store.execute_read(
        "MATCH (c:Change {kind: 'review'}) WHERE c.actorId IN ['a', 'b'] "
        "RETURN c.actorId AS actor, c.before AS before, c.after AS after, c.by AS by ORDER BY c.at, actor",
        {},
    )
    assert [(h["actor"], h["before"], h["after"], h["by"]) for h in history][-2:] == [
        ("a", "merged", "open", "ben"),
        ("b", "merged", "open", "ben"),
    ]
    accept(store, item, by="ana")  # a second merge and undo work the same
    undo(store, item, by="ana")
    assert _state(store) == before


def test_undo_of_a_merge_is_refused_when_the_incoming_id_exists_again(merge: tuple[Any, str]) -> None:
    store, item = merge
    accept(store, item, by="ana")
    store.execute_write("CREATE (:Entity:Actor {id: 'a', name: 'Someone else'})")
    merged = _state(store)
    with pytest.raises(InputError, match="cannot be undone: an actor with id a exists again"):
        undo(store, item, by="ben")
    assert _state(store) == merged
    assert list_review_items(store) == []  # still accepted


def test_undo_of_a_merge_is_refused_when_a_moved_tie_lost_its_other_end(merge: tuple[Any, str]) -> None:
    store, item = merge
    accept(store, item, by="ana")
    store.execute_write("MATCH (d:Actor {id: 'd'}) DETACH DELETE d")
    merged = _state(store)
    with pytest.raises(InputError, match=r"a tie's other end is gone \(d\)"):
        undo(store, item, by="ben")
    assert _state(store) == merged


def test_undo_of_a_merge_accepted_before_undo_was_kept_says_so(merge: tuple[Any, str]) -> None:
    store, item = merge
    accept(store, item, by="ana")
    store.execute_write("MATCH (r:ReviewItem {id: $id}) REMOVE r.undoRecord", {"id": item})  # as older merges
    merged = _state(store)
    with pytest.raises(InputError, match="before merges could be undone.*only merges accepted since"):
        undo(store, item, by="ben")
    assert _state(store) == merged


@pytest.mark.parametrize(
    ("constraint", "write"),
    [
        ("FOR (h:Change) REQUIRE h.after IS UNIQUE", "the second actor's history record, the last write"),
        ("FOR (r:ReviewItem) REQUIRE r.status IS UNIQUE", "the item reopened, after the actors are back"),
    ],
)
def test_undo_of_a_merge_that_fails_at_a_late_write_leaves_nothing_half_undone(
    merge: tuple[Any, str], constraint: str, write: str
) -> None:
    store, item = merge
    accept(store, item, by="ana")
    # A second item, open: its status makes the reopen collide when status must be unique; and the undo's
    # history of the incoming actor ('open') makes the candidate's ('open' too) collide when after must be.
    store.execute_write("CREATE (:ReviewItem {id: 'other', status: 'open', incomingId: 'c', candidateId: 'd'})")
    merged = _state(store)
    changes = store.execute_read("MATCH (h:Change) RETURN count(h) AS n")[0]["n"]
    store.execute_write(f"CREATE CONSTRAINT undo_fails_late IF NOT EXISTS {constraint}")
    try:
        with pytest.raises(QueryError, match="already exists with"):
            undo(store, item, by="ben")
    finally:
        store.execute_write("DROP CONSTRAINT undo_fails_late IF EXISTS")
    assert _state(store) == merged, write  # no actor 'a', no tie put back, the candidate as merged
    assert store.execute_read("MATCH (h:Change) RETURN count(h) AS n")[0]["n"] == changes  # nothing recorded
    assert [i["id"] for i in list_review_items(store, status="accepted")] == [item]
    assert store.execute_read(
        "MATCH (r:ReviewItem {id: $id}) RETURN r.undoRecord IS NOT NULL AS kept", {"id": item}
    ) == [{"kept": True}]
    undo(store, item, by="ben")  # without the constraint the same undo goes through
    assert [n["id"] for n in _state(store)[0]] == ["a", "b", "c", "d"]
