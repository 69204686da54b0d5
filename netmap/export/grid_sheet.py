"""The Grid sheet of ``engagement.xlsx``: the power/interest grid (:mod:`netmap.analytics.grid`) as rows.

Each assessed actor the export keeps, by name: its latest assessment (influence, interest, stance, who
and when), its quadrant and its entry-point rank (the export's, as on ``map.png`` and ``grid.png``);
the assessment note only when sensitive data is included.
"""

from __future__ import annotations

from typing import Any

from netmap.export.state import ExportState
from netmap.messages import N_

__all__ = ["grid_rows", "grid_sheet"]

#: The quadrants of the power/interest grid, for the catalogs.
QUADRANT_NAMES = (N_("manage closely"), N_("keep satisfied"), N_("keep informed"), N_("monitor"))
#: The stances of an assessment, for the catalogs.
STANCE_NAMES = (N_("supportive"), N_("neutral"), N_("opposed"), N_("unknown"))


def grid_rows(state: ExportState) -> list[list[Any]]:
    """The Grid sheet: each assessed actor with its latest assessment, quadrant and entry rank, by name;
    the note only when sensitive data is included."""
    t = state.tr
    props = {e["id"]: e["props"] for e in state.entities}
    rows = []
    for p in state.grid_points():
        row = [
            p.id,
            p.name,
            p.kind,
            p.country,
            p.influence,
            p.interest,
            t._(p.stance),
            t._(p.quadrant),
            p.entry_rank,
            props[p.id].get("assessedBy"),
            props[p.id].get("assessedOn"),
        ]
        if state.policy.include_sensitive:
            row.append(state.assessment_notes.get(p.id))
        rows.append(row)
    return rows


def grid_sheet(state: ExportState) -> tuple[list[tuple[str, int]], list[list[Any]], str]:
    """The Grid sheet's columns (name, width), rows and intro line, in the bundle's language."""
    t = state.tr
    cols = [
        ("id", 22),
        ("name", 40),
        ("kind", 18),
        ("country", 9),
        ("influence", 10),
        ("interest", 10),
        ("stance", 12),
        ("quadrant", 16),
        ("entry rank", 10),
        ("assessed by", 16),
        ("assessed on", 12),
    ]
    rows = grid_rows(state)
    if state.policy.include_sensitive:
        cols.append(("note", 60))
    if not rows:
        intro = t._(
            "No actor has been assessed yet: editors assess an actor on its page (influence, interest, stance)."
        )
    elif state.policy.include_sensitive:
        intro = t._("Influence and interest of 4 or 5 count as high.")
    else:
        intro = (
            t._("Influence and interest of 4 or 5 count as high.")
            + " "
            + t._("Assessment notes are left out (an admin exports them with --include-sensitive).")
        )
    return cols, rows, intro
