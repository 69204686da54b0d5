"""The description of the JSON endpoints, for other tools."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, jsonify
from netmap.web.security import requires

bp = Blueprint("api", __name__)


@bp.route("/api/openapi.json")
@requires("viewer")
def openapi() -> Any:
    from netmap.web.openapi import openapi_document

    return jsonify(openapi_document(current_app))
