"""The docstring examples of netmap.graph and netmap.analytics are true."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import netmap.analytics
import netmap.graph

MODULES = sorted(
    f"{pkg.__name__}.{info.name}"
    for pkg in (netmap.graph, netmap.analytics)
    for info in pkgutil.iter_modules(pkg.__path__)
) + ["netmap.graph", "netmap.analytics", "netmap.store.scores", "netmap.store.guard", "netmap.web.serving"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_hold(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
