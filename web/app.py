"""Application factory: settings, the store, security (login, roles, CSRF, headers), error pages."""

from __future__ import annotations

import logging
import os
import secrets
from pathlib import Path
from typing import Any

from flask import Flask, g, jsonify, render_template, request
from flask_babel import gettext
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from netmap.config import Settings, load_settings
from netmap.errors import DatabaseUnavailable, InputError, NetmapError, NotFound, QueryError
from netmap.private import private_dir, write_private

log = logging.getLogger("netmap.web")

#: Content-Security-Policy: everything from this app, nothing inline, no other host.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
MAX_UPLOAD_BYTES = 10 * 1024 * 1024


def secret_key_for(settings: Settings) -> str:
    """``NETMAP_SECRET_KEY``, else a key generated once and kept 0600 in ``NETMAP_HOME/secret_key``."""
    if settings.secret_key:
        return settings.secret_key
    path = Path(settings.home) / "secret_key"
    if path.is_file():
        return path.read_text(encoding="utf-8").strip()
    key = secrets.token_hex(32)
    try:
        write_private(private_dir(path.parent) / path.name, key, exclusive=True)
    except FileExistsError:  # another process made it first: use that one
        return path.read_text(encoding="utf-8").strip()
    return key


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """The Flask app. ``config`` overrides Flask settings; ``NETMAP_SETTINGS`` (a Settings) or the
    environment (``NETMAP_*``) configure netmap itself. ``NETMAP_STORE`` may pass a ready store and
    ``NETMAP_ACCOUNTS`` a ready accounts database (else ``NETMAP_HOME``'s)."""
    config = dict(config or {})
    app = Flask(__name__, static_folder="static", template_folder="templates")
    settings: Settings = config.pop("NETMAP_SETTINGS", None) or load_settings()
    cookie_secure = os.environ.get("NETMAP_COOKIE_SECURE", "").lower() in ("1", "true", "yes", "on")
    app.config.update(
        SECRET_KEY=secret_key_for(settings),
        MAX_CONTENT_LENGTH=MAX_UPLOAD_BYTES,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=cookie_secure,
        SESSION_COOKIE_NAME="netmap_session",
        PERMANENT_SESSION_LIFETIME=12 * 3600,
        WTF_CSRF_TIME_LIMIT=12 * 3600,
        JSON_SORT_KEYS=False,
        MAP_MAX_NODES=1500,
        PROPAGATE_EXCEPTIONS=False,
        TRAP_HTTP_EXCEPTIONS=False,
    )
    app.config.update(config)
    app.extensions["netmap_settings"] = settings
    if "NETMAP_STORE" in config:
        app.extensions["netmap_store"] = config["NETMAP_STORE"]
    if "NETMAP_ACCOUNTS" in config:
        app.extensions["netmap_accounts"] = config["NETMAP_ACCOUNTS"]
    from netmap.web.caches import app_caches
    from netmap.web.mapview import carry_views
    from netmap.web.snapshots import Analyses

    # the app's shared analyses; a new one makes the map views the previous one served
    app_caches(app).state("analyses", lambda: Analyses(carry=[carry_views]))
    from netmap.web import changes, i18n, security
    from netmap.web.views import (
        actors,
        api,
        auth,
        bundles,
        console,
        engagements,
        entry,
        grid,
        health,
        imports,
        introductions,
        language,
        maps,
        owners,
        paths,
        review,
        world,
    )

    i18n.init_app(app, settings.home)
    changes.init_app(app)
    for module in (
        auth,
        language,
        health,
        maps,
        actors,
        entry,
        engagements,
        owners,
        introductions,
        grid,
        world,
        paths,
        console,
        imports,
        review,
        bundles,
        api,
    ):
        app.register_blueprint(module.bp)
    security.init_app(app)
    _register_errors(app)

    @app.after_request
    def headers(response: Any) -> Any:
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Referrer-Policy"] = "same-origin"
        response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
        response.headers["Cross-Origin-Resource-Policy"] = "same-origin"
        response.headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
        if app.config["SESSION_COOKIE_SECURE"]:
            response.headers["Strict-Transport-Security"] = "max-age=31536000"
        if request.endpoint != "static":
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    return app


def _wants_json() -> bool:
    return request.path.startswith("/api/") or request.is_json or (request.accept_mimetypes.best == "application/json")


def _error(status: int, title: str, message: str) -> Any:
    if _wants_json():
        return jsonify({"error": title, "message": message}), status
    return render_template("error.html", status=status, title=title, message=message), status


def _register_errors(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(exc: CSRFError) -> Any:
        return _error(
            400,
            gettext("Your form expired"),
            gettext("The security token was missing or stale. Go back, reload the page and try again."),
        )

    @app.errorhandler(NotFound)
    def not_found(exc: NotFound) -> Any:
        return _error(404, gettext("Not found"), str(exc))

    @app.errorhandler(InputError)
    def bad_input(exc: InputError) -> Any:
        return _error(400, gettext("Check your input"), str(exc))

    @app.errorhandler(QueryError)
    def query_error(exc: QueryError) -> Any:
        return _error(400, gettext("Query not run"), str(exc))

    @app.errorhandler(DatabaseUnavailable)
    def database_down(exc: DatabaseUnavailable) -> Any:
        log.warning("database unavailable on %s: %s", request.path, exc)
        response, status = _error(
            503,
            gettext("The database is not answering"),
            gettext(
                "netmap cannot reach its database just now. Try again in a minute; if this goes on, tell the "
                "person who runs netmap."
            ),
        )
        response = app.make_response((response, status))
        response.headers["Retry-After"] = "10"
        return response

    @app.errorhandler(NetmapError)
    def netmap_error(exc: NetmapError) -> Any:
        log.warning("netmap error on %s: %s", request.path, exc)
        return _error(503, gettext("Something is not available"), str(exc))

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> Any:
        titles = {
            400: gettext("Bad request"),
            401: gettext("Please log in"),
            403: gettext("Not allowed"),
            404: gettext("Not found"),
            405: gettext("Not allowed"),
            413: gettext("Upload too large"),
            429: gettext("Too many attempts"),
        }
        messages = {
            400: gettext("The request could not be understood. Go back and try again."),
            401: gettext("Log in to use netmap."),
            403: gettext("Your role does not allow this page or action."),
            404: gettext("There is no page at this address."),
            405: gettext("This address does not accept that kind of request."),
            413: gettext("Uploads are limited to %(size)s MB.", size=MAX_UPLOAD_BYTES // (1024 * 1024)),
        }
        status = exc.code or 500
        return _error(status, titles.get(status, exc.name), messages.get(status, exc.description or ""))

    @app.errorhandler(Exception)
    def server_error(exc: Exception) -> Any:
        log.exception("unhandled error on %s", request.path)
        return _error(
            500,
            gettext("Something went wrong"),
            gettext("The error was logged on the server. Try again, or tell the person who runs netmap."),
        )

    @app.teardown_appcontext
    def _cleanup(_exc: BaseException | None) -> None:
        g.pop("user", None)
