"""Shared fixtures: sync and async clients run the same scenarios; cassettes replay with credentials scrubbed.

Cassettes (tests/cassettes/<test module>/<test>.yaml) replay by default (record mode `none`: nothing reaches the
network). To re-record against the live API, with the key scrubbed from what is written:

    MAILGUN_API_KEY=key-... pytest tests/resources -o addopts="" --record-mode=rewrite

(`-o addopts=""` lifts the suite's network block) or against a local Prism mock of the spec (no account needed):

    python scripts/prism.py run -- pytest tests/resources --record-mode=rewrite

Recorded hosts are rewritten to https://api.mailgun.net, so cassettes replay the same whatever was recorded.
"""

from __future__ import annotations

import asyncio
import inspect
import os
import re
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx
import pytest

import mailgun

API = "https://api.mailgun.net"
TEST_KEY = "test-key-not-a-secret"
_SECRET_QUERY_KEYS = ("api_key", "key")


def _recording_target() -> tuple[str, str]:
    """(base URL, key) when re-recording; the replay defaults otherwise."""
    return os.environ.get("MAILGUN_BASE_URL", API), os.environ.get("MAILGUN_API_KEY", TEST_KEY)


def _scrub_request(request: Any) -> Any:
    parts = urlsplit(request.uri)
    request.uri = urlunsplit(("https", "api.mailgun.net", parts.path, parts.query, parts.fragment))
    return request


def _scrub_response(response: dict[str, Any]) -> dict[str, Any]:
    headers = response.get("headers") or {}
    for name in list(headers):
        if name.lower() in ("set-cookie", "x-mailgun-key-id"):
            headers[name] = ["REDACTED"]
    return response


@pytest.fixture(scope="module")
def vcr_config() -> dict[str, Any]:
    return {
        "filter_headers": [("authorization", "Basic REDACTED")],
        "filter_query_parameters": [(k, "REDACTED") for k in _SECRET_QUERY_KEYS],
        "before_record_request": _scrub_request,
        "before_record_response": _scrub_response,
        "record_mode": "none",
        "match_on": ["method", "path", "query"],
        # Pages of one listing are identical requests (method, path, query): replay them in recorded order.
        "allow_playback_repeats": False,
        "decode_compressed_response": True,
    }


@pytest.fixture(scope="module")
def vcr_cassette_dir(request: pytest.FixtureRequest) -> str:
    """tests/cassettes/<test module>/ for every test module, wherever it lives under tests/."""
    return str(Path(__file__).parent / "cassettes" / request.module.__name__.rsplit(".", 1)[-1])


@pytest.fixture
def default_cassette_name(request: pytest.FixtureRequest) -> str:
    """One cassette per scenario: the sync and the async run replay the same file."""
    name = re.sub(r"\[a?sync\]$", "", request.node.name)
    return re.sub(r"(?<=\[)a?sync-|-a?sync(?=\])", "", name)


class Both:
    """Runs one scenario on the sync or the async client, so tests are written once (parametrised)."""

    def __init__(
        self, mode: str, handler: Callable[[httpx.Request], httpx.Response] | None = None, **options: Any
    ) -> None:
        self.mode = mode
        self._loop = asyncio.new_event_loop() if mode == "async" else None
        self.requests: list[httpx.Request] = []
        self.sleeps: list[float] = []
        base_url, key = _recording_target()
        options = {"base_url": base_url, "max_retries": 0, **options}
        if handler is not None and "region" in options:
            options.pop("base_url")
        transport = httpx.MockTransport(self._recorder(handler)) if handler is not None else None
        if mode == "sync":
            self.client: Any = mailgun.Mailgun(key, http_client=httpx.Client(transport=transport), **options)
            if handler is not None:
                self.client._transport.sleep = self.sleeps.append
        else:
            # httpx's own async transport here: vcrpy intercepts httpx; the aiohttp transport has its own tests.
            self.client = mailgun.AsyncMailgun(key, http_client=httpx.AsyncClient(transport=transport), **options)
            if handler is not None:
                self.client._transport.sleep = self._async_sleep

    def _recorder(
        self, handler: Callable[[httpx.Request], httpx.Response]
    ) -> Callable[[httpx.Request], httpx.Response]:
        def record(request: httpx.Request) -> httpx.Response:
            request.read()
            self.requests.append(request)
            return handler(request)

        return record

    async def _async_sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)

    def __call__(self, fn: Callable[[Any], Any]) -> Any:
        """``both(lambda c: c.domains.get("x"))`` -> the result, awaited on the async client."""
        result = fn(self.client)
        if inspect.isawaitable(result):
            assert self._loop is not None
            return self._loop.run_until_complete(_await(result))
        return result

    def collect(self, fn: Callable[[Any], Any], limit: int | None = None) -> list[Any]:
        """Items of a paged listing as a list (at most ``limit``)."""
        pager = fn(self.client)
        if self._loop is None:
            out = []
            for item in pager:
                out.append(item)
                if limit is not None and len(out) >= limit:
                    break
            return out
        return self._loop.run_until_complete(_collect_async(pager, limit))

    def close(self) -> None:
        if self._loop is None:
            self.client.close()
        else:
            self._loop.run_until_complete(self.client.close())
            self._loop.close()


async def _await(awaitable: Any) -> Any:
    return await awaitable


async def _collect_async(pager: AsyncIterator[Any], limit: int | None) -> list[Any]:
    out = []
    async for item in pager:
        out.append(item)
        if limit is not None and len(out) >= limit:
            break
    return out


@pytest.fixture(params=["sync", "async"])
def both(request: pytest.FixtureRequest) -> Iterator[Both]:
    runner = Both(request.param)
    yield runner
    runner.close()


@pytest.fixture(params=["sync", "async"])
def mock_api(request: pytest.FixtureRequest) -> Iterator[Callable[..., Both]]:
    """``mock_api(handler, **client_options)``: a sync or async client answered by ``handler`` (no network),
    recording ``.requests`` and faking sleep (``.sleeps``)."""
    runners: list[Both] = []

    def make(handler: Callable[[httpx.Request], httpx.Response], **options: Any) -> Both:
        runner = Both(request.param, handler, **options)
        runners.append(runner)
        return runner

    yield make
    for runner in runners:
        runner.close()
