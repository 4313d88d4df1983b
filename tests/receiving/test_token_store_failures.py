"""Whatever a token store does wrong, a webhook is never accepted because of it: a failure is TokenStoreError
(503, Mailgun retries), an async store handed to the sync API is a TypeError, not a silent "replay"."""

from __future__ import annotations

import pytest

from mailgun.inbound import aparse_inbound, parse_inbound
from mailgun.webhook_verification import (
    TokenStoreError,
    WebhookVerificationError,
    averify_webhook,
    verify_webhook,
)

from .inbound_posts import parsed_urlencoded
from .signing import KEY, json_webhook


class BrokenStore:
    def seen(self, token: str, expires_at: float) -> bool:
        raise ConnectionResetError("the store's own connection dropped")


class AsyncStore:
    def __init__(self) -> None:
        self.tokens: set[str] = set()

    async def seen(self, token: str, expires_at: float) -> bool:
        known = token in self.tokens
        self.tokens.add(token)
        return known


def test_any_store_failure_is_a_token_store_error() -> None:
    with pytest.raises(TokenStoreError, match="ConnectionResetError") as caught:
        verify_webhook(json_webhook(), KEY, token_store=BrokenStore())
    assert isinstance(caught.value.__cause__, ConnectionResetError)
    with pytest.raises(TokenStoreError):
        parse_inbound(*parsed_urlencoded(), signing_key=KEY, token_store=BrokenStore())


async def test_any_async_store_failure_is_a_token_store_error() -> None:
    with pytest.raises(TokenStoreError):
        await averify_webhook(json_webhook(), KEY, token_store=BrokenStore())
    with pytest.raises(TokenStoreError):
        await aparse_inbound(*parsed_urlencoded(), signing_key=KEY, token_store=BrokenStore())


def test_an_async_store_in_the_sync_api_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="averify_webhook"):
        verify_webhook(json_webhook(), KEY, token_store=AsyncStore())  # type: ignore[arg-type]


async def test_an_async_store_works_with_the_async_api() -> None:
    store = AsyncStore()
    body = json_webhook()
    await averify_webhook(body, KEY, token_store=store)
    with pytest.raises(WebhookVerificationError, match="replayed"):
        await averify_webhook(body, KEY, token_store=store)
