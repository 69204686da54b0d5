"""``engagement.xlsx``: Actors, Relationships, Entry points, Changes, Coverage gaps.

Every sheet has a formatted header row, frozen panes below it and an autofilter over the data. Text
that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``) is stored as text
(string cell type and the quote-prefix style), so opening the file never executes data.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from netmap.export.cells import is_formula
from netmap.export.diff import change_rows, edit_rows
from netmap.export.grid_sheet import grid_sheet
from netmap.export.state import ExportState
from netmap.export.zipfiles import normalise_zip
from netmap.i18n import Translator
from netmap.messages import N_

__all__ = ["SHEETS", "write_workbook"]

#: The sheets, in order (their titles are in the bundle's language).
SHEETS = (
    N_("Actors"),
    N_("Relationships"),
    N_("Entry points"),
    N_("Grid"),
    N_("Changes"),
    N_("Engagement log"),
    N_("Coverage gaps"),
)
#: Words of the Changes sheet's first column, translated in the bundle's language.
CHANGES = (
    N_("actor added"),
    N_("actor removed"),
    N_("tie added"),
    N_("tie removed"),
    N_("engagement changed"),
    N_("entry score up"),
    N_("entry score down"),
    N_("brokerage up"),
    N_("brokerage down"),
    N_("new entry point"),
)
#: Column headers, in the bundle's language (the data fields they name keep their ids in the data).
HEADERS = (
    N_("id"),
    N_("name"),
    N_("kind"),
    N_("sphere"),
    N_("country"),
    N_("sectors"),
    N_("engagement"),
    N_("influence"),
    N_("entry score"),
    N_("entry rank"),
    N_("brokerage"),
    N_("cross-sphere betweenness"),
    N_("pagerank"),
    N_("community"),
    N_("broker roles"),
    N_("degree"),
    N_("illustrative"),
    N_("description"),
    N_("url"),
    N_("iati"),
    N_("lei"),
    N_("wikidata"),
    N_("hdx"),
    N_("kindRaw"),
    N_("aliases"),
    N_("tags"),
    N_("sources"),
    N_("firstSeen"),
    N_("lastSeen"),
    N_("source"),
    N_("source name"),
    N_("target"),
    N_("target name"),
    N_("type"),
    N_("key"),
    N_("strength"),
    N_("since"),
    N_("until"),
    N_("amount"),
    N_("currency"),
    N_("note"),
    N_("rank"),
    N_("score"),
    N_("structure"),
    N_("reach"),
    N_("fit"),
    N_("via"),
    N_("route"),
    N_("reasons"),
    N_("change"),
    N_("before"),
    N_("after"),
    N_("delta"),
    N_("detail"),
    N_("date"),
    N_("actor"),
    N_("status"),
    N_("by"),
    N_("recorded at"),
    N_("sector"),
    N_("actors"),
    N_("engaged"),
    N_("gap"),
    N_("coverage"),
    N_("not engaged"),
    N_("interest"),
    N_("stance"),
    N_("quadrant"),
    N_("assessed by"),
    N_("assessed on"),
)

#: A fixed document date: the workbook's bytes depend on the data only.
FIXED_DATE = dt.datetime(2000, 1, 1)
_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
_ACTOR_EXTRA = (
    "description",
    "url",
    "iati",
    "lei",
    "wikidata",
    "hdx",
    "kindRaw",
    "aliases",
    "tags",
    "sources",
    "firstSeen",
    "lastSeen",
)
_TIE_EXTRA = ("amount", "currency", "note", "sources", "firstSeen", "lastSeen")


def _value(value: Any, t: Translator | None = None) -> Any:
    if value is None:
        return None
    if t is not None and isinstance(value, str) and hasattr(value, "msgid"):
        value = t.render(value)
    if isinstance(value, bool):
        return (t._("yes") if value else t._("no")) if t is not None else ("yes" if value else "no")
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, (list, tuple)):
        value = "; ".join(t.render(v) if t is not None else str(v) for v in value)
    elif isinstance(value, dict):
        value = "; ".join(f"{k} {v}" for k, v in value.items())
    return ILLEGAL_CHARACTERS_RE.sub("", str(value))[:32000]


def _cell(ws: Any, raw: Any, t: Translator) -> Any:
    value = _value(raw, t)
    if isinstance(value, str) and is_formula(value):
        cell = WriteOnlyCell(ws, value)
        cell.data_type = "s"
        cell.quotePrefix = True
        return cell
    return value


def _sheet(
    wb: Workbook,
    t: Translator,
    title: str,
    columns: Sequence[tuple[str, int]],
    rows: Sequence[Sequence[Any]],
    intro: str | None = None,
) -> None:
    """One sheet, streamed (write-only workbook): optional intro line, header, rows, panes, filter;
    the title, headers, intro and reasons in ``t``'s language."""
    ws = wb.create_sheet(t._(title))
    first = 2 if intro else 1
    for i, (_name, width) in enumerate(columns, 1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = f"A{first + 1}"
    ws.auto_filter.ref = f"A{first}:{get_column_letter(len(columns))}{first + len(rows)}"
    if intro:
        cell = WriteOnlyCell(ws, _value(intro, t))
        cell.font = Font(italic=True)
        ws.append([cell])
    header = []
    for name, _width in columns:
        cell = WriteOnlyCell(ws, t._(name))
        cell.font, cell.fill, cell.alignment = _HEADER_FONT, _HEADER_FILL, Alignment(vertical="center")
        header.append(cell)
    ws.append(header)
    for row in rows:
        ws.append([_cell(ws, raw, t) for raw in row])


def _actor_rows(state: ExportState) -> list[list[Any]]:
    entry = state.entry_ids()
    rows = []
    for e in sorted(state.entities, key=lambda e: str(e["id"])):
        if e["label"] != "Actor":
            continue
        p, s = e["props"], state.scores.get(e["id"], {})
        rows.append(
            [
                e["id"],
                p.get("name"),
                p.get("kind"),
                p.get("sphere"),
                p.get("country"),
                p.get("sectors"),
                p.get("engagement"),
                p.get("influence"),
                s.get("entryScore"),
                entry.get(e["id"]),
                s.get("brokerage"),
                s.get("crossSphereBetweenness"),
                s.get("pagerank"),
                s.get("community"),
                s.get("brokerRoles"),
                s.get("degree"),
                bool(p.get("illustrative")),
                *(p.get(k) for k in _ACTOR_EXTRA),
            ]
        )
    return rows


def _tie_rows(state: ExportState) -> list[list[Any]]:
    names = {e["id"]: e["props"].get("name") or e["id"] for e in state.entities}
    return [
        [
            t["source"],
            names.get(t["source"]),
            t["target"],
            names.get(t["target"]),
            t["type"],
            t["key"],
            t["props"].get("strength"),
            t["props"].get("since"),
            t["props"].get("until"),
            *(t["props"].get(k) for k in _TIE_EXTRA),
        ]
        for t in state.ties
    ]


def _entry_rows(state: ExportState) -> list[list[Any]]:
    t = state.tr
    rows = []
    for e in state.entry_points.get("entry_points", []):
        route = e.get("route") or {}
        via = ", ".join(i["name"] for i in route.get("introducers", []))
        rows.append(
            [
                e["rank"],
                e["id"],
                e["name"],
                e["kind"],
                e["sphere"],
                e["country"],
                e["engagement"],
                e["score"],
                *(e["components"].get(c) for c in ("influence", "structure", "reach", "fit")),
                via or (t._("direct") if len(route.get("hops", [])) == 1 else ""),
                t.render(route.get("text")) if route.get("text") else None,
                "\n".join(t.render_all(e["reasons"])),
            ]
        )
    return rows


def write_workbook(path: Path, state: ExportState, changes: dict[str, Any] | None) -> None:
    """Write the workbook; ``changes`` is the diff with the previous quarter (``None``: there is none)."""
    t = state.tr
    _ = t._
    wb = Workbook(write_only=True)
    wb.properties.created = wb.properties.modified = FIXED_DATE
    wb.properties.creator = "netmap"
    wb.properties.title = _("Engagement map %(quarter)s", quarter=str(state.quarter))
    _sheet(
        wb,
        t,
        "Actors",
        [
            ("id", 22),
            ("name", 40),
            ("kind", 18),
            ("sphere", 13),
            ("country", 9),
            ("sectors", 30),
            ("engagement", 12),
            ("influence", 10),
            ("entry score", 11),
            ("entry rank", 10),
            ("brokerage", 11),
            ("cross-sphere betweenness", 14),
            ("pagerank", 10),
            ("community", 11),
            ("broker roles", 24),
            ("degree", 8),
            ("illustrative", 11),
            *((k, 24) for k in _ACTOR_EXTRA),
        ],
        _actor_rows(state),
    )
    _sheet(
        wb,
        t,
        "Relationships",
        [
            ("source", 22),
            ("source name", 36),
            ("target", 22),
            ("target name", 36),
            ("type", 16),
            ("key", 10),
            ("strength", 9),
            ("since", 10),
            ("until", 10),
            *((k, 18) for k in _TIE_EXTRA),
        ],
        _tie_rows(state),
    )
    _sheet(
        wb,
        t,
        "Entry points",
        [
            ("rank", 6),
            ("id", 22),
            ("name", 40),
            ("kind", 18),
            ("sphere", 13),
            ("country", 9),
            ("engagement", 12),
            ("score", 8),
            ("influence", 10),
            ("structure", 10),
            ("reach", 8),
            ("fit", 8),
            ("via", 30),
            ("route", 50),
            ("reasons", 90),
        ],
        _entry_rows(state),
        intro=(_("Home actor: %(home)s.", home=state.home) + " " if state.home else "")
        + "; ".join(t.render_all(state.notes[:3]))
        or None,
    )
    _sheet(wb, t, "Grid", *grid_sheet(state))
    cols = [("change", 20), ("id", 28), ("name", 44), ("before", 12), ("after", 12), ("delta", 10), ("detail", 40)]
    absent = _("an actor not in this bundle")
    edits = [[r[k] for k, _w in cols] for r in edit_rows(state.edits, absent=absent)]  # what people changed
    if changes is None:
        intro = _("No earlier snapshot than %(quarter)s: nothing to compare with.", quarter=str(state.quarter))
        if edits:
            intro += " " + _("The edits of the quarter follow.")
        _sheet(wb, t, "Changes", cols, edits, intro=intro)
    else:
        rows = [[_change_value(t, k, r[k]) for k, _w in cols] for r in change_rows(changes)]
        intro = _("Changes from %(old)s to %(new)s.", old=changes["from"], new=changes["to"])
        if edits:
            intro += " " + _("The edits of the quarter follow.")
        intro += " " + " ".join(t.render_all(changes["notes"]))
        _sheet(wb, t, "Changes", cols, rows + edits, intro=intro.strip())
    log_cols = [("date", 12), ("actor", 22), ("name", 40), ("status", 12), ("by", 16), ("recorded at", 26)]
    if state.policy.include_sensitive:
        log_cols.append(("note", 60))
    _sheet(
        wb,
        t,
        "Engagement log",
        log_cols,
        [
            [e.get({"actor": "actor", "recorded at": "at"}.get(name, name)) for name, _w in log_cols]
            for e in state.engagements
        ],
        intro=None
        if state.policy.include_sensitive
        else _("Notes are left out (an admin exports them with --include-sensitive)."),
    )
    gaps = [r for r in state.coverage if r["gap"] > 0]
    names = {e["id"]: e["props"].get("name") or e["id"] for e in state.entities}
    _sheet(
        wb,
        t,
        "Coverage gaps",
        [
            ("country", 9),
            ("sector", 26),
            ("actors", 8),
            ("engaged", 9),
            ("gap", 6),
            ("coverage", 10),
            ("not engaged", 60),
            ("reasons", 50),
        ],
        [
            [
                r["country"],
                r["sector"],
                r["actors"],
                r["engaged"],
                r["gap"],
                r["coverage"],
                [names.get(n, n) for n in r["not_engaged"][:50]],
                r["reasons"],
            ]
            for r in gaps
        ],
    )
    wb.save(path)
    normalise_zip(path, _fixed_core_dates)


def _change_value(t: Translator, column: str, value: Any) -> Any:
    """A Changes cell: the kind of change and the rank detail in the bundle's language, the rest as is."""
    if column == "change" and value in CHANGES:
        return t._(value)
    if column == "detail" and isinstance(value, str) and value.startswith("rank "):
        return t._("rank %(rank)s", rank=value[5:])
    return value


def _fixed_core_dates(name: str, data: bytes) -> bytes:
    """openpyxl stamps ``dcterms:modified`` with the time of saving: put the fixed date back."""
    if name != "docProps/core.xml":
        return data
    return re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)", rb"\g<1>2000-01-01T00:00:00Z\g<2>", data)
