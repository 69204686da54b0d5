"""Neo4j → NetworkX projection: filtered, typed, weighted (DESIGN.md "The graph").

>>> from netmap.graph import build_graph, GraphFilter
>>> build_graph([{"id": "a"}], [], GraphFilter()).number_of_nodes()
1
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import networkx as nx

from netmap.graph.filters import GraphFilter, parse_date
from netmap.graph.projection import build_graph, directed_flows
from netmap.graph.weights import DEFAULT_TYPE_WEIGHTS, WeightTable

if TYPE_CHECKING:
    from netmap.store import Store

__all__ = [
    "DEFAULT_TYPE_WEIGHTS",
    "GraphFilter",
    "WeightTable",
    "build_graph",
    "directed_flows",
    "load_graph",
    "parse_date",
]


def load_graph(store: Store, filters: GraphFilter | None = None, weights: WeightTable | None = None) -> nx.Graph:
    """The projected graph of the store's database: ``build_graph(*store.graph_rows(), filters, weights)``."""
    nodes, edges = store.graph_rows()
    return build_graph(nodes, edges, filters, weights)
