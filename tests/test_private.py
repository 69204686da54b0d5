"""Private folders and files (0700 / 0600) whatever the umask: the helpers and the places that use them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import Cli, private_modes

from netmap.config import Settings, save_setting
from netmap.private import make_private, mode_of, open_private, private_dir, private_file, write_private

pytestmark = pytest.mark.usefixtures("permissive_umask")


def test_a_new_folder_and_its_missing_parents_are_0700(tmp_path: Path) -> None:
    made = private_dir(tmp_path / "home" / "db" / "conf")
    assert made == tmp_path / "home" / "db" / "conf"
    assert [oct(mode_of(p)) for p in (made.parent.parent, made.parent, made)] == ["0o700"] * 3


def test_an_existing_folder_is_tightened_and_folders_above_root_are_left_alone(tmp_path: Path) -> None:
    (tmp_path / "home" / "uploads").mkdir(parents=True, mode=0o755)
    os.chmod(tmp_path, 0o755)
    os.chmod(tmp_path / "home", 0o755)
    private_dir(tmp_path / "home" / "uploads" / "abc", root=tmp_path / "home")
    assert oct(mode_of(tmp_path / "home")) == "0o700"
    assert oct(mode_of(tmp_path / "home" / "uploads")) == "0o700"
    assert oct(mode_of(tmp_path)) == "0o755"


def test_write_private_replaces_the_file_whole_with_mode_0600(tmp_path: Path) -> None:
    path = tmp_path / "password"
    path.write_text("old\n")
    os.chmod(path, 0o644)
    write_private(path, "new\n")
    assert path.read_text() == "new\n"
    assert oct(mode_of(path)) == "0o600"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["password"], "no temporary file is left behind"


def test_a_failed_write_keeps_the_old_file_and_leaves_no_partial_one(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    write_private(path, "a = 1\n")
    with pytest.raises(TypeError):
        write_private(path, 12)  # type: ignore[arg-type]
    assert path.read_text() == "a = 1\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["settings.toml"]


def test_an_exclusive_write_never_replaces_an_existing_file(tmp_path: Path) -> None:
    path = write_private(tmp_path / "secret_key", "first", exclusive=True)
    with pytest.raises(FileExistsError):
        write_private(path, "second", exclusive=True)
    assert path.read_text() == "first"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["secret_key"]


def test_a_streamed_file_is_0600_from_its_first_byte(tmp_path: Path) -> None:
    path = tmp_path / "upload.csv"
    with open_private(path) as fh:
        fh.write(b"id,name\n")
        assert oct(mode_of(path)) == "0o600"
    with open_private(path, append=True) as fh:
        fh.write(b"a,A\n")
    assert path.read_bytes() == b"id,name\na,A\n"
    assert oct(mode_of(private_file(tmp_path / "empty"))) == "0o600"


def test_make_private_tightens_a_whole_tree_but_not_what_links_point_to(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("not ours to change")
    os.chmod(outside, 0o644)
    tree = tmp_path / "store"
    (tree / "data" / "databases").mkdir(parents=True)
    (tree / "data" / "databases" / "neostore").write_bytes(b"\0")
    (tree / "data" / "dbms").mkdir()
    (tree / "data" / "dbms" / "auth.ini").write_text("neo4j:SHA-256,...")
    (tree / "link").symlink_to(outside)
    assert make_private(tree) > 0
    assert private_modes(tree) == []
    assert oct(mode_of(outside)) == "0o644"
    assert make_private(tree) == 0, "a second pass changes nothing"


def test_saved_settings_and_netmap_home_are_private(tmp_path: Path) -> None:
    home = tmp_path / "home"
    path = save_setting(home, "home_actor", "iom")
    assert oct(mode_of(home)) == "0o700"
    assert oct(mode_of(path)) == "0o600"


def test_the_accounts_database_and_netmap_home_are_private(tmp_path: Path) -> None:
    from netmap.auth.accounts import add_user
    from netmap.auth.db import accounts_db

    home = tmp_path / "home"
    db = accounts_db(Settings(home=home))
    add_user(db, "ana", "admin", "a long enough password")
    assert oct(mode_of(home)) == "0o700"
    assert private_modes(home / "accounts") == [], "the folder, the database and its write-ahead log"


def test_the_web_app_secret_key_is_private_and_kept(tmp_path: Path) -> None:
    from netmap.web.app import secret_key_for

    settings = Settings(home=tmp_path / "home")
    key = secret_key_for(settings)
    assert secret_key_for(settings) == key
    assert private_modes(settings.home) == []


def test_the_demo_password_is_private(tmp_path: Path) -> None:
    from netmap.cli.demo import _demo_password

    home = tmp_path / "home"
    password = _demo_password(home)
    assert _demo_password(home) == password
    assert private_modes(home) == []


def test_users_add_leaves_netmap_home_private(cli_no_db: Cli) -> None:
    home = Path(cli_no_db.env["NETMAP_HOME"])
    result = cli_no_db("users", "add", "ana", "--role", "admin", input="a long enough password\n" * 2)
    assert result.exit_code == 0, result.output
    assert private_modes(home) == []
