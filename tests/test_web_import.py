# ruff: noqa: F811  (pytest fixtures imported from tests.web_fixtures)
"""The import page: upload, dry-run report, commit; too large, wrong type, bad content, stale token."""

from __future__ import annotations

import io
from typing import Any

import pytest

from tests.web_fixtures import app, csrf_token, login, web_store  # noqa: F401

pytestmark = pytest.mark.neo4j

ACTORS = (
    "id,name,kind,country,sectors,sphere,influence,engagement\n"
    "web-import-co,Web Import Co,Company,DEU,logistics,economic,3,none\n"
    "web-import-ngo,Web Import NGO,NGO,DEU,integration,humanitarian,2,none\n"
)
RELS = "from,to,type\nweb-import-co,web-import-ngo,PARTNERS_WITH\n"


def _upload(client: Any, token: str, files: list[tuple[bytes, str]]) -> Any:
    data: dict[str, Any] = {"csrf_token": token, "files": [(io.BytesIO(b), name) for b, name in files]}
    return client.post("/import", data=data, content_type="multipart/form-data")


def test_dry_run_then_commit(app: Any, web_store: Any) -> None:
    client = login(app.test_client(), "editor")
    token = csrf_token(client, "/import")
    response = _upload(client, token, [(ACTORS.encode(), "actors.csv"), (RELS.encode(), "relationships.csv")])
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "Dry run" in page, page[:2000]
    assert not web_store.execute_read("MATCH (a {id: 'web-import-co'}) RETURN a")
    import re

    upload_token = re.search(r'name="token" value="([0-9a-f]+)"', page).group(1)
    done = client.post("/import/commit", data={"token": upload_token, "csrf_token": token})
    assert done.status_code == 302
    assert web_store.execute_read("MATCH (a {id: 'web-import-co'})--(b {id: 'web-import-ngo'}) RETURN a")
    again = client.post("/import/commit", data={"token": upload_token, "csrf_token": token})
    assert again.status_code == 404


@pytest.mark.usefixtures("permissive_umask")
def test_uploads_are_private_to_the_owner(app: Any) -> None:
    """Under umask 000 the upload folders are 0700 and the saved files 0600, from the dry run on."""
    import re

    from conftest import private_modes

    home = app.extensions["netmap_settings"].home
    client = login(app.test_client(), "editor")
    token = csrf_token(client, "/import")
    response = _upload(client, token, [(ACTORS.encode(), "actors.csv")])
    assert response.status_code == 200, response.get_data(as_text=True)[:2000]
    upload_token = re.search(r'name="token" value="([0-9a-f]+)"', response.get_data(as_text=True)).group(1)
    assert (home / "uploads" / upload_token / "0" / "actors.csv").is_file()
    assert private_modes(home / "uploads") == []
    assert oct(home.stat().st_mode & 0o777) == "0o700"


def test_wrong_type_bad_content_and_invalid_rows(app: Any) -> None:
    client = login(app.test_client(), "editor")
    token = csrf_token(client, "/import")
    exe = _upload(client, token, [(b"MZ\x90\x00", "tool.exe")])
    assert exe.status_code == 400 and "cannot be imported" in exe.get_data(as_text=True)
    fake = _upload(client, token, [(b"id,name\n", "book.xlsx")])
    assert fake.status_code == 400 and "not an Excel workbook" in fake.get_data(as_text=True)
    empty = _upload(client, token, [])
    assert empty.status_code == 400
    invalid = _upload(client, token, [(b"id,name,kind\nx1,,Gov.\n", "actors.csv")])
    assert invalid.status_code == 400 and "cannot be imported" in invalid.get_data(as_text=True)
    forged = client.post("/import/commit", data={"token": "0" * 32, "csrf_token": token})
    assert forged.status_code == 404


def test_upload_too_large(app: Any) -> None:
    client = login(app.test_client(), "editor")
    token = csrf_token(client, "/import")
    big = b"id,name\n" + b"x" * (11 * 1024 * 1024)
    response = _upload(client, token, [(big, "actors.csv")])
    assert response.status_code == 413 and "Upload too large" in response.get_data(as_text=True)


def test_viewers_cannot_import(app: Any) -> None:
    client = login(app.test_client(), "viewer")
    token = csrf_token(client, "/")
    assert client.get("/import").status_code == 403
    assert _upload(client, token, [(ACTORS.encode(), "actors.csv")]).status_code == 403


def _upload_folders(app: Any) -> set[str]:
    root = app.extensions["netmap_settings"].home / "uploads"
    return {p.name for p in root.iterdir()} if root.is_dir() else set()


def test_uploads_over_the_limits_are_refused_and_not_kept(app: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from netmap.importers import tabular
    from sheet_files import write_xlsx

    monkeypatch.setattr(tabular, "UPLOAD_LIMITS", tabular.Limits(rows=2, unpacked_bytes=4000))
    client = login(app.test_client(), "editor")
    token = csrf_token(client, "/import")
    before = _upload_folders(app)
    rows = "id,name,kind\n" + "".join(f"r{i},Row {i},NGO\n" for i in range(3))
    refused = _upload(client, token, [(rows.encode(), "actors.csv")])
    page = refused.get_data(as_text=True)
    assert refused.status_code == 400
    assert "actors.csv: has more than 2 rows, the most allowed here" in page
    assert "import larger files on the server with &#39;netmap import&#39;" in page
    book = write_xlsx(app.extensions["netmap_settings"].home / "book.xlsx", {"Actors": [["id", "name", "kind"]] * 3})
    bomb = _upload(client, token, [(book.read_bytes(), "book.xlsx")])
    assert bomb.status_code == 400 and "MB allowed here" in bomb.get_data(as_text=True)
    header_only = _upload(client, token, [(b"id,name,kind\n", "actors.csv")])
    assert header_only.status_code == 400 and "holds nothing to import" in header_only.get_data(as_text=True)
    assert _upload_folders(app) == before, "a refused upload is removed at once"


def test_uncommitted_uploads_are_swept_after_a_session_length(tmp_path: Any) -> None:
    import os
    import time

    from netmap.web.uploads import MAX_AGE, sweep

    old, fresh, other = (tmp_path / "uploads" / name for name in ("a" * 32, "b" * 32, "not-an-upload"))
    for folder in (old, fresh, other):
        folder.mkdir(parents=True)
    stale = time.time() - MAX_AGE - 60
    os.utime(old, (stale, stale))
    os.utime(other, (stale, stale))
    assert sweep(tmp_path) == 1
    assert sorted(p.name for p in (tmp_path / "uploads").iterdir()) == ["b" * 32, "not-an-upload"]


def test_a_commit_the_database_refuses_says_what_happened_and_keeps_no_upload(
    app: Any, web_store: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import re

    from netmap.store import writes

    client = login(app.test_client(), "editor")
    token = csrf_token(client, "/import")
    actors = ACTORS.replace("web-import-", "web-refused-")
    page = _upload(client, token, [(actors.encode(), "actors.csv")]).get_data(as_text=True)
    upload_token = re.search(r'name="token" value="([0-9a-f]+)"', page).group(1)

    def refused(self: Any, store: Any) -> Any:
        store.execute_write("RETURN 1 / 0 AS refused")  # a real refusal by the database

    monkeypatch.setattr(writes.PreparedBatch, "write", refused)
    stopped = client.post("/import/commit", data={"token": upload_token, "csrf_token": token})
    text = stopped.get_data(as_text=True)
    assert stopped.status_code == 400 and "stopped while writing" in text and "run the same import again" in text
    assert "Traceback" not in text
    failed = web_store.execute_read("MATCH (s:Source) WHERE s.status = 'failed' RETURN s.failure AS failure")
    assert failed and "refused" in failed[0]["failure"]
    again = client.post("/import/commit", data={"token": upload_token, "csrf_token": token})
    assert again.status_code == 404  # the upload was not kept


def _upload_as(client: Any, token: str, fmt: str, files: list[tuple[bytes, str]]) -> Any:
    data: dict[str, Any] = {
        "csrf_token": token,
        "format": fmt,
        "files": [(io.BytesIO(b), name) for b, name in files],
    }
    return client.post("/import", data=data, content_type="multipart/form-data")


def test_a_3w_uploaded_as_hxl_shows_its_row_accounting_and_commits_as_hxl(app: Any, web_store: Any) -> None:
    import re

    client = login(app.test_client(), "editor")
    token = csrf_token(client, "/import")
    sheet = "#org+name,#org+acronym,#sector\nWeb Import Council,WIC,Shelter\n,WIC,WASH\n,,\n,,Health\n"
    response = _upload_as(client, token, "hxl", [(sheet.encode(), "3w.csv")])
    page = response.get_data(as_text=True)
    assert response.status_code == 200, page[:2000]
    assert "Rows: 4 read, 1 used, 1 merged, 2 skipped." in page
    assert "Rows skipped (1): no organisation named, lines 5" in page
    upload_token = re.search(r'name="token" value="([0-9a-f]+)"', page).group(1)
    done = client.post("/import/commit", data={"token": upload_token, "csrf_token": token})
    assert done.status_code == 302
    found = web_store.execute_read("MATCH (a:Actor {id: 'web-import-council'}) RETURN a.sectors AS s")
    assert sorted(found[0]["s"]) == ["Shelter", "WASH"]


def test_a_3w_over_the_upload_limit_is_refused_naming_the_command_to_use(
    app: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from netmap.importers import tabular

    monkeypatch.setattr(tabular, "UPLOAD_LIMITS", tabular.Limits(rows=2, unpacked_bytes=4000))
    client = login(app.test_client(), "editor")
    token = csrf_token(client, "/import")
    sheet = "#org\n" + "".join(f"Org {n}\n" for n in range(3))
    refused = _upload_as(client, token, "hxl", [(sheet.encode(), "3w.csv")])
    page = refused.get_data(as_text=True)
    assert refused.status_code == 400
    assert "3w.csv: has more than 2 rows, the most allowed here" in page
    assert "import larger files on the server with &#39;netmap import hxl&#39;" in page


IATI_TWICE = (
    '<?xml version="1.0"?>\n<iati-activities version="2.03">\n'
    + (
        '<iati-activity default-currency="USD"><iati-identifier>XM-DAC-47066-WEB-1</iati-identifier>'
        '<reporting-org ref="XM-DAC-47066" type="40"><narrative>Web Upload Org</narrative></reporting-org>'
        "<title><narrative>Web upload programme</narrative></title></iati-activity>\n"
    )
    * 2
    + "</iati-activities>\n"
)


def test_iati_upload_dry_run_shows_where_every_record_went(app: Any) -> None:
    client = login(app.test_client(), "editor")
    token = csrf_token(client, "/import")
    response = _upload(client, token, [(IATI_TWICE.encode(), "activities.xml")])
    page = response.get_data(as_text=True)
    assert response.status_code == 200, page[:2000]
    assert "Every row and record accounted for" in page and "Dry run: activities.xml" in page
    assert "Read 2: 1 used, 0 merged with one read before, 1 skipped." in page
    assert "<td>1</td><td>activity already read (same iati-identifier)</td><td>4</td>" in page


def test_graphml_gz_upload_is_read_and_a_comment_bomb_is_refused_by_its_unpacked_size(app: Any) -> None:
    import gzip

    client = login(app.test_client(), "editor")
    token = csrf_token(client, "/import")
    graph = (
        b'<graphml><graph><node id="web-a"/><node id="web-b"/><edge source="web-a" target="web-b"/></graph></graphml>'
    )
    ok = _upload(client, token, [(gzip.compress(graph), "network.graphml.gz")])
    assert ok.status_code == 200 and "Read 3: 3 used, 0 merged with one read before, 0 skipped." in ok.get_data(
        as_text=True
    )
    before = _upload_folders(app)
    bomb = gzip.compress(b"<graphml><graph><!--" + b"x" * (200 * 1024 * 1024) + b"--></graph></graphml>", 9)
    assert len(bomb) < 300_000
    refused = _upload(client, token, [(bomb, "network.graphml.gz")])
    page = refused.get_data(as_text=True)
    assert refused.status_code == 400
    assert "network.graphml.gz: unpacks to more than 64 MB, the most allowed here" in page
    assert _upload_folders(app) == before


def test_files_of_two_formats_or_a_fake_gzip_are_refused(app: Any) -> None:
    client = login(app.test_client(), "editor")
    token = csrf_token(client, "/import")
    mixed = _upload(client, token, [(ACTORS.encode(), "actors.csv"), (IATI_TWICE.encode(), "activities.xml")])
    assert mixed.status_code == 400 and "upload the files of one format at a time" in mixed.get_data(as_text=True)
    fake = _upload(client, token, [(b"<gexf/>", "graph.gexf.gz")])
    assert fake.status_code == 400 and "is not a gzip file" in fake.get_data(as_text=True)
