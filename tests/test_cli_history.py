"""``netmap history``: the changes of one actor or of all (with user administration), as a table or JSON."""

from __future__ import annotations

import json

import pytest

from netmap.store.edits import update_actor

pytestmark = pytest.mark.neo4j


def test_history_lists_an_actors_changes_and_everything_with_accounts(cli, sample_store):
    update_actor(sample_store, "unhcr", {"country": "FRA"}, by="ana")
    update_actor(sample_store, "ilo", {"country": "CHE"}, by="bea")
    assert cli("users", "add", "carl", "--role", "editor", "--password-stdin", input="x" * 20 + "\n").exit_code == 0

    one = json.loads(cli("history", "unhcr", "--format", "json").output)
    assert [(c["actor"], c["field"], c["after"], c["by"]) for c in one] == [("unhcr", "country", "FRA", "ana")]
    table = cli("history", "unhcr").output.splitlines()
    assert table[0].split()[:6] == ["at", "by", "actor", "kind", "field", "before"] and "FRA" in table[2]

    every = json.loads(cli("history", "--format", "json").output)
    assert [(c["kind"], c["name"] if c["kind"] == "user" else c["actor"]) for c in every] == [
        ("user", "carl"),
        ("field", "ilo"),
        ("field", "unhcr"),
    ]
    assert json.loads(cli("history", "--since", "2999-01-01", "--format", "json").output) == []


def test_a_bad_date_is_refused_with_what_to_type(cli, store):
    result = cli("history", "--since", "yesterday")
    assert result.exit_code != 0
    assert "error: --since: 'yesterday' is not a date — use YYYY-MM-DD, e.g. 2026-10-01" in result.output


def test_history_lists_owner_and_next_step_changes_made_from_the_cli(cli, sample_store):
    assert cli("users", "add", "dina", "--role", "editor", "--password-stdin", input="x" * 20 + "\n").exit_code == 0
    assert cli("engagement", "owner", "unhcr", "dina", "--by", "lead").exit_code == 0
    assert cli("engagement", "next", "unhcr", "Send the brief", "--due", "2020-01-15", "--by", "dina").exit_code == 0
    rows = json.loads(cli("history", "unhcr", "--format", "json").output)
    assert [(c["kind"], c["before"], c["after"], c["by"]) for c in rows] == [
        ("next step", None, ["Send the brief", "2020-01-15"], "dina"),
        ("owner", None, "dina", "lead"),
    ]
    assert "Send the brief" in cli("history", "unhcr").output
