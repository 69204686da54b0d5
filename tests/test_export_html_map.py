"""The bundle's ``map.html`` is a pyvis network written with the vis-network netmap ships: nothing on the
page is fetched, and the map keeps its marks (positions, stars for entry points, a diamond for us)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pyvis.network import Network

from netmap.drawing.vis import vis_network_js
from netmap.export.html_map import network, render_html, write_html
from tests.test_export_units import hand_made


def test_the_page_loads_no_script_or_style_from_a_url() -> None:
    page = render_html(hand_made())
    assert not re.search(r"<(script|link|img|iframe)[^>]*\b(src|href)\s*=", page, re.IGNORECASE)
    assert not re.search(r"@import|url\(\s*['\"]?https?:", page)
    assert vis_network_js() in page  # the bundled build, inlined
    assert "bootstrap" not in page.lower()


def test_the_map_is_a_pyvis_network_with_positions_and_marks() -> None:
    state = hand_made()
    net = network(state)
    assert isinstance(net, Network) and not net.options["physics"]["enabled"]
    nodes = {n["id"]: n for n in net.nodes}
    assert set(nodes) == {str(n) for n in state.graph.nodes}
    assert nodes["us"]["shape"] == "diamond" and nodes["us"]["home"] is True
    assert (nodes["acme"]["x"], nodes["acme"]["y"]) == state.positions["acme"]
    entry = [n for n in nodes.values() if n["entry"]]
    assert entry and all(n["shape"] == "star" and n["label"].startswith("#") for n in entry)
    assert len(net.edges) == state.graph.number_of_edges()


def test_an_actor_without_a_label_is_drawn_without_one(monkeypatch: pytest.MonkeyPatch) -> None:
    import netmap.export.html_map as html_map

    monkeypatch.setattr(html_map, "LABELLED", 0)  # only entry points and us are labelled
    nodes = {n["id"]: n for n in network(hand_made()).nodes}
    plain = [n for n in nodes.values() if not n["entry"] and not n["home"]]
    assert plain and all(n["label"] == "" for n in plain)  # pyvis would put the id there


def test_the_french_page_is_written_in_utf8(tmp_path: Path) -> None:
    state = hand_made()
    state.lang = "fr"
    write_html(tmp_path / "map.html", state)
    text = (tmp_path / "map.html").read_bytes().decode("utf-8")
    assert '<html lang="fr">' in text and "Carte d’engagement" in text
