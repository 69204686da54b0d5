"""The sample network shipped with netmap: a refugee labour-mobility ecosystem (see README.md here).

Real organisations, programmes, forums and their sourced ties, plus an illustrative layer (influence and
engagement scores, fictional actors and ties, each marked). ``netmap demo`` loads it; ``build.py`` is the
developer's script that regenerates the CSVs from the researched ecosystem data.
"""

from __future__ import annotations

from pathlib import Path

from netmap.model import ImportReport
from netmap.store import Store

__all__ = ["SAMPLE_DIR", "load_sample", "sample_files"]

#: The folder holding the shipped sample spreadsheet (``actors.csv``, ``relationships.csv``, ``README.md``).
SAMPLE_DIR: Path = Path(__file__).resolve().parent


def sample_files() -> list[Path]:
    """The sample spreadsheet, actors first: ``[actors.csv, relationships.csv]``."""
    return [SAMPLE_DIR / "actors.csv", SAMPLE_DIR / "relationships.csv"]


def load_sample(store: Store, *, dry_run: bool = False) -> ImportReport:
    """Import the sample network into ``store`` through the ordinary sheet import (idempotent)."""
    from netmap.importers.sheet import SheetImporter
    from netmap.ingest.pipeline import run_import

    report: ImportReport = run_import(store, SheetImporter(sample_files()), dry_run=dry_run)
    return report
