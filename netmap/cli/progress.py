"""Progress of a long import or export on the terminal: a bar (records/s, time left) or plain lines.

Nothing shows for a command that ends within :data:`SHOW_AFTER` seconds. On a terminal the bar is
drawn by ``rich`` on stderr; when stderr is not a terminal (a log, a pipe), a plain line says each step,
how far it got every :data:`LINE_EVERY` seconds, and when a step of known length is done. With ``--format json`` nothing extra is written:
a script reads the report alone.

The core library knows nothing of this: :func:`netmap.ingest.pipeline.run_import` and
:func:`netmap.export.bundle.export_bundle` take a callback, and :class:`Progress` is one.
"""

from __future__ import annotations

import sys
import time
from typing import IO, Any

#: Seconds a command runs before its progress shows.
SHOW_AFTER = 2.0
#: Seconds between two plain progress lines of the same step.
LINE_EVERY = 10.0


class Progress:
    """A callback ``progress(step, done, total)`` that draws, prints or stays silent (see the module).

    ``total`` is ``None`` while it is unknown (validation reads a file once without knowing its count).
    Use it as a context manager so the bar is cleared at the end.
    """

    def __init__(self, enabled: bool = True, *, unit: str = "records", stream: IO[str] | None = None) -> None:
        self.enabled = enabled
        self.unit = unit
        self.stream = stream if stream is not None else sys.stderr
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.started = time.monotonic()
        self._bar: Any = None
        self._task: Any = None
        self._step = ""
        self._step_started = self.started
        self._last_line = 0.0

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None

    def __call__(self, step: str, done: int = 0, total: int | None = None, detail: str = "") -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if step != self._step and not self.tty:
            self._step_started = now
        if now - self.started < SHOW_AFTER:
            self._step = step  # a short command shows nothing; a long one starts at the step it is in
            return
        if self.tty:
            self._draw(step, done, total, detail)
        else:
            self._print(step, done, total, now)

    def _draw(self, step: str, done: int, total: int | None, detail: str) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            ProgressColumn,
            TextColumn,
            TimeRemainingColumn,
        )
        from rich.progress import Progress as Bar
        from rich.text import Text

        unit = self.unit

        class Rate(ProgressColumn):
            def render(self, task: Any) -> Text:
                speed = task.finished_speed or task.speed
                return Text(f"{speed:,.0f} {unit}/s" if speed else f"– {unit}/s")

        if self._bar is None:
            self._bar = Bar(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                Rate(),
                TimeRemainingColumn(),
                console=Console(file=self.stream, force_terminal=True),
                transient=True,
            )
            self._bar.start()
        if step != self._step or self._task is None:
            if self._task is not None:
                self._bar.update(self._task, visible=False)
            self._task = self._bar.add_task(step, total=total)
            self._step = step
        self._bar.update(self._task, completed=done, total=total, description=f"{step} {detail}".strip(), refresh=True)

    def _print(self, step: str, done: int, total: int | None, now: float) -> None:
        finished = total is not None and done >= total
        if step == self._step and self._last_line and now - self._last_line < LINE_EVERY and not finished:
            return
        self._step = step
        self._last_line = now
        elapsed = now - self._step_started
        rate = done / elapsed if elapsed >= 1 else 0.0  # a rate over less than a second says nothing
        if total:
            text = f"{step}: {done:,} of {total:,} {self.unit}"
            text += f" ({rate:,.0f}/s, about {(total - done) / rate:,.0f} s left)" if rate else ""
        elif done:
            text = f"{step}: {done:,} {self.unit}" + (f" ({rate:,.0f}/s)" if rate else "")
        else:
            text = f"{step} …"
        print(text, file=self.stream, flush=True)
