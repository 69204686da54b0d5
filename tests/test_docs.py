"""The README documents every command and option users can type, and every saved query."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from netmap.cli import main

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
QUERIES = sorted((Path(__file__).resolve().parent.parent / "queries").glob("*.cypher"))


def command_paths(group: click.Group, prefix: str = "netmap") -> list[tuple[str, click.Command]]:
    found = []
    for name, command in sorted(group.commands.items()):
        path = f"{prefix} {name}"
        found.append((path, command))
        if isinstance(command, click.Group):
            found.extend(command_paths(command, path))
    return found


COMMANDS = command_paths(main)


def test_readme_opens_with_the_two_commands():
    code_blocks = re.findall(r"```(?:bash|sh)?\n(.*?)```", README, flags=re.S)
    assert code_blocks[0].strip() == "bash .ci/setup && .venv/bin/netmap demo"
    assert code_blocks[1].strip() == "bash .ci/run"


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[p for p, _ in COMMANDS])
def test_every_command_is_documented(path, command):
    assert re.search(rf"^#+ `{re.escape(path)}\b", README, flags=re.M), f"README has no section for {path}"


@pytest.mark.parametrize(
    ("path", "command"),
    [c for c in COMMANDS if not isinstance(c[1], click.Group)],
    ids=[p for p, c in COMMANDS if not isinstance(c, click.Group)],
)
def test_every_option_is_documented(path, command):
    for param in command.params:
        if isinstance(param, click.Option):
            names = [n for n in param.opts if n.startswith("--")]
            if names and names[0] != "--help":
                assert names[0] in README, f"{path}: option {names[0]} is not in the README"


@pytest.mark.parametrize("query", QUERIES, ids=[q.stem for q in QUERIES])
def test_every_saved_query_is_listed(query):
    assert f"`{query.stem}`" in README, f"saved query {query.stem} is not listed in the README"


def test_there_are_at_least_eight_saved_queries():
    assert len(QUERIES) >= 8
