"""Starlette (and FastAPI) endpoints for Mailgun webhooks and inbound mail.

    from mailgun.integrations.starlette import inbound_view, webhook_view

    app = Starlette(routes=[
        Route("/mailgun/events", webhook_view(on_event, signing_key=KEY, token_store=TOKENS), methods=["POST"]),
        Route("/mailgun/inbound", inbound_view(on_message, signing_key=KEY, token_store=TOKENS), methods=["POST"]),
    ])
    # FastAPI: app.add_api_route("/mailgun/events", webhook_view(on_event, ...), methods=["POST"])

    async def on_event(request, event):   # a Response, or None for an empty 200; a plain def runs in a thread
        ...

``token_store`` may be async (AsyncRedisTokenStore) or not. The webhook endpoint reads ``await request.body()``;
the inbound one feeds ``request.stream()`` to the parser chunk by chunk, so big messages spool to disk.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from mailgun.inbound import InboundLimits, InboundMessage, aparse_inbound
from mailgun.webhook_verification import (
    DEFAULT_TOLERANCE,
    AsyncTokenStore,
    TokenStore,
    WebhookEvent,
    averify_webhook,
)

from ._common import FAILURES, check_keys, failure_answer

__all__ = ["inbound_view", "webhook_view"]

Endpoint = Callable[[Request], Awaitable[Response]]
Handler = Callable[[Request, Any], "Response | Awaitable[Response | None] | None"]


def webhook_view(
    handler: Callable[[Request, WebhookEvent], Response | Awaitable[Response | None] | None],
    *,
    signing_key: str | bytes | None = None,
    parent_signing_key: str | bytes | None = None,
    token_store: TokenStore | AsyncTokenStore | None = None,
    tolerance: float | None = DEFAULT_TOLERANCE,
) -> Endpoint:
    """An endpoint that verifies a webhook (JSON or legacy form) and calls ``handler(request, event)``."""
    check_keys(signing_key, parent_signing_key)

    async def verified_event(request: Request) -> WebhookEvent:
        return await averify_webhook(
            await request.body(),
            signing_key,
            parent_signing_key=parent_signing_key,
            content_type=request.headers.get("content-type"),
            tolerance=tolerance,
            token_store=token_store,
        )

    return _endpoint(handler, verified_event)


def inbound_view(
    handler: Callable[[Request, InboundMessage], Response | Awaitable[Response | None] | None],
    *,
    signing_key: str | bytes | None = None,
    parent_signing_key: str | bytes | None = None,
    token_store: TokenStore | AsyncTokenStore | None = None,
    tolerance: float | None = DEFAULT_TOLERANCE,
    limits: InboundLimits | None = None,
) -> Endpoint:
    """An endpoint that parses and verifies an inbound route post and calls ``handler(request, message)``.

    The message's attachment files are closed when the handler returns: copy what you keep.
    """
    check_keys(signing_key, parent_signing_key)

    async def parsed_message(request: Request) -> InboundMessage:
        return await aparse_inbound(
            request.stream(),
            request.headers.get("content-type"),
            signing_key=signing_key,
            parent_signing_key=parent_signing_key,
            token_store=token_store,
            tolerance=tolerance,
            limits=limits,
        )

    return _endpoint(handler, parsed_message, closes=True)


def _endpoint(handler: Handler, receive: Callable[[Request], Awaitable[Any]], *, closes: bool = False) -> Endpoint:
    is_async = inspect.iscoroutinefunction(handler)

    async def endpoint(request: Request) -> Response:
        try:
            received = await receive(request)
        except FAILURES as exc:
            status, text = failure_answer(exc)
            return PlainTextResponse(text, status_code=status)
        try:
            answer: Any
            if is_async:
                answer = await handler(request, received)  # type: ignore[misc]  # an async def: awaitable
            else:  # a plain def may block (disk, database): keep it off the event loop
                answer = await run_in_threadpool(handler, request, received)
                if inspect.isawaitable(answer):  # an object whose __call__ is async
                    answer = await answer
        finally:
            if closes:
                received.close()
        return Response(status_code=200) if answer is None else answer

    endpoint.__name__ = getattr(handler, "__name__", "mailgun_endpoint")
    return endpoint
