"""How strong a tie is: a weight per relationship type, scaled by the tie's own strength.

A collapsed edge (every tie between one pair) has ``weight`` = the sum of its ties' weights and
``cost`` = ``1 / weight``: many strong ties make a cheap hop for a warm introduction.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from netmap.errors import ConfigError

__all__ = ["DEFAULT_TYPE_WEIGHTS", "WeightTable"]

#: Weight of one tie of each type at the default strength (3 of 5).
DEFAULT_TYPE_WEIGHTS: dict[str, float] = {
    "PARTNERS_WITH": 1.0,
    "ENGAGED_WITH": 1.0,
    "IMPLEMENTS": 0.8,
    "FUNDS": 0.8,
    "PART_OF": 0.9,
    "MEMBER_OF": 0.6,
    "PARTICIPATES_IN": 0.6,
    "EMPLOYS_IN": 0.3,
    "OPERATES_IN": 0.3,
    "IN_SECTOR": 0.2,
}


@dataclass(frozen=True, slots=True)
class WeightTable:
    """Relationship type → weight, with a default for types the table does not name.

    ``strength`` (1-5) scales a tie's weight by ``strength / neutral_strength``; a tie without a
    strength counts as neutral.

    >>> table = WeightTable()
    >>> table.weight("PARTNERS_WITH", 3), table.weight("MEMBER_OF", None), table.weight("PARTNERS_WITH", 5)
    (1.0, 0.6, 1.6667)
    >>> table.weight("KNOWS", None), table.is_configured("KNOWS")
    (0.5, False)
    """

    types: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_TYPE_WEIGHTS))
    default: float = 0.5
    neutral_strength: int = 3

    def is_configured(self, rel_type: str) -> bool:
        return rel_type in self.types

    def weight(self, rel_type: str, strength: int | float | None) -> float:
        base = self.types.get(rel_type, self.default)
        factor = 1.0 if strength is None else float(strength) / self.neutral_strength
        return round(base * factor, 4)

    @classmethod
    def from_config(cls, data: Mapping[str, Any] | None) -> WeightTable:
        """A table from a ``[weights]`` section of netmap.toml (``PARTNERS_WITH = 1.0``, ``default = 0.5``).

        >>> WeightTable.from_config({"member_of": 0.9, "default": 0.1}).weight("MEMBER_OF", None)
        0.9
        """
        if not data:
            return cls()
        types = dict(DEFAULT_TYPE_WEIGHTS)
        default = 0.5
        for key, value in data.items():
            try:
                number = float(value)
            except (TypeError, ValueError):
                raise ConfigError(
                    f"weights: {key} has {value!r}, which is not a number", "use e.g. MEMBER_OF = 0.6"
                ) from None
            if number <= 0:
                raise ConfigError(f"weights: {key} has {value!r}", "weights must be greater than 0")
            if key.lower() == "default":
                default = number
            else:
                types[key.upper()] = number
        return cls(types=types, default=default)
