"""Stats (deprecated in favour of Metrics). Every call warns and names ``client.metrics.query()``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from .._call import Call, Operation, model_parser
from .._endpoint import AsyncResource, SyncResource, async_call, sync_call
from .._extras import RequestExtras, Unpack
from .._validation import choice, comma_list, opt_text, rfc2822, text
from ..types import CountriesAggregate, DevicesAggregate, ProvidersAggregate, StatsResult

if TYPE_CHECKING:
    from ..literals import Resolution

__all__ = ["AsyncStats", "Stats"]

_TOTAL = Operation("stats.get_stats_total", model_parser(StatsResult))
_DOMAIN_TOTAL = Operation("stats.get_domain_stats_total", model_parser(StatsResult))
_TOTAL_DOMAINS = Operation("stats.get_stats_total_domains", model_parser(StatsResult))
_FILTER = Operation("stats.get_stats_filter", model_parser(StatsResult))
_PROVIDERS = Operation("stats.get_domain_aggregates_providers", model_parser(ProvidersAggregate))
_DEVICES = Operation("stats.get_domain_aggregates_devices", model_parser(DevicesAggregate))
_COUNTRIES = Operation("stats.get_domain_aggregates_countries", model_parser(CountriesAggregate))


def account_totals(
    event: str | Iterable[str],
    *,
    start: dt.datetime | None = None,
    end: dt.datetime | None = None,
    resolution: Resolution | None = None,
    duration: str | None = None,
    **extras: Unpack[RequestExtras],
) -> Call[StatsResult]:
    """Account-wide totals per event type (deprecated)."""
    return _TOTAL.call(
        event=comma_list("event", event),
        start=rfc2822("start", start),
        end=rfc2822("end", end),
        resolution=choice("resolution", resolution),
        duration=opt_text("duration", duration),
    )


def domain_totals(
    domain: str,
    event: str | Iterable[str],
    *,
    start: dt.datetime | None = None,
    end: dt.datetime | None = None,
    resolution: Resolution | None = None,
    duration: str | None = None,
    **extras: Unpack[RequestExtras],
) -> Call[StatsResult]:
    """One domain's totals per event type (deprecated)."""
    return _DOMAIN_TOTAL.call(
        domain=text("domain", domain),
        event=comma_list("event", event),
        start=rfc2822("start", start),
        end=rfc2822("end", end),
        resolution=choice("resolution", resolution),
        duration=opt_text("duration", duration),
    )


def totals_by_domain(
    event: str | Iterable[str],
    *,
    timestamp: dt.datetime,
    limit: int | None = None,
    resolution: Resolution | None = None,
    **extras: Unpack[RequestExtras],
) -> Call[StatsResult]:
    """Totals of every domain at one time bucket (deprecated)."""
    return _TOTAL_DOMAINS.call(
        event=comma_list("event", event),
        timestamp=rfc2822("timestamp", timestamp),
        limit=None if limit is None else str(limit),
        resolution=choice("resolution", resolution),
    )


def filtered_totals(
    event: str | Iterable[str],
    *,
    filter: str | None = None,
    group: str | None = None,
    start: dt.datetime | None = None,
    end: dt.datetime | None = None,
    resolution: Resolution | None = None,
    duration: str | None = None,
    **extras: Unpack[RequestExtras],
) -> Call[StatsResult]:
    """Totals filtered and grouped, e.g. ``filter="domain:example.com"``, ``group="tag"`` (deprecated)."""
    return _FILTER.call(
        event=comma_list("event", event),
        filter_=opt_text("filter", filter),
        group=opt_text("group", group),
        start=rfc2822("start", start),
        end=rfc2822("end", end),
        resolution=choice("resolution", resolution),
        duration=opt_text("duration", duration),
    )


def providers(domain: str, **extras: Unpack[RequestExtras]) -> Call[ProvidersAggregate]:
    """Counts by email provider (deprecated)."""
    return _PROVIDERS.call(domain=text("domain", domain))


def devices(domain: str, **extras: Unpack[RequestExtras]) -> Call[DevicesAggregate]:
    """Counts by device type (deprecated)."""
    return _DEVICES.call(domain=text("domain", domain))


def countries(domain: str, **extras: Unpack[RequestExtras]) -> Call[CountriesAggregate]:
    """Counts by country (deprecated)."""
    return _COUNTRIES.call(domain=text("domain", domain))


class Stats(SyncResource):
    totals = sync_call(account_totals, deprecated=True)
    domain_totals = sync_call(domain_totals, deprecated=True)
    totals_by_domain = sync_call(totals_by_domain, deprecated=True)
    filtered = sync_call(filtered_totals, deprecated=True)
    providers = sync_call(providers, deprecated=True)
    devices = sync_call(devices, deprecated=True)
    countries = sync_call(countries, deprecated=True)


class AsyncStats(AsyncResource):
    totals = async_call(account_totals, deprecated=True)
    domain_totals = async_call(domain_totals, deprecated=True)
    totals_by_domain = async_call(totals_by_domain, deprecated=True)
    filtered = async_call(filtered_totals, deprecated=True)
    providers = async_call(providers, deprecated=True)
    devices = async_call(devices, deprecated=True)
    countries = async_call(countries, deprecated=True)
