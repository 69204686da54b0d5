# ruff: noqa: F811  (pytest fixtures imported from tests.web_fixtures)
"""The engagement log CSV: every entry for any viewer, notes only for an admin who asks."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest

from tests.web_fixtures import HOME, app, csrf_token, login, web_store  # noqa: F401

pytestmark = [pytest.mark.neo4j]


def _log(client: Any, path: str = "/engagements.csv") -> list[list[str]]:
    res = client.get(path)
    assert res.status_code == 200 and res.mimetype == "text/csv"
    return list(csv.reader(io.StringIO(res.get_data(as_text=True))))


def test_the_log_lists_every_entry_without_notes_for_a_viewer(app: Any) -> None:
    editor = login(app.test_client(), "editor")
    token = csrf_token(editor, "/actors/unhcr")
    form = {"date": "2026-11-02", "status": "contacted", "note": '=HYPERLINK("x") call back', "csrf_token": token}
    assert editor.post("/actors/unhcr/engagements", data=form).status_code in (200, 302, 303)
    rows = _log(login(app.test_client(), "viewer"), "/engagements.csv?notes=1")
    assert rows[0] == ["date", "actor", "name", "status", "by", "recorded at"]
    mine = [r for r in rows[1:] if r[1] == "unhcr" and r[0] == "2026-11-02"]
    assert mine and mine[-1][3] == "contacted" and mine[-1][4] == "editor"


def test_an_admin_gets_the_notes_when_asking_and_formulas_stay_text(app: Any) -> None:
    rows = _log(login(app.test_client(), "admin"), "/engagements.csv?notes=1")
    assert rows[0][-1] == "note"
    notes = [r[-1] for r in rows[1:] if r[1] == "unhcr" and r[0] == "2026-11-02"]
    assert notes and notes[-1].startswith("'=HYPERLINK")
    assert _log(login(app.test_client(), "admin"))[0][-1] == "recorded at"  # not without asking


def test_the_log_needs_a_login(app: Any) -> None:
    assert app.test_client().get("/engagements.csv").status_code in (302, 401)
