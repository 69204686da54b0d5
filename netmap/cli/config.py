"""``netmap config show|set|unset``: the settings in force, where each comes from, and the saved ones."""

from __future__ import annotations

from dataclasses import fields

import click

from netmap.cli.common import echo_rows, format_option, handle_errors, settings_from
from netmap.config import SECRETS, Settings, save_setting, settings_origins


@click.group()
def config() -> None:
    """Show the settings in force; save the ones that should stick (NETMAP_HOME/settings.toml)."""


@config.command()
@format_option()
@click.pass_context
@handle_errors
def show(ctx: click.Context, fmt: str) -> None:
    """Every setting, its value and where it comes from (secrets masked)."""
    settings = settings_from(ctx)
    origins = settings_origins()
    rows = []
    for f in fields(Settings):
        if f.name == "extra":
            continue
        value = getattr(settings, f.name)
        if isinstance(value, tuple):
            value = ", ".join(value)
        if f.name in SECRETS and value:
            value = "(set)"
        rows.append({"setting": f.name, "value": "" if value is None else str(value), "from": origins[f.name]})
    echo_rows(rows, fmt, ["setting", "value", "from"])


@config.command("set")
@click.argument("name")
@click.argument("value")
@click.pass_context
@handle_errors
def set_(ctx: click.Context, name: str, value: str) -> None:
    """Save NAME = VALUE for later commands and the web app (e.g. home_actor iom)."""
    path = save_setting(settings_from(ctx).home, name.lower(), value)
    click.echo(f"saved {name.lower()} = {value} in {path}")
    _warn_if_overridden(name.lower())


@config.command()
@click.argument("name")
@click.pass_context
@handle_errors
def unset(ctx: click.Context, name: str) -> None:
    """Remove a saved setting (its default, or netmap.toml / NETMAP_*, applies again)."""
    path = save_setting(settings_from(ctx).home, name.lower(), None)
    click.echo(f"removed {name.lower()} from {path}")
    _warn_if_overridden(name.lower())


def _warn_if_overridden(name: str) -> None:
    origin = settings_origins()[name]
    if origin.startswith("NETMAP_") or origin.endswith("netmap.toml"):
        click.echo(f"note: {origin} sets {name} too, and wins over the saved value")


COMMANDS = [config]
