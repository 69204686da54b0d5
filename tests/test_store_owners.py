"""Relationship owners and next steps in the graph: owners are login accounts, late steps are flagged."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from netmap.auth.accounts import add_user
from netmap.auth.db import AccountsDB
from netmap.errors import InputError, NotFound
from netmap.store.owners import clear_next_step, my_actors, overdue_steps, set_next_step, set_owner, stewardship

pytestmark = pytest.mark.neo4j
TODAY = "2026-12-03"


@pytest.fixture
def accounts(tmp_path: Path) -> AccountsDB:
    db = AccountsDB(tmp_path / "accounts.sqlite3")
    for name in ("ana", "ben"):
        add_user(db, name, "editor", "a long enough passphrase")
    return db


@pytest.fixture
def actors(store: Any) -> Any:
    store.execute_write(
        """
        UNWIND [['unhcr', 'UNHCR', 'partner'], ['acme', 'Acme Staffing', 'contacted'], ['zeta', 'Zeta Fund', null]]
          AS row
        CREATE (:Entity:Actor {id: row[0], name: row[1], kind: 'NGO', engagement: row[2]})
        """
    )
    store.execute_write("CREATE (:Entity:Programme {id: 'pilot', name: 'Pilot'})")
    return store


def test_the_owner_is_a_login_account_and_mine_lists_the_actors_it_holds(actors: Any, accounts: AccountsDB) -> None:
    row = set_owner(actors, accounts, "unhcr", "ana", by="lead")
    assert (row["owner"], row["name"], row["engagement"]) == ("ana", "UNHCR", "partner")
    set_owner(actors, accounts, "zeta", "ana", by="lead")
    set_owner(actors, accounts, "acme", "ben", by="lead")
    set_next_step(actors, "zeta", "Send the pilot brief", "2026-12-20", by="ana")
    assert [r["id"] for r in my_actors(actors, "ana", TODAY)] == ["zeta", "unhcr"]  # a step due first
    assert [r["id"] for r in my_actors(actors, "ben", TODAY)] == ["acme"]
    assert my_actors(actors, "nobody", TODAY) == []


def test_an_unknown_user_is_refused_as_owner_and_nothing_is_written(actors: Any, accounts: AccountsDB) -> None:
    with pytest.raises(NotFound, match=r"no user named 'carla' — the owner is a login account"):
        set_owner(actors, accounts, "unhcr", "carla", by="lead")
    assert stewardship(actors, "unhcr") is None


def test_clearing_the_owner_keeps_the_next_step(actors: Any, accounts: AccountsDB) -> None:
    set_owner(actors, accounts, "acme", "ben", by="lead")
    set_next_step(actors, "acme", "Call back", "2026-12-10", by="ben")
    row = set_owner(actors, accounts, "acme", "", by="lead")
    assert (row["owner"], row["next_step"]) == (None, "Call back")


def test_a_step_due_in_the_past_is_accepted_and_flagged_overdue(actors: Any, accounts: AccountsDB) -> None:
    set_owner(actors, accounts, "acme", "ben", by="lead")
    row = set_next_step(actors, "acme", "  Follow up   on the MoU ", "2020-01-15", by="ben")
    assert (row["next_step"], row["due"], row["overdue"]) == ("Follow up on the MoU", "2020-01-15", True)
    set_next_step(actors, "unhcr", "Invite to the forum", "2026-12-02", by="ana")
    set_next_step(actors, "zeta", "Not yet", "2026-12-03", by="ana")  # due today: not overdue
    late = overdue_steps(actors, TODAY)
    assert [(r["id"], r["owner"]) for r in late] == [("acme", "ben"), ("unhcr", None)]
    assert my_actors(actors, "ben", TODAY)[0]["overdue"] is True


def test_a_done_step_leaves_the_overdue_list(actors: Any) -> None:
    set_next_step(actors, "acme", "Call back", "2020-01-15", by="ben")
    row = clear_next_step(actors, "acme", by="ben")
    assert (row["next_step"], row["due"], row["overdue"]) == (None, None, False)
    assert overdue_steps(actors, TODAY) == []


@pytest.mark.parametrize(
    ("step", "due", "message"),
    [
        ("", "2026-12-20", "next step: is empty"),
        ("x" * 501, "2026-12-20", "next step: is 501 characters long"),
        ("Call", "", "due date: empty is not a date"),
        ("Call", "20/12/2026", "due date: '20/12/2026' is not a date — use YYYY-MM-DD"),
    ],
)
def test_a_bad_step_is_refused_naming_the_field(actors: Any, step: str, due: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        set_next_step(actors, "acme", step, due, by="ben")
    assert str(caught.value).startswith(message)
    assert stewardship(actors, "acme") is None


def test_steps_are_for_actors_only(actors: Any) -> None:
    with pytest.raises(NotFound, match="no actor with id 'pilot'"):
        set_next_step(actors, "pilot", "Call", "2026-12-20", by="ben")
    with pytest.raises(NotFound, match="no actor with id 'nope'"):
        set_next_step(actors, "nope", "Call", "2026-12-20", by="ben")
