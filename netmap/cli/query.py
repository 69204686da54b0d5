"""``netmap query``: Cypher from the command line, read-only unless ``--write``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from netmap.cli.common import echo_rows, format_option, handle_errors, open_store, settings_from
from netmap.errors import InputError


def parse_params(pairs: tuple[str, ...]) -> dict[str, Any]:
    """``-p key=value`` pairs; values that read as JSON (numbers, lists, true) are typed, others are text."""
    params: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise InputError(f"-p {pair}", "is not key=value", "write parameters as -p country=DEU")
        try:
            params[key.strip()] = json.loads(value)
        except json.JSONDecodeError:
            params[key.strip()] = value
    return params


def load_cypher(text_or_file: str) -> tuple[str, dict[str, Any]]:
    """The Cypher of an argument: a file's contents, a saved query's name, or the text itself."""
    path = Path(text_or_file)
    if len(text_or_file) < 4096 and path.suffix == ".cypher":
        if not path.is_file():
            raise InputError(text_or_file, "no such file")
        return path.read_text(encoding="utf-8"), {}
    try:
        from netmap.saved_queries import find_saved_query
    except ImportError:
        return text_or_file, {}
    saved = find_saved_query(text_or_file) if " " not in text_or_file.strip() else None
    if saved is not None:
        return saved.cypher, dict(saved.defaults)
    return text_or_file, {}


@click.command()
@click.argument("cypher_or_file")
@click.option("-p", "--param", "params", multiple=True, metavar="KEY=VALUE", help="A query parameter.")
@format_option()
@click.option("--write", is_flag=True, help="Allow a query that changes the graph.")
@click.option("--timeout", type=float, default=None, help="Seconds before the query is stopped [default: 30].")
@click.option("--limit", type=int, default=None, help="Most rows to return [default: 1000].")
@click.pass_context
@handle_errors
def query(
    ctx: click.Context, cypher_or_file: str, params: tuple[str, ...], fmt: str, write: bool,
    timeout: float | None, limit: int | None,
) -> None:
    """Run Cypher (text, a .cypher file, or a saved query's name) against the graph.

    Read-only by default: a query whose plan writes is refused before it runs.
    """
    from netmap.store.cypher import run_query

    settings = settings_from(ctx)
    cypher, defaults = load_cypher(cypher_or_file)
    result = run_query(
        open_store(ctx), cypher, {**defaults, **parse_params(params)}, write=write,
        timeout=timeout or settings.query_timeout, limit=limit or settings.query_row_limit,
    )
    echo_rows(result.rows, fmt, result.columns)
    if result.truncated:
        click.echo(f"(stopped at {len(result.rows)} rows: raise --limit to see more)", err=True)


COMMANDS = [query]
