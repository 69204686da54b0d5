"""Build the shipped sample network from the researched ecosystem data (a developer's script).

The sample is the ecosystem's real organisations, programmes, forums and sourced ties, plus an
illustrative layer: influence and engagement scores, fictional actors and the ties that connect them.
The CSV outputs are committed and shipped with the package; this script only regenerates them::

    python -m netmap.sample.build path/to/data/ecosystem [--out netmap/sample] [--seed 2026]

The same ecosystem folder and seed always give the same bytes.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from netmap.model import derive_sphere
from netmap.sample.generate import ACTOR_COLUMNS, REL_COLUMNS

HOME = "iom"
SCORES_TAG = "illustrative-scores"
FICTIONAL_TAG = "fictional"
DEFAULT_SEED = 2026

# --- the illustrative layer on real organisations ------------------------------------------------------

#: Hand-picked engagement of the home actor with real organisations (illustrative, not a fact).
REAL_ENGAGEMENT: dict[str, str] = {
    **dict.fromkeys("unhcr tbb talentlift giz icmpd eu-dg-home refugepoint".split(), "partner"),
    **dict.fromkeys(
        "ilo oecd tent refugee-hub jumpstart ircc uk-home-office nasc refuaid cedefop world-bank au-home-affairs "
        "fedasil us-state-prm unesco eu-commission".split(),
        "engaged",
    ),
    **dict.fromkeys(
        "ioe icc wef fragomen hias irc shapiro-foundation gov-portugal aima-portugal vdab nhs-england "
        "refugee-talent-hub icmc gov-canada".split(),
        "contacted",
    ),
}
#: Hand-picked influence (1-5) for the organisations that set the agenda (illustrative).
REAL_INFLUENCE: dict[str, int] = {
    **dict.fromkeys("unhcr iom eu-commission eu-dg-home world-bank gov-canada wef".split(), 5),
    **dict.fromkeys(
        "ilo oecd icc ioe tbb tent gov-australia uk-home-office ircc giz bmz us-state-prm icmpd ituc unesco euaa "
        "au-home-affairs nhs-england osf".split(),
        4,
    ),
}
#: Sphere overrides where the kind-and-sectors rule misses the point (the tool's classification, not a fact).
SPHERE_OVERRIDES: dict[str, str] = {"iom": "both", "unhcr": "both", "icmc": "both", "refugepoint": "both"}

#: Engagement distribution by kind for actors not hand-picked: (status, weight) pairs.
ENGAGEMENT_BY_KIND: dict[str, Sequence[tuple[str, int]]] = {
    "Company": (("none", 55), ("identified", 35), ("contacted", 10)),
    "EmployerOrganisation": (("none", 35), ("identified", 45), ("contacted", 20)),
    "TradeUnion": (("none", 50), ("identified", 50)),
    "NGO": (("identified", 35), ("contacted", 35), ("engaged", 30)),
    "CivilSociety": (("identified", 50), ("contacted", 30), ("engaged", 20)),
    "RefugeeLed": (("identified", 40), ("contacted", 30), ("engaged", 30)),
    "Government": (("none", 15), ("identified", 45), ("contacted", 40)),
    "IGO": (("identified", 30), ("contacted", 40), ("engaged", 30)),
    "Academic": (("none", 20), ("identified", 40), ("contacted", 30), ("engaged", 10)),
    "Foundation": (("none", 20), ("identified", 40), ("contacted", 40)),
    "Other": (("none", 50), ("identified", 40), ("contacted", 10)),
}
#: Influence range (inclusive) by kind for real actors not hand-picked, and for fictional ones.
INFLUENCE_REAL: dict[str, tuple[int, int]] = {
    "IGO": (3, 4),
    "Government": (3, 4),
    "Company": (2, 4),
    "EmployerOrganisation": (3, 4),
    "NGO": (2, 3),
    "Foundation": (2, 3),
    "TradeUnion": (3, 3),
    "Academic": (2, 3),
    "CivilSociety": (2, 2),
    "RefugeeLed": (2, 3),
    "Other": (2, 3),
}
INFLUENCE_FICTIONAL: dict[str, tuple[int, int]] = {
    "IGO": (2, 3),
    "Government": (2, 3),
    "Company": (1, 3),
    "EmployerOrganisation": (2, 3),
    "NGO": (1, 3),
    "Foundation": (2, 3),
    "TradeUnion": (2, 3),
    "Academic": (1, 2),
    "CivilSociety": (1, 2),
    "RefugeeLed": (1, 2),
    "Other": (1, 2),
}

# --- the fictional layer ----------------------------------------------------------------------------------

#: The fictional layer's files, beside this module: actors (id, name, kind, country, sectors, what it
#: is), initiatives (id, name, kind, countries, description) and illustrative ties (from, to, type;
#: PARTNERS_WITH is stored once per pair). Employers sit two or more hops from the home actor, behind
#: employer organisations, forums, NGOs and refugee-led organisations.
FICTIONAL = Path(__file__).resolve().parent / "fictional"


def _csv_rows(path: Path) -> list[list[str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return [row for row in csv.reader(handle) if row][1:]


def _tie_rows(path: Path) -> list[list[str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.split() for line in lines if line.strip() and not line.startswith("#")]


FICTIONAL_ACTORS: list[list[str]] = _csv_rows(FICTIONAL / "actors.csv")
FICTIONAL_INITIATIVES: list[list[str]] = _csv_rows(FICTIONAL / "initiatives.csv")
FICTIONAL_TIES: list[list[str]] = _tie_rows(FICTIONAL / "ties.txt")

#: Fictional actors with a hand-picked engagement (the rest follow ENGAGEMENT_BY_KIND).
FICTIONAL_ENGAGEMENT: dict[str, str] = {
    "skillbridge-recognition": "engaged",
    "amman-career-pathways": "partner",
    "refugee-nurses-collective": "engaged",
    "displaced-engineers-network": "engaged",
    "talentmatch-platform": "contacted",
    "atlas-recruitment": "contacted",
    "skills-recognition-compact": "engaged",
    "care-employers-federation": "identified",
}

CURRENCY_BY_COUNTRY = {"USA": "USD", "CHE": "CHF", "NOR": "NOK", "AUS": "AUD", "SWE": "SEK", "": "EUR"}


# --- reading --------------------------------------------------------------------------------------------


def _read(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        raise SystemExit(
            f"error: {path}: no such file — pass the ecosystem folder (actors.csv, programmes.csv, relationships.csv)"
        )
    with path.open(newline="", encoding="utf-8") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


def _pick(rng: random.Random, weights: Sequence[tuple[str, int]]) -> str:
    return rng.choices([w[0] for w in weights], weights=[w[1] for w in weights])[0]


def _sphere(actor_id: str, kind: str, sectors: str) -> str:
    return SPHERE_OVERRIDES.get(actor_id) or derive_sphere(kind, [s for s in sectors.split("|") if s])


# --- building -------------------------------------------------------------------------------------------


def build_actor_rows(ecosystem: Path, rng: random.Random) -> list[dict[str, str]]:
    """The actor rows: real organisations, real initiatives, then fictional actors and initiatives."""
    rows: list[dict[str, str]] = []
    for real in _read(ecosystem / "actors.csv"):
        kind = real["kind"]
        lo, hi = INFLUENCE_REAL[kind]
        influence = REAL_INFLUENCE.get(real["id"]) or rng.randint(lo, hi)
        if real["id"] == HOME:
            engagement = ""
        else:
            engagement = REAL_ENGAGEMENT.get(real["id"]) or _pick(rng, ENGAGEMENT_BY_KIND[kind])
        rows.append(
            {
                "id": real["id"],
                "name": real["name"],
                "kind": kind,
                "country": real["country"],
                "sectors": real["sectors"],
                "tags": SCORES_TAG,
                "sphere": _sphere(real["id"], kind, real["sectors"]),
                "influence": str(influence),
                "engagement": engagement,
                "url": real["url"],
                "illustrative": "false",
                "source_url": real["source_url"],
            }
        )
    for prog in _read(ecosystem / "programmes.csv"):
        rows.append(
            {
                "id": prog["id"],
                "name": prog["name"],
                "kind": prog["kind"],
                "country": prog["country"],
                "description": prog["description"],
                "illustrative": "false",
                "source_url": prog["source_url"],
            }
        )
    for actor_id, name, kind, country, sectors, what in FICTIONAL_ACTORS:
        lo, hi = INFLUENCE_FICTIONAL[kind]
        engagement = FICTIONAL_ENGAGEMENT.get(actor_id) or _pick(rng, ENGAGEMENT_BY_KIND[kind])
        rows.append(
            {
                "id": actor_id,
                "name": name,
                "kind": kind,
                "country": country,
                "sectors": sectors,
                "tags": FICTIONAL_TAG,
                "sphere": _sphere(actor_id, kind, sectors),
                "influence": str(rng.randint(lo, hi)),
                "engagement": engagement,
                "description": f"Fictional: {what}.",
                "illustrative": "true",
            }
        )
    for init_id, name, label, countries, description in FICTIONAL_INITIATIVES:
        rows.append(
            {
                "id": init_id,
                "name": name,
                "kind": label,
                "country": countries,
                "tags": FICTIONAL_TAG,
                "description": f"Fictional: {description}",
                "illustrative": "true",
            }
        )
    return rows


def build_relationship_rows(
    ecosystem: Path, rng: random.Random, actor_rows: Sequence[dict[str, str]]
) -> list[dict[str, str]]:
    """The relationship rows: every real tie as published, then the illustrative ties."""
    countries = {row["id"]: row.get("country", "") for row in actor_rows}
    rows: list[dict[str, str]] = []
    for real in _read(ecosystem / "relationships.csv"):
        rows.append(
            {
                "from": real["from"],
                "to": real["to"],
                "type": real["type"],
                "since": real["since"],
                "illustrative": "false",
                "source_url": real["source_url"],
            }
        )
    for src, dst, rel_type in FICTIONAL_TIES:
        row = {"from": src, "to": dst, "type": rel_type, "strength": str(rng.randint(1, 5)), "illustrative": "true"}
        if rng.random() < 0.5:
            row["since"] = str(rng.randint(2019, 2026))
        if rel_type == "FUNDS":
            row["amount"] = str(rng.choice([25_000, 50_000, 100_000, 150_000, 250_000, 500_000]))
            row["currency"] = CURRENCY_BY_COUNTRY.get(countries.get(src, ""), "EUR")
            row["note"] = "illustrative grant"
        rows.append(row)
    return rows


def check(actor_rows: Sequence[dict[str, str]], rel_rows: Sequence[dict[str, str]]) -> None:
    """Fail loudly on an unknown endpoint, a duplicate id or a partnership stored twice."""
    ids = [row["id"] for row in actor_rows]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise SystemExit(f"error: duplicate ids: {', '.join(dupes)}")
    known = set(ids)
    seen: set[tuple[str, ...]] = set()
    for row in rel_rows:
        for end in (row["from"], row["to"]):
            if end not in known:
                raise SystemExit(f"error: tie {row['from']} -> {row['to']}: unknown id {end!r}")
        key: tuple[str, ...]
        if row["type"] == "PARTNERS_WITH":
            key = ("PARTNERS_WITH", *sorted((row["from"], row["to"])))
        else:
            key = (row["type"], row["from"], row["to"])
        if key in seen:
            raise SystemExit(f"error: tie stored twice: {key}")
        seen.add(key)


def write_csv(path: Path, columns: Sequence[str], rows: Iterable[dict[str, str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([row.get(c, "") for c in columns])


def build(ecosystem: Path, out: Path, seed: int = DEFAULT_SEED) -> tuple[int, int]:
    """Write ``actors.csv`` and ``relationships.csv`` into ``out``; return (actor rows, relationship rows)."""
    rng = random.Random(seed)
    actor_rows = build_actor_rows(ecosystem, rng)
    rel_rows = build_relationship_rows(ecosystem, rng, actor_rows)
    check(actor_rows, rel_rows)
    out.mkdir(parents=True, exist_ok=True)
    write_csv(out / "actors.csv", ACTOR_COLUMNS, actor_rows)
    write_csv(out / "relationships.csv", REL_COLUMNS, rel_rows)
    return len(actor_rows), len(rel_rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Rebuild the shipped sample network from the ecosystem data.")
    parser.add_argument("ecosystem", type=Path, help="folder with actors.csv, programmes.csv, relationships.csv")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent, help="output folder")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="seed of the illustrative scores")
    args = parser.parse_args(argv)
    actors, ties = build(args.ecosystem, args.out, args.seed)
    print(f"wrote {args.out / 'actors.csv'} ({actors} rows) and {args.out / 'relationships.csv'} ({ties} rows)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
