"""Type-check tests/typing/ (files written as users write code) with mypy --strict and pyright.

The clean files must pass; in `misspelt_names.py` every line marked `# error:` must be reported, and nothing else.
This is how the SDK proves its types tell the truth users need: `assert_type(...)` fails the check when a field
Mailgun always sends is typed `X | None` (or `Unset`), when an item type drifts, or when `mailgun.types` hides a name
behind a module `__getattr__`.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TYPING = ROOT / "tests" / "typing"
CLEAN = sorted(p for p in TYPING.glob("*.py") if p.name != "misspelt_names.py")
MISSPELT = TYPING / "misspelt_names.py"
PYRIGHT = ROOT / "node_modules" / ".bin" / "pyright"


def expected_error_lines() -> set[int]:
    lines = MISSPELT.read_text().splitlines()
    return {number for number, line in enumerate(lines, start=1) if "  # error:" in line}


def run_mypy(*files: Path, cache: Path) -> tuple[int, str]:
    command = [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(cache), *map(str, files)]
    proc = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
    return proc.returncode, proc.stdout + proc.stderr


def test_typing_files_exist() -> None:
    assert CLEAN and MISSPELT.exists() and expected_error_lines()


def test_user_code_type_checks_with_mypy_strict(tmp_path: Path) -> None:
    status, out = run_mypy(*CLEAN, cache=tmp_path)
    assert status == 0, out


def test_misspelt_names_are_mypy_errors(tmp_path: Path) -> None:
    status, out = run_mypy(MISSPELT, cache=tmp_path)
    assert status == 1, out
    reported = {int(m[1]) for m in re.finditer(rf"{re.escape(MISSPELT.name)}:(\d+): error:", out)}
    assert reported == expected_error_lines(), out


def run_pyright(*files: Path) -> tuple[int, str]:
    if not PYRIGHT.exists():
        pytest.skip("pyright is not installed: run `make prism-install` (npm ci installs it from package.json)")
    command = [str(PYRIGHT), "--pythonpath", sys.executable, "--pythonversion", "3.10", *map(str, files)]
    proc = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
    return proc.returncode, proc.stdout + proc.stderr


def test_user_code_type_checks_with_pyright() -> None:
    status, out = run_pyright(*CLEAN)
    assert status == 0, out


def test_misspelt_names_are_pyright_errors() -> None:
    status, out = run_pyright(MISSPELT)
    assert status == 1, out
    reported = {int(m[1]) for m in re.finditer(rf"{re.escape(MISSPELT.name)}:(\d+):\d+ - error", out)}
    assert reported == expected_error_lines(), out
