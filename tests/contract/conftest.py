"""Contract-test fixtures: a Stoplight Prism mock of Mailgun serving the fixed spec (scripts/prism.py).

`prism` is one running server for the whole session. `prism_client` is an httpx client on it that fails the test
on any request Prism finds invalid; `prism_raw_client` does not check (for requests that are invalid on purpose).
They skip, with the reason, when Prism is not installed (`make prism-install`); the pinned spec is tracked
(`openapi/published/`), so an unreadable one fails. The module is imported as `prismlib` (the fixture is `prism`).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import prism as prismlib

API_AUTH = ("api", prismlib.TEST_API_KEY)


@pytest.fixture(scope="session")
def prism() -> Iterator[prismlib.PrismServer]:
    reason = prismlib.unavailable_reason()
    if reason:
        pytest.skip(reason)
    # A PrismError (Prism did not start) fails the tests that use it: that is a broken set-up, not a skip.
    with prismlib.PrismServer() as server:
        yield server


def check_response(response: httpx.Response) -> None:
    """httpx response hook: raise prismlib.ViolationError when Prism found the request invalid or refused it."""
    request = response.request
    prismlib.raise_for_violations(response.headers, response.read(), what=f"{request.method} {request.url}")


@pytest.fixture
def prism_client(prism: prismlib.PrismServer) -> Iterator[httpx.Client]:
    """Requests that break the spec raise prismlib.ViolationError (an AssertionError) with Prism's reasons."""
    hooks = {"response": [check_response]}
    with httpx.Client(base_url=prism.base_url, auth=API_AUTH, event_hooks=hooks) as client:
        yield client


@pytest.fixture
def prism_raw_client(prism: prismlib.PrismServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=prism.base_url, auth=API_AUTH) as client:
        yield client
