"""``netmap query``: Cypher from the command line, read-only unless ``--write``."""

from __future__ import annotations

import json
import re
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


def load_cypher(text_or_file: str, raw_params: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """The Cypher and parameters of an argument: a ``.cypher`` file, a saved query's name, or Cypher text.

    A saved query's parameters are checked and typed by its header (defaults filled in).
    """
    from netmap.store.saved_queries import load_queries, parse_query

    stripped = text_or_file.strip()
    if stripped.endswith(".cypher") and "\n" not in stripped:
        path = Path(stripped)
        if not path.is_file():
            raise InputError(stripped, "no such file")
        text = path.read_text(encoding="utf-8")
        if text.lstrip().startswith("// title:"):
            saved = parse_query(path.stem, text, str(path))
            return saved.cypher, saved.bind({**saved_defaults(saved), **raw_params})
        return text, raw_params
    if re.fullmatch(r"[A-Za-z0-9_-]+", stripped):
        for saved in load_queries():
            if saved.name == stripped:
                return saved.cypher, saved.bind({**saved_defaults(saved), **raw_params})
    return text_or_file, raw_params


def saved_defaults(saved: Any) -> dict[str, Any]:
    return {p.name: p.default for p in saved.parameters if p.default is not None}


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
    ctx: click.Context,
    cypher_or_file: str,
    params: tuple[str, ...],
    fmt: str,
    write: bool,
    timeout: float | None,
    limit: int | None,
) -> None:
    """Run Cypher (text, a .cypher file, or a saved query's name from queries/) against the graph.

    Read-only by default: a query whose plan writes is refused before it runs.
    """
    from netmap.store.cypher import MAX_RESULT_BYTES, run_query

    settings = settings_from(ctx)
    cypher, parameters = load_cypher(cypher_or_file, parse_params(params))
    result = run_query(
        open_store(ctx),
        cypher,
        parameters,
        write=write,
        timeout=timeout or settings.query_timeout,
        limit=limit or settings.query_row_limit,
    )
    echo_rows(result.rows, fmt, result.columns)
    if result.truncated:
        click.echo(f"(stopped at {len(result.rows)} rows: raise --limit to see more)", err=True)
    if result.cut:
        click.echo(
            f"(cut at {MAX_RESULT_BYTES // 1_000_000} MB of results, after {len(result.rows)} row(s): "
            "return fewer or smaller values, or add a LIMIT)",
            err=True,
        )


COMMANDS = [query]
