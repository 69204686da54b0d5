"""The power/interest grid: assessed actors by influence and interest, coloured by stance, entry points numbered."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, render_template, request
from netmap.web.security import requires, settings, store

bp = Blueprint("grid", __name__)


@bp.route("/grid")
@requires("viewer")
def page() -> Any:
    from netmap.web.i18n import current_language
    from netmap.web.mapspec import MapSpec
    from netmap.web.mapview import entry_point_rows
    from netmap.web.snapshots import facets, snapshot

    from netmap.analytics.grid import QUADRANTS, power_interest_grid
    from netmap.model.countries import country_name
    from netmap.model.names import local_name
    from netmap.store.assessments import latest_assessments

    spec = MapSpec.parse(request.args.to_dict(flat=False))
    ranks = {str(e["id"]): int(e["rank"]) for e in entry_point_rows(store(), settings(), MapSpec.parse({}), top=100)}
    points = power_interest_grid(latest_assessments(store()), ranks, spec.kind, spec.country)
    graph, lang = snapshot(store(), settings()).graph, current_language()
    names = {p.id: local_name(graph.nodes[p.id], lang) for p in points if p.id in graph}  # the reader's names
    countries = {p.country: country_name(p.country, lang) for p in points if p.country}
    return render_template(
        "grid.html",
        points=points,
        names=names,
        countries=countries,
        quadrants=QUADRANTS,
        by_quadrant={q: [p for p in points if p.quadrant == q] for q in QUADRANTS},
        spec=spec,
        facets=facets(store()),
    )
