"""The web app's bundle downloads: listed and served by role; sensitive bundles to admins only."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest

from netmap.config import Settings
from tests.web_fixtures import HOME, login, make_app, web_store  # noqa: F401

pytestmark = pytest.mark.neo4j


@pytest.fixture(scope="module")
def bundles(web_store: Any, neo4j_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Path:  # noqa: F811
    from netmap.export.bundle import export_bundle

    out = tmp_path_factory.mktemp("bundles")
    settings = neo4j_settings.with_overrides(home_actor=HOME)
    export_bundle(web_store, settings, "2026-Q3", out=out)
    export_bundle(web_store, settings, "2026-Q4", out=out, include_sensitive=True)
    return out


@pytest.fixture(scope="module")
def bundle_app(web_store: Any, neo4j_settings: Settings, bundles: Path) -> Any:  # noqa: F811
    from netmap.web.views import bundles as view

    app = make_app(neo4j_settings, web_store)
    if "bundles" not in app.blueprints:  # until the lead registers it in web/app.py
        app.register_blueprint(view.bp)
    return app


def test_viewer_sees_and_downloads_standard_bundles_only(bundle_app: Any) -> None:
    client = login(bundle_app.test_client(), "viewer")
    page = client.get("/bundles")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "netmap-2026-Q3.zip" in text and "netmap-2026-Q4.zip" not in text and "sensitive data (admins" not in text
    zipped = client.get("/bundles/2026-Q3.zip")
    assert zipped.status_code == 200 and zipped.mimetype == "application/zip"
    assert "attachment" in zipped.headers["Content-Disposition"]
    names = zipfile.ZipFile(io.BytesIO(zipped.data)).namelist()
    assert "netmap-2026-Q3/map.html" in names and "netmap-2026-Q3/engagement.xlsx" in names
    assert client.get("/bundles/2026-Q4.zip").status_code == 403


def test_admin_gets_the_sensitive_bundle(bundle_app: Any) -> None:
    client = login(bundle_app.test_client(), "admin")
    text = client.get("/bundles").get_data(as_text=True)
    assert "netmap-2026-Q4.zip" in text and "includes sensitive data" in text
    assert client.get("/bundles/2026-Q4.zip").status_code == 200


def test_anonymous_bad_and_missing(bundle_app: Any, bundles: Path) -> None:
    anon = bundle_app.test_client()
    assert anon.get("/bundles/2026-Q3.zip").status_code in (302, 401)
    client = login(bundle_app.test_client(), "viewer")
    assert client.get("/bundles/2026-Q5.zip").status_code == 400
    assert client.get("/bundles/2025-Q1.zip").status_code == 404


def test_a_changed_zip_is_not_served(bundle_app: Any, bundles: Path) -> None:
    zip_path = bundles / "netmap-2026-Q3.zip"
    original = zip_path.read_bytes()
    try:
        zip_path.write_bytes(original + b"tampered")
        client = login(bundle_app.test_client(), "viewer")
        assert client.get("/bundles/2026-Q3.zip").status_code == 404
    finally:
        zip_path.write_bytes(original)
