"""Where to send someone after login: only a path on this site, checked after normalising.

Browsers drop tabs and newlines from a URL and read a backslash as a slash, so ``/\\t/evil.example``
or ``/\\\\evil.example`` would leave the site; anything with a control character, white space or a
backslash, anything a URL parser sees a scheme or a host in, and anything not starting with a single
``/`` goes to the home page instead.

>>> [safe_next(t, "/") for t in ("/actors/iom?x=1", "/\\t/evil.example", "//evil", "/\\\\evil", "https://x", None)]
['/actors/iom?x=1', '/', '/', '/', '/', '/']
"""

from __future__ import annotations

from urllib.parse import urlsplit

__all__ = ["safe_next"]


def safe_next(target: str | None, default: str) -> str:
    if not target or len(target) > 2000 or not target.startswith("/") or target.startswith("//"):
        return default
    if any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 or ch == "\\" for ch in target):
        return default
    try:
        parts = urlsplit(target)
    except ValueError:
        return default
    if parts.scheme or parts.netloc or not parts.path.startswith("/") or parts.path.startswith("//"):
        return default
    return target
