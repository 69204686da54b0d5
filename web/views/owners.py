"""Relationship owners and next steps: the actor page's form, "My actors" and the overdue list."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext
from netmap.web.security import accounts, requires, store

bp = Blueprint("owners", __name__)


@bp.route("/actors/<path:actor_id>/owner", methods=["POST"])
@requires("editor")
def set_owner(actor_id: str) -> Any:
    from netmap.store.owners import set_owner as record

    row = record(store(), accounts(), actor_id, request.form.get("owner", ""), by=g.user.name)
    flash(
        gettext("%(user)s now holds the relationship.", user=row["owner"]) if row["owner"] else gettext("No owner now.")
    )
    return redirect(url_for("actors.page", actor_id=actor_id) + "#owner")


@bp.route("/actors/<path:actor_id>/next-step", methods=["POST"])
@requires("editor")
def set_next_step(actor_id: str) -> Any:
    from netmap.store.owners import clear_next_step, set_next_step

    if request.form.get("done"):
        clear_next_step(store(), actor_id, by=g.user.name)
        flash(gettext("Next step marked done."))
    else:
        row = set_next_step(store(), actor_id, request.form.get("step"), request.form.get("due"), by=g.user.name)
        flash(gettext("Next step recorded; it is overdue.") if row["overdue"] else gettext("Next step recorded."))
    return redirect(url_for("actors.page", actor_id=actor_id) + "#owner")


@bp.route("/my-actors")
@requires("viewer")
def mine() -> Any:
    from netmap.store.introductions import introductions
    from netmap.store.owners import my_actors, overdue_steps

    s = store()
    return render_template(
        "my_actors.html",
        mine=my_actors(s, g.user.name),
        overdue=overdue_steps(s),
        requests=[r for r in introductions(s, open_only=True) if r["requested_by"] == g.user.name],
    )


def actor_context(stewardship: dict[str, Any] | None) -> dict[str, Any]:
    """What the actor page shows about the owner and next step (``stewardship``, read with the rest of the
    page) and the accounts an editor picks from."""
    from netmap.auth.accounts import list_users

    user = g.get("user")
    return {
        "stewardship": stewardship,
        "accounts": [u["name"] for u in list_users(accounts())] if user is not None and user.can("editor") else [],
    }
