"""Saved Cypher queries: one ``queries/*.cypher`` file each, with a comment header.

Header lines start with ``//`` and come before the query::

    // title: Employers in a country with no tie to us
    // description: Companies and employer organisations based in $country that nobody we know ...
    // parameters: country:string=DEU, limit:int=50

Each parameter is ``name:type`` or ``name:type=default`` (types: ``string``, ``int``, ``float``,
``bool``, ``list`` — a comma-separated list in forms); one without a default is required.
``// title.fr:`` and ``// description.fr:`` (or ``.es``) give the title and description the web
console shows in that language.

>>> q = parse_query("x", "// title: T\\n// parameters: n:int=5, who:string\\nMATCH (a) RETURN a LIMIT $n")
>>> q.title, [(p.name, p.type, p.default, p.required) for p in q.parameters], q.cypher
('T', [('n', 'int', 5, False), ('who', 'string', None, True)], 'MATCH (a) RETURN a LIMIT $n')
>>> q.bind({"n": "7", "who": "IOM"})
{'n': 7, 'who': 'IOM'}
>>> q = parse_query("x", "// title: Partners\\n// title.fr: Partenaires\\nMATCH (a) RETURN a")
>>> q.title_in("fr"), q.title_in("es")
('Partenaires', 'Partners')
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from netmap.errors import InputError, NotFound

__all__ = ["Parameter", "SavedQuery", "default_dir", "get_query", "load_queries", "parse_query"]

TYPES = ("string", "int", "float", "bool", "list")
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
#: Header keys: ``title``, ``description``, ``parameters``, and ``title.fr``, ``description.es``... for
#: the title and description in the web app's other languages.
_HEADER_KEY = re.compile(r"^(title|description)(\.[a-z]{2})?$|^parameters$")


@dataclass(frozen=True, slots=True)
class Parameter:
    name: str
    type: str = "string"
    default: Any = None
    required: bool = True

    def convert(self, raw: Any) -> Any:
        if raw is None or (isinstance(raw, str) and raw.strip() == ""):
            if self.required:
                raise InputError(self.name, "is required")
            return self.default
        try:
            if self.type == "int":
                return int(str(raw).strip())
            if self.type == "float":
                return float(str(raw).strip())
            if self.type == "bool":
                text = str(raw).strip().lower()
                if text not in ("true", "false", "1", "0", "yes", "no", "on", "off"):
                    raise ValueError(text)
                return text in ("true", "1", "yes", "on")
            if self.type == "list":
                items = raw if isinstance(raw, list) else str(raw).split(",")
                return [str(i).strip() for i in items if str(i).strip()]
        except ValueError:
            raise InputError(self.name, f"{raw!r} is not a valid {self.type}") from None
        return str(raw)


@dataclass(frozen=True, slots=True)
class SavedQuery:
    name: str
    title: str
    description: str
    cypher: str
    parameters: list[Parameter] = field(default_factory=list)
    path: str | None = None
    #: Title and description in other languages, from ``// title.fr:`` and ``// description.fr:`` lines.
    translations: dict[str, tuple[str, str]] = field(default_factory=dict)

    def title_in(self, lang: str) -> str:
        """The title in ``lang`` when the file has one, else the English title."""
        return self.translations.get(lang, (self.title, ""))[0] or self.title

    def description_in(self, lang: str) -> str:
        """The description in ``lang`` when the file has one, else the English description."""
        return self.translations.get(lang, ("", self.description))[1] or self.description

    def bind(self, values: Mapping[str, Any]) -> dict[str, Any]:
        """The query's parameters converted from form/CLI strings; :class:`InputError` when one is bad."""
        return {p.name: p.convert(values.get(p.name)) for p in self.parameters}


def _parse_parameters(text: str, where: str) -> list[Parameter]:
    params = []
    for item in [t.strip() for t in text.split(",") if t.strip()]:
        name_type, _, default_text = item.partition("=")
        name, _, type_ = name_type.partition(":")
        name, type_ = name.strip(), (type_.strip() or "string")
        if not _NAME.match(name) or type_ not in TYPES:
            raise InputError(where, f"parameter {item!r} is not name:type[=default]", f"types: {', '.join(TYPES)}")
        has_default = "=" in item
        param = Parameter(name, type_, None, not has_default)
        default = param.convert(default_text.strip()) if has_default and default_text.strip() else None
        params.append(Parameter(name, type_, default, not has_default))
    return params


def parse_query(name: str, text: str, path: str | None = None) -> SavedQuery:
    header: dict[str, str] = {}
    body: list[str] = []
    in_header = True
    last_key = None
    for line in text.splitlines():
        stripped = line.strip()
        if in_header and stripped.startswith("//"):
            content = stripped[2:].strip()
            key, sep, value = content.partition(":")
            if sep and _HEADER_KEY.match(key.strip().lower()):
                last_key = key.strip().lower()
                header[last_key] = value.strip()
            elif last_key and content:
                header[last_key] += " " + content
            continue
        if in_header and not stripped:
            continue
        in_header = False
        body.append(line)
    where = path or name
    cypher = "\n".join(body).strip()
    if not header.get("title"):
        raise InputError(where, "has no '// title:' header line")
    if not cypher:
        raise InputError(where, "has no query after its header")
    languages = {k.partition(".")[2] for k in header if "." in k}
    translations = {
        lang: (header.get(f"title.{lang}", ""), header.get(f"description.{lang}", "")) for lang in sorted(languages)
    }
    return SavedQuery(
        name,
        header["title"],
        header.get("description", ""),
        cypher,
        _parse_parameters(header.get("parameters", ""), where),
        path,
        translations,
    )


def default_dir() -> Traversable:
    """The saved queries shipped with netmap (``queries/`` of the source, ``netmap.queries`` once
    installed), or the folder named by ``NETMAP_QUERIES``."""
    env = os.environ.get("NETMAP_QUERIES")
    if env:
        return Path(env)
    return resources.files("netmap.queries")


def load_queries(directory: str | Path | None = None) -> list[SavedQuery]:
    """Every ``*.cypher`` file of ``directory`` (default: :func:`default_dir`), sorted by name."""
    folder: Traversable = Path(directory) if directory else default_dir()
    if not folder.is_dir():
        return []
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".cypher")), key=lambda f: f.name)
    return [parse_query(f.name.removesuffix(".cypher"), f.read_text(encoding="utf-8"), str(f)) for f in files]


def get_query(name: str, directory: str | Path | None = None) -> SavedQuery:
    for query in load_queries(directory):
        if query.name == name:
            return query
    raise NotFound(f"no saved query named {name!r}", "see the list of saved queries")
