"""Stakeholder assessments in the graph: every one kept, the latest copied onto the actor, bad ratings refused."""

from __future__ import annotations

from typing import Any

import pytest

from netmap.errors import InputError, NotFound
from netmap.store.assessments import add_assessment, assessment_history, latest_assessments

pytestmark = pytest.mark.neo4j


def _assess(store: Any, actor: str = "unhcr", **values: Any) -> dict[str, Any]:
    fields = {"influence": 4, "interest": 2, "stance": "neutral", "note": "", "by": "A. Officer", "date": "2026-10-03"}
    return add_assessment(store, actor, **{**fields, **values})


def test_every_assessment_is_kept_and_the_latest_by_date_counts(sample_store: Any) -> None:
    _assess(sample_store, date="2026-10-03", influence=4, stance="neutral")
    _assess(sample_store, date="2026-11-20", influence=5, stance="supportive", note="met at the forum")
    latest = _assess(sample_store, date="2026-01-05", influence=2, stance="opposed")  # entered late, older
    assert latest == {
        "influence": 5,
        "interest": 2,
        "stance": "supportive",
        "note": "met at the forum",
        "date": "2026-11-20",
        "by": "A. Officer",
    }
    assert [h["date"] for h in assessment_history(sample_store, "unhcr")] == ["2026-11-20", "2026-10-03", "2026-01-05"]
    node = sample_store.execute_read(
        "MATCH (a:Actor {id: 'unhcr'}) RETURN a.assessedInfluence AS i, a.stance AS s, a.assessedOn AS d"
    )
    assert node == [{"i": 5, "s": "supportive", "d": "2026-11-20"}]
    assert [r["id"] for r in latest_assessments(sample_store)] == ["unhcr"]


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"influence": 0}, "influence"),
        ({"influence": 6}, "influence"),
        ({"influence": "high"}, "influence"),
        ({"interest": ""}, "interest"),
        ({"stance": ""}, "stance"),
        ({"stance": "hostile"}, "stance"),
        ({"date": "03/10/2026"}, "date"),
    ],
)
def test_a_bad_rating_is_refused_naming_the_field_and_nothing_is_written(
    sample_store: Any, values: dict[str, Any], field: str
) -> None:
    with pytest.raises(InputError) as caught:
        _assess(sample_store, **values)
    assert str(caught.value).startswith(f"{field}: ")
    assert assessment_history(sample_store, "unhcr") == []


def test_only_actors_are_assessed(sample_store: Any) -> None:
    with pytest.raises(NotFound):
        _assess(sample_store, actor="no-such-actor")
    programme = sample_store.execute_read("MATCH (p:Programme) RETURN p.id AS id LIMIT 1")[0]["id"]
    with pytest.raises(NotFound):
        _assess(sample_store, actor=programme)
