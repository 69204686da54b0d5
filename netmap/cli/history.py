"""``netmap history [ACTOR] [--since DATE]``: who changed what, when, before → after."""

from __future__ import annotations

import click

from netmap.cli.common import echo_rows, format_option, handle_errors, open_accounts, open_store

COLUMNS = ["at", "by", "actor", "name", "kind", "field", "before", "after", "detail", "id"]


@click.command()
@click.argument("actor_id", required=False)
@click.option("--since", help="Only changes from this date on (YYYY-MM-DD).")
@click.option("--limit", default=200, show_default=True, type=click.IntRange(1, 10000), help="How many changes.")
@format_option()
@click.pass_context
@handle_errors
def history(ctx: click.Context, actor_id: str | None, since: str | None, limit: int, fmt: str) -> None:
    """Changes people made, newest first: of ACTOR_ID, or of every actor and user account."""
    from netmap.auth.changes import account_changes
    from netmap.store.history import list_changes, merge_changes, parse_since

    start = parse_since(since)
    rows = list_changes(open_store(ctx), actor_id, since=start, limit=limit)
    if actor_id is None:
        rows = merge_changes(rows, account_changes(open_accounts(ctx), since=start, limit=limit), limit=limit)
    echo_rows(rows, fmt, [c for c in COLUMNS if c != "name"] if actor_id and fmt == "table" else COLUMNS)


COMMANDS = [history]
