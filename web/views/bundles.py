"""Quarterly bundles: the latest ones listed, and their zips for download.

Viewers may download bundles without sensitive data; a bundle exported with ``--include-sensitive`` is
listed and served to admins only. Only a zip the export recorded (same path and SHA-256) is served.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, render_template, send_file
from netmap.web.security import current_user, requires, store

bp = Blueprint("bundles", __name__)


def _is_admin() -> bool:
    user = current_user()
    return bool(user and user.can("admin"))


@bp.route("/bundles")
@requires("viewer")
def page() -> Any:
    from netmap.export.bundle import list_bundles

    admin = _is_admin()
    rows = [b for b in list_bundles(store()) if admin or not b["includeSensitive"]]
    return render_template("bundles.html", bundles=rows, admin=admin)


@bp.route("/bundles/<quarter>.zip")
@requires("viewer")
def download(quarter: str) -> Any:
    from netmap.export.bundle import bundle_file

    path, sensitive = bundle_file(store(), quarter)
    if sensitive and not _is_admin():
        abort(403)
    return send_file(
        path, mimetype="application/zip", as_attachment=True, download_name=f"netmap-{quarter}.zip", max_age=0
    )
