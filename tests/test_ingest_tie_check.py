"""Checking relationships tables in a second process: the same findings as reading them in this one."""

from __future__ import annotations

import os
import pickle
import threading

import pytest
from netmap.importers.sheet import SheetImporter
from sheet_files import REL_HEADER, write_csv

from netmap.ingest import tie_check


def sheets(tmp_path, ties):
    actors = write_csv(tmp_path / "actors.csv", ["id", "name", "kind"], [["tbb", "TBB", "NGO"], ["iom", "IOM", "IGO"]])
    rels = write_csv(tmp_path / "relationships.csv", REL_HEADER, ties)
    return SheetImporter([actors, rels])


def test_check_reads_only_ties_and_records_where_each_endpoint_first_appears(tmp_path):
    importer = sheets(
        tmp_path, [["tbb", "iom", "PARTNERS_WITH", 3], ["iom", "gtf", "MEMBER_OF", ""], ["tbb", "gtf", "MEMBER_OF", ""]]
    )
    found = tie_check.check_ties(importer)
    assert found.count == 3 and found.problems == [] and found.problem_count == 0
    assert found.refs == {
        "tbb": "relationships.csv line 2",
        "iom": "relationships.csv line 2",
        "gtf": "relationships.csv line 3",
    }


def test_check_collects_every_bad_row_and_a_bad_header(tmp_path):
    importer = sheets(tmp_path, [["tbb", "iom", "hugs", 3], ["tbb", "", "FUNDS", ""], ["tbb", "iom", "FUNDS", 9]])
    found = tie_check.check_ties(importer)
    assert [p.location for p in found.problems] == [f"relationships.csv line {n}" for n in (2, 3, 4)]
    assert "column 'type' has 'hugs'" in str(found.problems[0]) and found.count == 0
    no_to = write_csv(tmp_path / "no-to.csv", ["from", "to", "type"], [["tbb", "", "FUNDS"]])
    headerless = SheetImporter([tmp_path / "actors.csv", no_to])
    assert tie_check.check_ties(headerless).problem_count == 1


def test_only_relationships_tables_large_enough_are_checked_apart(tmp_path, monkeypatch):
    importer = sheets(tmp_path, [["tbb", "iom", "PARTNERS_WITH", 3]])
    assert importer.ties_bytes() == (tmp_path / "relationships.csv").stat().st_size
    assert tie_check.start(importer) is None, "a small table is read in one pass"
    monkeypatch.setattr(tie_check, "TIES_APART_BYTES", importer.ties_bytes())
    assert tie_check.can_split(importer)
    assert not tie_check.can_split(object()), "an importer that cannot read its ties apart"


@pytest.mark.parametrize("start_method", ["fork", "spawn"])
def test_the_worker_finds_what_this_process_finds(tmp_path, start_method):
    importer = sheets(tmp_path, [["tbb", "iom", "PARTNERS_WITH", 3], ["iom", "nobody", "hugs", ""]])
    with tie_check.TieCheckJob(importer, start_method) as job:
        found = job.result()
    here = tie_check.check_ties(importer)
    assert (
        (found.count, found.refs, found.problem_count)
        == (here.count, here.refs, here.problem_count)
        == (1, {"tbb": "relationships.csv line 2", "iom": "relationships.csv line 2"}, 1)
    )
    assert [str(p) for p in found.problems] == [str(p) for p in here.problems]
    assert found.records == here.records and len(found.records) == 1, "the ties come back for the writes"


def test_the_ties_travel_as_tuples_and_come_back_as_the_same_records(tmp_path):
    header = ["from", "to", "type", "strength", "amount", "currency", "note", "illustrative", "programme_code"]
    rows = [["tbb", "iom", "FUNDS", 3, "1200", "eur", "grant", "true", "P-7"], ["iom", "tbb", "PARTNERS_WITH"]]
    rels = write_csv(tmp_path / "ties.csv", header, [row + [""] * (len(header) - len(row)) for row in rows])
    importer = SheetImporter([sheets(tmp_path, []).paths[0], rels])
    found = tie_check.check_ties(importer)
    state = found.__getstate__()
    assert all(type(r) is tuple for r in state["records"]), "no record object is pickled"
    back = pickle.loads(pickle.dumps(found))
    assert back == found and len(back.records) == 2
    assert (back.records[0].amount, back.records[0].currency, back.records[0].properties) == (
        1200.0,
        "EUR",
        found.records[0].properties,
    )
    found.records = None  # more ties than the worker keeps
    assert pickle.loads(pickle.dumps(found)).records is None


def test_a_process_running_other_threads_starts_the_worker_afresh_instead_of_forking(tmp_path):
    importer = sheets(tmp_path, [["tbb", "iom", "PARTNERS_WITH", 3]])
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        with tie_check.TieCheckJob(importer) as job:
            assert type(job._process).__name__ == "SpawnProcess"
            assert job.result().count == 1
    finally:
        stop.set()
        other.join()


def test_closing_a_check_no_longer_wanted_stops_the_worker(tmp_path, monkeypatch):
    importer = sheets(tmp_path, [["tbb", "iom", "PARTNERS_WITH", 3]])
    monkeypatch.setattr(tie_check, "check_ties", lambda importer: threading.Event().wait(60))  # a long check
    job = tie_check.TieCheckJob(importer, start_method="fork")  # the child sees the patched check
    job.close()  # as the CLI does when the database cannot be reached
    assert not job._process.is_alive() and job._process.exitcode != 0


def test_a_worker_that_dies_is_a_clear_error(tmp_path, monkeypatch):
    from netmap.errors import NetmapError

    importer = sheets(tmp_path, [["tbb", "iom", "PARTNERS_WITH", 3]])
    monkeypatch.setattr(tie_check, "check_ties", lambda importer: os._exit(3))
    with pytest.raises(NetmapError, match="stopped unexpectedly"):
        tie_check.TieCheckJob(importer, start_method="fork").result()


def test_an_unexpected_failure_in_the_worker_is_raised_here(tmp_path, monkeypatch):
    importer = sheets(tmp_path, [["tbb", "iom", "PARTNERS_WITH", 3]])

    def broken(importer):
        raise KeyError("surprise")

    monkeypatch.setattr(tie_check, "check_ties", broken)
    with pytest.raises(RuntimeError, match="KeyError: 'surprise'"):
        tie_check.TieCheckJob(importer, start_method="fork").result()
