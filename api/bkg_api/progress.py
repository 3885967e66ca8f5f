"""What long commands show while they work: a progress bar on a terminal, plain lines else.

A bar (rich) only when standard error is a terminal; redirected to a file or a CI log, each
step is one line. ``--quiet`` shows neither, only errors and the final line. rich is imported
only for a bar: a command run from a script or CI does not pay for its import.
"""

from __future__ import annotations

import sys
from types import TracebackType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID


class Reporter:
    """Messages and a count (documents read, graphs uploaded) for ``bkg build``, ``bkg ingest``
    and ``bkg push``."""

    def __init__(self, *, quiet: bool = False) -> None:
        self.quiet = quiet
        self.tty = sys.stderr.isatty()
        self._bar: Progress | None = None
        self._task: TaskID | None = None

    def __enter__(self) -> Reporter:
        if self.tty and not self.quiet:
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
            )

            self._bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                transient=True,
            )
            self._bar.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._bar is not None:
            self._bar.stop()

    def message(self, text: str) -> None:
        if self.quiet:
            return
        if self._bar is not None:
            self._bar.console.print(f"· {text}", highlight=False)
        else:
            print(f"· {text}", file=sys.stderr, flush=True)

    def tick(self, done: int, total: int, name: str) -> None:
        self.count(done, total, f"reading {name}", "read", "documents", least=8)

    def count(
        self, done: int, total: int, doing: str, did: str, things: str, *, least: int = 1
    ) -> None:
        """``done`` things of ``total``: the bar, saying ``doing``; else a line (``read 3/40
        documents``) at every twentieth and the last, once there are ``least`` things."""
        if self.quiet:
            return
        if self._bar is None:
            if total >= least and (done == total or done % max(1, total // 20) == 0):
                print(f"· {did} {done}/{total} {things}", file=sys.stderr, flush=True)
            return
        if self._task is None:
            self._task = self._bar.add_task(doing, total=total)
        self._bar.update(self._task, completed=done, total=total, description=doing)
