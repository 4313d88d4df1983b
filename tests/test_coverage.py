"""Every operation of the pinned spec is reachable: through a curated facade method, or through ``client.api``
(generated from the same spec, so an operation Mailgun adds is reachable the day it is generated).

The curated count is printed, not asserted: a new operation without a curated method is a follow-up (the change
report of `make generate` names it), not a failure. The contract suite calls it through ``client.api``.
"""

from __future__ import annotations

import importlib

import pytest
from facade_index import endpoints
from shared_data import module_of_operation


def _api_operations(flavour: str) -> set[str]:
    """Generated operations that are methods of client.api's `SyncOperations`/`AsyncOperations`."""
    from mailgun_openapi.api import TAGS

    found = set()
    for tag in TAGS:
        operations = getattr(importlib.import_module(f"mailgun_openapi.api.{tag}"), flavour)
        found |= {f"{tag}.{name}" for name in vars(operations) if not name.startswith("_")}
    return found


def test_every_generated_operation_is_reachable(capsys: pytest.CaptureFixture[str]) -> None:
    all_operations = set(module_of_operation().values())
    for client, flavour in (("sync", "SyncOperations"), ("async", "AsyncOperations")):
        curated = {op for e in endpoints() if e.client == client for op in e.operations}
        through_api = _api_operations(flavour)
        only_api = sorted(all_operations - curated)
        with capsys.disabled():
            print(
                f"\ncoverage ({client}): {len(all_operations & curated)} / {len(all_operations)} operations have a "
                f"curated method; {len(all_operations & through_api)} / {len(all_operations)} are on client.api"
                + (f"; only on client.api: {only_api}" if only_api else "")
            )
        assert sorted(all_operations - curated - through_api) == [], f"unreachable on the {client} client"
        assert through_api == all_operations, "client.api differs from the generated operation index"
        assert sorted(curated - all_operations) == [], "curated methods call operations the spec no longer has"


def test_sync_and_async_surfaces_match() -> None:
    surfaces = {
        client: {(e.name, e.operations) for e in endpoints() if e.client == client} for client in ("sync", "async")
    }
    assert surfaces["sync"] == surfaces["async"]
