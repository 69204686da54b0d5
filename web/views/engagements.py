"""The engagement log as CSV: every entry, oldest first; notes only for an admin who asks for them."""

from __future__ import annotations

import csv
import io
from typing import Any

from flask import Blueprint, Response, request
from netmap.web.security import current_user, requires, store

from netmap.auth import allows

bp = Blueprint("engagements", __name__)

COLUMNS = ("date", "actor", "name", "status", "by", "at")


@bp.route("/engagements.csv")
@requires("viewer")
def download() -> Any:
    """``?notes=1`` adds the notes, for admins (as ``netmap export --include-sensitive``); others never
    get them."""
    from netmap.export.cells import csv_safe
    from netmap.store.snapshots import engagement_entries

    user = current_user()
    with_notes = request.args.get("notes") == "1" and user is not None and allows(user.role, "admin")
    columns = (*COLUMNS, "note") if with_notes else COLUMNS
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["recorded at" if c == "at" else c for c in columns])
    for entry in engagement_entries(store()):
        writer.writerow([csv_safe("" if entry.get(c) is None else str(entry.get(c))) for c in columns])
    return Response(
        buf.getvalue(),
        mimetype="text/csv",
        headers={"Content-Disposition": "attachment; filename=engagement-log.csv"},
    )
