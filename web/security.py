"""Who is asking and whether their role allows it: checked on the server before every view.

Every view declares the least role it needs with :func:`requires`; a view without a declaration is
refused (fail closed) unless it is in :data:`PUBLIC`. A browser is known by a server-side session
(its secret in the signed cookie), an API client by ``Authorization: Bearer`` with a token from
``netmap users token`` (on ``/api/`` only). Both are checked on each request against the accounts
database (remembered in memory until the file changes: :mod:`netmap.auth.memo`), so logout, a password
reset, a role change or a removal takes effect at once. Requests that
carry a cookie need a CSRF token to change anything; bearer requests carry no ambient credential and
need none.
"""

from __future__ import annotations

import functools
import logging
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from flask import Flask, abort, current_app, g, redirect, request, session, url_for
from flask_wtf.csrf import CSRFProtect
from netmap.web.caches import Writes, app_caches

from netmap.auth import User, allows
from netmap.auth.db import AccountsDB, accounts_db

F = TypeVar("F", bound=Callable[..., Any])
PUBLIC = {"static", "auth.login", "auth.logout", "language.choose", "health.healthz"}
_STORE_LOCK = threading.Lock()
#: Seconds between attempts to move an older netmap's accounts out of an unreachable graph.
MIGRATION_RETRY = 30.0
log = logging.getLogger("netmap.web")
csrf = CSRFProtect()


def requires(role: str) -> Callable[[F], F]:
    """Mark a view with the least role it needs (viewer < editor < analyst < admin)."""

    def decorate(func: F) -> F:
        func._netmap_role = role  # type: ignore[attr-defined]

        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            user = current_user()
            if user is None:
                abort(401)
            if not allows(user.role, role):
                abort(403)
            return func(*args, **kwargs)

        wrapper._netmap_role = role  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorate


def settings() -> Any:
    return current_app.extensions["netmap_settings"]


def store() -> Any:
    """The app's store, connected on first use (one driver per app, shared by threads).

    While the database cannot be reached, the failure is kept for :data:`HEALTH_TTL` s and raised again
    at once, so a burst of requests does not try to connect once each."""
    from netmap.store.connection import HEALTH_TTL

    ext = current_app.extensions
    if ext.get("netmap_store") is None:
        with _STORE_LOCK:
            failed = ext.get("netmap_store_failed")
            if failed is not None and time.monotonic() - failed[0] < HEALTH_TTL:
                raise failed[1]
            if ext.get("netmap_store") is None:
                from netmap.errors import NetmapError
                from netmap.store import connect

                try:
                    ext["netmap_store"] = connect(settings())
                except NetmapError as exc:
                    ext["netmap_store_failed"] = (time.monotonic(), exc)
                    raise
                ext.pop("netmap_store_failed", None)
    return ext["netmap_store"]


def database_answers() -> bool:
    """Whether the database answers (a probe at most every few seconds; see :mod:`netmap.store.connection`)."""
    from netmap.errors import NetmapError

    try:
        return bool(store().reachable())
    except NetmapError:
        return False


def accounts() -> AccountsDB:
    """The accounts database; the first call also moves an older netmap's accounts out of the graph."""
    from netmap.auth.migrate import migrate_graph_accounts
    from netmap.errors import NetmapError

    ext = current_app.extensions
    if ext.get("netmap_accounts") is None:
        ext["netmap_accounts"] = accounts_db(settings())
    db: AccountsDB = ext["netmap_accounts"]
    if not ext.get("netmap_accounts_migrated") and time.monotonic() >= ext.get("netmap_migration_retry", 0.0):
        try:
            moved = migrate_graph_accounts(db, store())
            ext["netmap_accounts_migrated"] = True
            if moved:
                log.warning("moved %d login accounts out of the graph into %s", moved, db.path)
        except NetmapError as exc:
            ext["netmap_migration_retry"] = time.monotonic() + MIGRATION_RETRY
            log.warning("could not check the graph for older login accounts: %s", exc)
    return db


def bearer_token() -> str | None:
    """The bearer token of an ``/api/`` request, or None (pages only take the session cookie)."""
    header = request.headers.get("Authorization", "")
    if not request.path.startswith("/api/") or not header[:7].lower() == "bearer ":
        return None
    return header[7:].strip()


def current_user() -> User | None:
    from netmap.auth.sessions import session_user, token_user

    if "user" in g:
        return g.user  # type: ignore[no-any-return]
    token = bearer_token()
    if token is not None:
        user = token_user(accounts(), token)
    else:
        secret = session.get("sid")
        user = session_user(accounts(), secret) if secret else None
        if user is None and session:
            session.clear()
    g.user = user
    return user


def init_app(app: Flask) -> None:
    app.config["WTF_CSRF_CHECK_DEFAULT"] = False  # checked below, for cookie requests only
    csrf.init_app(app)

    @app.before_request
    def enforce() -> Any:
        endpoint = request.endpoint
        if endpoint is None:
            return None
        if bearer_token() is None and app.config.get("WTF_CSRF_ENABLED", True):
            csrf.protect()
        if endpoint in PUBLIC:
            return None
        view = app.view_functions.get(endpoint)
        role = getattr(view, "_netmap_role", None)
        if role is None:
            abort(403)
        if current_user() is None:
            if request.path.startswith("/api/") or request.method != "GET":
                abort(401)
            return redirect(url_for("auth.login", next=request.full_path if request.query_string else request.path))
        return None

    @app.teardown_request
    def count_writes(_exc: BaseException | None) -> None:
        """After anything that may have written (before its answer leaves), pages cached per data version
        are made again (:func:`netmap.web.caches.data_key`)."""
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            app_caches(app).state("writes", Writes).bump()

    @app.context_processor
    def inject() -> dict[str, Any]:
        user = g.get("user")

        def analysis_status() -> dict[str, Any] | None:
            """Whether a newer analysis is being made (and the time of the data shown); no database call."""
            from netmap.web.snapshots import status

            connected = current_app.extensions.get("netmap_store")
            return status(connected, settings()) if user is not None and connected is not None else None

        return {
            "current_user": user,
            "can": (lambda role: bool(user and allows(user.role, role))),
            "analysis_status": analysis_status,
        }
