"""HXL references → actor ids, once every name of the file is known: short forms and consortia.

An acronym-only or identifier-only cell names the organisation the file names that way; a consortium
cell ("A + B") splits when every part names one; the same body's acronyms in two languages fold into
one; ties between references become ties between actors.
"""

from __future__ import annotations

from netmap.model import slugify

from .acronyms import equivalent_acronyms
from .fmt_common import RowTally
from .hxl_columns import CONSORTIUM_MARK, CONSORTIUM_SPLIT, Org, Tie


def resolve_references(
    orgs: dict[str, Org],
    name_ids: dict[str, str],
    pending: dict[tuple[str, int], list[str]],
    tally: RowTally,
    warnings: list[str],
) -> tuple[dict[str, Org], dict[str, list[str]], dict[tuple[str, str], tuple[set[str], int, str]]]:
    """Acronym-only, identifier-only and consortium references → actor ids.

    A short form names a known organisation when one organisation of the file has it as its name
    or acronym; a consortium cell splits when every part does. Otherwise the short form becomes an
    actor of its own (marked ``nameFromAcronym``/``nameFromIdentifier``) and a consortium cell one
    actor under the whole value, with a warning. ``name_ids`` are the actor ids given to full names,
    ``pending`` the rows new only by short forms (``tally`` counts those that only added to others).
    """
    index: dict[str, str | None] = {}
    for ref, org in orgs.items():
        if ref.startswith("?"):
            continue
        for key in {fold(org.name), *(fold(a) for a in org.acronyms), *(fold(i) for i in org.idents)}:
            index[key] = ref if index.get(key, ref) == ref else None
    final: dict[str, Org] = {ref: org for ref, org in orgs.items() if not ref.startswith("?")}
    members: dict[str, list[str]] = {ref: [ref] for ref in final}
    folded = merge_language_variants(final, members, index)
    tally.used_rows -= folded  # the rows that gave the folded organisations only added to another
    tally.merged_rows += folded
    partners: dict[tuple[str, str], tuple[set[str], int, str]] = {}
    kept_whole: list[str] = []
    absorbed: set[str] = set()
    deferred = sorted((ref for ref in orgs if ref.startswith("?")), key=lambda r: r[1] == "c")
    for ref in deferred:  # short forms first: a consortium may name one that no row spells out
        org = orgs[ref]
        how, text = ref[1], ref[3:]
        hit = index.get(fold(text)) if how in "ai" else None
        parts = [p for p in CONSORTIUM_SPLIT.split(text) if p.strip()]
        found = [index.get(fold(p)) for p in parts]
        if not hit and len(parts) > 1 and all(found) and len(set(found)) == 1:
            hit = found[0]  # "OIM / IOM": every part names the same organisation, not a consortium
        if hit:
            ids = [hit]
        elif len(parts) > 1 and all(found):
            ids = list(dict.fromkeys(f for f in found if f))
            for i, first in enumerate(ids):
                for second in ids[i + 1 :]:
                    pair = (first, second) if first < second else (second, first)
                    raw, rows, origin = partners.get(pair, (set(), 0, org.origin))
                    partners[pair] = (raw | {text}, rows + org.rows, origin)
            org.consortia.add(text)
        else:
            if how == "c" and (CONSORTIUM_MARK.search(text) or any(found)):
                kept_whole.append(f"{text!r} ({org.origin})")
            actor_id = name_ids.get(text) or slugify(text)
            if actor_id not in final:
                org.name = text
                org.marked = {"a": "nameFromAcronym", "i": "nameFromIdentifier"}.get(how)
                if how == "a":
                    org.acronyms.add(text)
                elif how == "i":
                    org.idents.add(text)
                final[actor_id] = org
                members[ref] = [actor_id]
                index.setdefault(fold(text), actor_id)
                continue
            ids = [actor_id]
        for actor_id in ids:
            final[actor_id].absorb(org)
        members[ref] = ids
        absorbed.add(ref)
    for refs in pending.values():  # their row only added to organisations other rows gave
        if all(ref in absorbed for ref in refs):
            tally.used_rows -= 1
            tally.merged_rows += 1
    if kept_whole:
        shown = "; ".join(kept_whole[:20]) + (f"; and {len(kept_whole) - 20} more" if len(kept_whole) > 20 else "")
        warnings.append(
            f"{len(kept_whole)} organisation cell(s) look like consortia but name an organisation this file "
            f"does not otherwise name, so each was kept as one actor under the whole value: {shown}"
        )
    return final, members, partners


def fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def merge_language_variants(final: dict[str, Org], members: dict[str, list[str]], index: dict[str, str | None]) -> int:
    """Organisations a file names by the same body's acronyms in two languages ("IOM" on some rows,
    "OIM" on others) become one, under the name more rows use; the other acronym is kept as an alias.
    Returns how many organisations were folded into another."""
    folded = 0
    groups: dict[frozenset[str], list[str]] = {}
    for ref, org in final.items():
        for short in (org.name, *sorted(org.acronyms)):
            group = equivalent_acronyms(short)
            if group and ref not in groups.setdefault(group, []):
                groups[group].append(ref)
    for group, refs in groups.items():
        refs = [ref for ref in refs if ref in final]
        if not refs:
            continue
        keep = max(refs, key=lambda r: final[r].rows)
        for ref in refs:
            if ref == keep:
                continue
            other = final.pop(ref)
            final[keep].absorb(other)
            if equivalent_acronyms(other.name):
                final[keep].acronyms.add(other.name)
            members[ref] = [keep]
            folded += 1
            for key, value in index.items():
                if value == ref:
                    index[key] = keep
        for acronym in group:
            index.setdefault(fold(acronym), keep)
    return folded


def remap_ties(ties: dict[tuple[str, str, str], Tie], members: dict[str, list[str]]) -> dict[tuple[str, str, str], Tie]:
    """Ties between references → ties between actors (a consortium's tie goes to each member)."""
    out: dict[tuple[str, str, str], Tie] = {}
    for (source, target, chain), tie in ties.items():
        for first in members.get(source, [source]):
            for second in members.get(target, [target]):
                if first == second:
                    continue
                found = out.get((first, second, chain))
                if found is None:
                    out[(first, second, chain)] = found = Tie(origin=tie.origin)
                found.absorb(tie)
    return out
