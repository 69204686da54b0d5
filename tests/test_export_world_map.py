"""The bundle's world.png: the shaded map with its legend, the leading countries, nothing dropped."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx

from netmap.export import world_map
from tests.test_export_static_map import synthetic_state


def _texts(fig: Any) -> list[str]:
    texts = [t.get_text() for t in fig.texts]
    for ax in fig.axes:
        legend = ax.get_legend()
        if legend is not None:
            texts += [legend.get_title().get_text(), *(t.get_text() for t in legend.get_texts())]
        texts += [t.get_text() for t in ax.texts]
    return texts


def _state(extra: dict[str, str]) -> Any:
    state = synthetic_state(60)
    state.graph = nx.Graph(state.graph)
    for node, country in extra.items():
        state.graph.add_node(node, label="Actor", country=country, sectors=["care"])
    return state


def test_the_world_page_has_the_legend_the_leading_countries_and_the_other_row() -> None:
    texts = _texts(world_map.draw_world(_state({"kx": "XKX", "old": "YUG", "none": ""})))
    assert "Actors per country" in texts and "0" in texts
    assert {"Germany", "United Kingdom", "Kenya", "Canada"} <= set(texts)
    assert "Other, no shape (XKX, YUG)" in texts and "No country given" in texts
    row = texts.index("Other, no shape (XKX, YUG)")
    assert texts[row + 1] == "2"  # both actors whose code has no shape


def test_world_png_is_the_same_bytes_for_the_same_data(tmp_path: Path) -> None:
    state = _state({"kx": "XKX"})
    world_map.write_png(tmp_path / "a.png", state)
    world_map.write_png(tmp_path / "b.png", state)
    data = (tmp_path / "a.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data == (tmp_path / "b.png").read_bytes()


def test_a_network_without_countries_says_so_on_the_world_page() -> None:
    state = synthetic_state(5)
    state.graph = nx.Graph()
    state.graph.add_node("a", label="Actor", sectors=["care"])
    assert "No actor, programme or forum has a country yet." in _texts(world_map.draw_world(state))


def test_the_world_page_is_in_the_bundles_language() -> None:
    state = _state({"kx": "XKX", "none": ""})
    state.lang = "fr"
    texts = _texts(world_map.draw_world(state))
    assert "Acteurs par pays" in texts and "Pays non renseigné" in texts
    assert "Autres, sans forme (XKX)" in texts and {"Allemagne", "Royaume-Uni"} <= set(texts)
    assert any(t.startswith("Où se trouve le réseau\u00a0: acteurs par pays") for t in texts)
    assert not {"Actors per country", "No country given", "Germany"} & set(texts)
