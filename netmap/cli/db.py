"""``netmap db start|stop|status|reset|dump|load``: the managed local Neo4j, or the external server in use."""

from __future__ import annotations

from pathlib import Path

import click

from netmap.cli.common import handle_errors, open_store, settings_from
from netmap.errors import ConfigError, NetmapError
from netmap.runtime import ManagedNeo4j


@click.group()
def db() -> None:
    """Start, stop and inspect the local Neo4j (or show the external one in use)."""


@db.command()
@click.pass_context
@handle_errors
def start(ctx: click.Context) -> None:
    """Fetch Neo4j Community (first time only), configure it and start it on 127.0.0.1."""
    settings = settings_from(ctx)
    if not settings.managed:
        click.echo(f"NETMAP_NEO4J_URI is set: using {settings.neo4j_uri}; no local Neo4j is started.")
        return
    server = ManagedNeo4j(settings)
    was_running = server.is_running()
    uri = server.start()
    click.echo(f"Neo4j {server.version} {'is already running' if was_running else 'started'} at {uri}")
    click.echo(f"  user: neo4j   password file: {server.password_file}")


@db.command()
@click.pass_context
@handle_errors
def stop(ctx: click.Context) -> None:
    """Stop the local Neo4j."""
    settings = settings_from(ctx)
    if not settings.managed:
        click.echo(f"NETMAP_NEO4J_URI is set: {settings.neo4j_uri} is not managed by netmap; nothing to stop.")
        return
    stopped = ManagedNeo4j(settings).stop()
    click.echo("Neo4j stopped." if stopped else "Neo4j was not running.")


@db.command()
@click.pass_context
@handle_errors
def status(ctx: click.Context) -> None:
    """Whether Neo4j runs, its version, address and node count."""
    from netmap.store import connect

    settings = settings_from(ctx)
    if settings.managed:
        server = ManagedNeo4j(settings)
        if not server.is_running():
            click.echo(
                f"Neo4j (local, managed) is not running. Start it with 'netmap db start'. Data: {server.data_dir}"
            )
            ctx.exit(3)
        uri = server.uri
        label = f"local, managed, pid {server.pid()}"
    else:
        uri = settings.neo4j_uri or ""
        label = "external"
    try:
        with connect(settings) as store:
            info = store.server_info()
    except NetmapError as exc:
        click.echo(f"error: {exc}", err=True)
        ctx.exit(1)
    click.echo(f"Neo4j {info.get('version')} ({info.get('edition')}, {label}) is running at {uri}")
    click.echo(
        f"  nodes: {info['nodes']}  relationships: {info['relationships']}  actors: {info['actors']}  "
        f"programmes: {info['programmes']}  forums: {info['forums']}  imports: {info['sources']}"
    )


@db.command()
@click.option("--yes", is_flag=True, help="Do not ask first.")
@click.option("--uri", help="With an external server: its address, to say you mean that one.")
@click.pass_context
@handle_errors
def reset(ctx: click.Context, yes: bool, uri: str | None) -> None:
    """Delete every actor, tie, source and review item for a fresh start (login accounts are kept)."""
    from netmap.store.maintenance import reset_graph

    settings = settings_from(ctx)
    if not settings.managed and not (yes and uri == settings.neo4j_uri):
        raise ConfigError(
            f"{settings.neo4j_uri} is an external server: netmap resets it only when told so explicitly",
            f"run 'netmap db reset --yes --uri {settings.neo4j_uri}'",
        )
    store = open_store(ctx)
    if not yes:
        click.confirm(f"Delete the whole graph at {store.uri}? Login accounts are kept", abort=True)
    deleted = reset_graph(store)
    click.echo(f"deleted {deleted} nodes and their relationships at {store.uri}; login accounts kept")


def _managed(ctx: click.Context, verb: str) -> ManagedNeo4j:
    settings = settings_from(ctx)
    if not settings.managed:
        raise ConfigError(
            f"NETMAP_NEO4J_URI is set: netmap can {verb} only its own local Neo4j",
            f"use that server's own tools (neo4j-admin database {verb}) for {settings.neo4j_uri}",
        )
    return ManagedNeo4j(settings)


@db.command()
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.pass_context
@handle_errors
def dump(ctx: click.Context, file: Path) -> None:
    """Save the local database to FILE (Neo4j's own dump; the server is stopped meanwhile)."""
    from netmap.runtime.backup import dump as dump_database

    restarted = dump_database(_managed(ctx, "dump"), file)
    click.echo(
        f"dumped the database to {file}" + (" (Neo4j was stopped meanwhile and is running again)" if restarted else "")
    )


@db.command()
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--yes", is_flag=True, help="Do not ask first.")
@click.pass_context
@handle_errors
def load(ctx: click.Context, file: Path, yes: bool) -> None:
    """Replace the local database with a dump written by 'netmap db dump'."""
    from netmap.runtime.backup import load as load_database

    server = _managed(ctx, "load")
    if not yes:
        click.confirm(f"Replace the whole local database with {file}?", abort=True)
    restarted = load_database(server, file)
    click.echo(f"loaded {file}" + (" (Neo4j was stopped meanwhile and is running again)" if restarted else ""))


COMMANDS = [db]
