"""Map views: spec parsing, deterministic positions, saved positions (no Neo4j needed)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from netmap.web.mapview import MapSpec, load_positions, save_positions

from netmap.drawing.positions import compute_positions
from netmap.errors import InputError


def test_spec_parse_and_key() -> None:
    spec = MapSpec.parse({"kind": ["company", "NGO"], "country": ["deu"], "focus": ["x"], "hops": ["3"]})
    assert spec.kind == ("Company", "NGO") and spec.country == ("DEU",) and spec.hops == 3
    assert spec.key() == "country=DEU&focus=x&hops=3&kind=Company,NGO"
    assert MapSpec.parse({}).key() == "" and MapSpec.parse({"hops": "2"}).key() == ""
    assert MapSpec.parse({"kind": "Company,NGO"}).kind == ("Company", "NGO")


@pytest.mark.parametrize(
    "args",
    [
        {"kind": "Alien"},
        {"hops": "0"},
        {"hops": "4"},
        {"hops": "x"},
        {"rel": "LOVES"},
        {"aggregate": "x"},
        {"sector": ["s"] * 201},
        {"status": "maybe"},
    ],
)
def test_spec_rejects_bad_input(args: dict) -> None:
    with pytest.raises(InputError):
        MapSpec.parse(args)


def test_positions_deterministic_and_spread() -> None:
    ids = [f"n{i}" for i in range(300)]
    edges = [(f"n{i}", f"n{(i * 7 + 1) % 300}") for i in range(300)]
    a, b = compute_positions(ids, edges), compute_positions(ids, edges)
    assert a == b and set(a) == set(ids)
    xs = [p[0] for p in a.values()]
    assert max(xs) - min(xs) > 500
    assert compute_positions([], []) == {} and compute_positions(["solo"], []) == {"solo": (0.0, 0.0)}


def test_saved_positions_roundtrip(tmp_path: Path) -> None:
    assert load_positions(tmp_path, "kind=NGO") == {}
    assert save_positions(tmp_path, "kind=NGO", {"a": [1, 2.26], "b": (3, 4)}) == 2
    assert load_positions(tmp_path, "kind=NGO") == {"a": [1.0, 2.3], "b": [3.0, 4.0]}
    assert load_positions(tmp_path, "kind=IGO") == {}
    for bad in ({"a": "x"}, {"a": [float("nan"), 1]}, ["a"]):
        with pytest.raises(InputError):
            save_positions(tmp_path, "v", bad)  # type: ignore[arg-type]


def test_saved_positions_refuse_ids_the_view_does_not_show(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"1 id\(s\) are not on this view, e.g. 'invented'"):
        save_positions(tmp_path, "kind=NGO", {"a": [1, 2], "invented": [3, 4]}, known={"a", "b"})
    assert load_positions(tmp_path, "kind=NGO") == {}
    assert save_positions(tmp_path, "kind=NGO", {"a": [1, 2]}, known={"a", "b"}) == 1


def test_saved_views_are_capped_and_the_least_recently_saved_go_first(tmp_path: Path) -> None:
    for n in range(5):
        save_positions(tmp_path, f"country=C{n}", {"a": [n, n]}, max_views=3)
        stamp = 1_000_000 + n  # distinct mtimes whatever the file system's resolution
        for f in (tmp_path / "layouts").glob("*.json"):
            if json.loads(f.read_text())["view"] == f"country=C{n}":
                os.utime(f, (stamp, stamp))
    assert len(list((tmp_path / "layouts").glob("*.json"))) == 3
    assert load_positions(tmp_path, "country=C0") == {} and load_positions(tmp_path, "country=C1") == {}
    assert load_positions(tmp_path, "country=C4") == {"a": [4.0, 4.0]}
    assert oct((tmp_path / "layouts").stat().st_mode & 0o777) == "0o700"
