"""Import page (editor): upload a spreadsheet, a 3W, a reference list, a membership list, or an IATI,
GraphML/GEXF or GLEIF file; read the dry-run report (with where every row or record went), then commit.
Every format is read under :data:`UPLOAD_LIMITS`."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_babel import format_number, gettext
from netmap.web.security import requires, settings, store

bp = Blueprint("imports", __name__)


#: What the page imports, chosen in its form: the ``netmap import`` command of the same format. "sheet"
#: (the default) also takes IATI, GraphML/GEXF and GLEIF files, told apart by their names.
FORMATS = ("sheet", "hxl", "orgs", "membership")


def _importer(fmt: str, paths: list[Any]) -> Any:
    """The importer for the uploaded files, with the upload's limits."""
    from dataclasses import replace

    from netmap.importers.tabular import UPLOAD_LIMITS
    from netmap.web.uploads import upload_format

    kind = fmt if fmt != "sheet" else upload_format(paths)
    limits = UPLOAD_LIMITS
    if kind != "sheet":
        limits = replace(limits, hint=f"import larger files on the server with 'netmap import {kind}'")
    if kind == "hxl":
        from netmap.importers.hxl import HxlImporter

        return HxlImporter(paths, limits=limits)
    if kind == "orgs":
        from netmap.importers.orgs import OrgsImporter

        return OrgsImporter(paths, limits=limits)
    if kind == "membership":
        from netmap.importers.membership import MembershipImporter

        return MembershipImporter(paths, limits=limits)
    if kind == "iati":
        from netmap.importers.iati import IatiImporter

        return IatiImporter(paths, limits=limits)
    if kind == "gleif":
        from netmap.importers.gleif import GleifImporter

        return GleifImporter(paths, limits=limits)
    if kind in ("graphml", "gexf"):
        from netmap.importers.graphml import GexfImporter, GraphmlImporter

        return (GraphmlImporter if kind == "graphml" else GexfImporter)(paths, limits=limits)
    from netmap.importers.sheet import SheetImporter

    return SheetImporter(paths, limits=limits)


def _run(paths: list[Any], *, dry_run: bool, fmt: str = "sheet") -> tuple[Any, str | None]:
    from netmap.errors import ImportStopped, InputError, ValidationFailed
    from netmap.ingest.pipeline import run_import

    try:
        return run_import(store(), _importer(fmt, paths), dry_run=dry_run), None
    except ValidationFailed as exc:
        return None, "\n".join(str(p) for p in exc.problems[:50]) + (
            f"\n… and {exc.total - 50} more" if exc.total > 50 else ""
        )
    except InputError as exc:
        return None, str(exc)
    except ImportStopped as exc:  # what it wrote was taken back (or, if that failed, kept): let the caches go
        _refresh()
        return None, str(exc)


def _refresh() -> None:
    """The graph changed: a new data version, and the map's cached views let go."""
    from netmap.web.snapshots import invalidate

    from netmap.store.views import bump_version

    bump_version(store())
    invalidate(store())


@bp.route("/import")
@requires("editor")
def page() -> Any:
    return render_template("import.html", report=None, problems=None, token=None, fmt="sheet")


@bp.route("/import", methods=["POST"])
@requires("editor")
def upload() -> Any:
    from netmap.web.uploads import discard, save_uploads

    fmt = request.form.get("format", "sheet")
    if fmt not in FORMATS:
        fmt = "sheet"
    token, paths = save_uploads(settings().home, request.files.getlist("files"))
    try:
        report, problems = _run(paths, dry_run=True, fmt=fmt)
    except BaseException:  # the database is down, or a bug: the upload is not kept either way
        discard(settings().home, token)
        raise
    if problems:
        discard(settings().home, token)
        return render_template("import.html", report=None, problems=problems, token=None, fmt=fmt), 400
    session["import_token"] = token
    session["import_format"] = fmt
    return render_template("import.html", report=report.as_dict(), problems=None, token=token, fmt=fmt)


@bp.route("/import/commit", methods=["POST"])
@requires("editor")
def commit() -> Any:
    from netmap.web.uploads import discard, upload_paths

    from netmap.errors import NotFound

    token = request.form.get("token", "")
    if token != session.get("import_token"):
        raise NotFound("this upload is not yours or has expired", "upload the file again")
    paths = upload_paths(settings().home, token)
    fmt = session.get("import_format", "sheet")
    try:
        report, problems = _run(paths, dry_run=False, fmt=fmt if fmt in FORMATS else "sheet")
    finally:
        discard(settings().home, token)
    session.pop("import_token", None)
    session.pop("import_format", None)
    if problems:
        return render_template("import.html", report=None, problems=problems, token=None, fmt=fmt), 400
    _refresh()
    flash(
        gettext(
            "Imported %(actors)s actors, %(initiatives)s programmes and forums and %(relationships)s relationships.",
            actors=format_number(report.actors),
            initiatives=format_number(report.initiatives),
            relationships=format_number(report.relationships),
        )
    )
    return redirect(url_for("imports.page"))
