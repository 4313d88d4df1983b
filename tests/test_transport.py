"""The transport: error mapping, retries (fake clock, no real sleeping), duplicate-send safety, logging, secrets.

Every scenario runs on the sync and the async client (`mock_api` is parametrised).
"""

from __future__ import annotations

import contextlib
import email.utils
import logging
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

import mailgun
from mailgun import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    InternalServerError,
    NotFoundError,
    PayloadTooLargeError,
    PaymentRequiredError,
    PermissionDeniedError,
    RateLimitError,
)

KEY = "test-key-not-a-secret"
DOMAINS_OK = {"total_count": 1, "items": [{"name": "example.com"}]}


def respond(*responses: httpx.Response | Exception) -> Callable[[httpx.Request], httpx.Response]:
    """A handler answering with each response in turn (an exception is raised instead); the last one repeats."""
    queue: Iterator[httpx.Response | Exception] = iter(responses)
    last: list[httpx.Response | Exception] = [responses[-1]]

    def handler(request: httpx.Request) -> httpx.Response:
        item = next(queue, last[0])
        if isinstance(item, Exception):
            raise item
        return httpx.Response(item.status_code, headers=item.headers, content=item.content)

    return handler


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (400, BadRequestError),
        (401, AuthenticationError),
        (402, PaymentRequiredError),
        (403, PermissionDeniedError),
        (404, NotFoundError),
        (409, ConflictError),
        (413, PayloadTooLargeError),
        (429, RateLimitError),
        (500, InternalServerError),
        (502, InternalServerError),
        (418, APIStatusError),
    ],
)
def test_status_maps_to_one_exception_class(mock_api: Any, status: int, cls: type[APIStatusError]) -> None:
    api = mock_api(
        respond(httpx.Response(status, json={"message": "nope"}, headers={"X-Mailgun-Request-Id": "req-42"}))
    )
    with pytest.raises(cls) as caught:
        api(lambda c: c.domains.get("example.com"))
    error = caught.value
    assert type(error) is cls
    assert error.status_code == status
    assert error.message.startswith("nope")
    assert error.request_id == "req-42"
    assert error.method == "GET"
    assert error.url == "https://api.mailgun.net/v4/domains/example.com"
    assert "nope" in str(error) and "req-42" in str(error)


def test_plain_text_error_body_is_the_message(mock_api: Any) -> None:
    # Mailgun answers a bad key with a plain-text `Forbidden` (shared cassettes).
    api = mock_api(respond(httpx.Response(401, text="Forbidden")))
    with pytest.raises(AuthenticationError) as caught:
        api(lambda c: c.domains.get("example.com"))
    assert caught.value.message.startswith("Forbidden")
    assert caught.value.body == "Forbidden"


def test_region_mismatch_hint(mock_api: Any) -> None:
    api = mock_api(respond(httpx.Response(404, json={"message": "Domain not found"})), region="eu")
    with pytest.raises(NotFoundError) as caught:
        api(lambda c: c.domains.get("example.com"))
    assert "region='us'" in str(caught.value)
    assert api.requests[0].url.host == "api.eu.mailgun.net"


def test_sending_key_hint_on_other_calls(mock_api: Any) -> None:
    api = mock_api(respond(httpx.Response(403, text="Forbidden")))
    with pytest.raises(PermissionDeniedError) as caught:
        api(lambda c: c.domains.get("example.com"))
    assert "Domain Sending Key" in str(caught.value)


def test_non_2xx_is_never_returned_and_2xx_body_never_raises(mock_api: Any) -> None:
    api = mock_api(respond(httpx.Response(200, text="<html>surprise</html>")))
    result = api(lambda c: c.domains.get("example.com"))
    assert result.additional_properties == {"body": "<html>surprise</html>"}


def test_get_is_retried_on_503_then_succeeds(mock_api: Any) -> None:
    api = mock_api(
        respond(httpx.Response(503, text="busy"), httpx.Response(503, text="busy"), httpx.Response(200, json={})),
        max_retries=2,
    )
    api(lambda c: c.domains.get("example.com"))
    assert len(api.requests) == 3
    assert len(api.sleeps) == 2 and all(0 < s <= 8 for s in api.sleeps)


def test_retries_give_up_and_say_how_many_attempts(mock_api: Any) -> None:
    api = mock_api(respond(httpx.Response(500, json={"message": "down"})), max_retries=2)
    with pytest.raises(InternalServerError) as caught:
        api(lambda c: c.domains.get("example.com"))
    assert caught.value.attempts == 3
    assert "after 3 attempts" in str(caught.value)
    assert len(api.requests) == 3


def test_retry_after_seconds_is_honoured(mock_api: Any) -> None:
    api = mock_api(
        respond(httpx.Response(429, headers={"Retry-After": "7"}, text="slow down"), httpx.Response(200, json={})),
        max_retries=1,
    )
    api(lambda c: c.domains.get("example.com"))
    assert 7 <= api.sleeps[0] < 8


def test_retry_after_http_date_is_honoured(mock_api: Any) -> None:
    when = email.utils.formatdate(time.time() + 20, usegmt=True)
    api = mock_api(
        respond(httpx.Response(429, headers={"Retry-After": when}, text="slow"), httpx.Response(200, json={})),
        max_retries=1,
    )
    api(lambda c: c.domains.get("example.com"))
    assert 15 <= api.sleeps[0] <= 21


def test_rate_limit_reset_header_is_honoured(mock_api: Any) -> None:
    reset = int(time.time()) + 5
    api = mock_api(
        respond(httpx.Response(429, headers={"X-RateLimit-Reset": str(reset)}), httpx.Response(200, json={})),
        max_retries=1,
    )
    api(lambda c: c.domains.get("example.com"))
    assert 3 <= api.sleeps[0] <= 6.5


def test_server_wait_over_the_cap_is_not_waited_for(mock_api: Any) -> None:
    api = mock_api(respond(httpx.Response(429, headers={"Retry-After": "3600"}, text="later")), max_retries=2)
    with pytest.raises(RateLimitError) as caught:
        api(lambda c: c.domains.get("example.com"))
    assert caught.value.retry_after == pytest.approx(3600, abs=2)
    assert api.sleeps == [] and len(api.requests) == 1


def test_connection_failure_before_sending_is_retried(mock_api: Any) -> None:
    api = mock_api(respond(httpx.ConnectError("refused"), httpx.Response(200, json={})), max_retries=1)
    api(lambda c: c.domains.get("example.com"))
    assert len(api.requests) == 2


def test_timeouts_and_drops_become_typed_errors(mock_api: Any) -> None:
    api = mock_api(respond(httpx.ReadTimeout("slow")), max_retries=0)
    with pytest.raises(APITimeoutError) as caught:
        api(lambda c: c.domains.get("example.com"))
    assert caught.value.attempts == 1
    api = mock_api(respond(httpx.RemoteProtocolError("dropped")), max_retries=0)
    with pytest.raises(APIConnectionError, match="dropped"):
        api(lambda c: c.domains.get("example.com"))


# ----------------------------------------------------------------------------------- no duplicate sends
def _send_request(c: Any) -> Any:
    return c.request("POST", "/v3/example.com/messages", data={"from": "a@example.com", "to": "b@example.com"})


@pytest.mark.parametrize(
    "failure",
    [httpx.Response(503, text="unavailable"), httpx.Response(500, text="oops"), httpx.ReadTimeout("slow")],
    ids=["503", "500", "read-timeout"],
)
def test_send_is_not_retried_when_mailgun_may_have_taken_it(mock_api: Any, failure: Any) -> None:
    api = mock_api(respond(failure, httpx.Response(200, json={"id": "<x@y>"})), max_retries=3)
    with pytest.raises(mailgun.APIError) as caught:
        api(_send_request)
    assert len(api.requests) == 1, "a send that may have been queued must not be repeated"
    assert caught.value.attempts == 1


@pytest.mark.parametrize(
    "failure", [httpx.Response(429, text="slow down"), httpx.ConnectError("refused")], ids=["429", "connect"]
)
def test_send_is_retried_when_mailgun_certainly_did_not_take_it(mock_api: Any, failure: Any) -> None:
    api = mock_api(respond(failure, httpx.Response(200, json={"id": "<x@y>"})), max_retries=3)
    api(_send_request)
    assert len(api.requests) == 2


def test_send_retry_on_ambiguous_failure_is_opt_in(mock_api: Any) -> None:
    api = mock_api(
        respond(httpx.Response(503, text="busy"), httpx.Response(200, json={"id": "<x@y>"})),
        max_retries=2,
        retry_sends_on_ambiguous=True,
    )
    api(_send_request)
    assert len(api.requests) == 2


def test_injected_faults_never_duplicate_a_send(mock_api: Any) -> None:
    """100 sends under a mix of 429 / 503 / dropped connections: each send reaches Mailgun's queue once."""
    accepted: list[str] = []
    faults = iter([429, 503, "drop", None] * 100)

    def handler(request: httpx.Request) -> httpx.Response:
        fault = next(faults)
        if fault == 429:
            return httpx.Response(429, text="slow down")
        if fault == "drop":
            raise httpx.ConnectError("refused before sending")
        accepted.append(request.content.decode())
        if fault == 503:
            # Mailgun queued it but the answer was lost behind a 503: retrying would duplicate.
            return httpx.Response(503, text="upstream error")
        return httpx.Response(200, json={"id": "<x@y>"})

    api = mock_api(handler, max_retries=5)
    for i in range(100):
        with contextlib.suppress(mailgun.InternalServerError):
            api(lambda c, i=i: c.request("POST", "/v3/example.com/messages", data={"to": f"u{i}@example.com"}))
    assert len(accepted) == len(set(accepted)) == 100


def test_read_posts_are_retried_like_gets(mock_api: Any) -> None:
    api = mock_api(respond(httpx.Response(503, text="busy"), httpx.Response(200, json={"items": []})), max_retries=1)
    assert api.collect(lambda c: c.logs.list()) == []
    assert len(api.requests) == 2


# ------------------------------------------------------------------------------------------ escape hatch
def test_request_escape_hatch_and_raw_headers(mock_api: Any) -> None:
    headers = {"X-RateLimit-Limit": "300", "X-RateLimit-Remaining": "299", "X-RateLimit-Reset": "1700000000"}
    api = mock_api(respond(httpx.Response(200, json={"ok": True}, headers=headers)))
    raw = api(lambda c: c.request("GET", "/v3/domains", params={"limit": 1}))
    assert raw.status_code == 200 and raw.json() == {"ok": True}
    assert raw.headers["X-RateLimit-Remaining"] == "299"
    assert api.requests[0].url == "https://api.mailgun.net/v3/domains?limit=1"
    raw = api(lambda c: c.domains.get.with_raw_response("example.com"))
    assert raw.headers["X-RateLimit-Limit"] == "300"
    assert raw.parse().additional_properties == {"ok": True}


def test_escape_hatch_never_sends_the_key_elsewhere(mock_api: Any) -> None:
    api = mock_api(respond(httpx.Response(200, json={})))
    with pytest.raises(mailgun.ValidationError) as caught:
        api(lambda c: c.request("GET", "https://evil.example/v3/domains"))
    assert caught.value.param == "path"
    assert api.requests == []


# ------------------------------------------------------------------------------------- logging, secrets
def test_one_debug_line_per_attempt_without_the_key(mock_api: Any, caplog: pytest.LogCaptureFixture) -> None:
    api = mock_api(respond(httpx.Response(503, text="busy"), httpx.Response(200, json={})), max_retries=1)
    with caplog.at_level(logging.DEBUG, logger="mailgun"):
        api(lambda c: c.domains.get("example.com"))
    lines = [r.getMessage() for r in caplog.records if r.name == "mailgun"]
    assert len(lines) == 2
    assert "GET /v4/domains/example.com -> 503 (attempt 1" in lines[0]
    assert "-> 200 (attempt 2" in lines[1]
    assert KEY not in caplog.text


def test_key_never_in_repr_or_errors(mock_api: Any) -> None:
    api = mock_api(respond(httpx.Response(401, text="Forbidden")))
    assert KEY not in repr(api.client)
    with pytest.raises(AuthenticationError) as caught:
        api(lambda c: c.domains.get("example.com"))
    assert KEY not in str(caught.value) and KEY not in repr(caught.value)
    import base64

    assert base64.b64encode(f"api:{KEY}".encode()).decode() not in repr(caught.value.response.request.headers)
    auth = api.requests[0].headers["authorization"]
    assert auth == "Basic " + base64.b64encode(f"api:{KEY}".encode()).decode()


def test_parsed_urls_are_reused_only_without_a_query() -> None:
    # httpx parses URL strings character by character; the SDK keeps parsed ones for URLs that come back
    # (a domain's send endpoint), never for one-off URLs with a query (next-page cursors).
    from mailgun._retry import RetryPolicy
    from mailgun._transport import TransportConfig, build_request

    config = TransportConfig(
        api_key="key-1", base_url="https://api.mailgun.net", region="us", timeout=httpx.Timeout(5.0),
        retry=RetryPolicy(), headers={},
    )  # fmt: skip
    from mailgun._transport import _parsed_url

    before = _parsed_url.cache_info()
    with httpx.Client() as http:
        first = build_request(http, config, {"method": "POST", "url": "/v3/example.com/messages"})
        again = build_request(http, config, {"method": "POST", "url": "/v3/example.com/messages"})
        other = build_request(http, config, {"method": "POST", "url": "/v3/other.example.com/messages"})
        after_sends = _parsed_url.cache_info()
        page = build_request(http, config, {"method": "GET", "url": "/v3/example.com/bounces?page=next&x=1"})
        build_request(http, config, {"method": "GET", "url": "/v3/example.com/bounces?page=next&x=2"})
    assert after_sends.hits - before.hits >= 1  # the second send to the same URL
    assert _parsed_url.cache_info().currsize == after_sends.currsize  # next-page URLs are not kept
    assert str(first.url) == str(again.url) == "https://api.mailgun.net/v3/example.com/messages"
    assert str(other.url) == "https://api.mailgun.net/v3/other.example.com/messages"
    assert page.url.params["page"] == "next"
    assert first.headers["Authorization"].startswith("Basic ")
