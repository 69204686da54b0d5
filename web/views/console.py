"""The Cypher console (analyst and admin): read-only queries with a time limit and a row limit."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, render_template, request
from netmap.web.security import requires, settings, store

bp = Blueprint("console", __name__)


def _saved() -> list[Any]:
    from netmap.store.saved_queries import load_queries

    return load_queries()


@bp.route("/console")
@requires("analyst")
def page() -> Any:
    return render_template("console.html", queries=_saved(), cypher="", result=None, error=None, chosen=None, values={})


@bp.route("/console", methods=["POST"])
@requires("analyst")
def run() -> Any:
    from netmap.errors import QueryError
    from netmap.store.cypher import run_query

    cypher = request.form.get("cypher", "")[:20000]
    result, error = None, None
    try:
        result = run_query(store(), cypher, {}, timeout=settings().query_timeout, limit=settings().query_row_limit)
    except QueryError as exc:
        error = str(exc)
    status = 400 if error else 200
    return render_template(
        "console.html", queries=_saved(), cypher=cypher, result=result, error=error, chosen=None, values={}
    ), status


@bp.route("/console/saved/<name>", methods=["POST"])
@requires("analyst")
def run_saved(name: str) -> Any:
    from netmap.errors import InputError, QueryError
    from netmap.store.cypher import run_query
    from netmap.store.saved_queries import get_query

    query = get_query(name)
    values = {p.name: request.form.get(p.name, "") for p in query.parameters}
    result, error = None, None
    try:
        params = query.bind(values)
        result = run_query(
            store(), query.cypher, params, timeout=settings().query_timeout, limit=settings().query_row_limit
        )
    except (QueryError, InputError) as exc:
        error = str(exc)
    return render_template(
        "console.html",
        queries=_saved(),
        cypher=query.cypher,
        result=result,
        error=error,
        chosen=query.name,
        values=values,
    ), (400 if error else 200)
