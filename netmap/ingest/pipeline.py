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
import gc
import hashlib
import queue
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from netmap.errors import (
    DatabaseUnavailable,
    ImportStopped,
    InputError,
    NetmapError,
    ProblemLog,
    QueryError,
    ValidationFailed,
    collecting,
)
from netmap.ingest import tie_check
from netmap.ingest.resolve import EXTERNAL_IDS, Resolver
from netmap.model import Actor, ImportReport, Initiative, Relationship, SourceInfo
from netmap.store import Store, reads, review, writes

Record = Actor | Initiative | Relationship
#: Up to this many records, the validation pass keeps what it read so the write pass need not read
#: the files again; beyond it the ties are read again, then the nodes too (memory stays bounded).
KEEP_RECORDS = 100_000
#: ``progress(step, done, total)``: what :func:`run_import` tells a caller that shows progress.
ProgressCallback = Callable[[str, int, "int | None"], None]
#: Records between two calls of the progress callback while reading.
PROGRESS_EVERY = 2000
#: A report lists at most this many warnings (and says how many more there were).
MAX_WARNINGS = 200
#: The longest text (UTF-8 bytes) netmap accepts in a field the database indexes or keeps unique (ids,
#: names, external ids, sectors). Neo4j refuses a range-index key over about 8 kB at write time
#: ("Property value is too large to index"), after earlier batches committed; refusing it here keeps
#: an import all-or-nothing, with a margin for the index's own overhead.
MAX_INDEXED_BYTES = 4000


class Importer(Protocol):
    format: str
    warnings: list[str]

    def sources(self) -> list[SourceInfo]: ...

    def read(self) -> Iterator[Record]: ...


@dataclass
class _Plan(ProblemLog):
    """What the validation pass learnt: id rewrites, names, and counts."""

    ids: set[str] = field(default_factory=set)
    names: dict[str, str | None] = field(default_factory=dict)  # exact name -> id (None: ambiguous)
    mapping: dict[str, str] = field(default_factory=dict)  # import id -> database id
    existing: set[str] = field(default_factory=set)
    how: dict[str, int] = field(default_factory=dict)
    review: list[Any] = field(default_factory=list)
    kept_nodes: list[Record] | None = field(default_factory=list)
    kept_ties: list[Record] | None = field(default_factory=list)
    kept_count: int = 0
    #: the countries and sectors the entities are tied to (created before the entities, see run_import)
    countries: set[str] = field(default_factory=set)
    sectors: set[str] = field(default_factory=set)
    endpoint_refs: dict[str, str] = field(default_factory=dict)  # unresolved ref -> first origin
    #: (external id field, value) -> (the actor holding it, where it was given): one organisation each
    external_ids: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)

    def keep(self, records: Sequence[Record] | None, ties: bool) -> None:
        """Keep what validation read for the writes (None: too many), up to KEEP_RECORDS in all."""
        kept = self.kept_ties if ties else self.kept_nodes
        if kept is None:
            return
        if records is None:
            self.kept_ties = None
            if not ties:
                self.kept_nodes = None
            self.kept_count = len(self.kept_nodes or ())
            return
        kept.extend(records)
        self.kept_count += len(records)
        if self.kept_count > KEEP_RECORDS:
            self._let_go()

    def _let_go(self) -> None:
        """Over budget: the ties are let go first, then the nodes (the writes read them again)."""
        self.kept_ties = None
        self.kept_count = len(self.kept_nodes or ())
        if self.kept_count > KEEP_RECORDS:
            self.kept_nodes, self.kept_count = None, 0


def combined_source(sources: list[SourceInfo], fmt: str) -> SourceInfo:
    """One ``:Source`` per import run, named after all its files and hashed over all their contents."""
    if len(sources) == 1:
        return sources[0]
    digest = hashlib.sha256("".join(sorted(s.sha256 for s in sources)).encode()).hexdigest()
    return SourceInfo(file=", ".join(s.file for s in sources), format=fmt, sha256=digest)


def _read(importer: Importer, plan: _Plan | None = None, part: str = "all") -> Iterator[Record]:
    """The importer's records; a bad record becomes a collected problem (validation pass) or an error.

    ``part`` ("nodes" or "ties") reads only those tables, from an importer that can (:mod:`netmap.ingest.tie_check`).
    """
    yield from collecting(importer.read() if part == "all" else importer.read(part), plan)  # type: ignore[call-arg]


def validate(
    store: Store | None,
    importer: Importer,
    report: ImportReport,
    ties: tie_check.TieCheckJob | None = None,
    progress: ProgressCallback | None = None,
) -> _Plan:
    """The validation pass. ``ties``, a running check of the relationships tables (see
    :mod:`netmap.ingest.tie_check`), leaves this pass the actors; without it every table is read here.
    ``progress`` is told every :data:`PROGRESS_EVERY` records (``"checking"``, records read, ``None``)."""
    plan = _Plan()
    index = store.entity_index() if store is not None else []
    plan.existing = {row["id"] for row in index}
    resolver = Resolver(index, kept_apart=review.kept_apart(store) if store is not None else ())
    trust_ids = bool(getattr(importer, "trust_ids", False))
    for row in index:
        if row.get("name"):
            plan.names.setdefault(row["name"], row["id"])
        for key in EXTERNAL_IDS:
            if row.get(key) and row.get("label") == "Actor":
                plan.external_ids[(key, str(row[key]))] = (row["id"], "the database")
    read = 0
    for record in _read(importer, plan, "all" if ties is None else "nodes"):
        read += 1
        if progress is not None and read % PROGRESS_EVERY == 0:
            progress("checking", read, None)
        plan.keep((record,), ties=isinstance(record, Relationship))
        if isinstance(record, Relationship):
            report.relationships += 1
            for ref in (record.source, record.target):
                if ref not in plan.ids and ref not in plan.endpoint_refs:
                    plan.endpoint_refs[ref] = record.origin
            continue
        if isinstance(record, Actor):
            report.actors += 1
            match = resolver.match(record, trust_id=trust_ids)
            plan.how[match.how] = plan.how.get(match.how, 0) + 1
            if match.id != record.id:
                plan.mapping[record.id] = match.id
            if match.review is not None:
                plan.review.append(match.review)
            _check_external_ids(plan, record)
            if record.country:
                plan.countries.add(record.country)
            plan.sectors.update(record.sectors)
        else:
            report.initiatives += 1
            plan.countries.update(record.countries)
        _check_indexed_sizes(plan, record)
        plan.ids.add(record.id)
        name_owner = plan.names.get(record.name, "")
        if name_owner == "":
            plan.names[record.name] = record.id
        elif name_owner != record.id and name_owner not in plan.existing:
            plan.names[record.name] = None  # two entities of this import share the name
        plan.endpoint_refs.pop(record.id, None)
    found = None
    if ties is not None:
        found = ties.result()
        report.relationships += found.count
        for ref, origin in found.refs.items():
            if ref not in plan.ids and ref not in plan.endpoint_refs:
                plan.endpoint_refs[ref] = origin
        plan.keep(found.records, ties=True)
        plan.absorb(found)
    _check_endpoints(store, plan)
    warnings = getattr(importer, "warnings", [])
    report.warnings.extend(warnings[:MAX_WARNINGS])
    shown = min(len(warnings), MAX_WARNINGS)
    total = len(warnings) + getattr(warnings, "dropped", 0)  # beyond its limits, an importer only counts them
    if total > shown:
        report.warnings.append(f"... and {total - shown:,} more warnings like these")
    tally = getattr(importer, "tally", None)
    if tally is not None:
        report.rows = combine_tallies(tally.as_dict(), found.rows if found is not None else {})
    if plan.problems:
        raise ValidationFailed(plan.problems, plan.problem_count)
    if not (report.actors or report.initiatives or report.relationships):
        raise InputError(
            report.source.file,
            "holds nothing to import: no actors, programmes or relationships (only a header row?)",
            "add the data rows, or check that this is the file you meant",
        )
    return plan


def combine_tallies(first: dict[str, Any], second: dict[str, Any]) -> dict[str, Any]:
    """Two row accountings (the actors tables', the relationships tables' read apart) as one."""
    if not second:
        return first
    groups: dict[str, dict[str, Any]] = {}
    for group in [*first.get("skipped", []), *second.get("skipped", [])]:
        into = groups.setdefault(group["reason"], {"reason": group["reason"], "rows": 0, "first_lines": []})
        into["rows"] += group["rows"]
        into["first_lines"] = (into["first_lines"] + group["first_lines"])[:5]
    return {
        "read": first.get("read", 0) + second.get("read", 0),
        "unit": first.get("unit", "line"),
        "used": first.get("used", 0) + second.get("used", 0),
        "merged": first.get("merged", 0) + second.get("merged", 0),
        "skipped": sorted(groups.values(), key=lambda g: -g["rows"]),
    }


def _check_indexed_sizes(plan: _Plan, record: Actor | Initiative) -> None:
    """Every indexed text of the record fits the database's index (see :data:`MAX_INDEXED_BYTES`)."""
    fields: list[tuple[str, Any]] = [("id", record.id), ("name", record.name), ("iati", record.iati)]
    fields += [("sector", sector) for sector in record.sectors]
    if isinstance(record, Actor):
        fields += [(key, getattr(record, key)) for key in EXTERNAL_IDS if key != "iati"]
    for what, value in fields:
        size = len(str(value).encode("utf-8")) if value else 0
        if size > MAX_INDEXED_BYTES:
            plan.problem(
                InputError(
                    record.origin,
                    f"the {what} is {size:,} bytes long; the database can index at most {MAX_INDEXED_BYTES:,}",
                    f"shorten it (text this long is usually a description pasted into the {what} column)",
                )
            )


def _check_external_ids(plan: _Plan, actor: Actor) -> None:
    """An IATI, LEI, Wikidata or HDX id names one organisation (a uniqueness constraint holds it).

    Two actors of one import with the same external id, or an actor claiming one that another actor of
    the database holds, would be refused by the database halfway through the writes; they are refused
    here, before anything is written.
    """
    owner = plan.mapping.get(actor.id, actor.id)
    for key in EXTERNAL_IDS:
        value = getattr(actor, key)
        if not value:
            continue
        held = plan.external_ids.setdefault((key, str(value)), (owner, actor.origin))
        if held[0] != owner:
            plan.problem(
                InputError(
                    actor.origin,
                    f"{key} '{value}' of '{actor.id}' already belongs to '{held[0]}' ({held[1]})",
                    "an external id names one organisation: give both the same id, or correct the external id",
                )
            )


def _check_endpoints(store: Store | None, plan: _Plan) -> None:
    """Every relationship endpoint is an id or an exact, unambiguous name of this import or the database."""
    unknown = {ref: origin for ref, origin in plan.endpoint_refs.items() if ref not in plan.ids}
    if not unknown:
        return
    refs = sorted(unknown)
    in_db: set[str] = set()
    if store is not None:
        for start in range(0, len(refs), 5000):
            in_db |= reads.existing_ids(store, refs[start : start + 5000])
    for ref in refs:
        if ref in in_db or ref in plan.existing:
            continue
        owner = plan.names.get(ref, "")
        if owner:
            plan.mapping.setdefault(ref, owner)
            continue
        origin = unknown[ref]
        if owner is None:
            plan.problem(InputError(origin, f"'{ref}' names more than one actor", "use the actor's id instead"))
        else:
            plan.problem(
                InputError(
                    origin,
                    f"relationship points at '{ref}', which is no actor id or name in this import or the database",
                    "add the actor or correct the reference",
                )
            )


def _in_write_order(importer: Importer, plan: _Plan) -> Iterator[Record]:
    """Every record once, nodes before ties: what validation kept, and what it could not keep read again."""
    nodes: Iterable[Record] | None = plan.kept_nodes
    ties: Iterable[Record] | None = plan.kept_ties
    plan.kept_nodes = plan.kept_ties = None
    apart = tie_check.reads_apart(importer)
    if nodes is None and ties is None and not apart and getattr(importer, "nodes_first", False):
        yield from _read(importer)  # one pass: every node comes before the first tie
        return
    if nodes is None:
        nodes = (
            _read(importer, part="nodes") if apart else (r for r in _read(importer) if not isinstance(r, Relationship))
        )
    yield from nodes
    if ties is None:
        ties = _read(importer, part="ties") if apart else (r for r in _read(importer) if isinstance(r, Relationship))
    yield from ties


def _batches(records: Iterable[Record], size: int) -> Iterator[list[Record]]:
    """Lists of up to ``size`` records; a batch holds nodes or ties, never both."""
    batch: list[Record] = []
    ties = False
    for record in records:
        is_tie = isinstance(record, Relationship)
        if batch and (len(batch) >= size or is_tie != ties):
            yield batch
            batch = []
        ties = is_tie
        batch.append(record)
    if batch:
        yield batch


class _NewFacts:
    """Tells, record by record in write order, which ones the database cannot hold yet.

    A node is new when its id was not in the database at validation and this run has not written it;
    a tie is new when this run created both its ends (their element ids are in :attr:`elements`,
    recorded as each node batch commits) and has not written the same tie (type, ends, key) before.
    Ties are remembered by a 64-bit hash: a collision only sends a tie down the MERGE path, which is
    always correct.
    """

    def __init__(self, existing: set[str]) -> None:
        self.existing = existing
        self.created: set[str] = set()
        self.elements: dict[str, str] = {}  # id -> element id of the entities this run created
        self.ties: set[int] = set()  # identities of the ties created by earlier batches
        #: the last split merges a tie an earlier batch creates: write it after that batch commits
        self.repeats_earlier = False

    def split(self, batch: list[Record]) -> tuple[list[Record], list[Record]]:
        """(new, known): records to CREATE and records to MERGE, each in input order."""
        new: list[Record] = []
        known: list[Record] = []
        created, elements, earlier = self.created, self.elements, self.ties
        this_batch: set[int] = set()
        self.repeats_earlier = False
        for record in batch:
            if isinstance(record, Relationship):
                if record.source in elements and record.target in elements:
                    identity = hash(writes.tie_identity(record))
                    if identity in earlier:
                        self.repeats_earlier = True
                    elif identity not in this_batch:
                        this_batch.add(identity)
                        new.append(record)
                        continue
            elif record.id not in created and record.id not in self.existing:
                created.add(record.id)
                new.append(record)
                continue
            known.append(record)
        earlier |= this_batch
        return new, known


class _BatchWriter:
    """Writes batches on background threads, so parsing overlaps the database's work.

    Nodes are written before any tie: :meth:`put` of the first batch of ties waits until every node
    batch is committed and has handed over the element ids of the entities it created (new ties find
    their ends by them, the others by id). Writers share a short queue (memory stays bounded). The
    first write error stops the import and is raised in the calling thread.

    With two writers, two transactions run at once (the database's other core works too). A batch
    that merges a tie an earlier batch creates waits until the earlier batches are committed, or two
    writers could each create it. :func:`run_import` takes two for imports that mostly create (a first
    import: 100k actors in 34 s against 43 s) and one for the rest, whose MERGEs on hub nodes deadlocked
    with two (67 s against 56 s, retries included).
    """

    def __init__(self, store: Store, source_id: str, seen: str, existing: set[str], workers: int = 1) -> None:
        self.store, self.source_id, self.seen = store, source_id, seen
        self.new_facts = _NewFacts(existing)
        self.queue: queue.Queue[writes.PreparedBatch | None] = queue.Queue(maxsize=2 * workers)
        self.error: BaseException | None = None
        self.ties_started = False
        self.threads = [
            threading.Thread(target=self._run, name=f"netmap-writer-{i}", daemon=True) for i in range(workers)
        ]

    def __enter__(self) -> _BatchWriter:
        for thread in self.threads:
            thread.start()
        return self

    def _run(self) -> None:
        while True:
            batch = self.queue.get()
            try:
                if batch is None:
                    return
                if self.error is None:
                    batch.write(self.store)
                    self.new_facts.elements.update(batch.element_ids)
                    gc.collect(0)  # the driver leaves each batch's rows in reference cycles: free them now
            except BaseException as exc:  # handed to the caller's thread
                self.error = exc
            finally:
                self.queue.task_done()

    def put(self, batch: list[Record]) -> None:
        if not self.ties_started and isinstance(batch[0], Relationship):
            self.ties_started = True
            self.queue.join()  # every node is committed before the first tie is written
        if self.error is not None:
            raise self.error
        new, known = self.new_facts.split(batch)
        if self.new_facts.repeats_earlier and len(self.threads) > 1:
            self.queue.join()  # another writer may still be creating the tie this batch merges
        self.queue.put(writes.PreparedBatch(known, new, self.source_id, self.seen, self.new_facts.elements))

    def __exit__(self, *exc: object) -> None:
        for _ in self.threads:
            self.queue.put(None)
        for thread in self.threads:
            thread.join()
        if self.error is not None and exc[0] is None:
            raise self.error


@contextlib.contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Pause Python's cycle collector while an import runs.

    An import holds millions of small objects (records, ids, rows) for its whole length; the collector
    walked all of them again and again, which took a sixth of a 100k-actor import (49 s against 41 s).
    Reference counting still frees nearly everything as usual. The exception is each written batch,
    which the database driver keeps in reference cycles: the writer collects the youngest generation
    after every batch (those objects only), or a 100k-actor import peaked at 700 MB instead of 300 MB.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


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
        with _cyclic_gc_paused():
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
        workers = 2 if counts["created"] * 2 > len(plan.ids) else 1  # see _BatchWriter
        total, done = report.actors + report.initiatives + report.relationships, 0
        with _BatchWriter(store, source.id, seen, plan.existing, workers) as writer:
            for batch in _batches(rewritten(_in_write_order(importer, plan)), batch_size):
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
