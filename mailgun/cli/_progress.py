"""A progress bar on stderr, shown only when stderr is a terminal: items, pages, rate, and ETA given a total."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from rich.progress import (
    BarColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from ._output import Output

__all__ = ["Tracker", "tracker"]


class _Rate(ProgressColumn):
    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text("" if speed is None else f"{speed:,.0f}/s", style="cyan")


class Tracker:
    """Counts items and pages; draws them when there is a terminal to draw on."""

    def __init__(self, progress: Progress | None, task: TaskID | None) -> None:
        self._progress = progress
        self._task = task
        self.items = 0
        self.pages = 0

    def advance(self, items: int, pages: int = 0) -> None:
        self.items += items
        self.pages += pages
        if self._progress is not None and self._task is not None:
            self._progress.update(self._task, completed=self.items, pages=self.pages)


@contextmanager
def tracker(out: Output, description: str, *, total: int | None, done: int = 0, pages: int = 0) -> Iterator[Tracker]:
    """``done``/``pages``: where a resumed job starts. No terminal on stderr: nothing is drawn (logs stay clean)."""
    if not out.stderr.isatty():
        counter = Tracker(None, None)
        counter.items, counter.pages = done, pages
        yield counter
        return
    columns: list[ProgressColumn | str] = [TextColumn("{task.description}")]
    if total is not None:
        columns.append(BarColumn())
    columns += [
        TextColumn("{task.completed:,.0f}" + ("/{task.total:,.0f}" if total is not None else "") + " items"),
        TextColumn("{task.fields[pages]} pages"),
        _Rate(),
        TimeElapsedColumn(),
    ]
    if total is not None:
        columns += ["ETA", TimeRemainingColumn()]
    with Progress(*columns, console=out.err, transient=False) as progress:
        task = progress.add_task(description, total=total, completed=done, pages=pages)
        counter = Tracker(progress, task)
        counter.items, counter.pages = done, pages
        yield counter
