"""The managed local Neo4j: resolved from Maven Central, configured, started and stopped by netmap."""

from netmap.runtime.managed import ManagedNeo4j
from netmap.runtime.toolchain import check_java, check_maven

__all__ = ["ManagedNeo4j", "check_java", "check_maven"]
