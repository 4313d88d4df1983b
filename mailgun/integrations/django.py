"""Django views for Mailgun webhooks and inbound mail.

    # urls.py
    from mailgun.integrations.django import inbound_view, webhook_view

    urlpatterns = [
        path("mailgun/events", webhook_view(on_event, signing_key=KEY, token_store=TOKENS)),
        path("mailgun/inbound", inbound_view(on_message, signing_key=KEY, token_store=TOKENS)),
    ]

    def on_event(request, event):      # -> HttpResponse, or None for an empty 200
        ...

The views are CSRF-exempt (Mailgun cannot send a token; the signature authenticates it) and read the raw body
before anything parses the form: ``request.body`` for webhooks, the request stream for inbound mail (so big
messages spool to disk instead of ``DATA_UPLOAD_MAX_MEMORY_SIZE`` refusing them), with the multipart boundary from
``request.META["CONTENT_TYPE"]``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.views.decorators.csrf import csrf_exempt

from mailgun.inbound import InboundLimits, InboundMessage, parse_inbound
from mailgun.webhook_verification import DEFAULT_TOLERANCE, AsyncTokenStore, TokenStore, WebhookEvent, verify_webhook

from ._common import FAILURES, check_keys, failure_answer, require_sync_store

__all__ = ["inbound_view", "webhook_view"]

View = Callable[[HttpRequest], HttpResponse]


def webhook_view(
    handler: Callable[[HttpRequest, WebhookEvent], HttpResponse | None],
    *,
    signing_key: str | bytes | None = None,
    parent_signing_key: str | bytes | None = None,
    token_store: TokenStore | None = None,
    tolerance: float | None = DEFAULT_TOLERANCE,
) -> View:
    """A view that verifies a webhook (JSON or legacy form) and calls ``handler(request, event)``."""
    check_keys(signing_key, parent_signing_key)
    store = require_sync_store(token_store, "Django")

    def verified_event(request: HttpRequest) -> WebhookEvent:
        return verify_webhook(
            request.body,
            signing_key,
            parent_signing_key=parent_signing_key,
            content_type=request.META.get("CONTENT_TYPE"),
            tolerance=tolerance,
            token_store=store,
        )

    return _view(handler, verified_event)


def inbound_view(
    handler: Callable[[HttpRequest, InboundMessage], HttpResponse | None],
    *,
    signing_key: str | bytes | None = None,
    parent_signing_key: str | bytes | None = None,
    token_store: TokenStore | AsyncTokenStore | None = None,
    tolerance: float | None = DEFAULT_TOLERANCE,
    limits: InboundLimits | None = None,
) -> View:
    """A view that parses and verifies an inbound route post and calls ``handler(request, message)``.

    The message's attachment files are closed when the handler returns: copy what you keep.
    """
    check_keys(signing_key, parent_signing_key)
    store = require_sync_store(token_store, "Django")

    def parsed_message(request: HttpRequest) -> InboundMessage:
        # The request itself is the body's stream: read in chunks, never whole.
        return parse_inbound(
            request,  # a file-like object: HttpRequest.read()
            request.META.get("CONTENT_TYPE"),
            signing_key=signing_key,
            parent_signing_key=parent_signing_key,
            token_store=store,
            tolerance=tolerance,
            limits=limits,
        )

    def handle(request: HttpRequest, message: InboundMessage) -> HttpResponse | None:
        with message:
            return handler(request, message)

    return _view(handle, parsed_message)


def _view(handler: Callable[[HttpRequest, Any], HttpResponse | None], receive: Callable[[HttpRequest], Any]) -> View:
    def view(request: HttpRequest) -> HttpResponse:
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        try:
            received = receive(request)
        except FAILURES as exc:
            status, text = failure_answer(exc)
            return HttpResponse(text, status=status, content_type="text/plain")
        except RequestDataTooBig:  # request.body over DATA_UPLOAD_MAX_MEMORY_SIZE
            return HttpResponse("webhook too large", status=413, content_type="text/plain")
        answer = handler(request, received)
        return HttpResponse(status=200) if answer is None else answer

    view.__name__ = getattr(handler, "__name__", "mailgun_view")
    # Mailgun cannot send a CSRF token; the signature is what authenticates the post.
    return cast(View, csrf_exempt(view))
