"""``netmap users``: who may log in to the web app, and with which role."""

from __future__ import annotations

import sys

import click

from netmap.auth import ROLES
from netmap.cli.common import echo_rows, format_option, handle_errors, open_store


@click.group()
def users() -> None:
    """Manage web app users (viewer < editor < analyst < admin)."""


@users.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(ROLES), default="viewer", show_default=True, help="What the user may do.")
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of stdin.")
@click.option("--replace", is_flag=True, help="Reset the role and password of an existing user.")
@click.pass_context
@handle_errors
def add(ctx: click.Context, name: str, role: str, password_stdin: bool, replace: bool) -> None:
    """Add a user NAME with a role; the password is prompted for (or read with --password-stdin)."""
    from netmap.store.users import add_user

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    user = add_user(open_store(ctx), name, role, password, replace=replace)
    click.echo(f"user {user.name} ({user.role}) {'updated' if replace else 'added'}")


@users.command("list")
@format_option()
@click.pass_context
@handle_errors
def list_(ctx: click.Context, fmt: str) -> None:
    """List users and their roles (never their password hashes)."""
    from netmap.store.users import list_users

    echo_rows(list_users(open_store(ctx)), fmt, ["name", "role"])


@users.command("remove")
@click.argument("name")
@click.pass_context
@handle_errors
def remove(ctx: click.Context, name: str) -> None:
    """Remove the user NAME."""
    from netmap.store.users import remove_user

    remove_user(open_store(ctx), name)
    click.echo(f"user {name} removed")


COMMANDS = [users]
