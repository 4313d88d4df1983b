"""Tags v3 (deprecated in favour of the new Tags API, ``client.tags``). Every call warns."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from .._call import Call, Operation, PagedCall, model_parser, raw_json
from .._endpoint import AsyncResource, SyncResource, async_call, async_paged, sync_call, sync_paged
from .._extras import RequestExtras, Unpack
from .._paging import next_url_listing
from .._validation import choice, comma_list, int_range, opt_text, rfc2822, text
from ..types import LegacyTag, LegacyTagLimits, LegacyTagsPage, StatsResult, StatTypes, StatusMessage, TagAggregates

if TYPE_CHECKING:
    from ..literals import Resolution, TagAggregateType

__all__ = ["AsyncTagsV3", "TagsV3"]

_LIST = Operation("tags.get_domain_tags", model_parser(LegacyTagsPage))
_GET = Operation("tags.get_domain_tag", model_parser(LegacyTag))
_UPDATE = Operation("tags.put_domain_tag", model_parser(StatusMessage))
_DELETE = Operation("tags.delete_domain_tag", model_parser(StatusMessage))
_STATS = Operation("tags.get_domain_tag_stats", model_parser(StatsResult))
_AGGREGATES = Operation("tags.get_domain_tag_stats_aggregates", model_parser(TagAggregates))
_COUNTRIES = Operation("tags.get_domains_domain_tag_countries", raw_json)
_DEVICES = Operation("tags.get_domains_domain_tag_devices", model_parser(StatTypes))
_PROVIDERS = Operation("tags.get_domains_domain_tag_providers", model_parser(StatTypes))
_LIMITS = Operation("tags.get_domains_domain_limits_tag", model_parser(LegacyTagLimits))


def _items(page: LegacyTagsPage) -> list[LegacyTag]:
    return page.items or []


def list_tags(
    domain: str, *, prefix: str | None = None, limit: int = 100, **extras: Unpack[RequestExtras]
) -> PagedCall[LegacyTag]:
    """Iterate over a domain's tags (deprecated: use ``client.tags.list()``)."""
    first = _LIST.call(
        domain=text("domain", domain),
        prefix=opt_text("prefix", prefix),
        limit=int_range("limit", limit, 1, 1000),
    )
    return next_url_listing(first, _items)


def get_tag(domain: str, tag: str, **extras: Unpack[RequestExtras]) -> Call[LegacyTag]:
    """One tag (deprecated)."""
    return _GET.call(domain=text("domain", domain), tag=text("tag", tag))


def update_tag(domain: str, tag: str, *, description: str, **extras: Unpack[RequestExtras]) -> Call[StatusMessage]:
    """Set a tag's description (deprecated: use ``client.tags.update()``)."""
    return _UPDATE.call(
        domain=text("domain", domain),
        tag=text("tag", tag),
        description=text("description", description),
    )


def delete_tag(domain: str, tag: str, **extras: Unpack[RequestExtras]) -> Call[StatusMessage]:
    """Delete a tag (deprecated: use ``client.tags.delete()``)."""
    return _DELETE.call(domain=text("domain", domain), tag=text("tag", tag))


def tag_stats(
    domain: str,
    tag: str,
    event: str | Iterable[str],
    *,
    start: dt.datetime | None = None,
    end: dt.datetime | None = None,
    resolution: Resolution | None = None,
    duration: str | None = None,
    provider: str | None = None,
    device: str | None = None,
    country: str | None = None,
    **extras: Unpack[RequestExtras],
) -> Call[StatsResult]:
    """A tag's statistics (deprecated: use ``client.metrics.query()`` with a tag filter)."""
    return _STATS.call(
        domain=text("domain", domain),
        tag=text("tag", tag),
        event=comma_list("event", event),
        start=rfc2822("start", start),
        end=rfc2822("end", end),
        resolution=choice("resolution", resolution),
        duration=opt_text("duration", duration),
        provider=opt_text("provider", provider),
        device=opt_text("device", device),
        country=opt_text("country", country),
    )


def tag_aggregates(
    domain: str, tag: str, type: TagAggregateType, **extras: Unpack[RequestExtras]
) -> Call[TagAggregates]:
    """A tag's counts by countries, devices or providers (deprecated)."""
    return _AGGREGATES.call(
        domain=text("domain", domain),
        tag=text("tag", tag),
        type_=text("type", type),
    )


def countries(domain: str, **extras: Unpack[RequestExtras]) -> Call[object]:
    """Tag counts by country (deprecated; the spec does not describe the answer: returned as decoded JSON)."""
    return _COUNTRIES.call(domain=text("domain", domain))


def devices(domain: str, **extras: Unpack[RequestExtras]) -> Call[StatTypes]:
    """Tag counts by device (deprecated)."""
    return _DEVICES.call(domain=text("domain", domain))


def providers(domain: str, **extras: Unpack[RequestExtras]) -> Call[StatTypes]:
    """Tag counts by provider (deprecated)."""
    return _PROVIDERS.call(domain=text("domain", domain))


def limits(domain: str, **extras: Unpack[RequestExtras]) -> Call[LegacyTagLimits]:
    """A domain's tag limits (deprecated: use ``client.tags.limits()``)."""
    return _LIMITS.call(domain=text("domain", domain))


class TagsV3(SyncResource):
    list = sync_paged(list_tags, deprecated=True)
    get = sync_call(get_tag, deprecated=True)
    update = sync_call(update_tag, deprecated=True)
    delete = sync_call(delete_tag, deprecated=True)
    stats = sync_call(tag_stats, deprecated=True)
    aggregates = sync_call(tag_aggregates, deprecated=True)
    countries = sync_call(countries, deprecated=True)
    devices = sync_call(devices, deprecated=True)
    providers = sync_call(providers, deprecated=True)
    limits = sync_call(limits, deprecated=True)


class AsyncTagsV3(AsyncResource):
    list = async_paged(list_tags, deprecated=True)
    get = async_call(get_tag, deprecated=True)
    update = async_call(update_tag, deprecated=True)
    delete = async_call(delete_tag, deprecated=True)
    stats = async_call(tag_stats, deprecated=True)
    aggregates = async_call(tag_aggregates, deprecated=True)
    countries = async_call(countries, deprecated=True)
    devices = async_call(devices, deprecated=True)
    providers = async_call(providers, deprecated=True)
    limits = async_call(limits, deprecated=True)
