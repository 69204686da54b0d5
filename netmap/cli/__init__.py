"""The ``netmap`` command line: thin click commands over the core library.

Each module of this package holds the commands of one area; this one only assembles them.
"""

from __future__ import annotations

import importlib

import click

from netmap import __version__

#: Modules whose ``COMMANDS`` list is added to the root group, in help order.
_AREAS = (
    "netmap.cli.db",
    "netmap.cli.config",
    "netmap.cli.imports",
    "netmap.cli.query",
    "netmap.cli.sample",
    "netmap.cli.analytics",
    "netmap.cli.review",
    "netmap.cli.assess",
    "netmap.cli.engagement",
    "netmap.cli.history",
    "netmap.cli.web",
    "netmap.cli.users",
    "netmap.cli.export",
    "netmap.cli.demo",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="netmap")
@click.pass_context
def main(ctx: click.Context) -> None:
    """netmap: map stakeholder networks and find entry points for engagement."""
    ctx.ensure_object(dict)


for _module_name in _AREAS:
    for _command in importlib.import_module(_module_name).COMMANDS:
        main.add_command(_command)
