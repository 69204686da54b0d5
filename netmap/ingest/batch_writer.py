"""The write pass's machinery: records in batches, each split into what to CREATE and what to MERGE,
written on background threads while the next batch is parsed."""

from __future__ import annotations

import gc
import queue
import threading
from collections.abc import Iterable, Iterator

from netmap.ingest.validation import Record
from netmap.model import Relationship
from netmap.store import Store, writes


def batches(records: Iterable[Record], size: int) -> Iterator[list[Record]]:
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


class NewFacts:
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


class BatchWriter:
    """Writes batches on background threads, so parsing overlaps the database's work.

    Nodes are written before any tie: :meth:`put` of the first batch of ties waits until every node
    batch is committed and has handed over the element ids of the entities it created (new ties find
    their ends by them, the others by id). Writers share a short queue (memory stays bounded). The
    first write error stops the import and is raised in the calling thread.

    With two writers, two transactions run at once (the database's other core works too). A batch
    that merges a tie an earlier batch creates waits until the earlier batches are committed, or two
    writers could each create it. :func:`netmap.ingest.pipeline.run_import` takes two for imports that mostly create (a first
    import: 100k actors in 34 s against 43 s) and one for the rest, whose MERGEs on hub nodes deadlocked
    with two (67 s against 56 s, retries included).
    """

    def __init__(self, store: Store, source_id: str, seen: str, existing: set[str], workers: int = 1) -> None:
        self.store, self.source_id, self.seen = store, source_id, seen
        self.new_facts = NewFacts(existing)
        self.queue: queue.Queue[writes.PreparedBatch | None] = queue.Queue(maxsize=2 * workers)
        self.error: BaseException | None = None
        self.ties_started = False
        self.threads = [
            threading.Thread(target=self._run, name=f"netmap-writer-{i}", daemon=True) for i in range(workers)
        ]

    def __enter__(self) -> BatchWriter:
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
