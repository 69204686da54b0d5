"""``netmap export --quarter`` on the sample network: every file opened with a real reader, determinism
across runs, privacy, and the snapshot recorded in Neo4j."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import networkx as nx
import openpyxl
import pytest

from netmap.export.bundle import FILES
from netmap.export.workbook import SHEETS

pytestmark = pytest.mark.neo4j
HOME = {"NETMAP_HOME_ACTOR": "iom"}


def pdf_pages(path: Path) -> int:
    try:
        from pypdf import PdfReader
    except ImportError:
        if not shutil.which("pdfinfo"):
            pytest.skip("neither pypdf nor pdfinfo (poppler-utils) is installed")
        out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
        return int(re.search(r"Pages:\s+(\d+)", out).group(1))
    return len(PdfReader(str(path)).pages)


def add_sensitive(store: Any) -> None:
    store.execute_write(
        """
        MATCH (a:Actor {id: 'accenture'}) SET a.contactEmail = 'jane.doe@example.org', a.focalPerson = 'Jane Doe'
        WITH a
        CREATE (s:Entity:Actor:NGO {id: 'whistle-ngo', name: 'Whistleblower Shelter', kind: 'NGO',
                sphere: 'humanitarian', sensitive: true, sources: []})
        CREATE (s)-[:PARTNERS_WITH {key: ''}]->(a)
        WITH a MATCH (h:Entity {id: 'iom'})
        MERGE (h)-[r:ENGAGED_WITH {key: ''}]->(a) SET r.note = 'Jane prefers WhatsApp', r.status = 'contacted'
        """
    )
    from netmap.store.assessments import add_assessment

    rated = {"interest": 4, "by": "A. Officer", "date": "2026-10-03"}
    add_assessment(store, "accenture", influence=3, stance="neutral", note="first look", **rated)
    add_assessment(store, "accenture", influence=5, stance="supportive", note="Jane backs the pilot", **rated)
    add_assessment(store, "whistle-ngo", influence=4, stance="supportive", note="", **rated)


@pytest.fixture
def bundle(cli: Any, sample_store: Any, tmp_path: Path) -> Path:
    add_sensitive(sample_store)
    result = cli("export", "--quarter", "2026-Q4", "--out", str(tmp_path), env=HOME)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"wrote {tmp_path / 'netmap-2026-Q4'}\nwrote {tmp_path / 'netmap-2026-Q4.zip'}\n")
    return tmp_path / "netmap-2026-Q4"


def test_bundle_files_open_with_real_readers(bundle: Path, sample_store: Any) -> None:
    assert sorted(p.name for p in bundle.iterdir()) == sorted(FILES)
    with zipfile.ZipFile(bundle.parent / "netmap-2026-Q4.zip") as z:
        assert z.namelist() == [f"netmap-2026-Q4/{name}" for name in FILES]
        for name in FILES:
            assert z.read(f"netmap-2026-Q4/{name}") == (bundle / name).read_bytes()

    snapshot = json.loads((bundle / "snapshot.json").read_text())
    actors = {a["id"]: a for a in snapshot["actors"]}
    assert snapshot["quarter"] == "2026-Q4" and snapshot["home"] == "iom" and len(actors) > 150
    assert [a["id"] for a in snapshot["actors"]] == sorted(actors)
    assert (
        snapshot["dataDate"]
        == sample_store.execute_read(
            "MATCH (s:Source) RETURN max(toString(coalesce(s.lastImportedAt, s.importedAt))) AS d"
        )[0]["d"]
    )

    wb = openpyxl.load_workbook(bundle / "engagement.xlsx")
    assert wb.sheetnames == list(SHEETS)
    for ws in wb.worksheets:
        assert ws.freeze_panes in ("A2", "A3") and ws.auto_filter.ref
    assert wb["Actors"].max_row == len(actors) + 1
    assert wb["Relationships"].max_row == len(snapshot["ties"]) + 1
    entry = list(wb["Entry points"].iter_rows(min_row=3, values_only=True))
    assert len(entry) == 20 and entry[0][0] == 1 and entry[0][-1]  # ranked, with reasons
    assert [r[1] for r in entry] == [e["id"] for e in snapshot["entryPoints"]]
    assert wb["Coverage gaps"].max_row > 1

    for graph in (nx.read_graphml(bundle / "graph.graphml"), nx.read_gexf(bundle / "graph.gexf")):
        assert graph.number_of_nodes() == len(actors) + len(snapshot["initiatives"])
        assert graph.number_of_edges() == len(snapshot["ties"])
        assert graph.nodes["iom"]["kind"] == "IGO"
    g = nx.read_graphml(bundle / "graph.graphml")
    assert g.nodes["accenture"]["sectors"] == "IT services|consulting" and "entryScore" in g.nodes["accenture"]

    assert pdf_pages(bundle / "map.pdf") == 1
    from matplotlib.image import imread

    assert imread(bundle / "map.png").shape[:2] == (1125, 2000)

    readme = (bundle / "README.txt").read_text()
    for name in FILES:
        assert name in readme
    assert f"Data date (newest import): {snapshot['dataDate']}" in readme
    assert "actors.csv" in readme and "left out" in readme

    stored = sample_store.execute_read("MATCH (s:Snapshot {quarter: '2026-Q4'}) RETURN s.json AS json")[0]["json"]
    assert stored == (bundle / "snapshot.json").read_text()


def test_sensitive_data_left_out_unless_asked(bundle: Path, cli: Any, tmp_path: Path) -> None:
    secrets = ("jane.doe@example.org", "Jane Doe", "WhatsApp", "Whistleblower", "whistle-ngo", "backs the pilot")
    for name in ("engagement.xlsx", "graph.graphml", "graph.gexf", "map.html", "snapshot.json", "README.txt"):
        data = (bundle / name).read_bytes()
        if name.endswith(".xlsx"):
            wb = openpyxl.load_workbook(bundle / name)
            data = repr([list(ws.values) for ws in wb.worksheets]).encode()
        for secret in secrets:
            assert secret.encode() not in data, (name, secret)
    assert "1 actor(s) flagged sensitive were left out" in (bundle / "README.txt").read_text()

    full = cli("export", "--quarter", "2026-Q4", "--out", str(tmp_path / "full"), "--include-sensitive", env=HOME)
    assert full.exit_code == 0, full.output
    assert "warning: --include-sensitive" in full.stderr
    folder = tmp_path / "full" / "netmap-2026-Q4"
    assert "WARNING: this bundle INCLUDES SENSITIVE DATA" in (folder / "README.txt").read_text()
    graphml = (folder / "graph.graphml").read_text()
    assert "jane.doe@example.org" in graphml and "WhatsApp" in graphml and "whistle-ngo" in graphml
    grid = {r[0]: r for r in openpyxl.load_workbook(folder / "engagement.xlsx")["Grid"].iter_rows(values_only=True)}
    assert grid["accenture"][4:] == (5, 4, "supportive", "manage closely", grid["accenture"][8], "A. Officer",
                                     "2026-10-03", "Jane backs the pilot")  # fmt: skip
    assert "whistle-ngo" in grid and grid["whistle-ngo"][-1] is None


def test_same_data_gives_byte_identical_files(bundle: Path, cli: Any, tmp_path: Path) -> None:
    again = cli("export", "--quarter", "2026-Q4", "--out", str(tmp_path / "again"), env=HOME)
    assert again.exit_code == 0, again.output
    other = tmp_path / "again" / "netmap-2026-Q4"
    for name in FILES:
        a, b = (bundle / name).read_bytes(), (other / name).read_bytes()
        if name == "README.txt":
            a, b = (re.sub(rb"Exported at: .*", b"", x) for x in (a, b))
        if name == "snapshot.json":
            a, b = (re.sub(rb'"exportedAt": "[^"]*"', b"", x) for x in (a, b))
        assert a == b, name


@pytest.mark.usefixtures("permissive_umask")
def test_a_sensitive_bundle_is_private_to_its_owner(cli: Any, sample_store: Any) -> None:
    from conftest import private_modes

    add_sensitive(sample_store)
    home = Path(cli.env["NETMAP_HOME"])
    result = cli("export", "--quarter", "2026-Q4", "--include-sensitive", env=HOME)
    assert result.exit_code == 0, result.output
    exports = home / "exports"
    assert sorted(p.name for p in exports.iterdir()) == ["netmap-2026-Q4", "netmap-2026-Q4.zip"]
    assert private_modes(exports) == [], "the exports folder, the bundle folder, every file and the zip"
    assert oct(home.stat().st_mode & 0o777) == "0o700"
