"""``netmap export`` and ``netmap diff`` on bad input: exact error text, nothing half-written."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

HOME = {"NETMAP_HOME_ACTOR": "iom"}


@pytest.mark.parametrize(
    "quarter,message",
    [
        (
            "2026-Q5",
            "error: --quarter: '2026-Q5' is not a quarter: Q5 does not exist — use YEAR-QN with N from 1 to 4, "
            "e.g. 2026-Q4\n",
        ),
        ("Q4", "error: --quarter: 'Q4' is not a quarter — use YEAR-QN with N from 1 to 4, e.g. 2026-Q4\n"),
    ],
)
def test_bad_quarter_is_refused_before_the_database(cli_no_db: Any, quarter: str, message: str) -> None:
    result = cli_no_db("export", "--quarter", quarter)
    assert result.exit_code == 1
    assert result.stderr == message


def test_bad_weight_is_refused(cli_no_db: Any) -> None:
    result = cli_no_db("export", "--quarter", "2026-Q4", "--weight", "reach")
    assert result.exit_code == 1
    assert result.stderr == "error: --weight: 'reach' is not COMPONENT=NUMBER — e.g. --weight reach=0.5\n"


def test_diff_of_two_files_needs_no_database(cli_no_db: Any, tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text('{"quarter": "2026-Q3", "actors": [], "ties": []}')
    (tmp_path / "b.json").write_text('{"quarter": "2026-Q4", "actors": [{"id": "x", "name": "X"}], "ties": []}')
    result = cli_no_db("diff", str(tmp_path / "a.json"), str(tmp_path / "b.json"))
    assert result.exit_code == 0, result.output
    assert "actor added" in result.stdout
    (tmp_path / "c.json").write_text("[1, 2]")
    bad = cli_no_db("diff", str(tmp_path / "a.json"), str(tmp_path / "c.json"))
    assert bad.exit_code == 1 and "not a netmap snapshot" in bad.stderr


@pytest.mark.neo4j
def test_empty_database(cli: Any, tmp_path: Path) -> None:
    result = cli("export", "--quarter", "2026-Q4", "--out", str(tmp_path / "out"), env=HOME)
    assert result.exit_code == 1
    assert result.stderr.endswith(
        "error: database: there are no actors to export — import data first, e.g. 'netmap import sheet'\n"
    )
    assert not list((tmp_path / "out").glob("netmap-*"))


@pytest.mark.neo4j
def test_output_folder_not_writable_or_a_file(cli: Any, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    result = cli("export", "--quarter", "2026-Q4", "--out", str(blocker / "sub"), env=HOME)
    assert result.exit_code == 1
    assert (
        result.stderr == f"error: --out {blocker / 'sub'}: is not writable (Not a directory) — choose a folder "
        "you can write to with --out\n"
    )
    if os.geteuid() != 0:  # root writes anywhere
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        result = cli("export", "--quarter", "2026-Q4", "--out", str(locked), env=HOME)
        assert result.exit_code == 1 and "is not writable" in result.stderr


@pytest.mark.neo4j
def test_existing_bundle_needs_force(cli: Any, sample_store: Any, tmp_path: Path) -> None:
    first = cli("export", "--quarter", "2026-Q4", "--out", str(tmp_path), env=HOME)
    assert first.exit_code == 0, first.output
    again = cli("export", "--quarter", "2026-Q4", "--out", str(tmp_path), env=HOME)
    assert again.exit_code == 1
    assert (
        again.stderr == f"error: --out {tmp_path}: already holds the 2026-Q4 bundle (netmap-2026-Q4) — pass "
        "--force to replace it, or choose another folder with --out\n"
    )
    forced = cli("export", "--quarter", "2026-Q4", "--out", str(tmp_path), "--force", env=HOME)
    assert forced.exit_code == 0, forced.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["netmap-2026-Q4", "netmap-2026-Q4.zip"]


def test_a_layout_that_does_not_exist_is_refused_naming_the_layouts(cli_no_db: Any) -> None:
    result = cli_no_db("export", "--quarter", "2026-Q4", "--layout", "circle")
    assert result.exit_code == 1
    assert result.stderr == (
        "error: layout: 'circle' is not a layout — use one of spheres, around-us, communities, force\n"
    )


def test_export_in_the_around_us_layout_says_which_layout_the_slide_used(
    cli: Any, sample_store: Any, tmp_path: Path
) -> None:
    result = cli("export", "--quarter", "2026-Q4", "--out", str(tmp_path), "--layout", "around-us", env=HOME)
    assert result.exit_code == 0, result.output
    from pypdf import PdfReader

    text = PdfReader(str(tmp_path / "netmap-2026-Q4" / "map.pdf")).pages[0].extract_text()
    assert "Positions come from a layout (rings by warm route from us)" in text
    assert "Top entry points" in text


def test_a_language_netmap_does_not_speak_is_refused_before_the_database(cli_no_db: Any) -> None:
    result = cli_no_db("export", "--quarter", "2026-Q4", "--lang", "de")
    assert result.exit_code == 1
    assert result.stderr == "error: --lang: 'de' is not a language netmap speaks — use one of en, fr, es\n"


def test_export_in_french_writes_the_slide_and_readme_in_french(cli: Any, sample_store: Any, tmp_path: Path) -> None:
    result = cli("export", "--quarter", "2026-Q4", "--out", str(tmp_path), "--lang", "fr", env=HOME)
    assert result.exit_code == 0, result.output
    from pypdf import PdfReader

    folder = tmp_path / "netmap-2026-Q4"
    text = PdfReader(str(folder / "map.pdf")).pages[0].extract_text()
    assert "Principaux points d’entrée" in text and "Carte d’engagement 2026-Q4" in text
    assert "Top entry points" not in text and "introduction:" not in text
    readme = (folder / "README.txt").read_text(encoding="utf-8")
    assert "Contenu" in readme and "Made with" not in readme and "--lang fr" in readme
