"""Logging in: throttled per account and per address, every attempt in the audit trail.

The counts come from the audit trail in the accounts database, so they hold across restarts and across
processes serving the same ``NETMAP_HOME``. An account that failed :data:`ACCOUNT_LIMIT` times within
:data:`WINDOW_SECONDS` (since its last successful login) is refused until the oldest of those failures
leaves the window; so is an address that failed :data:`ADDRESS_LIMIT` times, whatever names it tried.
A refused attempt does not check the password and does not extend the wait.
"""

from __future__ import annotations

import math

from netmap.auth import User
from netmap.auth.accounts import authenticate
from netmap.auth.audit import log_event
from netmap.auth.db import AccountsDB, now
from netmap.auth.sessions import start_session
from netmap.errors import NetmapError

__all__ = ["ACCOUNT_LIMIT", "ADDRESS_LIMIT", "WINDOW_SECONDS", "LoginThrottled", "log_in", "retry_after"]

WINDOW_SECONDS = 15 * 60
ACCOUNT_LIMIT = 5
ADDRESS_LIMIT = 20


class LoginThrottled(NetmapError):
    """Too many failed logins for this account or from this address; ``seconds`` until the next try."""

    def __init__(self, seconds: int) -> None:
        minutes = max(1, math.ceil(seconds / 60))
        super().__init__("too many failed logins", f"wait {minutes} minute{'s' if minutes > 1 else ''} and try again")
        self.seconds = seconds

    def __reduce__(self) -> tuple[type, tuple[object, ...]]:
        return type(self), (self.seconds,)


def retry_after(db: AccountsDB, name: str, address: str | None) -> int:
    """Seconds until this account may try again from this address (0: now)."""
    at = now()
    start = at - WINDOW_SECONDS
    waits = [0.0]
    with db.connect(write=False) as con:
        last_login = con.execute(
            "SELECT max(at) AS at FROM audit WHERE user = ? AND event = 'login'", (name,)
        ).fetchone()["at"]
        checks = [("user", name, max(start, last_login or 0), ACCOUNT_LIMIT)]
        if address:
            checks.append(("address", address, start, ADDRESS_LIMIT))
        for column, value, since, limit in checks:
            times = [
                r["at"]
                for r in con.execute(
                    f"SELECT at FROM audit WHERE {column} = ? AND event = 'login_failed' AND at > ? "  # noqa: S608
                    "ORDER BY at DESC LIMIT ?",
                    (value, since, limit),
                )
            ]
            if len(times) >= limit:
                waits.append(min(times) + WINDOW_SECONDS - at)
    return math.ceil(max(waits))


def log_in(db: AccountsDB, name: str, password: str, address: str | None = None) -> tuple[User, str] | None:
    """``(user, session secret)`` for the right password, None for a wrong one; raises
    :class:`LoginThrottled` while the account or the address is throttled."""
    name = (name or "").strip()[:100]
    wait = retry_after(db, name, address)
    if wait > 0:
        log_event(db, "login_throttled", name, address, detail=f"retry after {wait}s")
        raise LoginThrottled(wait)
    user = authenticate(db, name, password)
    if user is None:
        log_event(db, "login_failed", name, address)
        return None
    return user, start_session(db, user.name, address)
