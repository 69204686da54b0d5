"""``netmap config``: the settings in force with their origin, and saved settings that stick."""

from __future__ import annotations

import json
import stat

from netmap.config import saved_file


def _shown(cli, *env_pairs) -> dict[str, dict[str, str]]:
    result = cli("config", "show", "--format", "json", env=dict(env_pairs))
    assert result.exit_code == 0, result.output
    return {row["setting"]: row for row in json.loads(result.output)}


def test_show_says_where_each_setting_comes_from(cli_no_db):
    shown = _shown(cli_no_db, ("NETMAP_BOLT_PORT", "7999"), ("NETMAP_NEO4J_PASSWORD", "s3cret"))
    assert shown["bolt_port"] == {"setting": "bolt_port", "value": "7999", "from": "NETMAP_BOLT_PORT"}
    assert shown["query_timeout"]["from"] == "default"
    assert shown["neo4j_password"]["value"] == "(set)", "secrets are never printed"


def test_set_keeps_a_setting_for_later_commands_privately(cli_no_db):
    result = cli_no_db("config", "set", "home_actor", "iom")
    assert result.exit_code == 0 and result.output.startswith("saved home_actor = iom in ")
    home = cli_no_db.env["NETMAP_HOME"]
    assert stat.S_IMODE(saved_file(home).stat().st_mode) == 0o600
    assert _shown(cli_no_db)["home_actor"] == {
        "setting": "home_actor",
        "value": "iom",
        "from": str(saved_file(home)),
    }
    assert _shown(cli_no_db, ("NETMAP_HOME_ACTOR", "unhcr"))["home_actor"]["from"] == "NETMAP_HOME_ACTOR"
    assert cli_no_db("config", "unset", "home_actor").exit_code == 0
    assert _shown(cli_no_db)["home_actor"]["from"] == "default"


def test_set_refuses_an_unknown_setting_or_a_bad_value(cli_no_db):
    unknown = cli_no_db("config", "set", "colour", "blue")
    assert unknown.exit_code == 1
    assert unknown.stderr.startswith("error: there is no setting 'colour' — use one of neo4j_uri, ")
    bad = cli_no_db("config", "set", "bolt_port", "many")
    assert bad.exit_code == 1
    assert bad.stderr == "error: netmap config set: bolt_port has 'many', which is not a valid int\n"


def test_a_setting_overridden_by_the_environment_says_so(cli_no_db):
    result = cli_no_db("config", "set", "home_actor", "iom", env={"NETMAP_HOME_ACTOR": "unhcr"})
    assert "note: NETMAP_HOME_ACTOR sets home_actor too, and wins over the saved value" in result.output
