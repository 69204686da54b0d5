"""Login and logout."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext
from netmap.web.security import store

bp = Blueprint("auth", __name__)


def _safe_next(target: str | None) -> str:
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return url_for("maps.explorer")


@bp.route("/login", methods=["GET", "POST"])
def login() -> Any:
    error = None
    if request.method == "POST":
        from netmap.store.users import authenticate

        name = request.form.get("name", "")[:100]
        user = authenticate(store(), name, request.form.get("password", "")[:1000])
        if user is None:
            error = gettext("Unknown user name or wrong password.")
        else:
            session.clear()
            session["user"] = user.name
            session.permanent = True
            return redirect(_safe_next(request.args.get("next")))
    return render_template("login.html", error=error), (401 if error else 200)


@bp.route("/logout", methods=["POST"])
def logout() -> Any:
    session.clear()
    flash(gettext("You are logged out."))
    return redirect(url_for("auth.login"))
