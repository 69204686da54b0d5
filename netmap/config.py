"""Settings from ``NETMAP_*`` environment variables and an optional ``netmap.toml``.

Precedence: explicit arguments > environment > ``netmap.toml`` (in the working folder, or the file
named by ``NETMAP_CONFIG``) > the saved settings (``NETMAP_HOME/settings.toml``, written by ``netmap
config set`` and ``netmap demo``) > defaults. Keys in the toml files are the lower-case names without the
``NETMAP_`` prefix (``home_actor = "iom"``, ``neo4j_uri = "neo4j+s://..."``).

>>> origins = settings_origins(env={"NETMAP_HOME": "/nonexistent", "NETMAP_HOME_ACTOR": "iom"})
>>> origins["home_actor"], origins["bolt_port"]
('NETMAP_HOME_ACTOR', 'default')
"""

from __future__ import annotations

import json
import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from netmap.errors import ConfigError
from netmap.private import private_dir, write_private


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
    #: Stakeholder assessments older than this many days are flagged as stale.
    assessment_max_age_days: int = 365
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


#: The saved settings' file name, inside ``NETMAP_HOME``.
SAVED_FILE = "settings.toml"
#: Settings shown masked by ``netmap config show``.
SECRETS = frozenset({"neo4j_password", "secret_key"})


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})", "fix the file or remove it") from None


def _resolve(config_file: str | Path | None, env: dict[str, str] | None) -> tuple[dict[str, Any], dict[str, str]]:
    """The values set somewhere and, for every field, where its value comes from."""
    env = dict(os.environ if env is None else env)
    values: dict[str, Any] = {}
    origins: dict[str, str] = {}
    path = Path(config_file or env.get("NETMAP_CONFIG") or "netmap.toml")
    layers: list[tuple[str, dict[str, Any]]] = []
    if path.is_file():
        layers.append((str(path), _read_toml(path)))
    environment = {
        name: env[f"NETMAP_{name.upper()}"]
        for name in _FIELD_TYPES
        if name != "extra" and env.get(f"NETMAP_{name.upper()}") not in (None, "")
    }
    home = environment.get("home") or (layers[0][1].get("home") if layers else None)
    saved = saved_file(Path(_coerce("home", home, "home")) if home else _default_home())
    if saved.is_file():
        layers.insert(0, (str(saved), _read_toml(saved)))
    for origin, data in layers:
        for key, value in data.items():
            name = key.lower()
            if name in _FIELD_TYPES and name != "extra":
                values[name] = _coerce(name, value, origin)
                origins[name] = origin
            else:
                values.setdefault("extra", {})[name] = value
    for name, env_value in environment.items():
        values[name] = _coerce(name, env_value, f"NETMAP_{name.upper()}")
        origins[name] = f"NETMAP_{name.upper()}"
    return values, {name: origins.get(name, "default") for name in _FIELD_TYPES if name != "extra"}


def load_settings(config_file: str | Path | None = None, env: dict[str, str] | None = None) -> Settings:
    """Read settings from the saved settings, the toml file and the environment."""
    values, _ = _resolve(config_file, env)
    return Settings(**values)


def settings_origins(config_file: str | Path | None = None, env: dict[str, str] | None = None) -> dict[str, str]:
    """Where each setting in force comes from: ``NETMAP_X``, a toml file's path, or ``default``."""
    return _resolve(config_file, env)[1]


def saved_file(home: Path) -> Path:
    return Path(home) / SAVED_FILE


def save_setting(home: Path, name: str, value: str | None) -> Path:
    """Keep ``name = value`` in the saved settings (``None`` removes it); returns the file.

    The value is checked as the setting's type first; the file is replaced atomically and private (0600).
    """
    if name not in _FIELD_TYPES or name in ("extra", "home"):
        known = ", ".join(n for n in _FIELD_TYPES if n not in ("extra", "home"))
        raise ConfigError(f"there is no setting {name!r}", f"use one of {known}")
    path = saved_file(home)
    data = _read_toml(path) if path.is_file() else {}
    if value is None:
        data.pop(name, None)
    else:
        data[name] = _coerce(name, value, "netmap config set")
    lines = ["# netmap's saved settings (netmap config set/unset); netmap.toml and NETMAP_* win over these\n"]
    lines += [f"{key} = {_toml_value(data[key])}\n" for key in sorted(data)]
    private_dir(path.parent)  # NETMAP_HOME
    return write_private(path, "".join(lines))


def _toml_value(value: Any) -> str:
    """A TOML literal for the types settings have (JSON's string escapes are valid TOML basic strings)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, tuple | list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return json.dumps(str(value), ensure_ascii=False)
