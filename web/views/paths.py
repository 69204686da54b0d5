"""The path finder: from/to with suggestions, the top-k warm paths drawn and explained."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify, render_template, request
from netmap.web.security import requires, settings, store

bp = Blueprint("paths", __name__)


@bp.route("/paths")
@requires("viewer")
def finder() -> Any:
    home = settings().home_actor or ""
    return render_template(
        "paths.html", source=request.args.get("from", home), target=request.args.get("to", ""), home=home
    )


@bp.route("/api/paths")
@requires("viewer")
def data() -> Any:
    from netmap.web.actor_paths import path_payload

    from netmap.errors import InputError

    source, target = request.args.get("from", "").strip(), request.args.get("to", "").strip()
    if not source or not target:
        raise InputError("path", "name both ends", "pick a 'from' and a 'to' actor")
    try:
        k = int(request.args.get("k", "3"))
    except ValueError:
        raise InputError("k", f"{request.args.get('k')!r} is not a number", "use 1-10") from None
    from netmap.web.i18n import localised_path

    payload = path_payload(store(), settings(), source, target, k=k)
    return jsonify({**payload, "paths": [localised_path(p) for p in payload["paths"]]})
