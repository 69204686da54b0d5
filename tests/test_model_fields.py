"""One table of field rules: the sheet import, the actor page's edits and assessments agree on a rating."""

from __future__ import annotations

import pytest

from netmap.errors import InputError
from netmap.model.fields import INFLUENCE, RATINGS


@pytest.mark.parametrize("raw", ["nan", "inf", "-inf", "4.5", "high", "0", "6"])
def test_a_value_that_is_not_a_rating_is_refused_by_every_path_in_the_same_words(raw: str) -> None:
    from netmap.importers.sheet_columns import _scale

    from netmap.store.assessments import check_assessment
    from netmap.store.views import coerce_field

    wrong = INFLUENCE.problem(raw)
    assert wrong is not None
    with pytest.raises(InputError, match="expected a whole number from 1 to 5"):
        _scale(raw, "influence", "actors.csv line 2")
    with pytest.raises(InputError) as edit:
        coerce_field("influence", raw)
    with pytest.raises(InputError) as assessed:
        check_assessment(influence=raw, interest=3, stance="neutral", date="2026-10-03")
    assert str(edit.value) == str(assessed.value) == f"influence: {wrong} — rate it {INFLUENCE.meaning}"


def test_a_spreadsheet_number_is_a_rating_everywhere() -> None:
    from netmap.importers.sheet_columns import _scale

    from netmap.store.views import coerce_field

    assert _scale("4.0", "influence", "x") == coerce_field("influence", "4.0") == INFLUENCE.parse(4.0) == 4
    assert coerce_field("influence", "") is None and _scale("", "influence", "x") is None


def test_every_rating_is_one_to_five_with_its_meaning() -> None:
    assert {name: (r.low, r.high) for name, r in RATINGS.items()} == {
        "influence": (1, 5),
        "interest": (1, 5),
        "strength": (1, 5),
    }
    assert all(r.meaning.startswith("1 (") for r in RATINGS.values())
