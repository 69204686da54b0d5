"""``netmap db start|stop|status``: the managed local Neo4j, or the external server in use."""

from __future__ import annotations

import click

from netmap.cli.common import handle_errors, settings_from
from netmap.errors import NetmapError


@click.group()
def db() -> None:
    """Start, stop and inspect the local Neo4j (or show the external one in use)."""


@db.command()
@click.pass_context
@handle_errors
def start(ctx: click.Context) -> None:
    """Fetch Neo4j Community (first time only), configure it and start it on 127.0.0.1."""
    from netmap.runtime import ManagedNeo4j

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
    from netmap.runtime import ManagedNeo4j

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
    from netmap.runtime import ManagedNeo4j
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


COMMANDS = [db]
