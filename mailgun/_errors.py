"""Map a failed exchange to the exception tree: one status -> class table, one place that reads messages."""

from __future__ import annotations

import json
from typing import Any

import httpx

from ._exceptions import (
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
from ._retry import parse_server_wait

__all__ = ["connection_error", "error_message", "status_error"]

STATUS_ERRORS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    402: PaymentRequiredError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    413: PayloadTooLargeError,
    429: RateLimitError,
}
_MESSAGE_KEYS = ("message", "Message", "error", "Error", "detail", "reason", "Reason", "Description", "description")
_MAX_MESSAGE = 500
_OTHER_REGION = {"us": ("eu", "api.eu.mailgun.net"), "eu": ("us", "api.mailgun.net")}
# Calls a Domain Sending Key may make: anything else answers 401/403 with such a key.
_SENDING_KEY_PATHS = ("/messages", "/messages.mime")


def error_message(response: httpx.Response) -> tuple[str, Any]:
    """(the server's message, the decoded body). JSON `message` (or kin), else the plain-text body."""
    content = response.content
    body: Any = None
    if content:
        try:
            body = json.loads(content)
        except ValueError:
            body = content.decode("utf-8", errors="replace")
    message = None
    if isinstance(body, dict):
        for key in _MESSAGE_KEYS:
            value = body.get(key)
            if isinstance(value, str) and value.strip():
                message = value.strip()
                break
    elif isinstance(body, str) and body.strip():
        message = body.strip()
    if not message:
        message = response.reason_phrase or f"HTTP {response.status_code}"
    if len(message) > _MAX_MESSAGE:
        message = message[:_MAX_MESSAGE] + "..."
    return message, body


def _hints(status: int, path: str, region: str | None) -> str:
    hints = []
    if status in (401, 403, 404) and region in _OTHER_REGION:
        other, host = _OTHER_REGION[region]
        hints.append(
            f"if this key or domain belongs to Mailgun's {other.upper()} region, use region={other!r} ({host})"
        )
    if status in (401, 403) and not path.endswith(_SENDING_KEY_PATHS):
        hints.append("if this is a Domain Sending Key: it may only call messages and messages.mime of its own domain")
    return "; ".join(hints)


def status_error(response: httpx.Response, *, attempts: int, region: str | None, now: float) -> APIStatusError:
    """The exception for a non-2xx response."""
    status = response.status_code
    message, body = error_message(response)
    request = response.request
    hint = _hints(status, request.url.path, region)
    if hint:
        message = f"{message} (hint: {hint})"
    cls = STATUS_ERRORS.get(status) or (InternalServerError if status >= 500 else APIStatusError)
    error = cls(message, response=response, body=body, method=request.method, url=str(request.url), attempts=attempts)
    if isinstance(error, RateLimitError):
        error.retry_after = parse_server_wait(response.headers, now)
    return error


def connection_error(exc: Exception, request: httpx.Request, *, attempts: int) -> APIConnectionError:
    """The exception for a request that got no response."""
    if isinstance(exc, httpx.TimeoutException):
        return APITimeoutError(method=request.method, url=str(request.url), attempts=attempts)
    detail = str(exc) or type(exc).__name__
    return APIConnectionError(
        f"Connection error: {detail}", method=request.method, url=str(request.url), attempts=attempts
    )
