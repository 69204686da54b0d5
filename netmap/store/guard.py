"""What console Cypher may do: no administration commands, no file or URL fetches, allow-listed procedures.

Two checks, so that one way round is not enough. :func:`check_statement` reads the statement's keywords
(comments, strings and quoted names removed) and refuses by statement kind with a friendly message;
:func:`check_plan` walks the planner's operators (``EXPLAIN``), which no spelling of the text can hide.
The managed Neo4j also refuses ``LOAD CSV`` from files and every address (see netmap.runtime.managed).

>>> check_statement("MATCH (n) RETURN n // SHOW TRANSACTIONS")
>>> check_statement("/* hi */ show transactions yield currentQuery")
Traceback (most recent call last):
...
netmap.errors.QueryError: SHOW TRANSACTIONS is an administration command and is not run from the console — query the graph with MATCH ... RETURN; server administration is for whoever runs the database
"""

from __future__ import annotations

import re
from typing import Any

from netmap.errors import QueryError

__all__ = ["ALLOWED_PROCEDURES", "check_plan", "check_statement"]

#: The procedures a console query may call: read-only descriptions of the graph's schema.
ALLOWED_PROCEDURES = frozenset(
    {
        "db.labels",
        "db.relationshipTypes",
        "db.propertyKeys",
        "db.schema.visualization",
        "db.schema.nodeTypeProperties",
        "db.schema.relTypeProperties",
    }
)
#: Leading keywords of administration commands (Neo4j's SHOW/TERMINATE/GRANT/... statements).
_ADMIN_HEADS = frozenset(
    "SHOW TERMINATE GRANT DENY REVOKE ALTER RENAME START STOP ENABLE DEALLOCATE REALLOCATE DRYRUN".split()
)
#: What follows CREATE/DROP in an administration command (schema objects are checked separately).
_ADMIN_OBJECTS = frozenset("DATABASE DATABASES COMPOSITE ALIAS USER USERS ROLE ROLES SERVER OR".split())
_SCHEMA_OBJECTS = frozenset("INDEX CONSTRAINT RANGE TEXT POINT FULLTEXT LOOKUP VECTOR BTREE".split())
#: Plan operators that run administration commands or fetch external data.
_REFUSED_OPERATORS = ("AdministrationCommand", "Show", "Terminate", "LoadCSV")
_NOISE = re.compile(r"//[^\n]*|/\*.*?\*/|'(?:\\.|[^'\\])*'|\"(?:\\.|[^\"\\])*\"|`(?:``|[^`])*`", re.DOTALL)
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_CALL = re.compile(r"\bCALL\s+([A-Za-z_][\w.\s]*?)\s*(?:\(|\bYIELD\b|$|[^\w.\s])", re.IGNORECASE)
_ADMIN_HINT = "query the graph with MATCH ... RETURN; server administration is for whoever runs the database"
_LOAD_CSV = QueryError(
    "LOAD CSV is not allowed here: console queries do not read files or URLs",
    "load data with 'netmap import' (or the web import page)",
)


def _bare(cypher: str) -> str:
    """The query without comments and string literals; a quoted name keeps its text when it is a plain
    name (```db`.`labels``` is ``db.labels``) and becomes ``q`` otherwise."""

    def keep(match: re.Match[str]) -> str:
        text = match.group(0)
        if not text.startswith("`"):
            return " "
        name = text[1:-1]
        return name if _WORD.fullmatch(name) else " q "

    return _NOISE.sub(keep, cypher)


def check_statement(cypher: str, *, write: bool = False) -> None:
    """Refuse administration commands, LOAD CSV and procedures outside :data:`ALLOWED_PROCEDURES` by their text.

    With ``write``, index and constraint commands are refused too (read-only queries meet the planner's
    write refusal instead).
    """
    bare = _bare(cypher)
    words = [w.upper() for w in _WORD.findall(bare)]
    if not words:
        return
    head = words[0]
    second = words[1] if len(words) > 1 else ""
    if head == "USE":
        raise QueryError(
            "USE is not allowed here: console queries run on netmap's own database", "remove the USE clause"
        )
    if head in _ADMIN_HEADS or (head in ("CREATE", "DROP") and second in _ADMIN_OBJECTS):
        raise QueryError(f"{head} {second} is an administration command and is not run from the console", _ADMIN_HINT)
    if write and head in ("CREATE", "DROP") and second in _SCHEMA_OBJECTS:
        raise QueryError(
            f"{head} {second} changes the database schema, which netmap manages itself",
            "netmap creates the indexes and constraints it needs when it connects",
        )
    if any(
        w == "LOAD" and words[i + 1 : i + 2] == ["CSV"] and "FROM" in words[i + 2 : i + 6] for i, w in enumerate(words)
    ):
        raise _LOAD_CSV
    for match in _CALL.finditer(bare):
        name = re.sub(r"\s+", "", match.group(1))
        if name and name not in ALLOWED_PROCEDURES:
            raise _procedure_refused(name)


def check_plan(plan: dict[str, Any] | None) -> None:
    """Refuse a plan (``summary.plan`` of an ``EXPLAIN``) that runs an administration command, LOAD CSV or a
    procedure outside :data:`ALLOWED_PROCEDURES`."""
    stack = [plan] if plan else []
    while stack:
        op = stack.pop()
        stack.extend(op.get("children") or ())
        name = str(op.get("operatorType") or "").split("@", 1)[0]
        details = str((op.get("args") or {}).get("Details") or "")
        if name == "LoadCSV":
            raise _LOAD_CSV
        if name.startswith(_REFUSED_OPERATORS):
            raise QueryError(f"this is an administration command ({name}) and is not run from the console", _ADMIN_HINT)
        if "ProcedureCall" in name:
            procedure = details.split("(", 1)[0].strip()
            if procedure not in ALLOWED_PROCEDURES:
                raise _procedure_refused(procedure or "this procedure")


def _procedure_refused(name: str) -> QueryError:
    return QueryError(
        f"procedure {name} is not allowed here", "the console may call " + ", ".join(sorted(ALLOWED_PROCEDURES))
    )
