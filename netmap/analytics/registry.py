"""Analytics registered by name, so the CLI, the web app and the bench can ask for one by its name.

>>> from netmap.analytics import registry
>>> "pagerank" in registry.names()
True
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from netmap.errors import NotFound

__all__ = ["register", "get", "names"]

F = TypeVar("F", bound=Callable[..., Any])
_ALGORITHMS: dict[str, Callable[..., Any]] = {}


def register(name: str) -> Callable[[F], F]:
    """Decorator: make ``func`` available as ``get(name)``."""

    def decorate(func: F) -> F:
        _ALGORITHMS[name] = func
        return func

    return decorate


def get(name: str) -> Callable[..., Any]:
    """The analytic registered as ``name``; :class:`NotFound` lists the known names."""
    try:
        return _ALGORITHMS[name]
    except KeyError:
        raise NotFound(f"no analytic named {name!r}", f"known: {', '.join(names())}") from None


def names() -> list[str]:
    import netmap.analytics  # noqa: F401  (importing the package registers every module)

    return sorted(_ALGORITHMS)
