"""Entry points: the ranked table with filters and reasons, and its CSV download."""

from __future__ import annotations

import csv
import io
from typing import Any

from flask import Blueprint, Response, jsonify, render_template, request
from netmap.web.security import requires, settings, store

bp = Blueprint("entry", __name__)


def _rows(top: int | None) -> tuple[Any, list[dict[str, Any]]]:
    from netmap.web.mapspec import MapSpec
    from netmap.web.mapview import entry_point_rows

    spec = MapSpec.parse(request.args.to_dict(flat=False))
    return spec, entry_point_rows(store(), settings(), spec, top=top)


#: Rows per page of the entry-points table.
PER_PAGE = 25


@bp.route("/entry-points")
@requires("viewer")
def table() -> Any:
    """The ranked table: its content is rendered once per analysis, data version, language and query and
    shared by every request of that key (it holds nothing of the user)."""
    from netmap.web.caches import shared_fragment
    from netmap.web.i18n import current_language
    from netmap.web.snapshots import snapshot
    from netmap.web.views import data_key

    s = store()
    snap = snapshot(s, settings())
    query = request.query_string.decode("utf-8", "replace")
    key = ("entry-main", *data_key(s), snap.version, snap.home, current_language(), query)
    return render_template(
        "entry_points.html", main=shared_fragment(key, "_entry_main.html", lambda: _table_context(query))
    )


def _table_context(query: str) -> dict[str, Any]:
    from netmap.web.mapspec import MapSpec
    from netmap.web.mapview import entry_point_page
    from netmap.web.snapshots import facets

    from netmap.errors import InputError

    spec = MapSpec.parse(request.args.to_dict(flat=False))
    raw = request.args.get("page", "1")
    try:
        page = int(raw)
    except ValueError:
        raise InputError("page", f"{raw[:20]!r} is not a page number", "use 1, 2, 3…") from None
    start = (page - 1) * PER_PAGE
    rows, total = entry_point_page(store(), settings(), spec, max(0, start), PER_PAGE)
    pages = max(1, -(-total // PER_PAGE))
    if not 1 <= page <= pages:
        raise InputError("page", f"there is no page {page}", f"use a page from 1 to {pages}")
    args = [(k, v) for k, vs in request.args.lists() if k != "page" for v in vs]
    return {
        "rows": rows,
        "total": total,
        "first": start + 1,
        "page": page,
        "pages": pages,
        "args": args,
        "spec": spec,
        "facets": facets(store()),
        "home": settings().home_actor,
        "query": query,
    }


@bp.route("/api/entry-points")
@requires("viewer")
def data() -> Any:
    _spec, rows = _rows(100)
    return jsonify(rows)


@bp.route("/entry-points.csv")
@requires("viewer")
def download() -> Any:
    from netmap.export.cells import csv_safe

    _spec, rows = _rows(None)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    cols = [
        "rank",
        "id",
        "name",
        "kind",
        "sphere",
        "country",
        "engagement",
        "score",
        "influence",
        "structure",
        "reach",
        "fit",
        "route",
        "reasons",
    ]
    writer.writerow(cols)
    for r in rows:
        comp = r["components"]
        values = [
            r["rank"],
            r["id"],
            r["name"],
            r["kind"],
            r["sphere"],
            r["country"],
            r["engagement"],
            r["score"],
            comp.get("influence"),
            comp.get("structure"),
            comp.get("reach"),
            comp.get("fit"),
            r["route"] or "",
            "; ".join(r["reasons"]),
        ]
        writer.writerow([csv_safe("" if v is None else str(v)) for v in values])
    return Response(
        buf.getvalue(), mimetype="text/csv", headers={"Content-Disposition": "attachment; filename=entry-points.csv"}
    )
