"""The map explorer: the page, its JSON data, search suggestions and saved layouts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Blueprint, Response, current_app, jsonify, render_template, request
from netmap.web.security import requires, settings, store
from netmap.web.snapshots import CARRY

bp = Blueprint("maps", __name__)


def remake_views(previous: Any, snap: Any, most: int = 4) -> None:
    """Make on ``snap`` the map views ``previous`` served last (at most ``most``), before it is served:
    at 20k actors a view's layout takes seconds, which the first request after an edit waited for."""
    from netmap.web.mapview import MapSpec, _compute_payload

    with previous._lock:
        keys = list(previous._payloads)[-most:]
    for key in keys:
        view, max_nodes, token = key.rsplit("|", 2)
        payload = _compute_payload(
            snap, MapSpec.parse(_query_dict(view)), int(max_nodes), Path(snap.settings.home), float(token)
        )
        with snap._lock:
            snap._payloads.setdefault(key, payload)


CARRY.append(remake_views)


@bp.route("/")
@requires("viewer")
def explorer() -> Any:
    from netmap.web.mapview import facets

    return render_template("map.html", facets=facets(store()))


@bp.route("/api/map")
@requires("viewer")
def map_data() -> Any:
    from netmap.web.mapview import MapSpec, map_json

    spec = MapSpec.parse(request.args.to_dict(flat=False))
    body = map_json(store(), settings(), spec, max_nodes=current_app.config["MAP_MAX_NODES"])
    return Response(body, mimetype="application/json")


@bp.route("/api/search")
@requires("viewer")
def search() -> Any:
    from netmap.web.i18n import name_of

    from netmap.store.views import search as search_entities

    rows = search_entities(store(), request.args.get("q", ""), limit=10)
    for row in rows:  # the name in the language of the request where the entity has one
        row["name"] = name_of({**row, **dict(row.pop("names"))})
    return jsonify(rows)


@bp.route("/api/layout", methods=["POST"])
@requires("editor")
def save_layout() -> Any:
    from netmap.web.mapview import MapSpec, save_positions, view_node_ids

    from netmap.errors import InputError

    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise InputError("layout", "expected a JSON object with view and positions")
    spec = MapSpec.parse(_query_dict(str(body.get("view") or "")))
    known = view_node_ids(store(), settings(), spec)
    saved = save_positions(settings().home, spec.key(), body.get("positions") or {}, known=known)
    return jsonify({"saved": saved, "view": spec.key()})


def _query_dict(view: str) -> dict[str, list[str]]:
    from urllib.parse import parse_qs

    return parse_qs(view, keep_blank_values=False)
