"""Actor pages: who it is, where the information came from, how we can reach it, the engagement log."""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext
from netmap.web.i18n import term
from netmap.web.security import requires, settings, store

bp = Blueprint("actors", __name__)


@bp.route("/actors/<path:actor_id>")
@requires("viewer")
def page(actor_id: str) -> Any:
    from netmap.web.mapview import actor_analysis
    from netmap.web.views import introductions, owners

    from netmap.model import STANCES
    from netmap.store import views
    from netmap.store.assessments import assessment_history

    s = store()
    data = views.actor_page(s, actor_id)  # one round trip for everything the store holds about it
    assessments = assessment_history(s, actor_id)
    age = (dt.date.today() - dt.date.fromisoformat(assessments[0]["date"])).days if assessments else None
    analysis = actor_analysis(s, settings(), actor_id)
    return render_template(
        "actor.html",
        actor=data["actor"],
        relationships=data["relationships"],
        sources=data["sources"],
        log=data["log"],
        assessments=assessments,
        stances=STANCES,
        stale_age=age if age is not None and age > settings().assessment_max_age_days else None,
        analysis=analysis,
        **owners.actor_context(actor_id),
        **introductions.actor_context(actor_id, analysis),
        editable=views.EDITABLE_FIELDS,
        statuses=_statuses(),
        kinds=_kinds(),
        today=dt.date.today().isoformat(),
    )


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
    from netmap.store.views import EDITABLE_FIELDS, update_actor

    changes = {k: request.form[k] for k in EDITABLE_FIELDS if k in request.form}
    update_actor(store(), actor_id, changes, by=g.user.name)
    _changed()
    flash(gettext("Actor updated."))
    return redirect(url_for("actors.page", actor_id=actor_id))


def _statuses() -> tuple[str, ...]:
    from netmap.model import ENGAGEMENT_STATUSES

    return ENGAGEMENT_STATUSES


def _kinds() -> tuple[str, ...]:
    from netmap.model import ACTOR_KINDS

    return ACTOR_KINDS


def _changed() -> None:
    from netmap.web.mapview import invalidate

    invalidate(store())
