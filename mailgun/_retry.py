"""The retry policy, as pure functions: should this failure be retried, and after how long.

No I/O, no sleeping, no clock and no randomness of its own: the transport passes ``now`` and ``random`` in, so
every rule here is testable with plain values and the sync and async transports share one policy.

The rules follow from one question: could Mailgun already have acted on the request?
- It certainly did not (connection never made, 429): retry anything.
- It may have (timeout while reading, dropped connection, 5xx, 408): retry only what is safe to repeat. A
  repeated ``send`` is a duplicate email, so sends are retried only if the user opts in.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import timezone
from email.utils import parsedate_to_datetime

import httpx

from ._exceptions import ValidationError

__all__ = [
    "FailureKind",
    "RequestKind",
    "RetryPolicy",
    "classify_exception",
    "parse_server_wait",
    "retry_delay",
    "should_retry",
]


class RequestKind(enum.Enum):
    """How harmful it is to repeat a request that may already have been applied."""

    IDEMPOTENT = "idempotent"  # GET, HEAD, PUT, DELETE, OPTIONS
    READ_POST = "read_post"  # POSTs that only read (analytics logs/metrics/tags queries)
    SEND = "send"  # messages / messages.mime: a duplicate is a duplicate email
    UNSAFE = "unsafe"  # other POST/PATCH that create or change things


class FailureKind(enum.Enum):
    """What we know about whether Mailgun saw the failed request."""

    NOT_SENT = "not_sent"  # connect error/timeout, pool timeout: Mailgun never saw the request
    MAYBE_SENT = "maybe_sent"  # read/write timeout, dropped connection, protocol error mid-request
    STATUS = "status"  # Mailgun answered with a status code


@dataclass(frozen=True)
class RetryPolicy:
    max_retries: int = 2
    initial_delay: float = 0.5
    max_delay: float = 8.0
    max_server_wait: float = 60.0  # a server hint longer than this is not waited for: we give up and raise
    jitter: float = 0.25  # backoff is multiplied by (1 - jitter * random())
    retry_sends_on_ambiguous: bool = False  # user opt-in: retry sends after MAYBE_SENT or 5xx

    def __post_init__(self) -> None:
        # Checked here so a bad value fails at client construction, not at the first outage.
        if self.max_retries < 0:
            raise ValidationError("max_retries", "must be >= 0")
        for name in ("initial_delay", "max_delay", "max_server_wait"):
            value = getattr(self, name)
            if not (value >= 0 and math.isfinite(value)):
                raise ValidationError(name, "must be a finite number >= 0")
        if not 0 <= self.jitter <= 1:
            raise ValidationError("jitter", "must be between 0 and 1")


# Errors raised before a single byte reached Mailgun.
_NOT_SENT: tuple[type[BaseException], ...] = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


def classify_exception(exc: BaseException) -> FailureKind | None:
    """Map an exception raised while sending to a ``FailureKind``; ``None`` means "not retryable"."""
    if isinstance(exc, _NOT_SENT):
        return FailureKind.NOT_SENT
    if isinstance(exc, httpx.UnsupportedProtocol):
        # A bad URL scheme: nothing was sent, but no retry can ever succeed.
        return None
    if isinstance(exc, httpx.TransportError):
        # Read/write timeouts and errors, protocol errors, proxy errors: the request may have been applied.
        return FailureKind.MAYBE_SENT
    return None


_AMBIGUOUS_STATUSES = frozenset({408})


def _is_ambiguous_status(status: int) -> bool:
    return status in _AMBIGUOUS_STATUSES or 500 <= status <= 599


def should_retry(
    kind: RequestKind,
    failure: FailureKind,
    *,
    attempts_made: int,
    policy: RetryPolicy,
    status: int | None = None,
) -> bool:
    """Whether to try again. ``attempts_made`` counts tries so far, the failed one included."""
    if attempts_made > policy.max_retries:
        return False
    if failure is FailureKind.NOT_SENT:
        return True
    if failure is FailureKind.STATUS:
        if status == 429:
            return True  # Mailgun refused it without acting on it
        if status is None or not _is_ambiguous_status(status):
            return False  # other 4xx: the same request will fail the same way
    # MAYBE_SENT, or a 408/5xx: repeating may apply the request twice.
    if kind is RequestKind.IDEMPOTENT or kind is RequestKind.READ_POST:
        return True
    if kind is RequestKind.SEND:
        return policy.retry_sends_on_ambiguous
    return False


def _header(headers: Mapping[str, str], name: str) -> str | None:
    # httpx.Headers is case-insensitive already, a plain dict is not: scan once, lower-casing.
    for key, value in headers.items():
        if key.lower() == name:
            return value
    return None


def _finite_float(text: str) -> float | None:
    try:
        value = float(text.strip())
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _retry_after(text: str, now: float) -> float | None:
    seconds = _finite_float(text)
    if seconds is not None:
        return seconds
    try:
        when = parsedate_to_datetime(text.strip())
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        # RFC 9110 dates are always GMT; parsedate_to_datetime returns naive for "-0000".
        return when.replace(tzinfo=timezone.utc).timestamp() - now
    return when.timestamp() - now


def _rate_limit_reset(text: str, now: float) -> float | None:
    value = _finite_float(text)
    if value is None:
        return None
    if value > 1e12:  # epoch milliseconds
        return value / 1000 - now
    if value > 1e9:  # epoch seconds
        return value - now
    return value  # already relative seconds


def parse_server_wait(headers: Mapping[str, str] | None, now: float) -> float | None:
    """Seconds the server asked us to wait, from ``Retry-After`` or else ``X-RateLimit-Reset``.

    ``now`` is the current time in epoch seconds. A time in the past gives 0; a header we cannot read gives
    ``None`` (as if it were absent).
    """
    if not headers:
        return None
    wait: float | None = None
    retry_after = _header(headers, "retry-after")
    if retry_after is not None:
        wait = _retry_after(retry_after, now)
    if wait is None:
        reset = _header(headers, "x-ratelimit-reset")
        if reset is not None:
            wait = _rate_limit_reset(reset, now)
    return None if wait is None else max(0.0, wait)


# Past this the exponent only overflows; max_delay caps the result long before anyway.
_MAX_EXPONENT = 60


def retry_delay(
    attempts_made: int,
    *,
    policy: RetryPolicy,
    headers: Mapping[str, str] | None,
    now: float,
    random: Callable[[], float],
) -> float | None:
    """Seconds to sleep before the next try, or ``None``: the server asked for longer than we will wait.

    On ``None`` the caller stops and raises, putting ``parse_server_wait(headers, now)`` on the error.
    """
    server_wait = parse_server_wait(headers, now)
    if server_wait is not None:
        if server_wait > policy.max_server_wait:
            return None
        # Never earlier than asked; a little later, so clients told the same reset time do not stampede.
        return server_wait + policy.jitter * random()
    exponent = min(max(attempts_made - 1, 0), _MAX_EXPONENT)
    backoff = min(policy.initial_delay * 2.0**exponent, policy.max_delay)
    return backoff * (1 - policy.jitter * random())
