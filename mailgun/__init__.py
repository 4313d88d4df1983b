"""A typed, retry-safe Python SDK for the Mailgun API.

from mailgun import Mailgun
client = Mailgun()                      # MAILGUN_API_KEY; region="eu" for api.eu.mailgun.net
for domain in client.domains.list():
    print(domain.name)
"""

from ._client import AsyncMailgun, Mailgun
from ._deprecation import MailgunDeprecationWarning
from ._exceptions import (
    APIConnectionError,
    APIError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    InternalServerError,
    MailgunError,
    MissingFieldError,
    NotFoundError,
    PaginationLoopError,
    PayloadTooLargeError,
    PaymentRequiredError,
    PermissionDeniedError,
    RateLimitError,
    ValidationError,
    WebhookVerificationError,
)
from ._pagination import AsyncPager, Page, SyncPager
from ._response import RawResponse
from ._secret import Secret
from ._version import __version__

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncMailgun",
    "AsyncPager",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "InternalServerError",
    "Mailgun",
    "MailgunDeprecationWarning",
    "MailgunError",
    "MissingFieldError",
    "NotFoundError",
    "Page",
    "PaginationLoopError",
    "PayloadTooLargeError",
    "PaymentRequiredError",
    "PermissionDeniedError",
    "RateLimitError",
    "RawResponse",
    "Secret",
    "SyncPager",
    "ValidationError",
    "WebhookVerificationError",
    "__version__",
]
