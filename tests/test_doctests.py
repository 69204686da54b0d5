"""The docstring examples of every module of netmap, netmap.importers, netmap.queries and netmap.web are true.

The modules are found by walking the installed packages, so a new module's examples run without a line
here; a second test checks the walk against the source files, so a module the walk misses is a failure.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil
from pathlib import Path

import pytest

ROOTS = ("netmap", "netmap.importers", "netmap.queries", "netmap.web")
FINDER = doctest.DocTestFinder()


def _walk() -> list[str]:
    names: set[str] = set()
    for root in ROOTS:
        package = importlib.import_module(root)
        names.add(root)
        names.update(info.name for info in pkgutil.walk_packages(package.__path__, prefix=f"{root}."))
    return sorted(names)


MODULES = _walk()
#: Every (module, docstring) with at least one example: one test each, named ``module:object``.
EXAMPLES = [test for name in MODULES for test in FINDER.find(importlib.import_module(name), name) if test.examples]


def test_the_walk_finds_every_source_module() -> None:
    on_disk = set()
    for root in ROOTS:
        folder = Path(importlib.import_module(root).__file__ or "").parent
        for path in folder.rglob("*.py"):
            parts = [p for p in path.relative_to(folder).with_suffix("").parts if p != "__init__"]
            on_disk.add(".".join([root, *parts]))
    assert on_disk == set(MODULES)
    assert len(EXAMPLES) > 50  # the examples were collected, not silently skipped


@pytest.mark.parametrize("test", EXAMPLES, ids=[t.name for t in EXAMPLES])
def test_docstring_examples_hold(test: doctest.DocTest) -> None:
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    report: list[str] = []
    runner.run(test, out=report.append)
    assert runner.failures == 0, "".join(report)
