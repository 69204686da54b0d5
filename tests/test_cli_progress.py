"""Progress of long imports and exports: nothing for a short command, a bar (records/s, time left) on a
terminal, plain lines otherwise, nothing with ``--format json``."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from netmap.cli import progress
from netmap.cli.progress import Progress

GEXF = Path(__file__).parent / "data" / "real" / "graphml-gexf" / "gexf-spec-data-example.gexf"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_command_shorter_than_the_delay_shows_nothing() -> None:
    stream = Terminal()
    with Progress(stream=stream) as bar:
        bar("checking", 2000, None)
        bar("writing", 5000, 10_000)
    assert stream.getvalue() == ""


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def monotonic(self) -> float:
        return self.now


def test_plain_lines_say_each_step_and_then_at_most_one_line_per_interval(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = Clock()
    monkeypatch.setattr(progress, "time", clock)
    stream = io.StringIO()
    with Progress(stream=stream) as bar:
        clock.now += 1
        bar("checking", 2000, None)  # before SHOW_AFTER: nothing
        clock.now += 2
        bar("checking", 6000, None)
        clock.now += 1
        bar("checking", 8000, None)  # within LINE_EVERY of the last line: not printed
        bar("writing", 0, 10_000)
        clock.now += 2
        bar("writing", 5000, 10_000)  # within the interval: not printed
        bar("writing", 10_000, 10_000)  # the step is done: printed
    assert stream.getvalue().splitlines() == [
        "checking: 6,000 records (3,000/s)",  # since the step began, at the first call
        "writing: 0 of 10,000 records",
        "writing: 10,000 of 10,000 records (5,000/s, about 0 s left)",
    ]


def test_a_terminal_gets_a_bar_with_the_rate_and_the_time_left(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(progress, "SHOW_AFTER", 0.0)
    stream = Terminal()
    with Progress(stream=stream) as bar:
        for done in range(0, 10_001, 2500):
            bar("writing", done, 10_000)
        drawn = stream.getvalue()
    assert "writing" in drawn and "records/s" in drawn and "10000/10000" in drawn
    assert "\x1b[" in drawn  # drawn in place, not printed line by line


def test_disabled_progress_writes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(progress, "SHOW_AFTER", 0.0)
    stream = Terminal()
    with Progress(enabled=False, stream=stream) as bar:
        bar("writing", 5000, 10_000)
    assert stream.getvalue() == ""


def test_an_import_prints_its_steps_but_nothing_extra_with_json(cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(progress, "SHOW_AFTER", 0.0)
    table = cli("import", "gexf", str(GEXF))
    assert table.exit_code == 0, table.output
    assert table.stderr.splitlines()[-1] == "writing: 9 of 9 records"  # a rate over less than a second says nothing
    assert "writing" not in table.stdout
    quiet = cli("import", "gexf", "--format", "json", str(GEXF))
    assert quiet.exit_code == 0 and quiet.stderr == ""
    assert json.loads(quiet.stdout)[0]["rows"]["read"] == 9
