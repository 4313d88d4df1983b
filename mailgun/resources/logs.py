"""Logs (the successor of Events): ``client.logs.list(start=..., end=..., events=[...], filter=...)``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from .._call import Call, Operation, PagedCall, model_parser
from .._endpoint import AsyncResource, SyncResource, async_paged, sync_paged
from .._exceptions import ValidationError
from .._extras import RequestExtras, Unpack
from .._paging import body_token_listing
from .._retry import RequestKind
from .._validation import aware_datetime, boolean, filter_group, given, int_range, string_list
from ..types import LogEvent, LogsPage

__all__ = ["AsyncLogs", "Logs"]

_QUERY = Operation("logs.post_analytics_logs", model_parser(LogsPage), kind=RequestKind.READ_POST)


def _items(page: LogsPage) -> list[LogEvent]:
    return page.items or []


def list_logs(
    *,
    start: dt.datetime | None = None,
    end: dt.datetime | None = None,
    events: str | Iterable[str] | None = None,
    metric_events: str | Iterable[str] | None = None,
    filter: Mapping[str, Any] | None = None,
    include_subaccounts: bool | None = None,
    include_totals: bool | None = None,
    sort: str | None = None,
    limit: int = 100,
    **extras: Unpack[RequestExtras],
) -> PagedCall[LogEvent]:
    """Iterate over log events between ``start`` and ``end`` (aware datetimes; Mailgun's default is the last
    day). ``filter`` is Mailgun's predicate group, e.g. ``{"AND": [{"attribute": "domain", "comparator": "=",
    "values": [{"label": "example.com", "value": "example.com"}]}]}``.
    """
    from mailgun_openapi.models.logs_filter_predicate_group import LogsFilterPredicateGroup
    from mailgun_openapi.models.logs_pagination import LogsPagination
    from mailgun_openapi.models.logs_request import LogsRequest

    start, end = aware_datetime("start", start), aware_datetime("end", end)
    if start is not None and end is not None and end < start:
        raise ValidationError("end", "must not be before start")
    body = LogsRequest(
        **given(
            start=start,
            end=end,
            events=string_list("events", events),
            metric_events=string_list("metric_events", metric_events),
            filter_=filter_group("filter", filter, LogsFilterPredicateGroup.from_dict),
            include_subaccounts=boolean("include_subaccounts", include_subaccounts),
            include_totals=boolean("include_totals", include_totals),
        ),
        pagination=LogsPagination(**given(limit=int_range("limit", limit, 1, 1000), sort=sort)),
    )
    first = _QUERY.call(body=body)
    return body_token_listing(first, _items, with_token=_with_token)


def _with_token(call: Call[Any], token: str) -> Call[Any]:
    import attrs

    body = call.kwargs["body"]
    return call.with_kwargs(body=attrs.evolve(body, pagination=attrs.evolve(body.pagination, token=token)))


class Logs(SyncResource):
    list = sync_paged(list_logs)


class AsyncLogs(AsyncResource):
    list = async_paged(list_logs)
