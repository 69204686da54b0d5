"""Importing into the real Neo4j: validation first, idempotent re-imports, provenance, interruption."""

from __future__ import annotations

import shutil
from dataclasses import replace

import pytest
from netmap.importers.sheet import SheetImporter
from sheet_files import SHEETS, write_csv

from netmap.errors import DatabaseUnavailable, ImportStopped, InputError, ValidationFailed
from netmap.ingest.pipeline import run_import
from netmap.store import reads, writes

pytestmark = pytest.mark.neo4j

ALL_PROPS = "MATCH (n) OPTIONAL MATCH (n)-[r]->() RETURN n.id AS id, n.code AS code, n.name AS name, properties(n) AS p, collect(properties(r)) AS rels ORDER BY id, code, name"


def snapshot(store):
    rows = store.execute_read(ALL_PROPS)
    for row in rows:
        if "lastImportedAt" in row["p"]:  # a Source: the import log records each run's time and counts
            row["p"] = {k: row["p"][k] for k in ("id", "file", "format", "sha256", "importedAt")}
        row["rels"] = sorted(row["rels"], key=repr)
    return rows


def import_sample_sheets(store, dry_run=False):
    return run_import(store, SheetImporter([SHEETS / "actors.csv", SHEETS / "relationships.csv"]), dry_run=dry_run)


def test_import_writes_actors_labels_ties_and_countries(store):
    report = import_sample_sheets(store)
    assert (report.actors, report.initiatives, report.relationships) == (4, 1, 5)
    chamber = store.execute_read("MATCH (a:Actor:EmployerOrganisation {id: 'chamber-de'}) RETURN a")[0]["a"]
    assert chamber["kind"] == "EmployerOrganisation" and chamber["kindRaw"] == "Employer association"
    assert chamber["sphere"] == "economic" and chamber["country"] == "DEU"
    ties = store.execute_read(
        "MATCH (a:Entity)-[r]->(b:Entity) RETURN a.id AS a, type(r) AS t, b.id AS b ORDER BY a, t, b"
    )
    assert [(t["a"], t["t"], t["b"]) for t in ties] == [
        ("acme-care", "MEMBER_OF", "chamber-de"),  # named by its exact name in the file
        ("chamber-de", "FUNDS", "tbb"),
        ("iom", "MEMBER_OF", "gtf"),
        ("iom", "PARTNERS_WITH", "tbb"),
        ("tbb", "MEMBER_OF", "gtf"),
    ]
    assert store.execute_read("MATCH (:Actor {id: 'acme-care'})-[:OPERATES_IN]->(c:Country) RETURN c.code AS c") == [
        {"c": "DEU"}
    ]
    assert store.execute_read("MATCH (:Forum {id: 'gtf'}) RETURN count(*) AS n")[0]["n"] == 1


def test_every_node_and_tie_records_its_source(store):
    import_sample_sheets(store)
    source = store.execute_read("MATCH (s:Source) RETURN s")[0]["s"]
    assert source["file"] == "actors.csv, relationships.csv" and source["status"] == "complete"
    assert (source["actors"], source["relationships"], source["created"]) == (4, 5, 5)
    missing = store.execute_read(
        "MATCH (n:Entity) WHERE NOT $id IN n.sources OR n.firstSeen IS NULL RETURN count(n) AS n", {"id": source["id"]}
    )
    assert missing[0]["n"] == 0
    rels_missing = store.execute_read(
        "MATCH ()-[r]->() WHERE NOT $id IN r.sources RETURN count(r) AS n", {"id": source["id"]}
    )
    assert rels_missing[0]["n"] == 0


def test_reimporting_the_same_files_changes_nothing(store):
    import_sample_sheets(store)
    before = snapshot(store)
    counts = reads.counts(store)
    report = import_sample_sheets(store)
    assert snapshot(store) == before
    assert reads.counts(store) == counts
    assert report.written["created"] == 0 and report.written["updated"] == 5


def test_an_edited_file_updates_what_changed(store, tmp_path):
    import_sample_sheets(store)
    edited = tmp_path / "actors.csv"
    text = (
        (SHEETS / "actors.csv")
        .read_text()
        .replace(
            "tbb,Talent Beyond Boundaries,NGO,USA,complementary pathways|skills,,4,partner",
            "tbb,Talent Beyond Boundaries,NGO,CAN,complementary pathways|skills,,5,partner",
        )
    )
    edited.write_text(text)
    run_import(store, SheetImporter([edited, SHEETS / "relationships.csv"]))
    tbb = store.execute_read(
        "MATCH (a:Actor {id: 'tbb'}) RETURN a.influence AS i, a.country AS c, size(a.sources) AS s"
    )[0]
    assert tbb == {"i": 5, "c": "CAN", "s": 2}
    assert reads.counts(store)["actors"] == 4


def test_dry_run_writes_nothing(store):
    report = import_sample_sheets(store, dry_run=True)
    assert report.actors == 4 and "dry run: nothing was written" in report.notes
    assert reads.counts(store)["nodes"] == 0


def test_unknown_endpoint_fails_validation_and_nothing_is_written(store, tmp_path):
    rels = write_csv(
        tmp_path / "rels.csv", ["from", "to", "type"], [["iom", "tbb", "PARTNERS_WITH"], ["iom", "nobody", "FUNDS"]]
    )
    with pytest.raises(ValidationFailed) as info:
        run_import(store, SheetImporter([SHEETS / "actors.csv", rels]))
    assert str(info.value.problems[0]) == (
        "rels.csv line 3: relationship points at 'nobody', which is no actor id or name in this import or the database"
        " — add the actor or correct the reference"
    )
    assert reads.counts(store)["nodes"] == 0


def test_a_header_only_file_is_refused_and_records_no_source(store, tmp_path, cli):
    path = write_csv(tmp_path / "actors.csv", ["id", "name", "kind"], [])
    for dry_run in (True, False):
        with pytest.raises(InputError) as info:
            run_import(store, SheetImporter([path]), dry_run=dry_run)
        assert str(info.value) == (
            "actors.csv: holds nothing to import: no actors, programmes or relationships (only a header row?) "
            "— add the data rows, or check that this is the file you meant"
        )
    result = cli("import", "sheet", str(path))
    assert result.exit_code == 1 and result.stderr.startswith("error: actors.csv: holds nothing to import")
    assert store.execute_read("MATCH (n) RETURN count(n) AS n")[0]["n"] == 0, "no :Source, nothing written"


def test_a_report_lists_at_most_200_warnings_and_counts_the_rest(store, tmp_path):
    rows = [["a", "A", "NGO"]] * 450  # every repeat of the id is a warning
    report = run_import(
        store, SheetImporter([write_csv(tmp_path / "a.csv", ["id", "name", "kind"], rows)]), dry_run=True
    )
    assert len(report.warnings) == 201
    assert report.warnings[-1] == "... and 249 more warnings like these"


def test_relationships_may_point_at_actors_already_in_the_database(store, tmp_path):
    import_sample_sheets(store)
    rels = write_csv(
        tmp_path / "more.csv", ["from", "to", "type"], [["Acme Care Homes (fictional)", "iom", "PARTNERS_WITH"]]
    )
    run_import(store, SheetImporter([rels]))
    assert (
        store.execute_read(
            "MATCH (:Actor {id: 'acme-care'})-[r:PARTNERS_WITH]-(:Actor {id: 'iom'}) RETURN count(r) AS n"
        )[0]["n"]
        == 1
    )


def test_import_interrupted_by_a_stopped_database_completes_when_run_again(tmp_path, monkeypatch):
    """A real second server is stopped in the middle of the write pass; re-running leaves no duplicates."""
    from conftest import managed_settings

    from netmap.runtime import ManagedNeo4j
    from netmap.store import connect

    settings = managed_settings()
    server = ManagedNeo4j(settings, data_dir=tmp_path / "db")
    server.start()
    actors = write_csv(
        tmp_path / "actors.csv", ["id", "name", "kind"], [[f"a{i}", f"Actor {i}", "NGO"] for i in range(3000)]
    )
    rels = write_csv(
        tmp_path / "rels.csv", ["from", "to", "type"], [[f"a{i}", f"a{i + 1}", "PARTNERS_WITH"] for i in range(2999)]
    )

    real_write = writes.PreparedBatch.write
    batches = []

    def write_then_pull_the_plug(self, store):
        """The first batch commits; then the database stops, in the middle of the import."""
        if batches:
            server.stop()
        batches.append(real_write(self, store))
        return batches[-1]

    settings = replace(settings, neo4j_uri=server.uri, neo4j_password=server.password())
    try:
        store = connect(settings)
        monkeypatch.setattr(writes.PreparedBatch, "write", write_then_pull_the_plug)
        with pytest.raises(DatabaseUnavailable, match="cannot reach Neo4j"):
            run_import(store, SheetImporter([actors, rels]), batch_size=1000)
        monkeypatch.undo()
        store.close()
        server.start()
        store = connect(settings)
        written = store.execute_read("MATCH (a:Actor) RETURN count(a) AS n")[0]["n"]
        assert 0 < written < 3000, "the first run was cut short"
        run_import(store, SheetImporter([actors, rels]))
        assert reads.counts(store)["actors"] == 3000
        assert store.execute_read("MATCH ()-[r:PARTNERS_WITH]->() RETURN count(r) AS n")[0]["n"] == 2999
        assert store.execute_read("MATCH (s:Source) RETURN s.status AS s") == [{"s": "complete"}]
        store.close()
    finally:
        server.stop()
        shutil.rmtree(tmp_path / "db", ignore_errors=True)


def test_a_write_phase_the_database_refuses_is_taken_back_and_a_rerun_completes_it(store, tmp_path, monkeypatch):
    """The database refuses one batch (picked at random) after validation passed: what the run wrote is
    taken back (the graph is as before), the user is told what happened and what to do, the run is marked
    failed rather than left "running", and the same import run again is exact."""
    import random

    earlier = write_csv(
        tmp_path / "earlier.csv", ["id", "name", "kind"], [["a7", "Actor 7", "NGO"], ["z", "Zed", "NGO"]]
    )
    run_import(store, SheetImporter([earlier]))
    before = store.execute_read(
        "MATCH (a:Actor) RETURN a.id AS id, a.sources AS sources ORDER BY id UNION ALL "
        "MATCH ()-[r]->() RETURN type(r) AS id, r.sources AS sources ORDER BY id"
    )
    actors = write_csv(
        tmp_path / "actors.csv", ["id", "name", "kind"], [[f"a{i}", f"Actor {i}", "NGO"] for i in range(3000)]
    )
    rels = write_csv(
        tmp_path / "rels.csv", ["from", "to", "type"], [[f"a{i}", f"a{i + 1}", "PARTNERS_WITH"] for i in range(2999)]
    )
    failing = random.Random().randrange(1, 6)  # 3 actor batches, then 3 tie batches of 1,000
    real_write = writes.PreparedBatch.write
    batches = []

    def refused_at_one_batch(self, store):
        batches.append(self)
        if len(batches) == failing:
            store.execute_write("RETURN 1 / 0 AS refused")  # a real refusal by the database
        return real_write(self, store)

    monkeypatch.setattr(writes.PreparedBatch, "write", refused_at_one_batch)
    with pytest.raises(ImportStopped) as info:
        run_import(store, SheetImporter([actors, rels]), batch_size=1000)
    monkeypatch.undo()
    message = str(info.value)
    assert message.startswith("the import of actors.csv, rels.csv stopped while writing: Neo4j refused the query")
    assert "what it had written was taken back" in message and "run the same import again" in message
    assert "Traceback" not in message
    after = store.execute_read(
        "MATCH (a:Actor) RETURN a.id AS id, a.sources AS sources ORDER BY id UNION ALL "
        "MATCH ()-[r]->() RETURN type(r) AS id, r.sources AS sources ORDER BY id"
    )
    assert after == before  # the earlier source's actors (a7 among them) and ties, and nothing else
    statuses = store.execute_read("MATCH (s:Source) RETURN s.status AS status, s.failure AS failure ORDER BY status")
    assert [s["status"] for s in statuses] == ["complete", "failed"] and "refused" in statuses[1]["failure"]
    run_import(store, SheetImporter([actors, rels]))
    assert reads.counts(store)["actors"] == 3001
    assert store.execute_read("MATCH ()-[r:PARTNERS_WITH]->() RETURN count(r) AS n")[0]["n"] == 2999
    assert store.execute_read("MATCH (s:Source) RETURN s.status AS s") == [{"s": "complete"}, {"s": "complete"}]


def test_new_facts_are_first_mentions_of_ids_the_database_lacks():
    from netmap.ingest.batch_writer import NewFacts
    from netmap.model import Actor, Relationship

    facts = NewFacts(existing={"iom"})
    first = [Actor(id="tbb", name="TBB"), Actor(id="iom", name="IOM"), Actor(id="tbb", name="TBB again")]
    new, known = facts.split(first)
    assert [a.name for a in new] == ["TBB"] and [a.name for a in known] == ["IOM", "TBB again"]
    facts.split([Actor(id="acme", name="Acme")])
    facts.elements.update(tbb="4:db:1", acme="4:db:2")  # what their batches' CREATE returned
    ties = [
        Relationship(source="tbb", target="acme", type="PARTNERS_WITH"),
        Relationship(source="acme", target="tbb", type="PARTNERS_WITH"),  # the same undirected tie
        Relationship(source="acme", target="tbb", type="FUNDS", key="USD:2024"),
        Relationship(source="acme", target="tbb", type="FUNDS", key="USD:2025"),  # a parallel tie: new
        Relationship(source="iom", target="tbb", type="FUNDS"),  # an end the database already had
    ]
    new, known = facts.split(ties)
    assert [(r.type, r.key) for r in new] == [("PARTNERS_WITH", ""), ("FUNDS", "USD:2024"), ("FUNDS", "USD:2025")]
    assert [(r.source, r.target) for r in known] == [("acme", "tbb"), ("iom", "tbb")]
    assert not facts.repeats_earlier, "a repeat within the batch is written in the same transaction"
    new, known = facts.split([Relationship(source="tbb", target="acme", type="MEMBER_OF")])
    assert len(new) == 1 and not facts.repeats_earlier
    new, known = facts.split([Relationship(source="tbb", target="acme", type="PARTNERS_WITH", strength=5)])
    assert new == [] and len(known) == 1 and facts.repeats_earlier, "merges a tie an earlier batch creates"


def test_two_writers_never_duplicate_a_tie_repeated_in_a_later_batch(store, tmp_path, monkeypatch):
    from netmap.ingest import batch_writer

    writers = []
    real_init = batch_writer.BatchWriter.__init__

    def counting_init(self, *args, **kwargs):
        real_init(self, *args, **kwargs)
        writers.append(len(self.threads))

    monkeypatch.setattr(batch_writer.BatchWriter, "__init__", counting_init)
    ids = [f"org-{i}" for i in range(12)]
    actors = write_csv(tmp_path / "actors.csv", ["id", "name", "kind"], [[i, i.upper(), "NGO"] for i in ids])
    ties = [[ids[i], ids[i + 1], "PARTNERS_WITH", 2] for i in range(11)]
    ties += [[ids[1], ids[0], "PARTNERS_WITH", 5], [ids[3], ids[4], "PARTNERS_WITH", 4]]  # repeats, later batches
    rels = write_csv(tmp_path / "relationships.csv", ["from", "to", "type", "strength"], ties)
    run_import(store, SheetImporter([actors, rels]), batch_size=2)
    assert writers == [2], "a first import writes with two writers"
    rows = store.execute_read(
        "MATCH (a)-[r:PARTNERS_WITH]->(b) RETURN a.id AS a, b.id AS b, r.strength AS s ORDER BY a, b"
    )
    assert len(rows) == 11
    assert {(r["a"], r["b"]): r["s"] for r in rows}[("org-0", "org-1")] == 5, "the repeat updated the tie"
    run_import(store, SheetImporter([actors, rels]), batch_size=2)
    assert writers == [2, 1], "a re-import merges with one writer"


def test_relationships_validated_in_a_second_process_find_what_one_pass_finds(store, tmp_path, monkeypatch):
    from netmap.ingest import tie_check

    actors = write_csv(
        tmp_path / "actors.csv",
        ["id", "name", "kind"],
        [["tbb", "TBB", "NGO"], ["iom", "IOM", "IGO"], ["x", "Mystery", "Gov."], ["acme", "Acme", "Company"]],
    )
    rels = write_csv(
        tmp_path / "relationships.csv",
        ["from", "to", "type", "amount"],
        [
            ["tbb", "iom", "PARTNERS_WITH", ""],
            ["tbb", "nobody", "FUNDS", ""],
            ["iom", "acme", "hugs", ""],
            ["acme", "tbb", "FUNDS", "lots"],
            ["IOM", "acme", "MEMBER_OF", ""],
        ],
    )
    entered = []
    real_job = tie_check.TieCheckJob

    def watched_job(importer):
        entered.append(True)
        return real_job(importer)

    monkeypatch.setattr(tie_check, "TieCheckJob", watched_job)

    def problems():
        with pytest.raises(ValidationFailed) as info:
            run_import(store, SheetImporter([actors, rels]))
        return [str(p) for p in info.value.problems], info.value.total

    one_pass = problems()
    assert entered == []
    monkeypatch.setattr(tie_check, "TIES_APART_BYTES", 0)
    assert problems() == one_pass and entered == [True]
    assert len(one_pass[0]) == 4 and reads.counts(store)["nodes"] == 0
    fixed = write_csv(
        tmp_path / "fixed.csv",
        ["id", "name", "kind"],
        [["tbb", "TBB", "NGO"], ["iom", "IOM", "IGO"], ["acme", "Acme", "Company"], ["nobody", "N", "NGO"]],
    )
    good = write_csv(
        tmp_path / "good.csv", ["from", "to", "type"], [["tbb", "iom", "PARTNERS_WITH"], ["IOM", "acme", "MEMBER_OF"]]
    )
    report = run_import(store, SheetImporter([fixed, good]), dry_run=True)
    assert report.rows == {"read": 6, "unit": "line", "used": 6, "merged": 0, "skipped": []}  # both tables, read apart
    monkeypatch.setattr(tie_check, "TIES_APART_BYTES", 1 << 20)
    assert run_import(store, SheetImporter([fixed, good]), dry_run=True).rows == report.rows  # and in one pass
    monkeypatch.setattr(tie_check, "TIES_APART_BYTES", 0)
    report = run_import(store, SheetImporter([fixed, good]))
    assert (report.actors, report.relationships) == (4, 2) and len(entered) == 3
    assert (
        store.execute_read("MATCH (:Actor {id: 'iom'})-[r:MEMBER_OF]->(:Actor {id: 'acme'}) RETURN count(r) AS n")[0][
            "n"
        ]
        == 1
    )


def test_the_cycle_collector_is_paused_while_an_import_runs_and_restored_after(store, tmp_path):
    import gc

    states = []

    class Watching(SheetImporter):
        def read(self):
            states.append(gc.isenabled())
            yield from super().read()

    assert gc.isenabled()
    run_import(store, Watching([SHEETS / "actors.csv", SHEETS / "relationships.csv"]))
    assert states and not any(states) and gc.isenabled()
    bad = write_csv(tmp_path / "bad.csv", ["name", "kind"], [["Nobody", "Gov."]])
    with pytest.raises(ValidationFailed):
        run_import(store, Watching([bad]))
    assert gc.isenabled(), "restored after a failed import too"


def test_two_actors_with_one_external_id_are_refused_before_anything_is_written(store, tmp_path):
    actors = write_csv(
        tmp_path / "actors.csv",
        ["id", "name", "kind", "lei"],
        [
            ["a1", "Alpha GmbH", "Company", "529900T8BM49AURSDO55"],
            ["a2", "Beta GmbH", "Company", "529900T8BM49AURSDO55"],
        ],
    )
    with pytest.raises(ValidationFailed) as info:
        run_import(store, SheetImporter([actors]))
    assert str(info.value.problems[0]) == (
        "actors.csv line 3: lei '529900T8BM49AURSDO55' of 'a2' already belongs to 'a1' (actors.csv line 2)"
        " — an external id names one organisation: give both the same id, or correct the external id"
    )
    assert reads.counts(store)["nodes"] == 0


def test_a_name_too_long_for_the_database_index_is_refused_before_anything_is_written(store, tmp_path):
    rows = [[f"a{n}", f"Actor {n}", "NGO"] for n in range(6000)]
    rows[5000][1] = "x" * 9000  # Neo4j would refuse it at write time, after 5,000 actors committed
    actors = write_csv(tmp_path / "actors.csv", ["id", "name", "kind"], rows)
    with pytest.raises(ValidationFailed) as info:
        run_import(store, SheetImporter([actors]))
    assert str(info.value.problems[0]) == (
        "actors.csv line 5002: the name is 9,000 bytes long; the database can index at most 4,000"
        " — shorten it (text this long is usually a description pasted into the name column)"
    )
    assert reads.counts(store)["nodes"] == 0
    assert store.execute_read("MATCH (s:Source) RETURN count(s) AS n")[0]["n"] == 0


def test_an_external_id_another_actor_of_the_database_holds_is_refused(store, tmp_path):
    first = write_csv(
        tmp_path / "first.csv", ["id", "name", "kind", "iati"], [["unicef", "UNICEF", "IGO", "XM-DAC-41122"]]
    )
    run_import(store, SheetImporter([first]))
    nodes = reads.counts(store)["nodes"]
    second = write_csv(
        tmp_path / "second.csv",
        ["id", "name", "kind", "iati"],
        [["childrens-fund", "Children's Fund", "IGO", "XM-DAC-41122"]],
    )
    with pytest.raises(ValidationFailed) as info:
        run_import(store, SheetImporter([second]))
    assert str(info.value.problems[0]).startswith(
        "second.csv line 2: iati 'XM-DAC-41122' of 'childrens-fund' already belongs to 'unicef' (the database)"
    )
    assert reads.counts(store)["nodes"] == nodes
    same_actor_again = write_csv(
        tmp_path / "again.csv", ["id", "name", "kind", "iati"], [["unicef", "UNICEF", "IGO", "XM-DAC-41122"]]
    )
    run_import(store, SheetImporter([same_actor_again]))  # its own external id: no conflict


def test_what_validation_keeps_stays_within_budget_letting_ties_go_first(monkeypatch):
    from netmap.ingest import validation as ingest
    from netmap.model import Actor, Relationship

    monkeypatch.setattr(ingest, "KEEP_RECORDS", 3)
    plan = ingest.Plan()
    plan.keep([Actor(id="a", name="A"), Actor(id="b", name="B")], ties=False)
    plan.keep([Relationship(source="a", target="b", type="FUNDS")], ties=True)
    assert (len(plan.kept_nodes), len(plan.kept_ties)) == (2, 1)
    plan.keep([Relationship(source="b", target="a", type="FUNDS")], ties=True)
    assert plan.kept_ties is None and len(plan.kept_nodes) == 2, "over budget: the ties are read again"
    plan.keep([Actor(id="c", name="C"), Actor(id="d", name="D")], ties=False)
    assert plan.kept_nodes is None and plan.kept_count == 0, "then the nodes too"
    fresh = ingest.Plan()
    fresh.keep(None, ties=True)  # the second process read more ties than it could hand back
    assert fresh.kept_ties is None and fresh.kept_nodes == []


@pytest.mark.parametrize("budget", [0, 6, 100])
def test_an_import_writes_the_same_graph_whatever_it_could_keep(store, monkeypatch, budget):
    from conftest import wipe

    from netmap.ingest import validation as ingest

    def graph():
        return store.execute_read(
            "MATCH (a)-[r]->(b) RETURN coalesce(a.id, a.code) AS a, type(r) AS t, coalesce(b.id, b.code, b.name) AS b,"
            " r.strength AS s ORDER BY a, t, b"
        )

    import_sample_sheets(store)
    expected = graph()
    wipe(store)
    monkeypatch.setattr(ingest, "KEEP_RECORDS", budget)  # 0: nothing kept; 6: the nodes only; 100: all
    import_sample_sheets(store)
    assert graph() == expected and len(expected) > 5
