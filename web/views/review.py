"""The review page: possible duplicates side by side, decided by an editor (accept, reject, not sure,
undo, reject a whole page). Thin over :mod:`netmap.store.review`; a decision that cannot be made (an item
a later import already resolved, one decided by someone else meanwhile) comes back as a message."""

from __future__ import annotations

import math
import re
from typing import Any

from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext, lazy_gettext
from netmap.web.security import requires, store

from netmap.errors import InputError, NotFound

_l = lazy_gettext

bp = Blueprint("review", __name__)

#: How each status reads on the page.
STATUSES = {
    "open": _l("to review"),
    "unsure": _l("not sure"),
    "accepted": _l("merged"),
    "rejected": _l("kept apart"),
}
#: Which items each tab shows.
VIEWS = {"open": ("open",), "unsure": ("unsure",), "decided": ("accepted", "rejected")}


_HOW = {"name": _l("the name"), "acronym": _l("the acronym"), "alias": _l("another name")}
_CONFLICT = re.compile(r"different (countries|\w+ ids) \((.*) vs (.*)\)$")


def _conflict(text: str) -> str:
    found = _CONFLICT.match(text)
    if found is None:
        return text
    what, mine, theirs = found.groups()
    if what == "countries":
        return gettext("different countries (%(one)s, %(other)s)", one=mine, other=theirs)
    return gettext("different %(key)s ids (%(one)s, %(other)s)", key=what.split()[0].upper(), one=mine, other=theirs)


def reason_text(reason: str) -> str:
    """The resolver's reason (recorded in English) in the language in force; an unknown one as it is."""
    if reason.startswith("similar name"):
        return gettext("similar name")  # the names are side by side; the key it compared is no help
    if found := re.match(r"(name|acronym|alias) matches (\d+) actors$", reason):
        return gettext("%(how)s matches %(n)s known actors", how=_HOW[found.group(1)], n=found.group(2))
    if found := re.match(r"(name|acronym|alias) matches but (.*)$", reason):
        return gettext(
            "%(how)s matches, but %(conflict)s", how=_HOW[found.group(1)], conflict=_conflict(found.group(2))
        )
    if found := re.match(r"same id but (.*)$", reason):
        return gettext("same id, but %(conflict)s", conflict=_conflict(found.group(1)))
    return reason


def _page() -> int:
    try:
        return max(1, int(request.args.get("page", "1")))
    except ValueError:
        return 1


@bp.route("/review")
@requires("editor")
def page() -> Any:
    from netmap.store.review import PAGE_SIZE, count_review_items, list_review_items, sides

    view = request.args.get("show", "open")
    if view not in VIEWS:
        view = "open"
    s = store()
    total = count_review_items(s, VIEWS[view])
    pages = max(1, math.ceil(total / PAGE_SIZE))
    number = min(_page(), pages)
    items = list_review_items(s, VIEWS[view], limit=PAGE_SIZE, offset=(number - 1) * PAGE_SIZE)
    counts = {name: count_review_items(s, statuses) for name, statuses in VIEWS.items()}
    return render_template(
        "review.html",
        items=items,
        statuses=STATUSES,
        reason_text=reason_text,
        actors=sides(s, items),
        view=view,
        counts=counts,
        total=total,
        page=number,
        pages=pages,
        first=(number - 1) * PAGE_SIZE + 1,
    )


def _back() -> Any:
    view = request.form.get("show", "open")
    number = request.form.get("page", "1")
    return redirect(url_for("review.page", show=view if view in VIEWS else "open", page=number))


@bp.route("/review/<item_id>/decide", methods=["POST"])
@requires("editor")
def decide(item_id: str) -> Any:
    from netmap.store import review

    decision = request.form.get("decision", "")
    actions = {"accept": review.accept, "reject": review.reject, "unsure": review.set_aside, "undo": review.undo}
    if decision not in actions:
        flash(gettext("Choose accept, reject, not sure or undo."))
        return _back()
    try:
        result = actions[decision](store(), item_id, by=g.user.name)
    except (InputError, NotFound) as exc:
        flash(gettext("Nothing changed: %(reason)s", reason=str(exc)))
        return _back()
    messages = {
        "accept": gettext("Merged %(merged)s into %(into)s.", merged=result.get("merged"), into=result.get("into")),
        "reject": gettext("Kept apart: later imports will not propose this pair again."),
        "unsure": gettext("Set aside as not sure: it stays on the list under “Not sure”."),
        "undo": gettext("Decision undone: the pair is open again."),
    }
    flash(messages[decision])
    return _back()


@bp.route("/review/reject-page", methods=["POST"])
@requires("editor")
def reject_page() -> Any:
    from netmap.store.review import reject

    done, skipped = 0, 0
    for item_id in request.form.getlist("item"):
        try:
            reject(store(), item_id, by=g.user.name)
            done += 1
        except (InputError, NotFound):
            skipped += 1
    if skipped:
        flash(
            gettext(
                "%(done)s pairs kept apart; %(skipped)s were already decided or resolved.", done=done, skipped=skipped
            )
        )
    else:
        flash(gettext("%(done)s pairs kept apart.", done=done))
    return _back()
