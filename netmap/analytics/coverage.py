"""Where we are missing: a country × sector matrix of actors present vs actors we engage."""

from __future__ import annotations

from typing import Any

import networkx as nx

from netmap.messages import Message
from netmap.model import ENGAGED_STATUSES

__all__ = ["coverage_matrix"]


def coverage_matrix(graph: nx.Graph, spheres: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """One row per (country, sector) with actors present, engaged, the gap and the reason in words.

    An actor counts once in each of its sectors; actors without a country or sector count under
    ``"?"``. Rows are sorted by gap (largest first), then country and sector.

    >>> g = nx.Graph()
    >>> g.add_node("a", label="Actor", country="DEU", sectors=["health"], engagement="partner")
    >>> g.add_node("b", label="Actor", country="DEU", sectors=["health"])
    >>> [(r["country"], r["sector"], r["actors"], r["engaged"], r["gap"]) for r in coverage_matrix(g)]
    [('DEU', 'health', 2, 1, 1)]
    """
    cells: dict[tuple[str, str], dict[str, Any]] = {}
    for node, data in graph.nodes(data=True):
        if data.get("label", "Actor") != "Actor":
            continue
        if spheres and data.get("sphere") not in spheres:
            continue
        country = data.get("country") or "?"
        for sector in data.get("sectors") or ["?"]:
            cell = cells.setdefault((country, sector), {"actors": [], "engaged": []})
            cell["actors"].append(node)
            if data.get("engagement") in ENGAGED_STATUSES:
                cell["engaged"].append(node)
    rows: list[dict[str, Any]] = []
    for (country, sector), cell in cells.items():
        present, engaged = len(cell["actors"]), len(cell["engaged"])
        gap = present - engaged
        if engaged == 0:
            reason = Message(
                "%(present)s actor(s) in %(sector)s in %(country)s, none engaged",
                present=present,
                sector=sector,
                country=country,
            )
        else:
            reason = Message(
                "%(engaged)s of %(present)s actor(s) in %(sector)s in %(country)s engaged",
                engaged=engaged,
                present=present,
                sector=sector,
                country=country,
            )
        rows.append(
            {
                "country": country,
                "sector": sector,
                "actors": present,
                "engaged": engaged,
                "gap": gap,
                "coverage": round(engaged / present, 4),
                "not_engaged": sorted(set(cell["actors"]) - set(cell["engaged"]), key=str),
                "reasons": [reason],
            }
        )
    rows.sort(key=lambda r: (-r["gap"], r["country"], r["sector"]))
    return rows
