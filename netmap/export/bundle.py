"""``netmap export``: one quarter's bundle, written to a folder and a zip, and its snapshot recorded.

Layout: ``OUT/netmap-2026-Q4/`` holds map.html, map.png, map.pdf, world.png, grid.png, engagement.xlsx, graph.graphml,
graph.gexf, snapshot.json and README.txt; ``OUT/netmap-2026-Q4.zip`` holds the same files. ``OUT``
defaults to ``NETMAP_HOME/exports``, where the web app finds the bundles. The snapshot is also stored
in Neo4j (:mod:`netmap.store.snapshots`) with the zip's path and SHA-256, so ``netmap diff`` and the
web app's download work without the folder at hand.

A bundle made with ``include_sensitive`` is private to its owner: the folder 0700, its files and the
zip 0600 (the default ``NETMAP_HOME/exports`` is 0700 too).

Only README.txt and snapshot.json's ``exportedAt`` carry the export time: the same data and options
give byte-identical files otherwise (the zip's entries have fixed dates).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from netmap.config import Settings
from netmap.digests import file_sha256
from netmap.errors import InputError, NotFound
from netmap.export.diff import diff_snapshots
from netmap.export.privacy import PrivacyPolicy
from netmap.export.quarter import Quarter, parse_quarter
from netmap.export.snapshot import build_snapshot, dumps_snapshot, loads_snapshot
from netmap.export.state import EntryOptions, ExportState, compute_state
from netmap.export.world_map import write_png as write_world_png
from netmap.export.zipfiles import write_zip
from netmap.i18n import Translator, check_language
from netmap.messages import N_
from netmap.private import make_private, private_dir
from netmap.store import Store

__all__ = [
    "FILES",
    "BundleResult",
    "bundle_file",
    "bundle_name",
    "default_out",
    "export_bundle",
    "list_bundles",
    "load_snapshot",
    "previous_quarter",
]

#: Every file of a bundle, in zip order, with what it is (README.txt lists them, in the bundle's language).
FILES: dict[str, str] = {
    "README.txt": N_("this file: contents, sources, data date, privacy"),
    "map.html": N_("the interactive engagement map; opens offline in any browser (legend, filters, entry points)"),
    "map.png": N_("the map as a picture for slides (16:9)"),
    "map.pdf": N_("the map for print (one A4 landscape page)"),
    "world.png": N_("the world map: actors per country, with the leading countries and those without a shape"),
    "grid.png": N_("the power/interest grid: assessed actors by influence and interest, stance, entry points"),
    "engagement.xlsx": N_("workbook: Actors, Relationships, Entry points (with reasons), Grid, Changes, Coverage gaps"),
    "graph.graphml": N_("the network with all attributes, for Gephi, yEd, NetworkX"),
    "graph.gexf": N_("the network with all attributes, positions and colours, for Gephi"),
    "snapshot.json": N_("the canonical state of this quarter, used by 'netmap diff'"),
}
#: The steps an export tells its ``progress`` callback, in order.
EXPORT_STEPS = (
    "read",
    "analyse",
    "layout",
    "workbook",
    "graph files",
    "graphml",
    "gexf",
    "map.html",
    "map.png",
    "map.pdf",
    "world.png",
    "grid.png",
    "zip",
    "record snapshot",
)
BUNDLE_MARKERS = ("snapshot.json", "README.txt", "engagement.xlsx", "map.html")


@dataclass(slots=True)
class BundleResult:
    quarter: str
    folder: Path
    zip_path: Path
    snapshot: dict[str, Any]
    previous: str | None
    timings: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def bundle_name(quarter: Quarter) -> str:
    return f"netmap-{quarter}"


def default_out(settings: Settings) -> Path:
    return Path(settings.home) / "exports"


def _check_out(out: Path, quarter: Quarter, force: bool) -> tuple[Path, Path]:
    folder, zip_path = out / bundle_name(quarter), out / f"{bundle_name(quarter)}.zip"
    if out.exists() and not out.is_dir():
        raise InputError(f"--out {out}", "is a file, not a folder", "choose a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".netmap-probe-", dir=out)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise InputError(
            f"--out {out}", f"is not writable ({exc.strerror or exc})", "choose a folder you can write to with --out"
        ) from None
    held = folder.is_dir() and any((folder / m).exists() for m in BUNDLE_MARKERS)
    if (held or zip_path.exists()) and not force:
        what = folder if held else zip_path
        raise InputError(
            f"--out {out}",
            f"already holds the {quarter} bundle ({what.name})",
            "pass --force to replace it, or choose another folder with --out",
        )
    if folder.exists() and not folder.is_dir():
        raise InputError(
            f"--out {out}", f"{folder.name} exists and is not a folder", "remove it or choose another --out"
        )
    return folder, zip_path


#: The entry-point options README.txt lists, by their key in ``EntryOptions.as_dict``.
FILTERS = {
    "top": N_("entry points listed"),
    "spheres": N_("spheres"),
    "countries": N_("countries"),
    "sectors": N_("sectors"),
    "weights": N_("weights"),
    "home": N_("home actor"),
    "asOf": N_("as of"),
    "seed": N_("seed"),
}


def _filter_value(t: Translator, key: str, value: Any) -> str:
    if value in (None, [], {}):
        return "-"
    if isinstance(value, dict):
        return ", ".join(f"{t._(k)} {t.number(v)}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(t._(v) if key == "spheres" else str(v) for v in value)
    return t.number(value) if isinstance(value, (int, float)) else str(value)


def _heading(text: str) -> list[str]:
    return ["", text, "-" * len(text)]


def _readme(state: ExportState, previous: str | None) -> str:
    t = state.tr
    _ = t._
    lines = [
        _("netmap engagement map — %(quarter)s", quarter=str(state.quarter)),
        "=" * 40,
        "",
        _("Data date (newest import): %(date)s", date=t.date(state.data_date) or _("unknown")),
        _("Exported at: %(time)s", time=t.date(state.exported_at)),
        _("Home actor: %(home)s", home=state.home or _("not configured")),
        _("Changes compared with: %(quarter)s", quarter=previous or _("no earlier snapshot")),
        "",
        t.render(state.policy.describe()),
    ]
    if state.hidden_actors:
        lines.append(
            t.n_(
                "%(n)s actor(s) flagged sensitive were left out.",
                "%(n)s actor(s) flagged sensitive were left out.",
                state.hidden_actors,
            )
        )
    lines += _heading(_("Contents"))
    lines += [f"  {name:<16} {_(text)}" for name, text in FILES.items()]
    lines += _heading(_("Entry-point filters"))
    lines += [f"  {_(FILTERS[k])}: {_filter_value(t, k, v)}" for k, v in state.options.as_dict().items()]
    lines += _heading(_("Sources (imports this bundle is made from)"))
    if not state.sources:
        lines.append("  " + _("(none recorded)"))
    counted = {
        "actors": N_("%(n)s actors"),
        "initiatives": N_("%(n)s initiatives"),
        "relationships": N_("%(n)s relationships"),
    }
    for s in state.sources:
        counts = ", ".join(_(counted[k], n=t.number(s[k])) for k in counted if s.get(k) is not None)
        lines.append(
            "  "
            + _(
                "%(file)s [%(format)s] imported %(date)s",
                file=str(s.get("file") or s.get("id")),
                format=s.get("format") or "?",
                date=t.date(s.get("lastImportedAt") or s.get("importedAt")) or "?",
            )
            + (f" ({counts})" if counts else "")
        )
        if s.get("url"):
            lines.append(f"      {s['url']}")
        if s.get("sha256"):
            lines.append(f"      sha256 {s['sha256']}")
    if state.notes:
        lines += _heading(_("Notes")) + [f"  {t.render(n)}" for n in state.notes]
    command = f"netmap export --quarter {state.quarter}" + (f" --lang {state.lang}" if state.lang != "en" else "")
    lines += ["", _("Made with netmap: %(command)s", command=command), ""]
    return "\n".join(lines)


def load_snapshot(store: Store | None, ref: str) -> dict[str, Any]:
    """A snapshot by quarter (from the store) or by the path of a ``snapshot.json``."""
    from netmap.store.snapshots import get_snapshot, list_snapshots

    path = Path(ref)
    if ref.endswith(".json") and path.is_file():
        return loads_snapshot(path.read_text(encoding="utf-8"), str(path))
    quarter = parse_quarter(ref, location="quarter")
    if store is None:
        raise NotFound(
            f"{ref} is not a snapshot file", "give the path of a snapshot.json, or a quarter with a database"
        )
    record = get_snapshot(store, str(quarter))
    if record is None:
        known = [s["quarter"] for s in list_snapshots(store)]
        hint = f"run 'netmap export --quarter {quarter}' first" + (
            f" (snapshots: {', '.join(known)})" if known else " (there are no snapshots yet)"
        )
        raise NotFound(f"no snapshot for {quarter}", hint)
    return loads_snapshot(record["json"], f"snapshot {quarter}")


def previous_quarter(store: Store, quarter: Quarter) -> str | None:
    """The newest stored quarter before ``quarter``."""
    from netmap.store.snapshots import list_snapshots

    earlier = []
    for s in list_snapshots(store):
        try:
            q = parse_quarter(s["quarter"])
        except InputError:
            continue
        if q < quarter:
            earlier.append(q)
    return str(max(earlier)) if earlier else None


def export_bundle(
    store: Store,
    settings: Settings,
    quarter_text: str,
    *,
    out: Path | None = None,
    options: EntryOptions | None = None,
    include_sensitive: bool = False,
    force: bool = False,
    layout: str = "spheres",
    lang: str = "en",
    now: dt.datetime | None = None,
    progress: Callable[[str], None] | None = None,
) -> BundleResult:
    """Write the bundle of ``quarter_text`` and record its snapshot; see the module docstring."""
    import time

    from netmap.drawing.layouts import check_layout
    from netmap.export import graphfiles, grid_image, html_map, static_map, workbook
    from netmap.store import history
    from netmap.store import snapshots as reads
    from netmap.store.assessments import latest_assessment_notes
    from netmap.store.snapshots import save_snapshot

    quarter = parse_quarter(quarter_text)
    layout = check_layout(layout)
    lang = check_language(lang)
    out = Path(out) if out is not None else private_dir(default_out(settings), root=settings.home)
    folder, zip_path = _check_out(out, quarter, force)
    options = options or EntryOptions()
    policy = PrivacyPolicy.from_settings_extra(settings.extra, include_sensitive)
    exported_at = (now or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds")
    timings: dict[str, float] = {}
    say = progress or (lambda _msg: None)  # told each of EXPORT_STEPS as it starts

    def step(name: str, func: Callable[[], Any]) -> Any:
        start = time.perf_counter()
        say(name)
        result = func()
        timings[name] = round(time.perf_counter() - start, 3)
        return result

    start, end = quarter.bounds()
    entities, ties, sources, data_date, log, edits, assessment_notes = step(
        "read",
        lambda: (
            reads.entity_properties(store),
            reads.tie_properties(store),
            reads.source_list(store),
            reads.data_date(store),
            reads.engagement_entries(store),
            history.list_changes(store, since=start, until=end, limit=history.MAX_LIMIT),
            latest_assessment_notes(store) if include_sensitive else {},
        ),
    )
    state = step(
        "analyse",
        lambda: compute_state(quarter, entities, ties, sources, data_date, settings, options, policy, exported_at),
    )
    state.lang = lang
    state.keep_engagements(log)
    state.keep_edits(edits)
    state.keep_assessment_notes(assessment_notes)
    step("layout", lambda: state.lay_out(layout))
    snapshot = build_snapshot(state)
    previous = previous_quarter(store, quarter)
    changes = diff_snapshots(load_snapshot(store, previous), snapshot) if previous else None

    staging = Path(tempfile.mkdtemp(prefix=f".{bundle_name(quarter)}-", dir=out))
    try:
        (staging / "README.txt").write_text(_readme(state, previous), encoding="utf-8")
        (staging / "snapshot.json").write_text(dumps_snapshot(snapshot), encoding="utf-8")
        step("workbook", lambda: workbook.write_workbook(staging / "engagement.xlsx", state, changes))
        bundle_graph = step("graph files", lambda: graphfiles.bundle_graph(state))
        step("graphml", lambda: graphfiles.write_graphml(staging / "graph.graphml", state, bundle_graph))
        step("gexf", lambda: graphfiles.write_gexf(staging / "graph.gexf", state, bundle_graph))
        step("map.html", lambda: html_map.write_html(staging / "map.html", state))
        step("map.png", lambda: static_map.write_png(staging / "map.png", state))
        step("map.pdf", lambda: static_map.write_pdf(staging / "map.pdf", state))
        step("world.png", lambda: write_world_png(staging / "world.png", state))
        step("grid.png", lambda: grid_image.write_png(staging / "grid.png", state))
        prefix = bundle_name(quarter)
        step(
            "zip",
            lambda: write_zip(
                staging / "bundle.zip", ((f"{prefix}/{name}", (staging / name).read_bytes()) for name in FILES)
            ),
        )
        if include_sensitive:  # the folder is 0700 already (mkdtemp); its files and the zip become 0600
            make_private(staging)
        if folder.exists():
            shutil.rmtree(folder)
        os.replace(staging / "bundle.zip", zip_path)
        os.replace(staging, folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    record = {
        "createdAt": exported_at,
        "dataDate": state.data_date,
        "includeSensitive": include_sensitive,
        "json": dumps_snapshot(snapshot),
        "bundle": str(folder.resolve()),
        "zipPath": str(zip_path.resolve()),
        "zipSha256": file_sha256(zip_path),
    }
    step("record snapshot", lambda: save_snapshot(store, str(quarter), record))
    return BundleResult(str(quarter), folder, zip_path, snapshot, previous, timings, state.notes)


def list_bundles(store: Store, limit: int = 8) -> list[dict[str, Any]]:
    """The newest recorded bundles (quarter, dates, sensitive or not, whether the zip is still on disk)."""
    from netmap.store.snapshots import list_snapshots

    rows = []
    for s in list_snapshots(store)[: max(1, limit)]:
        path = Path(s["zipPath"]) if s.get("zipPath") else None
        rows.append(
            {
                "quarter": s["quarter"],
                "createdAt": s.get("createdAt"),
                "dataDate": s.get("dataDate"),
                "includeSensitive": bool(s.get("includeSensitive")),
                "available": bool(path and path.is_file()),
                "size": path.stat().st_size if path and path.is_file() else None,
            }
        )
    return rows


def bundle_file(store: Store, quarter_text: str) -> tuple[Path, bool]:
    """The zip of a recorded bundle and whether it holds sensitive data.

    :class:`NotFound` when there is no such bundle, its zip is gone, or the file on disk is not the one
    the export wrote (its SHA-256 differs): only files the export recorded are ever served.
    """
    from netmap.store.snapshots import get_snapshot

    quarter = parse_quarter(quarter_text, location="quarter")
    record = get_snapshot(store, str(quarter))
    if record is None or not record.get("zipPath"):
        raise NotFound(f"no bundle for {quarter}", f"run 'netmap export --quarter {quarter}'")
    path = Path(record["zipPath"])
    if not path.is_file() or file_sha256(path) != record.get("zipSha256"):
        raise NotFound(
            f"the {quarter} bundle is no longer where it was written, or has changed",
            f"run 'netmap export --quarter {quarter} --force' again",
        )
    return path, bool(record.get("includeSensitive"))
