"""The Neo4j driver is loaded without pandas (netmap never asks it for data frames), unless the caller's
own code loaded pandas first; either way ``import pandas`` still works afterwards."""

from __future__ import annotations

import subprocess
import sys


def _run(code: str) -> list[str]:
    """The lines ``code`` prints in a fresh interpreter (nothing is imported there yet)."""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return done.stdout.split()


def test_the_store_loads_the_driver_without_pandas() -> None:
    code = "import sys, netmap.store, neo4j._optional_deps as d; print('pandas' in sys.modules, d.pd is None)"
    assert _run(code) == ["False", "True"]


def test_the_driver_still_handles_numpy_values() -> None:
    code = "import netmap.store, neo4j._optional_deps as d; print(d.np is not None)"
    assert _run(code) == ["True"]


def test_pandas_imports_as_usual_after_the_store() -> None:
    code = "import netmap.store, pandas, sys; print(sys.modules['pandas'] is pandas, pandas.DataFrame is not None)"
    assert _run(code) == ["True", "True"]


def test_pandas_loaded_before_the_store_is_left_to_the_driver() -> None:
    code = "import pandas, netmap.store, neo4j._optional_deps as d; print(d.pd is pandas)"
    assert _run(code) == ["True"]


def test_the_first_command_that_reaches_the_database_does_not_load_pandas() -> None:
    code = (
        "import sys, netmap.cli, netmap.cli.common, netmap.ingest.pipeline, netmap.store.writes;"
        " print('pandas' in sys.modules)"
    )
    assert _run(code) == ["False"]
