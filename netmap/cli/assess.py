"""``netmap assess`` and ``netmap assessments``: stakeholder assessments from the command line."""

from __future__ import annotations

import getpass

import click

from netmap.cli.common import echo_rows, format_option, handle_errors, open_store
from netmap.model import STANCES

COLUMNS = ["id", "name", "kind", "country", "influence", "interest", "stance", "date", "by"]
HISTORY_COLUMNS = ["date", "influence", "interest", "stance", "note", "by"]


@click.command()
@click.argument("actor_id")
@click.option("--influence", required=True, help="1 (marginal) to 5 (decisive).")
@click.option("--interest", required=True, help="1 (indifferent) to 5 (central to its own agenda).")
@click.option("--stance", required=True, type=click.Choice(STANCES, case_sensitive=False))
@click.option("--note", default="", help="What the rating rests on.")
@click.option("--date", "day", help="YYYY-MM-DD [default: today].")
@click.option("--by", "by", help="Who assessed [default: your login name].")
@click.pass_context
@handle_errors
def assess(
    ctx: click.Context,
    actor_id: str,
    influence: str,
    interest: str,
    stance: str,
    note: str,
    day: str | None,
    by: str | None,
) -> None:
    """Record a stakeholder assessment of ACTOR_ID (kept with every earlier one; the latest counts)."""
    from netmap.store.assessments import add_assessment

    latest = add_assessment(
        open_store(ctx),
        actor_id,
        influence=influence,
        interest=interest,
        stance=stance,
        note=note,
        by=by or getpass.getuser(),
        date=day,
    )
    click.echo(
        f"assessed {actor_id}: influence {latest['influence']}/5, interest {latest['interest']}/5, "
        f"{latest['stance']} ({latest['by']}, {latest['date']})"
    )


@click.command()
@click.argument("actor_id", required=False)
@format_option()
@click.pass_context
@handle_errors
def assessments(ctx: click.Context, actor_id: str | None, fmt: str) -> None:
    """The latest assessment of every assessed actor, or every assessment of ACTOR_ID, newest first."""
    from netmap.store.assessments import assessment_history, latest_assessments

    store = open_store(ctx)
    if actor_id:
        echo_rows(assessment_history(store, actor_id), fmt, HISTORY_COLUMNS)
    else:
        echo_rows(latest_assessments(store), fmt, COLUMNS)


COMMANDS = [assess, assessments]
