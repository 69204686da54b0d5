"""Safe XML reading: comments cost linear time (a 200 MB comment in a 200 KB .gz), CDATA and line
numbers survive, and hostile sizes are refused by the limits before the parser spends time on them."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from netmap.importers.graphml import GraphmlImporter
from netmap.importers.limits import CLI_LIMITS, MB, UPLOAD_LIMITS, Limits
from netmap.importers.xmlsafe import _Uncommented, iter_elements, line_of, text_of

from netmap.errors import InputError
from netmap.model import Actor, Relationship

DOC = (
    b'<?xml version="1.0"?>\n<root><!-- a remark\nover two lines with <tags> & -- dashes? no -->'
    b"<item>one<!-- inside text -->two</item>\n<item><![CDATA[<!-- not a comment -->]]></item>\n"
    b"<!----><item>three</item></root>\n"
)


def feed_in_pieces(data: bytes, size: int) -> bytes:
    reader = _Uncommented(None)
    out = b"".join(reader.feed(data[i : i + size]) for i in range(0, len(data), size))
    return out + reader.feed(b"", final=True)


def items(path: Path) -> list[tuple[int, str]]:
    return [(line_of(e), text_of(e)) for event, e in iter_elements(path, {"item"}) if event == "end"]


def test_comments_lose_their_text_but_not_their_line_breaks_and_cdata_is_kept() -> None:
    out = feed_in_pieces(DOC, 1 << 16)
    assert b"a remark" not in out and b"inside text" not in out
    assert b"<![CDATA[<!-- not a comment -->]]>" in out
    assert out.count(b"\n") == DOC.count(b"\n")


@pytest.mark.parametrize("size", [1, 2, 3, 5, 7, 9, 64])
def test_markers_split_between_chunks_are_still_seen(size: int) -> None:
    assert feed_in_pieces(DOC, size) == feed_in_pieces(DOC, 1 << 16)


def test_elements_after_comments_keep_their_text_and_line(tmp_path: Path) -> None:
    path = tmp_path / "doc.xml"
    path.write_bytes(DOC)
    assert items(path) == [(3, "onetwo"), (4, "<!-- not a comment -->"), (5, "three")]


@pytest.fixture(scope="module")
def comment_bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The review's file: a ~200 KB .graphml.gz holding a 200 MB comment (made here, never committed)."""
    path = tmp_path_factory.mktemp("bomb") / "comment.graphml.gz"
    with gzip.open(path, "wb", compresslevel=9) as out:
        out.write(b'<?xml version="1.0"?>\n<graphml><graph edgedefault="directed">\n<!--')
        block = b"x" * MB
        for _ in range(200):
            out.write(block)
        out.write(b'-->\n<node id="a"/><node id="b"/><edge source="a" target="b"/></graph></graphml>\n')
    return path


def test_a_200_mb_comment_is_read_past_on_the_command_line(comment_bomb: Path) -> None:
    assert comment_bomb.stat().st_size < 300_000
    records = list(GraphmlImporter([comment_bomb], limits=CLI_LIMITS).read())
    assert [type(r) for r in records] == [Actor, Actor, Relationship]
    assert records[2].origin == "comment.graphml.gz line 4"  # the comment's line breaks were kept


def test_a_200_mb_comment_is_refused_on_upload_by_the_unpacked_size(comment_bomb: Path) -> None:
    with pytest.raises(InputError) as refused:
        list(GraphmlImporter([comment_bomb], limits=UPLOAD_LIMITS).read())
    assert str(refused.value).startswith("comment.graphml.gz: unpacks to more than 64 MB, the most allowed here")
    assert "'netmap import'" in str(refused.value)


def test_a_huge_tag_is_refused_before_the_parser_reads_it(tmp_path: Path) -> None:
    path = tmp_path / "tag.graphml"
    path.write_bytes(b'<graphml><graph>\n<node id="a" label="' + b"y" * (3 * MB) + b'"/></graph></graphml>')
    with pytest.raises(InputError) as refused:
        list(GraphmlImporter([path], limits=Limits(text_bytes=MB)).read())
    assert "tag.graphml line 2: holds a tag of more than 1 MB, the most allowed here" in str(refused.value)


def test_a_huge_text_or_cdata_is_refused_by_the_text_limit(tmp_path: Path) -> None:
    for body in (b"z" * (2 * MB), b"<![CDATA[" + b"z" * (2 * MB) + b"]]>"):
        path = tmp_path / "text.graphml"
        path.write_bytes(b'<graphml><graph><node id="a"><data key="d">' + body + b"</data></node></graph></graphml>")
        with pytest.raises(InputError, match=r"text.graphml line 1: holds a (text|CDATA section) of more than 1 MB"):
            list(GraphmlImporter([path], limits=Limits(text_bytes=MB)).read())
