"""``netmap engagement``: who holds each relationship, the next steps, and introduction requests."""

from __future__ import annotations

import getpass

import click

from netmap.cli.common import echo_rows, format_option, handle_errors, open_store, settings_from

STEP_COLUMNS = ["id", "name", "engagement", "owner", "next_step", "due", "overdue"]
INTRO_COLUMNS = ["id", "status", "via_name", "target_name", "requested_by", "requested_on", "updated_on", "route"]


@click.group()
def engagement() -> None:
    """Relationship owners, next steps and introduction requests."""


@engagement.command("owner")
@click.argument("actor_id")
@click.argument("user", required=False, default="")
@click.option("--by", "by", help="Who made the change [default: your login name].")
@click.pass_context
@handle_errors
def owner(ctx: click.Context, actor_id: str, user: str, by: str | None) -> None:
    """Make the login account USER the owner of our relationship with ACTOR_ID (no USER: nobody)."""
    from netmap.auth.db import accounts_db
    from netmap.store.owners import set_owner

    store = open_store(ctx)  # moves an older netmap's accounts out of the graph first
    row = set_owner(store, accounts_db(settings_from(ctx)), actor_id, user, by=by or getpass.getuser())
    click.echo(f"{row['name']}: owner {row['owner']}" if row["owner"] else f"{row['name']}: no owner")


@engagement.command("next")
@click.argument("actor_id")
@click.argument("step", required=False, default="")
@click.option("--due", help="YYYY-MM-DD (a date already past is accepted and flagged overdue).")
@click.option("--done", is_flag=True, help="The current next step is done: clear it.")
@click.option("--by", "by", help="Who made the change [default: your login name].")
@click.pass_context
@handle_errors
def next_step(ctx: click.Context, actor_id: str, step: str, due: str | None, done: bool, by: str | None) -> None:
    """Set the next STEP with ACTOR_ID and its --due date (or --done to clear it)."""
    from netmap.store.owners import clear_next_step, set_next_step

    who = by or getpass.getuser()
    if done:
        row = clear_next_step(open_store(ctx), actor_id, by=who)
        click.echo(f"{row['name']}: no next step")
        return
    row = set_next_step(open_store(ctx), actor_id, step, due, by=who)
    click.echo(
        f"{row['name']}: next step due {row['due']}: {row['next_step']}" + (" (overdue)" if row["overdue"] else "")
    )


@engagement.command("mine")
@click.option("--user", help="Whose actors [default: your login name].")
@click.option("--today", help="YYYY-MM-DD to count overdue from [default: today].")
@format_option()
@click.pass_context
@handle_errors
def mine(ctx: click.Context, user: str | None, today: str | None, fmt: str) -> None:
    """The actors whose relationship you hold (or --user holds): overdue steps first."""
    from netmap.store.owners import my_actors

    echo_rows(my_actors(open_store(ctx), user or getpass.getuser(), _day(today)), fmt, STEP_COLUMNS)


@engagement.command("overdue")
@click.option("--today", help="YYYY-MM-DD to count overdue from [default: today].")
@format_option()
@click.pass_context
@handle_errors
def overdue(ctx: click.Context, today: str | None, fmt: str) -> None:
    """Every next step past its due date, the oldest first, with its owner."""
    from netmap.store.owners import overdue_steps

    echo_rows(overdue_steps(open_store(ctx), _day(today)), fmt, STEP_COLUMNS)


@engagement.command("introduce")
@click.argument("target")
@click.option("--via", required=True, help="The actor (id or name) we ask for the introduction.")
@click.option("--note", default="", help="What we asked for.")
@click.option("--by", "by", help="Who asked [default: your login name].")
@click.pass_context
@handle_errors
def introduce(ctx: click.Context, target: str, via: str, note: str, by: str | None) -> None:
    """Ask --via to introduce us to TARGET: refused unless --via is on a route from us to TARGET."""
    from netmap.analytics.report import introduction_report, load
    from netmap.store.introductions import request_introduction

    settings = settings_from(ctx)
    store = open_store(ctx)
    route = introduction_report(load(store, settings), settings, via, target)
    row = request_introduction(
        store,
        route["via"],
        route["target"],
        route=route["text"],
        route_ids=route["nodes"],
        note=note,
        by=by or getpass.getuser(),
    )
    click.echo(f"introduction {row['id']} requested: {row['via_name']} to introduce us to {row['target_name']}")
    click.echo(f"   route: {row['route']}")


@engagement.command("introduction")
@click.argument("request_id")
@click.argument("status", type=click.Choice(["accepted", "declined", "done"]))
@click.option("--note", default="", help="What came of it.")
@click.option("--by", "by", help="Who recorded it [default: your login name].")
@click.pass_context
@handle_errors
def introduction(ctx: click.Context, request_id: str, status: str, note: str, by: str | None) -> None:
    """Move introduction REQUEST_ID on: accepted, declined or done (done moves the target's engagement on)."""
    from netmap.store.introductions import set_introduction_status

    row = set_introduction_status(
        open_store(ctx),
        request_id,
        status,
        by=by or getpass.getuser(),
        home_actor=settings_from(ctx).home_actor,
        note=note,
    )
    click.echo(f"introduction {row['id']} {row['status']}: {row['via_name']} → {row['target_name']}")
    if row["engagement"]:
        click.echo(f"   {row['target_name']} is now {row['engagement']}")


@engagement.command("introductions")
@click.argument("actor_id", required=False)
@click.option("--open", "open_only", is_flag=True, help="Only requests still requested or accepted.")
@format_option()
@click.pass_context
@handle_errors
def introductions(ctx: click.Context, actor_id: str | None, open_only: bool, fmt: str) -> None:
    """Introduction requests (through or to ACTOR_ID), open ones first."""
    from netmap.store.introductions import introductions as listing

    echo_rows(listing(open_store(ctx), actor_id, open_only=open_only), fmt, INTRO_COLUMNS)


def _day(today: str | None) -> str | None:
    import datetime as dt

    from netmap.errors import InputError

    if today is None:
        return None
    try:
        return dt.date.fromisoformat(today.strip()).isoformat()
    except ValueError:
        raise InputError("--today", f"{today!r} is not a date", "use YYYY-MM-DD") from None


COMMANDS = [engagement]
