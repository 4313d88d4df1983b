"""The values Mailgun documents for enumerated parameters, as ``Literal`` types: one name per concept.

They are for IDE completion and type checkers (a typo such as ``state="actve"`` is a mypy error). At run time
any string is sent as given: Mailgun adds values over time (a webhook event, a domain state, a metric) and is
the judge of what it accepts, so the SDK never refuses a value it does not know yet. Use them to annotate your
own code: ``def subscribe(event: mailgun.literals.WebhookEventName) -> None: ...``.

Where Mailgun's spec enumerates the values, the type is the generated one under a stable name here (so a value
added to the spec reaches completions with the next regeneration, with no hand work); the others are written
here, from Mailgun's documentation. Loaded lazily, like ``mailgun.types``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

__all__ = [
    "AccessLevel",
    "AlertChannel",
    "AlertComparator",
    "AlertDimension",
    "AlertFilterComparator",
    "AlertMetric",
    "BounceDimension",
    "BounceFilterAttribute",
    "BounceResolution",
    "DkimKeyBits",
    "DkimKeySize",
    "DomainState",
    "DynamicPoolSortBy",
    "EventSeverity",
    "KeyKind",
    "KeyRole",
    "MetricDimension",
    "MetricName",
    "ReplyPreference",
    "Resolution",
    "SortDirection",
    "SortOrder",
    "SpamAction",
    "TagAggregateType",
    "TrackingMode",
    "UsageDimension",
    "UsageMetricName",
    "UserRole",
    "WebScheme",
    "WebhookEventName",
]

# -- from Mailgun's documentation (the spec types these parameters as plain strings) ------------------------------

DomainState: TypeAlias = Literal["active", "unverified", "disabled"]
SpamAction: TypeAlias = Literal["disabled", "block", "tag"]
WebScheme: TypeAlias = Literal["http", "https"]
DkimKeySize: TypeAlias = Literal["1024", "2048"]
"""``domains.create(dkim_key_size=...)``: the key length as a string."""
DkimKeyBits: TypeAlias = Literal[1024, 2048]
"""``domain_keys.create(bits=...)``: the key length as a number."""
WebhookEventName: TypeAlias = Literal[
    "accepted",
    "delivered",
    "opened",
    "clicked",
    "unsubscribed",
    "complained",
    "permanent_fail",
    "temporary_fail",
]
Resolution: TypeAlias = Literal["hour", "day", "month"]
"""Time buckets of metrics, stats and tag stats."""
TagAggregateType: TypeAlias = Literal["countries", "devices", "providers"]
AccessLevel: TypeAlias = Literal["readonly", "members", "everyone"]
ReplyPreference: TypeAlias = Literal["list", "sender"]
TrackingMode: TypeAlias = Literal["yes", "no", "htmlonly"]
"""Open and click tracking of a message (``messages.send(tracking=...)`` also takes ``True``/``False``)."""

# -- from Mailgun's spec: stable name -> the generated Literal (in mailgun_openapi.models) -------------------------

_GENERATED: dict[str, str] = {
    "UserRole": "GetUsersRole",
    "KeyRole": "PostKeysRequestRole",
    "KeyKind": "PostKeysRequestKind",
    "EventSeverity": "EventSeverityType",
    "SortDirection": "GetAccountsSubaccountsSort",
    "DynamicPoolSortBy": "GetDynamicPoolsDomainsSortBy",
    "SortOrder": "GetDynamicPoolsDomainsSortOrder",
    "AlertMetric": "ThresholdsMetric",
    "AlertComparator": "MetricComparator",
    "AlertDimension": "ThresholdsDimension",
    "AlertChannel": "AlertChannel",
    "AlertFilterComparator": "ThresholdsFilterComparator",
    "BounceResolution": "Resolution",
    "BounceDimension": "BounceDimension",
    "BounceFilterAttribute": "BounceFilterAttribute",
    "MetricName": "AnalyticsMetric",
    "MetricDimension": "DimensionName",
    "UsageMetricName": "UsageMetric",
    "UsageDimension": "UsageDimensionName",
}

if TYPE_CHECKING:
    from mailgun_openapi.models import AlertChannel as AlertChannel
    from mailgun_openapi.models import AnalyticsMetric as MetricName
    from mailgun_openapi.models import BounceDimension as BounceDimension
    from mailgun_openapi.models import BounceFilterAttribute as BounceFilterAttribute
    from mailgun_openapi.models import DimensionName as MetricDimension
    from mailgun_openapi.models import EventSeverityType as EventSeverity
    from mailgun_openapi.models import GetAccountsSubaccountsSort as SortDirection
    from mailgun_openapi.models import GetDynamicPoolsDomainsSortBy as DynamicPoolSortBy
    from mailgun_openapi.models import GetDynamicPoolsDomainsSortOrder as SortOrder
    from mailgun_openapi.models import GetUsersRole as UserRole
    from mailgun_openapi.models import MetricComparator as AlertComparator
    from mailgun_openapi.models import PostKeysRequestKind as KeyKind
    from mailgun_openapi.models import PostKeysRequestRole as KeyRole
    from mailgun_openapi.models import Resolution as BounceResolution
    from mailgun_openapi.models import ThresholdsDimension as AlertDimension
    from mailgun_openapi.models import ThresholdsFilterComparator as AlertFilterComparator
    from mailgun_openapi.models import ThresholdsMetric as AlertMetric
    from mailgun_openapi.models import UsageDimensionName as UsageDimension
    from mailgun_openapi.models import UsageMetric as UsageMetricName


def __getattr__(name: str) -> Any:
    generated = _GENERATED.get(name)
    if generated is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    try:
        value = getattr(importlib.import_module("mailgun_openapi.models"), generated)
    except AttributeError:  # a spec change renamed or removed the enum: say which alias to repoint
        raise AttributeError(
            f"mailgun.literals.{name}: the generated Literal {generated!r} is no longer in mailgun_openapi.models "
            "(renamed or removed by a spec change): point _GENERATED and the TYPE_CHECKING import at its new name"
        ) from None
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
