"""Pure analytics over projected NetworkX graphs, each number with the reasons behind it.

One family per module (centrality, brokerage, communities, paths, entry_points, coverage,
suggestions), registered by name in :mod:`netmap.analytics.registry`; :mod:`netmap.analytics.report`
is the facade the CLI and the web app call.

>>> from netmap.analytics import registry
>>> registry.get("betweenness").__name__
'betweenness'
"""

from __future__ import annotations

from netmap.analytics import (  # noqa: F401  (importing registers the analytics by name)
    brokerage,
    centrality,
    communities,
    coverage,
    entry_points,
    paths,
    structure,
    suggestions,
)
from netmap.analytics.registry import get, names

__all__ = ["get", "names"]
