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
    """Account-wide totals per event type (deprecated).

    Args:
        event: Name of the event(s) to receive the stats for (Multiple events are allowed). Supported events are:
            accepted, delivered, failed, opened, clicked, unsubscribed, complained, stored.
        start: The start date in RFC 2822 format or unix epoch (default: 7 days ago)
        end: The end date in RFC 2822 format or unix epoch (default: current time)
        resolution: The gregorian resolution the query is for 'day, month, hour` (default: day)
        duration: If duration is provided than it's calculated from the 'end' date and overwrites the 'start' date.
        **extras: `extra_query=`, `extra_body=` and `extra_headers=` (mappings) add query parameters, form/JSON
            fields and headers Mailgun accepts that this method does not name yet; `extra_headers` may override a
            header.

    Returns:
        The parsed answer (StatsResult).

    Raises:
        ValidationError: An argument is invalid; raised before anything is sent.
        APIStatusError: Mailgun answered with an error status (a subclass per status).

    Example:
        ```python
        result = client.stats.totals(["delivered", "failed"])
        print(result)
        ```
    """
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
    """One domain's totals per event type (deprecated).

    Args:
        domain: The domain name.
        event: Name of the event(s) to receive the stats for (Multiple events are allowed). Supported events are:
            accepted, delivered, failed, opened, clicked, unsubscribed, complained, stored.
        start: The start date in RFC 2822 format or unix epoch (default: 7 days ago)
        end: The end date in RFC 2822 format or unix epoch (default: current time)
        resolution: The gregorian resolution the query is for 'day, month, hour` (default: day)
        duration: If duration is provided than it's calculated from the 'end' date and overwrites the 'start' date.
        **extras: `extra_query=`, `extra_body=` and `extra_headers=` (mappings) add query parameters, form/JSON
            fields and headers Mailgun accepts that this method does not name yet; `extra_headers` may override a
            header.

    Returns:
        The parsed answer (StatsResult).

    Raises:
        ValidationError: An argument is invalid; raised before anything is sent.
        NotFoundError: What the call names (the domain) does not exist.
        APIStatusError: Mailgun answered with an error status (a subclass per status).

    Example:
        ```python
        result = client.stats.domain_totals(domain, ["delivered", "failed"])
        print(result)
        ```
    """
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
    """Totals of every domain at one time bucket (deprecated).

    Args:
        event: Name of the event(s) to receive the stats for (Multiple events are allowed). Supported events are:
            accepted, delivered, failed, opened, clicked, unsubscribed, complained, stored.
        timestamp: The date/time of the 'resolution' we are retrieving.
        limit: Skip x number of domains; used to page through large numbers of domains.
        resolution: The gregorian resolution the query is for 'day, month, hour` (default: day)
        **extras: `extra_query=`, `extra_body=` and `extra_headers=` (mappings) add query parameters, form/JSON
            fields and headers Mailgun accepts that this method does not name yet; `extra_headers` may override a
            header.

    Returns:
        The parsed answer (StatsResult).

    Raises:
        ValidationError: An argument is invalid; raised before anything is sent.
        APIStatusError: Mailgun answered with an error status (a subclass per status).

    Example:
        ```python
        import datetime

        day = datetime.datetime(2026, 12, 1, tzinfo=datetime.timezone.utc)
        result = client.stats.totals_by_domain(["delivered", "failed"], timestamp=day)
        print(result)
        ```
    """
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
    """Totals filtered and grouped, e.g. ``filter="domain:example.com"``, ``group="tag"`` (deprecated).

    Args:
        event: Name of the event(s) to receive the stats for (Multiple events are allowed). Supported events are:
            accepted, delivered, failed, opened, clicked, unsubscribed, complained, stored.
        filter: A filter for account level metrics such as filter=domain:my.example.com.
        group: The key to group metrics by. Must be one of total, time, day, month, domain, ip, provider, tag,
            country.
        start: The start date in RFC 2822 format or unix epoch (default: 7 days ago)
        end: The end date in RFC 2822 format or unix epoch (default: current time)
        resolution: The gregorian resolution the query is for 'day, month, hour` (default: day)
        duration: If duration is provided than it's calculated from the 'end' date and overwrites the 'start' date.
        **extras: `extra_query=`, `extra_body=` and `extra_headers=` (mappings) add query parameters, form/JSON
            fields and headers Mailgun accepts that this method does not name yet; `extra_headers` may override a
            header.

    Returns:
        The parsed answer (StatsResult).

    Raises:
        ValidationError: An argument is invalid; raised before anything is sent.
        APIStatusError: Mailgun answered with an error status (a subclass per status).

    Example:
        ```python
        result = client.stats.filtered(["delivered", "failed"])
        print(result)
        ```
    """
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
    """Counts by email provider (deprecated).

    Args:
        domain: The domain name.
        **extras: `extra_query=`, `extra_body=` and `extra_headers=` (mappings) add query parameters, form/JSON
            fields and headers Mailgun accepts that this method does not name yet; `extra_headers` may override a
            header.

    Returns:
        The parsed answer (ProvidersAggregate).

    Raises:
        ValidationError: An argument is invalid; raised before anything is sent.
        NotFoundError: What the call names (the domain) does not exist.
        APIStatusError: Mailgun answered with an error status (a subclass per status).

    Example:
        ```python
        result = client.stats.providers(domain)
        print(result)
        ```
    """
    return _PROVIDERS.call(domain=text("domain", domain))


def devices(domain: str, **extras: Unpack[RequestExtras]) -> Call[DevicesAggregate]:
    """Counts by device type (deprecated).

    Args:
        domain: The domain name.
        **extras: `extra_query=`, `extra_body=` and `extra_headers=` (mappings) add query parameters, form/JSON
            fields and headers Mailgun accepts that this method does not name yet; `extra_headers` may override a
            header.

    Returns:
        The parsed answer (DevicesAggregate).

    Raises:
        ValidationError: An argument is invalid; raised before anything is sent.
        NotFoundError: What the call names (the domain) does not exist.
        APIStatusError: Mailgun answered with an error status (a subclass per status).

    Example:
        ```python
        result = client.stats.devices(domain)
        print(result)
        ```
    """
    return _DEVICES.call(domain=text("domain", domain))


def countries(domain: str, **extras: Unpack[RequestExtras]) -> Call[CountriesAggregate]:
    """Counts by country (deprecated).

    Args:
        domain: The domain name.
        **extras: `extra_query=`, `extra_body=` and `extra_headers=` (mappings) add query parameters, form/JSON
            fields and headers Mailgun accepts that this method does not name yet; `extra_headers` may override a
            header.

    Returns:
        The parsed answer (CountriesAggregate).

    Raises:
        ValidationError: An argument is invalid; raised before anything is sent.
        NotFoundError: What the call names (the domain) does not exist.
        APIStatusError: Mailgun answered with an error status (a subclass per status).

    Example:
        ```python
        result = client.stats.countries(domain)
        print(result)
        ```
    """
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
