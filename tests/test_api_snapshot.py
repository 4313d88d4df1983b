"""The curated surface is guarded (issue 12, item 7): tests/api_snapshot/ records every public name of `mailgun`
and its public submodules with its full signature; a change to the API is a reviewed change of those files."""

from __future__ import annotations

import re
import sys
from pathlib import Path

# scripts/ is not a package: its modules import each other by name, as they do when run as scripts.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))

import api_snapshot


def test_the_public_api_matches_the_committed_snapshot() -> None:
    report = api_snapshot.differences(api_snapshot.snapshot(), api_snapshot.committed())
    assert not report, (
        "The public API of mailgun changed:\n\n" + "\n\n".join(report) + "\n\n" + api_snapshot.UPDATE_HINT
    )


def test_the_snapshot_names_no_generated_code() -> None:
    """A regeneration of generated/ must never change the snapshot: it names the facade's types only."""
    from mailgun_openapi import models

    import mailgun.literals
    import mailgun.types

    texts = api_snapshot.snapshot()
    # Names the facade defines itself (some coincide with generated ones: Metrics, Routes, NotFoundError...).
    facade = {
        name
        for module, loaded in list(sys.modules.items())
        if module == "mailgun" or module.startswith("mailgun.")
        for name, value in vars(loaded).items()
        if not str(getattr(value, "__module__", "")).startswith("mailgun_openapi")
    }
    generated = set(models._MODULES) - facade - {*mailgun.types.__all__, *mailgun.literals.__all__}
    for name, text in texts.items():
        assert "mailgun_openapi" not in text, name
        leaked = sorted(set(re.findall(r"(?<![.\w])[A-Z]\w+", text)) & generated)
        assert not leaked, f"{name}: generated names in the public API: {leaked} (give them a name in mailgun.types)"


def test_a_difference_says_what_changed_and_how_to_update() -> None:
    recorded = {"mailgun": "def f(a: int) -> None\n", "mailgun.gone": "x: int\n"}
    current = {"mailgun": "def f(a: int, b: str) -> None\n", "mailgun.new": "def g() -> None\n"}
    report = "\n\n".join(api_snapshot.differences(current, recorded))
    assert "-def f(a: int) -> None" in report and "+def f(a: int, b: str) -> None" in report
    assert "new public module mailgun.new" in report and "def g() -> None" in report
    assert "public module mailgun.gone is gone" in report
    assert "make api-snapshot" in api_snapshot.UPDATE_HINT


def test_every_public_module_is_covered() -> None:
    modules = api_snapshot.public_modules()
    assert "mailgun" in modules and "mailgun.resources.domains" in modules and "mailgun.literals" in modules
    assert not [m for m in modules if any(part.startswith("_") for part in m.split("."))]
