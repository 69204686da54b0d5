"""Is the introducer on a route from us to the target: the cheapest through it, or any loop-free one."""

from __future__ import annotations

import networkx as nx
import pytest

from netmap.analytics.introductions import introduction_route
from netmap.errors import InputError


def _graph() -> nx.Graph:
    """us - p - t, us - q - r - t (a longer route), and s hanging off t only; f is a forum."""
    g = nx.Graph()
    for u, v in [("us", "p"), ("p", "t"), ("us", "q"), ("q", "r"), ("r", "t"), ("t", "s"), ("us", "f"), ("f", "t")]:
        g.add_edge(u, v, cost=1.0)
    for n in g:
        g.nodes[n].update(name=n.upper(), label="Actor")
    g.nodes["f"]["label"] = "Forum"
    g.nodes["p"]["engagement"] = "partner"
    return g


def test_the_cheapest_route_through_the_introducer_is_chosen() -> None:
    assert introduction_route(_graph(), "us", "p", "t").nodes == ["us", "p", "t"]
    assert introduction_route(_graph(), "us", "r", "t").nodes == ["us", "q", "r", "t"]


def test_a_route_beyond_the_cheapest_ones_still_counts() -> None:
    g = _graph()
    for i in range(8):  # many cheap routes, none through the long way
        g.add_edge("us", f"m{i}", cost=0.1)
        g.add_edge(f"m{i}", "t", cost=0.1)
        g.nodes[f"m{i}"].update(name=f"M{i}", label="Actor", engagement="partner")
    g.add_edge("us", "a", cost=5.0)
    g.add_edge("a", "b", cost=5.0)
    g.add_edge("b", "q", cost=5.0)
    for n in ("a", "b"):
        g.nodes[n].update(name=n.upper(), label="Actor")
    route = introduction_route(g, "us", "b", "t")
    assert route.nodes[0] == "us" and route.nodes[-1] == "t" and "b" in route.nodes
    assert len(set(route.nodes)) == len(route.nodes)


@pytest.mark.parametrize(
    ("via", "message"),
    [
        ("s", "introduction: S is not on any route from us to T — ask someone on one of the warm routes to T"),
        ("t", "introduction: T cannot introduce us to itself"),
        ("us", "introduction: we cannot introduce ourselves"),
        ("f", "introduction: F is a programme or forum, not an actor"),
        ("ghost", "introduction: 'ghost' is not on any route from us to T"),
    ],
)
def test_an_introducer_on_no_route_is_refused_saying_so(via: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        introduction_route(_graph(), "us", via, "t")
    assert str(caught.value).startswith(message)


def test_a_dead_end_beside_the_route_is_not_on_it() -> None:
    g = _graph()
    g.add_edge("p", "d", cost=1.0)  # d hangs off p: reaching t through d would pass p twice
    g.nodes["d"].update(name="D", label="Actor")
    with pytest.raises(InputError, match="D is not on any route"):
        introduction_route(g, "us", "d", "t")


def test_without_a_home_actor_nothing_is_routed() -> None:
    with pytest.raises(InputError, match="no home actor is set"):
        introduction_route(_graph(), None, "p", "t")
