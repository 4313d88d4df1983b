"""Async variants, with_raw_response and error attributes, typed as users write them."""

from __future__ import annotations

import datetime

import httpx
from typing_extensions import assert_type

import mailgun
from mailgun import AsyncMailgun, Mailgun
from mailgun.types import Bounce, Domain, LogEvent, SendResult


async def async_paths() -> None:
    async with AsyncMailgun() as client:
        result = await client.messages.send(
            "mg.example.com", from_="me@mg.example.com", to="you@example.org", subject="Hi", text="Hello"
        )
        assert_type(result, SendResult)
        assert_type(result.id, str)
        async for bounce in client.bounces.list("mg.example.com"):
            assert_type(bounce, Bounce)
            assert_type(bounce.created_at, datetime.datetime)
        async for domain in client.domains.list():
            assert_type(domain, Domain)
            assert_type(domain.name, str)
        async for event in client.logs.list():
            assert_type(event, LogEvent)
        raw = await client.domains.get.with_raw_response("mg.example.com")
        assert_type(raw.status_code, int)
        assert_type(raw.parse().domain.name, str)


def raw_responses(client: Mailgun) -> None:
    raw = client.messages.send.with_raw_response(
        "mg.example.com", from_="me@mg.example.com", to="you@example.org", subject="Hi", text="Hello"
    )
    assert_type(raw.status_code, int)
    assert_type(raw.headers, httpx.Headers)
    assert_type(raw.request_id, str | None)
    assert_type(raw.parse(), SendResult)
    assert_type(raw.parse().message, str)


def errors(client: Mailgun) -> None:
    try:
        client.domains.get("mg.example.com")
    except mailgun.RateLimitError as exc:
        assert_type(exc.retry_after, float | None)
    except mailgun.APIStatusError as exc:
        assert_type(exc.status_code, int)
        assert_type(exc.message, str)
        assert_type(exc.request_id, str | None)
    except mailgun.APIError as exc:
        assert_type(exc.method, str)
        assert_type(exc.url, str)
        assert_type(exc.attempts, int)
    except mailgun.ValidationError as exc:
        assert_type(exc.param, str)
    except mailgun.MissingFieldError as exc:  # a reliably sent field an answer lacked, raised on access
        assert_type(exc.model, str)
        assert_type(exc.field, str)
