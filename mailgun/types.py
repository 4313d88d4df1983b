"""Typed models returned by the SDK, under stable public names.

They are the generated models (attrs classes: fields as attributes, unknown fields in
``additional_properties``, ``to_dict()``). The generated class names follow Mailgun's spec and may change with
it; these names do not: when a spec change renames a model, one line of ``_GENERATED`` changes.

Loaded lazily: ``import mailgun`` does not import the models.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# Public name -> generated model class name (in mailgun_openapi.models).
_GENERATED: dict[str, str] = {
    # domains
    "Domain": "DomainsDomain",
    "DomainList": "ListDomainResponse",
    "DomainDetails": "FindDomainByNameResp",
    "DnsRecord": "Record",
    "CreateDomainResult": "CreateDomainResp",
    "UpdateDomainResult": "UpdateDomainResp",
    "VerifyDomainResult": "VerifyDomainResponse",
    "StatusMessage": "ScaffoldGenericResponse",
    # logs and metrics
    "LogEvent": "LogEvent",
    "LogsPage": "LogsResponse",
    "MetricsResult": "RegularMetricsResponse",
    "UsageMetricsResult": "UsageMetricsResponse",
    # tags (new API)
    "Tag": "Tag",
    "TagsPage": "TagsResponse",
    "TagLimits": "TagLimitCountResponse",
    # deprecated APIs
    "Event": "EventResponse",
    "EventsPage": "GetDomainNameEventsResponse200",
    "StatsResult": "StatsResponse",
    "LegacyTag": "TagItem",
    "LegacyTagsPage": "TagListResponse",
    "LegacyTagLimits": "TagLimitItem",
    "TagAggregates": "TagAggregateResponse",
    "StatTypes": "StatTypesResponse",
    "CountriesAggregate": "CountriesAggregateResponse",
    "DevicesAggregate": "DevicesAggregateResponse",
    "ProvidersAggregate": "ProvidersAggregateResponse",
    # @sending types
    # @suppressions types
    # @coverage-a types
    # @coverage-b types
}

__all__ = sorted(_GENERATED)

if TYPE_CHECKING:
    from mailgun_openapi.models import LogEvent as LogEvent
    from mailgun_openapi.models import Tag as Tag


def __getattr__(name: str) -> Any:
    generated = _GENERATED.get(name)
    if generated is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module("mailgun_openapi.models"), generated)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
