"""``netmap generate``: write a synthetic network in the sheet format, for tests and benchmarks."""

from __future__ import annotations

from pathlib import Path

import click

from netmap.cli.common import handle_errors


@click.command("generate")
@click.option(
    "--actors",
    "actors",
    type=click.IntRange(min=2),
    required=True,
    help="Rows in the actors sheet (organisations plus ~3% programmes and forums).",
)
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed: the same seed gives the same files.")
@click.option(
    "--ties-per-actor",
    type=click.FloatRange(min=0, max=100),
    default=5.0,
    show_default=True,
    help="Relationships per actor, on average.",
)
@click.option(
    "--out",
    "out",
    type=click.Path(path_type=Path),
    default=Path("generated"),
    show_default=True,
    help="Folder to write into (created when missing).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "xlsx"]),
    default="csv",
    show_default=True,
    help="Two CSV files, or one workbook with sheets Actors and Relationships (up to 200,000 actors).",
)
@handle_errors
def generate(actors: int, seed: int, ties_per_actor: float, out: Path, fmt: str) -> None:
    """Write a synthetic stakeholder network of any size (communities, hubs, brokers).

    Import it with ``netmap import`` like any spreadsheet.
    """
    from netmap.sample.generate import generate as generate_network

    files = generate_network(out, actors, seed=seed, ties_per_actor=ties_per_actor, fmt=fmt)
    counts = files.counts
    click.echo(
        f"wrote {counts['rows']} actors ({counts['initiatives']} of them programmes and forums) "
        f"and {counts['relationships']} relationships:"
    )
    for path in files.paths:
        click.echo(f"  {path}")


COMMANDS = [generate]
