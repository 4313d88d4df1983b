"""The Python examples of README.md and docs/: where they are, and how a page's examples are run.

Every ```python block is an example. A block is left out only when the line just above its fence says why:

    <!-- example: skip (the official SDK's code, for comparison) -->

The blocks of one page run in order in one namespace, as a reader would paste them into one session; a block
with top-level ``await``/``async for``/``async with`` runs in its own event loop. Examples run in a temporary
folder that holds the files they name (``invoice.pdf``, ``logo.png``, ...), against the server the caller gives.
"""

from __future__ import annotations

import ast
import asyncio
import inspect
import re
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DOC_FILES = [PROJECT_ROOT / "README.md", *sorted((PROJECT_ROOT / "docs").rglob("*.md"))]

_FENCE = re.compile(r"^(?P<indent>[ ]*)```(?P<lang>[\w+-]*)[^\n]*\n(?P<body>.*?)^(?P=indent)```[ ]*$", re.M | re.S)
_SKIP = re.compile(r"<!--\s*example:\s*skip\s*\((?P<reason>[^)]+)\)\s*-->\s*$")

# Files the examples open by name, created in the folder they run in.
FIXTURE_FILES: dict[str, bytes] = {
    "invoice.pdf": b"%PDF-1.4\n% an invoice\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
    "logo.png": bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"),
    "notes.txt": b"Some notes.\n",
    "bounces.csv": b"address,code,error\nann@example.org,550,No such user\n",
    "complaints.csv": b"address,created_at\nann@example.org,Thu, 13 Oct 2011 18:02:00 +0000\n",
    "message.eml": b"From: shop@mg.example.com\r\nTo: ann@example.org\r\nSubject: Hi\r\n\r\nHello!\r\n",
}


@dataclass(frozen=True)
class Example:
    path: Path
    line: int  # of the opening fence, 1-based
    code: str
    skip_reason: str | None

    @property
    def where(self) -> str:
        path = self.path.relative_to(PROJECT_ROOT) if self.path.is_relative_to(PROJECT_ROOT) else self.path
        return f"{path}:{self.line}"


def examples_in(path: Path) -> Iterator[Example]:
    text = path.read_text(encoding="utf-8")
    for match in _FENCE.finditer(text):
        if match.group("lang") != "python":
            continue
        start = match.start()
        line = text.count("\n", 0, start) + 1
        before = text[:start].rstrip("\n").rsplit("\n", 1)[-1]
        skip = _SKIP.search(before)
        body = _dedent(match.group("body"), len(match.group("indent")))
        yield Example(path, line, body, skip.group("reason").strip() if skip else None)


def _dedent(body: str, indent: int) -> str:
    return "\n".join(line[indent:] for line in body.splitlines()) + "\n"


def all_examples() -> list[Example]:
    return [example for path in DOC_FILES for example in examples_in(path)]


def run_page(examples: list[Example], namespace: dict[str, Any]) -> None:
    """Run a page's examples in order in ``namespace``; an example that fails names its file and line."""
    for example in examples:
        if example.skip_reason is not None:
            continue
        try:
            code = compile(example.code, example.where, "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
            if code.co_flags & inspect.CO_COROUTINE:
                asyncio.run(eval(code, namespace))
            else:
                exec(code, namespace)
        except Exception as exc:
            raise AssertionError(f"the example at {example.where} failed: {type(exc).__name__}: {exc}") from exc


# -- the docstring examples of the curated methods ---------------------------------------------------------------

_DOC_FENCE = re.compile(r"^(?P<indent>[ ]*)```python[ ]*\n(?P<body>.*?)^(?P=indent)```[ ]*$", re.M | re.S)


def curated_builders() -> dict[str, Any]:
    """``"group.method"`` -> the builder behind ``client.<group>.<method>`` (both clients share it)."""
    import importlib

    from mailgun import Mailgun
    from mailgun._client import resource
    from mailgun._endpoint import Descriptor

    found: dict[str, Any] = {}
    for group, slot in vars(Mailgun).items():
        if isinstance(slot, resource):
            cls = getattr(importlib.import_module(f"mailgun.resources.{slot.module}"), slot.name)
            for klass in reversed(cls.__mro__):
                for name, value in vars(klass).items():
                    if isinstance(value, Descriptor) and not name.startswith("_"):
                        found[f"{group}.{name}"] = value.build
    return found


def docstring_examples() -> list[Example]:
    """The ``Example:`` fences of the curated methods' docstrings, once per builder (the four suppression lists
    share theirs), each located at its line in the source."""
    seen: set[Any] = set()
    examples = []
    for build in curated_builders().values():
        function = inspect.unwrap(getattr(build, "__func__", build))
        if function in seen:
            continue
        seen.add(function)
        doc = inspect.getdoc(function) or ""
        _, section, rest = doc.partition("\nExample:\n")
        if not section:
            continue
        path = Path(inspect.getsourcefile(function) or "?")
        lines, first = inspect.getsourcelines(function)
        fences = [first + i for i, line in enumerate(lines) if line.strip().startswith("```python")]
        for fence_line, match in zip(fences, _DOC_FENCE.finditer(rest), strict=False):
            before = rest[: match.start()].rstrip("\n").rsplit("\n", 1)[-1]
            skip = _SKIP.search(before)
            reason = skip.group("reason").strip() if skip else None
            examples.append(Example(path, fence_line, textwrap.dedent(match.group("body")), reason))
    return examples
