"""The vendored world shapes decoded in Python, the projection and the colour classes."""

from __future__ import annotations

import json

import pycountry

from netmap.drawing.world import ANTARCTICA, classes, colour_of, country_rings, equal_earth, shape_ids, topology_path


def test_every_shape_id_is_an_iso_numeric_code_and_antarctica_is_left_out() -> None:
    ids = shape_ids()
    assert len(ids) > 170 and ANTARCTICA not in ids
    assert ids <= {c.numeric for c in pycountry.countries}
    assert {"276", "404", "840", "076"} <= ids  # Germany, Kenya, United States, Brazil


def test_decoded_rings_are_closed_and_in_longitude_latitude() -> None:
    rings = country_rings()
    germany = rings["276"]
    assert germany and all(r[0] == r[-1] for r in germany)
    lons = [x for r in germany for x, _ in r]
    lats = [y for r in germany for _, y in r]
    assert 5 < min(lons) < 7 and 14 < max(lons) < 16 and 47 < min(lats) < 48 and 54 < max(lats) < 56


def test_the_topology_is_the_vendored_world_atlas_file_with_its_licence() -> None:
    path = topology_path()
    assert path.name == "countries-110m.json" and (path.parent / "LICENSE").is_file()
    assert json.loads(path.read_text(encoding="utf-8"))["type"] == "Topology"


def test_equal_earth_keeps_the_equator_and_the_meridian_and_mirrors() -> None:
    x, y = equal_earth(180.0, 0.0)
    assert y == 0.0 and x > 0 and equal_earth(-180.0, 0.0) == (-x, 0.0)
    assert equal_earth(10.0, 45.0)[1] == -equal_earth(10.0, -45.0)[1]


def test_classes_start_at_zero_and_cover_every_value_once() -> None:
    values = [0, 0, 1, 1, 1, 2, 5, 9, 30, 200]
    breaks = classes(values)
    assert breaks[0].label == "0" and breaks[-1].high == 200
    assert all(a.high + 1 == b.low for a, b in zip(breaks, breaks[1:], strict=False))
    assert len({colour_of(v, breaks, "gaps") for v in (0, 1, 200)}) == 3


def test_no_value_above_zero_gives_the_zero_class_only() -> None:
    assert [(c.low, c.high) for c in classes([0, 0])] == [(0, 0)]
