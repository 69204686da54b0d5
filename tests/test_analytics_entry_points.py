"""Entry points: who is a candidate, the composite score worked out by hand, reasons, order."""

from __future__ import annotations

import networkx as nx
import pytest

from netmap.analytics.entry_points import (
    EntryPointOptions,
    EntryPointWeights,
    percentile_ranks,
    rank_entry_points,
)
from netmap.analytics.structure import structural_scores
from netmap.errors import ConfigError
from netmap.graph import build_graph
from netmap.graph.rows import actor, initiative, tie


def chain() -> nx.Graph:
    """union — us — ngo → task force ← assoc;  firm — h2 (out of our reach)."""
    nodes = [
        actor("us", name="IOM", kind="IGO", sphere="both"),
        actor("ngo", name="Resettlement NGO", kind="NGO", sphere="humanitarian", engagement="partner"),
        initiative("tf", name="Labour Mobility Task Force"),
        actor(
            "assoc",
            name="Employers DE",
            kind="EmployerOrganisation",
            sphere="economic",
            influence=4,
            country="DEU",
            sectors=["healthcare"],
        ),
        actor(
            "firm",
            name="Logistics Co",
            kind="Company",
            sphere="economic",
            country="CAN",
            sectors=["logistics"],
        ),
        actor("union", kind="TradeUnion", sphere="economic", engagement="partner"),
        actor("h2", kind="NGO", sphere="humanitarian"),
    ]
    edges = [
        tie("us", "ngo"),
        tie("ngo", "tf", "MEMBER_OF"),
        tie("assoc", "tf", "MEMBER_OF"),
        tie("firm", "h2"),
        tie("us", "union"),
    ]
    return build_graph(nodes, edges)


OPTIONS = EntryPointOptions(
    sectors_of_interest=("Healthcare",),
    countries_of_interest=("DEU",),
    weights=EntryPointWeights(influence=0.25, structure=0.0, reach=0.3, fit=0.2),
)


def test_candidates_are_unengaged_actors_of_the_economic_sphere_but_not_us() -> None:
    g = chain()
    assert [e.id for e in rank_entry_points(g, "us", structural_scores(g), OPTIONS)] == ["assoc", "firm"]
    everyone = EntryPointOptions(spheres=())
    assert [e.id for e in rank_entry_points(g, "us", structural_scores(g), everyone)] == [
        "assoc",
        "firm",
        "h2",
    ]


def test_composite_score_worked_out_by_hand() -> None:
    g = chain()
    best = rank_entry_points(g, "us", structural_scores(g), OPTIONS)[0]
    # route: us→ngo 1 + partner 0 + ngo→tf 1/0.6 + forum 0.75 + tf←assoc 1/0.6
    cost = 1 + 0.75 + 2 * round(1 / 0.6, 6)
    assert best.details["route_cost"] == pytest.approx(cost)
    reach = round(1 / cost, 4)
    # fit: sector of interest 1, country of interest 1, one forum → 1/2
    fit = round((1 + 1 + 0.5) / 3, 4)
    assert best.components == {"influence": 0.8, "structure": 0.0, "reach": reach, "fit": fit}
    assert best.score == round((0.25 * 0.8 + 0.3 * reach + 0.2 * fit) / 0.75, 4)
    assert best.route is not None and [i["id"] for i in best.route["introducers"]] == ["ngo"]


def test_every_component_comes_with_reasons() -> None:
    g = chain()
    assoc, firm = rank_entry_points(g, "us", structural_scores(g), OPTIONS)
    assert assoc.reasons[0] == "influence 4/5 in the data"
    assert any(r.startswith("reachable in 3 hop(s) through Resettlement NGO") for r in assoc.reasons)
    assert "works in a sector of interest: healthcare" in assoc.reasons
    assert "based in a country of interest: DEU" in assoc.reasons
    assert "takes part in 1 programme(s)/forum(s): Labour Mobility Task Force" in assoc.reasons
    assert firm.score == 0.0 and firm.route is None
    assert firm.reasons == ["influence not rated", "no known route from us"]


def star() -> nx.Graph:
    """hub (economic) tied to us, h1, h2 (humanitarian) and e1 (economic)."""
    nodes = [
        actor("us", sphere="both"),
        actor("hub", sphere="economic"),
        actor("h1", sphere="humanitarian"),
        actor("h2", sphere="humanitarian"),
        actor("e1", sphere="economic"),
    ]
    return build_graph(nodes, [tie("hub", n) for n in ("us", "h1", "h2", "e1")])


def test_structure_is_the_mean_percentile_of_betweenness_cross_sphere_and_pagerank() -> None:
    g = star()
    hub, e1 = rank_entry_points(g, "us", structural_scores(g))
    # hub outranks all 4 other actors on all three measures; e1 outranks nobody
    assert hub.components["structure"] == 1.0 and e1.components["structure"] == 0.0
    # default weights: 0.25 structure + 0.3 reach (direct tie, cost 1)
    assert hub.score == 0.55
    # e1: us—hub—e1 = 2 ties + a stranger 1.5 = 3.5 → reach 0.2857
    assert e1.components["reach"] == 0.2857 and e1.score == round(0.3 * 0.2857, 4)
    assert any(
        r.startswith("sits on the routes between 2 humanitarian–economic pairs: a stronger bridge") for r in hub.reasons
    )


def test_equal_scores_are_ordered_by_id_and_top_limits() -> None:
    g = build_graph([actor("us"), actor("b", sphere="economic"), actor("a", sphere="economic")], [])
    ranked = rank_entry_points(g, "us", structural_scores(g), EntryPointOptions(top=None))
    assert [(e.rank, e.id, e.score) for e in ranked] == [(1, "a", 0.0), (2, "b", 0.0)]
    assert len(rank_entry_points(g, "us", structural_scores(g), EntryPointOptions(top=1))) == 1


def test_country_and_sector_filters_narrow_the_candidates() -> None:
    g = chain()
    only_can = EntryPointOptions(countries=("can",))
    assert [e.id for e in rank_entry_points(g, "us", structural_scores(g), only_can)] == ["firm"]
    health = EntryPointOptions(sectors=("HEALTHCARE",))
    assert [e.id for e in rank_entry_points(g, "us", structural_scores(g), health)] == ["assoc"]


def test_weights_from_config_are_checked() -> None:
    assert EntryPointWeights.from_config({"fit": "1"}).fit == 1.0
    with pytest.raises(ConfigError, match="unknown component 'luck'"):
        EntryPointWeights.from_config({"luck": 1})
    with pytest.raises(ConfigError, match="all 0"):
        EntryPointWeights.from_config({"influence": 0, "structure": 0, "reach": 0, "fit": 0})


def test_percentile_ranks_count_strictly_lower_values() -> None:
    assert percentile_ranks({"a": 1.0, "b": 2.0, "c": 2.0, "d": 3.0}) == {
        "a": 0.0,
        "b": 0.333333,
        "c": 0.333333,
        "d": 1.0,
    }
