"""Limits on what one file may cost: records, unpacked size, one text, warnings; named when reached,
with how to raise them (``--limit``) on the command line or where to go from the web upload."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest
from netmap.importers.gleif import GleifImporter
from netmap.importers.graphml import GexfImporter, GraphmlImporter
from netmap.importers.iati import IatiImporter
from netmap.importers.limits import CLI_LIMITS, MB, UPLOAD_LIMITS, Limits, parse_limits

from netmap.errors import InputError
from netmap.ingest.pipeline import MAX_WARNINGS, run_import

REAL = Path(__file__).parent / "data" / "real"
GEXF = REAL / "graphml-gexf" / "gexf-spec-data-example.gexf"
IATI = REAL / "iati" / "iati-activity-standard-example-annotated_v2.03.xml"
GLEIF = REAL / "gleif" / "single_lei_record_549300YX4S1LLSMK2627.json"
CLI = parse_limits([])


def test_command_line_limits_are_finite_and_above_the_uploads() -> None:
    assert CLI is CLI_LIMITS
    for field in ("rows", "unpacked_bytes", "text_bytes", "warnings"):
        assert getattr(UPLOAD_LIMITS, field) < getattr(CLI_LIMITS, field) < 10**12


def test_limit_option_raises_each_limit_in_its_unit() -> None:
    raised = parse_limits(["records=20000000", "unpacked-mb=8192", "text-mb=256", "warnings=5"])
    assert (raised.rows, raised.unpacked_bytes, raised.text_bytes, raised.warnings) == (
        20_000_000,
        8192 * MB,
        256 * MB,
        5,
    )


@pytest.mark.parametrize("item", ["size=1", "records", "records=many", "records=0", "text-mb=-1"])
def test_limit_option_refuses_unknown_names_and_bad_numbers(item: str) -> None:
    with pytest.raises(InputError, match=r"^--limit: .*expected NAME=NUMBER with NAME one of records, unpacked-mb"):
        parse_limits([item])


def test_too_many_records_names_the_file_the_limit_and_the_option() -> None:
    with pytest.raises(InputError) as refused:
        list(GexfImporter([GEXF], limits=parse_limits(["records=2"])).read())
    assert str(refused.value) == (
        "gexf-spec-data-example.gexf: holds more than 2 records, the most allowed here — "
        "if the file is what you meant, raise the limit: --limit records=8"
    )


def test_iati_records_and_unpacked_size_are_capped(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"^iati-activity-standard-example-annotated_v2.03.xml: holds more than 0"):
        list(IatiImporter([IATI], limits=Limits(rows=0, hint="h")).read())
    gz = tmp_path / "big.xml.gz"
    with gzip.open(gz, "wb") as out:
        out.write(b"<iati-activities>" + b" " * (2 * MB) + b"</iati-activities>")
    with pytest.raises(InputError, match=r"^big.xml.gz: unpacks to more than 1 MB, the most allowed here — h$"):
        list(IatiImporter([gz], limits=Limits(unpacked_bytes=MB, hint="h")).read())


def test_gleif_json_records_size_and_text_are_capped(tmp_path: Path) -> None:
    page = tmp_path / "page.json"
    record = json.loads(GLEIF.read_text())["data"]
    page.write_text(json.dumps({"data": [record, {**record, "id": "X" * 20}]}))
    with pytest.raises(InputError, match=r"^page.json: holds more than 1 records"):
        list(GleifImporter([page], limits=Limits(rows=1)).read())
    with pytest.raises(InputError, match=r"^page.json: unpacks to more than 0 MB"):
        list(GleifImporter([page], limits=Limits(unpacked_bytes=100)).read())
    record["attributes"]["entity"]["legalName"]["name"] = "N" * (MB + 1)
    page.write_text(json.dumps({"data": record}))
    with pytest.raises(InputError, match=r"^page.json record 1: holds a text of more than 1 MB"):
        list(GleifImporter([page], limits=Limits(text_bytes=MB)).read())


def test_gleif_csv_records_and_cells_are_capped(tmp_path: Path) -> None:
    path = tmp_path / "lei.csv"
    rows = ["LEI,Entity.LegalName,Entity.LegalAddress.Country"]
    rows += [f"5493000000000000{i:04d},Company {i},DE" for i in range(3)]
    path.write_text("\n".join(rows) + "\n")
    with pytest.raises(InputError, match=r"^lei.csv: holds more than 2 records"):
        list(GleifImporter([path], limits=Limits(rows=2)).read())
    path.write_text(rows[0] + "\n5493000000000000AAAA," + "N" * (MB + 1) + ",DE\n")
    with pytest.raises(InputError, match=r"^lei.csv line 2: holds a text of more than 1 MB"):
        list(GleifImporter([path], limits=Limits(text_bytes=MB)).read())


def test_warnings_beyond_the_limit_are_counted_not_kept(tmp_path: Path) -> None:
    path = tmp_path / "many.graphml"
    nodes = "".join(f'<node id="n{i}"><data key="undeclared">v</data></node>' for i in range(50))
    path.write_text(f"<graphml><graph>{nodes}</graph></graphml>")
    importer = GraphmlImporter([path], limits=Limits(warnings=10))
    list(importer.read())
    assert len(importer.warnings) == 10
    assert importer.warnings.dropped == 40  # type: ignore[attr-defined]


def test_report_counts_the_warnings_an_importer_only_counted(store: object, tmp_path: Path) -> None:
    path = tmp_path / "many.graphml"
    nodes = "".join(f'<node id="n{i}"><data key="undeclared">v</data></node>' for i in range(MAX_WARNINGS + 50))
    path.write_text(f"<graphml><graph>{nodes}</graph></graphml>")
    report = run_import(store, GraphmlImporter([path], limits=Limits(warnings=100)), dry_run=True)  # type: ignore[arg-type]
    assert len(report.warnings) == 101
    assert report.warnings[-1] == f"... and {MAX_WARNINGS + 50 - 100:,} more warnings like these"
    assert len(report.warnings) <= MAX_WARNINGS + 1


def test_the_command_line_names_the_limit_and_how_to_raise_it(cli: Any) -> None:
    refused = cli("import", "gexf", "--dry-run", "--limit", "records=2", str(GEXF))
    assert refused.exit_code == 1
    assert refused.stderr.startswith(
        "error: gexf-spec-data-example.gexf: holds more than 2 records, the most allowed here — "
        "if the file is what you meant, raise the limit: --limit records=8"
    )
    raised = cli("import", "gexf", "--dry-run", "--limit", "records=20", str(GEXF))
    assert raised.exit_code == 0, raised.output


def test_a_bad_limit_option_is_a_usage_error(cli_no_db: Any) -> None:
    result = cli_no_db("import", "iati", "--limit", "size=3", str(IATI))
    assert result.exit_code == 2
    assert "Invalid value for '--limit': 'size=3' names no limit" in result.stderr
