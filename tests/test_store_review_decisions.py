"""Review decisions on candidates that were already settled: by an earlier decision kept across a
re-import, or by a merge that took the incoming actor away."""

from __future__ import annotations

from typing import Any

import pytest

from netmap.errors import InputError, QueryError
from netmap.model import ReviewItem
from netmap.store.review import accept, list_review_items, reject, save_review_items

pytestmark = pytest.mark.neo4j


def _item(incoming: str, candidate: str) -> ReviewItem:
    return ReviewItem(
        incoming_id=incoming,
        incoming_name=incoming.upper(),
        candidate_id=candidate,
        candidate_name=candidate.upper(),
        score=0.9,
        reason="similar names",
        source_id="s",
    )


@pytest.fixture
def actors(store: Any) -> Any:
    store.execute_write("UNWIND ['a', 'b', 'c'] AS id CREATE (:Entity:Actor {id: id, name: toUpper(id), kind: 'NGO'})")
    return store


def test_a_decision_on_a_candidate_a_reimport_found_already_decided_is_refused(actors: Any) -> None:
    save_review_items(actors, [_item("a", "b")])
    item = list_review_items(actors)[0]["id"]
    reject(actors, item, by="ana")
    save_review_items(actors, [_item("a", "b")])  # the same files imported again
    assert list_review_items(actors) == []
    with pytest.raises(InputError, match=rf"review item {item}: was already rejected by ana on .* nothing changed"):
        accept(actors, item, by="ben")
    assert actors.execute_read("MATCH (a:Actor) RETURN count(a) AS n") == [{"n": 3}]  # nothing merged


def test_accepting_a_candidate_whose_incoming_actor_was_merged_meanwhile_closes_it(actors: Any) -> None:
    save_review_items(actors, [_item("a", "b"), _item("a", "c")])
    items = {r["candidate_id"]: r["id"] for r in list_review_items(actors)}
    accept(actors, items["b"], by="ana")  # a is merged into b: the item a ~ c is settled by it
    with pytest.raises(InputError, match="incoming actor a no longer exists .* nothing changed; the item was closed"):
        accept(actors, items["c"], by="ben")
    assert list_review_items(actors) == []
    assert actors.execute_read("MATCH (a:Actor) RETURN a.id AS id ORDER BY id") == [{"id": "b"}, {"id": "c"}]


def test_a_merge_that_fails_at_its_last_write_leaves_nothing_half_merged(actors: Any) -> None:
    actors.execute_write(
        "MATCH (a:Actor {id: 'a'}), (c:Actor {id: 'c'}) CREATE (a)-[:MEMBER_OF {key: ''}]->(c), (c)-[:FUNDS {key: 'g'}]->(a)"
    )
    save_review_items(actors, [_item("a", "b")])
    item = list_review_items(actors)[0]["id"]
    # The candidate's history record ("merged from") is the merge's last write: make it collide.
    actors.execute_write("CREATE (:Change {id: 'earlier', actorId: 'x', after: 'merged from'})")
    state = "MATCH (x:Actor) OPTIONAL MATCH (x)-[r]->(y) RETURN x.id AS id, properties(x) AS p, type(r) AS t, y.id AS y ORDER BY id, t"
    before = actors.execute_read(state)
    actors.execute_write("CREATE CONSTRAINT merge_fails_late IF NOT EXISTS FOR (h:Change) REQUIRE h.after IS UNIQUE")
    try:
        with pytest.raises(QueryError, match="already exists with"):
            accept(actors, item, by="ana")
    finally:
        actors.execute_write("DROP CONSTRAINT merge_fails_late IF EXISTS")
    assert actors.execute_read(state) == before  # a still there with its ties, b as it was
    assert [i["id"] for i in list_review_items(actors)] == [item]  # still open
    assert actors.execute_read("MATCH (h:Change) RETURN count(h) AS n") == [{"n": 1}]
    assert accept(actors, item, by="ana")["moved"] == 2  # without the constraint it goes through
