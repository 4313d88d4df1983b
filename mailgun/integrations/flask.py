"""Flask views for Mailgun webhooks and inbound mail.

    from mailgun.integrations.flask import inbound_view, webhook_view

    app.add_url_rule("/mailgun/events", view_func=webhook_view(on_event, signing_key=KEY, token_store=TOKENS),
                     methods=["POST"])
    app.add_url_rule("/mailgun/inbound", view_func=inbound_view(on_message, signing_key=KEY, token_store=TOKENS),
                     methods=["POST"])

    def on_event(request, event):      # any Flask response value, or None for an empty 200
        ...

The webhook view reads ``request.get_data()`` before anything touches ``request.form``; the inbound view reads
``request.stream`` so big messages spool to disk. The endpoint is named after the handler.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Request, request
from flask.typing import ResponseReturnValue

from mailgun.inbound import InboundLimits, InboundMessage, parse_inbound
from mailgun.webhook_verification import DEFAULT_TOLERANCE, AsyncTokenStore, TokenStore, WebhookEvent, verify_webhook

from ._common import FAILURES, check_keys, failure_answer, require_sync_store

__all__ = ["inbound_view", "webhook_view"]


def webhook_view(
    handler: Callable[[Request, WebhookEvent], ResponseReturnValue | None],
    *,
    signing_key: str | bytes | None = None,
    parent_signing_key: str | bytes | None = None,
    token_store: TokenStore | None = None,
    tolerance: float | None = DEFAULT_TOLERANCE,
) -> Callable[[], ResponseReturnValue]:
    """A view that verifies a webhook (JSON or legacy form) and calls ``handler(request, event)``."""
    check_keys(signing_key, parent_signing_key)
    store = require_sync_store(token_store, "Flask")

    def verified_event(current: Request) -> WebhookEvent:
        return verify_webhook(
            current.get_data(),
            signing_key,
            parent_signing_key=parent_signing_key,
            content_type=current.headers.get("Content-Type"),
            tolerance=tolerance,
            token_store=store,
        )

    return _view(handler, verified_event)


def inbound_view(
    handler: Callable[[Request, InboundMessage], ResponseReturnValue | None],
    *,
    signing_key: str | bytes | None = None,
    parent_signing_key: str | bytes | None = None,
    token_store: TokenStore | AsyncTokenStore | None = None,
    tolerance: float | None = DEFAULT_TOLERANCE,
    limits: InboundLimits | None = None,
) -> Callable[[], ResponseReturnValue]:
    """A view that parses and verifies an inbound route post and calls ``handler(request, message)``.

    The message's attachment files are closed when the handler returns: copy what you keep.
    """
    check_keys(signing_key, parent_signing_key)
    store = require_sync_store(token_store, "Flask")

    def parsed_message(current: Request) -> InboundMessage:
        return parse_inbound(
            current.stream,
            current.headers.get("Content-Type"),
            signing_key=signing_key,
            parent_signing_key=parent_signing_key,
            token_store=store,
            tolerance=tolerance,
            limits=limits,
        )

    def handle(current: Request, message: InboundMessage) -> ResponseReturnValue | None:
        with message:
            return handler(current, message)

    handle.__name__ = getattr(handler, "__name__", "mailgun_inbound")
    return _view(handle, parsed_message)


def _view(
    handler: Callable[[Request, Any], ResponseReturnValue | None], receive: Callable[[Request], Any]
) -> Callable[[], ResponseReturnValue]:
    def view() -> ResponseReturnValue:
        current: Request = request._get_current_object()  # type: ignore[attr-defined]  # the proxy's request
        try:
            received = receive(current)
        except FAILURES as exc:
            status, text = failure_answer(exc)
            return text, status, {"Content-Type": "text/plain"}
        answer = handler(current, received)
        return ("", 200) if answer is None else answer

    view.__name__ = getattr(handler, "__name__", "mailgun_view")
    return view
