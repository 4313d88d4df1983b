"""Verify Mailgun webhook signatures and turn the payload into a typed event. No network, no framework.

Mailgun signs every webhook with ``hex(HMAC-SHA256(webhook_signing_key, timestamp + token))``. Modern
webhooks POST JSON (a ``signature`` object and ``event-data``); legacy webhooks POST form fields
(``timestamp``, ``token``, ``signature``, ``event``, ``recipient``, ...), urlencoded or multipart.

Typical use, with the raw request body::

    event = verify_webhook(body, signing_key, content_type=content_type, token_store=store)

Every rejection is a :class:`~mailgun._exceptions.WebhookVerificationError`, whatever the body holds.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import math
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.parser import BytesParser
from email.utils import collapse_rfc2231_value
from typing import Any, Literal, Protocol, runtime_checkable
from urllib.parse import parse_qs

from mailgun._exceptions import WebhookVerificationError

__all__ = [
    "DEFAULT_TOLERANCE",
    "DeliveryStatus",
    "InMemoryTokenStore",
    "TokenStore",
    "WebhookEvent",
    "WebhookVerificationError",
    "parse_event",
    "verify_signature",
    "verify_webhook",
]

DEFAULT_TOLERANCE = 300.0
"""Seconds a webhook's timestamp may differ from our clock, either way."""

# Mailgun timestamps are whole epoch seconds. Capping the digits keeps int() cheap on hostile input.
_TIMESTAMP_RE = re.compile(r"[0-9]{1,15}")
# Exactly what hexdigest() produces. Case-sensitive on purpose: "any change to the signature fails".
_SIGNATURE_RE = re.compile(r"[0-9a-f]{64}")
_SIGNATURE_FIELDS = ("timestamp", "token", "signature")
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
        """As ``TokenStore.seen``: True for a replayed token; otherwise the token is recorded."""
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


# --------------------------------------------------------------------------------------------------
# Signature check
# --------------------------------------------------------------------------------------------------


def verify_signature(
    signing_key: str | bytes,
    timestamp: str | int,
    token: str,
    signature: str,
    *,
    tolerance: float | None = DEFAULT_TOLERANCE,
    token_store: TokenStore | None = None,
    now: Callable[[], float] | None = None,
) -> None:
    """Check one webhook signature; raise :class:`WebhookVerificationError` if anything is off.

    ``tolerance`` is how many seconds the timestamp may be in the past or the future (None: no limit).
    With a ``token_store`` a token is accepted only once; it is recorded only after every other check
    passed, so forged requests cannot fill the store.
    """
    _check_tolerance(tolerance)
    key = _signing_key_bytes(signing_key)
    timestamp_text, timestamp_value = _parse_timestamp(timestamp)
    token_bytes = _token_bytes(token)
    if not isinstance(signature, str) or not _SIGNATURE_RE.fullmatch(signature):
        raise WebhookVerificationError("signature is not 64 lowercase hex characters")
    expected = hmac.new(key, timestamp_text.encode("ascii") + token_bytes, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, signature):
        raise WebhookVerificationError("signature does not match (wrong signing key or tampered request)")
    current = (now or time.time)()
    _check_freshness(timestamp_value, current, tolerance)
    if token_store is not None:
        expires_at = math.inf if tolerance is None else timestamp_value + tolerance
        if token_store.seen(token, expires_at):
            raise WebhookVerificationError("token was already used (replayed webhook)")


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
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False)


def parse_event(event_data: Mapping[str, Any]) -> WebhookEvent:
    """Build a :class:`WebhookEvent` from decoded JSON ``event-data`` (or an events/logs API item)."""
    if not isinstance(event_data, Mapping):
        raise TypeError("event_data must be a mapping (the decoded 'event-data' object)")
    data = event_data
    message = _as_dict(data.get("message")) or {}
    headers = _as_dict(message.get("headers")) or {}
    storage = _as_dict(data.get("storage")) or {}
    reject = _as_dict(data.get("reject")) or {}
    domain = _as_dict(data.get("domain"))
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
        delivery_status=_delivery_status(data.get("delivery-status")),
        message_id=_strip_angle_brackets(_as_str(headers.get("message-id"))),
        subject=_as_str(headers.get("subject")),
        from_=_as_str(headers.get("from")),
        to=_as_str(headers.get("to")),
        tags=_as_str_list(data.get("tags")),
        user_variables=_user_variables(data.get("user-variables")),
        url=_as_str(data.get("url")),
        ip=_as_str(data.get("ip")),
        geolocation=_as_dict(data.get("geolocation")),
        client_info=_as_dict(data.get("client-info")),
        storage_url=_storage_url(storage.get("url")),
        storage_key=_as_str(storage.get("key")),
        log_level=_as_str(data.get("log-level")),
        raw=data,
    )


def _delivery_status(value: object) -> DeliveryStatus | None:
    status = _as_dict(value)
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


def _as_str_list(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str)]
    return []


def _user_variables(value: object) -> dict[str, Any]:
    # The logs API returns user-variables as a JSON-encoded string.
    if isinstance(value, str):
        value = _loads_or_none(value)
    return _as_dict(value) or {}


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
    signing_key: str | bytes,
    *,
    content_type: str | None = None,
    tolerance: float | None = DEFAULT_TOLERANCE,
    token_store: TokenStore | None = None,
    now: Callable[[], float] | None = None,
) -> WebhookEvent:
    """Verify a webhook from its raw request body and return the event.

    ``content_type`` is the request's ``Content-Type`` header, parameters included (multipart needs its
    ``boundary``). Without it, or when it is not a JSON or form type, the body is sniffed: ``{`` means
    JSON, ``--`` multipart (boundary taken from the first line), anything else urlencoded.
    """
    raw = _body_bytes(body)
    kind = _kind_from_content_type(content_type) or _sniff_kind(raw)
    if kind == "json":
        return _verify_json(raw, signing_key, tolerance=tolerance, token_store=token_store, now=now)
    fields = _multipart_fields(raw, content_type) if kind == "multipart" else _urlencoded_fields(raw)
    timestamp, token, signature = (_single_field(fields, name) for name in _SIGNATURE_FIELDS)
    verify_signature(signing_key, timestamp, token, signature, tolerance=tolerance, token_store=token_store, now=now)
    return _legacy_event(fields)


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


def _verify_json(
    raw: bytes,
    signing_key: str | bytes,
    *,
    tolerance: float | None,
    token_store: TokenStore | None,
    now: Callable[[], float] | None,
) -> WebhookEvent:
    payload = _decode_json(raw)
    signature = _as_dict(payload.get("signature"))
    if signature is None:
        raise WebhookVerificationError("JSON payload has no 'signature' object")
    missing = [name for name in _SIGNATURE_FIELDS if name not in signature]
    if missing:
        raise WebhookVerificationError(f"JSON 'signature' object lacks {', '.join(missing)}")
    # Checked before the signature: a rejected request must not burn its token in the store.
    event_data = _as_dict(payload.get("event-data"))
    if event_data is None:
        raise WebhookVerificationError("JSON payload has no 'event-data' object")
    # verify_signature re-checks each value's type, so wrong-typed JSON values are rejected there.
    verify_signature(
        signing_key,
        signature["timestamp"],
        signature["token"],
        signature["signature"],
        tolerance=tolerance,
        token_store=token_store,
        now=now,
    )
    return parse_event(event_data)


def _decode_json(raw: bytes) -> dict[str, Any]:
    try:
        payload = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise WebhookVerificationError("JSON body is not valid UTF-8") from exc
    except (ValueError, RecursionError) as exc:  # RecursionError: absurdly deep nesting
        raise WebhookVerificationError("body is not valid JSON") from exc
    payload = _as_dict(payload)
    if payload is None:
        raise WebhookVerificationError("JSON body is not an object")
    return payload


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


def _legacy_event(fields: Mapping[str, list[str]]) -> WebhookEvent:
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
