"""Start, stop and inspect the local Neo4j Community server that netmap manages.

Layout under ``NETMAP_HOME`` (default ``~/.local/share/netmap``)::

    cache/neo4j-5.26.29/lib/   jars resolved from Maven Central by the bundled pom (shared, read-only)
    db/conf/neo4j.conf         generated: Bolt on 127.0.0.1, HTTP off, memory set, auth on
    db/password                the generated password of user 'neo4j'
    db/data, db/logs, db/run   the server's folders; db/neo4j.pid while it runs

Everything under ``db/`` is private to the owner (folders 0700, files 0600): netmap writes its files so,
and the server and its admin tool run with umask 077; a store left readable by an older netmap is
tightened at the next start.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
from importlib import resources
from pathlib import Path

from netmap.config import Settings
from netmap.errors import DatabaseUnavailable, RuntimeSetupError
from netmap.private import UMASK, make_private, open_private, private_dir, write_private
from netmap.runtime.toolchain import check_java, check_maven

ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
ADMIN_TOOL = "org.neo4j.cli.AdminTool"
JAVA_OPENS = (
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--add-opens=java.base/java.util=ALL-UNNAMED",
)


class ManagedNeo4j:
    """One local Neo4j server: its jars, its data folder, its process."""

    def __init__(self, settings: Settings, data_dir: Path | None = None) -> None:
        self.settings = settings
        self.version = settings.neo4j_version
        self.port = settings.bolt_port
        self.cache_dir = settings.home / "cache" / f"neo4j-{self.version}"
        self.data_dir = data_dir or settings.home / "db"

    # -- paths ---------------------------------------------------------------------------------------
    @property
    def lib_dir(self) -> Path:
        return self.cache_dir / "lib"

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.port}"

    @property
    def pid_file(self) -> Path:
        return self.data_dir / "neo4j.pid"

    @property
    def password_file(self) -> Path:
        return self.data_dir / "password"

    @property
    def log_file(self) -> Path:
        return self.data_dir / "logs" / "console.log"

    # -- jars ----------------------------------------------------------------------------------------
    def ensure_jars(self) -> Path:
        """Resolve Neo4j from Maven Central once (a marker file records a complete download)."""
        marker = self.cache_dir / "complete"
        if marker.is_file():
            return self.lib_dir
        mvn = check_maven()
        private_dir(self.cache_dir, root=self.settings.home)
        pom = self.cache_dir / "pom.xml"
        pom.write_text(resources.files("netmap.runtime").joinpath("pom.xml").read_text(encoding="utf-8"))
        staging = self.cache_dir / "lib.partial"
        shutil.rmtree(staging, ignore_errors=True)
        cmd = [
            mvn,
            "-q",
            "-B",
            "-f",
            str(pom),
            f"-Dneo4j.version={self.version}",
            "dependency:copy-dependencies",
            f"-DoutputDirectory={staging}",
            "-DincludeScope=runtime",
        ]
        proc = subprocess.run(cmd, capture_output=True, text=True)
        if proc.returncode != 0 or not any(staging.glob("neo4j-*.jar")):
            tail = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-5:])
            raise RuntimeSetupError(
                f"Maven could not fetch Neo4j {self.version} from Maven Central:\n{tail}",
                "check the network access to Maven Central and run 'netmap db start' again",
            )
        shutil.rmtree(self.lib_dir, ignore_errors=True)
        staging.rename(self.lib_dir)
        marker.write_text(self.version + "\n")
        return self.lib_dir

    # -- configuration -------------------------------------------------------------------------------
    def password(self) -> str:
        try:
            return self.password_file.read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            raise DatabaseUnavailable(
                f"the local Neo4j has not been set up yet ({self.password_file} is missing)",
                "run 'netmap db start'",
            ) from None

    def _write_config(self) -> Path:
        private_dir(self.data_dir, root=self.settings.home)
        make_private(self.data_dir)  # a store an older netmap (or another umask) left readable
        conf_dir = private_dir(self.data_dir / "conf")
        for sub in ("data", "logs", "run", "plugins", "import"):
            private_dir(self.data_dir / sub)
        d = self.data_dir.resolve()
        lines = [
            "# Generated by netmap: the managed local Neo4j. Edits are overwritten at the next start.",
            f"server.bolt.listen_address=127.0.0.1:{self.port}",
            f"server.bolt.advertised_address=127.0.0.1:{self.port}",
            "server.http.enabled=false",
            "server.https.enabled=false",
            "dbms.security.auth_enabled=true",
            "dbms.usage_report.enabled=false",
            f"server.memory.heap.initial_size={self.settings.neo4j_heap}",
            f"server.memory.heap.max_size={self.settings.neo4j_heap}",
            f"server.memory.pagecache.size={self.settings.neo4j_pagecache}",
            "db.tx_log.rotation.retention_policy=1 files",
            "db.transaction.timeout=0",
            # LOAD CSV reaches neither the server's files nor any address (no SSRF through Cypher)
            "dbms.security.allow_csv_import_from_file_urls=false",
            "internal.dbms.cypher_ip_blocklist=0.0.0.0/0,::/0",
            f"server.directories.data={d / 'data'}",
            f"server.directories.logs={d / 'logs'}",
            f"server.directories.run={d / 'run'}",
            f"server.directories.plugins={d / 'plugins'}",
            f"server.directories.import={d / 'import'}",
            "server.directories.transaction.logs.root=" + str(d / "data" / "transactions"),
        ]
        write_private(conf_dir / "neo4j.conf", "\n".join(lines) + "\n")
        return conf_dir

    def _java_cmd(self, java: str, main_class: str, *args: str, heap: str | None = None) -> list[str]:
        heap = heap or self.settings.neo4j_heap
        return [java, f"-Xmx{heap}", *JAVA_OPENS, "-cp", str(self.lib_dir / "*"), main_class, *args]

    def admin(self, *args: str) -> subprocess.CompletedProcess[str]:
        """Run ``neo4j-admin ARGS`` (Neo4j's admin tool, from the same jars) on this server's folders."""
        java, _ = check_java()
        self.ensure_jars()
        conf_dir = self._write_config()
        return self._admin(java, conf_dir, *args)

    def _admin(self, java: str, conf_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
        env = dict(os.environ, NEO4J_HOME=str(self.data_dir.resolve()), NEO4J_CONF=str(conf_dir.resolve()))
        return subprocess.run(
            self._java_cmd(java, ADMIN_TOOL, *args, heap="256m"),
            capture_output=True,
            text=True,
            env=env,
            umask=UMASK,  # auth.ini and dumps private to the owner
        )

    def _set_initial_password(self, java: str, conf_dir: Path) -> None:
        """Before the first start of a database, give user 'neo4j' the generated (or kept) password."""
        if (self.data_dir / "data" / "dbms" / "auth.ini").is_file():
            return
        if self.password_file.is_file():  # the data folder was removed but the password kept
            password = self.password_file.read_text(encoding="utf-8").strip()
        else:
            password = secrets.token_hex(20)  # hex: never starts with "-", which the admin tool reads as an option
        proc = self._admin(java, conf_dir, "dbms", "set-initial-password", password)
        if proc.returncode != 0:
            raise RuntimeSetupError(f"could not set the Neo4j password: {(proc.stdout + proc.stderr).strip()[-300:]}")
        write_private(self.password_file, password + "\n")

    # -- process -------------------------------------------------------------------------------------
    def pid(self) -> int | None:
        try:
            pid = int(self.pid_file.read_text().strip())
        except (FileNotFoundError, ValueError):
            return None
        try:
            os.kill(pid, 0)
        except (ProcessLookupError, PermissionError):
            return None
        with contextlib.suppress(OSError):
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
            if ENTRY_POINT.encode() not in cmdline:
                return None
        return pid

    def is_running(self) -> bool:
        return self.pid() is not None

    def _port_in_use(self) -> bool:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                sock.bind(("127.0.0.1", self.port))
            except OSError:
                return True
        return False

    def _bolt_answers(self) -> bool:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            sock.settimeout(1.0)
            return sock.connect_ex(("127.0.0.1", self.port)) == 0

    def start(self, timeout: float = 120.0) -> str:
        """Start the server if it is not running; returns its Bolt address once it answers."""
        if self.is_running():
            return self.uri
        java, _ = check_java()
        self.ensure_jars()
        if self._port_in_use():
            raise RuntimeSetupError(
                f"port {self.port} on 127.0.0.1 is already in use by another program",
                "stop that program, or choose another port with NETMAP_BOLT_PORT",
            )
        conf_dir = self._write_config()
        self._set_initial_password(java, conf_dir)
        private_dir(self.log_file.parent)
        with open_private(self.log_file, append=True) as log:
            proc = subprocess.Popen(
                self._java_cmd(
                    java,
                    ENTRY_POINT,
                    f"--home-dir={self.data_dir.resolve()}",
                    f"--config-dir={conf_dir.resolve()}",
                    "--console-mode",
                ),
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
                cwd=self.data_dir,
                umask=UMASK,  # every store file, log and auth.ini the server writes is private to the owner
            )
        write_private(self.pid_file, f"{proc.pid}\n")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                self.pid_file.unlink(missing_ok=True)
                raise RuntimeSetupError(
                    f"Neo4j failed to start (exit code {proc.returncode}); last lines of {self.log_file}:\n"
                    + self.log_tail(),
                    "fix the cause above and run 'netmap db start' again",
                )
            if self._bolt_answers():
                return self.uri
            time.sleep(0.3)
        self.stop()
        raise RuntimeSetupError(
            f"Neo4j did not answer on {self.uri} within {timeout:.0f} s; last lines of its log:\n" + self.log_tail(),
            "see the log above",
        )

    def log_tail(self, lines: int = 12) -> str:
        try:
            text = self.log_file.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return "(no log written)"
        return "\n".join(text.rstrip().splitlines()[-lines:])

    def stop(self, timeout: float = 60.0) -> bool:
        """Stop the server (SIGTERM, then SIGKILL after ``timeout``); False when it was not running."""
        pid = self.pid()
        if pid is None:
            self.pid_file.unlink(missing_ok=True)
            return False
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not _alive(pid):
                break
            time.sleep(0.2)
        else:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        self.pid_file.unlink(missing_ok=True)
        return True


def _alive(pid: int) -> bool:
    try:
        waited, _ = os.waitpid(pid, os.WNOHANG)
        if waited == pid:
            return False
    except ChildProcessError:
        pass
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with contextlib.suppress(OSError):
        status = Path(f"/proc/{pid}/status").read_text()
        if "State:\tZ" in status:
            return False
    return True
