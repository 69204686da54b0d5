"""``/healthz``: whether the app is up and its database answers, for a load balancer or a monitor.

Public and holds no data: ``{"status": "ok", "database": "up"}`` (200) or ``{"status": "unavailable",
"database": "down"}`` (503). The database is probed at most every few seconds, so polling it is cheap.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify
from netmap.web.security import database_answers

bp = Blueprint("health", __name__)


@bp.route("/healthz")
def healthz() -> Any:
    if database_answers():
        return jsonify({"status": "ok", "database": "up"})
    response = jsonify({"status": "unavailable", "database": "down"})
    response.headers["Retry-After"] = "10"
    return response, 503
