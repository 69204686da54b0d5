"""Layouts: where each kind of actor lands, rings and introducers, community discs, bad names, edges."""

from __future__ import annotations

import math
import random

import networkx as nx
import pytest

from netmap.drawing.layouts import LAYOUTS, RINGS, check_layout, community_label, lay_out, top_brokers
from netmap.errors import InputError


def _two_worlds(seed: int = 3) -> nx.Graph:
    """Humanitarian and economic actors, a few of both spheres, programmes with members from each."""
    rng = random.Random(seed)
    g = nx.Graph()
    for i in range(40):
        g.add_node(f"h{i}", label="Actor", sphere="humanitarian", kind="NGO", name=f"H {i}")
        g.add_node(f"e{i}", label="Actor", sphere="economic", kind="Company", name=f"E {i}")
    for i in range(6):
        g.add_node(f"b{i}", label="Actor", sphere="both", kind="IGO", name=f"B {i}")
    for i in range(3):
        g.add_node(f"p{i}", label="Programme", name=f"P {i}")
    actors = [n for n, d in g.nodes(data=True) if d["label"] == "Actor"]
    for _ in range(160):
        u, v = rng.sample(actors, 2)
        g.add_edge(u, v)
    for i in range(3):
        for m in (f"h{i}", f"e{i}", f"b{i}"):
            g.add_edge(f"p{i}", m)
    return g


def test_spheres_puts_humanitarian_left_economic_right_and_both_between() -> None:
    g = _two_worlds()
    layout = lay_out("spheres", g)
    x = {n: p[0] for n, p in layout.positions.items()}
    bands = {r["key"]: r for r in layout.regions}
    assert list(bands) == ["humanitarian", "between", "economic"]
    for n, d in g.nodes(data=True):
        if d.get("label") != "Actor":
            continue
        band = bands[{"humanitarian": "humanitarian", "economic": "economic"}.get(d["sphere"], "between")]
        assert band["x0"] <= x[n] <= band["x1"], (n, x[n], band)
    assert bands["humanitarian"]["x1"] < bands["between"]["x0"] < bands["between"]["x1"] < bands["economic"]["x0"]
    assert {r["key"]: r["count"] for r in layout.regions} == {"humanitarian": 40, "between": 6, "economic": 40}


def test_spheres_moves_the_named_brokers_into_the_middle_band() -> None:
    g = _two_worlds()
    layout = lay_out("spheres", g, brokers={"h0", "e5"})
    middle = next(r for r in layout.regions if r["key"] == "between")
    for n in ("h0", "e5"):
        assert middle["x0"] <= layout.positions[n][0] <= middle["x1"]
        assert layout.placed[n] == "between"


def test_spheres_places_programmes_among_their_members() -> None:
    g = _two_worlds()
    pos = lay_out("spheres", g).positions
    for i in range(3):
        members = [pos[m] for m in g.adj[f"p{i}"]]
        cx = sum(p[0] for p in members) / len(members)
        cy = sum(p[1] for p in members) / len(members)
        spread = max(math.dist(p, (cx, cy)) for p in members)
        assert math.dist(pos[f"p{i}"], (cx, cy)) < spread


def test_top_brokers_takes_a_share_but_at_least_a_few_and_never_zero_scores() -> None:
    scores = {f"n{i}": float(i) for i in range(100)}
    assert top_brokers(scores, share=0.05, at_least=3) == {f"n{i}" for i in range(95, 100)}
    assert top_brokers({"a": 0.0, "b": 0.0}) == frozenset()


def _star_of_routes() -> tuple[nx.Graph, dict[str, str]]:
    """us — partner — a — b — c, us — direct, and an unreachable island."""
    g = nx.Graph()
    for n in ("us", "partner", "direct", "a", "b", "c", "island1", "island2"):
        g.add_node(n, label="Actor", name=n)
    g.nodes["partner"]["engagement"] = "partner"
    g.add_edges_from([("us", "partner"), ("partner", "a"), ("a", "b"), ("b", "c"), ("us", "direct")])
    g.add_edge("island1", "island2")
    parents = {"partner": "us", "direct": "us", "a": "partner", "b": "a", "c": "b"}
    return g, parents


def test_around_us_rings_follow_the_introductions_needed() -> None:
    g, parents = _star_of_routes()
    layout = lay_out("around-us", g, home="us", route_parent=parents)
    assert layout.positions["us"] == (0.0, 0.0)
    assert layout.placed == {
        "us": "us",
        "partner": "direct",
        "direct": "direct",
        "a": "one-introduction",
        "b": "two-introductions",
        "c": "further",
        "island1": "unreachable",
        "island2": "unreachable",
    }
    radius = {n: math.hypot(*p) for n, p in layout.positions.items()}
    assert radius["partner"] == pytest.approx(radius["direct"])
    assert radius["partner"] < radius["a"] < radius["b"] < radius["c"] < radius["island1"]
    assert [r["key"] for r in layout.regions] == list(RINGS[1:])


def test_around_us_puts_each_actor_in_line_with_its_introducer() -> None:
    g, parents = _star_of_routes()
    pos = lay_out("around-us", g, home="us", route_parent=parents).positions

    def angle(n: str) -> float:
        return math.atan2(pos[n][1], pos[n][0])

    assert angle("a") == pytest.approx(angle("partner"))
    assert angle("b") == pytest.approx(angle("a"))
    assert abs(angle("direct") - angle("partner")) > 0.5  # the other branch gets its own angle


def test_around_us_without_a_home_actor_says_how_to_set_one() -> None:
    g, _parents = _star_of_routes()
    layout = lay_out("around-us", g, home=None)
    assert layout.name == "force" and set(layout.positions) == set(g)
    assert "netmap config set home_actor ID" in layout.notes[0]


def test_communities_are_discs_that_hold_their_members_and_do_not_overlap() -> None:
    g = nx.Graph()
    for c in range(4):
        members = [f"c{c}m{i}" for i in range(8)]
        for i, m in enumerate(members):
            g.add_node(m, label="Actor", kind="NGO" if c % 2 else "Company", country="GBR", name=m)
            g.add_edge(m, members[(i + 1) % 8])
            g.add_edge(m, members[(i + 3) % 8])
    g.add_edge("c0m0", "c1m0")
    partition = {n: int(n[1]) for n in g}
    layout = lay_out("communities", g, partition=partition)
    discs = layout.regions
    assert len(discs) == 4
    for a in discs:
        for b in discs:
            if a is not b:
                assert math.dist((a["x"], a["y"]), (b["x"], b["y"])) >= a["r"] + b["r"]
    for n, (x, y) in layout.positions.items():
        disc = discs[int(layout.placed[n].split("-")[1])]
        assert math.dist((x, y), (disc["x"], disc["y"])) <= disc["r"]
    assert {d["label"] for d in discs} == {"Company · GBR (8)", "NGO · GBR (8)"}


def test_community_label_names_only_what_a_third_share() -> None:
    assert community_label({"kind": "NGO", "sector": None, "country": "USA", "count": 9}) == "NGO · USA (9)"


#: Where each layout puts two nodes of ``_two_worlds()``: the same in every process (whatever its hash seed).
PINNED = {
    "spheres": {"b0": (-25.2, 290.0), "p2": (163.9, 73.6)},
    "around-us": {"b0": (0.0, -596.7), "p2": (-42.6, -595.2)},
    "communities": {"b0": (-90.2, 106.8), "p2": (-31.0, -626.9)},
    "force": {"b0": (17.3, 126.0), "p2": (565.4, 37.5)},
}


@pytest.mark.parametrize("name", LAYOUTS)
def test_every_layout_gives_the_pinned_positions_and_handles_tiny_graphs(name: str) -> None:
    positions = lay_out(name, _two_worlds(), home="h0", route_parent={}).positions
    assert len(positions) == 89 and {n: positions[n] for n in PINNED[name]} == PINNED[name]
    assert lay_out(name, nx.Graph()).positions == {}
    one = nx.Graph()
    one.add_node("solo", label="Actor", sphere="economic")
    assert set(lay_out(name, one, home="solo").positions) == {"solo"}


def test_a_layout_that_does_not_exist_is_refused_with_the_list() -> None:
    with pytest.raises(InputError) as info:
        check_layout("circle")
    assert str(info.value) == "layout: 'circle' is not a layout — use one of spheres, around-us, communities, force"
    assert check_layout(" Around_Us ") == "around-us"
