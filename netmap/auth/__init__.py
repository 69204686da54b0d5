"""Users of the web app: roles and password hashing (werkzeug.security).

The accounts themselves, their sessions, API tokens and the audit trail live in SQLite, apart from the
graph: :mod:`netmap.auth.db`, :mod:`~netmap.auth.accounts`, :mod:`~netmap.auth.sessions`,
:mod:`~netmap.auth.login`, :mod:`~netmap.auth.audit`, :mod:`~netmap.auth.migrate`.

Roles are ordered; each includes the ones before it:

``viewer``  browse the map, actor pages, entry points and paths
``editor``  + record engagements, edit actors, import spreadsheets
``analyst`` + the Cypher console and saved queries
``admin``   + everything (user management is the CLI's ``netmap users``)

>>> allows("analyst", "editor"), allows("editor", "analyst")
(True, False)
>>> check_password(hash_password("s3cret-passphrase"), "s3cret-passphrase")
True
"""

from __future__ import annotations

from dataclasses import dataclass

from netmap.errors import InputError

__all__ = ["ROLES", "User", "allows", "check_password", "hash_password", "validate_name", "validate_role"]

ROLES: tuple[str, ...] = ("viewer", "editor", "analyst", "admin")
#: Login is by password alone, so 15 characters: NIST SP 800-63B (revision 4) sets 15 as the minimum for a
#: password that is the only factor (8 only when a second factor backs it). A passphrase of four words
#: meets it; accounts moved from an older netmap keep working until their password is next set.
MIN_PASSWORD_LENGTH = 15


@dataclass(frozen=True, slots=True)
class User:
    name: str
    role: str

    def can(self, role: str) -> bool:
        return allows(self.role, role)


def validate_role(role: str) -> str:
    if role not in ROLES:
        raise InputError("role", f"{role!r} is not a role", f"use one of {', '.join(ROLES)}")
    return role


def validate_name(name: str) -> str:
    name = (name or "").strip()
    if not name or len(name) > 100 or any(ch.isspace() for ch in name):
        raise InputError("name", f"{name!r} is not a valid user name", "use 1-100 characters without spaces")
    return name


def allows(role: str | None, needed: str) -> bool:
    """True when ``role`` is ``needed`` or above it."""
    if role not in ROLES:
        return False
    return ROLES.index(role) >= ROLES.index(needed)


def hash_password(password: str) -> str:
    if len(password or "") < MIN_PASSWORD_LENGTH:
        raise InputError(
            "password",
            f"too short ({len(password or '')} characters)",
            f"use at least {MIN_PASSWORD_LENGTH} characters",
        )
    from werkzeug.security import generate_password_hash  # here: every command loads this package, few hash

    return generate_password_hash(password)


def check_password(password_hash: str | None, password: str) -> bool:
    if not password_hash or not password:
        return False
    from werkzeug.security import check_password_hash

    try:
        return check_password_hash(password_hash, password)
    except (ValueError, TypeError):
        return False
