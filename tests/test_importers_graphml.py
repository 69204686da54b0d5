"""GraphML and GEXF importers: the real GEXF spec example, both namespaces, gzip, keys anywhere, bad files."""

from __future__ import annotations

import gzip
import xml.etree.ElementTree as ET  # noqa: S405 - parses the project's own trusted test files
from pathlib import Path

import networkx as nx
import pytest
from netmap.importers.graphml import GexfImporter, GraphmlImporter

from netmap.errors import InputError, ValidationFailed
from netmap.model import Actor, Relationship

SPEC = Path(__file__).parent / "data" / "real" / "graphml-gexf" / "gexf-spec-data-example.gexf"


def split(recs: list) -> tuple[list[Actor], list[Relationship]]:
    return [r for r in recs if isinstance(r, Actor)], [r for r in recs if isinstance(r, Relationship)]


def test_real_gexf_13_example_reads_every_node_and_edge() -> None:
    root = ET.parse(SPEC).getroot()  # noqa: S314
    nodes = [e for e in root.iter() if e.tag.endswith("}node")]
    edges = [e for e in root.iter() if e.tag.endswith("}edge")]
    actors, ties = split(list(GexfImporter([SPEC]).read()))
    assert {a.name for a in actors} == {n.get("label") for n in nodes}
    assert len(ties) == len(edges)
    gephi = next(a for a in actors if a.name == "Gephi")
    assert gephi.url == "http://gephi.org"
    assert gephi.properties["indegree"] == 1.0 and gephi.properties["frog"] is True  # typed, default applied
    barabasi = next(a for a in actors if a.name == "BarabasiLab")
    assert barabasi.properties["frog"] is False


def test_gexf_attributes_agree_with_networkx_and_declared_defaults_are_applied() -> None:
    graph = nx.read_gexf(SPEC)
    actors, ties = split(list(GexfImporter([SPEC]).read()))
    by_name = {a.name: a for a in actors}
    for _, data in graph.nodes(data=True):
        actor = by_name[data["label"]]
        assert actor.url == data["url"] and actor.properties["indegree"] == data["indegree"]
        assert actor.properties["frog"] == data.get("frog", True)  # networkx drops the declared default
    assert len(ties) == graph.number_of_edges()


def test_old_www_gexf_net_namespace_and_gzip_read_alike(tmp_path: Path) -> None:
    old = SPEC.read_text().replace('xmlns="http://gexf.net/1.3"', 'xmlns="http://www.gexf.net/1.1draft"')
    path = tmp_path / "old.gexf.gz"
    path.write_bytes(gzip.compress(old.encode()))
    new = [(type(r), getattr(r, "id", None), getattr(r, "source", None)) for r in GexfImporter([SPEC]).read()]
    got = [(type(r), getattr(r, "id", None), getattr(r, "source", None)) for r in GexfImporter([path]).read()]
    assert got == new


def test_graphml_written_by_networkx_maps_label_kind_and_edge_type(tmp_path: Path) -> None:
    graph = nx.DiGraph()
    graph.add_node("a", label="UNHCR", kind="UN agency", budget=1.5)
    graph.add_node("b", label="Siemens", kind="company")
    graph.add_edge("a", "b", relation="partner", weight=3)
    path = tmp_path / "g.graphml"
    nx.write_graphml(graph, path)
    actors, ties = split(list(GraphmlImporter([path]).read()))
    assert {(a.name, a.kind) for a in actors} == {("UNHCR", "IGO"), ("Siemens", "Company")}
    (tie,) = ties
    assert (tie.source, tie.target, tie.type, tie.strength) == ("unhcr", "siemens", "PARTNERS_WITH", 3)


def test_graphml_keys_declared_after_their_values_are_used(tmp_path: Path) -> None:
    path = tmp_path / "late.graphml"
    path.write_text(
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault="directed">'
        '<node id="n1"><data key="d0">Talent Beyond Boundaries</data><data key="d1">ngo</data></node>'
        '<node id="n2"><data key="d0">Fragomen</data><data key="d2">42</data></node>'
        '<edge source="n2" target="n1"><data key="d3">funds</data></edge></graph>'
        '<key id="d0" for="node" attr.name="name" attr.type="string"/>'
        '<key id="d1" for="node" attr.name="kind" attr.type="string"/>'
        '<key id="d2" for="node" attr.name="staff" attr.type="geo-point"/>'
        '<key id="d3" for="edge" attr.name="type" attr.type="string"/></graphml>'
    )
    imp = GraphmlImporter([path])
    actors, ties = split(list(imp.read()))
    assert {a.name for a in actors} == {"Talent Beyond Boundaries", "Fragomen"}
    assert (ties[0].source, ties[0].target, ties[0].type) == ("fragomen", "talent-beyond-boundaries", "FUNDS")
    fragomen = next(a for a in actors if a.name == "Fragomen")
    assert fragomen.properties["staff"] == "42"
    assert any("unknown type 'geo-point'" in w for w in imp.warnings)


def test_node_and_edge_maps_name_the_fields(tmp_path: Path) -> None:
    graph = nx.Graph()
    graph.add_node(1, org="Skills Foundation", sort="NGO")
    graph.add_node(2, org="Fragomen", sort="Company")
    graph.add_edge(1, 2, tie="member of")
    path = tmp_path / "m.graphml"
    nx.write_graphml(graph, path)
    imp = GraphmlImporter([path], node_map=["org=name", "sort=kind"], edge_map=["tie=type"])
    actors, ties = split(list(imp.read()))
    assert {(a.name, a.kind) for a in actors} == {("Skills Foundation", "NGO"), ("Fragomen", "Company")}
    assert ties[0].type == "MEMBER_OF" and ties[0].properties["undirected"] is True


def test_unknown_field_in_node_map_is_refused() -> None:
    with pytest.raises(InputError, match="--node-map: 'x=colour' maps to an unknown field"):
        GraphmlImporter([SPEC], node_map=["x=colour"])


def test_edge_to_undeclared_node_is_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.gexf"
    path.write_text(
        '<gexf xmlns="http://gexf.net/1.3" version="1.3"><graph><nodes>\n<node id="a" label="A"/>'
        '</nodes><edges>\n<edge source="a" target="zz"/></edges></graph></gexf>'
    )
    with pytest.raises(ValidationFailed, match=r"bad.gexf line 3: edge refers to node 'zz'"):
        list(GexfImporter([path]).read())


def test_wrong_format_for_the_command_is_refused() -> None:
    with pytest.raises(InputError, match=r"root element is <gexf> — expected <graphml>"):
        list(GraphmlImporter([SPEC]).read())


def test_truncated_gexf_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "cut.gexf"
    path.write_text(SPEC.read_text()[:900])
    with pytest.raises(InputError, match="cut.gexf line .*not well-formed XML"):
        list(GexfImporter([path]).read())


def test_billion_laughs_graphml_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "lol.graphml"
    path.write_text(
        '<?xml version="1.0"?><!DOCTYPE g [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
        "<graphml><graph><node id='&b;'/></graph></graphml>"
    )
    with pytest.raises(InputError, match="refused"):
        list(GraphmlImporter([path]).read())


def test_every_node_and_edge_of_the_real_gexf_is_accounted_for() -> None:
    root = ET.parse(SPEC).getroot()  # noqa: S314
    in_file = sum(1 for e in root.iter() if e.tag.split("}")[-1] in ("node", "edge"))
    importer = GexfImporter([SPEC])
    list(importer.read())
    tally = importer.tally.as_dict()
    skipped = sum(group["rows"] for group in tally["skipped"])
    assert tally["read"] == in_file == tally["used"] + tally["merged"] + skipped


def test_two_nodes_of_one_name_are_one_actor_and_the_second_counts_as_merged(tmp_path: Path) -> None:
    path = tmp_path / "twice.graphml"
    path.write_text(
        '<graphml><key id="l" for="node" attr.name="label"/><graph>\n<node id="1"><data key="l">UNHCR</data></node>\n'
        '<node id="2"><data key="l">UNHCR</data></node>\n<edge source="1" target="2"/></graph></graphml>'
    )
    importer = GraphmlImporter([path])
    list(importer.read())
    assert importer.tally.as_dict() == {"read": 3, "unit": "line", "used": 2, "merged": 1, "skipped": []}
