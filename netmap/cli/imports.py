"""``netmap import FORMAT PATH...`` and ``netmap sources``: loading data, and where it came from."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from netmap.cli.common import echo_rows, format_option, handle_errors, open_store, render


def run_importer(ctx: click.Context, importer: Any, dry_run: bool, fmt: str = "table") -> None:
    """Validate (always), then write unless ``dry_run``; print the report."""
    from netmap import tie_check

    ties = tie_check.start(importer)  # parses while the database driver loads and connects
    try:
        from netmap.ingest import run_import

        report = run_import(open_store(ctx), importer, dry_run=dry_run, ties=ties)
    finally:
        if ties is not None:
            ties.close()
    data = report.as_dict()
    if fmt == "json":
        click.echo(render([data], "json"))
        return
    verb = "would import" if dry_run else "imported"
    click.echo(
        f"{verb} {data['file']} ({data['format']}): {data['actors']} actors, {data['initiatives']} programmes/forums, "
        f"{data['relationships']} relationships"
    )
    written = data["written"]
    click.echo(
        f"  created {written.get('created', 0)}, updated {written.get('updated', 0)}, merged {written.get('merged', 0)}, "
        f"for review {written.get('unresolved', 0)}"
    )
    for note in data["notes"]:
        click.echo(f"  note: {note}")
    for warning in data["warnings"][:50]:
        click.echo(f"  warning: {warning}")
    if len(data["warnings"]) > 50:
        click.echo(f"  ... and {len(data['warnings']) - 50} more warnings")


dry_run_option = click.option("--dry-run", is_flag=True, help="Validate and report; write nothing.")
report_format_option = click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)


@click.group("import")
def import_group() -> None:
    """Load data into the graph (validated first: on any error nothing is written)."""


@import_group.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@dry_run_option
@report_format_option
@click.pass_context
@handle_errors
def sheet(ctx: click.Context, paths: tuple[Path, ...], dry_run: bool, fmt: str) -> None:
    """Actors and relationships from CSV files, an XLSX workbook or a Kumu blueprint."""
    from netmap.importers.sheet import SheetImporter

    run_importer(ctx, SheetImporter(list(paths)), dry_run, fmt)


try:
    from netmap.cli.import_formats import register
except ImportError:  # the other importers are optional while they are being built
    pass
else:
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
