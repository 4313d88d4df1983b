"""Everything the command prints: tables or JSON on stdout, messages and progress on stderr, secrets redacted.

Every byte goes through ``RedactingStream``, which replaces the API key (and the webhook signing key, once the
command knows it) with ``<redacted>``: whatever a server echoes or an error says, the key is never printed.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import IO, Any, cast

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .._exceptions import PaginationLoopError

__all__ = ["REDACTED", "Output", "RedactingStream", "cell", "pages_until_loop"]

REDACTED = "<redacted>"
# Shorter strings would be replaced inside ordinary words; real keys are 32+ characters.
MIN_SECRET_LENGTH = 8
# Piped tables are not cut at 80 columns (rich's default when there is no terminal).
PIPE_WIDTH = 200


class RedactingStream:
    """A text stream that never lets a secret through."""

    def __init__(self, stream: IO[str], secrets: list[str]) -> None:
        self._stream = stream
        self._secrets = secrets  # shared with Output: secrets added later are redacted too

    def write(self, text: str) -> int:
        for secret in self._secrets:
            text = text.replace(secret, REDACTED)
        return self._stream.write(text)

    def flush(self) -> None:
        self._stream.flush()

    def isatty(self) -> bool:
        return self._stream.isatty()

    def fileno(self) -> int:
        return self._stream.fileno()

    @property
    def encoding(self) -> str:
        return getattr(self._stream, "encoding", None) or "utf-8"


class Output:
    """Where results (stdout) and messages (stderr) go, in table or JSON mode."""

    def __init__(self, *, json_mode: bool, stdout: IO[str] | None = None, stderr: IO[str] | None = None) -> None:
        self.json_mode = json_mode
        self.secrets: list[str] = []
        self.stdout = RedactingStream(stdout or sys.stdout, self.secrets)
        self.stderr = RedactingStream(stderr or sys.stderr, self.secrets)
        self.console = _console(self.stdout)
        self.err = _console(self.stderr)

    def add_secret(self, secret: str | None) -> None:
        if secret and len(secret) >= MIN_SECRET_LENGTH and secret not in self.secrets:
            self.secrets.append(secret)
            self.secrets.sort(key=len, reverse=True)  # a key containing another is replaced whole

    # ------------------------------------------------------------------------------------------- results
    def json(self, data: Any) -> None:
        """One JSON document on stdout."""
        self.stdout.write(json.dumps(data, indent=2, default=str, ensure_ascii=False) + "\n")
        self.stdout.flush()

    def json_line(self, data: Any) -> None:
        """One JSON object per line (for streams such as logs)."""
        self.stdout.write(json.dumps(data, default=str, ensure_ascii=False) + "\n")
        self.stdout.flush()

    def table(self, columns: Sequence[str], rows: Iterable[Sequence[Any]], *, title: str | None = None) -> None:
        table = Table(*columns, title=title, title_justify="left", show_lines=False)
        for row in rows:
            table.add_row(*(value if isinstance(value, Text) else cell(value) for value in row))
        self.console.print(table)

    def fields(self, data: Mapping[str, Any], *, title: str | None = None) -> None:
        """A two-column table of an object's scalar fields (nested ones as compact JSON)."""
        self.table(["field", "value"], ((key, value) for key, value in data.items()), title=title)

    def auto(self, data: Any, *, title: str | None = None) -> None:
        """Any decoded JSON body as a table: a page of items as rows, an object as fields."""
        items = data.get("items") if isinstance(data, dict) else data
        if isinstance(items, list) and items and all(isinstance(item, dict) for item in items):
            columns = list(dict.fromkeys(key for item in items for key in item))
            self.table(columns, ([item.get(key) for key in columns] for item in items), title=title)
        elif isinstance(data, dict):
            self.fields(data, title=title)
        else:
            self.console.print(cell(data))

    def line(self, text: str | Text) -> None:
        self.console.print(text)

    # ------------------------------------------------------------------------------------------- messages
    def info(self, message: str) -> None:
        """A note for people (stderr), never mixed into the results."""
        self.err.print(Text(message, style="dim"))

    def error(self, message: str, **details: Any) -> None:
        if self.json_mode:
            self.stderr.write(json.dumps({"error": {"message": message, **details}}, default=str) + "\n")
        else:
            self.err.print(Text("Error: ", style="bold red") + Text(message))


def pages_until_loop(pager: Any, out: Output) -> Iterator[Any]:
    """A listing's pages; a server that repeats a cursor ends it with a warning (what came so far is shown)."""
    try:
        yield from pager.iter_pages()
    except PaginationLoopError as exc:
        out.info(f"warning: stopped listing: {exc}")


def _console(stream: RedactingStream) -> Console:
    terminal = stream.isatty()
    return Console(file=cast(IO[str], stream), highlight=False, width=None if terminal else PIPE_WIDTH, soft_wrap=False)


def cell(value: Any) -> str:
    """A table cell: scalars as text, lists joined, objects as compact JSON, nothing as an empty cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list) and all(isinstance(v, (str, int, float)) for v in value):
        return ", ".join(str(v) for v in value)
    if isinstance(value, (dict, list)):
        return json.dumps(value, default=str, ensure_ascii=False)
    return str(value)
