"""``netmap review list|accept|reject``: uncertain entity-resolution matches, decided by a person."""

from __future__ import annotations

import getpass

import click

from netmap.cli.common import echo_rows, format_option, handle_errors, open_store

COLUMNS = ["id", "score", "incoming_name", "candidate_name", "reason", "incoming_id", "candidate_id", "status"]


@click.group()
def review() -> None:
    """Possible duplicates that were not merged automatically."""


@review.command("list")
@click.option(
    "--status", type=click.Choice(["open", "unsure", "accepted", "rejected", "all"]), default="open", show_default=True
)
@format_option()
@click.pass_context
@handle_errors
def list_items(ctx: click.Context, status: str, fmt: str) -> None:
    """The review list, most certain first."""
    from netmap.store.review import list_review_items

    rows = list_review_items(open_store(ctx), None if status == "all" else status)
    echo_rows(rows, fmt, COLUMNS)


@review.command()
@click.argument("item_ids", nargs=-1, required=True)
@click.pass_context
@handle_errors
def accept(ctx: click.Context, item_ids: tuple[str, ...]) -> None:
    """Merge the incoming actor into the candidate (its ties move over; its name becomes an alias)."""
    from netmap.store.review import accept as accept_item

    store = open_store(ctx)
    for item_id in item_ids:
        result = accept_item(store, item_id, by=getpass.getuser())
        click.echo(f"{item_id}: merged {result['merged']} into {result['into']} ({result['moved']} ties moved)")


@review.command()
@click.argument("item_ids", nargs=-1, required=True)
@click.pass_context
@handle_errors
def reject(ctx: click.Context, item_ids: tuple[str, ...]) -> None:
    """Keep the two actors apart (the decision sticks when the data is imported again)."""
    from netmap.store.review import reject as reject_item

    store = open_store(ctx)
    for item_id in item_ids:
        reject_item(store, item_id, by=getpass.getuser())
        click.echo(f"{item_id}: rejected — the actors stay separate")


@review.command()
@click.argument("item_ids", nargs=-1, required=True)
@click.pass_context
@handle_errors
def unsure(ctx: click.Context, item_ids: tuple[str, ...]) -> None:
    """Set pairs aside as "not sure": they stay on the list, after the open ones."""
    from netmap.store.review import set_aside

    store = open_store(ctx)
    for item_id in item_ids:
        set_aside(store, item_id, by=getpass.getuser())
        click.echo(f"{item_id}: set aside as not sure")


@review.command()
@click.argument("item_ids", nargs=-1, required=True)
@click.pass_context
@handle_errors
def undo(ctx: click.Context, item_ids: tuple[str, ...]) -> None:
    """Open a decided pair again; a merge is taken back (the undo is in both actors' history)."""
    from netmap.store.review import undo as undo_item

    store = open_store(ctx)
    for item_id in item_ids:
        result = undo_item(store, item_id, by=getpass.getuser())
        click.echo(f"{item_id}: open again (was {result['was']})")


COMMANDS = [review]
