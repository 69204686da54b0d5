"""``netmap analyze``, ``entry-points``, ``path``, ``coverage``, ``suggest``: thin commands over
:mod:`netmap.analytics.report`."""

from __future__ import annotations

from typing import Any

import click

from netmap.cli.common import echo_rows, format_option, handle_errors, open_store, settings_from
from netmap.errors import InputError
from netmap.model import SPHERES


def _report() -> Any:
    """The analytics facade, imported on first use: ``netmap`` starts fast for commands that need none."""
    from netmap.analytics import report

    return report


SPHERE_CHOICE = click.Choice([*SPHERES, "all"])


def _graph(ctx: click.Context, as_of: str | None, home: str | None = None) -> Any:
    settings = settings_from(ctx)
    keep = [h for h in (home, settings.home_actor) if h]
    from netmap.graph import GraphFilter

    return _report().load(open_store(ctx), settings, GraphFilter(as_of=as_of, keep=keep))


def _notes(notes: list[str]) -> None:
    for note in notes:
        click.echo(f"note: {note}", err=True)


def _dumps(data: Any) -> str:
    import json

    return json.dumps(data, indent=2, ensure_ascii=False, default=str)


def _write_back(ctx: click.Context, graph: Any, home: str | None, seed: int) -> None:
    from netmap.store.scores import write_scores

    rows = _report().score_rows(graph, settings_from(ctx), home=home, seed=seed)
    written = write_scores(open_store(ctx), rows)
    click.echo(f"wrote scores on {written} actor(s)", err=True)


as_of_option = click.option("--as-of", help="Only ties active at this date (YYYY, YYYY-MM or YYYY-MM-DD).")
seed_option = click.option("--seed", type=int, default=42, show_default=True, help="Random seed.")
home_option = click.option("--home", help="Our own organisation's id (default: home_actor setting).")
write_back_option = click.option(
    "--write-back", is_flag=True, help="Store entryScore, betweenness, constraint, community, brokerRoles."
)


@click.command()
@as_of_option
@seed_option
@click.option("--top", type=int, default=10, show_default=True, help="Brokers and communities to list.")
@write_back_option
@home_option
@format_option()
@click.pass_context
@handle_errors
def analyze(
    ctx: click.Context, as_of: str | None, seed: int, top: int, write_back: bool, home: str | None, fmt: str
) -> None:
    """Size, density, components, communities and the top brokers of the network."""
    graph = _graph(ctx, as_of, home)
    result = _report().analyze_report(graph, seed=seed, top=top)
    if fmt == "json":
        click.echo(_dumps(result))
    else:
        keys = (
            "nodes",
            "edges",
            "actors",
            "programmes",
            "forums",
            "density",
            "components",
            "largest_component",
            "communities",
            "modularity",
        )
        rows: list[dict[str, Any]] = [{"measure": key, "value": result[key]} for key in keys]
        rows += [{"measure": f"method: {m}", "value": v} for m, v in sorted(result["methods"].items())]
        rows += [
            {"measure": f"broker {i}", "value": f"{b['name']} ({b['id']}): " + "; ".join(b["reasons"])}
            for i, b in enumerate(result["top_brokers"], 1)
        ]
        rows += [
            {"measure": f"community {c['community']}", "value": c["summary"]} for c in result["community_summaries"]
        ]
        echo_rows(rows, fmt, ["measure", "value"])
        _notes(result["notes"])
    if write_back:
        _write_back(ctx, graph, home, seed)


def parse_weights(items: tuple[str, ...]) -> dict[str, float]:
    """``COMPONENT=W`` items of ``--weight``."""
    parsed: dict[str, float] = {}
    for item in items:
        name, _, value = item.partition("=")
        try:
            parsed[name.strip()] = float(value)
        except ValueError:
            raise InputError("--weight", f"{item!r} is not COMPONENT=NUMBER", "e.g. --weight reach=0.5") from None
    return parsed


def chosen_spheres(spheres: tuple[str, ...]) -> tuple[str, ...]:
    """``--sphere`` values: none given means the economic sphere, ``all`` means no filter."""
    return () if "all" in spheres else (spheres or ("economic",))


def entry_point_options(func: Any) -> Any:
    """The options that choose and weigh entry points (``entry-points`` and ``export`` share them)."""
    options = [
        click.option("--top", type=int, default=20, show_default=True, help="How many entry points to list."),
        click.option("--sphere", "spheres", type=SPHERE_CHOICE, multiple=True, help="Candidates' sphere [economic]."),
        click.option("--country", "countries", multiple=True, help="Only candidates in this country (ISO3)."),
        click.option("--sector", "sectors", multiple=True, help="Only candidates in this sector."),
        click.option(
            "--weight",
            "weights",
            multiple=True,
            metavar="COMPONENT=W",
            help="Weight of a score component: influence, structure, reach, fit.",
        ),
        home_option,
        as_of_option,
        seed_option,
    ]
    for option in reversed(options):
        func = option(func)
    return func


@click.command("entry-points")
@entry_point_options
@write_back_option
@format_option()
@click.pass_context
@handle_errors
def entry_points(
    ctx: click.Context,
    top: int,
    spheres: tuple[str, ...],
    countries: tuple[str, ...],
    sectors: tuple[str, ...],
    weights: tuple[str, ...],
    home: str | None,
    as_of: str | None,
    seed: int,
    write_back: bool,
    fmt: str,
) -> None:
    """Actors not yet engaged to approach next, ranked, with the reasons and who can introduce us."""
    parsed = parse_weights(weights)
    chosen = chosen_spheres(spheres)
    graph = _graph(ctx, as_of, home)
    result = _report().entry_points_report(
        graph,
        settings_from(ctx),
        home=home,
        top=top,
        spheres=chosen,
        countries=countries,
        sectors=sectors,
        weights=parsed,
        seed=seed,
    )
    if fmt == "json":
        click.echo(_dumps(result))
    else:
        echo_rows(_report().entry_point_rows(result), fmt, ENTRY_COLUMNS)
        _notes(result["notes"])
    if write_back:
        _write_back(ctx, graph, home, seed)


ENTRY_COLUMNS = (
    "rank",
    "id",
    "name",
    "kind",
    "country",
    "score",
    "influence",
    "structure",
    "reach",
    "fit",
    "via",
    "route_cost",
    "reasons",
)


@click.command()
@click.argument("source", metavar="FROM")
@click.argument("target", metavar="TO")
@click.option("-k", "k", type=int, default=3, show_default=True, help="How many routes.")
@as_of_option
@format_option()
@click.pass_context
@handle_errors
def path(ctx: click.Context, source: str, target: str, k: int, as_of: str | None, fmt: str) -> None:
    """The cheapest warm routes from FROM (an actor id, or "home") to TO, each hop explained."""
    graph = _graph(ctx, as_of, None if source in ("home", "us") else source)
    result = _report().path_report(graph, settings_from(ctx), source, target, k)
    if fmt == "json":
        click.echo(_dumps(result))
        return
    if not result["paths"]:
        click.echo(f"no known route from {result['source']['name']} to {result['target']['name']}")
        return
    rows = [
        {
            "rank": i,
            "cost": p["cost"],
            "hops": len(p["hops"]),
            "route": p["text"],
            "reasons": "; ".join(p["reasons"]),
        }
        for i, p in enumerate(result["paths"], 1)
    ]
    if fmt == "csv":
        echo_rows(rows, fmt)
        return
    for row in rows:  # a route is read as a sentence: one block per route, never clipped
        click.echo(f"{row['rank']}. cost {row['cost']}, {row['hops']} hop(s)")
        click.echo(f"   {row['route']}")
        click.echo(f"   why: {row['reasons']}")


@click.command()
@click.option("--sphere", "spheres", type=click.Choice(list(SPHERES)), multiple=True, help="Only actors in it.")
@click.option("--top", type=int, default=50, show_default=True)
@as_of_option
@format_option()
@click.pass_context
@handle_errors
def coverage(ctx: click.Context, spheres: tuple[str, ...], top: int, as_of: str | None, fmt: str) -> None:
    """Country × sector coverage: actors present vs engaged, biggest gaps first."""
    rows = _report().coverage_report(_graph(ctx, as_of), spheres)[:top]
    echo_rows(rows, fmt, None if fmt == "json" else ["country", "sector", "actors", "engaged", "gap", "coverage"])


@click.command()
@click.option("--sphere", "spheres", type=SPHERE_CHOICE, multiple=True, help="Targets' sphere [economic].")
@click.option("--top", type=int, default=20, show_default=True)
@home_option
@as_of_option
@format_option()
@click.pass_context
@handle_errors
def suggest(
    ctx: click.Context, spheres: tuple[str, ...], top: int, home: str | None, as_of: str | None, fmt: str
) -> None:
    """Likely new ties between our partners and actors to approach (Adamic–Adar, Jaccard)."""
    chosen = () if "all" in spheres else (spheres or ("economic",))
    rows = _report().suggestions_report(
        _graph(ctx, as_of, home), settings_from(ctx), home=home, spheres=chosen, top=top
    )
    columns = ["partner_name", "target_name", "adamic_adar", "jaccard", "reasons"]
    echo_rows(rows, fmt, None if fmt == "json" else columns)


COMMANDS = [analyze, entry_points, path, coverage, suggest]
