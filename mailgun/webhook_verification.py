"""Verify Mailgun webhook signatures and turn the payload into a typed event. No network, no framework.

Mailgun signs every webhook with ``hex(HMAC-SHA256(webhook_signing_key, timestamp + token))``. Modern
webhooks POST JSON (a ``signature`` object and ``event-data``); legacy webhooks POST form fields
(``timestamp``, ``token``, ``signature``, ``event``, ``recipient``, ...), urlencoded or multipart.

Typical use, with the raw request body::

    event = verify_webhook(body, signing_key, content_type=content_type, token_store=store)

Every rejection is a :class:`~mailgun._exceptions.WebhookVerificationError`, whatever the body holds. A token
store that cannot answer raises :class:`TokenStoreError` instead (answer 503: Mailgun retries later).

Events of a subaccount's domain also carry ``parent-signature``, the same HMAC made with the primary account's
key: ``verify_webhook(body, parent_signing_key=primary_key)`` verifies every subaccount with that one key, and
``event.verified_by`` says which signature matched.

Replay protection across several workers or hosts: :class:`RedisTokenStore` (``pip install mailgun-typed[redis]``)
or :class:`AsyncRedisTokenStore` with :func:`averify_webhook`.
"""

from __future__ import annotations

import hmac
import json
import math
import re
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.parser import BytesParser
from email.utils import collapse_rfc2231_value
from typing import TYPE_CHECKING, Any, Literal, NamedTuple, Protocol, runtime_checkable
from urllib.parse import parse_qs

from mailgun._exceptions import MailgunError, WebhookVerificationError

if TYPE_CHECKING:
    import redis
    import redis.asyncio

__all__ = [
    "DEFAULT_TOLERANCE",
    "AsyncRedisTokenStore",
    "AsyncTokenStore",
    "DeliveryStatus",
    "InMemoryTokenStore",
    "RedisTokenStore",
    "TokenStore",
    "TokenStoreError",
    "VerifiedBy",
    "WebhookEvent",
    "WebhookVerificationError",
    "averify_webhook",
    "compute_signature",
    "parse_event",
    "verify_signature",
    "verify_webhook",
]

VerifiedBy = Literal["signature", "parent-signature"]
"""Which signature of a webhook matched: its own (``signing_key``) or the primary account's (``parent_signing_key``)."""

DEFAULT_TOLERANCE = 300.0
"""Seconds a webhook's timestamp may differ from our clock, either way."""

# Mailgun timestamps are whole epoch seconds. Capping the digits keeps int() cheap on hostile input.
_TIMESTAMP_RE = re.compile(r"[0-9]{1,15}")
# Exactly what hexdigest() produces. Case-sensitive on purpose: "any change to the signature fails".
_SIGNATURE_RE = re.compile(r"[0-9a-f]{64}")
_SIGNATURE_FIELDS = ("timestamp", "token", "signature")
_PARENT_SIGNATURE = "parent-signature"
# parse_qs would otherwise build an unbounded dict from a hostile body.
_MAX_FORM_FIELDS = 1000


# --------------------------------------------------------------------------------------------------
# Replay protection
# --------------------------------------------------------------------------------------------------


@runtime_checkable
class TokenStore(Protocol):
    """Remembers the tokens of accepted webhooks so a captured request cannot be replayed."""

    def seen(self, token: str, expires_at: float) -> bool:
        """Atomically check and record ``token``.

        Return True when the token is already recorded (a replay). Otherwise record it, to be kept at
        least until ``expires_at`` (epoch seconds, possibly ``math.inf``), and return False. A shared
        store (e.g. Redis ``SET token 1 NX EXAT expires_at``) makes this safe across processes.
        """
        ...


class TokenStoreError(MailgunError):
    """The token store could not answer (e.g. Redis is unreachable).

    Never a verdict on the webhook: a view answers 503 so that Mailgun retries later. Deliberately not a
    :class:`WebhookVerificationError`, which a view answers with 403.
    """


@runtime_checkable
class AsyncTokenStore(Protocol):
    """The asyncio form of :class:`TokenStore`, used by :func:`averify_webhook`."""

    async def seen(self, token: str, expires_at: float) -> bool: ...


class InMemoryTokenStore:
    """A bounded, thread-safe :class:`TokenStore` for a single process.

    Holds at most ``max_tokens`` tokens. When full it drops expired tokens first, then the oldest ones
    until a tenth of the room is free (which keeps each call O(1) amortised). Size it above
    ``peak webhooks per second * 2 * tolerance`` so live tokens are never pushed out. ``now`` is the
    clock used to decide expiry (default ``time.time``).
    """

    def __init__(self, max_tokens: int = 10_000, *, now: Callable[[], float] | None = None) -> None:
        if isinstance(max_tokens, bool) or not isinstance(max_tokens, int) or max_tokens < 1:
            raise ValueError("max_tokens must be a positive integer")
        self._max = max_tokens
        # Room freed in one go when full, so the O(n) sweep runs at most once every max/10 inserts.
        self._slack = max(1, max_tokens // 10)
        self._now = now or time.time
        self._lock = threading.Lock()
        # Insertion order is age order: popitem(last=False) drops the oldest in O(1).
        self._tokens: OrderedDict[str, float] = OrderedDict()

    def seen(self, token: str, expires_at: float) -> bool:
        with self._lock:
            now = self._now()
            known_until = self._tokens.get(token)
            if known_until is not None and known_until > now:
                return True
            self._tokens.pop(token, None)
            self._drop_expired_head(now)
            if len(self._tokens) >= self._max:
                self._make_room(now)
            self._tokens[token] = expires_at
            return False

    def __len__(self) -> int:
        with self._lock:
            return len(self._tokens)

    def _drop_expired_head(self, now: float) -> None:
        # Tokens mostly expire in arrival order, so this cheap pass usually keeps the store small.
        while self._tokens:
            oldest_token, oldest_expiry = next(iter(self._tokens.items()))
            if oldest_expiry > now:
                return
            del self._tokens[oldest_token]

    def _make_room(self, now: float) -> None:
        live = OrderedDict((tok, exp) for tok, exp in self._tokens.items() if exp > now)
        while len(live) > self._max - self._slack:
            live.popitem(last=False)
        self._tokens = live


DEFAULT_REDIS_PREFIX = "mailgun:webhook-token:"


def _redis_expiry(expires_at: float) -> int | None:
    # EXAT takes whole epoch seconds; rounding up keeps the token at least until its deadline.
    return None if math.isinf(expires_at) else max(1, math.ceil(expires_at))


def _redis_error_types() -> tuple[type[BaseException], ...]:
    from redis.exceptions import RedisError  # the [redis] extra; only stores built on a redis client get here

    # OSError: a socket failing below redis-py's own wrapping.
    return (RedisError, OSError)


class _InDoubtWrites:
    """Tokens whose SET may have landed although its answer was lost (Redis died between the two).

    Each SET writes a random nonce, and a SET that finds the key taken reads it back: a key holding our own
    nonce is our own earlier write, not a replay, and the token is accepted, once. That covers redis-py retrying
    a SET whose answer timed out, and a request retried after the 503 that such a loss gives (the nonce is kept
    here until then). Without this, a write acknowledged to nobody would turn the retry into a "replay" and the
    event would be lost. Bounded: the oldest doubts are forgotten first.
    """

    def __init__(self, max_tokens: int = 10_000) -> None:
        self._max = max_tokens
        self._nonces: OrderedDict[str, str] = OrderedDict()
        self._lock = threading.Lock()

    def nonce_for(self, token: str) -> tuple[str, bool]:
        """The nonce to write for ``token``, and whether it is the one of an earlier write in doubt."""
        with self._lock:
            doubted = self._nonces.get(token)
        return (doubted, True) if doubted is not None else (secrets.token_hex(16), False)

    def remember(self, token: str, nonce: str) -> None:
        with self._lock:
            self._nonces[token] = nonce
            while len(self._nonces) > self._max:
                self._nonces.popitem(last=False)

    def forget(self, token: str) -> None:
        with self._lock:
            self._nonces.pop(token, None)

    def is_ours(self, token: str, nonce: str, in_doubt: bool, stored: object) -> bool:
        """Whether a taken key (holding ``stored``) was written by this call, or by the write in doubt that this
        call is the first to claim (two concurrent retries of it must not both be accepted)."""
        if stored != nonce.encode("ascii"):
            if in_doubt:
                self.forget(token)  # our write never landed; the token is someone else's
            return False
        if not in_doubt:
            return True  # this call's own nonce: its client retried the SET
        with self._lock:
            claimed = self._nonces.get(token) == nonce
            if claimed:
                del self._nonces[token]
        return claimed


class _RedisStoreBase:
    def __init__(self, client: Any, prefix: str) -> None:
        if not isinstance(prefix, str):
            raise TypeError("prefix must be a str")
        self._client = client
        self._prefix = prefix
        self._errors = _redis_error_types()
        self._in_doubt = _InDoubtWrites()

    def _unavailable(self, token: str, nonce: str, exc: BaseException) -> TokenStoreError:
        self._in_doubt.remember(token, nonce)
        return TokenStoreError(f"token store unavailable: {type(exc).__name__}")

    def __repr__(self) -> str:  # never the client: its URL may hold a password
        return f"{type(self).__name__}(prefix={self._prefix!r})"


class RedisTokenStore(_RedisStoreBase):
    """A :class:`TokenStore` on Redis, shared by every worker and host that uses the same server.

    One ``SET <prefix><token> <nonce> NX EXAT <deadline>`` per webhook: one round trip (a replay costs a second,
    a GET), atomic, so of several processes verifying the same token exactly one accepts it, and the key expires
    when the token could no longer pass the timestamp check. Needs Redis >= 6.2 (``EXAT``) and redis-py
    (``mailgun-typed[redis]``).

    ``client`` is a ``redis.Redis``; :meth:`from_url` builds one with short timeouts. Any failure to reach Redis
    raises :class:`TokenStoreError` (never "not seen": a replay must not pass because Redis was down). For
    accepted tokens to survive a Redis crash, run Redis with ``appendonly yes`` and ``appendfsync always``.
    """

    def __init__(self, client: redis.Redis, *, prefix: str = DEFAULT_REDIS_PREFIX) -> None:
        super().__init__(client, prefix)

    @classmethod
    def from_url(cls, url: str, *, prefix: str = DEFAULT_REDIS_PREFIX, timeout: float = 2.0) -> RedisTokenStore:
        """A store on ``redis.Redis.from_url(url)`` whose connects and commands give up after ``timeout`` seconds."""
        import redis as redis_module

        client = redis_module.Redis.from_url(url, socket_timeout=timeout, socket_connect_timeout=timeout)
        return cls(client, prefix=prefix)

    def seen(self, token: str, expires_at: float) -> bool:
        key = self._prefix + token
        nonce, in_doubt = self._in_doubt.nonce_for(token)
        try:
            if self._client.set(key, nonce, nx=True, exat=_redis_expiry(expires_at)):
                if in_doubt:
                    self._in_doubt.forget(token)
                return False
            # Taken: a replay, unless by our own earlier attempt (a second round trip, on this path only).
            return not self._in_doubt.is_ours(token, nonce, in_doubt, self._client.get(key))
        except self._errors as exc:
            raise self._unavailable(token, nonce, exc) from exc


class AsyncRedisTokenStore(_RedisStoreBase):
    """:class:`RedisTokenStore` for asyncio (``redis.asyncio.Redis``); use it with :func:`averify_webhook`."""

    def __init__(self, client: redis.asyncio.Redis, *, prefix: str = DEFAULT_REDIS_PREFIX) -> None:
        super().__init__(client, prefix)

    @classmethod
    def from_url(cls, url: str, *, prefix: str = DEFAULT_REDIS_PREFIX, timeout: float = 2.0) -> AsyncRedisTokenStore:
        """A store on ``redis.asyncio.Redis.from_url(url)`` with ``timeout`` seconds for connects and commands."""
        import redis.asyncio as redis_asyncio

        client = redis_asyncio.Redis.from_url(url, socket_timeout=timeout, socket_connect_timeout=timeout)
        return cls(client, prefix=prefix)

    async def seen(self, token: str, expires_at: float) -> bool:
        key = self._prefix + token
        nonce, in_doubt = self._in_doubt.nonce_for(token)
        try:
            if await self._client.set(key, nonce, nx=True, exat=_redis_expiry(expires_at)):
                if in_doubt:
                    self._in_doubt.forget(token)
                return False
            return not self._in_doubt.is_ours(token, nonce, in_doubt, await self._client.get(key))
        except self._errors as exc:
            raise self._unavailable(token, nonce, exc) from exc


# --------------------------------------------------------------------------------------------------
# Signature check
# --------------------------------------------------------------------------------------------------


def compute_signature(signing_key: str | bytes, timestamp: str | int, token: str) -> str:
    """The ``signature`` Mailgun sends for ``timestamp`` and ``token``: hex(HMAC-SHA256(key, timestamp + token)).

    For producing signed posts (tests, a local webhook relay); verifying is :func:`verify_webhook`'s job, which
    also compares in constant time and checks freshness and replays.
    """
    timestamp_text, _ = _parse_timestamp(timestamp)
    message = timestamp_text.encode("ascii") + _token_bytes(token)
    return hmac.digest(_signing_key_bytes(signing_key), message, "sha256").hex()


def verify_signature(
    signing_key: str | bytes | None,
    timestamp: str | int,
    token: str,
    signature: str,
    *,
    parent_signature: str | None = None,
    parent_signing_key: str | bytes | None = None,
    tolerance: float | None = DEFAULT_TOLERANCE,
    token_store: TokenStore | None = None,
    now: Callable[[], float] | None = None,
) -> VerifiedBy:
    """Check one webhook signature; raise :class:`WebhookVerificationError` if anything is off.

    ``tolerance`` is how many seconds the timestamp may be in the past or the future (None: no limit).
    With a ``token_store`` a token is accepted only once; it is recorded only after every other check
    passed, so forged requests cannot fill the store. A store that cannot answer raises :class:`TokenStoreError`.

    ``parent_signing_key`` (the primary account's key) verifies ``parent_signature``, which Mailgun adds to the
    events of a subaccount's domain. Give either key or both; returns which signature matched.
    """
    accepted = _authenticate(
        _SignedFields(timestamp, token, signature, parent_signature),
        signing_key,
        parent_signing_key,
        tolerance=tolerance,
        now=now,
    )
    _remember(token_store, accepted)
    return accepted.verified_by


_REPLAYED = "token was already used (replayed webhook)"


class _SignedFields(NamedTuple):
    """The signature fields of a request, as sent (verified for type and shape by _authenticate)."""

    timestamp: object
    token: object
    signature: object
    parent_signature: object = None


class _Accepted(NamedTuple):  # NamedTuples: built once per webhook, at a fifth of a frozen dataclass's cost
    token: str
    expires_at: float
    verified_by: VerifiedBy


def _authenticate(
    signed: _SignedFields,
    signing_key: str | bytes | None,
    parent_signing_key: str | bytes | None,
    *,
    tolerance: float | None,
    now: Callable[[], float] | None,
) -> _Accepted:
    """Every check but the token store's: the keys, the HMAC (own, then parent), the timestamp window."""
    _check_tolerance(tolerance)
    if signing_key is None and parent_signing_key is None:
        raise WebhookVerificationError("webhook signing key is empty or not configured")
    timestamp_text, timestamp_value = _parse_timestamp(signed.timestamp)
    message = timestamp_text.encode("ascii") + _token_bytes(signed.token)
    verified_by: VerifiedBy | None = None
    if signing_key is not None:
        if _hmac_matches(_signing_key_bytes(signing_key), message, signed.signature, "signature"):
            verified_by = "signature"
        elif parent_signing_key is None or signed.parent_signature is None:
            raise WebhookVerificationError("signature does not match (wrong signing key or tampered request)")
    if verified_by is None and parent_signing_key is not None:
        if signed.parent_signature is None:
            raise WebhookVerificationError(
                "parent-signature is missing (only events of a subaccount's domain carry it; pass signing_key=)"
            )
        if not _hmac_matches(
            _signing_key_bytes(parent_signing_key), message, signed.parent_signature, _PARENT_SIGNATURE
        ):
            raise WebhookVerificationError("parent-signature does not match (wrong primary key or tampered request)")
        verified_by = "parent-signature"
    assert verified_by is not None  # every other path raised
    _check_freshness(timestamp_value, (now or time.time)(), tolerance)
    expires_at = math.inf if tolerance is None else timestamp_value + tolerance
    return _Accepted(str(signed.token), expires_at, verified_by)  # a str: _token_bytes checked it


def _hmac_matches(key: bytes, message: bytes, signature: object, name: str) -> bool:
    if not isinstance(signature, str) or not _SIGNATURE_RE.fullmatch(signature):
        raise WebhookVerificationError(f"{name} is not 64 lowercase hex characters")
    # hmac.digest: the one-shot C path, a third of hmac.new(...).hexdigest()'s time.
    return hmac.compare_digest(hmac.digest(key, message, "sha256").hex(), signature)


def _remember(token_store: TokenStore | None, accepted: _Accepted) -> None:
    """Record the token; a replay is a WebhookVerificationError, a store that fails in any way a TokenStoreError."""
    if token_store is None:
        return
    try:
        answer: object = token_store.seen(accepted.token, accepted.expires_at)
    except TokenStoreError:
        raise
    except Exception as exc:  # any store's failure is "cannot tell", never "not seen"
        raise TokenStoreError(f"token store failed: {type(exc).__name__}") from exc
    if not isinstance(answer, bool):
        close = getattr(answer, "close", None)
        if callable(close):  # an unawaited coroutine: close it rather than leak a warning
            close()
        raise TypeError("this token store is asynchronous: use averify_webhook / aparse_inbound")
    if answer:
        raise WebhookVerificationError(_REPLAYED)


async def _aremember(token_store: TokenStore | AsyncTokenStore | None, accepted: _Accepted) -> None:
    if token_store is None:
        return
    try:
        answer: bool | Awaitable[bool] = token_store.seen(accepted.token, accepted.expires_at)
        if not isinstance(answer, bool):
            answer = await answer
    except TokenStoreError:
        raise
    except Exception as exc:  # any store's failure is "cannot tell", never "not seen"
        raise TokenStoreError(f"token store failed: {type(exc).__name__}") from exc
    if answer:
        raise WebhookVerificationError(_REPLAYED)


def _check_tolerance(tolerance: float | None) -> None:
    # A caller bug, not a bad request: fail loudly rather than silently accept everything.
    if tolerance is not None and not tolerance >= 0:
        raise ValueError("tolerance must be a non-negative number of seconds or None")


def _signing_key_bytes(signing_key: str | bytes) -> bytes:
    # An unset key (None, "") would make every HMAC forgeable by anyone who guesses that.
    if isinstance(signing_key, str):
        signing_key = signing_key.encode("utf-8", "surrogatepass")
    if not isinstance(signing_key, bytes) or not signing_key:
        raise WebhookVerificationError("webhook signing key is empty or not configured")
    return signing_key


def _parse_timestamp(timestamp: object) -> tuple[str, int]:
    # bool is an int subclass; True is not a timestamp.
    if isinstance(timestamp, int) and not isinstance(timestamp, bool):
        text = str(timestamp)
    elif isinstance(timestamp, str):
        text = timestamp  # signed as sent, so keep the original spelling for the HMAC
    else:
        raise WebhookVerificationError("timestamp is not an integer")
    if not _TIMESTAMP_RE.fullmatch(text):
        raise WebhookVerificationError("timestamp is not an integer")
    return text, int(text)


def _token_bytes(token: object) -> bytes:
    if not isinstance(token, str) or not token:
        raise WebhookVerificationError("token is missing or not a string")
    try:
        return token.encode("utf-8")
    except UnicodeEncodeError as exc:  # lone surrogates, e.g. from a JSON "\ud800"
        raise WebhookVerificationError("token is not valid text") from exc


def _check_freshness(timestamp: int, current: float, tolerance: float | None) -> None:
    if tolerance is None:
        return
    if current - timestamp > tolerance:
        raise WebhookVerificationError("timestamp is too old (outside the tolerance window)")
    if timestamp - current > tolerance:
        raise WebhookVerificationError("timestamp is too far in the future (outside the tolerance window)")


# --------------------------------------------------------------------------------------------------
# Event model
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class DeliveryStatus:
    """The ``delivery-status`` of delivered/failed events. Anything not modelled is in ``raw``."""

    code: int | None = None
    message: str | None = None
    description: str | None = None
    attempt_no: int | None = None
    enhanced_code: str | None = None
    mx_host: str | None = None
    retry_seconds: int | None = None
    session_seconds: float | None = None
    tls: bool | None = None
    certificate_verified: bool | None = None
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False)


@dataclass(frozen=True, kw_only=True)
class WebhookEvent:
    """One Mailgun event, read tolerantly: a missing or wrong-typed value is None (or empty), never an error.

    ``event`` is Mailgun's name as sent (``delivered``, ``failed``, ``opened``, ``clicked``,
    ``unsubscribed``, ``complained``, ``accepted``, ``rejected``, ``stored``, ``list_member_uploaded``,
    legacy ``bounced``/``dropped``, or anything newer); ``""`` when absent. ``raw`` holds the whole
    event (``event-data`` for JSON, every form field for legacy posts), so unmodelled fields stay reachable.
    ``verified_by`` is which signature matched (``"signature"``, or ``"parent-signature"`` for a subaccount's
    event verified with the primary key); None when the event was not verified (built by :func:`parse_event`).
    """

    event: str
    id: str | None = None
    timestamp: datetime | None = None
    recipient: str | None = None
    recipient_domain: str | None = None
    domain: str | None = None
    severity: str | None = None
    reason: str | None = None
    delivery_status: DeliveryStatus | None = None
    message_id: str | None = None
    subject: str | None = None
    from_: str | None = None
    to: str | None = None
    tags: list[str] = field(default_factory=list)
    user_variables: dict[str, Any] = field(default_factory=dict)
    url: str | None = None
    ip: str | None = None
    geolocation: dict[str, Any] | None = None
    client_info: dict[str, Any] | None = None
    storage_url: str | None = None
    storage_key: str | None = None
    log_level: str | None = None
    verified_by: VerifiedBy | None = None
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False)


def parse_event(event_data: Mapping[str, Any], *, verified_by: VerifiedBy | None = None) -> WebhookEvent:
    """Build a :class:`WebhookEvent` from decoded JSON ``event-data`` (or an events/logs API item).

    ``verified_by`` is recorded as is (verification functions pass which signature matched).
    """
    if not isinstance(event_data, Mapping):
        raise TypeError("event_data must be a mapping (the decoded 'event-data' object)")
    return _event(event_data, verified_by, _as_dict)


def _event(
    data: Mapping[str, Any], verified_by: VerifiedBy | None, as_dict: Callable[[object], dict[str, Any] | None]
) -> WebhookEvent:
    # as_dict: _as_dict for any mapping a caller hands in; _json_dict (no key check) for decoded JSON, whose keys
    # are always str: the check costs a tenth of a verification.
    message = as_dict(data.get("message")) or {}
    headers = as_dict(message.get("headers")) or {}
    storage = as_dict(data.get("storage")) or {}
    reject = as_dict(data.get("reject")) or {}
    domain = as_dict(data.get("domain"))
    return WebhookEvent(
        event=_as_str(data.get("event")) or "",
        id=_as_str(data.get("id")),
        # Events carry a float epoch; the logs API has an ISO "@timestamp" instead.
        timestamp=_as_datetime(data.get("timestamp")) or _as_datetime(data.get("@timestamp")),
        recipient=_as_str(data.get("recipient")),
        recipient_domain=_as_str(data.get("recipient-domain")),
        domain=_as_str(domain.get("name")) if domain else _as_str(data.get("domain")),
        severity=_as_str(data.get("severity")),
        # "rejected" events put their reason under "reject".
        reason=_as_str(data.get("reason")) or _as_str(reject.get("reason")),
        delivery_status=_delivery_status(data.get("delivery-status"), as_dict),
        message_id=_strip_angle_brackets(_as_str(headers.get("message-id"))),
        subject=_as_str(headers.get("subject")),
        from_=_as_str(headers.get("from")),
        to=_as_str(headers.get("to")),
        tags=_as_str_list(data.get("tags")),
        user_variables=_user_variables(data.get("user-variables"), as_dict),
        url=_as_str(data.get("url")),
        ip=_as_str(data.get("ip")),
        geolocation=as_dict(data.get("geolocation")),
        client_info=as_dict(data.get("client-info")),
        storage_url=_storage_url(storage.get("url")),
        storage_key=_as_str(storage.get("key")),
        log_level=_as_str(data.get("log-level")),
        verified_by=verified_by,
        raw=data,
    )


def _delivery_status(value: object, as_dict: Callable[[object], dict[str, Any] | None]) -> DeliveryStatus | None:
    status = as_dict(value)
    if status is None:
        return None
    return DeliveryStatus(
        code=_as_int(status.get("code")),
        message=_as_str(status.get("message")),
        description=_as_str(status.get("description")),
        attempt_no=_as_int(status.get("attempt-no")),
        enhanced_code=_as_str(status.get("enhanced-code")),
        mx_host=_as_str(status.get("mx-host")),
        retry_seconds=_as_int(status.get("retry-seconds")),
        session_seconds=_as_float(status.get("session-seconds")),
        tls=_as_bool(status.get("tls")),
        certificate_verified=_as_bool(status.get("certificate-verified")),
        raw=status,
    )


# Tolerant converters: each returns None (or an empty container) for anything of the wrong shape.


def _as_str(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _as_bool(value: object) -> bool | None:
    return value if isinstance(value, bool) else None


def _as_int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    # Legacy form posts send SMTP codes as text ("550").
    if isinstance(value, str):
        # str.strip() drops more than int() does (e.g. "\x1f"): parse what was matched.
        text = value.strip()
        if re.fullmatch(r"-?[0-9]{1,18}", text):
            return int(text)
    return None


def _as_float(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def _as_dict(value: object) -> dict[str, Any] | None:
    if isinstance(value, dict) and all(isinstance(key, str) for key in value):
        return value
    return None


def _json_dict(value: object) -> dict[str, Any] | None:
    """_as_dict for decoded JSON, where every key is a str."""
    return value if isinstance(value, dict) else None


def _as_str_list(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str)]
    return []


def _user_variables(value: object, as_dict: Callable[[object], dict[str, Any] | None] | None = None) -> dict[str, Any]:
    # The logs API returns user-variables as a JSON-encoded string.
    if isinstance(value, str):
        value = _loads_or_none(value)
    return (as_dict or _as_dict)(value) or {}


def _storage_url(value: object) -> str | None:
    # Events give one URL; the logs API gives a list of them.
    if isinstance(value, list):
        value = next((item for item in value if isinstance(item, str)), None)
    return _as_str(value)


def _strip_angle_brackets(message_id: str | None) -> str | None:
    # JSON events send the bare id, legacy posts "<id>": normalise so the two compare equal.
    if message_id is None:
        return None
    return message_id.strip().removeprefix("<").removesuffix(">")


def _as_datetime(value: object) -> datetime | None:
    if isinstance(value, str):
        return _datetime_from_text(value)
    seconds = _as_float(value)
    if seconds is None:
        return None
    try:
        return datetime.fromtimestamp(seconds, tz=timezone.utc)
    except (OverflowError, OSError, ValueError):  # out of datetime's range
        return None


def _datetime_from_text(text: str) -> datetime | None:
    text = text.strip()
    if re.fullmatch(r"[0-9]{1,15}(\.[0-9]{1,9})?", text):
        return _as_datetime(float(text))
    try:
        # Python 3.10's fromisoformat does not know the "Z" suffix.
        parsed = datetime.fromisoformat(text.removesuffix("Z") + ("+00:00" if text.endswith("Z") else ""))
    except ValueError:
        return None
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=timezone.utc)
    try:
        return parsed.astimezone(timezone.utc)
    except (OverflowError, ValueError):  # e.g. year 1 with a positive offset
        return None


def _loads_or_none(text: str) -> Any:
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return None


# --------------------------------------------------------------------------------------------------
# Whole-request verification
# --------------------------------------------------------------------------------------------------

_Kind = Literal["json", "urlencoded", "multipart"]


def verify_webhook(
    body: bytes | str,
    signing_key: str | bytes | None = None,
    *,
    parent_signing_key: str | bytes | None = None,
    content_type: str | None = None,
    tolerance: float | None = DEFAULT_TOLERANCE,
    token_store: TokenStore | None = None,
    now: Callable[[], float] | None = None,
) -> WebhookEvent:
    """Verify a webhook from its raw request body and return the event.

    ``content_type`` is the request's ``Content-Type`` header, parameters included (multipart needs its
    ``boundary``). Without it, or when it is not a JSON or form type, the body is sniffed: ``{`` means
    JSON, ``--`` multipart (boundary taken from the first line), anything else urlencoded.

    ``signing_key`` verifies ``signature``; ``parent_signing_key`` (the primary account's key) verifies the
    ``parent-signature`` of subaccount events. Give either or both; ``event.verified_by`` says which matched.
    """
    signed, build = _read_webhook(body, content_type)
    accepted = _authenticate(signed, signing_key, parent_signing_key, tolerance=tolerance, now=now)
    _remember(token_store, accepted)
    return build(accepted.verified_by)


async def averify_webhook(
    body: bytes | str,
    signing_key: str | bytes | None = None,
    *,
    parent_signing_key: str | bytes | None = None,
    content_type: str | None = None,
    tolerance: float | None = DEFAULT_TOLERANCE,
    token_store: TokenStore | AsyncTokenStore | None = None,
    now: Callable[[], float] | None = None,
) -> WebhookEvent:
    """:func:`verify_webhook` for asyncio: the same checks; ``token_store`` may be async (AsyncRedisTokenStore)."""
    signed, build = _read_webhook(body, content_type)
    accepted = _authenticate(signed, signing_key, parent_signing_key, tolerance=tolerance, now=now)
    await _aremember(token_store, accepted)
    return build(accepted.verified_by)


def _read_webhook(
    body: bytes | str, content_type: str | None
) -> tuple[_SignedFields, Callable[[VerifiedBy], WebhookEvent]]:
    """The signature fields of a webhook and how to build its event once verified (nothing is verified here)."""
    raw = _body_bytes(body)
    kind = _kind_from_content_type(content_type) or _sniff_kind(raw)
    if kind == "json":
        return _read_json(raw)
    fields = _multipart_fields(raw, content_type) if kind == "multipart" else _urlencoded_fields(raw)
    timestamp, token, signature = (_single_field(fields, name) for name in _SIGNATURE_FIELDS)
    parent = _single_field(fields, _PARENT_SIGNATURE) if _PARENT_SIGNATURE in fields else None
    return _SignedFields(timestamp, token, signature, parent), lambda verified_by: _legacy_event(fields, verified_by)


def _body_bytes(body: object) -> bytes:
    if isinstance(body, (bytes, bytearray, memoryview)):
        return bytes(body)
    if isinstance(body, str):
        try:
            return body.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise WebhookVerificationError("body is not valid text") from exc
    raise WebhookVerificationError("body must be bytes or str")


def _kind_from_content_type(content_type: str | None) -> _Kind | None:
    if not content_type:
        return None
    mime = content_type.split(";", 1)[0].strip().lower()
    if mime == "application/json" or mime.endswith("+json"):
        return "json"
    if mime == "application/x-www-form-urlencoded":
        return "urlencoded"
    if mime.startswith("multipart/"):
        return "multipart"
    return None


def _sniff_kind(raw: bytes) -> _Kind:
    head = raw.lstrip()
    if head.startswith(b"{"):
        return "json"
    if head.startswith(b"--"):
        return "multipart"
    return "urlencoded"


def _read_json(raw: bytes) -> tuple[_SignedFields, Callable[[VerifiedBy], WebhookEvent]]:
    payload = _decode_json(raw)
    signature = _json_dict(payload.get("signature"))
    if signature is None:
        raise WebhookVerificationError("JSON payload has no 'signature' object")
    missing = [name for name in _SIGNATURE_FIELDS if name not in signature]
    if missing:
        raise WebhookVerificationError(f"JSON 'signature' object lacks {', '.join(missing)}")
    # Checked before the signature: a rejected request must not burn its token in the store.
    event_data = _json_dict(payload.get("event-data"))
    if event_data is None:
        raise WebhookVerificationError("JSON payload has no 'event-data' object")
    # _authenticate re-checks each value's type, so wrong-typed JSON values are rejected there.
    signed = _SignedFields(
        signature["timestamp"], signature["token"], signature["signature"], signature.get(_PARENT_SIGNATURE)
    )
    return signed, lambda verified_by: _event(event_data, verified_by, _json_dict)


def _decode_json(raw: bytes) -> dict[str, Any]:
    payload = _fast_json(raw)
    try:
        if payload is _REFUSED:
            payload = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise WebhookVerificationError("JSON body is not valid UTF-8") from exc
    except (ValueError, RecursionError) as exc:  # RecursionError: absurdly deep nesting
        raise WebhookVerificationError("body is not valid JSON") from exc
    payload = _json_dict(payload)
    if payload is None:
        raise WebhookVerificationError("JSON body is not an object")
    return payload


def _fast_json(raw: bytes) -> Any:
    """msgspec's decoder (twice the stdlib's speed: a fifth of a verification); _REFUSED for whatever it refuses
    (invalid UTF-8, lone surrogates, NaN, ...), which then goes the stdlib's way, so results are json.loads's."""
    global _MSGSPEC_DECODE
    if _MSGSPEC_DECODE is None:
        try:
            import msgspec
        except ImportError:  # no msgspec (PyPy): the stdlib alone
            _MSGSPEC_DECODE = _refuse
        else:
            decode = msgspec.json.Decoder().decode
            refused = (msgspec.MsgspecError, ValueError, RecursionError)

            def _decode(data: bytes) -> Any:
                try:
                    return decode(data)
                except refused:
                    return _REFUSED

            _MSGSPEC_DECODE = _decode
    return _MSGSPEC_DECODE(raw)


_REFUSED = object()
_MSGSPEC_DECODE: Callable[[bytes], Any] | None = None


def _refuse(_raw: bytes) -> Any:
    return _REFUSED


def _urlencoded_fields(raw: bytes) -> dict[str, list[str]]:
    try:
        text = raw.decode("utf-8")
        return parse_qs(text, keep_blank_values=True, max_num_fields=_MAX_FORM_FIELDS)
    except UnicodeDecodeError as exc:
        raise WebhookVerificationError("form body is not valid UTF-8") from exc
    except ValueError as exc:  # more than _MAX_FORM_FIELDS fields
        raise WebhookVerificationError("form body has too many fields") from exc


def _multipart_fields(raw: bytes, content_type: str | None) -> dict[str, list[str]]:
    header = _multipart_header(raw, content_type)
    try:
        message = BytesParser().parsebytes(header + raw)
        if not message.is_multipart():
            raise WebhookVerificationError("multipart body does not match its boundary")
        return _collect_form_parts(message.get_payload())
    except WebhookVerificationError:
        raise
    except Exception as exc:
        # The stdlib email parser has raised assorted exceptions on hostile input over the years;
        # whatever it throws, the request is malformed.
        raise WebhookVerificationError("multipart body is malformed") from exc


def _multipart_header(raw: bytes, content_type: str | None) -> bytes:
    if content_type and _kind_from_content_type(content_type) == "multipart":
        if "\r" in content_type or "\n" in content_type:
            raise WebhookVerificationError("content type is malformed")
        return f"Content-Type: {content_type}\r\n\r\n".encode("utf-8", "replace")
    # Sniffed: the first line is "--" + boundary.
    boundary = raw.lstrip().split(b"\n", 1)[0].rstrip(b"\r")[2:]
    if not re.fullmatch(rb"[0-9A-Za-z'()+_,./:=? -]{1,70}", boundary):
        raise WebhookVerificationError("multipart body without a usable boundary")
    return b'Content-Type: multipart/form-data; boundary="' + boundary + b'"\r\n\r\n'


def _collect_form_parts(parts: Any) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    for part in parts:
        param = part.get_param("name", header="content-disposition")
        # Skip files (attachments): only text fields carry the signature and event.
        if param is None or part.get_filename() is not None:
            continue
        name = collapse_rfc2231_value(param)  # a plain str unless RFC 2231-encoded
        payload = part.get_payload(decode=True)
        value = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else ""
        fields.setdefault(name, []).append(value)
    return fields


def _single_field(fields: Mapping[str, list[str]], name: str) -> str:
    values = fields.get(name, [])
    if not values:
        raise WebhookVerificationError(f"form field '{name}' is missing")
    # Two values would let the verifier and the application read different ones.
    if len(values) > 1:
        raise WebhookVerificationError(f"form field '{name}' appears more than once")
    return values[0]


def _legacy_event(fields: Mapping[str, list[str]], verified_by: VerifiedBy | None) -> WebhookEvent:
    def first(*names: str) -> str | None:
        return next((fields[name][0] for name in names if fields.get(name)), None)

    headers = _legacy_headers(first("message-headers"))
    code, error, description = first("code"), first("error"), first("description")
    status = None
    if code is not None or error is not None or description is not None:
        status = DeliveryStatus(code=_as_int(code), message=error, description=description)
    geolocation = {key: fields[key][0] for key in ("country", "region", "city") if fields.get(key)}
    client_keys = ("client-name", "client-os", "client-type", "device-type", "user-agent")
    client_info = {key: fields[key][0] for key in client_keys if fields.get(key)}
    return WebhookEvent(
        event=first("event") or "",
        timestamp=_as_datetime(first("timestamp")),
        recipient=first("recipient"),
        domain=first("domain"),
        reason=first("reason"),
        delivery_status=status,
        message_id=_strip_angle_brackets(first("Message-Id", "message-id", "Message-ID") or headers.get("message-id")),
        subject=first("subject") or headers.get("subject"),
        from_=first("from") or headers.get("from"),
        to=first("to") or headers.get("to"),
        tags=[tag for name in ("tag", "X-Mailgun-Tag") for tag in fields.get(name, [])],
        url=first("url"),
        ip=first("ip"),
        geolocation=geolocation or None,
        client_info=client_info or None,
        storage_url=first("message-url"),
        verified_by=verified_by,
        raw={name: values[0] if len(values) == 1 else list(values) for name, values in fields.items()},
    )


def _legacy_headers(encoded: str | None) -> dict[str, str]:
    """Legacy posts carry the headers as a JSON list of [name, value] pairs; keep the first of each."""
    headers: dict[str, str] = {}
    pairs = _loads_or_none(encoded) if encoded else None
    for pair in pairs if isinstance(pairs, list) else []:
        if isinstance(pair, list) and len(pair) == 2 and all(isinstance(item, str) for item in pair):
            headers.setdefault(pair[0].lower(), pair[1])
    return headers
