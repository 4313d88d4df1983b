"""The one exception tree of the SDK.

Every failure a user can see is a ``MailgunError``. HTTP failures carry the status, the server's message, the
method, the URL (never the credentials) and Mailgun's request id when the response has one.
"""

from __future__ import annotations

from typing import Any

import httpx

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "InternalServerError",
    "MailgunError",
    "MissingFieldError",
    "NotFoundError",
    "PaginationLoopError",
    "PayloadTooLargeError",
    "PaymentRequiredError",
    "PermissionDeniedError",
    "RateLimitError",
    "ValidationError",
    "WebhookVerificationError",
]


class MailgunError(Exception):
    """Base class of every error raised by this SDK."""


class MissingFieldError(MailgunError, AttributeError):
    """A response field Mailgun reliably sends (typed without ``None``) was read, and Mailgun's answer lacked it.

    Raised on access only: the rest of the model reads as usual, and the answer's raw fields are in
    ``additional_properties``. ``model`` and ``field`` name what was read.
    """

    def __init__(self, model: str, field: str) -> None:
        AttributeError.__init__(  # not super(): the raised class also derives from the generated one (_generated.py)
            self,
            f"{model}.{field}: Mailgun's answer lacked this field, which it reliably sends "
            f"(the rest of the answer is readable; the raw fields are in additional_properties)",
            name=field,
        )
        self.model = model
        self.field = field

    def __reduce__(self) -> tuple[type[MissingFieldError], tuple[str, str]]:
        return MissingFieldError, (self.model, self.field)  # picklable across processes, as the facade's class


class ValidationError(MailgunError, ValueError):
    """Bad input, caught before anything was sent. ``param`` names the offending parameter."""

    def __init__(self, param: str, message: str) -> None:
        super().__init__(f"{param}: {message}")
        self.param = param


class WebhookVerificationError(MailgunError):
    """A webhook's signature, timestamp, token or payload was rejected."""


class PaginationLoopError(MailgunError):
    """The server handed back a cursor it had already given: iterating further would loop forever."""


class APIError(MailgunError):
    """A request to Mailgun failed. ``attempts`` counts the tries made (1 + retries)."""

    method: str
    url: str
    attempts: int

    def __init__(self, message: str, *, method: str, url: str, attempts: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.method = method
        self.url = url
        self.attempts = attempts

    def __str__(self) -> str:
        tries = f" after {self.attempts} attempts" if self.attempts > 1 else ""
        return f"{self.message} ({self.method} {self.url}{tries})"


class APIConnectionError(APIError):
    """No HTTP response: DNS, refused connection, dropped connection, TLS failure."""

    def __init__(self, message: str = "Connection error.", *, method: str, url: str, attempts: int = 1) -> None:
        super().__init__(message, method=method, url=url, attempts=attempts)


class APITimeoutError(APIConnectionError):
    """The request timed out."""

    def __init__(self, *, method: str, url: str, attempts: int = 1) -> None:
        super().__init__("Request timed out.", method=method, url=url, attempts=attempts)


class APIStatusError(APIError):
    """Mailgun answered with a non-2xx status."""

    status_code: int

    def __init__(
        self,
        message: str,
        *,
        response: httpx.Response,
        body: Any,
        method: str,
        url: str,
        attempts: int = 1,
    ) -> None:
        super().__init__(message, method=method, url=url, attempts=attempts)
        self.response = response
        self.status_code = response.status_code
        self.body = body
        self.request_id: str | None = response.headers.get("x-mailgun-request-id") or response.headers.get(
            "x-request-id"
        )

    def __str__(self) -> str:
        rid = f", request id {self.request_id}" if self.request_id else ""
        return f"{self.status_code}: {super().__str__()}{rid}"


class BadRequestError(APIStatusError):
    """400: Mailgun rejected the parameters."""


class AuthenticationError(APIStatusError):
    """401: the API key is missing, wrong, or used against the wrong region."""


class PaymentRequiredError(APIStatusError):
    """402: the account's plan does not allow this."""


class PermissionDeniedError(APIStatusError):
    """403: the key may not do this (e.g. a Domain Sending Key outside messages)."""


class NotFoundError(APIStatusError):
    """404: no such resource (or the domain lives in the other region)."""


class ConflictError(APIStatusError):
    """409: the resource already exists or is in a conflicting state."""


class PayloadTooLargeError(APIStatusError):
    """413: the message or upload is over Mailgun's size limit."""


class RateLimitError(APIStatusError):
    """429: too many requests. ``retry_after`` is the server's hint in seconds, if it gave one."""

    retry_after: float | None = None


class InternalServerError(APIStatusError):
    """5xx: Mailgun failed."""
