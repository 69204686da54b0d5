"""The exception tree: one-line messages, and errors that survive a trip to another process."""

from __future__ import annotations

import pickle

from netmap.errors import InputError, NotFound, ValidationFailed


def test_an_input_error_reads_location_problem_and_hint():
    error = InputError("actors.csv line 14", "column 'kind' has 'Gov.'", "expected one of NGO, IGO")
    assert str(error) == "actors.csv line 14: column 'kind' has 'Gov.' — expected one of NGO, IGO"


def test_errors_survive_pickling_with_every_field():
    error = InputError("relationships.csv line 3", "column 'type' has 'hugs'", "expected one of FUNDS")
    again = pickle.loads(pickle.dumps(error))
    assert (type(again), again.location, again.problem, again.hint, str(again)) == (
        InputError,
        error.location,
        error.problem,
        error.hint,
        str(error),
    )
    failed = pickle.loads(pickle.dumps(ValidationFailed([error], total=7)))
    assert (
        failed.total == 7 and [str(p) for p in failed.problems] == [str(error)] and str(failed).startswith(str(error))
    )
    missing = pickle.loads(pickle.dumps(NotFound("no query named 'x'", "see netmap query --list")))
    assert (type(missing), str(missing)) == (NotFound, "no query named 'x' — see netmap query --list")
