"""Entity resolution: is this incoming organisation one we already know?

Pure (no driver): the index comes from the store, the answer goes back to the ingest, which rewrites ids.
The order of evidence, strongest first:

1. ``trust_id`` (a spreadsheet with an explicit id column): the id is authoritative, nothing else counts.
2. External ids (``iati``, ``lei``, ``wikidata``, ``hdx``), compared case-insensitively; a country's
   government (``properties["governmentOf"]``, from membership and donor lists) by its country code: the
   known actor marked (``governmentOf``) or named ("Government of …") as that country's government,
   never one of its ministries or agencies.
3. The same id (slug) with no conflicting external id or country.
4. The normalised name: case, accents, punctuation, ``&``/``and``, British/American spelling, a leading
   "the", legal suffixes (Ltd, GmbH, S.A., ...) and a trailing "(ACRONYM)" do not count.
5. Acronyms: "UNHCR" = "Office of the UN High Commissioner for Refugees (UNHCR)".
6. Aliases (from organisation lists, earlier merges): either side's aliases against the other's names.
7. A fuzzy score (rapidfuzz ``token_sort_ratio``) above ``review_threshold`` never merges: it becomes a
   :class:`ReviewItem` and the incoming actor stays separate until someone accepts it. The score alone
   floods the list ("Bulgarian" / "Hungarian Academy of Sciences", "Toulouse" / "Toulon"), so a near
   name is proposed only when every word that differs is a misspelling of a word on the other side
   ("Fondation" / "Foundation": same first letter, one or two edits apart), a generic word
   (:data:`netmap.ingest.names.GENERIC_WORDS`) or the other name's initials ("DRC - Danish Refugee Council"), and when the two
   do not disagree on country or kind. The same name in two countries is two organisations.

Two actors a person kept apart (``kept_apart``: rejected review items) are never matched or proposed again.

Anything ambiguous (two known actors share the name or acronym), or a name match whose countries or
external ids disagree, also goes to review instead of merging. Each match adds the incoming actor (and its
names) to the index, so later duplicates in the same import resolve to the same id.

>>> r = Resolver([{"id": "unhcr", "name": "UNHCR", "aliases": [], "iati": "XM-DAC-41121"}])
>>> from netmap.model import Actor
>>> r.match(Actor(id="x", name="Office of the UN High Commissioner for Refugees (UNHCR)")).how
'acronym'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from rapidfuzz import fuzz, process

from netmap.ingest.names import acronym_key, acronyms_of, distinguishing_words, normalise
from netmap.model import Actor, ReviewItem

EXTERNAL_IDS = ("iati", "lei", "wikidata", "hdx")
How = Literal["new", "id", "external-id", "country", "name", "acronym", "alias"]


@dataclass(slots=True)
class Match:
    id: str
    how: How
    review: ReviewItem | None = None


@dataclass
class _Entry:
    id: str
    name: str
    label: str = "Actor"
    country: str | None = None
    kind: str | None = None
    external: dict[str, str] = field(default_factory=dict)


_GOVERNMENT_WORDS = re.compile(r"\b(government|gouvernement|gobierno)\b", re.I)


class Resolver:
    """Matches incoming actors against the store's entity index (and against each other)."""

    def __init__(
        self,
        index: Iterable[Mapping[str, Any]],
        *,
        source_id: str = "",
        review_threshold: float = 86.0,
        kept_apart: Iterable[tuple[str, str]] = (),
    ) -> None:
        self.source_id = source_id
        self._apart: dict[str, set[str]] = {}
        for one, other in kept_apart:
            self._apart.setdefault(one, set()).add(other)
            self._apart.setdefault(other, set()).add(one)
        self.review_threshold = review_threshold
        self._entries: dict[str, _Entry] = {}
        self._external: dict[tuple[str, str], str] = {}
        self._names: dict[str, set[str]] = {}
        self._acronyms: dict[str, set[str]] = {}
        self._aliases: dict[str, set[str]] = {}
        self._choices: dict[str, str] = {}  # normalised name or alias → one id, for fuzzy search
        self._governments: dict[str, dict[str, bool]] = {}  # country → Government actor ids (→ is "the" government)
        for row in index:
            self._add_row(row)

    # -- index ---------------------------------------------------------------------------------------

    def _add_row(self, row: Mapping[str, Any]) -> None:
        entry = _Entry(
            id=str(row["id"]),
            name=str(row.get("name") or row["id"]),
            label=str(row.get("label") or "Actor"),
            country=row.get("country"),
            kind=row.get("kind"),
        )
        for key in EXTERNAL_IDS:
            if row.get(key):
                entry.external[key] = str(row[key]).strip().upper()
        if row.get("kind") == "Government" and entry.country:
            self._add_government(entry.country, entry.id, row.get("governmentOf") == entry.country)
        self._register(entry, list(row.get("aliases") or []))

    def _add_government(self, country: str, id: str, whole: bool) -> None:
        ids = self._governments.setdefault(country, {})
        ids[id] = ids.get(id, False) or whole

    def _government(self, country: str) -> str | None:
        """The known actor that is ``country``'s government: the one marked so, else the one named so
        ("Government of …"); a ministry or an agency of that country ("Global Affairs Canada") is not."""
        ids = self._governments.get(country, {})
        for pick in (
            [i for i, whole in ids.items() if whole],
            [i for i in ids if _GOVERNMENT_WORDS.search(self._entries[i].name)],
        ):
            if pick:
                return pick[0] if len(pick) == 1 else None
        return None

    def _register(self, entry: _Entry, aliases: Iterable[str]) -> None:
        self._entries[entry.id] = entry
        for key, value in entry.external.items():
            self._external.setdefault((key, value), entry.id)
        if entry.label != "Actor":
            return
        key = normalise(entry.name)
        if key:
            self._names.setdefault(key, set()).add(entry.id)
            self._choices.setdefault(key, entry.id)
        for acronym in acronyms_of(entry.name):
            self._acronyms.setdefault(acronym, set()).add(entry.id)
        self.add_aliases(entry.id, aliases)

    def add_aliases(self, id: str, aliases: Iterable[str]) -> None:
        """Names ``id`` is also known by (variants, acronyms, earlier merges)."""
        for alias in aliases:
            if not alias or not alias.strip():
                continue
            for acronym in acronyms_of(alias):
                self._acronyms.setdefault(acronym, set()).add(id)
            key = normalise(alias)
            if key:
                self._aliases.setdefault(key, set()).add(id)
                self._choices.setdefault(key, id)

    # -- matching ------------------------------------------------------------------------------------

    def _conflict(self, entry: _Entry, actor: Actor) -> str | None:
        for key in EXTERNAL_IDS:
            mine = getattr(actor, key)
            theirs = entry.external.get(key)
            if mine and theirs and str(mine).strip().upper() != theirs:
                return f"different {key} ids ({mine} vs {theirs})"
        if actor.country and entry.country and actor.country != entry.country:
            return f"different countries ({actor.country} vs {entry.country})"
        return None

    def _review(self, actor: Actor, candidate: str, score: float, reason: str) -> ReviewItem:
        return ReviewItem(
            incoming_id=actor.id,
            incoming_name=actor.name,
            candidate_id=candidate,
            candidate_name=self._entries[candidate].name,
            score=round(score, 1),
            reason=reason,
            source_id=self.source_id,
        )

    def _candidates(self, actor: Actor) -> list[tuple[How, set[str]]]:
        name_key = normalise(actor.name)
        alias_keys = {normalise(a) for a in actor.aliases if a} - {""}
        acronyms = acronyms_of(actor.name)
        for alias in actor.aliases:
            acronyms |= acronyms_of(alias)
        out: list[tuple[How, set[str]]] = []
        if name_key in self._names:
            out.append(("name", set(self._names[name_key])))
        acr_hits: set[str] = set()
        for acronym in acronyms:
            acr_hits |= self._acronyms.get(acronym, set())
            acr_hits |= self._names.get(acronym, set())
        acr_hits |= self._acronyms.get(acronym_key(actor.name), set()) if name_key and " " not in name_key else set()
        if acr_hits:
            out.append(("acronym", acr_hits))
        alias_hits = set(self._aliases.get(name_key, set()))
        for key in alias_keys:
            alias_hits |= self._names.get(key, set()) | self._aliases.get(key, set())
        if alias_hits:
            out.append(("alias", alias_hits))
        return out

    def match(self, actor: Actor, *, trust_id: bool = False, source_id: str | None = None) -> Match:
        """Where ``actor`` belongs: an existing id (and how we know) or a new one (maybe with a review)."""
        if source_id is not None:
            self.source_id = source_id
        if trust_id:
            if actor.id in self._entries:
                return Match(actor.id, "id")
            return self._new(actor)
        for key in EXTERNAL_IDS:
            value = getattr(actor, key)
            if value:
                found = self._external.get((key, str(value).strip().upper()))
                if found is not None:
                    return self._matched(actor, found, "external-id")
        country = actor.properties.get("governmentOf")
        if country:
            found = self._government(str(country))
            if found is not None:
                return self._matched(actor, found, "country")
        review: ReviewItem | None = None
        same = self._entries.get(actor.id)
        if same is not None and same.label == "Actor":
            conflict = self._conflict(same, actor)
            if conflict is None:
                return self._matched(actor, actor.id, "id")
            review = self._review(actor, actor.id, 100.0, f"same id but {conflict}")
        apart = self._apart.get(actor.id, set())
        for how, ids in self._candidates(actor):
            ids = {i for i in ids if self._entries.get(i) and self._entries[i].label == "Actor" and i not in apart}
            if not ids:
                continue
            fine = sorted(i for i in ids if self._conflict(self._entries[i], actor) is None)
            if len(fine) == 1 and len(ids) == 1:
                return self._matched(actor, fine[0], how)
            if not fine and len(ids) == 1 and _only_countries_differ(self._conflict(self._entries[min(ids)], actor)):
                continue  # the same name in another country is another organisation ("Ministry of Health")
            if review is None:
                candidate = fine[0] if fine else sorted(ids)[0]
                reason = (
                    f"{how} matches {len(ids)} actors"
                    if len(ids) > 1
                    else f"{how} matches but {self._conflict(self._entries[candidate], actor)}"
                )
                review = self._review(actor, candidate, 100.0, reason)
        if review is None:
            review = self._fuzzy(actor)
        return self._new(actor, review)

    def _fuzzy(self, actor: Actor) -> ReviewItem | None:
        key = normalise(actor.name)
        if len(key) < 4 or not self._choices or (" " not in key and len(key) <= 6):
            return None  # a short single word is an acronym: compared exactly, above, never by spelling
        apart = self._apart.get(actor.id, set())
        for choice, score, _ in process.extract(
            key, self._choices.keys(), scorer=fuzz.token_sort_ratio, score_cutoff=self.review_threshold, limit=5
        ):
            candidate = self._choices[choice]
            if candidate == actor.id or candidate in apart:
                continue
            entry = self._entries[candidate]
            if self._conflict(entry, actor) is not None or _kinds_differ(entry.kind, actor.kind):
                continue
            if distinguishing_words(key, choice):
                continue
            return self._review(actor, candidate, float(score), f"similar name ({choice!r})")
        return None

    def _matched(self, actor: Actor, found: str, how: How) -> Match:
        entry = self._entries[found]
        for key in EXTERNAL_IDS:
            value = getattr(actor, key)
            if value and key not in entry.external:
                entry.external[key] = str(value).strip().upper()
                self._external.setdefault((key, entry.external[key]), found)
        if entry.country is None and actor.country:
            entry.country = actor.country
        self.add_aliases(found, [actor.name, *actor.aliases])
        return Match(found, how)

    def _new(self, actor: Actor, review: ReviewItem | None = None) -> Match:
        new_id = actor.id
        if new_id in self._entries:
            n = 2
            while f"{actor.id}-{n}" in self._entries:
                earlier = self._entries[f"{actor.id}-{n}"]
                if (
                    earlier.label == "Actor"
                    and self._conflict(earlier, actor) is None
                    and normalise(earlier.name) == normalise(actor.name)
                ):
                    return self._matched(actor, earlier.id, "id")  # the same actor kept apart last time
                n += 1
            new_id = f"{actor.id}-{n}"
        entry = _Entry(
            id=new_id,
            name=actor.name,
            country=actor.country,
            kind=actor.kind,
            external={k: str(getattr(actor, k)).strip().upper() for k in EXTERNAL_IDS if getattr(actor, k)},
        )
        self._register(entry, actor.aliases)
        if actor.kind == "Government" and actor.country:
            self._add_government(actor.country, new_id, actor.properties.get("governmentOf") == actor.country)
        if review is not None:
            review.incoming_id = new_id
        return Match(new_id, "new", review)


def _only_countries_differ(conflict: str | None) -> bool:
    return conflict is not None and conflict.startswith("different countries")


def _kinds_differ(one: str | None, other: str | None) -> bool:
    return bool(one and other and one != "Other" and other != "Other" and one != other)
