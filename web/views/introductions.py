"""Introduction requests along the warm route: ask X to introduce us to Y, then follow the request."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, g, redirect, request, url_for
from flask_babel import gettext
from netmap.web.i18n import term
from netmap.web.security import requires, settings, store

bp = Blueprint("introductions", __name__)


@bp.route("/actors/<path:actor_id>/introductions", methods=["POST"])
@requires("editor")
def ask(actor_id: str) -> Any:
    """Refused (400, saying so) unless the introducer is on a route from us to this actor."""
    from netmap.web.snapshots import snapshot

    from netmap.store.introductions import request_introduction

    route = snapshot(store(), settings()).introduction(request.form.get("via", ""), actor_id)
    row = request_introduction(
        store(),
        route["via"],
        route["target"],
        route=route["text"],
        route_ids=route["nodes"],
        note=request.form.get("note", ""),
        by=g.user.name,
    )
    flash(gettext("Introduction requested: %(via)s to introduce us.", via=row["via_name"] or row["via"]))
    return redirect(url_for("actors.page", actor_id=actor_id) + "#introductions")


@bp.route("/introductions/<request_id>", methods=["POST"])
@requires("editor")
def move(request_id: str) -> Any:
    from netmap.web.snapshots import invalidate

    from netmap.store.introductions import set_introduction_status

    row = set_introduction_status(
        store(),
        request_id,
        request.form.get("status", ""),
        by=g.user.name,
        home_actor=settings().home_actor,
        note=request.form.get("note", ""),
    )
    if row["engagement"]:
        invalidate(store())
        flash(
            gettext(
                "Introduction done; %(actor)s is now %(status)s.",
                actor=row["target_name"] or row["target"],
                status=term(row["engagement"]),
            )
        )
    else:
        flash(gettext("Introduction request %(status)s.", status=term(row["status"])))
    back = request.form.get("actor") or row["target"]
    return redirect(url_for("actors.page", actor_id=back) + "#introductions")


def actor_context(actor_id: str, analysis: dict[str, Any], requests: list[dict[str, Any]]) -> dict[str, Any]:
    """The requests through or to this actor (``requests``, read with the rest of the page), and who on the
    warm routes shown could introduce us."""
    from netmap.web.snapshots import snapshot

    snap = snapshot(store(), settings())
    candidates: dict[str, str] = {}
    for path in analysis.get("paths") or []:  # the last actor before the target first: who knows it best
        for node, name in reversed(list(zip(path["nodes"][1:-1], path["names"][1:-1], strict=True))):
            if snap.actor_name(node) is not None:
                candidates.setdefault(node, name)
    chosen = request.args.get("via", "")
    chosen_name = snap.actor_name(chosen) if chosen != actor_id else None
    if chosen_name is not None:
        candidates.setdefault(chosen, chosen_name)  # from the path finder
    return {"introductions": requests, "introducers": candidates, "chosen_via": chosen}
