"""An actor's history page from the store: the actor, its number of changes and one page of them, newest
first, in one query; a page past the end is the last one."""

from __future__ import annotations

from typing import Any

import pytest

from netmap.errors import NotFound
from netmap.store.edits import update_actor
from netmap.store.history_page import history_page

pytestmark = pytest.mark.neo4j


def test_the_history_page_has_the_actor_the_total_and_one_page_newest_first(sample_store: Any) -> None:
    for n in range(7):
        update_actor(sample_store, "unhcr", {"description": f"version {n}"}, by="ana")
    first = history_page(sample_store, "unhcr", page=1, size=3)
    assert (first["actor"]["id"], first["actor"]["label"], first["total"], first["pages"]) == ("unhcr", "Actor", 7, 3)
    assert [c["after"] for c in first["changes"]] == ["version 6", "version 5", "version 4"]
    assert set(first["changes"][0]) >= {"id", "at", "by", "kind", "field", "before", "after", "rev"}
    last = history_page(sample_store, "unhcr", page=3, size=3)
    assert [c["after"] for c in last["changes"]] == ["version 0"]
    assert history_page(sample_store, "unhcr", page=99, size=3) == last  # past the end: the last page


def test_the_history_page_reads_the_store_once(sample_store: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    update_actor(sample_store, "unhcr", {"description": "once"}, by="ana")
    reads: list[str] = []
    real = sample_store.execute_read
    monkeypatch.setattr(sample_store, "execute_read", lambda q, p=None, **kw: reads.append(q) or real(q, p, **kw))
    history_page(sample_store, "unhcr", page=1, size=50)
    assert len(reads) == 1


def test_an_actor_without_changes_has_one_empty_page_and_an_unknown_id_is_not_found(sample_store: Any) -> None:
    page = history_page(sample_store, "ilo")
    assert (page["changes"], page["total"], page["page"], page["pages"]) == ([], 0, 1, 1)
    with pytest.raises(NotFound, match="no actor with id 'nobody'"):
        history_page(sample_store, "nobody")
