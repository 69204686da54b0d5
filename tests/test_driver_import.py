"""The Neo4j driver is loaded without pandas (netmap never asks it for data frames) and, in an import,
without numpy; a library the caller loaded first is left to the driver, and either still imports after.
An import command loads none of them, nor werkzeug (only password hashing needs it)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import neo4j_env
from sheet_files import write_csv

from netmap.config import Settings


def _run(code: str, env: dict[str, str] | None = None) -> list[str]:
    """The words ``code`` prints in a fresh interpreter (nothing is imported there yet)."""
    environ = {**os.environ, **(env or {})}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=environ)
    return done.stdout.split()


def test_the_store_loads_the_driver_without_pandas_but_with_numpy() -> None:
    code = "import sys, netmap.store, neo4j._optional_deps as d; print('pandas' in sys.modules, d.pd, d.np is None)"
    assert _run(code) == ["False", "None", "False"]


def test_libraries_left_out_still_import_afterwards() -> None:
    code = (
        "from netmap.driver_import import load_driver; load_driver(('pandas', 'numpy'));"
        " import sys, neo4j._optional_deps as d; print(d.pd, d.np, 'numpy' in sys.modules);"
        " import pandas, numpy; print(sys.modules['pandas'] is pandas, numpy.zeros(2).size)"
    )
    assert _run(code) == ["None", "None", "False", "True", "2"]


def test_a_library_loaded_before_the_driver_is_left_to_it() -> None:
    code = "import pandas, netmap.store, neo4j._optional_deps as d; print(d.pd is pandas)"
    assert _run(code) == ["True"]


def test_a_driver_loaded_already_is_left_as_it_is() -> None:
    code = (
        "import neo4j, neo4j._optional_deps as d; from netmap.driver_import import load_driver;"
        " load_driver(('pandas', 'numpy')); print(d.pd is not None, d.np is not None)"
    )
    assert _run(code) == ["True", "True"]


@pytest.mark.neo4j
def test_an_import_command_loads_neither_pandas_nor_numpy_nor_werkzeug(
    store: Any, neo4j_settings: Settings, tmp_path: Path
) -> None:
    actors = write_csv(tmp_path / "actors.csv", ["id", "name", "kind"], [["tbb", "TBB", "NGO"], ["iom", "IOM", "IGO"]])
    ties = write_csv(tmp_path / "ties.csv", ["from", "to", "type"], [["tbb", "iom", "PARTNERS_WITH"]])
    code = (
        "import sys; from netmap.cli import main\n"
        f"main(['import', 'sheet', {str(actors)!r}, {str(ties)!r}], standalone_mode=False)\n"
        "print('pandas' in sys.modules, 'numpy' in sys.modules, 'werkzeug' in sys.modules)"
    )
    env = {**neo4j_env(neo4j_settings), "NETMAP_HOME": str(tmp_path / "home")}
    assert _run(code, env)[-3:] == ["False", "False", "False"], "pandas, numpy, werkzeug (password hashing)"
    assert store.execute_read("MATCH (:Actor)-[r:PARTNERS_WITH]->(:Actor) RETURN count(r) AS n")[0]["n"] == 1
