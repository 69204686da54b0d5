"""``netmap serve``: the web app for partnership officers and analysts."""

from __future__ import annotations

import os

import click

from netmap.cli.common import handle_errors, settings_from

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def serve_app(
    settings: object,
    host: str = "127.0.0.1",
    port: int = 5000,
    *,
    secure_cookie: bool | None = None,
    dev: bool = False,
) -> None:
    """Run the app under waitress (what ``netmap demo`` calls after loading the sample); ``dev`` runs
    Werkzeug's development server with the reloader instead.

    The session cookie gets the ``Secure`` flag when serving on anything but loopback (put netmap behind
    HTTPS then), unless ``secure_cookie`` says otherwise (``NETMAP_COOKIE_SECURE`` also sets it).
    """
    from netmap.web import create_app
    from netmap.web.serving import serve_development, serve_production, thread_count

    if secure_cookie is None:
        env = os.environ.get("NETMAP_COOKIE_SECURE")
        secure_cookie = env.lower() in ("1", "true", "yes", "on") if env else host not in LOOPBACK
    app = create_app({"NETMAP_SETTINGS": settings, "SESSION_COOKIE_SECURE": secure_cookie})
    server = "development server with reloader" if dev else f"{thread_count()} threads"
    click.echo(f"netmap is serving on http://{host}:{port}/ ({server}; Ctrl+C to stop)")
    if secure_cookie:
        click.echo("note: session cookies are Secure-only: reach netmap through HTTPS (or pass --insecure-cookie)")
    if dev:
        serve_development(app, host, port)
    else:
        serve_production(app, host, port)
        click.echo("netmap stopped.")


DEV_OPTION = click.option(
    "--dev", is_flag=True, help="Werkzeug's development server with the reloader (for working on netmap only)."
)


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
@click.option("--insecure-cookie", is_flag=True, help="Allow the session cookie over plain HTTP off loopback.")
@DEV_OPTION
@click.pass_context
@handle_errors
def serve(ctx: click.Context, host: str, port: int, insecure_cookie: bool, dev: bool) -> None:
    """Serve the web app (map explorer, actor pages, entry points, paths, console, import)."""
    from netmap.store import connect

    settings = settings_from(ctx)
    connect(settings).close()  # fail early, with the next step, when the database is not there
    serve_app(settings, host, port, secure_cookie=False if insecure_cookie else None, dev=dev)


COMMANDS = [serve]
