"""Settings from ``NETMAP_*`` environment variables and an optional ``netmap.toml``.

Precedence: explicit arguments > environment > ``netmap.toml`` (in the working folder, or the file
named by ``NETMAP_CONFIG``) > defaults. Keys in the toml file are the lower-case names without the
``NETMAP_`` prefix (``home_actor = "iom"``, ``neo4j_uri = "neo4j+s://..."``).
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from netmap.errors import ConfigError


def _default_home() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "netmap"


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything netmap reads from its environment, resolved once."""

    home: Path = field(default_factory=_default_home)
    #: An external server: when set, the managed Neo4j is never started.
    neo4j_uri: str | None = None
    neo4j_user: str = "neo4j"
    neo4j_password: str | None = None
    neo4j_database: str = "neo4j"
    #: Port of the managed local Neo4j's Bolt connector.
    bolt_port: int = 7687
    #: Version of Neo4j Community the managed server runs (5.26 LTS runs on Java 17).
    neo4j_version: str = "5.26.29"
    neo4j_heap: str = "1g"
    neo4j_pagecache: str = "512m"
    home_actor: str | None = None
    query_timeout: float = 30.0
    query_row_limit: int = 1000
    secret_key: str | None = None
    sectors_of_interest: tuple[str, ...] = ()
    countries_of_interest: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def managed(self) -> bool:
        """True when netmap runs its own local Neo4j (no ``NETMAP_NEO4J_URI``)."""
        return not self.neo4j_uri

    def with_overrides(self, **changes: Any) -> Settings:
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


_FIELD_TYPES = {f.name: f.type for f in fields(Settings)}


def _coerce(name: str, value: Any, origin: str) -> Any:
    kind = str(_FIELD_TYPES[name])
    try:
        if name == "home":
            return Path(str(value)).expanduser()
        if kind.startswith("int"):
            return int(value)
        if kind.startswith("float"):
            return float(value)
        if kind.startswith("tuple"):
            if isinstance(value, str):
                return tuple(v.strip() for v in value.split(",") if v.strip())
            return tuple(str(v) for v in value)
    except (TypeError, ValueError):
        raise ConfigError(f"{origin}: {name} has {value!r}, which is not a valid {kind}") from None
    return value


def load_settings(config_file: str | Path | None = None, env: dict[str, str] | None = None) -> Settings:
    """Read settings from the toml file and the environment."""
    env = dict(os.environ if env is None else env)
    values: dict[str, Any] = {}
    path = Path(config_file or env.get("NETMAP_CONFIG") or "netmap.toml")
    if path.is_file():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: not valid TOML ({exc})", "fix the file or remove it") from None
        for key, value in data.items():
            name = key.lower()
            if name in _FIELD_TYPES and name != "extra":
                values[name] = _coerce(name, value, str(path))
            else:
                values.setdefault("extra", {})[name] = value
    for name in _FIELD_TYPES:
        if name == "extra":
            continue
        env_value = env.get(f"NETMAP_{name.upper()}")
        if env_value not in (None, ""):
            values[name] = _coerce(name, env_value, f"NETMAP_{name.upper()}")
    return Settings(**values)
