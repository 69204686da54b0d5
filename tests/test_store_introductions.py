"""Introduction requests in the graph: tracked from requested to done, and done moves the target on."""

from __future__ import annotations

from typing import Any

import pytest

from netmap.errors import InputError, NotFound
from netmap.store.introductions import introduction, introductions, request_introduction, set_introduction_status
from netmap.store.views import engagement_log

pytestmark = pytest.mark.neo4j


@pytest.fixture
def network(store: Any) -> Any:
    store.execute_write(
        """
        CREATE (us:Entity:Actor {id: 'us', name: 'Us', kind: 'IGO'})
        CREATE (p:Entity:Actor {id: 'p', name: 'Partner NGO', kind: 'NGO', engagement: 'partner'})
        CREATE (t:Entity:Actor {id: 't', name: 'Target Corp', kind: 'Company', engagement: 'identified'})
        CREATE (e:Entity:Actor {id: 'e', name: 'Engaged Co', kind: 'Company', engagement: 'engaged'})
        CREATE (us)-[:PARTNERS_WITH {key: ''}]->(p), (p)-[:PARTNERS_WITH {key: ''}]->(t),
               (p)-[:PARTNERS_WITH {key: ''}]->(e)
        """
    )
    return store


def _ask(store: Any, target: str = "t", **extra: Any) -> dict[str, Any]:
    return request_introduction(
        store,
        "p",
        target,
        route="Us → Partner NGO → Target Corp",
        route_ids=["us", "p", target],
        note="",
        by="ana",
        **extra,
    )


def test_a_request_is_shown_on_both_actors_and_moves_to_done(network: Any) -> None:
    row = _ask(network, today="2026-12-01")
    assert (row["status"], row["via_name"], row["target_name"], row["requested_on"]) == (
        "requested",
        "Partner NGO",
        "Target Corp",
        "2026-12-01",
    )
    assert (
        [r["id"] for r in introductions(network, "p")] == [row["id"]] == [r["id"] for r in introductions(network, "t")]
    )
    assert introductions(network, "us") == []
    accepted = set_introduction_status(network, row["id"], "accepted", by="ben", home_actor="us")
    assert (accepted["status"], accepted["updated_by"], accepted["engagement"]) == ("accepted", "ben", None)
    done = set_introduction_status(network, row["id"], "done", by="ben", home_actor="us", note="met on 3 Dec")
    assert (done["status"], done["engagement"]) == ("done", "contacted")
    log = engagement_log(network, "t")
    assert [(e["status"], e["by"]) for e in log] == [("contacted", "ben")]
    assert log[0]["note"] == f"Introduced by Partner NGO (introduction request {row['id']}): met on 3 Dec"
    tie = network.execute_read("MATCH (:Actor {id: 'us'})-[r:ENGAGED_WITH]->(:Actor {id: 't'}) RETURN r.status AS s")
    assert tie == [{"s": "contacted"}]
    assert introductions(network, "t", open_only=True) == []
    assert introduction(network, row["id"])["note"] == "met on 3 Dec"


def test_the_outcome_is_added_to_the_request_note_not_put_in_its_place(network: Any) -> None:
    row = request_introduction(
        network, "p", "t", route="r", route_ids=["us", "p", "t"], note="ask at the forum", by="ana"
    )
    set_introduction_status(network, row["id"], "done", by="ben", home_actor="us", note="met on 3 Dec")
    assert introduction(network, row["id"])["note"] == "ask at the forum\nmet on 3 Dec"
    assert engagement_log(network, "t")[0]["note"].endswith("): met on 3 Dec")


def test_a_done_introduction_never_moves_an_actor_back(network: Any) -> None:
    row = _ask(network, "e")
    done = set_introduction_status(network, row["id"], "done", by="ben", home_actor="us")
    assert done["engagement"] == "engaged"
    assert network.execute_read("MATCH (a:Actor {id: 'e'}) RETURN a.engagement AS s") == [{"s": "engaged"}]


def test_a_second_open_request_for_the_same_pair_is_refused_naming_the_first(network: Any) -> None:
    _ask(network, today="2026-12-01")
    with pytest.raises(InputError, match=r"Partner NGO was already asked .* on 2026-12-01 by ana \(it is requested\)"):
        _ask(network)
    assert len(introductions(network)) == 1


def test_a_declined_request_is_final_and_a_new_one_may_be_made(network: Any) -> None:
    row = _ask(network)
    set_introduction_status(network, row["id"], "declined", by="ben", home_actor="us")
    with pytest.raises(InputError, match="introduction: it is already declined — ask again with a new request"):
        set_introduction_status(network, row["id"], "done", by="ben", home_actor="us")
    assert introduction(network, row["id"])["status"] == "declined"
    assert engagement_log(network, "t") == []
    assert _ask(network)["status"] == "requested"


@pytest.mark.parametrize(
    ("status", "message"),
    [
        ("maybe", "status: 'maybe' is not a request status — use one of requested, accepted, declined, done"),
        (
            "requested",
            "introduction: it is requested, so it cannot become requested — use accepted or declined or done",
        ),
    ],
)
def test_a_bad_status_is_refused(network: Any, status: str, message: str) -> None:
    row = _ask(network)
    with pytest.raises(InputError) as caught:
        set_introduction_status(network, row["id"], status, by="ben", home_actor="us")
    assert str(caught.value) == message


def test_an_unknown_request_is_not_found(network: Any) -> None:
    with pytest.raises(NotFound, match="no introduction request 'nope'"):
        set_introduction_status(network, "nope", "done", by="ben", home_actor="us")


def test_a_request_and_its_moves_are_in_the_history_of_both_actors(network: Any) -> None:
    from netmap.store.history import list_changes

    row = _ask(network)
    set_introduction_status(network, row["id"], "accepted", by="ben", home_actor="us")

    def history(actor_id: str) -> list[tuple[Any, ...]]:
        return [
            (c["kind"], c["field"], c["before"], c["after"], c["by"], c["detail"])
            for c in reversed(list_changes(network, actor_id))
        ]

    assert history("p") == [
        ("introduction", "introduction to", None, "requested", "ana", "t"),
        ("introduction", "introduction to", "requested", "accepted", "ben", "t"),
    ]
    assert history("t") == [
        ("introduction", "introduction through", None, "requested", "ana", "p"),
        ("introduction", "introduction through", "requested", "accepted", "ben", "p"),
    ]
    set_introduction_status(network, row["id"], "done", by="ben", home_actor="us")
    assert [c[0] for c in history("t")][-2:] == ["introduction", "engagement"]  # done, then Y moves on
