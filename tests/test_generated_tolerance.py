"""Every 2xx example of the spec and every real 2xx body goes through its generated model without an exception.

Mailgun's spec marks fields required that the API omits, says non-null where it sends null, and 65 of its own
2xx examples break its own schemas. openapi/ fixes make the generated models tolerant; this walks them all.
"""

from __future__ import annotations

import importlib
import json
import logging
from typing import Any

import httpx
import pytest
from mailgun_openapi.client import Client
from shared_data import (
    PROJECT_ROOT,
    fixed_spec,
    iter_real_interactions,
    match_operation,
    read_every_field,
    requires_shared,
)

pytestmark = requires_shared

MANIFEST = json.loads((PROJECT_ROOT / "generated" / "manifest.json").read_text())
CLIENT = Client(base_url="https://api.mailgun.net")


def parse(method: str, path: str, status: int, body: bytes, content_type: str = "application/json") -> Any:
    module = importlib.import_module(MANIFEST["operations"][f"{method} {path}"]["module"])
    request = httpx.Request(method, "https://api.mailgun.net" + path)
    response = httpx.Response(status, content=body, headers={"content-type": content_type}, request=request)
    return module._parse_response(client=CLIENT, response=response)


def spec_examples() -> list[tuple[str, str, str, int, Any]]:
    found = []
    for path, item in fixed_spec()["paths"].items():
        for method, op in item.items():
            for status, response in (op.get("responses") or {}).items():
                if not str(status).startswith("2"):
                    continue
                media = (response.get("content") or {}).get("application/json") or {}
                examples = [("example", media["example"])] if "example" in media else []
                examples += [(name, ex.get("value")) for name, ex in (media.get("examples") or {}).items()]
                for name, value in examples:
                    if value is not None:
                        found.append((method.upper(), path, name, int(status), value))
    return found


def unreadable_fields(caplog: pytest.LogCaptureFixture) -> list[str]:
    """What the lazy models logged as unreadable (a field left UNSET, its value kept in additional_properties):
    for these bodies that would be a model that does not fit the API, so it fails the test too."""
    found = [record.getMessage() for record in caplog.records if record.name == "mailgun.models"]
    caplog.clear()
    return found


def test_every_spec_2xx_example_parses(capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="mailgun.models")
    examples = spec_examples()
    failures = []
    for method, path, name, status, value in examples:
        try:
            parsed = parse(method, path, status, json.dumps(value).encode())
        except Exception as exc:  # the point of the test: report every failure, not the first
            failures.append(f"{method} {path} [{name}]: {type(exc).__name__}: {exc}")
            continue
        failures += [f"{method} {path} [{name}]: {problem}" for problem in read_every_field(parsed)]
        if isinstance(value, dict) and hasattr(parsed, "additional_properties"):
            assert_reachable(value, parsed)  # reads every field (to_dict), so lazy models parse them all
        failures += [f"{method} {path} [{name}]: {message}" for message in unreadable_fields(caplog)]
    with capsys.disabled():
        print(f"\nspec 2xx examples: {len(examples) - len(failures)} of {len(examples)} parse")
    assert not failures, "\n".join(failures)


def assert_reachable(raw: dict[str, Any], parsed: Any) -> None:
    """Every top-level field of the body is reachable: as an attribute or in additional_properties."""
    as_dict = parsed.to_dict() if hasattr(parsed, "to_dict") else {}
    for key in raw:
        assert key in as_dict or key in parsed.additional_properties, f"field {key!r} lost"


def test_every_real_2xx_body_parses(capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="mailgun.models")
    seen = parsed_ok = unmapped = 0
    failures = []
    for interaction in iter_real_interactions():
        if not 200 <= interaction.status < 300:
            continue
        match = match_operation(interaction.method, interaction.path)
        if match is None:
            unmapped += 1
            continue
        seen += 1
        try:
            value = parse(interaction.method, match[0], interaction.status, interaction.body)
        except Exception as exc:
            failures.append(f"{interaction.label}: {type(exc).__name__}: {exc}")
            continue
        parsed_ok += 1
        failures += [f"{interaction.label}: {problem}" for problem in read_every_field(value)]
        try:
            raw = json.loads(interaction.body)
        except ValueError:
            continue
        if isinstance(raw, dict) and hasattr(value, "additional_properties"):
            assert_reachable(raw, value)
        failures += [f"{interaction.label}: {message}" for message in unreadable_fields(caplog)]
    with capsys.disabled():
        print(f"\nreal 2xx bodies: {parsed_ok} of {seen} parse ({unmapped} not in the spec)")
    assert seen > 0
    assert not failures, "\n".join(failures)
