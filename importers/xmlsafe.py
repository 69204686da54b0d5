"""Safe, streamed XML reading shared by the XML importers (IATI, GraphML, GEXF).

The parser is defusedxml's: a document type with entity declarations (billion laughs), external entities
(XXE) and external DTDs are refused before anything is expanded or fetched. Elements are matched by
local name, so namespaces and their versions (``www.gexf.net`` vs ``gexf.net``) do not matter.
Reading is streamed: each wanted element is handed over when it ends and then dropped from the tree, so
memory stays bounded by the largest single element, not the file.

:class:`~.limits.Limits` bound what one file may cost: its unpacked bytes (a small ``.gz`` can hold
gigabytes), its wanted elements (records), and the text of any one element, attribute value, tag or
CDATA section.

Reading stays linear in the file's size. Expat before 2.6 scans a token it has not seen the end of again
on every ``feed`` (and Python feeds it at most 1 MB at a time), so one huge token costs quadratic time:
a 195 KB ``.graphml.gz`` holding a 200 MB comment ran for hours. :class:`_Uncommented` therefore removes
comments from the bytes before expat sees them (keeping their line breaks, so line numbers stay true),
and with limits refuses a tag (or CDATA section) longer than one text may be before feeding it.
"""

from __future__ import annotations

import gzip
from collections.abc import Collection, Iterator
from pathlib import Path
from typing import IO, Any
from xml.etree.ElementTree import Element, ParseError, TreeBuilder

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from netmap.errors import InputError

from .limits import MB, Limits

#: Attribute added to every element: the line its start tag is on (used for ``origin``).
LINE = "{urn:netmap}line"
CHUNK = 1 << 16


def local(tag: str) -> str:
    """``{http://gexf.net/1.3}node`` → ``node``."""
    return tag.rsplit("}", 1)[-1] if tag[:1] == "{" else tag


def line_of(elem: Element) -> int:
    return int(elem.get(LINE, "0"))


def open_binary(path: Path) -> IO[bytes]:
    """The file's bytes, gunzipped when it starts with the gzip magic number."""
    try:
        handle: IO[bytes] = path.open("rb")
    except OSError as exc:
        raise InputError(path.name, f"cannot be read ({exc.strerror})") from exc
    if handle.read(2) == b"\x1f\x8b":
        handle.close()
        return gzip.open(path, "rb")  # type: ignore[return-value]
    handle.seek(0)
    return handle


def too_big(name: str, limits: Limits) -> InputError:
    return limits.refusal(
        name, f"unpacks to more than {limits.unpacked_bytes / MB:,.0f} MB, the most allowed here", "unpacked-mb"
    )


def read_capped(handle: IO[bytes], name: str, limits: Limits | None) -> bytes:
    """All of ``handle`` (a file read whole, such as JSON), refused beyond the limits' unpacked size."""
    if limits is None:
        return handle.read()
    data = handle.read(limits.unpacked_bytes + 1)
    if len(data) > limits.unpacked_bytes:
        raise too_big(name, limits)
    return data


class _Uncommented:
    """XML bytes with each comment's text reduced to its line breaks, fed chunk by chunk.

    Found with ``bytes.find`` (C speed); CDATA sections pass unchanged (``<!--`` is text there). The
    last few bytes of a chunk wait for the next one, so a ``<!--`` split between two chunks is seen. With
    ``limit``, a tag or CDATA section open for more than that many bytes raises :class:`TextTooLong`
    before expat spends quadratic time on it (see the module docstring).
    """

    HOLD = 8  # one less than the longest marker, ``<![CDATA[``

    def __init__(self, limit: int | None) -> None:
        self.limit = limit
        self.state = "text"  # or "comment", "cdata"
        self.pending = b""
        self.open = -1  # bytes since the last '<' of a tag not closed yet; -1 when none is open

    def _text(self, out: list[bytes], segment: bytes) -> None:
        out.append(segment)
        if self.limit is None or not segment:
            return
        lt, gt = segment.rfind(b"<"), segment.rfind(b">")
        if lt > gt:
            self.open = len(segment) - lt
        elif gt >= 0:
            self.open = -1
        elif self.open >= 0:
            self.open += len(segment)
        if self.open > self.limit:
            raise TextTooLong("a tag", self.open)

    def feed(self, data: bytes, final: bool = False) -> bytes:
        buf = self.pending + data
        end = len(buf) if final else max(len(buf) - self.HOLD, 0)
        out: list[bytes] = []
        pos = 0
        while pos < end:
            if self.state == "text":
                i = _find(buf, b"<!", 1, pos)  # may start in the held bytes: then it waits
                if not 0 <= i < end:
                    self._text(out, buf[pos:end])
                    pos = end
                elif buf.startswith(b"<!--", i):
                    self._text(out, buf[pos:i])
                    out.append(b"<!--")
                    self.state, self.open, pos = "comment", -1, i + 4
                elif buf.startswith(b"<![CDATA[", i):
                    self._text(out, buf[pos:i])
                    out.append(b"<![CDATA[")
                    self.state, self.open, pos = "cdata", 9, i + 9
                else:
                    self._text(out, buf[pos : i + 2])
                    pos = i + 2
            else:
                marker = b"-->" if self.state == "comment" else b"]]>"
                j = _find(buf, marker, 0, pos)
                stop = j if 0 <= j < end else end
                if self.state == "comment":
                    if buf.find(b"\n", pos, stop) >= 0:
                        out.append(b"\n" * buf.count(b"\n", pos, stop))
                else:
                    out.append(buf[pos:stop])
                    self.open += stop - pos
                    if self.limit is not None and self.open > self.limit:
                        raise TextTooLong("a CDATA section", self.open)
                if stop == j:
                    out.append(marker)
                    self.state, self.open, stop = "text", -1, j + 3
                pos = stop
        self.pending = buf[pos:]
        return b"".join(out)


def _find(buf: bytes, marker: bytes, rare: int, start: int) -> int:
    """Where ``marker`` starts in ``buf`` from ``start`` (-1 if nowhere). One-byte searches run at memory
    speed, longer ones (in Python 3.11) at a tenth of it: the search looks for the marker's ``rare``-th
    byte first (``!`` of ``<!``, which text seldom holds) and for the whole marker only from there."""
    first = buf.find(marker[rare : rare + 1], start + rare)
    if first < 0:
        return -1
    return buf.find(marker, max(first - rare, start))


class _LineTreeBuilder(TreeBuilder):
    """A tree builder that stamps each element with its start line and collects the wanted ones."""

    def __init__(self, wanted: frozenset[str], limits: Limits | None = None) -> None:
        super().__init__()
        self.limits = limits
        self.text = 0  # characters of the open element's text (or of the text after its last child)
        self.expat: Any = None
        self.stack: list[Element] = []
        self.root: Element | None = None
        self.done: list[tuple[Element, Element | None]] = []
        self._wanted = wanted
        self._is_wanted: dict[str, bool] = {}

    def _too_long(self, what: str, size: int) -> None:
        assert self.limits is not None
        raise TextTooLong(what, size, self.expat.CurrentLineNumber)

    def start(self, tag: str, attrs: dict[str, str]) -> Element:  # type: ignore[override]
        self.text = 0
        if self.limits is not None:
            for value in attrs.values():
                if len(value) > self.limits.text_bytes:
                    self._too_long(f"an attribute of <{local(tag)}>", len(value))
        attrs[LINE] = str(self.expat.CurrentLineNumber)
        elem = super().start(tag, attrs)
        if self.root is None:
            self.root = elem
        self.stack.append(elem)
        return elem

    def data(self, data: str) -> None:
        self.text += len(data)
        if self.limits is not None and self.text > self.limits.text_bytes:
            self._too_long("a text", self.text)
        super().data(data)

    def end(self, tag: str) -> Element:
        self.text = 0
        elem = self.stack.pop()
        wanted = self._is_wanted.get(tag)
        if wanted is None:
            wanted = self._is_wanted[tag] = local(tag) in self._wanted
        if wanted:
            self.done.append((elem, self.stack[-1] if self.stack else None))
        return super().end(tag)


class TextTooLong(Exception):
    """Raised inside the parser's handlers; turned into the limit's :class:`InputError` by the reader."""

    def __init__(self, what: str, size: int, line: int = 0) -> None:
        super().__init__(what)
        self.what, self.size, self.line = what, size, line  # 0: where the parser stopped


def iter_elements(
    path: Path,
    wanted: Collection[str],
    *,
    root_names: Collection[str] | None = None,
    expected: str = "",
    hint: str | None = None,
    limits: Limits | None = None,
) -> Iterator[tuple[str, Element]]:
    """Yield ``("root", root)`` once (attributes only), then ``("end", element)`` for every wanted local name.

    A wanted element is detached from its parent after the caller has handled it. ``root_names`` refuses a
    file whose root element is something else (wrong format), naming ``expected``. Malformed, truncated or
    unsafe XML is an :class:`InputError` with the file and line; so is a file beyond ``limits``.
    """
    builder = _LineTreeBuilder(frozenset(wanted), limits)
    parser = DefusedXMLParser(target=builder, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    builder.expat = parser.parser  # type: ignore[attr-defined]
    seen_root = False
    name = path.name
    unpacked = records = 0
    uncommented = _Uncommented(limits.text_bytes if limits is not None else None)
    with open_binary(path) as handle:
        while True:
            try:
                chunk = handle.read(CHUNK)
            except (OSError, EOFError) as exc:  # a damaged gzip stream
                raise InputError(name, f"cannot be read: {exc}", hint) from exc
            unpacked += len(chunk)
            if limits is not None and unpacked > limits.unpacked_bytes:
                raise too_big(name, limits)
            try:
                if chunk:
                    parser.feed(uncommented.feed(chunk))
                else:
                    parser.feed(uncommented.feed(b"", final=True))
                    parser.close()
            except TextTooLong as exc:
                assert limits is not None
                raise limits.refusal(
                    f"{name} line {exc.line or parser.parser.CurrentLineNumber}",  # type: ignore[attr-defined]
                    f"holds {exc.what} of more than {limits.text_bytes / MB:,.0f} MB, the most allowed here",
                    "text-mb",
                ) from None
            except ParseError as exc:
                line, column = exc.position
                problem = str(exc).split(":")[0]
                if builder.root is None and line <= 1 and not chunk:
                    raise InputError(name, f"is empty — expected {expected or 'an XML document'}", hint) from exc
                if "no element found" in problem or "unclosed token" in problem:
                    problem = "ends before the XML is complete (truncated file?)"
                raise InputError(
                    f"{name} line {line}",
                    f"is not well-formed XML: {problem}, column {column + 1}",
                    hint or "check the file is complete and is XML",
                ) from exc
            except DefusedXmlException as exc:
                raise InputError(
                    name,
                    f"refused: the XML declares entities or external references ({type(exc).__name__}); "
                    "nothing was expanded or fetched",
                    "remove the DOCTYPE/ENTITY declarations; netmap never expands or fetches them",
                ) from exc
            if not seen_root and builder.root is not None:
                seen_root = True
                root = builder.root
                if root_names is not None and local(root.tag) not in root_names:
                    raise InputError(
                        f"{name} line {line_of(root)}",
                        f"root element is <{local(root.tag)}> — expected {expected}",
                        hint,
                    )
                yield "root", root
            done, builder.done = builder.done, []
            records += len(done)
            if limits is not None and records > limits.rows:
                raise limits.refusal(name, f"holds more than {limits.rows:,} records, the most allowed here", "records")
            for elem, parent in done:
                yield "end", elem
                if parent is not None:
                    parent.remove(elem)
            if not chunk:
                break
    if not seen_root:
        raise InputError(name, f"is empty — expected {expected or 'an XML document'}", hint)


def text_of(elem: Element | None) -> str:
    """An element's own text, stripped (``''`` for ``None``)."""
    if elem is None or elem.text is None:
        return ""
    return elem.text.strip()


def child(elem: Element, name: str) -> Element | None:
    for sub in elem:
        if local(sub.tag) == name:
            return sub
    return None


def children(elem: Element, name: str) -> list[Element]:
    return [sub for sub in elem if local(sub.tag) == name]
