"""The one tabular reader: line endings, encodings and caps are the same for every importer of CSV."""

from __future__ import annotations

from pathlib import Path

import pytest
from netmap.importers.limits import MB, Limits
from netmap.importers.orgs import OrgsImporter
from netmap.importers.sheet import SheetImporter
from netmap.importers.tabular import csv_records, csv_rows, detect_encoding

from netmap.errors import InputError


def _names(importer: object) -> list[str]:
    return [str(r.name) for r in importer.read() if hasattr(r, "name")]  # type: ignore[attr-defined]


def test_a_file_whose_lines_end_with_a_lone_carriage_return_is_read_as_lines(tmp_path: Path) -> None:
    path = tmp_path / "mac.csv"  # Excel for Mac's "CSV (Macintosh)"
    path.write_bytes(b"name,kind\rCaritas R\xe9gion,NGO\rBeta,Company\r")
    lines, records = csv_records(path)
    assert list(records) == [["name", "kind"], ["Caritas Région", "NGO"], ["Beta", "Company"]]
    assert lines.fallback_lines == [2]
    rows = list(csv_rows(path, detect_encoding(path)))
    assert [row.origin for _, row in rows] == ["mac.csv line 2", "mac.csv line 3"]
    assert _names(SheetImporter([path])) == ["Caritas Région", "Beta"]


def test_a_lone_carriage_return_inside_a_line_is_refused_by_every_csv_importer(tmp_path: Path) -> None:
    path = tmp_path / "orgs.csv"
    path.write_bytes(b"name,kind,country\nBeta,NGO,FRA\nAcme\rCorp,Company,DEU\n")
    for importer in (SheetImporter([path]), OrgsImporter([path])):
        with pytest.raises(InputError, match=r"^orgs.csv line 3: has a line break \(a lone carriage return\)"):
            _names(importer)


def test_the_spreadsheet_importer_caps_a_csv_cell_like_the_others(tmp_path: Path) -> None:
    path = tmp_path / "actors.csv"
    path.write_text("name,kind\nAcme," + "N" * (MB + 1) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"^actors.csv line 2: holds a text of more than 1 MB"):
        _names(SheetImporter([path], limits=Limits(text_bytes=MB)))
