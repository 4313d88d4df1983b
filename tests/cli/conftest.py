"""The CLI in-process (click's runner) against tests/cli/mock_mailgun.py; the key is checked in every output."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from click.testing import CliRunner, Result

from mailgun.cli._app import Settings
from mailgun.cli._main import cli

from .mock_mailgun import API_KEY, MockMailgun, transport

Invoke = Callable[..., Result]
CLEAN_ENV: dict[str, str | None] = {
    "MAILGUN_API_KEY": API_KEY,
    "MAILGUN_REGION": None,
    "MAILGUN_BASE_URL": None,
    "MAILGUN_DOMAIN": None,
    "MAILGUN_WEBHOOK_SIGNING_KEY": None,
}


@pytest.fixture
def mock() -> MockMailgun:
    return MockMailgun()


@pytest.fixture
def invoke(mock: MockMailgun) -> Iterator[Invoke]:
    """``invoke(*args, input=..., env=..., sleep=...)``: runs ``mailgun --base-url <mock> args``.

    Fails the test if the API key appears in stdout or stderr, whatever the command did.
    """
    clients: list[httpx.Client] = []

    def run(
        *args: str,
        input: str | bytes | None = None,
        env: dict[str, str | None] | None = None,
        sleep: Callable[[float], None] | None = None,
        transport_: Any = None,
    ) -> Result:
        http = httpx.Client(transport=transport_ or transport(mock))
        clients.append(http)
        settings = Settings(http_client=http)
        if sleep is not None:
            settings.sleep = sleep
        result = CliRunner().invoke(
            cli, ["--base-url", mock.base_url, *args], obj=settings, input=input, env={**CLEAN_ENV, **(env or {})}
        )
        assert API_KEY not in result.output and API_KEY not in result.stderr, "the API key was printed"
        return result

    yield run
    for http in clients:
        http.close()
