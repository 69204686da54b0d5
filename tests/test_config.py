from pathlib import Path

import pytest

from netmap.config import load_settings
from netmap.errors import ConfigError


def test_environment_overrides_toml(tmp_path: Path):
    toml = tmp_path / "netmap.toml"
    toml.write_text('home_actor = "iom"\nbolt_port = 7700\nsectors_of_interest = ["health care", "IT"]\n')
    settings = load_settings(toml, env={"NETMAP_BOLT_PORT": "7800"})
    assert settings.home_actor == "iom"
    assert settings.bolt_port == 7800
    assert settings.sectors_of_interest == ("health care", "IT")


def test_external_uri_means_no_managed_server():
    assert load_settings(env={}).managed is True
    settings = load_settings(env={"NETMAP_NEO4J_URI": "neo4j+s://x.databases.neo4j.io", "NETMAP_NEO4J_PASSWORD": "p"})
    assert settings.managed is False
    assert settings.neo4j_password == "p"


def test_comma_separated_env_lists_become_tuples():
    settings = load_settings(env={"NETMAP_COUNTRIES_OF_INTEREST": "DEU, CAN"})
    assert settings.countries_of_interest == ("DEU", "CAN")


def test_bad_number_is_a_config_error_naming_the_variable():
    with pytest.raises(ConfigError, match="NETMAP_BOLT_PORT: bolt_port has 'abc'"):
        load_settings(env={"NETMAP_BOLT_PORT": "abc"})


def test_broken_toml_is_a_config_error(tmp_path: Path):
    toml = tmp_path / "netmap.toml"
    toml.write_text("home_actor = \n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(toml, env={})


def test_unknown_toml_keys_are_kept_as_extra(tmp_path: Path):
    toml = tmp_path / "netmap.toml"
    toml.write_text("[weights]\nFUNDS = 2.0\n")
    assert load_settings(toml, env={}).extra == {"weights": {"FUNDS": 2.0}}
