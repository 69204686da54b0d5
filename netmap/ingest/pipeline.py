"""Drive an importer into the store: validate everything, resolve entities, then write in batches.

An importer (``netmap.importers.*``) yields :mod:`netmap.model` records and never touches the database.
:func:`run_import` goes through its records in three steps; what validation read is kept for the
writes up to :data:`KEEP_RECORDS`, and the rest is read again, so memory stays bounded by the number
of distinct ids, not the size of the file:

1. **validate**: every record is checked and every relationship endpoint must name an entity of this
   import or of the database; each actor is matched against existing ones (entity resolution). Large
   relationships tables are checked meanwhile in a second process (:mod:`netmap.ingest.tie_check`). Any
   problem stops the import before anything is written (:class:`ValidationFailed` lists them all).
2. **nodes**: the countries and sectors first, then actors, programmes and forums in batches of
   ``UNWIND $rows ...``: ``CREATE`` for ids the database does not hold yet, ``MERGE`` for the rest
   (:mod:`netmap.store.writes`).
3. **ties**: relationships, in batches, with endpoints rewritten through the resolution; new ties find
   their ends by the element ids the nodes' CREATE returned.

Every fact is stamped with the run's ``:Source``. MERGE on keys backed by constraints makes a re-run
idempotent: re-importing the same file changes nothing, and an import cut short (database stopped) is
completed by running it again.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterable, Iterator

from netmap.collector import paused_gc
from netmap.errors import DatabaseUnavailable, ImportStopped, NetmapError, QueryError
from netmap.ingest import tie_check
from netmap.ingest.batch_writer import BatchWriter, batches
from netmap.ingest.validation import (
    MAX_WARNINGS,
    Importer,
    Plan,
    ProgressCallback,
    Record,
    combine_tallies,
    read_records,
    validate,
)
from netmap.model import ImportReport, Relationship, SourceInfo
from netmap.store import Store, review, writes

__all__ = [
    "MAX_WARNINGS",
    "Importer",
    "ProgressCallback",
    "combine_tallies",
    "combined_source",
    "run_import",
    "validate",
]


def combined_source(sources: list[SourceInfo], fmt: str) -> SourceInfo:
    """One ``:Source`` per import run, named after all its files and hashed over all their contents."""
    if len(sources) == 1:
        return sources[0]
    digest = hashlib.sha256("".join(sorted(s.sha256 for s in sources)).encode()).hexdigest()
    return SourceInfo(file=", ".join(s.file for s in sources), format=fmt, sha256=digest)


def _in_write_order(importer: Importer, plan: Plan) -> Iterator[Record]:
    """Every record once, nodes before ties: what validation kept, and what it could not keep read again."""
    nodes: Iterable[Record] | None = plan.kept_nodes
    ties: Iterable[Record] | None = plan.kept_ties
    plan.kept_nodes = plan.kept_ties = None
    apart = tie_check.reads_apart(importer)
    if nodes is None and ties is None and not apart and getattr(importer, "nodes_first", False):
        yield from read_records(importer)  # one pass: every node comes before the first tie
        return
    if nodes is None:
        nodes = (
            read_records(importer, part="nodes")
            if apart
            else (r for r in read_records(importer) if not isinstance(r, Relationship))
        )
    yield from nodes
    if ties is None:
        ties = (
            read_records(importer, part="ties")
            if apart
            else (r for r in read_records(importer) if isinstance(r, Relationship))
        )
    yield from ties


def _stopped(store: Store, source: SourceInfo, exc: NetmapError) -> ImportStopped:
    """The error for a write phase the database refused, after taking back what the run wrote."""
    stopped = f"the import of {source.file} stopped while writing: {exc.message}"
    try:
        removed = writes.remove_source_writes(store, source.id)
    except NetmapError:  # the database refuses this too: what was written stays, tagged by its source
        return ImportStopped(
            stopped,
            "what it wrote so far is kept under its source, which 'netmap sources' shows as failed; remove the "
            "cause and run the same import again: it completes the rest and duplicates nothing",
        )
    return ImportStopped(
        f"{stopped}; what it had written was taken back ({removed['entities']:,} actors and programmes, "
        f"{removed['ties']:,} ties)",
        "'netmap sources' shows the run as failed; remove the cause and run the same import again",
    )


def _mark_failed(store: Store, source: SourceInfo, exc: NetmapError) -> None:
    """Best effort: the database may be the reason the run failed."""
    with contextlib.suppress(NetmapError):
        writes.fail_source(store, source, exc.message)


def run_import(
    store: Store,
    importer: Importer,
    *,
    dry_run: bool = False,
    batch_size: int = 5000,
    ties: tie_check.TieCheckJob | None = None,
    progress: ProgressCallback | None = None,
) -> ImportReport:
    """Validate, resolve and (unless ``dry_run``) write an importer's records; returns the report.

    ``ties``: a check of the relationships tables the caller started earlier (the CLI does, before it
    connects); otherwise one is started here when the tables are large enough (:mod:`netmap.ingest.tie_check`).
    ``progress(step, done, total)`` is told how far it got: ``"checking"`` (records read, total unknown),
    then ``"writing"`` (records handed to the database, of all of them), batch by batch.
    """
    if ties is None:
        ties = tie_check.start(importer)
    try:
        with paused_gc():  # the writer still collects each batch's youngest objects (driver cycles)
            return _run_import(store, importer, dry_run=dry_run, batch_size=batch_size, ties=ties, progress=progress)
    finally:
        if ties is not None:
            ties.close()


def _run_import(
    store: Store,
    importer: Importer,
    *,
    dry_run: bool,
    batch_size: int,
    ties: tie_check.TieCheckJob | None,
    progress: ProgressCallback | None = None,
) -> ImportReport:
    source = combined_source(importer.sources(), importer.format)
    report = ImportReport(source=source)
    if not dry_run:
        store.ensure_schema()
    plan = validate(store, importer, report, ties, progress)
    counts = {
        "created": sum(1 for i in plan.ids if plan.mapping.get(i, i) not in plan.existing),
        "updated": sum(1 for i in plan.ids if i in plan.existing and i not in plan.mapping),
        "merged": sum(1 for i in plan.ids if i in plan.mapping and plan.mapping[i] in plan.existing),
        "unresolved": len(plan.review),
    }
    report.written = dict(counts)
    report.notes.extend(getattr(importer, "notes", []))
    if plan.how:
        report.notes.append("matched: " + ", ".join(f"{k} {v}" for k, v in sorted(plan.how.items())))
    if dry_run:
        report.notes.append("dry run: nothing was written")
        return report
    seen = writes.begin_source(store, source)

    def final(ref: str) -> str:
        first = plan.mapping.get(ref, ref)
        return plan.mapping.get(first, first)

    def rewritten(records: Iterable[Record]) -> Iterator[Record]:
        for record in records:
            if isinstance(record, Relationship):
                record.source, record.target = final(record.source), final(record.target)
            else:
                record.id = final(record.id)
            yield record

    try:
        # Created up front, in a transaction of their own: otherwise each batch creating one of them
        # holds up every other batch that ties an entity to it until it commits.
        writes.ensure_places(store, plan.countries, plan.sectors)
        workers = 2 if counts["created"] * 2 > len(plan.ids) else 1  # see BatchWriter
        total, done = report.actors + report.initiatives + report.relationships, 0
        with BatchWriter(store, source.id, seen, plan.existing, workers) as writer:
            for batch in batches(rewritten(_in_write_order(importer, plan)), batch_size):
                writer.put(batch)
                done += len(batch)
                if progress is not None:
                    progress("writing", done, total)
        if plan.review:
            review.save_review_items(store, plan.review)
    except QueryError as exc:
        _mark_failed(store, source, exc)
        raise _stopped(store, source, exc) from None
    except DatabaseUnavailable as exc:
        _mark_failed(store, source, exc)
        raise
    writes.finish_source(
        store,
        source,
        {**counts, "actors": report.actors, "initiatives": report.initiatives, "relationships": report.relationships},
    )
    return report
