# ruff: noqa: F811  (pytest fixtures imported from tests.web_fixtures)
"""A 1,500-node view in the real browser: every node drawn, no two labels overlapping, in each layout."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from netmap.config import Settings
from netmap.drawing.layouts import LAYOUTS
from netmap.store import Store, connect
from tests.test_web_map_layouts import _open, assert_disjoint, drawn_labels
from tests.web_fixtures import PASSWORD, ROLES, app, server, wipe  # noqa: F401

pytestmark = [pytest.mark.neo4j, pytest.mark.browser]


@pytest.fixture(scope="module")
def web_store(neo4j_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """A generated network of about 1,500 nodes, one user per role."""
    from netmap.importers.sheet import SheetImporter

    from netmap.auth.accounts import add_user
    from netmap.auth.db import accounts_db
    from netmap.ingest.pipeline import run_import
    from netmap.sample.generate import generate

    store = connect(neo4j_settings)
    wipe(store)
    store.ensure_schema()
    files = generate(Path(tmp_path_factory.mktemp("net")), actors=1500, seed=7, ties_per_actor=2.5)
    run_import(store, SheetImporter([files.actors_csv, files.relationships_csv]))
    for role in ROLES:
        add_user(accounts_db(neo4j_settings), role, role, PASSWORD, replace=True)
    try:
        yield store
    finally:
        store.close()


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_1500_node_view_draws_every_node_with_disjoint_labels(browser: object, server: str, layout: str) -> None:
    context, page = _open(browser, server, f"/?layout={layout}")
    try:
        assert 1400 <= int(page.get_attribute("body", "data-node-count") or 0) <= 1500
        labels = drawn_labels(page)
        assert len(labels) > 30
        assert_disjoint(labels)
    finally:
        context.close()
