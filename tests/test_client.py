"""Client construction: key, region/base URL, environment fallbacks, options, copies, closing."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest

import mailgun
from mailgun import AsyncMailgun, Mailgun, ValidationError
from mailgun._config import shared_ssl_context

ENV = ("MAILGUN_API_KEY", "MAILGUN_REGION", "MAILGUN_BASE_URL")


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ENV:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(params=[Mailgun, AsyncMailgun], ids=["sync", "async"])
def client_cls(request: pytest.FixtureRequest) -> Any:
    return request.param


def close(client: Any) -> None:
    if isinstance(client, AsyncMailgun):
        asyncio.run(client.close())
    else:
        client.close()


def test_missing_key_is_a_clear_error(client_cls: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        client_cls()
    assert caught.value.param == "api_key"
    assert "MAILGUN_API_KEY" in str(caught.value)


@pytest.mark.parametrize("bad", ["", "  ", "key\nInjected: 1", " padded "])
def test_malformed_key_is_refused(client_cls: Any, bad: str) -> None:
    with pytest.raises(ValidationError, match="api_key"):
        client_cls(bad)


@pytest.mark.parametrize(
    ("region", "url"),
    [
        (None, "https://api.mailgun.net"),
        ("us", "https://api.mailgun.net"),
        ("eu", "https://api.eu.mailgun.net"),
        ("EU", "https://api.eu.mailgun.net"),
    ],
)
def test_region_selects_the_host(client_cls: Any, region: str | None, url: str) -> None:
    client = client_cls("k", region=region)
    assert client.base_url == url
    assert client.region == (region or "us").lower()
    close(client)


def test_region_and_base_url_together_is_an_error(client_cls: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        client_cls("k", region="eu", base_url="https://api.eu.mailgun.net")
    assert caught.value.param == "region"


@pytest.mark.parametrize("bad", ["moon", ""])
def test_unknown_region(client_cls: Any, bad: str) -> None:
    with pytest.raises(ValidationError, match="region"):
        client_cls("k", region=bad)


@pytest.mark.parametrize("bad", ["api.mailgun.net", "ftp://x", "https://x/?q=1"])
def test_bad_base_url(client_cls: Any, bad: str) -> None:
    with pytest.raises(ValidationError, match="base_url"):
        client_cls("k", base_url=bad)


def test_environment_fallbacks(client_cls: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MAILGUN_API_KEY", "env-key")
    monkeypatch.setenv("MAILGUN_REGION", "eu")
    client = client_cls()
    assert client.base_url == "https://api.eu.mailgun.net"
    close(client)
    monkeypatch.delenv("MAILGUN_REGION")
    monkeypatch.setenv("MAILGUN_BASE_URL", "http://127.0.0.1:4010/")
    client = client_cls()
    assert client.base_url == "http://127.0.0.1:4010" and client.region is None
    close(client)
    # explicit arguments win over the environment
    client = client_cls(region="us")
    assert client.base_url == "https://api.mailgun.net"
    close(client)
    monkeypatch.setenv("MAILGUN_REGION", "eu")
    with pytest.raises(ValidationError, match="both set"):
        client_cls()


def test_options_are_validated(client_cls: Any) -> None:
    with pytest.raises(ValidationError, match="timeout"):
        client_cls("k", timeout=0)
    with pytest.raises(ValidationError, match="max_retries"):
        client_cls("k", max_retries=-1)
    client = client_cls("k", timeout=5)
    assert client.timeout == httpx.Timeout(5.0)
    close(client)


def test_default_timeouts_are_finite(client_cls: Any) -> None:
    client = client_cls("k")
    timeout = client.timeout
    assert all(v is not None and v > 0 for v in (timeout.connect, timeout.read, timeout.write, timeout.pool))
    close(client)


def test_clients_share_one_ssl_context() -> None:
    # Building an SSL context loads the CA bundle (~50 ms); clients share one so construction stays ~0.3 ms.
    first, second = Mailgun("k"), Mailgun("k")
    contexts = {id(c._transport.http._transport._pool._ssl_context) for c in (first, second)}
    assert contexts == {id(shared_ssl_context())}
    first.close()
    second.close()


def test_with_options_copies_without_touching_the_original(mock_api: Any) -> None:
    api = mock_api(lambda request: httpx.Response(200, json={}))
    sub = api.client.with_options(on_behalf_of="sub-123", timeout=3, max_retries=0)
    api(lambda c: sub.domains.get("example.com"))
    api(lambda c: c.domains.get("example.com"))
    assert api.requests[0].headers["X-Mailgun-On-Behalf-Of"] == "sub-123"
    assert "X-Mailgun-On-Behalf-Of" not in api.requests[1].headers
    assert sub.timeout == httpx.Timeout(3.0) and api.client.timeout != sub.timeout
    assert sub._transport.http is api.client._transport.http  # one connection pool


def test_closing_a_copy_keeps_the_shared_pool_open(mock_api: Any) -> None:
    api = mock_api(lambda request: httpx.Response(200, json={}))
    sub = api.client.with_options(on_behalf_of="sub-1")
    api(lambda c: sub.close())
    api(lambda c: c.domains.get("example.com"))
    assert len(api.requests) == 1


def test_user_agent_and_auth_headers(mock_api: Any) -> None:
    api = mock_api(lambda request: httpx.Response(200, json={}))
    api(lambda c: c.domains.get("example.com"))
    headers = api.requests[0].headers
    assert headers["User-Agent"].startswith(f"mailgun-typed/{mailgun.__version__} ")
    assert headers["Authorization"].startswith("Basic ")


def test_context_managers() -> None:
    with Mailgun("k") as client:
        assert not client._transport.http.is_closed
    assert client._transport.http.is_closed

    async def run() -> None:
        async with AsyncMailgun("k", http_client=httpx.AsyncClient()) as client:
            pass
        assert client._transport.http.is_closed is False  # the caller's http_client is the caller's to close
        await client._transport.http.aclose()

    asyncio.run(run())


def test_async_client_uses_aiohttp_transport_by_default() -> None:
    import sys

    from httpx_aiohttp import AiohttpTransport

    client = AsyncMailgun("k")
    assert isinstance(client._transport.http._transport, AiohttpTransport)
    asyncio.run(client.close())
    assert "aiohttp" in sys.modules


def test_sync_path_does_not_import_aiohttp() -> None:
    import subprocess
    import sys

    code = (
        "import sys, mailgun; mailgun.Mailgun('k').close(); "
        "print('aiohttp' in sys.modules, 'mailgun_openapi.models' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def test_the_key_in_the_pooled_client_headers_is_masked() -> None:
    import base64

    client = Mailgun("secret-key-123")
    token = base64.b64encode(b"api:secret-key-123").decode()
    headers = client._transport.http.headers
    assert headers["Authorization"] == f"Basic {token}"  # sent on every request without per-request merging
    assert token not in repr(headers) and "secret-key-123" not in repr(client)
    client.close()
