"""Every operation of the pinned spec is reachable through a named facade method (sync and async).

When Mailgun adds operations, `make generate` names them in its change report and this test names them here.
"""

from __future__ import annotations

import pytest
from facade_index import endpoints
from shared_data import module_of_operation

# Operations deliberately not wrapped, each with its reason. Target: empty.
EXCLUDED: dict[str, str] = {}


def test_every_operation_has_a_facade_method(capsys: pytest.CaptureFixture[str]) -> None:
    all_operations = set(module_of_operation().values())
    by_client: dict[str, set[str]] = {"sync": set(), "async": set()}
    for endpoint in endpoints():
        by_client[endpoint.client] |= endpoint.operations
    for client, covered in by_client.items():
        missing = sorted(all_operations - covered - set(EXCLUDED))
        with capsys.disabled():
            print(f"\ncoverage ({client}): {len(all_operations & covered)} / {len(all_operations)} operations")
        assert not missing, f"{len(missing)} operations without a {client} facade method: {missing}"
    assert not set(EXCLUDED) - all_operations, "stale exclusions"


def test_sync_and_async_surfaces_match() -> None:
    surfaces = {
        client: {(e.name, e.operations) for e in endpoints() if e.client == client} for client in ("sync", "async")
    }
    assert surfaces["sync"] == surfaces["async"]
