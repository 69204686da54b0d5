"""``graph.graphml`` and ``graph.gexf``: every actor, programme, forum and tie with all their attributes
(privacy applied), the scores of the export, and (GEXF) the map's positions and colours. Ready for Gephi.

Attribute values are GraphML/GEXF scalars: lists are joined with ``|``, maps written as JSON, empty
values left out, and a key that mixes types across elements is written as text.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import networkx as nx

from netmap.drawing.colours import KIND_COLOURS
from netmap.export.state import ExportState

__all__ = ["bundle_graph", "write_gexf", "write_graphml"]

_INTERNAL = frozenset({"nameLower", "aliasText", "id", "label", "key"})


def _scalar(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return "|".join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, sort_keys=True, ensure_ascii=False)
    return value


def _kind_of(values: list[Any]) -> type:
    if all(isinstance(v, bool) for v in values):
        return bool
    if all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return int
    if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
        return float
    return str


def _harmonise(items: list[dict[str, Any]]) -> None:
    seen: dict[str, list[Any]] = {}
    for attrs in items:
        for k, v in attrs.items():
            seen.setdefault(k, []).append(v)
    kinds = {k: _kind_of(v) for k, v in seen.items()}
    for attrs in items:
        for k, v in attrs.items():
            kind = kinds[k]
            if kind is float:
                attrs[k] = float(v)
            elif kind is str and not isinstance(v, str):
                attrs[k] = json.dumps(v) if isinstance(v, bool) else str(v)


def bundle_graph(state: ExportState) -> nx.MultiDiGraph:
    """The ties as a directed multigraph (one edge per tie, as stored) with scalar attributes."""
    graph = nx.MultiDiGraph(name=f"netmap engagement map {state.quarter}")
    entry = state.entry_ids()
    for e in sorted(state.entities, key=lambda e: str(e["id"])):
        props = {k: _scalar(v) for k, v in sorted(e["props"].items()) if k not in _INTERNAL}
        attrs = {k: v for k, v in props.items() if v is not None and v != ""}
        attrs["nodeType"] = e["label"]
        attrs["label"] = str(e["props"].get("name") or e["id"])
        for k, v in sorted(state.scores.get(e["id"], {}).items()):
            v = _scalar(v)
            if v is not None and v != "":
                attrs[k] = v
        if e["id"] in entry:
            attrs["entryPoint"] = True
            attrs["entryRank"] = entry[e["id"]]
        else:
            attrs["entryPoint"] = False
        graph.add_node(e["id"], **attrs)
    for t in state.ties:
        attrs = {k: _scalar(v) for k, v in sorted(t["props"].items()) if k not in _INTERNAL}
        attrs = {k: v for k, v in attrs.items() if v is not None and v != ""}
        attrs["type"] = t["type"]
        attrs["tieKey"] = t["key"]
        graph.add_edge(t["source"], t["target"], **attrs)
    # networkx stores the dicts we pass by copy: harmonise the graph's own attribute dicts
    _harmonise([d for _n, d in graph.nodes(data=True)])
    _harmonise([d for _u, _v, d in graph.edges(data=True)])
    return graph


def write_graphml(path: Path, state: ExportState, graph: nx.MultiDiGraph | None = None) -> None:
    graph = graph if graph is not None else bundle_graph(state)
    nx.write_graphml(graph, path, encoding="utf-8", prettyprint=True, named_key_ids=True)


def _hex_rgb(colour: str) -> dict[str, Any]:
    colour = colour.lstrip("#")
    return {"r": int(colour[0:2], 16), "g": int(colour[2:4], 16), "b": int(colour[4:6], 16), "a": 1.0}


def write_gexf(path: Path, state: ExportState, graph: nx.MultiDiGraph | None = None) -> None:
    """GEXF 1.2 with viz positions (the map's layout), colours by kind and sizes by entry score."""
    graph = (graph if graph is not None else bundle_graph(state)).copy()
    for node, data in graph.nodes(data=True):
        kind = data.get("kind") if data.get("nodeType") == "Actor" else data.get("nodeType")
        viz: dict[str, Any] = {"color": _hex_rgb(KIND_COLOURS.get(str(kind), KIND_COLOURS["Other"]))}
        if node in state.positions:
            x, y = state.positions[node]
            viz["position"] = {"x": float(x), "y": float(-y), "z": 0.0}
        score = data.get("entryScore")
        viz["size"] = round(5.0 + 20.0 * (float(score) if isinstance(score, (int, float)) else 0.0), 3)
        data["viz"] = viz
    text = "\n".join(nx.generate_gexf(graph, encoding="utf-8", prettyprint=True)) + "\n"
    date = (state.data_date or "2000-01-01")[:10]
    text = re.sub(r'lastmodifieddate="[^"]*"', f'lastmodifieddate="{date}"', text, count=1)
    Path(path).write_text(text, encoding="utf-8")
