"""One exception tree for netmap.

Every error raised in the core is a :class:`NetmapError`. Its ``str()`` is a one-line message that
says what went wrong and, where there is one, the next step. The CLI prints it as ``error: ...`` and
exits non-zero; the web app shows it as a message. A traceback in front of a user is a bug.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TypeVar

T = TypeVar("T")
#: A validation pass lists at most this many problems (and counts all of them).
MAX_PROBLEMS = 200


class NetmapError(Exception):
    """Base class: a message for the user, optionally with the next step to take."""

    exit_code = 1

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        if self.hint:
            return f"{self.message} — {self.hint}"
        return self.message

    def __reduce__(self) -> tuple[type, tuple[object, ...]]:  # picklable: a second process can report it
        return type(self), (self.message, self.hint)


class ConfigError(NetmapError):
    """Settings are missing or inconsistent."""


class RuntimeSetupError(NetmapError):
    """Java, Maven or the managed Neo4j cannot be set up or started."""


class DatabaseUnavailable(NetmapError):
    """The Neo4j server cannot be reached."""


class AuthenticationFailed(NetmapError):
    """The Neo4j server refused the credentials."""


class QueryError(NetmapError):
    """A Cypher query was refused or failed."""


class ImportStopped(NetmapError):
    """The write phase of an import failed after validation passed; the run is marked failed."""


class WriteQueryRefused(QueryError):
    """A read-only context received a query whose plan writes."""


class NotFound(NetmapError):
    """A named actor, query, snapshot or file does not exist."""


class EditConflict(NetmapError):
    """A save or a revert would overwrite a change its author did not see; nothing was written.

    ``changes`` holds the changes in the way (as :func:`netmap.store.history.list_changes` rows)."""

    def __init__(self, message: str, hint: str | None = None, changes: list[dict[str, object]] | None = None) -> None:
        super().__init__(message, hint)
        self.changes = list(changes or [])


class InputError(NetmapError):
    """Bad input: a file, line or record that does not meet what was expected.

    ``location`` is ``file`` or ``file line N`` (or ``file record N``); the message reads
    ``actors.csv line 14: column 'kind' has 'Gov.' — expected one of ...``.
    """

    def __init__(self, location: str, problem: str, hint: str | None = None) -> None:
        super().__init__(f"{location}: {problem}" if location else problem, hint)
        self.location = location
        self.problem = problem

    def __reduce__(self) -> tuple[type, tuple[object, ...]]:
        return type(self), (self.location, self.problem, self.hint)


class ValidationFailed(NetmapError):
    """An import found one or more bad records; nothing was written.

    ``problems`` holds every :class:`InputError` found (up to a cap), so a user can fix them all at once.
    """

    def __init__(self, problems: list[InputError], total: int | None = None) -> None:
        self.problems = problems
        self.total = total if total is not None else len(problems)
        first = problems[0] if problems else None
        more = f" (and {self.total - 1} more problem(s))" if self.total > 1 else ""
        message = f"{first}{more}" if first else "validation failed"
        super().__init__(message, "nothing was written; fix the input and run the import again")

    def __reduce__(self) -> tuple[type, tuple[object, ...]]:
        return type(self), (self.problems, self.total)


@dataclass
class ProblemLog:
    """The problems a validation pass found: the first :data:`MAX_PROBLEMS` of them, and how many in all."""

    problems: list[InputError] = field(default_factory=list)
    problem_count: int = 0

    def problem(self, error: InputError) -> None:
        self.problem_count += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(error)

    def absorb(self, other: ValidationFailed | ProblemLog) -> None:
        """Add another list of problems (a reader's, or another process's) to this one."""
        for error in other.problems:
            self.problem(error)
        total = other.total if isinstance(other, ValidationFailed) else other.problem_count
        self.problem_count += total - len(other.problems)


def collecting(records: Iterable[T], log: ProblemLog | None) -> Iterator[T]:
    """The records; a bad one ends the reading as a problem in ``log`` (or raised, without a log)."""
    try:
        yield from records
    except ValidationFailed as exc:
        if log is None:
            raise
        log.absorb(exc)
    except InputError as exc:
        if log is None:
            raise
        log.problem(exc)
