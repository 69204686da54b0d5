"""The validation pass of an import: every record checked, every endpoint named, entities resolved.

Nothing is written until this pass ends without a problem (:class:`ValidationFailed` lists them all);
what it read is kept for the writes up to :data:`KEEP_RECORDS` (see :class:`Plan`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from netmap.errors import InputError, ProblemLog, ValidationFailed, collecting
from netmap.ingest import tie_check
from netmap.ingest.resolve import EXTERNAL_IDS, Resolver
from netmap.model import Actor, ImportReport, Initiative, Relationship, SourceInfo
from netmap.store import Store, reads, review

Record = Actor | Initiative | Relationship
#: Up to this many records, the validation pass keeps what it read so the write pass need not read
#: the files again; beyond it the ties are read again, then the nodes too (memory stays bounded).
KEEP_RECORDS = 100_000
#: ``progress(step, done, total)``: what :func:`netmap.ingest.pipeline.run_import` tells a caller that shows progress.
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
class Plan(ProblemLog):
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


def read_records(importer: Importer, plan: Plan | None = None, part: str = "all") -> Iterator[Record]:
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
) -> Plan:
    """The validation pass. ``ties``, a running check of the relationships tables (see
    :mod:`netmap.ingest.tie_check`), leaves this pass the actors; without it every table is read here.
    ``progress`` is told every :data:`PROGRESS_EVERY` records (``"checking"``, records read, ``None``)."""
    plan = Plan()
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
    for record in read_records(importer, plan, "all" if ties is None else "nodes"):
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


def _check_indexed_sizes(plan: Plan, record: Actor | Initiative) -> None:
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


def _check_external_ids(plan: Plan, actor: Actor) -> None:
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


def _check_endpoints(store: Store | None, plan: Plan) -> None:
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
