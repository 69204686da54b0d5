"""The wheel carries what an installed netmap needs: saved queries, templates, static files, sample data, the pom."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    source = tmp_path_factory.mktemp("source")  # a copy, so the build leaves nothing in the checkout
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    for name in ("netmap", "importers", "web", "queries"):
        shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "-q", "-w", str(out)],
        check=True,
        capture_output=True,
    )
    (found,) = out.glob("netmap-*.whl")
    return found


def test_the_wheel_holds_every_saved_query_and_the_web_assets(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for query in (ROOT / "queries").glob("*.cypher"):
        assert f"netmap/queries/{query.name}" in names
    assert "netmap/web/templates/map.html" in names
    assert "netmap/export/templates/map.html" in names  # the bundle's map.html, rendered by pyvis
    assert "netmap/web/static/map.js" in names
    assert "netmap/runtime/pom.xml" in names
    assert any(n.startswith("netmap/web/static/vendor/") and n.endswith(".js") for n in names)
    assert "netmap/sample/actors.csv" in names and "netmap/sample/fictional/ties.txt" in names
    for lang in ("fr", "es"):  # the catalogs, as .po: they are compiled when first used
        assert f"netmap/locale/{lang}/LC_MESSAGES/netmap.po" in names
        assert f"netmap/web/translations/{lang}/LC_MESSAGES/messages.po" in names


def test_saved_queries_load_by_name_from_the_installed_wheel(wheel: Path, tmp_path: Path) -> None:
    zipfile.ZipFile(wheel).extractall(tmp_path)
    script = (
        "import json, netmap; from netmap.store.saved_queries import get_query, load_queries;"
        "print(json.dumps([netmap.__file__, get_query('partners_network').name, len(load_queries())]))"
    )
    run = subprocess.run(
        [sys.executable, "-c", script],
        env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"},
        cwd=tmp_path,
        check=True,
        capture_output=True,
        text=True,
    )
    location, name, count = json.loads(run.stdout)
    assert Path(location).is_relative_to(tmp_path)
    assert name == "partners_network"
    assert count == len(list((ROOT / "queries").glob("*.cypher")))


def test_the_wheel_holds_every_source_module(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    folders = {"netmap": "netmap", "importers": "netmap/importers", "web": "netmap/web"}
    missing = [
        f"{folder}/{path.relative_to(ROOT / folder).as_posix()}"
        for folder, inside in folders.items()
        for path in (ROOT / folder).rglob("*.py")
        if f"{inside}/{path.relative_to(ROOT / folder).as_posix()}" not in names
    ]
    assert missing == [], "add their packages to [tool.setuptools] packages in pyproject.toml"
    assert "netmap/importers/tabular/encoding.py" in names
