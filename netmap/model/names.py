"""An entity's names in several languages: ``name`` (the original) and ``name_<lang>`` beside it.

Importers keep every name a source gives with its language (``name_en``, ``name_fr``, ``name_es``…) and
also as an alias, so search finds the entity by any of them; pages show :func:`local_name`.

>>> props = {"name": "International Labour Organization", **name_properties({"fr": "Organisation internationale du Travail"})}
>>> local_name(props, "fr"), local_name(props, "es")
('Organisation internationale du Travail', 'International Labour Organization')
>>> other_names({**props, "aliases": ["ILO", "Organisation internationale du Travail"]}, "fr")
['International Labour Organization', 'ILO']
>>> language_code(" FR-ca "), language_code(""), language_code("not a language")
('fr', None, None)
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from netmap.messages import Name

__all__ = ["entity_name", "language_code", "local_name", "name_properties", "other_names"]

_CODE = re.compile(r"[a-z]{2,3}")


def language_code(tag: str | None) -> str | None:
    """The primary language of a tag (``fr-CA`` → ``fr``), lower case; ``None`` when it is not one."""
    primary = (tag or "").strip().lower().replace("_", "-").split("-")[0]
    return primary if _CODE.fullmatch(primary) else None


def name_properties(names: Mapping[str, str]) -> dict[str, str]:
    """``{"fr": "…"}`` → ``{"name_fr": "…"}`` (the properties an entity keeps its names in)."""
    return {f"name_{lang}": name for lang, name in sorted(names.items()) if name}


def local_name(props: Mapping[str, Any], lang: str | None) -> str:
    """The entity's name in ``lang`` where it has one, its original ``name`` otherwise (its id at worst)."""
    local = props.get(f"name_{lang}") if lang else None
    return str(local or props.get("name") or props.get("id") or "")


def entity_name(props: Mapping[str, Any], fallback: Any = None) -> Name:
    """The entity's original name (its id, or ``fallback``, at worst) carrying its names in other languages,
    for a sentence: rendered, it reads as :func:`local_name` in the reader's language.

    >>> n = entity_name({"name": "ILO", "name_fr": "OIT", "name_es": ""}, "ilo")
    >>> str(n), n.local, entity_name({}, "ilo")
    ('ILO', {'fr': 'OIT'}, 'ilo')
    """
    local = {key[5:]: str(v) for key, v in props.items() if key.startswith("name_") and v and _CODE.fullmatch(key[5:])}
    return Name(str(props.get("name") or props.get("id") or (fallback if fallback is not None else "")), local)


def other_names(props: Mapping[str, Any], lang: str | None) -> list[str]:
    """The names :func:`local_name` does not show: the original first, then the aliases (once each)."""
    seen = {local_name(props, lang).casefold()}
    out = []
    for name in [props.get("name"), *(props.get("aliases") or ())]:
        if name and str(name).casefold() not in seen:
            seen.add(str(name).casefold())
            out.append(str(name))
    return out
