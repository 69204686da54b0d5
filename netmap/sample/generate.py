"""Synthetic networks of any size in the sheet format, for tests and benchmarks (``netmap generate``).

The structure is what real stakeholder maps look like: a home actor (``home``, the user's organisation),
communities of actors sharing a country and a sector, hubs grown by preferential attachment (the more
ties and influence an actor has, the more new ties it attracts), a humanitarian and an economic sphere
with a few brokers tied into both, programmes and forums (about 3 % of rows), every actor kind, and
engagement statuses that are mostly ``none``. Rows are streamed to disk, so 100k actors and 500k ties
take seconds and little memory. The same arguments always give the same bytes.

>>> from tempfile import mkdtemp
>>> files = generate(Path(mkdtemp()), actors=100, seed=1)
>>> files.counts["rows"], files.counts["relationships"] > 400
(100, True)
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from netmap.errors import InputError
from netmap.sample.synthetic import INITIATIVE_KINDS, Network

__all__ = ["ACTOR_COLUMNS", "REL_COLUMNS", "XLSX_MAX_ACTORS", "GeneratedFiles", "generate"]

ACTOR_COLUMNS: tuple[str, ...] = tuple(
    "id,name,kind,country,sectors,tags,sphere,influence,engagement,description,url,iati,lei,wikidata,"
    "illustrative,source_url".split(",")
)
REL_COLUMNS: tuple[str, ...] = tuple(
    "from,to,type,strength,since,until,amount,currency,note,illustrative,source_url".split(",")
)
#: The largest network written as one workbook (an xlsx sheet holds at most 1,048,576 rows).
XLSX_MAX_ACTORS = 200_000
XLSX_MAX_ROWS = 1_048_575


@dataclass(frozen=True, slots=True)
class GeneratedFiles:
    """What :func:`generate` wrote: the two CSVs (or one workbook) and the row counts."""

    actors_csv: Path | None
    relationships_csv: Path | None
    counts: dict[str, int] = field(default_factory=dict)
    workbook: Path | None = None

    @property
    def paths(self) -> list[Path]:
        """The files written, in import order."""
        if self.workbook is not None:
            return [self.workbook]
        return [p for p in (self.actors_csv, self.relationships_csv) if p is not None]


def _check(out_dir: Path, actors: int, ties_per_actor: float, fmt: str) -> None:
    if isinstance(actors, bool) or not isinstance(actors, int) or actors < 2:
        raise InputError("", f"the number of actors must be a whole number of at least 2 (got {actors!r})")
    if not ties_per_actor >= 0:
        raise InputError("", f"ties per actor must be 0 or more (got {ties_per_actor!r})")
    if fmt not in ("csv", "xlsx"):
        raise InputError("", f"format {fmt!r} is not supported", "use csv or xlsx")
    if fmt == "xlsx":
        if actors > XLSX_MAX_ACTORS:
            raise InputError(
                "",
                f"--format xlsx is limited to {XLSX_MAX_ACTORS:,} actors (asked for {actors:,})",
                "use --format csv for larger networks",
            )
        if round(ties_per_actor * actors) > XLSX_MAX_ROWS:
            raise InputError(
                "",
                f"an xlsx sheet holds at most {XLSX_MAX_ROWS:,} relationships",
                "lower --ties-per-actor or use --format csv",
            )
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError:
        raise InputError(str(out_dir), "not a writable folder", "choose another --out folder") from None
    if not out_dir.is_dir() or not os.access(out_dir, os.W_OK):
        raise InputError(str(out_dir), "not a writable folder", "choose another --out folder")


def _write_csv(path: Path, columns: Sequence[str], rows: Iterator[list[str]]) -> int:
    tmp = path.with_name(path.name + ".tmp")
    count = 0
    try:
        with tmp.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(columns)
            for row in rows:
                writer.writerow(row)
                count += 1
        os.replace(tmp, path)
    except OSError:
        tmp.unlink(missing_ok=True)
        raise InputError(str(path), "cannot be written", "choose another --out folder") from None
    return count


_NUMERIC = frozenset({"influence", "strength", "since", "until", "amount"})


def _cells(columns: Sequence[str], row: list[str]) -> list[Any]:
    return [int(v) if v and c in _NUMERIC else v for c, v in zip(columns, row, strict=True)]


def _write_xlsx(path: Path, net: Network) -> tuple[int, int]:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    actors_ws = wb.create_sheet("Actors")
    actors_ws.append(list(ACTOR_COLUMNS))
    n_rows = 0
    for row in net.actor_rows():
        actors_ws.append(_cells(ACTOR_COLUMNS, row))
        n_rows += 1
    rel_ws = wb.create_sheet("Relationships")
    rel_ws.append(list(REL_COLUMNS))
    n_ties = 0
    for row in net.tie_rows():
        rel_ws.append(_cells(REL_COLUMNS, row))
        n_ties += 1
    tmp = path.with_name(path.name + ".tmp")
    try:
        wb.save(tmp)
        os.replace(tmp, path)
    except OSError:
        tmp.unlink(missing_ok=True)
        raise InputError(str(path), "cannot be written", "choose another --out folder") from None
    return n_rows, n_ties


def generate(
    out_dir: Path, actors: int, seed: int = 0, ties_per_actor: float = 5.0, fmt: str = "csv"
) -> GeneratedFiles:
    """Write a synthetic network of ``actors`` rows (organisations plus ~3 % programmes and forums).

    CSV (default): ``actors.csv`` and ``relationships.csv`` in ``out_dir``. ``fmt="xlsx"``: one workbook
    ``network.xlsx`` with sheets ``Actors`` and ``Relationships`` (up to 200,000 actors). About
    ``ties_per_actor * actors`` relationships are written (fewer only when the network is too small to hold
    that many distinct ties). Raises :class:`InputError` on bad arguments or an unwritable ``out_dir``.
    """
    out_dir = Path(out_dir)
    _check(out_dir, actors, ties_per_actor, fmt)
    net = Network(actors, seed, ties_per_actor)
    initiatives = sum(1 for k in net.kind if k in INITIATIVE_KINDS)
    if fmt == "xlsx":
        workbook = out_dir / "network.xlsx"
        n_rows, n_ties = _write_xlsx(workbook, net)
        counts = {"rows": n_rows, "actors": n_rows - initiatives, "initiatives": initiatives, "relationships": n_ties}
        return GeneratedFiles(None, None, counts, workbook)
    actors_csv = out_dir / "actors.csv"
    relationships_csv = out_dir / "relationships.csv"
    n_rows = _write_csv(actors_csv, ACTOR_COLUMNS, net.actor_rows())
    n_ties = _write_csv(relationships_csv, REL_COLUMNS, net.tie_rows())
    counts = {"rows": n_rows, "actors": n_rows - initiatives, "initiatives": initiatives, "relationships": n_ties}
    return GeneratedFiles(actors_csv, relationships_csv, counts)
