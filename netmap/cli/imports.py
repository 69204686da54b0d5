"""``netmap import FORMAT PATH...`` and ``netmap sources``: loading data, and where it came from."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from netmap.cli.common import echo_rows, format_option, handle_errors, open_store
from netmap.cli.import_formats import register
from netmap.cli.import_report import import_options, limit_option, run_importer


@click.group("import")
def import_group() -> None:
    """Load data into the graph (validated first: on any error nothing is written)."""


@import_group.command()
@click.option(
    "--kind-map",
    "kind_map",
    multiple=True,
    metavar="RAW=KIND",
    help="What a free-text type means, e.g. 'Organization=NGO' (repeatable).",
)
@import_options
@limit_option
def sheet(
    ctx: click.Context, paths: tuple[Path, ...], kind_map: tuple[str, ...], dry_run: bool, fmt: str, limits: Any
) -> None:
    """Actors and relationships from CSV files, an XLSX workbook or a Kumu blueprint."""
    from netmap.importers.sheet import SheetImporter

    run_importer(ctx, SheetImporter(list(paths), kind_map=kind_map, limits=limits), dry_run, fmt)


register(import_group)


@click.command()
@format_option()
@click.pass_context
@handle_errors
def sources(ctx: click.Context, fmt: str) -> None:
    """Every import: file, format, hash, time and counts."""
    from netmap.store.reads import sources as read_sources

    rows = read_sources(open_store(ctx))
    columns = [
        "importedAt",
        "format",
        "file",
        "actors",
        "initiatives",
        "relationships",
        "created",
        "updated",
        "merged",
        "unresolved",
        "runs",
        "status",
        "sha256",
    ]
    if fmt == "table":
        rows = [{**r, "sha256": (r.get("sha256") or "")[:12]} for r in rows]
    echo_rows(rows, fmt, columns)


COMMANDS = [import_group, sources]
