"""``netmap export`` (the quarterly bundle) and ``netmap diff`` (what changed between two quarters)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from netmap.cli.analytics import chosen_spheres, entry_point_options, parse_weights
from netmap.cli.common import echo_rows, format_option, handle_errors, open_store, settings_from
from netmap.cli.progress import Progress


@click.command()
@click.option("--quarter", required=True, help="The quarter, e.g. 2026-Q4.")
@click.option(
    "--out",
    "out",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the bundle folder and zip [NETMAP_HOME/exports].",
)
@click.option("--force", is_flag=True, help="Replace a bundle of this quarter already in --out.")
@click.option(
    "--layout",
    default="spheres",
    show_default=True,
    help="How the map is laid out: spheres, around-us, communities or force.",
)
@click.option(
    "--lang",
    default="en",
    show_default=True,
    help="Language of the bundle's text (slide, workbook, map page, README): en, fr or es.",
)
@click.option(
    "--include-sensitive",
    is_flag=True,
    help="Admins only: keep contact details, fields about people, engagement notes, sensitive actors.",
)
@entry_point_options
@click.pass_context
@handle_errors
def export(
    ctx: click.Context,
    quarter: str,
    out: Path | None,
    force: bool,
    layout: str,
    lang: str,
    include_sensitive: bool,
    top: int,
    spheres: tuple[str, ...],
    countries: tuple[str, ...],
    sectors: tuple[str, ...],
    weights: tuple[str, ...],
    home: str | None,
    as_of: str | None,
    seed: int,
) -> None:
    """The quarterly engagement-map bundle: map (HTML, PNG, PDF), workbook, Gephi files, snapshot, README.

    Writes OUT/netmap-QUARTER/ and OUT/netmap-QUARTER.zip and records the snapshot for 'netmap diff'.
    """
    from netmap.drawing.layouts import check_layout
    from netmap.export.bundle import EXPORT_STEPS, export_bundle
    from netmap.export.quarter import parse_quarter
    from netmap.export.state import EntryOptions
    from netmap.i18n import check_language

    parse_quarter(quarter)  # bad input fails before the database is touched
    layout = check_layout(layout)
    lang = check_language(lang)
    options = EntryOptions(
        top=top,
        spheres=chosen_spheres(spheres),
        countries=countries,
        sectors=sectors,
        weights=parse_weights(weights),
        home=home,
        as_of=as_of,
        seed=seed,
    )
    if include_sensitive:
        click.echo(
            "warning: --include-sensitive: the bundle holds contact details, fields about people and "
            "engagement notes; share it only with people allowed to see them",
            err=True,
        )
    bar = Progress(unit="steps")
    steps: list[str] = []

    def progress(step: str) -> None:  # a bar on a terminal, else a line per step
        if bar.tty:
            bar("exporting", len(steps), len(EXPORT_STEPS), detail=step)
            steps.append(step)
        else:
            click.echo(f"… {step}", err=True)

    with bar:
        result = export_bundle(
            open_store(ctx),
            settings_from(ctx),
            quarter,
            out=out,
            options=options,
            include_sensitive=include_sensitive,
            force=force,
            layout=layout,
            lang=lang,
            progress=progress,
        )
    counts = result.snapshot["counts"]
    click.echo(f"wrote {result.folder}")
    click.echo(f"wrote {result.zip_path}")
    click.echo(
        f"{counts['actors']} actors, {counts['ties']} ties, {counts['entryPoints']} entry points; "
        f"changes compared with {result.previous or 'no earlier snapshot'}"
    )
    for note in result.notes:
        click.echo(f"note: {note}", err=True)


@click.command()
@click.argument("old", metavar="FROM")
@click.argument("new", metavar="TO")
@click.option("--top", type=int, default=10, show_default=True, help="Risers and fallers to list per score.")
@format_option()
@click.pass_context
@handle_errors
def diff(ctx: click.Context, old: str, new: str, top: int, fmt: str) -> None:
    """What changed from quarter FROM to quarter TO (e.g. 2026-Q3 2026-Q4), or between two snapshot.json files.

    New and removed actors and ties, engagement-status changes, the biggest risers and fallers in entry
    score and brokerage, and new entry points.
    """
    from netmap.export.bundle import load_snapshot
    from netmap.export.diff import change_rows, diff_snapshots

    needs_store = not all(ref.endswith(".json") and Path(ref).is_file() for ref in (old, new))
    store = open_store(ctx) if needs_store else None
    result = diff_snapshots(load_snapshot(store, old), load_snapshot(store, new), top=top)
    if fmt == "json":
        click.echo(json.dumps(result, indent=2, ensure_ascii=False, default=str))
        return
    rows = change_rows(result)
    click.echo(
        f"changes from {result['from']} (data {result['from_data_date'] or '?'}) to {result['to']} "
        f"(data {result['to_data_date'] or '?'}): {len(rows)}",
        err=True,
    )
    echo_rows(rows, fmt, ["change", "id", "name", "before", "after", "delta", "detail"])
    for note in result["notes"]:
        click.echo(f"note: {note}", err=True)


COMMANDS = [export, diff]
