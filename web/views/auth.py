"""Login and logout."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext
from netmap.web.security import accounts

bp = Blueprint("auth", __name__)


@bp.route("/login", methods=["GET", "POST"])
def login() -> Any:
    from netmap.auth.login import LoginThrottled, log_in
    from netmap.auth.redirects import safe_next

    if request.method == "GET":
        return render_template("login.html", error=None)
    try:
        result = log_in(
            accounts(), request.form.get("name", ""), request.form.get("password", "")[:1000], request.remote_addr
        )
    except LoginThrottled as exc:
        page = render_template("login.html", error=gettext("Too many failed logins: %(hint)s.", hint=exc.hint))
        return page, 429, {"Retry-After": str(exc.seconds)}
    if result is None:
        return render_template("login.html", error=gettext("Unknown user name or wrong password.")), 401
    session.clear()
    session["sid"] = result[1]
    session.permanent = True
    return redirect(safe_next(request.args.get("next"), url_for("maps.explorer")))


@bp.route("/logout", methods=["POST"])
def logout() -> Any:
    from netmap.auth.sessions import end_session

    end_session(accounts(), session.get("sid"), request.remote_addr)
    session.clear()
    flash(gettext("You are logged out."))
    return redirect(url_for("auth.login"))
