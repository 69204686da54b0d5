"""``netmap demo``: the local Neo4j, the sample network and the web app in one command."""

from __future__ import annotations

import secrets
from dataclasses import replace
from pathlib import Path

import click

from netmap.cli.common import handle_errors, open_accounts, open_store, settings_from
from netmap.cli.web import DEV_OPTION, serve_app
from netmap.config import save_setting
from netmap.private import private_dir, write_private

DEMO_USER = "demo"
#: The sample network's own organisation.
SAMPLE_HOME = "iom"


def _demo_password(home: Path | str) -> str:
    """The demo admin's password: generated once, kept 0600 under NETMAP_HOME."""
    path = Path(home) / "demo-password"
    if path.is_file():
        return path.read_text(encoding="utf-8").strip()
    password = secrets.token_urlsafe(12)
    write_private(private_dir(home) / path.name, password + "\n")
    return password


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address the web app listens on.")
@click.option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--no-serve", is_flag=True, help="Load the sample network and stop (do not serve the web app).")
@DEV_OPTION
@click.pass_context
@handle_errors
def demo(ctx: click.Context, host: str, port: int, no_serve: bool, dev: bool) -> None:
    """Start the local Neo4j if needed, load the sample network and serve the web app."""
    from netmap.auth.accounts import add_user, get_user
    from netmap.sample import load_sample
    from netmap.store.reads import counts

    settings = settings_from(ctx)
    if not settings.home_actor:  # the sample's home organisation, kept for later commands and the web app
        save_setting(settings.home, "home_actor", SAMPLE_HOME)
        settings = replace(settings, home_actor=SAMPLE_HOME)
        ctx.find_root().obj["settings"] = settings
    store = open_store(ctx, start=True)
    report = load_sample(store)
    totals = counts(store)
    click.echo(
        f"sample network loaded ({report.actors} actors, {report.initiatives} programmes and forums, "
        f"{report.relationships} ties); the database now holds {totals['actors']} actors and "
        f"{totals['relationships']} relationships at {store.uri}"
    )
    password = _demo_password(settings.home)
    accounts = open_accounts(ctx)
    add_user(accounts, DEMO_USER, "admin", password, replace=get_user(accounts, DEMO_USER) is not None)
    click.echo(f"log in as '{DEMO_USER}' with password '{password}' (kept in {settings.home}/demo-password)")
    click.echo(
        f"home actor: {settings.home_actor} (saved; change it with 'netmap config set home_actor ID'). Try: netmap entry-points --top 10, or netmap query "
        '"MATCH (a:Actor) RETURN a.kind AS kind, count(*) AS n ORDER BY n DESC"'
    )
    if no_serve:
        return
    serve_app(settings, host, port, dev=dev)


COMMANDS = [demo]
