"""Real-traffic conformance: every recorded interaction of ../shared/cassettes/real/ that maps to an operation the
facade wraps is replayed through the facade (transport, error mapping, the operation's parser).

2xx -> data, with every recorded value reachable in the result; non-2xx -> the right exception class carrying
the server's message. Works on interactions it has never seen: the mapping goes through the spec's paths.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
from collections import Counter
from typing import Any

import pytest
from shared_data import (
    Interaction,
    iter_real_interactions,
    match_operation,
    module_of_operation,
    read_every_field,
    replay_through_facade,
    requires_shared,
    wrapped_operations,
)

from mailgun._errors import STATUS_ERRORS, error_message
from mailgun._exceptions import APIStatusError, InternalServerError

pytestmark = requires_shared


def _is_date(text: str) -> bool:
    try:
        email.utils.parsedate_to_datetime(text)
        return True
    except (TypeError, ValueError, IndexError):
        pass
    try:
        dt.datetime.fromisoformat(text.replace("Z", "+00:00").replace(" UTC", ""))
        return True
    except ValueError:
        return False


def leaves(value: Any) -> Counter[str]:
    """The scalar values of a JSON-like structure (dates left out: they are reformatted when parsed)."""
    found: Counter[str] = Counter()
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, (list, tuple)):
            stack.extend(item)
        elif isinstance(item, str) and _is_date(item):
            continue
        elif item is not None and not isinstance(item, dt.datetime):
            found[json.dumps(item)] += 1
    return found


def as_plain(result: Any) -> Any:
    if hasattr(result, "to_dict"):
        return result.to_dict()
    if isinstance(result, list):
        return [as_plain(item) for item in result]
    return result


def check(interaction: Interaction, outcome: str, result: Any) -> str | None:
    """None when the facade handled the interaction right, else why not."""
    if 200 <= interaction.status < 300:
        if outcome != "data":
            return f"2xx raised {type(result).__name__}: {result}"
        try:
            raw = json.loads(interaction.body) if interaction.body else None
        except ValueError:
            return None  # a text body: returned as data, nothing structured to compare
        unreadable = read_every_field(result)
        if unreadable:
            return f"fields that raise when read: {unreadable[:5]}"
        missing = leaves(raw) - leaves(as_plain(result))
        return f"recorded values not reachable: {sorted(missing)[:5]}" if missing else None
    if outcome != "error":
        return f"{interaction.status} returned a value instead of raising"
    expected = STATUS_ERRORS.get(interaction.status) or (
        InternalServerError if interaction.status >= 500 else APIStatusError
    )
    if type(result) is not expected:
        return f"raised {type(result).__name__}, expected {expected.__name__}"
    import httpx

    message, _ = error_message(httpx.Response(interaction.status, content=interaction.body))
    if message[:80] not in str(result):
        return f"message {message[:80]!r} missing from {str(result)[:120]!r}"
    return None


def test_real_interactions_through_the_facade(capsys: pytest.CaptureFixture[str]) -> None:
    operations = wrapped_operations()
    modules = module_of_operation()
    counts: Counter[str] = Counter()
    unmapped: Counter[str] = Counter()
    failures: list[str] = []
    for interaction in iter_real_interactions():
        match = match_operation(interaction.method, interaction.path)
        if match is None:
            unmapped["not in the spec"] += 1
            continue
        key = f"{interaction.method} {match[0]}"
        operation = operations.get(modules[key])
        if operation is None:
            unmapped[f"not wrapped: {key}"] += 1
            continue
        counts["mapped"] += 1
        outcome, result = replay_through_facade(interaction, operation)
        problem = check(interaction, outcome, result)
        if problem:
            failures.append(f"{interaction.label}: {problem}")
        else:
            counts["passed"] += 1
    with capsys.disabled():
        print(
            f"\nreal traffic: {counts['mapped']} mapped, {counts['passed']} passed, {sum(unmapped.values())} unmapped"
        )
        for why, n in sorted(unmapped.items()):
            print(f"  unmapped x{n}: {why}")
    assert counts["mapped"] > 0
    assert not failures, "\n".join(failures)
