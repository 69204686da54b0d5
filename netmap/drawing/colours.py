"""Colours of the map: one per actor kind, programme, forum and community, shared by the web map and exports.

>>> KIND_COLOURS["NGO"]
'#2ca02c'
"""

from __future__ import annotations

__all__ = ["KIND_COLOURS"]

KIND_COLOURS: dict[str, str] = {
    "Government": "#1f77b4",
    "IGO": "#17becf",
    "NGO": "#2ca02c",
    "CivilSociety": "#98df8a",
    "RefugeeLed": "#bcbd22",
    "Company": "#ff7f0e",
    "EmployerOrganisation": "#d62728",
    "TradeUnion": "#9467bd",
    "Academic": "#8c564b",
    "Foundation": "#e377c2",
    "Other": "#7f7f7f",
    "Programme": "#393b79",
    "Forum": "#637939",
    "Community": "#aec7e8",
}
