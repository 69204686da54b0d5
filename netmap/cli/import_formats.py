"""``netmap import iati|hxl|graphml|gexf|gleif|orgs|membership``: the aid world's and other tools' own formats.

Thin commands: parse options, build the importer, hand it to :func:`netmap.cli.import_report.run_importer`
(validate, resolve, write unless ``--dry-run``, print the report).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from netmap.cli.import_report import import_options, limit_option, run_importer

F = Callable[..., Any]


@click.command()
@import_options
@limit_option
def iati(ctx: click.Context, paths: tuple[Path, ...], dry_run: bool, fmt: str, limits: Any) -> None:
    """IATI activity (1.0x-2.03) and organisation XML files: who funds and implements what."""
    from netmap.importers.iati import IatiImporter

    run_importer(ctx, IatiImporter(list(paths), limits=limits), dry_run, fmt)


def _field_map(example: str) -> Callable[[F], F]:
    return click.option(
        "--map",
        "mapping",
        multiple=True,
        metavar='"HEADER=field"',
        help=f"Say which field a column holds, by its header, e.g. {example} (repeatable).",
    )


@click.command()
@import_options
@click.option(
    "--map",
    "mapping",
    multiple=True,
    metavar='"HEADER=#tag+attr"',
    help="Tag a column by its header (for sheets without a hashtag row, or to override one).",
)
@limit_option
def hxl(
    ctx: click.Context, paths: tuple[Path, ...], dry_run: bool, fmt: str, mapping: tuple[str, ...], limits: Any
) -> None:
    """HXL-tagged 3W/4W sheets (CSV or XLSX): who does what where, and funder → partner → implementer chains."""
    from netmap.importers.hxl import HxlImporter

    run_importer(ctx, HxlImporter(list(paths), mapping=list(mapping), limits=limits), dry_run, fmt)


def _graph_options(func: F) -> F:
    func = click.option(
        "--default-type",
        default="PARTNERS_WITH",
        show_default=True,
        help="Relationship type for edges without a (known) type.",
    )(func)
    func = click.option(
        "--edge-map",
        multiple=True,
        metavar='"ATTR=field"',
        help="Map an edge attribute to type, strength, amount, currency, since, until, note.",
    )(func)
    func = limit_option(func)
    return click.option(
        "--node-map",
        multiple=True,
        metavar='"ATTR=field"',
        help="Map a node attribute to an actor field (name, kind, country, sectors, iati, ...).",
    )(func)


@click.command()
@import_options
@_graph_options
def graphml(
    ctx: click.Context,
    paths: tuple[Path, ...],
    dry_run: bool,
    fmt: str,
    node_map: tuple[str, ...],
    edge_map: tuple[str, ...],
    default_type: str,
    limits: Any,
) -> None:
    """GraphML networks (yEd, NetworkX, Gephi exports; .graphml or .graphml.gz)."""
    from netmap.importers.graphml import GraphmlImporter

    run_importer(
        ctx,
        GraphmlImporter(
            list(paths), node_map=list(node_map), edge_map=list(edge_map), default_type=default_type, limits=limits
        ),
        dry_run,
        fmt,
    )


@click.command()
@import_options
@_graph_options
def gexf(
    ctx: click.Context,
    paths: tuple[Path, ...],
    dry_run: bool,
    fmt: str,
    node_map: tuple[str, ...],
    edge_map: tuple[str, ...],
    default_type: str,
    limits: Any,
) -> None:
    """GEXF networks drawn in Gephi (1.1-1.3, either namespace; .gexf or .gexf.gz)."""
    from netmap.importers.graphml import GexfImporter

    run_importer(
        ctx,
        GexfImporter(
            list(paths), node_map=list(node_map), edge_map=list(edge_map), default_type=default_type, limits=limits
        ),
        dry_run,
        fmt,
    )


@click.command()
@import_options
@limit_option
def gleif(ctx: click.Context, paths: tuple[Path, ...], dry_run: bool, fmt: str, limits: Any) -> None:
    """GLEIF legal entities (Level 1) and parent relationships (Level 2), JSON or golden-copy CSV."""
    from netmap.importers.gleif import GleifImporter

    run_importer(ctx, GleifImporter(list(paths), limits=limits), dry_run, fmt)


@click.command()
@import_options
@_field_map("'Nom (FR)=name_fr' or 'Ministry=parent'")
@limit_option
def orgs(
    ctx: click.Context, paths: tuple[Path, ...], dry_run: bool, fmt: str, mapping: tuple[str, ...], limits: Any
) -> None:
    """Organisation reference lists (names in several languages, acronyms, variants, types, parents)."""
    from netmap.importers.orgs import OrgsImporter

    run_importer(ctx, OrgsImporter(list(paths), mapping=list(mapping), limits=limits), dry_run, fmt)


@click.command()
@import_options
@_field_map("'State=country' or 'Status=type'")
@limit_option
def membership(
    ctx: click.Context, paths: tuple[Path, ...], dry_run: bool, fmt: str, mapping: tuple[str, ...], limits: Any
) -> None:
    """IGO membership lists (CSV or MONDIAL XML): each member country's government MEMBER_OF the IGO."""
    from netmap.importers.membership import MembershipImporter

    importer = MembershipImporter(list(paths), mapping=list(mapping), limits=limits)
    run_importer(ctx, importer, dry_run, fmt)


FORMAT_COMMANDS = [iati, hxl, graphml, gexf, gleif, orgs, membership]


def register(group: click.Group) -> None:
    """Add the format commands to ``netmap import``."""
    for command in FORMAT_COMMANDS:
        group.add_command(command)
