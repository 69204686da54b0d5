"""Decoding a text file line by line: UTF-8, with Windows-1252 for what is not, and which lines were.

Two policies over one decoder, :class:`DecodedLines`: line by line (a line that is not UTF-8 is read as
Windows-1252, a superset of Latin-1 for text, and the importer is told which lines were, so a file
pasted together from several exports still reads), or one encoding for the whole file, chosen by
:func:`detect_encoding` (the spreadsheet importer's, which notes the file once).
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING

from netmap.errors import InputError

from ..xmlsafe import open_binary, too_big

if TYPE_CHECKING:
    from ..limits import Limits


class DecodedLines:
    """Iterate a file's lines as ``str``; ``fallback_lines`` lists lines decoded as Windows-1252.

    With ``encoding`` (one :func:`detect_encoding` chose for the whole file), every line is decoded
    with it. With ``limits``, a file (or a ``.gz``'s content) beyond their unpacked size is refused.
    """

    def __init__(self, path: Path, limits: Limits | None = None, encoding: str | None = None) -> None:
        self.path = path
        self.limits = limits
        self.encoding = encoding
        self.fallback_lines: list[int] = []
        self.line = 0

    def __iter__(self) -> Iterator[str]:
        with open_binary(self.path) as handle:
            head = handle.read(4096)
            if b"\x00" in head:
                raise InputError(
                    self.path.name, "is a binary file — expected CSV text", "export the sheet as CSV (UTF-8)"
                )
            if head.startswith(b"PK\x03\x04"):
                raise InputError(
                    self.path.name, "is a zip/xlsx workbook — expected CSV text", "save the sheet as CSV (UTF-8)"
                )
            handle.seek(0)
            first = True
            unpacked = 0
            # Excel for Mac's "CSV (Macintosh)" ends lines with a lone carriage return
            lines = _cr_lines(handle) if b"\r" in head and b"\n" not in head else handle
            for raw in lines:
                self.line += 1
                unpacked += len(raw)
                if self.limits is not None and unpacked > self.limits.unpacked_bytes:
                    raise too_big(self.path.name, self.limits)
                if first and raw.startswith(b"\xef\xbb\xbf"):
                    raw = raw[3:]
                first = False
                yield self._decode(raw)

    def _decode(self, raw: bytes) -> str:
        if self.encoding is not None:
            return raw.decode(self.encoding)
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            self.fallback_lines.append(self.line)
            return raw.decode("cp1252", errors="replace")


def _cr_lines(handle: IO[bytes]) -> Iterator[bytes]:
    """The lines of a file whose lines end with a lone carriage return, each with its ``\\r``.

    >>> import io
    >>> list(_cr_lines(io.BytesIO(b"a,b\\rc,d\\r\\re")))
    [b'a,b\\r', b'c,d\\r', b'\\r', b'e']
    """
    rest = b""
    for chunk in iter(lambda: handle.read(1 << 16), b""):
        *done, rest = (rest + chunk).split(b"\r")
        yield from (line + b"\r" for line in done)
    if rest:
        yield rest


def fallback_note(name: str, lines: DecodedLines) -> str | None:
    """The warning for the lines read as Windows-1252, or ``None`` when every line was UTF-8."""
    if not lines.fallback_lines:
        return None
    shown = ", ".join(str(n) for n in lines.fallback_lines[:10])
    more = f" and {len(lines.fallback_lines) - 10} more" if len(lines.fallback_lines) > 10 else ""
    return f"{name}: line(s) {shown}{more} are not UTF-8; read as Windows-1252"


def detect_encoding(path: Path) -> str:
    """``utf-8-sig`` when the whole file decodes as UTF-8, else ``cp1252`` (Excel's Western default).

    Files that decode as neither, or that hold NUL bytes, are refused with a message saying so.
    """
    decoder = codecs.getincrementaldecoder("utf-8")()
    utf8 = True
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            if b"\x00" in chunk:
                raise InputError(
                    path.name,
                    "holds NUL bytes: this is not a text CSV file",
                    "save it as CSV (UTF-8) or give the .xlsx workbook itself",
                )
            if utf8:
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError:
                    utf8 = False
    if utf8:
        return "utf-8-sig"
    with open(path, "rb") as fh:
        for number, line in enumerate(fh, start=1):
            try:
                line.decode("cp1252")
            except UnicodeDecodeError:
                raise InputError(
                    f"{path.name} line {number}",
                    "is neither UTF-8 nor Windows-1252 (cp1252) text",
                    "save the file as CSV UTF-8",
                ) from None
    return "cp1252"
