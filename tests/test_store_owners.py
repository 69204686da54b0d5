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


def _history(store: Any, actor_id: str) -> list[tuple[Any, ...]]:
    from netmap.store.history import list_changes

    return [(c["kind"], c["before"], c["after"], c["by"]) for c in reversed(list_changes(store, actor_id))]


def test_owner_and_next_step_changes_are_in_the_actors_history_with_before_and_after(
    actors: Any, accounts: AccountsDB
) -> None:
    set_owner(actors, accounts, "acme", "ben", by="lead")
    set_owner(actors, accounts, "acme", "ben", by="lead")  # the same owner again: nothing changed
    set_next_step(actors, "acme", "Call back", "2026-12-10", by="ben")
    set_next_step(actors, "acme", "Send the brief", "2020-01-15", by="ben")
    set_owner(actors, accounts, "acme", "ana", by="lead")
    clear_next_step(actors, "acme", by="ana")
    assert _history(actors, "acme") == [
        ("owner", None, "ben", "lead"),
        ("next step", None, ["Call back", "2026-12-10"], "ben"),
        ("next step", ["Call back", "2026-12-10"], ["Send the brief", "2020-01-15"], "ben"),
        ("owner", "ben", "ana", "lead"),
        ("next step", ["Send the brief", "2020-01-15"], None, "ana"),
    ]
    assert _history(actors, "unhcr") == []


def test_an_owner_change_is_reverted_and_the_revert_is_recorded(actors: Any, accounts: AccountsDB) -> None:
    from netmap.store.edits import revert_change
    from netmap.store.history import list_changes

    set_owner(actors, accounts, "acme", "ben", by="lead")
    set_owner(actors, accounts, "acme", "ana", by="lead")
    change = list_changes(actors, "acme")[0]
    done = revert_change(actors, change["id"], by="carl")
    assert done == {"actor": "acme", "field": "owner", "value": "ben"}
    assert stewardship(actors, "acme")["owner"] == "ben"
    latest = list_changes(actors, "acme")[0]
    assert (latest["kind"], latest["before"], latest["after"], latest["by"], latest["revertOf"]) == (
        "owner",
        "ana",
        "ben",
        "carl",
        change["id"],
    )


def test_a_revert_of_a_next_step_a_later_one_replaced_is_refused_naming_it(actors: Any, accounts: AccountsDB) -> None:
    from netmap.errors import EditConflict
    from netmap.store.edits import revert_change
    from netmap.store.history import list_changes

    set_next_step(actors, "acme", "Call back", "2026-12-10", by="ben")
    first = list_changes(actors, "acme")[0]
    set_next_step(actors, "acme", "Send the brief", "2026-12-20", by="ana")
    with pytest.raises(
        EditConflict, match=r"the next step was changed by ana at .* \(to 'Send the brief, 2026-12-20'\)"
    ):
        revert_change(actors, first["id"], by="carl")
    assert stewardship(actors, "acme")["next_step"] == "Send the brief"
    assert len(list_changes(actors, "acme")) == 2  # nothing recorded for the refused revert
    revert_change(actors, list_changes(actors, "acme")[0]["id"], by="carl")  # the later one can be
    assert (stewardship(actors, "acme")["next_step"], stewardship(actors, "acme")["due"]) == ("Call back", "2026-12-10")


def test_two_owners_set_at_the_same_moment_both_are_recorded_in_order(actors: Any, accounts: AccountsDB) -> None:
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(2) as pool:
        list(pool.map(lambda name: set_owner(actors, accounts, "acme", name, by="lead"), ["ana", "ben"]))
    changes = _history(actors, "acme")
    assert len(changes) == 2 and changes[0][1] is None and changes[1][1] == changes[0][2]  # nothing lost
    assert stewardship(actors, "acme")["owner"] == changes[1][2]
