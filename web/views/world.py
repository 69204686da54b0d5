"""The world map (countries shaded by a measure) and the country × sector coverage heat table."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, render_template, request
from netmap.web.security import requires, settings, store

bp = Blueprint("world", __name__)


@bp.route("/world")
@requires("viewer")
def page() -> Any:
    from netmap.web.i18n import current_language
    from netmap.web.worldview import check_measure, world_main

    measure = check_measure(request.args.get("measure"))
    return render_template("world.html", main=world_main(store(), settings(), measure, current_language()))


@bp.route("/coverage")
@requires("viewer")
def coverage() -> Any:
    from netmap.web.i18n import current_language
    from netmap.web.mapspec import MapSpec
    from netmap.web.worldview import coverage_page

    spec = MapSpec.parse({"sphere": request.args.getlist("sphere")})
    return render_template(
        "coverage.html", spec=spec, **coverage_page(store(), settings(), spec.sphere, current_language())
    )
