"""What the framework adapters share: configuration checks and the status code for each failure."""

from __future__ import annotations

import inspect
import logging

from mailgun.inbound import InboundError, InboundTooLargeError
from mailgun.webhook_verification import AsyncTokenStore, TokenStore, TokenStoreError, WebhookVerificationError

logger = logging.getLogger("mailgun.integrations")

# Every failure a view turns into a status; anything else (the handler's own errors) goes to the framework (500).
FAILURES = (TokenStoreError, WebhookVerificationError, InboundError)

_ANSWERS: tuple[tuple[type[Exception], int, str], ...] = (
    (TokenStoreError, 503, "token store unavailable, retry later"),
    (InboundTooLargeError, 413, "inbound message too large"),
    (InboundError, 400, "malformed inbound post"),
    (WebhookVerificationError, 403, "webhook signature rejected"),
)


def failure_answer(exc: Exception) -> tuple[int, str]:
    """(status, short body) for one of FAILURES; the reason goes to the log, not to the caller."""
    for kind, status, text in _ANSWERS:
        if isinstance(exc, kind):
            logger.warning("Mailgun post refused with %d: %s", status, exc)
            return status, text
    raise TypeError(f"not a view failure: {type(exc).__name__}")  # pragma: no cover - FAILURES lists _ANSWERS


def check_keys(signing_key: str | bytes | None, parent_signing_key: str | bytes | None) -> None:
    # A missing key is a configuration error: say so at start-up, not with a 403 on every post.
    if not signing_key and not parent_signing_key:
        raise ValueError("give signing_key= (the webhook signing key) or parent_signing_key= (the primary account's)")


def is_async_store(token_store: TokenStore | AsyncTokenStore | None) -> bool:
    return token_store is not None and inspect.iscoroutinefunction(getattr(token_store, "seen", None))


def require_sync_store(token_store: TokenStore | AsyncTokenStore | None, framework: str) -> TokenStore | None:
    if is_async_store(token_store):
        raise TypeError(f"{framework} views are synchronous: use RedisTokenStore, not AsyncRedisTokenStore")
    return token_store  # type: ignore[return-value]  # not async, so a TokenStore
