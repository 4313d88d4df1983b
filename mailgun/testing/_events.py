"""Events as Mailgun records them (the webhook ``event-data`` shape), and the three ways to read them back:
``GET /v3/{domain}/events`` (v3 paging URLs), ``POST /v1/analytics/logs`` (body tokens) and
``POST /v1/analytics/metrics`` (counts, skip/limit)."""

from __future__ import annotations

import datetime as dt
import email.utils
import secrets
from collections.abc import Callable, Mapping, Sequence
from typing import Any

__all__ = ["event_matches_v3", "log_item", "metrics_answer", "new_event", "v3_item"]

UTC = dt.timezone.utc
# What Mailgun reports for a message it drops because the recipient is on a suppression list.
SUPPRESSED = {
    "bounces": ("suppress-bounce", 605, "Not delivering to previously bounced address"),
    "unsubscribes": ("suppress-unsubscribe", 606, "Not delivering to unsubscribed address"),
    "complaints": ("suppress-complaint", 607, "Not delivering to a user who marked your messages as spam"),
}
# The webhook each event triggers (a failed event: by its severity).
WEBHOOK_OF_EVENT = {
    "accepted": "accepted",
    "delivered": "delivered",
    "opened": "opened",
    "clicked": "clicked",
    "unsubscribed": "unsubscribed",
    "complained": "complained",
}


def webhook_name(event: Mapping[str, Any]) -> str | None:
    if event.get("event") == "failed":
        return "permanent_fail" if event.get("severity") == "permanent" else "temporary_fail"
    return WEBHOOK_OF_EVENT.get(str(event.get("event")))


def new_event(
    kind: str,
    *,
    domain: str,
    recipient: str,
    message: Mapping[str, Any],
    timestamp: float,
    **extra: Any,
) -> dict[str, Any]:
    """One event in Mailgun's ``event-data`` shape (what webhooks post and events/logs list)."""
    event: dict[str, Any] = {
        "id": secrets.token_urlsafe(16),
        "event": kind,
        "timestamp": timestamp,
        "log-level": {"failed": "error", "accepted": "info", "delivered": "info"}.get(kind, "info"),
        "recipient": recipient,
        "recipient-domain": recipient.rpartition("@")[2],
        "method": "HTTP",
        "domain": {"name": domain},
        "tags": list(message.get("tags") or []),
        "campaigns": [],
        "user-variables": dict(message.get("variables") or {}),
        "flags": {
            "is-authenticated": True,
            "is-test-mode": bool(message.get("test_mode")),
            "is-routed": False,
            "is-delayed-bounce": False,
            "is-system-test": False,
        },
        "envelope": {"sender": message.get("sender") or "", "transport": "smtp", "targets": recipient},
        "message": {
            "headers": {
                "to": message.get("to_header") or recipient,
                "message-id": str(message["id"]).strip("<>"),
                "from": message.get("from") or "",
                "subject": message.get("subject") or "",
            },
            "attachments": list(message.get("attachments") or []),
            "size": int(message.get("size") or 0),
        },
        "storage": dict(message.get("storage") or {}),
    }
    event.update(extra)
    return event


def delivery_status(code: int, description: str, message: str = "") -> dict[str, Any]:
    return {
        "code": code,
        "message": message,
        "description": description,
        "attempt-no": 1,
        "tls": True,
        "certificate-verified": True,
        "session-seconds": 0.05,
    }


# ------------------------------------------------------------------------------------------- v3 events
def v3_item(event: Mapping[str, Any]) -> dict[str, Any]:
    item = {k: v for k, v in event.items() if k != "domain"}
    return item


def event_matches_v3(event: Mapping[str, Any], query: Mapping[str, list[str]]) -> bool:
    def first(name: str) -> str | None:
        values = query.get(name)
        return values[0] if values else None

    checks: dict[str, Callable[[str], bool]] = {
        "event": lambda v: _one_of(v, [event.get("event")]),
        "recipient": lambda v: _one_of(v, [event.get("recipient")]),
        "to": lambda v: _one_of(v, [event.get("recipient")]),
        "from": lambda v: v in str(event.get("message", {}).get("headers", {}).get("from", "")),
        "message-id": lambda v: v.strip("<>") == event.get("message", {}).get("headers", {}).get("message-id"),
        "subject": lambda v: v == event.get("message", {}).get("headers", {}).get("subject"),
        "tags": lambda v: _one_of(v, list(event.get("tags") or [])),
        "severity": lambda v: _one_of(v, [event.get("severity")]),
    }
    for name, check in checks.items():
        value = first(name)
        if value is not None and not check(value):
            return False
    stamp = float(event.get("timestamp") or 0)
    begin, end = _v3_time(first("begin")), _v3_time(first("end"))
    ascending = first("ascending") == "yes"
    if begin is not None and end is not None and begin > end:
        begin, end = end, begin
    elif begin is not None and end is None and not ascending:
        begin, end = None, begin  # descending from `begin` back in time
    return not ((begin is not None and stamp < begin) or (end is not None and stamp > end))


def _one_of(expression: str, values: list[Any]) -> bool:
    """Mailgun's filter expressions, simply: ``a OR b``, ``NOT a``, a plain value."""
    expression = expression.strip()
    if expression.upper().startswith("NOT "):
        return not _one_of(expression[4:], values)
    options = [part.strip().strip('"') for part in expression.replace(" or ", " OR ").split(" OR ")]
    return any(str(value) in options for value in values if value is not None)


def _v3_time(text: str | None) -> float | None:
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(text).timestamp()
    except (TypeError, ValueError):
        return None


# ------------------------------------------------------------------------------------------ analytics
def rfc2822(moment: dt.datetime) -> str:
    return email.utils.format_datetime(moment.astimezone(UTC)).replace("-0000", "+0000")


def go_time(timestamp: float) -> str:
    """The form Mailgun's tag listing uses (Go's time.String()): ``2023-01-02 02:14:27 +0000 UTC``."""
    return dt.datetime.fromtimestamp(timestamp, UTC).strftime("%Y-%m-%d %H:%M:%S +0000 UTC")


def parse_time(text: Any) -> dt.datetime | None:
    if not isinstance(text, str) or not text:
        return None
    try:
        return email.utils.parsedate_to_datetime(text).astimezone(UTC)
    except (TypeError, ValueError):
        pass
    try:
        parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def log_item(event: Mapping[str, Any], account_id: str) -> dict[str, Any]:
    """An event as ``POST /v1/analytics/logs`` lists it: ``@timestamp`` instead of ``timestamp``."""
    item = {k: v for k, v in event.items() if k != "timestamp"}
    moment = dt.datetime.fromtimestamp(float(event["timestamp"]), UTC)
    item["@timestamp"] = moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")
    item["account"] = {"id": account_id}
    storage = event.get("storage") or {}
    if storage.get("url"):
        item["storage"] = {**storage, "url": [storage["url"]]}
    item["user-variables"] = _json_text(event.get("user-variables") or {})
    return item


def _json_text(value: Any) -> str:
    import json

    return json.dumps(value, separators=(",", ":"))


def analytics_attribute(event: Mapping[str, Any], attribute: str) -> list[str]:
    """The values of an analytics filter attribute (``domain``, ``recipient``, ``tag`` ...) for an event."""
    headers = event.get("message", {}).get("headers", {})
    values: dict[str, list[Any]] = {
        "domain": [event.get("domain", {}).get("name")],
        "domain.name": [event.get("domain", {}).get("name")],
        "recipient": [event.get("recipient")],
        "recipient_domain": [event.get("recipient-domain")],
        "recipient-domain": [event.get("recipient-domain")],
        "tag": list(event.get("tags") or []),
        "tags": list(event.get("tags") or []),
        "event": [event.get("event")],
        "message-id": [headers.get("message-id")],
        "message_id": [headers.get("message-id")],
        "subject": [headers.get("subject")],
        "severity": [event.get("severity")],
    }
    return [str(v) for v in values.get(attribute, []) if v is not None]


def filter_matches(event: Mapping[str, Any], group: Any) -> bool:
    """Mailgun's analytics predicate group: ``{"AND": [{"attribute", "comparator", "values": [{"value"}]}]}``."""
    if not isinstance(group, Mapping):
        return True
    for predicate in group.get("AND") or []:
        if not isinstance(predicate, Mapping):
            continue
        have = analytics_attribute(event, str(predicate.get("attribute", "")))
        wanted = [str(v.get("value")) if isinstance(v, Mapping) else str(v) for v in predicate.get("values") or []]
        comparator = str(predicate.get("comparator", "="))
        hit = any(w in have for w in wanted)
        if comparator in ("contains", "~"):
            hit = any(w in h for w in wanted for h in have)
        if (comparator in ("!=", "not contains", "!~")) == hit:
            return False
    return True


_COUNTED: dict[str, Callable[[Mapping[str, Any]], bool]] = {
    "accepted_count": lambda e: e["event"] == "accepted",
    "delivered_count": lambda e: e["event"] == "delivered",
    "failed_count": lambda e: e["event"] == "failed",
    "permanent_failed_count": lambda e: e["event"] == "failed" and e.get("severity") == "permanent",
    "temporary_failed_count": lambda e: e["event"] == "failed" and e.get("severity") == "temporary",
    "suppressed_bounces_count": lambda e: e.get("reason") == "suppress-bounce",
    "suppressed_unsubscribed_count": lambda e: e.get("reason") == "suppress-unsubscribe",
    "suppressed_complaints_count": lambda e: e.get("reason") == "suppress-complaint",
    "opened_count": lambda e: e["event"] == "opened",
    "clicked_count": lambda e: e["event"] == "clicked",
    "unsubscribed_count": lambda e: e["event"] == "unsubscribed",
    "complained_count": lambda e: e["event"] == "complained",
    "processed_count": lambda e: e["event"] == "accepted",
    "sent_count": lambda e: e["event"] in ("delivered", "failed") and e.get("reason", "").find("suppress") != 0,
}


def metrics_answer(events: Sequence[Mapping[str, Any]], query: Mapping[str, Any], now: dt.datetime) -> dict[str, Any]:
    """``POST /v1/analytics/metrics``: counts of the fake's events, per dimension value (``time``, ``domain``,
    ``tag``, ``recipient_domain``); metrics the fake does not count are 0."""
    end = parse_time(query.get("end")) or now
    start = parse_time(query.get("start")) or end - dt.timedelta(days=7)
    resolution = str(query.get("resolution") or "day")
    dimensions = [str(d) for d in query.get("dimensions") or []]
    metrics = [str(m) for m in query.get("metrics") or []]
    chosen = [
        e
        for e in events
        if start.timestamp() <= float(e["timestamp"]) <= end.timestamp() and filter_matches(e, query.get("filter"))
    ]
    groups: dict[tuple[str, ...], list[Mapping[str, Any]]] = {}
    for event in chosen:
        for key in _dimension_keys(event, dimensions, resolution):
            groups.setdefault(key, []).append(event)
    pagination = query.get("pagination") or {}
    skip, limit = int(pagination.get("skip") or 0), int(pagination.get("limit") or 1500)
    keys = sorted(groups)
    items = [
        {
            "dimensions": [
                {"dimension": d, "value": v, "display_value": v} for d, v in zip(dimensions, key, strict=True)
            ],
            "metrics": _counts(groups[key], metrics),
        }
        for key in keys[skip : skip + limit]
    ]
    answer: dict[str, Any] = {
        "start": rfc2822(start),
        "end": rfc2822(end),
        "resolution": resolution,
        "dimensions": dimensions,
        "pagination": {"sort": str(pagination.get("sort") or ""), "skip": skip, "limit": limit, "total": len(keys)},
        "items": items,
    }
    if query.get("duration"):
        answer["duration"] = query["duration"]
    if query.get("include_aggregates"):
        answer["aggregates"] = {"metrics": _counts(chosen, metrics)}
    return answer


def _dimension_keys(event: Mapping[str, Any], dimensions: list[str], resolution: str) -> list[tuple[str, ...]]:
    keys: list[tuple[str, ...]] = [()]
    for dimension in dimensions:
        if dimension == "time":
            values = [rfc2822(_bucket(float(event["timestamp"]), resolution))]
        else:
            values = analytics_attribute(event, dimension) or [""]
        keys = [(*key, value) for key in keys for value in values]
    return keys


def _bucket(timestamp: float, resolution: str) -> dt.datetime:
    moment = dt.datetime.fromtimestamp(timestamp, UTC)
    if resolution == "hour":
        return moment.replace(minute=0, second=0, microsecond=0)
    if resolution == "month":
        return moment.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    return moment.replace(hour=0, minute=0, second=0, microsecond=0)


def _counts(events: Sequence[Mapping[str, Any]], metrics: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for metric in metrics:
        count = _COUNTED.get(metric)
        if count is not None:
            out[metric] = sum(1 for e in events if count(e))
        elif metric.endswith("_rate"):
            out[metric] = "0.0000"
        else:
            out[metric] = 0
    return out
