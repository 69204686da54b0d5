"""``netmap users``: who may log in to the web app, with which role, their API tokens and the audit log."""

from __future__ import annotations

import getpass
import sys

import click

from netmap.auth import ROLES
from netmap.cli.common import echo_rows, format_option, handle_errors, open_accounts


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
    from netmap.auth.accounts import add_user

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    user = add_user(open_accounts(ctx), name, role, password, replace=replace, by=getpass.getuser())
    click.echo(f"user {user.name} ({user.role}) {'updated; their sessions ended' if replace else 'added'}")


@users.command("list")
@format_option()
@click.pass_context
@handle_errors
def list_(ctx: click.Context, fmt: str) -> None:
    """List users and their roles (never their password hashes)."""
    from netmap.auth.accounts import list_users

    echo_rows(list_users(open_accounts(ctx)), fmt, ["name", "role"])


@users.command("remove")
@click.argument("name")
@click.pass_context
@handle_errors
def remove(ctx: click.Context, name: str) -> None:
    """Remove the user NAME (their sessions and API tokens end at once)."""
    from netmap.auth.accounts import remove_user

    remove_user(open_accounts(ctx), name, by=getpass.getuser())
    click.echo(f"user {name} removed")


@users.command("token")
@click.argument("name")
@click.option("--revoke", is_flag=True, help="Revoke every API token of NAME instead of making one.")
@click.pass_context
@handle_errors
def token(ctx: click.Context, name: str, revoke: bool) -> None:
    """Make an API token for NAME (shown once), or revoke NAME's tokens with --revoke."""
    from netmap.auth.sessions import create_token, revoke_tokens

    db = open_accounts(ctx)
    if revoke:
        count = revoke_tokens(db, name, by=getpass.getuser())
        click.echo(f"revoked {count} token{'' if count == 1 else 's'} of {name}")
        return
    token_id, secret = create_token(db, name, by=getpass.getuser())
    click.echo(secret)
    click.echo(
        f"token {token_id} for {name}: shown once, kept only as a hash; send it as 'Authorization: Bearer TOKEN' "
        f"to the /api/ endpoints; revoke with 'netmap users token {name} --revoke'",
        err=True,
    )


@users.command("log")
@click.option("--user", "user", help="Only the events of this user name.")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 100000), help="How many events.")
@format_option()
@click.pass_context
@handle_errors
def log(ctx: click.Context, user: str | None, limit: int, fmt: str) -> None:
    """The audit trail, newest first: logins, failed and throttled attempts, logouts, account changes."""
    from netmap.auth.audit import recent

    echo_rows(recent(open_accounts(ctx), limit=limit, user=user), fmt, ["at", "event", "user", "address", "detail"])


COMMANDS = [users]
