"""Bounce classification: ``client.bounce_classification.metrics(...)`` (v2), and the deprecated v1 reports
(``stats() / list_domains() / domain_entities() / entity_rules() / events() / entities() / rules()``), which
warn and name their successor."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from .._call import Call, Operation, PagedCall, model_parser, raw_json
from .._endpoint import AsyncResource, SyncResource, async_call, async_paged, sync_call, sync_paged
from .._exceptions import ValidationError
from .._extras import RequestExtras, Unpack
from .._paging import body_skip_listing, skip_limit_listing
from .._retry import RequestKind
from .._validation import aware_datetime, boolean, choice, filter_group, given, int_range, opt_text, string_list, text
from ..types import (
    BounceDomainStat,
    BounceDomainStatsPage,
    BounceEntities,
    BounceEntityStats,
    BounceMetricsItem,
    BounceMetricsPage,
    BounceRules,
    BounceRuleStats,
    BounceStats,
)

if TYPE_CHECKING:
    from ..literals import BounceDimension, BounceResolution

__all__ = ["AsyncBounceClassification", "BounceClassification"]

_METRICS = Operation(
    "bounce_classification.post_bounce_classification_metrics",
    model_parser(BounceMetricsPage),
    kind=RequestKind.READ_POST,
)
_STATS = Operation("bounce_classification.get_bounce_classification_stats", model_parser(BounceStats))
_DOMAINS = Operation("bounce_classification.get_bounce_classification_domains", model_parser(BounceDomainStatsPage))
_DOMAIN_ENTITIES = Operation(
    "bounce_classification.get_bounce_classification_domains_domain_entities", model_parser(BounceEntityStats)
)
_ENTITY_RULES = Operation(
    "bounce_classification.get_bounce_classification_domains_domain_entities_entity_id_rules",
    model_parser(BounceRuleStats),
)
# The spec describes no 2xx body for the bounce logs (only 403 and 410): returned as decoded JSON.
_EVENTS = Operation("bounce_classification.get_bounce_classification_domains_domain_events", raw_json)
_ENTITIES = Operation("bounce_classification.get_bounce_classification_config_entities", model_parser(BounceEntities))
_RULES = Operation("bounce_classification.get_bounce_classification_config_rules", model_parser(BounceRules))

MAX_METRICS_PAGE = 50


def _filter(value: Mapping[str, Any] | None) -> Any:
    """Mailgun's predicate group, checked: ``{"AND": [{"attribute": "domain.name", "comparator": "=",
    "values": [{"value": "example.com"}]}]}`` (a value's ``label`` is optional; the attributes are
    mailgun.literals.BounceFilterAttribute)."""
    from mailgun_openapi.models.bounce_filter_predicate_group import BounceFilterPredicateGroup

    return filter_group("filter", value, BounceFilterPredicateGroup.from_dict, label_required=False)


def _metrics_items(page: BounceMetricsPage) -> list[BounceMetricsItem]:
    return [item for item in page.items or [] if item is not None]


def list_metrics(
    *,
    start: dt.datetime | None = None,
    end: dt.datetime | None = None,
    resolution: BounceResolution | None = None,
    duration: str | None = None,
    dimensions: BounceDimension | Iterable[BounceDimension] | None = None,
    metrics: str | Iterable[str] | None = None,
    filter: Mapping[str, Any] | None = None,
    include_subaccounts: bool | None = None,
    sort: str | None = None,
    limit: int = 10,
    **extras: Unpack[RequestExtras],
) -> PagedCall[BounceMetricsItem]:
    """Iterate over bounce and delay metrics (``critical_bounce_count``, ``non_critical_delay_rate``...) grouped
    by ``dimensions`` ("entity-name", "domain.name", ...), between ``start`` and ``end`` (aware datetimes) or over
    ``duration`` ("24h"); ``sort`` is e.g. "entity-name:asc". Up to 50 items per page."""
    from mailgun_openapi.models.metrics_request import MetricsRequest
    from mailgun_openapi.models.pagination_req import PaginationReq

    start, end = aware_datetime("start", start), aware_datetime("end", end)
    if start is not None and end is not None and end < start:
        raise ValidationError("end", "must not be before start")
    dims = string_list("dimensions", dimensions)
    page_size = int_range("limit", limit, 1, MAX_METRICS_PAGE) or 10
    body = MetricsRequest(
        pagination=PaginationReq(**given(limit=page_size, skip=0, sort=opt_text("sort", sort))),
        **given(
            start=start,
            end=end,
            resolution=choice("resolution", resolution),
            duration=opt_text("duration", duration),
            dimensions=dims,
            metrics=string_list("metrics", metrics),
            filter_=_filter(filter),
            include_subaccounts=boolean("include_subaccounts", include_subaccounts),
        ),
    )
    first = _METRICS.call(body=body)
    return body_skip_listing(first, _metrics_items, limit=page_size, with_skip=_with_skip)


def _with_skip(call: Call[Any], skip: int) -> Call[Any]:
    import attrs

    body = call.kwargs["body"]
    evolved = attrs.evolve(body, pagination=attrs.evolve(body.pagination, skip=skip))
    evolved.additional_properties = dict(body.additional_properties)  # attrs.evolve drops init=False fields
    return call.with_kwargs(body=evolved)


def get_stats(
    *,
    group: str | None = None,
    include_subaccounts: bool | None = None,
    limit: int | None = None,
    **extras: Unpack[RequestExtras],
) -> Call[BounceStats]:
    """Bounce totals ordered by count, grouped by ``group`` ("subaccount.id", "domain.name", "entity-id",
    "rule-id"). Deprecated: use ``metrics()``."""
    return _STATS.call(
        group=opt_text("group", group),
        include_subaccounts=boolean("include_subaccounts", include_subaccounts),
        limit=int_range("limit", limit, 1),
    )


def _domain_items(page: BounceDomainStatsPage) -> list[BounceDomainStat]:
    return [item for item in page.items or [] if item is not None]


def list_domains(
    *,
    query: str | None = None,
    include_subaccounts: bool | None = None,
    limit: int = 100,
    **extras: Unpack[RequestExtras],
) -> PagedCall[BounceDomainStat]:
    """Iterate over bounce totals per sending domain; ``query`` filters, e.g. "domain.name:example.com".
    Deprecated: use ``metrics(dimensions=["domain.name"])``."""
    first = _DOMAINS.call(
        query=opt_text("query", query),
        include_subaccounts=boolean("include_subaccounts", include_subaccounts),
        limit=int_range("limit", limit, 1),
        skip=0,
    )
    return skip_limit_listing(first, _domain_items, limit=limit)


def domain_entities(
    domain: str, *, include_subaccounts: bool | None = None, **extras: Unpack[RequestExtras]
) -> Call[BounceEntityStats]:
    """Bounce totals of one sending domain per entity (mailbox provider or blocklist).
    Deprecated: use ``metrics()``."""
    return _DOMAIN_ENTITIES.call(
        domain=text("domain", domain), include_subaccounts=boolean("include_subaccounts", include_subaccounts)
    )


def entity_rules(
    domain: str, entity_id: str, *, include_subaccounts: bool | None = None, **extras: Unpack[RequestExtras]
) -> Call[BounceRuleStats]:
    """Bounce totals of one domain and entity per classification rule. Deprecated: use ``metrics()``."""
    return _ENTITY_RULES.call(
        domain=text("domain", domain),
        entity_id=text("entity_id", entity_id),
        include_subaccounts=boolean("include_subaccounts", include_subaccounts),
    )


def bounce_events(
    domain: str,
    *,
    rule_id: str | None = None,
    entity_id: str | None = None,
    sort: str | None = None,
    page: str | None = None,
    limit: int | None = None,
    **extras: Unpack[RequestExtras],
) -> Call[Any]:
    """Bounce logs of a domain, as decoded JSON (the spec describes no answer; Mailgun may answer 410 Gone).
    ``page`` is the encoded cursor of a previous answer's links. Deprecated: use ``client.logs.list()``."""
    return _EVENTS.call(
        domain=text("domain", domain),
        rule_id=opt_text("rule_id", rule_id),
        entity_id=opt_text("entity_id", entity_id),
        sort=opt_text("sort", sort),
        page=opt_text("page", page),
        limit=int_range("limit", limit, 1),
    )


def config_entities(**extras: Unpack[RequestExtras]) -> Call[BounceEntities]:
    """The entities (mailbox providers, blocklists) bounces are classified by. Deprecated."""
    return _ENTITIES.call()


def config_rules(**extras: Unpack[RequestExtras]) -> Call[BounceRules]:
    """The classification rules. Deprecated."""
    return _RULES.call()


class BounceClassification(SyncResource):
    metrics = sync_paged(list_metrics)
    stats = sync_call(get_stats, deprecated=True)
    list_domains = sync_paged(list_domains, deprecated=True)
    domain_entities = sync_call(domain_entities, deprecated=True)
    entity_rules = sync_call(entity_rules, deprecated=True)
    events = sync_call(bounce_events, deprecated=True)
    entities = sync_call(config_entities, deprecated=True)
    rules = sync_call(config_rules, deprecated=True)


class AsyncBounceClassification(AsyncResource):
    metrics = async_paged(list_metrics)
    stats = async_call(get_stats, deprecated=True)
    list_domains = async_paged(list_domains, deprecated=True)
    domain_entities = async_call(domain_entities, deprecated=True)
    entity_rules = async_call(entity_rules, deprecated=True)
    events = async_call(bounce_events, deprecated=True)
    entities = async_call(config_entities, deprecated=True)
    rules = async_call(config_rules, deprecated=True)
