"""Finding the columns of a published list: its header row (after any preamble), each column's field and
language, and ``--map "Header=field"`` for headers no rule knows.

A header names a field and maybe a language: ``Agency name (FR)``, ``Name [fr]``, ``name_fr``,
``Nom - French``, ``French name`` → field ``name``, language ``fr``. The header row is the first of the
first :data:`HEADER_SCAN_ROWS` rows that has a column for the list's key field; the rows above it are the
list's preamble (title, source, date).

>>> split_language("Donor name (FR)")
('donor name', 'fr')
>>> split_language("name_es"), split_language("English name"), split_language("Acronym")
(('name', 'es'), ('name', 'en'), ('acronym', None))
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from netmap.errors import InputError

from .fmt_common import is_null
from .hxl_tags import normalise_tag, tag_text

HEADER_SCAN_ROWS = 20

LANGUAGES: dict[str, str] = {
    word: code
    for code, words in {
        "en": ("en", "eng", "english", "anglais", "inglés", "ingles"),
        "fr": ("fr", "fre", "fra", "french", "français", "francais", "francés", "frances"),
        "es": ("es", "spa", "esp", "spanish", "espagnol", "español", "espanol"),
    }.items()
    for word in words
}
_WORDS = "|".join(sorted(map(re.escape, LANGUAGES), key=len, reverse=True))
_SUFFIX = re.compile(rf"^(.*?)\s*(?:[\(\[]\s*({_WORDS})\s*[\)\]]|[-:/]\s*({_WORDS})|\s({_WORDS})|\sin\s({_WORDS}))$")
_PREFIX = re.compile(rf"^({_WORDS})\s+(.+)$")


def fold_header(cell: str) -> str:
    """A header as the rules compare it: HXL tags normalised, else lower case with single spaces."""
    tag = normalise_tag(cell)
    if tag is not None:
        return tag_text(tag)
    return " ".join(cell.replace("_", " ").replace("\u00a0", " ").split()).casefold()


def split_language(cell: str) -> tuple[str, str | None]:
    """(the header without its language, the language code or ``None``)."""
    text = fold_header(cell)
    if text.startswith("#"):
        return text, None
    found = _SUFFIX.match(text)
    if found and found.group(1):
        word = next(g for g in found.groups()[1:] if g)
        return found.group(1).strip(" -:/"), LANGUAGES[word]
    found = _PREFIX.match(text)
    if found:
        return found.group(2), LANGUAGES[found.group(1)]
    return text, None


@dataclass(frozen=True, slots=True)
class Column:
    index: int
    field: str
    lang: str | None = None


@dataclass
class Layout:
    """Where the header is and which column holds which field (several per field when in several
    languages)."""

    header_line: int
    headers: list[str]
    columns: list[Column] = field(default_factory=list)

    def of(self, name: str) -> list[Column]:
        return [c for c in self.columns if c.field == name]

    def has(self, name: str) -> bool:
        return any(c.field == name for c in self.columns)

    def values(self, row: list[str], name: str) -> list[tuple[str | None, str]]:
        """(language, value) of every filled ``name`` column of ``row``, spaces tidied, nulls left out."""
        out = []
        for column in self.of(name):
            value = " ".join(row[column.index].split()) if column.index < len(row) else ""
            if not is_null(value):
                out.append((column.lang, value))
        return out

    def value(self, row: list[str], name: str) -> str:
        """The first filled ``name`` value of ``row``, or ``""``."""
        found = self.values(row, name)
        return found[0][1] if found else ""


def parse_field_map(items: Iterable[str] | None, fields: Iterable[str]) -> dict[str, tuple[str, str | None]]:
    """``["Nom=name_fr", "Body=name"]`` → ``{"nom": ("name", "fr"), "body": ("name", None)}``."""
    known = tuple(fields)
    out: dict[str, tuple[str, str | None]] = {}
    for item in items or ():
        if "=" not in item:
            raise InputError("--map", f"{item!r} has no '=' — expected 'Column header=field'")
        header, target = item.rsplit("=", 1)
        name, lang = split_language(target)
        if name not in known:
            raise InputError(
                "--map", f"{target.strip()!r} is not a field — expected one of {', '.join(known)}", "e.g. 'Nom=name_fr'"
            )
        out[fold_header(header)] = (name, lang)
    return out


def plan_layout(
    cells: list[str], line: int, rules: Mapping[str, tuple[str, ...]], mapping: Mapping[str, tuple[str, str | None]]
) -> Layout:
    """Which field each header names: ``--map`` first, then the rules (header text per field)."""
    by_text = {fold_header(text): name for name, texts in rules.items() for text in texts}
    layout = Layout(header_line=line, headers=[c.strip() for c in cells])
    for index, cell in enumerate(cells):
        if not cell.strip():
            continue
        mapped = mapping.get(fold_header(cell))
        if mapped is not None:
            layout.columns.append(Column(index, *mapped))
            continue
        base, lang = split_language(cell)
        name = by_text.get(base) or by_text.get(fold_header(cell))
        if name is not None:
            layout.columns.append(Column(index, name, None if by_text.get(fold_header(cell)) else lang))
    return layout


def find_layout(
    rows: Iterator[list[str]],
    lines: object,
    file: str,
    *,
    key: str,
    rules: Mapping[str, tuple[str, ...]],
    mapping: Mapping[str, tuple[str, str | None]],
    what: str,
) -> tuple[Layout, list[int]]:
    """The header row (the first with a ``key`` column) and the lines of the preamble above it."""
    preamble: list[int] = []
    for _ in range(HEADER_SCAN_ROWS):
        cells = next(rows, None)
        if cells is None:
            break
        line = int(getattr(lines, "line", 0))
        if not any(c.strip() for c in cells):
            continue
        layout = plan_layout(cells, line, rules, mapping)
        if layout.has(key):
            return layout, preamble
        preamble.append(line)
    if not preamble:
        raise InputError(file, f"is empty — expected {what} with a header row")
    examples = ", ".join(repr(t) for t in rules[key][:4])
    raise InputError(
        file,
        f"has no header row with a {key} column in its first {HEADER_SCAN_ROWS} rows (looked for {examples})",
        f"name the column with --map, e.g. --map 'Organisation title={key}'",
    )
