"""Safe, streamed XML reading shared by the XML importers (IATI, GraphML, GEXF).

The parser is defusedxml's: a document type with entity declarations (billion laughs), external entities
(XXE) and external DTDs are refused before anything is expanded or fetched. Elements are matched by
local name, so namespaces and their versions (``www.gexf.net`` vs ``gexf.net``) do not matter.
Reading is streamed: each wanted element is handed over when it ends and then dropped from the tree, so
memory stays bounded by the largest single element, not the file.
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


class _LineTreeBuilder(TreeBuilder):
    """A tree builder that stamps each element with its start line and collects the wanted ones."""

    def __init__(self, wanted: frozenset[str]) -> None:
        super().__init__()
        self.expat: Any = None
        self.stack: list[Element] = []
        self.root: Element | None = None
        self.done: list[tuple[Element, Element | None]] = []
        self._wanted = wanted
        self._is_wanted: dict[str, bool] = {}

    def start(self, tag: str, attrs: dict[str, str]) -> Element:  # type: ignore[override]
        attrs[LINE] = str(self.expat.CurrentLineNumber)
        elem = super().start(tag, attrs)
        if self.root is None:
            self.root = elem
        self.stack.append(elem)
        return elem

    def end(self, tag: str) -> Element:
        elem = self.stack.pop()
        wanted = self._is_wanted.get(tag)
        if wanted is None:
            wanted = self._is_wanted[tag] = local(tag) in self._wanted
        if wanted:
            self.done.append((elem, self.stack[-1] if self.stack else None))
        return super().end(tag)


def iter_elements(
    path: Path,
    wanted: Collection[str],
    *,
    root_names: Collection[str] | None = None,
    expected: str = "",
    hint: str | None = None,
) -> Iterator[tuple[str, Element]]:
    """Yield ``("root", root)`` once (attributes only), then ``("end", element)`` for every wanted local name.

    A wanted element is detached from its parent after the caller has handled it. ``root_names`` refuses a
    file whose root element is something else (wrong format), naming ``expected``. Malformed, truncated or
    unsafe XML is an :class:`InputError` with the file and line.
    """
    builder = _LineTreeBuilder(frozenset(wanted))
    parser = DefusedXMLParser(target=builder, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    builder.expat = parser.parser  # type: ignore[attr-defined]
    seen_root = False
    name = path.name
    with open_binary(path) as handle:
        while True:
            try:
                chunk = handle.read(CHUNK)
            except (OSError, EOFError) as exc:  # a damaged gzip stream
                raise InputError(name, f"cannot be read: {exc}", hint) from exc
            try:
                if chunk:
                    parser.feed(chunk)
                else:
                    parser.close()
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
