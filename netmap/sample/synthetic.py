"""The synthetic network behind ``netmap generate``: actors' attributes and the ties between them.

Communities share a country and a sector; hubs grow by preferential attachment (the more ties and
influence an actor has, the more new ties it attracts); a humanitarian and an economic sphere with a
few brokers tied into both; programmes and forums (about 3 % of rows); engagement mostly ``none``.
Rows are produced lazily, so :mod:`netmap.sample.generate` streams them to disk.

>>> net = Network(50, seed=1, ties_per_actor=2.0)
>>> rows = list(net.actor_rows())
>>> len(rows), rows[0][0]
(50, 'home')
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator, Sequence

__all__ = ["HOME_ID", "INITIATIVE_KINDS", "Network"]

HOME_ID = "home"

_ECONOMIC_KINDS = ("Company", "EmployerOrganisation", "TradeUnion")
_HUMANITARIAN_KINDS = ("NGO", "CivilSociety", "RefugeeLed")
INITIATIVE_KINDS = ("Programme", "Forum")
#: (kind, weight): the mix of rows; programmes and forums are about 3 %.
# fmt: off
_KIND_WEIGHTS: tuple[tuple[str, int], ...] = (
    ("Company", 340), ("NGO", 120), ("Government", 90), ("EmployerOrganisation", 80), ("Academic", 60),
    ("CivilSociety", 50), ("RefugeeLed", 40), ("Foundation", 40), ("Other", 40), ("TradeUnion", 30),
    ("IGO", 20), ("Programme", 20), ("Forum", 10),
)
_COUNTRIES = tuple(
    "DEU CAN AUS GBR ITA PRT IRL BEL NLD SWE NOR DNK FIN FRA ESP AUT CHE USA JPN NZL JOR LBN TUR KEN UGA ETH COL "
    "BRA GRC POL".split()
)
_ECONOMIC_SECTORS = (
    "health care", "elderly care", "IT", "hospitality", "construction", "logistics", "agriculture",
    "manufacturing", "food processing", "engineering", "retail", "energy",
)
_WORDS = tuple(
    "Northwind Kestrel Harbour Meridian Cedar Aurora Summit Riverside Bluepeak Granite Silverline Oakridge Lumen "
    "Horizon Beacon Crescent Fjord Maple Juniper Atlas Solstice Tideway Highland Evergreen Coral Polaris Sierra "
    "Willow Vista Keystone Larch Orchard".split()
)
# fmt: on
_KINDS = tuple(k for k, _ in _KIND_WEIGHTS)
_KIND_CUM: list[int] = []
for _k, _w in _KIND_WEIGHTS:
    _KIND_CUM.append((_KIND_CUM[-1] if _KIND_CUM else 0) + _w)
_BRIDGE_SECTORS = ("skills recognition", "language training", "job matching", "vocational training", "labour migration")
_HUMANITARIAN_SECTORS = ("refugee protection", "resettlement", "integration", "legal aid", "humanitarian")
_SECTORS = _ECONOMIC_SECTORS + _BRIDGE_SECTORS + _HUMANITARIAN_SECTORS
_N_ECONOMIC = len(_ECONOMIC_SECTORS)
_N_BRIDGE = len(_BRIDGE_SECTORS)

_NAME_TEMPLATES: dict[str, tuple[str, ...]] = {
    "Company": ("{w} {S} Group", "{w} {S} Ltd", "{w} {S} Services", "{w} {S} Partners"),
    "EmployerOrganisation": ("{w} {S} Employers' Association", "{w} Chamber of {S}", "{S} Industry Council {w}"),
    "TradeUnion": ("{S} Workers' Union {w}", "{w} Federation of {S} Workers"),
    "NGO": ("{w} Refugee Support", "{w} Pathways Network", "{w} {S} Initiative"),
    "CivilSociety": ("{w} Welcome Group", "{w} Community Association", "{w} Neighbours"),
    "RefugeeLed": ("{w} Refugee Professionals", "{w} Displaced Talent Collective", "{w} Refugee {S} Network"),
    "Government": ("Ministry of {S}, {w}", "{w} Regional Employment Agency", "{w} Migration Office"),
    "IGO": ("{w} Labour Mobility Commission", "{w} Regional Skills Compact"),
    "Academic": ("{w} Institute for {S} Studies", "{w} University", "{w} College of {S}"),
    "Foundation": ("{w} Foundation", "{w} Family Foundation", "{w} Trust for {S}"),
    "Other": ("{w} {S} Platform", "{w} Development Agency", "{w} Cooperative"),
    "Programme": ("{w} {S} Pathway", "{w} Talent Mobility Pilot", "{w} {S} Corridor"),
    "Forum": ("{w} {S} Roundtable", "{w} Task Force on {S}", "{w} Employer Network"),
}
_ENGAGEMENT = ("none", "identified", "contacted", "engaged", "partner")
_ENGAGEMENT_CUM = (720, 880, 950, 990, 1000)
_INFLUENCE_CUM = (40, 70, 88, 97, 100)
_CURRENCIES = ("EUR", "USD", "EUR", "GBP", "CAD", "AUD")


def _lei(index: int) -> str:
    """A well-formed synthetic LEI (ISO 17442 check digits) that no real entity has."""
    base = f"GEN000{index:012d}"
    digits = "".join(str(int(c, 36)) for c in base) + "00"
    return f"{base}{98 - int(digits) % 97:02d}"


class Network:
    """The actors' attributes (compact lists) and the tie generator over them."""

    def __init__(self, n: int, seed: int, ties_per_actor: float) -> None:
        self.n = n
        self.rng = random.Random(seed)
        self.width = max(6, len(str(n - 1)))
        self.target_ties = max(0, round(ties_per_actor * n))
        rng = self.rng
        n_comm = max(1, round(n / 60))
        self.comm_country = [rng.choice(_COUNTRIES) for _ in range(n_comm)]
        self.comm_sector = [rng.randrange(len(_SECTORS)) for _ in range(n_comm)]
        comm_weights = [1.0 / math.sqrt(c + 1) for c in range(n_comm)]
        comm_cum: list[float] = []
        total = 0.0
        for w in comm_weights:
            total += w
            comm_cum.append(total)

        kinds = ["IGO"] + [_KINDS[(i - 1) % len(_KINDS)] for i in range(1, min(n, len(_KINDS) + 1))]
        kinds += rng.choices(_KINDS, cum_weights=_KIND_CUM, k=n - len(kinds))
        self.kind = kinds
        self.comm = [0] + rng.choices(range(n_comm), cum_weights=comm_cum, k=n - 1)
        self.influence = [5] + [
            min(
                5,
                rng.choices((1, 2, 3, 4, 5), cum_weights=_INFLUENCE_CUM)[0] + (1 if k in ("IGO", "Government") else 0),
            )
            for k in kinds[1:]
        ]
        self.broker = [False] + [rng.random() < 0.03 for _ in range(n - 1)]
        self.sphere = [self._sphere(i) for i in range(n)]

        # preferential-attachment pools: an actor appears once per influence point, then once per tie
        self.comm_pool: list[list[int]] = [[] for _ in range(n_comm)]
        self.sphere_pool: dict[str, list[int]] = {"economic": [], "humanitarian": []}
        self.global_pool: list[int] = []
        self.init_pool: list[int] = []
        self.sources: list[int] = []
        for i in range(n):
            if kinds[i] in INITIATIVE_KINDS:
                self.init_pool.append(i)
                continue
            weight = [i] * self.influence[i]
            self.sources.append(i)
            self.comm_pool[self.comm[i]].extend(weight)
            self.global_pool.extend(weight)
            for sphere in self._pools_of(i):
                self.sphere_pool[sphere].extend(weight)
        self.seen: set[int] = set()

        # the home actor's own ties: its partners and engaged actors are among them
        others = [i for i in self.sources if i != 0]
        k_home = min(len(others), 5 + int(math.sqrt(n)), self.target_ties)
        k_init = min(len(self.init_pool), 2 + int(n**0.25), self.target_ties - k_home)
        self.home_ties = sorted(rng.sample(others, k_home)) + sorted(rng.sample(self.init_pool, k_init))
        self.engagement = [""] + [_ENGAGEMENT[self._pick_cum(_ENGAGEMENT_CUM)] for _ in range(n - 1)]
        for i in self.home_ties:
            self.engagement[i] = rng.choice(("partner", "engaged", "engaged", "contacted"))
        for i in self.init_pool:
            self.engagement[i] = ""

    def _pick_cum(self, cum: Sequence[int]) -> int:
        roll = self.rng.randrange(cum[-1])
        for idx, bound in enumerate(cum):
            if roll < bound:
                return idx
        return len(cum) - 1

    def _sphere(self, i: int) -> str:
        kind = self.kind[i]
        if i == 0:
            return "both"
        if kind in INITIATIVE_KINDS:
            return ""
        if kind in _ECONOMIC_KINDS:
            return "economic"
        if self.broker[i]:
            return "both"
        sector = self.comm_sector[self.comm[i]]
        if kind in _HUMANITARIAN_KINDS:
            return "both" if _N_ECONOMIC <= sector < _N_ECONOMIC + _N_BRIDGE else "humanitarian"
        return "humanitarian" if sector >= _N_ECONOMIC + _N_BRIDGE else "economic"

    def _pools_of(self, i: int) -> tuple[str, ...]:
        sphere = self.sphere[i]
        return ("economic", "humanitarian") if sphere == "both" else ((sphere,) if sphere else ())

    def ident(self, i: int) -> str:
        return HOME_ID if i == 0 else f"gen-{i:0{self.width}d}"

    # --- rows -------------------------------------------------------------------------------------------

    def actor_rows(self) -> Iterator[list[str]]:
        rng = self.rng
        for i in range(self.n):
            kind = self.kind[i]
            comm = self.comm[i]
            sector = _SECTORS[self.comm_sector[comm]]
            if i == 0:
                yield [
                    HOME_ID,
                    "Home Organisation (synthetic)",
                    "IGO",
                    "",
                    "labour migration|refugee protection",
                    "synthetic|home",
                    "both",
                    "5",
                    "",
                    "The user's own organisation: ties and engagement are relative to it.",
                    "",
                    "",
                    "",
                    "",
                    "true",
                    "",
                ]
                continue
            country = self.comm_country[comm] if rng.random() < 0.9 else rng.choice(_COUNTRIES)
            sectors = sector
            if rng.random() < 0.35:
                extra = rng.choice(_SECTORS)
                if extra != sector:
                    sectors = f"{sector}|{extra}"
            word = _WORDS[(i * 7 + comm) % len(_WORDS)]
            template = _NAME_TEMPLATES[kind][i % len(_NAME_TEMPLATES[kind])]
            name = f"{template.format(w=word, S=sector[:1].upper() + sector[1:])} #{i}"
            if kind in INITIATIVE_KINDS:
                if rng.random() < 0.4:
                    country = ""
                elif rng.random() < 0.3:
                    country = "|".join(sorted({country, rng.choice(_COUNTRIES)}))
                label = "programme" if kind == "Programme" else "forum"
                yield [
                    self.ident(i),
                    name,
                    kind,
                    country,
                    sectors,
                    "synthetic",
                    "",
                    "",
                    "",
                    f"Synthetic {label} on {sector}.",
                    "",
                    "",
                    "",
                    "",
                    "true",
                    "",
                ]
                continue
            tags = "synthetic|broker" if self.broker[i] else "synthetic"
            url = f"https://{self.ident(i)}.example.org" if rng.random() < 0.2 else ""
            iati = lei = ""
            roll = rng.random()
            if kind == "Company" and roll < 0.15:
                lei = _lei(i)
            elif kind in ("NGO", "IGO", "Foundation", "Government") and roll < 0.2:
                iati = f"XI-IATI-GEN{i:0{self.width}d}"
            yield [
                self.ident(i),
                name,
                kind,
                country,
                sectors,
                tags,
                self.sphere[i],
                str(self.influence[i]),
                self.engagement[i],
                "",
                url,
                iati,
                lei,
                "",
                "true",
                "",
            ]

    def _typed(self, src: int, dst: int) -> tuple[int, int, str]:
        """The type of a tie between two actors, and its direction."""
        ks, kd = self.kind[src], self.kind[dst]
        if kd in INITIATIVE_KINDS:
            if ks in ("Government", "IGO", "Foundation") and self.rng.random() < 0.3:
                return src, dst, "FUNDS"
            if kd == "Programme":
                return src, dst, "IMPLEMENTS" if self.rng.random() < 0.3 else "PARTICIPATES_IN"
            return src, dst, "MEMBER_OF" if self.rng.random() < 0.4 else "PARTICIPATES_IN"
        if ks == "Company" and kd == "EmployerOrganisation":
            return src, dst, "MEMBER_OF"
        if ks == "EmployerOrganisation" and kd == "Company":
            return dst, src, "MEMBER_OF"
        if ks == "Foundation" and kd != "Foundation":
            return src, dst, "FUNDS"
        if kd == "Foundation" and ks != "Foundation":
            return dst, src, "FUNDS"
        if ks == kd == "Government" and self.rng.random() < 0.2:
            return src, dst, "PART_OF"
        if ks in ("Government", "IGO") and self.rng.random() < 0.15:
            return src, dst, "FUNDS"
        a, b = (src, dst) if src < dst else (dst, src)
        return a, b, "PARTNERS_WITH"

    def _tie_row(self, src: int, dst: int, rel: str) -> list[str]:
        rng = self.rng
        since = str(rng.randint(2010, 2026)) if rng.random() < 0.4 else ""
        until = str(min(2026, int(since) + rng.randint(1, 5))) if since and rng.random() < 0.1 else ""
        amount = currency = ""
        if rel == "FUNDS":
            amount = str(rng.choice((10, 25, 50, 100, 250, 500, 1000)) * 1000)
            currency = rng.choice(_CURRENCIES)
        return [
            self.ident(src),
            self.ident(dst),
            rel,
            str(rng.randint(1, 5)),
            since,
            until,
            amount,
            currency,
            "",
            "true",
            "",
        ]

    def _add(self, src: int, dst: int) -> list[str] | None:
        if src == dst:
            return None
        a, b, rel = self._typed(src, dst)
        # one partnership per pair and one directed tie per ordered pair
        key = (a * self.n + b) * 2 + (rel != "PARTNERS_WITH")
        if key in self.seen:
            return None
        self.seen.add(key)
        for i in (src, dst):
            if self.kind[i] in INITIATIVE_KINDS:
                self.init_pool.append(i)
                continue
            self.comm_pool[self.comm[i]].append(i)
            self.global_pool.append(i)
            for sphere in self._pools_of(i):
                self.sphere_pool[sphere].append(i)
        return self._tie_row(a, b, rel)

    def tie_rows(self) -> Iterator[list[str]]:
        rng = self.rng
        made = 0
        for dst in self.home_ties:
            row = self._add(0, dst)
            if row is not None:
                made += 1
                yield row
        if len(self.sources) < 2 and not self.init_pool:
            return
        attempts = 0
        max_attempts = 3 * self.target_ties + 100
        sources, init_pool, global_pool = self.sources, self.init_pool, self.global_pool
        while made < self.target_ties and attempts < max_attempts:
            attempts += 1
            src = sources[rng.randrange(len(sources))]
            roll = rng.random()
            if roll < 0.08 and init_pool:
                dst = init_pool[rng.randrange(len(init_pool))]
            elif self.broker[src] and roll < 0.55:
                pool = self.sphere_pool["economic" if roll < 0.315 else "humanitarian"]
                dst = pool[rng.randrange(len(pool))] if pool else src
            elif roll < 0.8:
                pool = self.comm_pool[self.comm[src]]
                dst = pool[rng.randrange(len(pool))]
            else:
                dst = global_pool[rng.randrange(len(global_pool))]
            row = self._add(src, dst)
            if row is not None:
                made += 1
                yield row
