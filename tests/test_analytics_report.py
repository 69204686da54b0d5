"""The facade the CLI and web app call: bad input, notes, JSON-ready and deterministic results."""

from __future__ import annotations

import json

import networkx as nx
import pytest

from netmap.analytics import report
from netmap.config import Settings
from netmap.errors import ConfigError, NotFound
from netmap.graph import build_graph
from netmap.graph.rows import actor, initiative, tie

HOME = Settings(home_actor="us", sectors_of_interest=("healthcare",))


def network() -> nx.Graph:
    nodes = [
        actor("us", name="IOM", sphere="both"),
        actor("ngo", name="Resettlement NGO", sphere="humanitarian", engagement="partner"),
        initiative("tf", name="Task Force"),
        actor("assoc", name="Employers DE", sphere="economic", sectors=["healthcare"], influence=3),
        actor("firm", name="Firm", sphere="economic"),
        actor("lonely", name="Lonely Ltd", sphere="economic"),
    ]
    edges = [
        tie("us", "ngo"),
        tie("ngo", "tf", "MEMBER_OF"),
        tie("assoc", "tf", "MEMBER_OF"),
        tie("firm", "ngo", "KNOWS"),
        tie("firm", "firm"),
    ]
    return build_graph(nodes, edges)


def test_analyze_an_empty_graph() -> None:
    result = report.analyze_report(build_graph([], []))
    assert (result["nodes"], result["edges"], result["components"], result["communities"]) == (0, 0, 0, 0)
    assert result["top_brokers"] == [] and result["notes"] == ["the graph is empty"]


def test_analyze_reports_size_components_brokers_and_notes() -> None:
    result = report.analyze_report(network())
    assert (result["nodes"], result["edges"], result["actors"], result["forums"]) == (6, 4, 5, 1)
    assert (result["components"], result["largest_component"]) == (2, 5)
    assert result["top_brokers"][0]["id"] == "ngo"
    assert "1 tie(s) of type KNOWS have no configured weight; used the default 0.5" in result["notes"]
    assert "1 self-loop(s) dropped" in result["notes"]
    assert result["methods"]["betweenness"] == "exact"


def test_entry_points_without_a_home_actor_is_a_config_error_with_the_next_step() -> None:
    with pytest.raises(ConfigError) as info:
        report.entry_points_report(network(), Settings())
    assert str(info.value) == (
        "no home actor configured — set one with 'netmap config set home_actor ID' (or NETMAP_HOME_ACTOR), or pass --home"
    )


def test_home_actor_not_in_the_graph_is_not_found() -> None:
    with pytest.raises(NotFound, match="the home actor 'unhcr' is not in the graph"):
        report.entry_points_report(network(), Settings(home_actor="unhcr"))


def test_home_can_be_overridden() -> None:
    result = report.entry_points_report(network(), Settings(home_actor="unhcr"), home="us")
    assert result["home"] == {"id": "us", "name": "IOM"}


def test_entry_points_report_is_json_ready_and_gives_the_pinned_scores() -> None:
    data = json.loads(json.dumps(report.entry_points_report(network(), HOME), sort_keys=True))
    ranked = [(e["id"], e["score"], e["components"]) for e in data["entry_points"]]
    assert ranked[:3] == [  # the same in every process and on every machine: pinned, not compared with itself
        ("assoc", 0.4007, {"influence": 0.6, "structure": 0.1667, "reach": 0.1967, "fit": 0.75}),
        ("firm", 0.1208, {"influence": 0.0, "structure": 0.0833, "reach": 0.3333, "fit": 0.0}),
        ("lonely", 0.0, {"influence": 0.0, "structure": 0.0, "reach": 0.0, "fit": 0.0}),
    ]
    top = data["entry_points"][0]
    assert top["reasons"] and data["weights"] == {
        "influence": 0.25,
        "structure": 0.25,
        "reach": 0.3,
        "fit": 0.2,
    }
    rows = report.entry_point_rows(data)
    assert rows[0]["via"] == "Resettlement NGO" and rows[0]["name"] == "Employers DE"


def test_weights_override_component_by_component() -> None:
    result = report.entry_points_report(network(), HOME, weights={"fit": 0.0})
    assert result["weights"]["fit"] == 0.0 and result["weights"]["reach"] == 0.3


def test_path_report_with_no_route_says_so() -> None:
    result = report.path_report(network(), HOME, "home", "lonely")
    assert result["paths"] == [] and result["message"] == "no known route from us to lonely"


def test_path_report_finds_actors_by_name() -> None:
    result = report.path_report(network(), HOME, None, "employers de", k=1)
    assert result["target"]["id"] == "assoc"
    assert (
        result["paths"][0]["text"] == "us (IOM) → partners with → Resettlement NGO → member of → Task Force"
        " ← member of ← Employers DE"
    )


def test_unknown_target_is_not_found() -> None:
    with pytest.raises(NotFound, match="no actor 'nobody' in the graph"):
        report.path_report(network(), HOME, "us", "nobody")


def test_large_graph_falls_back_to_sampling_and_says_so() -> None:
    g = nx.barabasi_albert_graph(60, 2, seed=1)
    result = report.analyze_report(g, exact_limit=50, k=16)
    assert result["methods"]["betweenness"] == "sampled from 16 source nodes (seed 42)"
    assert "graph has 60 nodes (> 50): betweenness sampled from 16 sources, seed 42" in result["notes"]


def test_score_rows_for_write_back() -> None:
    rows = {r["id"]: r for r in report.score_rows(network(), HOME)}
    assert set(rows) == {"us", "ngo", "assoc", "firm", "lonely"}
    assert rows["us"]["entryScore"] is None and rows["ngo"]["entryScore"] is None
    assert rows["assoc"]["entryScore"] is not None
    assert rows["ngo"]["brokerRoles"] == [] or all(isinstance(r, str) for r in rows["ngo"]["brokerRoles"])
    assert rows["lonely"]["constraint"] is None and isinstance(rows["ngo"]["community"], int)


def test_coverage_suggestions_communities_and_actor_reports() -> None:
    g = network()
    assert report.coverage_report(g, ["economic"])[0]["gap"] >= 1
    suggestions = report.suggestions_report(g, HOME)
    assert [(s["partner"], s["target"]) for s in suggestions] == [("ngo", "assoc")]
    communities = report.communities_report(g)
    assert set(communities["membership"]) == set(g)
    actor_scores = report.actor_report(g, HOME, "ngo")
    assert actor_scores["scores"]["betweenness"] > 0 and actor_scores["reasons"]
