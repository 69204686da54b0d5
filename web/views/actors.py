"""Actor pages: who it is, where the information came from, how we can reach it, the engagement log."""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext
from markupsafe import Markup
from netmap.web.caches import app_caches
from netmap.web.changes import field_name as field
from netmap.web.changes import shown, stamp
from netmap.web.i18n import term
from netmap.web.security import requires, settings, store

bp = Blueprint("actors", __name__)


#: Changes the actor page lists; the history page shows this many per page.
RECENT_CHANGES, HISTORY_PAGE = 10, 50
#: Actors whose store read is kept (per data version; :func:`_page`).
READS = 1000


@bp.route("/actors/<path:actor_id>")
@requires("viewer")
def page(actor_id: str) -> Any:
    return _page(actor_id)


def _page(actor_id: str, *, draft: dict[str, str] | None = None, conflict: list[str] | None = None) -> Any:
    """The actor page; after a refused save, ``draft`` (the values the editor sent) fills the edit form
    and ``conflict`` says what was in the way.

    What the store holds about the actor is read once per data version (:func:`netmap.web.caches.data_key`)
    and the page's content rendered once per data version, analysis, language and role: a request then
    renders only the header around it, with its own CSRF token."""
    from netmap.web.actor_paths import actor_analysis
    from netmap.web.caches import shared_fragment
    from netmap.web.i18n import current_language
    from netmap.web.snapshots import snapshot
    from netmap.web.views import data_key, introductions, owners

    from netmap.store.actor_page import actor_page

    s = store()
    version = data_key(s)
    snap = snapshot(s, settings())  # before the analysis: the content is never older than its key
    # One query for everything the store holds about it (the page made six round trips before).
    data = (
        app_caches()
        .memo("actor-reads", READS)
        .get(("actor", *version, actor_id), lambda: actor_page(s, actor_id, changes=RECENT_CHANGES))
    )
    analysis = actor_analysis(s, settings(), actor_id)
    today = dt.date.today().isoformat()
    context = {
        **_context(data, today),
        "analysis": analysis,
        **owners.actor_context(data["stewardship"]),
        **introductions.actor_context(actor_id, analysis, data["introductions"]),
        "draft": draft,
        "conflict": conflict,
    }
    if draft is None and conflict is None and "at" not in request.args:
        key = (
            "actor-main",
            *version,
            snap.version,
            snap.home,
            actor_id,
            current_language(),
            g.user.role,
            today,
            context["chosen_via"],
            tuple(context["accounts"]),
        )
        main = shared_fragment(key, "_actor_main.html", lambda: context)
    else:  # a refused save's form, or the flashed message of a revert: this request's own
        main = Markup(render_template("_actor_main.html", **context))  # noqa: S704 (autoescaped template)
    html = render_template("actor.html", actor=data["actor"], main=main)
    return (html, 409) if conflict else html


def _context(data: dict[str, Any], today: str) -> dict[str, Any]:
    from netmap.model import STANCES
    from netmap.store import views

    assessments = data["assessments"]
    age = (dt.date.fromisoformat(today) - dt.date.fromisoformat(assessments[0]["date"])).days if assessments else None
    return {
        "actor": data["actor"],
        "relationships": data["relationships"],
        "sources": data["sources"],
        "log": data["log"],
        "assessments": assessments,
        "stances": STANCES,
        "stale_age": age if age is not None and age > settings().assessment_max_age_days else None,
        "editable": views.EDITABLE_FIELDS,
        "statuses": _statuses(),
        "kinds": _kinds(),
        "today": today,
        "changes": data["changes"],
        "change_count": data["change_count"],
    }


@bp.route("/actors/<path:actor_id>/history")
@requires("viewer")
def history(actor_id: str) -> Any:
    """Every change of the actor, newest first, :data:`HISTORY_PAGE` a page (``?page=N``), in one read."""
    from netmap.store.history_page import history_page

    try:
        number = max(1, int(request.args.get("page", "1")))
    except ValueError:
        number = 1
    return render_template("history.html", **history_page(store(), actor_id, page=number, size=HISTORY_PAGE))


@bp.route("/actors/<path:actor_id>/history/<change_id>/revert", methods=["POST"])
@requires("editor")
def revert(actor_id: str, change_id: str) -> Any:
    from netmap.errors import EditConflict
    from netmap.store.edits import revert_change

    back = request.form.get("back") == "history"
    target = url_for("actors.history", actor_id=actor_id) if back else url_for("actors.page", actor_id=actor_id)
    try:
        done = revert_change(store(), change_id, by=g.user.name)
    except EditConflict as exc:
        flash(_revert_refused(exc), "error")
        return redirect(target + ("" if back else "?at=history#history"))
    _changed()
    flash(
        gettext(
            "%(field)s set back to “%(value)s”.", field=field(done["field"]), value=shown(done["value"], done["field"])
        )
    )
    return redirect(target + ("" if back else "?at=history#history"))


@bp.route("/actors/<path:actor_id>/engagements", methods=["POST"])
@requires("editor")
def add_engagement(actor_id: str) -> Any:
    from netmap.store.views import add_engagement as record

    result = record(
        store(),
        actor_id,
        date=request.form.get("date", ""),
        status=request.form.get("status", ""),
        note=request.form.get("note", ""),
        by=g.user.name,
        home_actor=settings().home_actor,
    )
    _changed()
    flash(gettext("Engagement recorded; the status is now %(status)s.", status=term(result["status"])))
    return redirect(url_for("actors.page", actor_id=actor_id) + "#engagements")


@bp.route("/actors/<path:actor_id>/assessments", methods=["POST"])
@requires("editor")
def assess(actor_id: str) -> Any:
    from netmap.store.assessments import add_assessment

    add_assessment(
        store(),
        actor_id,
        influence=request.form.get("influence"),
        interest=request.form.get("interest"),
        stance=request.form.get("stance"),
        note=request.form.get("note", ""),
        by=g.user.name,
        date=request.form.get("date") or None,
    )
    _changed()
    flash(gettext("Assessment recorded."))
    return redirect(url_for("actors.page", actor_id=actor_id) + "#assessment")


@bp.route("/actors/<path:actor_id>/edit", methods=["POST"])
@requires("editor")
def edit(actor_id: str) -> Any:
    from netmap.errors import EditConflict
    from netmap.store.edits import update_actor
    from netmap.store.views import EDITABLE_FIELDS

    changes = {k: request.form[k] for k in EDITABLE_FIELDS if k in request.form}
    try:
        seen = int(request.form["rev"]) if request.form.get("rev", "").isdigit() else None
        result = update_actor(store(), actor_id, changes, by=g.user.name, seen_rev=seen)
    except EditConflict as exc:
        return _page(actor_id, draft=changes, conflict=[_changed_by(c) for c in exc.changes])
    _changed()
    if result["changed"]:
        flash(gettext("Actor updated: %(fields)s.", fields=", ".join(field(f) for f in result["changed"])))
    else:
        flash(gettext("Nothing to save: the values are the same as before."))
    if result["kept"]:
        flash(
            gettext(
                "Kept as someone else changed them since you opened the form: %(fields)s.",
                fields=", ".join(field(f) for f in result["kept"]),
            )
        )
    return redirect(url_for("actors.page", actor_id=actor_id))


def _changed_by(change: dict[str, Any]) -> str:
    return gettext(
        "%(field)s was changed by %(who)s on %(when)s (to “%(value)s”) after you opened this form.",
        field=field(change["field"]),
        who=change["by"],
        when=stamp(change["at"]),
        value=shown(change["after"], change["field"]),
    )


def _revert_refused(exc: Any) -> str:
    if not exc.changes:
        return gettext("Cannot revert: the field was changed since by an import. Edit the field instead.")
    later = exc.changes[0]
    return gettext(
        "Cannot revert: %(field)s was changed again by %(who)s on %(when)s (to “%(value)s”). "
        "Revert that later change first.",
        field=field(later["field"]),
        who=later["by"],
        when=stamp(later["at"]),
        value=shown(later["after"], later["field"]),
    )


def _statuses() -> tuple[str, ...]:
    from netmap.model import ENGAGEMENT_STATUSES

    return ENGAGEMENT_STATUSES


def _kinds() -> tuple[str, ...]:
    from netmap.model import ACTOR_KINDS

    return ACTOR_KINDS


def _changed() -> None:
    from netmap.web.snapshots import invalidate

    invalidate(store())
