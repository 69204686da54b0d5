"""Java and Maven: the only system requirements of the managed Neo4j."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from netmap.errors import RuntimeSetupError

MIN_JAVA = 17
_NO_JAVA_HINT = (
    "install a Java 17+ runtime (e.g. 'apt-get install openjdk-17-jre-headless'), "
    "or set NETMAP_NEO4J_URI to use a Neo4j server you already have"
)


def java_binary() -> str | None:
    java_home = os.environ.get("JAVA_HOME")
    if java_home and (Path(java_home) / "bin" / "java").is_file():
        return str(Path(java_home) / "bin" / "java")
    return shutil.which("java")


def check_java() -> tuple[str, int]:
    """The java binary and its major version; a clear error when missing or older than 17."""
    java = java_binary()
    if not java:
        raise RuntimeSetupError("Java was not found on PATH (the local Neo4j needs Java 17 or newer)", _NO_JAVA_HINT)
    try:
        out = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise RuntimeSetupError(f"could not run {java} -version ({exc})", _NO_JAVA_HINT) from None
    text = out.stderr + out.stdout
    match = re.search(r'version "(\d+)(?:\.(\d+))?', text)
    if not match:
        raise RuntimeSetupError(f"could not read the Java version from {java}: {text.strip()[:120]!r}", _NO_JAVA_HINT)
    major = int(match.group(1))
    if major == 1 and match.group(2):  # "1.8.0_292" style
        major = int(match.group(2))
    if major < MIN_JAVA:
        raise RuntimeSetupError(
            f"Java {major} found at {java}, but the local Neo4j needs Java {MIN_JAVA} or newer", _NO_JAVA_HINT
        )
    return java, major


def check_maven() -> str:
    """The mvn binary; a clear error when missing."""
    mvn = shutil.which("mvn")
    if not mvn:
        raise RuntimeSetupError(
            "Maven ('mvn') was not found on PATH; netmap uses it once to fetch Neo4j from Maven Central",
            "install it (e.g. 'apt-get install maven'), or set NETMAP_NEO4J_URI to use your own server",
        )
    return mvn
