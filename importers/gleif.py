"""GLEIF legal-entity data: Level 1 (who is who) and Level 2 (who owns whom).

Reads the GLEIF API's JSON (``lei-records``, ``relationship-records``, ``reporting-exceptions``; one record
or a page of them) and the golden-copy CSV files (Level 1 ``LEI,Entity.LegalName,...``, relationship
records ``Relationship.StartNode.NodeID,...``, reporting exceptions ``LEI,ExceptionCategory,...``).

* A Level 1 record becomes a ``Company`` actor (``lei``, legal name, legal-address country, status;
  other names as aliases; the GLEIF category kept as ``kind_raw``).
* A relationship record becomes ``PART_OF`` from the child (start node) to the parent (end node), key
  ``direct`` or ``ultimate``, with the GLEIF type, status and relationship period.
* A reporting exception ("no known parent", reason) is stored on the actor under
  ``properties["gleif_exceptions"]``; it is data, not an error.

An LEI referred to but without a Level 1 record in the import becomes a stub actor named by its LEI
(``properties["gleif_stub"] = True``) so resolution can match it to an actor already known by that LEI.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from netmap.errors import InputError
from netmap.model import Actor, Initiative, Relationship

from .fmt_common import FileImporter, RowTally, country_alpha3
from .limits import MB
from .tabular import csv_records
from .xmlsafe import open_binary, read_capped

KINDS = {"lei-records", "relationship-records", "reporting-exceptions"}
REL_KEYS = {
    "IS_DIRECTLY_CONSOLIDATED_BY": "direct",
    "IS_ULTIMATELY_CONSOLIDATED_BY": "ultimate",
    "IS_INTERNATIONAL_BRANCH_OF": "branch",
    "IS_FUND-MANAGED_BY": "fund-manager",
    "IS_SUBFUND_OF": "subfund",
    "IS_FEEDER_TO": "feeder",
}
EXPECTED = (
    "GLEIF API JSON (data.type lei-records, relationship-records or reporting-exceptions) or a GLEIF "
    "golden-copy CSV (LEI/Entity.LegalName, Relationship.StartNode.NodeID or ExceptionCategory columns)"
)


def actor_id(lei: str) -> str:
    return "lei-" + lei.strip().lower()


class GleifImporter(FileImporter):
    """Reads GLEIF Level 1 and Level 2 files (JSON from the API, CSV from the golden copy)."""

    format = "gleif"

    def read(self) -> Iterator[Actor | Initiative | Relationship]:
        self.warnings = self.new_warnings()
        self.tally = RowTally()
        actors: dict[str, Actor] = {}
        rels: dict[tuple[str, str, str], Relationship] = {}
        exceptions: dict[str, list[dict[str, Any]]] = {}
        referred: dict[str, str] = {}
        units: set[str] = set()
        exception_lines: list[tuple[str, int]] = []
        for path in self.paths:
            for kind, record, origin in self._records(path):
                unit, number = origin.rsplit(" ", 2)[-2:]
                units.add(unit)
                if kind == "lei-records":
                    actor = self._actor(record, origin)
                    if actor is not None:
                        new = actor.id not in actors
                        actors.setdefault(actor.id, actor)
                        (self.tally.used if new else self.tally.merged)(int(number))
                elif kind == "relationship-records":
                    rel = self._relationship(record, origin)
                    if rel is not None:
                        new = (rel.source, rel.target, rel.key) not in rels
                        rels.setdefault((rel.source, rel.target, rel.key), rel)
                        (self.tally.used if new else self.tally.merged)(int(number))
                        referred.setdefault(rel.source, origin)
                        referred.setdefault(rel.target, origin)
                else:
                    lei = str(record.get("lei") or "").strip()
                    if not lei:
                        raise InputError(origin, "reporting exception without an LEI — expected attributes.lei")
                    exceptions.setdefault(actor_id(lei), []).append(
                        {k: record.get(k) for k in ("category", "reason", "reference") if record.get(k)}
                    )
                    exception_lines.append((actor_id(lei), int(number)))
                    referred.setdefault(actor_id(lei), origin)
        self.tally.unit = " or ".join(sorted(units)) or "record"
        tied = {ident for rel in rels.values() for ident in (rel.source, rel.target)}
        for ident, line in exception_lines:  # adds to its entity's actor, or gives the stub when none
            (self.tally.merged if ident in actors or ident in tied else self.tally.used)(line)
            tied.add(ident)
        for ident, origin in referred.items():
            if ident not in actors:
                lei = ident[4:].upper()
                actors[ident] = Actor(
                    id=ident, name=lei, kind="Company", lei=lei, properties={"gleif_stub": True}, origin=origin
                )
                self.warnings.append(
                    f"{origin}: LEI {lei} has no Level 1 record in this import — added as a stub named by its LEI"
                )
        for ident, items in exceptions.items():
            actors[ident].properties["gleif_exceptions"] = [json.dumps(i, sort_keys=True) for i in items]
        yield from actors.values()
        yield from rels.values()

    # -- parsing -------------------------------------------------------------------------------------

    def _records(self, path: Path) -> Iterator[tuple[str, dict[str, Any], str]]:
        with open_binary(path) as handle:
            head = handle.read(64).lstrip()
        if head[:1] in (b"{", b"["):
            yield from self._json_records(path)
        else:
            yield from self._csv_records(path)

    def _json_records(self, path: Path) -> Iterator[tuple[str, dict[str, Any], str]]:
        name = path.name
        try:
            with open_binary(path) as handle:
                doc = json.loads(read_capped(handle, name, self.limits))
        except json.JSONDecodeError as exc:
            raise InputError(
                f"{name} line {exc.lineno}", f"is not valid JSON: {exc.msg}", "check the file is complete"
            ) from exc
        except UnicodeDecodeError as exc:
            raise InputError(name, "is not UTF-8 JSON — expected " + EXPECTED) from exc
        data = doc.get("data") if isinstance(doc, dict) else doc
        items = data if isinstance(data, list) else [data]
        if self.limits is not None and len(items) > self.limits.rows:
            raise self.limits.refusal(
                name, f"holds more than {self.limits.rows:,} records, the most allowed here", "records"
            )
        for index, item in enumerate(items, start=1):
            self._check_text(item, f"{name} record {index}")
            kind = item.get("type") if isinstance(item, dict) else None
            if kind not in KINDS:
                raise InputError(
                    f"{name} record {index}",
                    f"has type {kind!r} — expected " + EXPECTED,
                    "use the import command for this file's format",
                )
            attrs = dict(item.get("attributes") or {})
            if kind == "lei-records":
                attrs.setdefault("lei", item.get("id"))
            yield kind, attrs, f"{name} record {index}"

    def _csv_records(self, path: Path) -> Iterator[tuple[str, dict[str, Any], str]]:
        name = path.name
        lines, rows = csv_records(path, self.limits)
        header = next(rows, None)
        if header is None:
            raise InputError(name, "is empty — expected " + EXPECTED)
        cols = {h.strip(): i for i, h in enumerate(header)}
        if "Relationship.StartNode.NodeID" in cols:
            kind = "relationship-records"
        elif "ExceptionCategory" in cols and "LEI" in cols:
            kind = "reporting-exceptions"
        elif "LEI" in cols and "Entity.LegalName" in cols:
            kind = "lei-records"
        else:
            raise InputError(
                f"{name} line 1",
                "has none of the GLEIF columns — expected " + EXPECTED,
                "use the import command for this file's format",
            )

        def get(row: list[str], column: str) -> str:
            index = cols.get(column)
            return row[index].strip() if index is not None and index < len(row) else ""

        count = 0
        for row in rows:
            origin = f"{name} line {lines.line}"
            if not any(c.strip() for c in row):
                continue
            count += 1
            # a cell over the text limit was refused by csv_rows, in the words every CSV reader uses
            if self.limits is not None and count > self.limits.rows:
                raise self.limits.refusal(
                    name, f"holds more than {self.limits.rows:,} records, the most allowed here", "records"
                )
            if kind == "lei-records":
                yield (
                    kind,
                    {
                        "lei": get(row, "LEI"),
                        "entity": {
                            "legalName": {"name": get(row, "Entity.LegalName")},
                            "legalAddress": {"country": get(row, "Entity.LegalAddress.Country")},
                            "status": get(row, "Entity.EntityStatus"),
                            "category": get(row, "Entity.EntityCategory"),
                            "jurisdiction": get(row, "Entity.LegalJurisdiction"),
                        },
                        "registration": {"status": get(row, "Registration.RegistrationStatus")},
                    },
                    origin,
                )
            elif kind == "relationship-records":
                yield (
                    kind,
                    {
                        "relationship": {
                            "startNode": {"id": get(row, "Relationship.StartNode.NodeID")},
                            "endNode": {"id": get(row, "Relationship.EndNode.NodeID")},
                            "type": get(row, "Relationship.RelationshipType"),
                            "status": get(row, "Relationship.RelationshipStatus"),
                            "periods": [
                                {
                                    "type": get(row, "Relationship.Period1.periodType"),
                                    "startDate": get(row, "Relationship.Period1.startDate"),
                                    "endDate": get(row, "Relationship.Period1.endDate"),
                                }
                            ],
                        }
                    },
                    origin,
                )
            else:
                yield (
                    kind,
                    {
                        "lei": get(row, "LEI"),
                        "category": get(row, "ExceptionCategory"),
                        "reason": get(row, "ExceptionReason1") or get(row, "ExceptionReason"),
                        "reference": get(row, "ExceptionReference1"),
                    },
                    origin,
                )

    def _check_text(self, value: Any, where: str) -> None:
        """Every text in a JSON record within the limit of one text (a record is small: walking it is
        cheap). CSV cells are checked by the shared reader (:func:`.fmt_text.csv_rows`), not here."""
        if self.limits is None:
            return
        if isinstance(value, str):
            if len(value) > self.limits.text_bytes:
                raise self.limits.refusal(
                    where,
                    f"holds a text of more than {self.limits.text_bytes / MB:,.0f} MB, the most allowed here",
                    "text-mb",
                )
        elif isinstance(value, dict):
            for item in value.values():
                self._check_text(item, where)
        elif isinstance(value, list):
            for item in value:
                self._check_text(item, where)

    def _actor(self, attrs: dict[str, Any], origin: str) -> Actor | None:
        lei = str(attrs.get("lei") or "").strip()
        entity = attrs.get("entity") or {}
        legal = (entity.get("legalName") or {}).get("name") or ""
        if not lei or not legal:
            raise InputError(
                origin, "Level 1 record without LEI or legal name — expected lei and entity.legalName.name"
            )
        country_raw = (entity.get("legalAddress") or {}).get("country") or ""
        others = tuple(
            str(o["name"])
            for o in (entity.get("otherNames") or []) + (entity.get("transliteratedOtherNames") or [])
            if isinstance(o, dict) and o.get("name")
        )
        props: dict[str, Any] = {
            "gleif_status": entity.get("status") or None,
            "gleif_registration_status": (attrs.get("registration") or {}).get("status") or None,
            "jurisdiction": entity.get("jurisdiction") or None,
            "legal_form": (entity.get("legalForm") or {}).get("id") or None,
            "hq_country": (entity.get("headquartersAddress") or {}).get("country") or None,
        }
        return Actor(
            id=actor_id(lei),
            name=legal,
            kind="Company",
            kind_raw=f"GLEIF {entity.get('category') or 'entity'}",
            country=country_alpha3(country_raw),
            country_raw=country_raw or None,
            lei=lei.upper(),
            aliases=others,
            properties={k: v for k, v in props.items() if v},
            origin=origin,
        )

    def _relationship(self, attrs: dict[str, Any], origin: str) -> Relationship | None:
        rel = attrs.get("relationship") or {}
        child = str((rel.get("startNode") or {}).get("id") or "").strip()
        parent = str((rel.get("endNode") or {}).get("id") or "").strip()
        rel_type = str(rel.get("type") or "")
        if not child or not parent:
            raise InputError(
                origin, "relationship record without startNode.id or endNode.id — expected the child and parent LEIs"
            )
        period = next((p for p in rel.get("periods") or [] if p.get("type") == "RELATIONSHIP_PERIOD"), None)
        props: dict[str, Any] = {"gleif_type": rel_type, "gleif_status": rel.get("status") or ""}
        accounting = next((p for p in rel.get("periods") or [] if p.get("type") == "ACCOUNTING_PERIOD"), None)
        if accounting and accounting.get("startDate"):
            props["accounting_period"] = f"{accounting.get('startDate', '')[:10]}/{accounting.get('endDate', '')[:10]}"
        return Relationship(
            source=actor_id(child),
            target=actor_id(parent),
            type="PART_OF",
            type_raw=rel_type,
            key=REL_KEYS.get(rel_type, rel_type.lower()),
            since=(period.get("startDate") or "")[:10] or None if period else None,
            until=(period.get("endDate") or "")[:10] or None if period else None,
            properties=props,
            origin=origin,
        )


Importer = GleifImporter
