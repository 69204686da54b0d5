"""What every ``netmap import`` command shares: its arguments and options, and the run and its report."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from netmap.cli.common import handle_errors, open_store, render
from netmap.cli.progress import Progress
from netmap.ingest import tie_check

__all__ = ["import_options", "limit_option", "run_importer"]

F = Callable[..., Any]


def import_options(func: F) -> F:
    """``PATHS...``, ``--dry-run`` and ``--format table|json``, with the context and error handling."""
    func = click.pass_context(handle_errors(func))
    func = click.option(
        "--format",
        "fmt",
        type=click.Choice(["table", "json"]),
        default="table",
        show_default=True,
        help="Report format.",
    )(func)
    func = click.option("--dry-run", is_flag=True, help="Validate and report; write nothing.")(func)
    return click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))(func)


def _limits(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> Any:
    from netmap.errors import InputError
    from netmap.importers.limits import parse_limits

    try:
        return parse_limits(values)
    except InputError as exc:
        raise click.BadParameter(f"{exc.problem} ({exc.hint})" if exc.hint else exc.problem) from None


def limit_option(func: F) -> F:
    """``--limit NAME=N`` (repeatable): raise one of the caps on what a file may hold."""
    return click.option(
        "--limit",
        "limits",
        multiple=True,
        metavar="NAME=N",
        callback=_limits,
        help="Raise a cap on one file: records (10000000), unpacked-mb (4096), text-mb (16), warnings (1000000).",
    )(func)


def run_importer(ctx: click.Context, importer: Any, dry_run: bool, fmt: str = "table") -> None:
    """Validate (always), then write unless ``dry_run``; print the report."""
    ties = tie_check.start(importer)  # parses while the database driver loads and connects
    try:
        from netmap.driver_import import load_driver

        load_driver(without=("pandas", "numpy"))  # an import never hands the driver numpy values
        from netmap.ingest.pipeline import run_import  # loads the rest: after the worker has started

        with Progress(enabled=fmt != "json") as progress:
            report = run_import(open_store(ctx), importer, dry_run=dry_run, ties=ties, progress=progress)
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
    rows = data["rows"]
    if rows:
        skipped = sum(group["rows"] for group in rows["skipped"])
        click.echo(f"  rows: {rows['read']} read, {rows['used']} used, {rows['merged']} merged, {skipped} skipped")
        for group in rows["skipped"]:
            lines = ", ".join(str(n) for n in group["first_lines"])
            more = ", ..." if group["rows"] > len(group["first_lines"]) else ""
            click.echo(f"    skipped {group['rows']}: {group['reason']} ({rows.get('unit', 'line')} {lines}{more})")
    for note in data["notes"]:
        click.echo(f"  note: {note}")
    for warning in data["warnings"][:50]:
        click.echo(f"  warning: {warning}")
    if len(data["warnings"]) > 50:
        click.echo(f"  ... and {len(data['warnings']) - 50} more warnings")
