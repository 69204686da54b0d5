"""``netmap engagement``: owners, next steps, my actors, the overdue list and introductions from the terminal."""

from __future__ import annotations

import json
from typing import Any

import pytest

pytestmark = pytest.mark.neo4j


@pytest.fixture
def network(store: Any) -> Any:
    store.execute_write(
        """
        CREATE (us:Entity:Actor {id: 'us', name: 'Us', kind: 'IGO'})
        CREATE (p:Entity:Actor {id: 'p', name: 'Partner NGO', kind: 'NGO', engagement: 'partner'})
        CREATE (t:Entity:Actor {id: 't', name: 'Target Corp', kind: 'Company'})
        CREATE (d:Entity:Actor {id: 'd', name: 'Dead End', kind: 'NGO'})
        CREATE (us)-[:PARTNERS_WITH {key: ''}]->(p), (p)-[:PARTNERS_WITH {key: ''}]->(t),
               (us)-[:PARTNERS_WITH {key: ''}]->(d)
        """
    )
    return store


def test_owner_next_step_mine_and_overdue(cli: Any, network: Any) -> None:
    added = cli("users", "add", "ana", "--role", "editor", "--password-stdin", input="a long enough passphrase\n")
    assert added.exit_code == 0, added.output
    assert cli("engagement", "owner", "t", "ana", "--by", "lead").output == "Target Corp: owner ana\n"
    late = cli("engagement", "next", "t", "Send the pilot brief", "--due", "2020-01-15", "--by", "ana")
    assert (
        late.exit_code == 0 and late.output == "Target Corp: next step due 2020-01-15: Send the pilot brief (overdue)\n"
    )
    mine = json.loads(cli("engagement", "mine", "--user", "ana", "--format", "json").output)
    assert [(r["id"], r["next_step"], r["overdue"]) for r in mine] == [("t", "Send the pilot brief", True)]
    overdue = json.loads(cli("engagement", "overdue", "--today", "2020-01-15", "--format", "json").output)
    assert overdue == []  # due that day: not late yet
    assert [r["owner"] for r in json.loads(cli("engagement", "overdue", "--format", "json").output)] == ["ana"]
    assert cli("engagement", "next", "t", "--done").output == "Target Corp: no next step\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("owner", "t", "carla"),
            "error: no user named 'carla' — the owner is a login account: see 'netmap users list'\n",
        ),
        (("next", "t", "Call", "--due", "tomorrow"), "error: due date: 'tomorrow' is not a date — use YYYY-MM-DD\n"),
        (
            ("next", "t", "", "--due", "2026-12-01"),
            "error: next step: is empty — say what we do next, e.g. 'send the pilot brief'\n",
        ),
        (
            ("next", "nope", "Call", "--due", "2026-12-01"),
            "error: no actor with id 'nope' — owners and next steps are for actors (not programmes)\n",
        ),
        (("overdue", "--today", "someday"), "error: --today: 'someday' is not a date — use YYYY-MM-DD\n"),
    ],
)
def test_bad_input_is_one_line_and_a_non_zero_exit(cli: Any, network: Any, args: tuple[str, ...], message: str) -> None:
    result = cli("engagement", *args)
    assert result.exit_code != 0 and result.output == message


def test_an_introduction_along_the_route_is_followed_to_done(cli: Any, network: Any) -> None:
    env = {"NETMAP_HOME_ACTOR": "us"}
    asked = cli("engagement", "introduce", "t", "--via", "Partner NGO", "--by", "ana", env=env)
    assert asked.exit_code == 0, asked.output
    first, route = asked.output.splitlines()
    request_id = first.split()[1]
    assert first == f"introduction {request_id} requested: Partner NGO to introduce us to Target Corp"
    assert route == "   route: us (Us) → partners with → Partner NGO → partners with → Target Corp"
    listed = json.loads(cli("engagement", "introductions", "p", "--open", "--format", "json").output)
    assert [(r["id"], r["status"]) for r in listed] == [(request_id, "requested")]
    done = cli("engagement", "introduction", request_id, "done", "--by", "ben", env=env)
    assert (
        done.output == f"introduction {request_id} done: Partner NGO → Target Corp\n   Target Corp is now contacted\n"
    )
    assert network.execute_read("MATCH (a:Actor {id: 't'}) RETURN a.engagement AS s") == [{"s": "contacted"}]


def test_an_introducer_on_no_route_is_refused_saying_so(cli: Any, network: Any) -> None:
    result = cli("engagement", "introduce", "t", "--via", "d", env={"NETMAP_HOME_ACTOR": "us"})
    assert result.exit_code != 0
    assert result.output == (
        "error: introduction: Dead End is not on any route from us to Target Corp "
        "— ask someone on one of the warm routes to Target Corp\n"
    )
    assert network.execute_read("MATCH (i:Introduction) RETURN count(i) AS n") == [{"n": 0}]
