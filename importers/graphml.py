"""Networks drawn in Gephi, yEd, NetworkX or other tools: GraphML and GEXF (1.1-1.3), gzip too.

Nodes become actors, edges relationships. Elements are matched by local name, so GEXF in both the
``www.gexf.net`` and ``gexf.net`` namespaces (which NetworkX's reader refuses) and GraphML with or without
its namespace read alike. Each file is read twice, streamed: the first pass collects the attribute
declarations (GraphML ``<key>`` may come anywhere, even after the values) and the node ids, the second
yields the records.

Attributes map onto actor fields by name (``label``/``name`` → name, ``kind``/``type``/``category`` →
kind, ``country``, ``sectors``, ``url``, ``iati``, ``lei``, ...) or through ``node_map``
(``{"Org type": "kind"}``); an edge's ``label``/``type``/``relation`` attribute (or ``edge_map``) gives its
relationship type. Everything else is kept in ``properties``. An unknown attribute type is kept as text
with a warning; a value that does not parse as its declared type is kept as text with a warning too.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element

from netmap.errors import InputError, ValidationFailed
from netmap.model import ACTOR_KINDS, Actor, Initiative, Relationship, map_kind, map_rel_type, slugify

from .fmt_common import FileImporter, RowTally, country_alpha3
from .xmlsafe import child, children, iter_elements, line_of, local, text_of

ACTOR_FIELDS = frozenset(
    {
        "name",
        "kind",
        "sphere",
        "country",
        "sectors",
        "tags",
        "influence",
        "description",
        "url",
        "iati",
        "lei",
        "wikidata",
        "hdx",
        "aliases",
        "id",
    }
)
EDGE_FIELDS = frozenset({"type", "key", "strength", "since", "until", "amount", "currency", "note"})
NODE_AUTO = {
    "label": "name",
    "name": "name",
    "kind": "kind",
    "type": "kind",
    "category": "kind",
    "country": "country",
    "sector": "sectors",
    "sectors": "sectors",
    "tags": "tags",
    "influence": "influence",
    "description": "description",
    "url": "url",
    "website": "url",
    "iati": "iati",
    "lei": "lei",
    "wikidata": "wikidata",
    "hdx": "hdx",
    "aliases": "aliases",
    "sphere": "sphere",
}
EDGE_AUTO = {
    "label": "type",
    "type": "type",
    "relation": "type",
    "relationship": "type",
    "weight": "strength",
    "strength": "strength",
    "amount": "amount",
    "currency": "currency",
    "since": "since",
    "until": "until",
    "note": "note",
}
TYPES = {
    "string": str,
    "anyuri": str,
    "date": str,
    "char": str,
    "int": int,
    "integer": int,
    "long": int,
    "short": int,
    "byte": int,
    "biginteger": int,
    "float": float,
    "double": float,
    "bigdecimal": float,
    "boolean": bool,
    "liststring": list,
    "listboolean": list,
    "listinteger": list,
    "listlong": list,
    "listfloat": list,
    "listdouble": list,
}
MAX_PROBLEMS = 50


@dataclass
class _Attr:
    name: str
    type: str
    default: str | None
    domain: str  # "node", "edge" or "all"


def parse_field_map(
    items: Mapping[str, str] | list[str] | tuple[str, ...] | None, allowed: frozenset[str], option: str
) -> dict[str, str]:
    """``["Org type=kind"]`` → ``{"org type": "kind"}``; the field must be one netmap knows."""
    if not items:
        return {}
    pairs = (
        items.items()
        if isinstance(items, Mapping)
        else [tuple(i.rsplit("=", 1)) if "=" in i else (i, "") for i in items]
    )
    out: dict[str, str] = {}
    for attr, target in pairs:
        target = target.strip().lower()
        if target not in allowed:
            raise InputError(
                option, f"'{attr}={target}' maps to an unknown field — expected one of " + ", ".join(sorted(allowed))
            )
        out[attr.strip().casefold()] = target
    return out


def _convert(value: str, attr_type: str) -> Any:
    kind = TYPES.get(attr_type.lower(), str)
    if kind is bool:
        lowered = value.strip().lower()
        if lowered in ("true", "1", "yes"):
            return True
        if lowered in ("false", "0", "no"):
            return False
        raise ValueError(value)
    if kind is list:
        inner = value.strip().strip("[]")
        return [v.strip() for v in inner.replace("|", ",").split(",") if v.strip()]
    if kind is int:
        return int(float(value)) if "." in value or "e" in value.lower() else int(value)
    if kind is float:
        return float(value)
    return value


class _GraphImporter(FileImporter):
    format = "graph"
    root = ""
    expected = ""

    def __init__(
        self,
        paths: list[Path],
        *,
        node_map: Mapping[str, str] | list[str] | None = None,
        edge_map: Mapping[str, str] | list[str] | None = None,
        default_type: str = "PARTNERS_WITH",
        **options: Any,
    ) -> None:
        super().__init__(paths, **options)
        self.node_map = parse_field_map(node_map, ACTOR_FIELDS, "--node-map")
        self.edge_map = parse_field_map(edge_map, EDGE_FIELDS, "--edge-map")
        mapped = map_rel_type(default_type)
        if mapped is None:
            raise InputError("--default-type", f"{default_type!r} is not a relationship type")
        self.default_type = mapped

    def read(self) -> Iterator[Actor | Initiative | Relationship]:
        self.warnings = self.new_warnings()
        self.tally = RowTally()
        self._actor_ids: set[str] = set()
        for path in self.paths:
            yield from self._read_file(path)

    # -- format specifics (overridden) ---------------------------------------------------------------

    def _declarations(self, path: Path) -> tuple[dict[str, _Attr], dict[str, str], bool]:
        raise NotImplementedError

    def _node_values(self, elem: Element) -> dict[str, str]:
        raise NotImplementedError

    def _edge_values(self, elem: Element) -> dict[str, str]:
        raise NotImplementedError

    def _iter(self, path: Path, wanted: set[str]) -> Iterator[tuple[str, Element]]:
        return iter_elements(
            path,
            wanted,
            root_names={self.root},
            expected=self.expected,
            hint=f"is it the right format? `netmap import {self.format}` reads {self.expected}",
            limits=self.limits,
        )

    # -- shared ----------------------------------------------------------------------------------------

    def _typed(self, attrs: dict[str, _Attr], key: str, raw: str, where: str) -> tuple[str, Any]:
        attr = attrs.get(key)
        if attr is None:
            self.warnings.append(f"{where}: value for undeclared attribute {key!r} kept as text")
            return key, raw
        if attr.type.lower() not in TYPES:
            return attr.name, raw
        try:
            return attr.name, _convert(raw, attr.type)
        except ValueError:
            self.warnings.append(f"{where}: {attr.name} {raw!r} is not a {attr.type} — kept as text")
            return attr.name, raw

    def _values(self, attrs: dict[str, _Attr], domain: str, raw: dict[str, str], where: str) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for key, attr in attrs.items():
            if attr.domain in (domain, "all") and attr.default is not None:
                values[attr.name] = self._typed(attrs, key, attr.default, where)[1]
        for key, text in raw.items():
            name, value = self._typed(attrs, key, text, where)
            values[name] = value
        return values

    def _read_file(self, path: Path) -> Iterator[Actor | Relationship]:
        attrs, node_ids, directed = self._declarations(path)
        for attr in attrs.values():
            if attr.type.lower() not in TYPES:
                self.warnings.append(
                    f"{path.name}: attribute {attr.name!r} has unknown type {attr.type!r} — kept as text"
                )
        problems: list[InputError] = []
        seen_pairs: dict[tuple[str, str, str, str], int] = {}
        for event, elem in self._iter(path, {"node", "edge"}):
            if event == "root":
                continue
            line = line_of(elem)
            where = f"{path.name} line {line}"
            if local(elem.tag) == "node":
                if elem.get("id") not in node_ids:  # the first pass saw every node: not expected
                    self.tally.skipped("node the first reading did not see", line)
                    continue
                actor = self._actor(elem, attrs, node_ids, where)
                if actor.id in self._actor_ids:  # another node of the same name: one actor
                    self.tally.merged(line)
                else:
                    self._actor_ids.add(actor.id)
                    self.tally.used(line)
                yield actor
                continue
            source, target = elem.get("source"), elem.get("target")
            if not source or not target:
                problems.append(InputError(where, "edge without source or target — expected both node ids"))
                self.tally.skipped("edge without source or target (see the problems)", line)
                continue
            missing = [n for n in (source, target) if n not in node_ids]
            if missing:
                problems.append(
                    InputError(
                        where,
                        f"edge refers to node {missing[0]!r}, which the file does not "
                        "declare — expected the id of a <node>",
                    )
                )
                self.tally.skipped("edge to an undeclared node (see the problems)", line)
                continue
            rel = self._relationship(elem, attrs, node_ids[source], node_ids[target], directed, where)
            pair = (rel.source, rel.target, rel.type, rel.key)
            count = seen_pairs.get(pair, 0)
            seen_pairs[pair] = count + 1
            if count:
                rel.key = rel.key + ("#" if rel.key else "") + (elem.get("id") or str(count + 1))
            self.tally.used(line)
            yield rel
            if len(problems) >= MAX_PROBLEMS:
                break
        if problems:
            raise ValidationFailed(problems)

    def _actor(self, elem: Element, attrs: dict[str, _Attr], node_ids: dict[str, str], where: str) -> Actor:
        node_id = elem.get("id", "")
        values = self._values(attrs, "node", self._node_values(elem), where)
        fields: dict[str, Any] = {}
        props: dict[str, Any] = {"graph_node_id": node_id}
        for name, value in values.items():
            target = self.node_map.get(name.casefold()) or (
                None if self.node_map and name.casefold() in self.node_map else NODE_AUTO.get(name.casefold())
            )
            if target and target not in fields:
                fields[target] = value
            else:
                props[name] = value
        name = str(fields.pop("name", "") or elem.get("label") or node_id)
        kind_raw = fields.pop("kind", None)
        kind = map_kind(str(kind_raw)) if kind_raw not in (None, "") else None
        actor = Actor(
            id=node_ids[node_id],
            name=name,
            kind=kind or "Other",
            kind_raw=str(kind_raw) if kind_raw not in (None, "") else None,
            origin=where,
        )
        country = fields.pop("country", None)
        if country:
            actor.country = country_alpha3(str(country))
            actor.country_raw = None if actor.country else str(country)
        for key in ("sectors", "tags", "aliases"):
            if key in fields:
                value = fields.pop(key)
                setattr(
                    actor,
                    key,
                    tuple(value)
                    if isinstance(value, list)
                    else tuple(v.strip() for v in str(value).split(";") if v.strip()),
                )
        if "influence" in fields:
            try:
                actor.influence = int(fields.pop("influence"))
            except (TypeError, ValueError):
                props["influence"] = fields.pop("influence", None)
        sphere = fields.pop("sphere", None)
        if sphere in ("humanitarian", "economic", "both"):
            actor.sphere = sphere
        fields.pop("id", None)
        for key in ("description", "url", "iati", "lei", "wikidata", "hdx"):
            if fields.get(key) not in (None, ""):
                setattr(actor, key, str(fields.pop(key)))
        actor.properties = {k: v for k, v in props.items() if v is not None}
        return actor

    def _relationship(
        self, elem: Element, attrs: dict[str, _Attr], source: str, target: str, directed: bool, where: str
    ) -> Relationship:
        values = self._values(attrs, "edge", self._edge_values(elem), where)
        fields: dict[str, Any] = {}
        props: dict[str, Any] = {}
        if elem.get("id"):
            props["graph_edge_id"] = elem.get("id")
        for name, value in values.items():
            target_field = self.edge_map.get(name.casefold()) or EDGE_AUTO.get(name.casefold())
            if target_field and target_field not in fields:
                fields[target_field] = value
            else:
                props[name] = value
        type_raw = fields.pop("type", None)
        rel_type = map_rel_type(str(type_raw)) if type_raw not in (None, "") else None
        if type_raw not in (None, "") and rel_type is None:
            self.warnings.append(
                f"{where}: edge type {type_raw!r} is not in the vocabulary — stored as "
                f"{self.default_type} with the raw type kept"
            )
        rel = Relationship(
            source=source,
            target=target,
            type=rel_type or self.default_type,
            type_raw=str(type_raw) if type_raw not in (None, "") else None,
            origin=where,
        )
        for key in ("strength",):
            if key in fields:
                try:
                    rel.strength = round(float(fields.pop(key)))
                except (TypeError, ValueError):
                    props[key] = fields.pop(key)
        if "amount" in fields:
            try:
                rel.amount = float(fields.pop("amount"))
            except (TypeError, ValueError):
                props["amount"] = fields.pop("amount")
        for key in ("since", "until", "currency", "note", "key"):
            if fields.get(key) not in (None, ""):
                setattr(rel, key, str(fields.pop(key)))
        if not directed:
            props["undirected"] = True
        rel.properties = props
        return rel

    def _node_actor_ids(self, label_of: dict[str, str]) -> dict[str, str]:
        """Graph node id → actor id: the slug of the node's label (its id when it has none)."""
        return {node_id: slugify(label or node_id) for node_id, label in label_of.items()}


class GraphmlImporter(_GraphImporter):
    """GraphML (``<key>`` declarations anywhere, ``<data key=...>`` values)."""

    format = "graphml"
    root = "graphml"
    expected = "<graphml> (a GraphML file)"

    def _declarations(self, path: Path) -> tuple[dict[str, _Attr], dict[str, str], bool]:
        attrs: dict[str, _Attr] = {}
        labels: dict[str, str] = {}
        directed = True
        name_keys: set[str] = set()
        pending: dict[str, dict[str, str]] = {}
        for event, elem in self._iter(path, {"key", "node", "graph"}):
            if event == "root":
                continue
            tag = local(elem.tag)
            if tag == "key":
                key_id = elem.get("id") or ""
                attr_type = elem.get("attr.type") or elem.get("{http://www.yworks.com/xml/graphml}type") or "string"
                default = child(elem, "default")
                attrs[key_id] = _Attr(
                    name=elem.get("attr.name") or key_id,
                    type=attr_type,
                    default=text_of(default) if default is not None else None,
                    domain=elem.get("for", "all"),
                )
            elif tag == "node":
                if not elem.get("id"):
                    raise InputError(f"{path.name} line {line_of(elem)}", 'node without an id — expected id="..."')
                pending[elem.get("id", "")] = {d.get("key", ""): (d.text or "").strip() for d in children(elem, "data")}
                elem.clear()
            elif tag == "graph":
                directed = elem.get("edgedefault", "directed") != "undirected"
        for key_id, attr in attrs.items():
            if attr.domain in ("node", "all") and self._node_target(attr.name) == "name":
                name_keys.add(key_id)
        for node_id, data in pending.items():
            labels[node_id] = next((data[k] for k in name_keys if data.get(k)), "")
        return attrs, self._node_actor_ids(labels), directed

    def _node_target(self, name: str) -> str | None:
        return self.node_map.get(name.casefold()) or NODE_AUTO.get(name.casefold())

    def _node_values(self, elem: Element) -> dict[str, str]:
        return {d.get("key", ""): (d.text or "").strip() for d in children(elem, "data")}

    _edge_values = _node_values


class GexfImporter(_GraphImporter):
    """GEXF 1.1-1.3 (``<attributes>``/``<attvalues>``; ``label`` on nodes and edges)."""

    format = "gexf"
    root = "gexf"
    expected = "<gexf> (a GEXF file)"

    def _declarations(self, path: Path) -> tuple[dict[str, _Attr], dict[str, str], bool]:
        attrs: dict[str, _Attr] = {}
        labels: dict[str, str] = {}
        directed = True
        for event, elem in self._iter(path, {"attributes", "node", "graph"}):
            if event == "root":
                continue
            tag = local(elem.tag)
            if tag == "attributes":
                domain = elem.get("class", "node")
                for attr in children(elem, "attribute"):
                    default = child(attr, "default")
                    attr_id = attr.get("id") or attr.get("title") or ""
                    attrs[f"{domain}:{attr_id}"] = _Attr(
                        name=attr.get("title") or attr_id,
                        type=attr.get("type", "string"),
                        default=text_of(default) if default is not None else None,
                        domain=domain,
                    )
            elif tag == "node":
                if not elem.get("id"):
                    raise InputError(f"{path.name} line {line_of(elem)}", 'node without an id — expected id="..."')
                labels[elem.get("id", "")] = elem.get("label") or ""
                elem.clear()
            elif tag == "graph":
                directed = elem.get("defaultedgetype", "directed") != "undirected"
        return attrs, self._node_actor_ids(labels), directed

    def _attvalues(self, elem: Element, domain: str) -> dict[str, str]:
        values: dict[str, str] = {}
        holder = child(elem, "attvalues")
        if elem.get("label"):
            values[f"{domain}:@label"] = elem.get("label", "")
        for value in children(holder, "attvalue") if holder is not None else []:
            key = value.get("for") or value.get("id") or ""
            values[f"{domain}:{key}"] = value.get("value", "")
        return values

    def _node_values(self, elem: Element) -> dict[str, str]:
        return self._attvalues(elem, "node")

    def _edge_values(self, elem: Element) -> dict[str, str]:
        values = self._attvalues(elem, "edge")
        if elem.get("weight"):
            values["edge:@weight"] = elem.get("weight", "")
        if elem.get("kind"):
            values["edge:@kind"] = elem.get("kind", "")
        return values

    def _typed(self, attrs: dict[str, _Attr], key: str, raw: str, where: str) -> tuple[str, Any]:
        if key.endswith((":@label", ":@weight", ":@kind")):
            return key.split("@", 1)[1], raw
        return super()._typed(attrs, key, raw, where)


__all__ = ["ACTOR_KINDS", "GexfImporter", "GraphmlImporter"]
