"""The language switcher in the header: the choice is kept in a cookie for a year."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, redirect, request, url_for
from netmap.web.i18n import COOKIE, LANGUAGES

from netmap.auth.redirects import safe_next

bp = Blueprint("language", __name__)


@bp.route("/language", methods=["POST"])
def choose() -> Any:
    lang = request.form.get("lang", "")
    if lang not in LANGUAGES:
        abort(400)
    response = redirect(safe_next(request.form.get("next"), url_for("maps.explorer")))
    response.set_cookie(COOKIE, lang, max_age=365 * 24 * 3600, httponly=True, samesite="Lax", secure=request.is_secure)
    return response
