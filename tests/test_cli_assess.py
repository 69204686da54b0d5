"""``netmap assess`` and ``netmap assessments``: record from the terminal, list the latest and the history."""

from __future__ import annotations

import json

import pytest
from sheet_files import SHEETS

pytestmark = pytest.mark.neo4j


def test_an_assessment_from_the_terminal_is_kept_and_listed(cli, store):
    cli("import", "sheet", str(SHEETS / "actors.csv"))
    actor = store.execute_read("MATCH (a:Actor) RETURN a.id AS id ORDER BY a.id LIMIT 1")[0]["id"]
    first = cli(
        "assess",
        actor,
        "--influence",
        "4",
        "--interest",
        "2",
        "--stance",
        "Neutral",
        "--by",
        "A. Officer",
        "--date",
        "2026-10-03",
    )
    assert first.exit_code == 0, first.output
    assert first.output == f"assessed {actor}: influence 4/5, interest 2/5, neutral (A. Officer, 2026-10-03)\n"
    cli(
        "assess",
        actor,
        "--influence",
        "5",
        "--interest",
        "3",
        "--stance",
        "supportive",
        "--by",
        "B",
        "--date",
        "2026-11-01",
    )
    latest = json.loads(cli("assessments", "--format", "json").output)
    assert [(r["id"], r["influence"], r["stance"]) for r in latest] == [(actor, 5, "supportive")]
    history = json.loads(cli("assessments", actor, "--format", "json").output)
    assert [h["date"] for h in history] == ["2026-11-01", "2026-10-03"]


def test_a_bad_rating_exits_non_zero_with_the_field_and_what_is_expected(cli, store):
    cli("import", "sheet", str(SHEETS / "actors.csv"))
    actor = store.execute_read("MATCH (a:Actor) RETURN a.id AS id ORDER BY a.id LIMIT 1")[0]["id"]
    bad = cli("assess", actor, "--influence", "high", "--interest", "2", "--stance", "neutral")
    assert bad.exit_code != 0
    assert bad.stderr == (
        "error: influence: 'high' is not a whole number from 1 to 5 — rate it 1 (marginal) to 5 (decisive)\n"
    )
    missing = cli("assess", "no-such-actor", "--influence", "3", "--interest", "2", "--stance", "neutral")
    assert missing.exit_code != 0 and "no actor with id 'no-such-actor'" in missing.stderr
