"""Every Python example of README.md type-checks under `mypy --strict`, as written.

The README reads as one story per `## ` section (a block uses the `client` an earlier block of its section made),
so the blocks of a section are checked together, in order. A block importing a package that is not installed
(the web frameworks of the webhook example) is checked once it is installed and skipped, saying so, until then.
"""

from __future__ import annotations

import ast
import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
BLOCK = re.compile(r"^(## [^\n]*)$|^```python\n(.*?)^```", re.S | re.M)


def sections() -> tuple[dict[str, list[str]], list[str]]:
    """(section -> its checkable blocks, why other blocks are set aside)."""
    groups: dict[str, list[str]] = {}
    set_aside: list[str] = []
    section = "intro"
    text = README.read_text()
    for match in BLOCK.finditer(text):
        if match[1]:
            section = re.sub(r"\W+", "_", match[1][3:]).strip("_").lower()
            continue
        code = match[2]
        line = text[: match.start()].count("\n") + 1
        missing = sorted(name for name in imported_modules(code) if importlib.util.find_spec(name) is None)
        if missing:
            set_aside.append(f"README.md:{line} imports {', '.join(missing)}, not installed")
            continue
        groups.setdefault(section, []).append(f"# README.md:{line}\n{code}")
    return groups, set_aside


def imported_modules(code: str) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names


def test_readme_examples_type_check(tmp_path: Path) -> None:
    groups, _ = sections()
    assert sum(len(blocks) for blocks in groups.values()) >= 10
    files = []
    for name, blocks in groups.items():
        path = tmp_path / f"readme_{name}.py"
        path.write_text("\n".join(blocks))
        files.append(str(path))
    command = [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path / "cache"), *files]
    proc = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_readme_examples_needing_other_packages() -> None:
    _, set_aside = sections()
    if set_aside:
        pytest.skip("; ".join(set_aside))
