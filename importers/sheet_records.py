"""The records of a spreadsheet's rows: an actor (or programme, forum) from a row of an actors table, a
relationship from a row of a relationships table, each checked with the row's line in its errors."""

from __future__ import annotations

from collections import Counter

from netmap.errors import InputError
from netmap.model import (
    ACTOR_KINDS,
    ENGAGEMENT_STATUSES,
    REL_TYPES,
    SPHERES,
    Actor,
    Initiative,
    Relationship,
    map_kind,
    map_rel_type,
    slugify,
)

from .sheet_columns import (
    _DATE,
    _TRUE,
    ACTOR_COLUMNS,
    INITIATIVE_KINDS,
    PERSON_KINDS,
    REL_COLUMNS,
    _columns,
    _country,
    _extra,
    _getter,
    _PersonSkipped,
    _scale,
    _split,
)
from .tabular import Row

__all__ = ["actor_record", "relationship_record"]


def actor_record(
    row: Row, headers: list[str], kind_map: dict[str, str], raw_kinds: Counter[str] | None = None
) -> Actor | Initiative:
    """The actor (or programme, forum) of one row. ``raw_kinds``, for Kumu's free-text element types:
    a kind netmap does not know becomes "Other" and is counted there instead of refused."""
    cols = _columns(headers, ACTOR_COLUMNS)
    get = _getter(row, cols)
    name = get("name")
    if not name:
        raise InputError(row.origin, "column 'name' is empty", "every actor needs a name")
    raw_kind = get("kind")
    extra = _extra(row, headers, cols)
    if get("source_url"):
        extra["sourceUrl"] = get("source_url")
    illustrative = get("illustrative").lower() in _TRUE
    ident = get("id") or slugify(name)
    mapped = kind_map.get(raw_kind.strip().casefold())
    if raw_kind.strip().casefold() in PERSON_KINDS and mapped is None:
        raise _PersonSkipped(name, ident)
    initiative = INITIATIVE_KINDS.get((mapped or raw_kind).strip().lower())
    if initiative:
        countries = tuple(code for c in _split(get("country")) if (code := _country(c, row.origin)[0]))
        return Initiative(
            id=ident,
            name=name,
            label=initiative,
            description=get("description") or None,
            url=get("url") or None,
            countries=countries,
            sectors=_split(get("sectors")),
            iati=get("iati") or None,
            illustrative=illustrative,
            properties={**extra, **({"tags": list(_split(get("tags")))} if get("tags") else {})},
            origin=row.origin,
        )
    kind = mapped or (map_kind(raw_kind) if raw_kind else None)
    if kind is None and raw_kinds is not None:  # Kumu's element types are free text: keep it, say so once
        raw_kinds[raw_kind or "(empty)"] += 1
        kind = "Other"
    if not raw_kind and kind is None:
        raise InputError(
            row.origin, "column 'kind' is empty", f"expected one of {', '.join(ACTOR_KINDS)}, Programme, Forum"
        )
    if kind is None:
        raise InputError(
            row.origin,
            f"column 'kind' has '{raw_kind}'",
            f"expected one of {', '.join(ACTOR_KINDS)}, Programme, Forum "
            f"(or say what it means: --kind-map '{raw_kind}=NGO')",
        )
    country, country_raw = _country(get("country"), row.origin)
    sphere = get("sphere").lower() or None
    if sphere and sphere not in SPHERES:
        raise InputError(
            row.origin,
            f"column 'sphere' has '{get('sphere')}'",
            f"expected one of {', '.join(SPHERES)} (or leave it empty to derive it)",
        )
    engagement = get("engagement").lower() or None
    if engagement and engagement not in ENGAGEMENT_STATUSES:
        raise InputError(
            row.origin,
            f"column 'engagement' has '{get('engagement')}'",
            f"expected one of {', '.join(ENGAGEMENT_STATUSES)}",
        )
    return Actor(
        id=ident,
        name=name,
        kind=kind,
        kind_raw=raw_kind if raw_kind and raw_kind != kind else None,
        sphere=sphere,
        country=country,
        country_raw=country_raw,
        sectors=_split(get("sectors")),
        tags=_split(get("tags")),
        influence=_scale(get("influence"), "influence", row.origin),
        engagement=engagement,
        description=get("description") or None,
        url=get("url") or None,
        iati=get("iati") or None,
        lei=get("lei") or None,
        wikidata=get("wikidata") or None,
        hdx=get("hdx") or None,
        aliases=_split(get("aliases")),
        illustrative=illustrative,
        properties=extra,
        origin=row.origin,
    )


def relationship_record(row: Row, headers: list[str]) -> Relationship:
    """The relationship of one row of a relationships table."""
    cols = _columns(headers, REL_COLUMNS)
    cells, origin = row.cells, row.origin
    # the cells this table has columns for, stripped once (most rows pass every check below)
    value = {fieldname: (cells.get(header) or "").strip() for fieldname, header in cols.items()}
    source, target, raw_type = value.get("from", ""), value.get("to", ""), value.get("type", "")
    if not (source and target and raw_type):
        label = "from" if not source else "to" if not target else "type"
        raise InputError(origin, f"column '{label}' is empty", "every relationship needs from, to and type")
    rel_type = map_rel_type(raw_type)
    if rel_type is None:
        raise InputError(origin, f"column 'type' has '{raw_type}'", f"expected one of {', '.join(REL_TYPES)}")
    if value.get("direction", "").lower() in ("reversed", "backward", "backwards"):
        source, target = target, source
    amount = None
    raw_amount = value.get("amount")
    if raw_amount:
        try:
            amount = float(raw_amount.replace(",", ""))
        except ValueError:
            raise InputError(origin, f"column 'amount' has '{raw_amount}'", "expected a number") from None
    since, until = value.get("since", ""), value.get("until", "")
    for label, date in (("since", since), ("until", until)):
        if date and not _DATE.match(date):
            raise InputError(origin, f"column '{label}' has '{date}'", "expected a year or a YYYY-MM-DD date")
    extra = _extra(row, headers, cols)
    if value.get("source_url"):
        extra["sourceUrl"] = value["source_url"]
    currency = value.get("currency", "").upper() or None
    return Relationship(
        source=source,
        target=target,
        type=rel_type,
        type_raw=raw_type if raw_type != rel_type else None,
        key=f"{currency}:{since}" if rel_type == "FUNDS" and (currency or since) else "",
        strength=_scale(value.get("strength", ""), "strength", origin),
        since=since or None,
        until=until or None,
        amount=amount,
        currency=currency,
        note=value.get("note") or None,
        illustrative=value.get("illustrative", "").lower() in _TRUE,
        properties=extra,
        origin=origin,
    )
