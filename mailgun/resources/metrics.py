"""Metrics (the successor of Stats): ``client.metrics.query(...)`` and ``client.metrics.usage(...)``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from .._call import Call, Operation, model_parser
from .._endpoint import AsyncResource, SyncResource, async_call, sync_call
from .._exceptions import ValidationError
from .._extras import RequestExtras, Unpack
from .._retry import RequestKind
from .._validation import aware_datetime, boolean, choice, filter_group, given, opt_text, string_list
from ..types import MetricsResult, UsageMetricsResult

if TYPE_CHECKING:
    from ..literals import MetricDimension, MetricName, Resolution, UsageDimension, UsageMetricName

__all__ = ["AsyncMetrics", "Metrics"]

_QUERY = Operation("metrics.post_analytics_metrics", model_parser(MetricsResult), kind=RequestKind.READ_POST)
_USAGE = Operation("metrics.post_analytics_usage_metrics", model_parser(UsageMetricsResult), kind=RequestKind.READ_POST)


def _query_fields(
    start: dt.datetime | None,
    end: dt.datetime | None,
    resolution: Resolution | None,
    duration: str | None,
    dimensions: str | Iterable[str] | None,
    metrics: str | Iterable[str] | None,
    filter: Mapping[str, Any] | None,
    include_subaccounts: bool | None,
    include_aggregates: bool | None,
) -> dict[str, Any]:
    from mailgun_openapi.models.analytics_filter_predicate_group import AnalyticsFilterPredicateGroup

    start, end = aware_datetime("start", start), aware_datetime("end", end)
    if start is not None and end is not None and end < start:
        raise ValidationError("end", "must not be before start")
    return given(
        start=start,
        end=end,
        resolution=choice("resolution", resolution),
        duration=opt_text("duration", duration),
        dimensions=string_list("dimensions", dimensions),
        metrics=string_list("metrics", metrics),
        filter_=filter_group("filter", filter, AnalyticsFilterPredicateGroup.from_dict),
        include_subaccounts=boolean("include_subaccounts", include_subaccounts),
        include_aggregates=boolean("include_aggregates", include_aggregates),
    )


def query_metrics(
    *,
    metrics: MetricName | Iterable[MetricName],
    start: dt.datetime | None = None,
    end: dt.datetime | None = None,
    resolution: Resolution | None = None,
    duration: str | None = None,
    dimensions: MetricDimension | Iterable[MetricDimension] | None = None,
    filter: Mapping[str, Any] | None = None,
    include_subaccounts: bool | None = None,
    include_aggregates: bool | None = None,
    **extras: Unpack[RequestExtras],
) -> Call[MetricsResult]:
    """Sending metrics (``accepted_count``, ``delivered_rate``, ...) by ``dimensions`` (time, domain, tag, ...)."""
    from mailgun_openapi.models.query import Query

    fields = _query_fields(
        start, end, resolution, duration, dimensions, metrics, filter, include_subaccounts, include_aggregates
    )
    return _QUERY.call(body=Query(**fields))


def usage_metrics(
    *,
    metrics: UsageMetricName | Iterable[UsageMetricName],
    start: dt.datetime | None = None,
    end: dt.datetime | None = None,
    resolution: Resolution | None = None,
    duration: str | None = None,
    dimensions: UsageDimension | Iterable[UsageDimension] | None = None,
    filter: Mapping[str, Any] | None = None,
    include_subaccounts: bool | None = None,
    include_aggregates: bool | None = None,
    **extras: Unpack[RequestExtras],
) -> Call[UsageMetricsResult]:
    """Account usage metrics (``email_validation_count``, ``processed_count``, ...)."""
    from mailgun_openapi.models.usage_query import UsageQuery

    fields = _query_fields(
        start, end, resolution, duration, dimensions, metrics, filter, include_subaccounts, include_aggregates
    )
    return _USAGE.call(body=UsageQuery(**fields))


class Metrics(SyncResource):
    query = sync_call(query_metrics)
    usage = sync_call(usage_metrics)


class AsyncMetrics(AsyncResource):
    query = async_call(query_metrics)
    usage = async_call(usage_metrics)
