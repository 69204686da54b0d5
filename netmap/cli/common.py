"""What every command shares: settings, the store, output formats and error handling."""

from __future__ import annotations

import csv
import functools
import io
import json
import os
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

import click

from netmap.config import Settings, load_settings
from netmap.errors import NetmapError
from netmap.export.cells import csv_safe
from netmap.logs import route_driver_logs

F = TypeVar("F", bound=Callable[..., Any])


def settings_from(ctx: click.Context) -> Settings:
    """The settings of this invocation (loaded once, kept on the root context)."""
    root = ctx.find_root()
    root.ensure_object(dict)
    if "settings" not in root.obj:
        root.obj["settings"] = load_settings()
        route_driver_logs(root.obj["settings"].home)  # the driver's warnings go to the log file, not the terminal
    settings: Settings = root.obj["settings"]
    return settings


def open_store(ctx: click.Context, *, start: bool = False) -> Any:
    """A connected :class:`netmap.store.Store`, closed when the command ends.

    With ``start=True`` the managed local Neo4j is started when it is not running (``netmap demo``);
    otherwise a stopped managed Neo4j is an error with the command that starts it. Login accounts an
    older netmap kept in the graph are moved into the accounts database first, before any query runs.
    """
    from netmap.auth.db import accounts_db
    from netmap.auth.migrate import migrate_graph_accounts
    from netmap.store import connect

    settings = settings_from(ctx)
    store = connect(settings, start=start)
    ctx.call_on_close(store.close)
    migrate_graph_accounts(accounts_db(settings), store)
    return store


def open_accounts(ctx: click.Context) -> Any:
    """The accounts database (:mod:`netmap.auth.db`), after moving an older netmap's accounts out of
    the graph when the graph can be reached; the accounts themselves need no Neo4j."""
    from netmap.auth.db import accounts_db
    from netmap.auth.migrate import CHECKED

    db = accounts_db(settings_from(ctx))
    try:
        open_store(ctx)
    except NetmapError as exc:
        if db.get_meta(CHECKED) is None:
            click.echo(
                f"note: {exc.message}, so accounts an older netmap kept in the graph were not looked for "
                "(they move here the next time netmap reaches it)",
                err=True,
            )
    return db


def handle_errors(func: F) -> F:
    """Turn domain errors into ``error: ...`` on stderr and a non-zero exit, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except NetmapError as exc:
            click.echo(f"error: {exc}", err=True)
            problems = getattr(exc, "problems", None)
            if problems and len(problems) > 1:
                for problem in problems[1:20]:
                    click.echo(f"error: {problem}", err=True)
            sys.exit(exc.exit_code)
        except (KeyboardInterrupt, click.exceptions.Exit, click.ClickException, SystemExit):
            raise
        except Exception as exc:  # a bug: say so in one line, details only on request
            if os.environ.get("NETMAP_DEBUG"):
                raise
            click.echo(
                f"error: unexpected {type(exc).__name__}: {exc} — this is a bug in netmap; "
                "run again with NETMAP_DEBUG=1 to see the traceback and report it",
                err=True,
            )
            sys.exit(70)

    return wrapper  # type: ignore[return-value]


def format_option(default: str = "table") -> Callable[[F], F]:
    """The ``--format table|csv|json`` option every listing command takes."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(["table", "csv", "json"]),
        default=default,
        show_default=True,
        help="Output format.",
    )


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "|".join(_cell(v) for v in value)
    if isinstance(value, float):
        return f"{value:.4g}"
    if isinstance(value, (dict,)):
        return json.dumps(value, sort_keys=True, default=str)
    return str(value)


def render(rows: Sequence[Mapping[str, Any]], fmt: str, columns: Sequence[str] | None = None) -> str:
    """Rows as an aligned table, CSV (formula-safe) or JSON."""
    cols = list(columns or (list(rows[0].keys()) if rows else []))
    if fmt == "json":
        return json.dumps([dict(r) for r in rows], indent=2, ensure_ascii=False, default=str)
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(cols)
        for row in rows:
            writer.writerow([csv_safe(_cell(row.get(c))) for c in cols])
        return buf.getvalue().rstrip("\n")
    if not rows:
        return "(no rows)"
    table = [[_cell(r.get(c)) for c in cols] for r in rows]
    widths = [min(60, max(len(c), *(len(t[i]) for t in table))) for i, c in enumerate(cols)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(cols, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    last = len(cols) - 1
    for t in table:  # the last column is never clipped: it holds the reasons and routes people read
        cells = [v if i == last else _clip(v, w).ljust(w) for i, (v, w) in enumerate(zip(t, widths, strict=True))]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def _clip(value: str, width: int) -> str:
    value = value.replace("\n", " ")
    return value if len(value) <= width else value[: width - 1] + "…"


def echo_rows(rows: Iterable[Mapping[str, Any]], fmt: str, columns: Sequence[str] | None = None) -> None:
    click.echo(render(list(rows), fmt, columns))
