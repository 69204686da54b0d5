"""Who is asking and whether their role allows it: checked on the server before every view.

Every view declares the least role it needs with :func:`requires`; a view without a declaration is
refused (fail closed) unless it is in :data:`PUBLIC`. The user is re-read from the store on each
request, so a removed user or a changed role takes effect at once.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from flask import Flask, abort, current_app, g, redirect, request, session, url_for

from netmap.auth import User, allows

F = TypeVar("F", bound=Callable[..., Any])
PUBLIC = {"static", "auth.login", "auth.logout", "language.choose"}
_STORE_LOCK = threading.Lock()


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
    """The app's store, connected on first use (one driver per app, shared by threads)."""
    ext = current_app.extensions
    if ext.get("netmap_store") is None:
        with _STORE_LOCK:
            if ext.get("netmap_store") is None:
                from netmap.store import connect

                ext["netmap_store"] = connect(settings())
    return ext["netmap_store"]


def current_user() -> User | None:
    if "user" in g:
        return g.user  # type: ignore[no-any-return]
    name = session.get("user")
    user = None
    if name:
        from netmap.store.users import get_user

        user = get_user(store(), name)
        if user is None:
            session.clear()
    g.user = user
    return user


def init_app(app: Flask) -> None:
    @app.before_request
    def enforce() -> Any:
        endpoint = request.endpoint
        if endpoint is None or endpoint in PUBLIC:
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

    @app.context_processor
    def inject() -> dict[str, Any]:
        user = g.get("user")
        return {"current_user": user, "can": (lambda role: bool(user and allows(user.role, role)))}
