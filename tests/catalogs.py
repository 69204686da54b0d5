"""Checks every gettext catalog of the project must pass (the web app's and the core's): read a catalog,
find the ids that miss a translation, lost placeholders, French typography."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from babel.messages.pofile import read_po

PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def read_catalog(path: Path, lang: str) -> dict[str, Any]:
    """msgid (the singular of a plural entry) → message."""
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    return {(m.id[0] if isinstance(m.id, tuple) else m.id): m for m in catalog if m.id}


def strings(message: Any) -> list[str]:
    return list(message.string) if isinstance(message.string, tuple) else [message.string]


def missing(used: set[str], catalog: dict[str, Any]) -> list[str]:
    return sorted(m for m in used if m not in catalog or not all(strings(catalog[m])))


def assert_placeholders_kept(lang: str, catalog: dict[str, Any]) -> None:
    for msgid, message in catalog.items():
        for text in strings(message):
            assert set(PLACEHOLDER.findall(text)) == set(PLACEHOLDER.findall(msgid)), (lang, msgid, text)


def assert_french_typography(catalog: dict[str, Any]) -> None:
    for msgid, message in catalog.items():
        for text in strings(message):
            assert not re.search(r"\S[?!;]", text.replace("%(", "")), (msgid, text)  # a thin space before ? ! ;
            assert " :" not in text and " ?" not in text, (msgid, text)  # not an ordinary space either
            assert "'" not in text, (msgid, text)  # the typographic apostrophe


def used_msgids(folder: Path, method_map: list[tuple[str, str]], keywords: dict[str, Any]) -> set[str]:
    """Every string the code in ``folder`` marks for translation, extracted as pybabel does."""
    from babel.messages.extract import extract_from_dir

    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(str(folder), method_map, keywords=keywords):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found
