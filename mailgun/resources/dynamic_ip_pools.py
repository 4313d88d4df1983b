"""Dynamic IP pools: ``client.dynamic_ip_pools.get() / enroll() / unenroll() / list_domains() / list_history() / ...``.

Domains enrolled in dynamic IP pools are moved between reputation pools (``dynamic_good``, ``dynamic_poor``,
``dynamic_new``, ...) by health checks. Several answers use Mailgun's generic envelope (``DynamicPoolsResult``:
read fields as ``result["pools"]``); those the spec describes as a bare string are returned as decoded JSON.
"""

from __future__ import annotations

import datetime as dt
import email.utils
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from .._call import Call, Operation, PagedCall, json_items, model_parser, raw_json
from .._endpoint import AsyncResource, SyncResource, async_call, async_paged, sync_call, sync_paged
from .._exceptions import ValidationError
from .._extras import RequestExtras, Unpack
from .._multipart import form_fields
from .._paging import next_url_listing
from .._validation import (
    aware_datetime,
    boolean,
    choice,
    int_range,
    ip_address,
    ip_list,
    one_of,
    opt_text,
    string_list,
    text,
)
from ..types import (
    DynamicPoolDomain,
    DynamicPoolDomainsPage,
    DynamicPoolHistoryPage,
    DynamicPoolHistoryRecord,
    DynamicPoolsResult,
    StatusMessage,
)
from .ips import SHARED

if TYPE_CHECKING:
    from ..literals import DynamicPoolSortBy, SortOrder

__all__ = ["AsyncDynamicIpPools", "DynamicIpPools"]

_GET = Operation("dynamic_ip_pools.get_dynamic_pools", model_parser(DynamicPoolsResult))
_SET_ALL = Operation("dynamic_ip_pools.post_dynamic_pools_all", raw_json)
_DELETE_ALL = Operation("dynamic_ip_pools.delete_dynamic_pools_all", model_parser(StatusMessage))
_UPDATE = Operation("dynamic_ip_pools.patch_dynamic_pools_pool_name", raw_json)
_ADD_IP = Operation("dynamic_ip_pools.post_dynamic_pools_pool_name_ip", raw_json)
_ENROLL = Operation("dynamic_ip_pools.post_domains_name_dynamic_pools", model_parser(StatusMessage))
_UNENROLL = Operation("dynamic_ip_pools.delete_domains_name_dynamic_pools", model_parser(StatusMessage))
_ENROLL_ALL = Operation("dynamic_ip_pools.post_domains_all_dynamic_pools_enroll", model_parser(StatusMessage))
_ASSIGNABLE = Operation("dynamic_ip_pools.get_domains_dynamic_pools_assignable", raw_json)
_DOMAINS = Operation("dynamic_ip_pools.get_dynamic_pools_domains", model_parser(DynamicPoolDomainsPage))
_HISTORY = Operation("dynamic_ip_pools.get_dynamic_pools_history", model_parser(DynamicPoolHistoryPage))
_DOMAIN_HISTORY = Operation(
    "dynamic_ip_pools.get_dynamic_pools_domains_name_history", model_parser(DynamicPoolHistoryRecord)
)
_PREVIEW = Operation("dynamic_ip_pools.get_dynamic_pools_domains_name_preview", model_parser(DynamicPoolsResult))
_OVERRIDE = Operation("dynamic_ip_pools.put_dynamic_pools_domains_name_override", model_parser(DynamicPoolsResult))
_REMOVE_OVERRIDE = Operation(
    "dynamic_ip_pools.delete_dynamic_pools_domains_name_override", model_parser(DynamicPoolsResult)
)


def get_pools(**extras: Unpack[RequestExtras]) -> Call[DynamicPoolsResult]:
    """The account's dynamic pools and their IPs (``result["pools"]``, ``result["good_reputation"]``, ...)."""
    return _GET.call()


def set_all_pools(
    *,
    good_reputation: str | Iterable[str],
    poor_reputation: str | Iterable[str],
    new_senders: str | Iterable[str],
    **extras: Unpack[RequestExtras],
) -> Call[Any]:
    """Set the IPs of every dynamic pool at once (replacing the current ones); dedicated IPs of the account."""
    from mailgun_openapi.models.post_dynamic_pools_all_request import PostDynamicPoolsAllRequest

    pools = {
        "good_reputation": ip_list("good_reputation", good_reputation),
        "poor_reputation": ip_list("poor_reputation", poor_reputation),
        "new_senders": ip_list("new_senders", new_senders),
    }
    firsts = {key: (values or [""])[0] for key, values in pools.items()}
    body = PostDynamicPoolsAllRequest(**firsts)
    return _SET_ALL.call(body=body).with_overrides(files=form_fields(body, **pools))


def delete_all_pools(**extras: Unpack[RequestExtras]) -> Call[StatusMessage]:
    """Remove every dynamic pool (all domains must have left them first)."""
    return _DELETE_ALL.call()


def update_pool(
    pool_name: str,
    *,
    add_ips: str | Iterable[str] | None = None,
    remove_ips: str | Iterable[str] | None = None,
    **extras: Unpack[RequestExtras],
) -> Call[Any]:
    """Add and/or remove IPs of one dynamic pool (a pool keeps at least one IP that is not warming up)."""
    from mailgun_openapi.models.patch_dynamic_pools_pool_name_request import PatchDynamicPoolsPoolNameRequest

    added = ip_list("add_ips", add_ips)
    removed = ip_list("remove_ips", remove_ips)
    if added is None and removed is None:
        raise ValidationError("add_ips", "nothing to update: give add_ips and/or remove_ips")
    # The spec marks both fields required; the API adds and/or removes. The body model only carries them.
    body = PatchDynamicPoolsPoolNameRequest(add_ip="", remove_ip="")
    call = _UPDATE.call(pool_name=text("pool_name", pool_name), body=body)
    return call.with_overrides(files=form_fields(body, add_ip=added or [], remove_ip=removed or []))


def add_pool_ip(pool_name: str, ip: str, **extras: Unpack[RequestExtras]) -> Call[Any]:
    """Add a dedicated IP of the account to one dynamic pool."""
    return _ADD_IP.call(pool_name=text("pool_name", pool_name), ip=ip_address("ip", ip))


def enroll_domain(domain: str, *, replacement_ip: str, **extras: Unpack[RequestExtras]) -> Call[StatusMessage]:
    """Enroll a domain in dynamic IP pools; ``replacement_ip`` is an address or ``"shared"``."""
    return _ENROLL.call(
        name=text("domain", domain), replacement_ip=ip_address("replacement_ip", replacement_ip, specials=SHARED)
    )


def unenroll_domain(
    domain: str,
    *,
    replacement_ip: str | Iterable[str] | None = None,
    replacement_pool_id: str | None = None,
    **extras: Unpack[RequestExtras],
) -> Call[StatusMessage]:
    """Take a domain out of dynamic IP pools: it gets ``replacement_ip`` (addresses, or ``"shared"``) or the
    DIPP ``replacement_pool_id`` (exactly one of them)."""
    from mailgun_openapi.types import UNSET

    one_of(replacement_ip=replacement_ip, replacement_pool_id=replacement_pool_id)
    if replacement_ip is None and replacement_pool_id is None:
        raise ValidationError("replacement_ip", "give replacement_ip or replacement_pool_id")
    ips = ip_list("replacement_ip", replacement_ip, specials=SHARED)
    pool = opt_text("replacement_pool_id", replacement_pool_id)
    # Exactly one of the two (checked here: the spec cannot say so); a list repeats `replacement_ip`.
    return _UNENROLL.call(
        name=text("domain", domain),
        replacement_ip=UNSET if ips is None else ips,
        replacement_pool_id=UNSET if pool is None else pool,
    )


def enroll_all_domains(*, include_subaccounts: bool = False, **extras: Unpack[RequestExtras]) -> Call[StatusMessage]:
    """Enroll every domain of the account (and of its subaccounts) in dynamic IP pools (a background job)."""
    return _ENROLL_ALL.call(include_subaccounts=boolean("include_subaccounts", include_subaccounts))


def list_assignable_domains(
    *,
    subaccount_id: str | None = None,
    domain: str | None = None,
    **extras: Unpack[RequestExtras],
) -> PagedCall[dict[str, Any]]:
    """Iterate over the domains not yet enrolled (``id``, ``name``, ``account_id``); ``domain`` is a regex."""
    first = _ASSIGNABLE.call(subaccount_id=opt_text("subaccount_id", subaccount_id), domain=opt_text("domain", domain))
    return next_url_listing(first, json_items("items"))


def _domain_items(page: DynamicPoolDomainsPage) -> list[DynamicPoolDomain]:
    return page.items or []


def list_enrolled_domains(
    *,
    accounts: str | Iterable[str] | None = None,
    pools: str | Iterable[str] | None = None,
    sort_by: DynamicPoolSortBy | None = None,
    sort_order: SortOrder | None = None,
    limit: int = 100,
    **extras: Unpack[RequestExtras],
) -> PagedCall[DynamicPoolDomain]:
    """Iterate over the domains enrolled in dynamic pools, across the account and its subaccounts."""
    first = _DOMAINS.call(
        account=string_list("accounts", accounts),
        pool=string_list("pools", pools),
        sort_by=choice("sort_by", sort_by),
        sort_order=choice("sort_order", sort_order),
        limit=int_range("limit", limit, 1, 100),
    )
    return next_url_listing(first, _domain_items)


def _history_items(page: DynamicPoolHistoryPage) -> list[DynamicPoolHistoryRecord]:
    return page.items or []


def _utc_date(name: str, value: dt.datetime | None) -> str | None:
    """'Mon, 02 Jan 2006 15:04:05 UTC', the format these filters take."""
    when = aware_datetime(name, value)
    if when is None:
        return None
    return email.utils.format_datetime(when.astimezone(dt.timezone.utc), usegmt=True).replace(" GMT", " UTC")


def list_history(
    *,
    domain: str | None = None,
    before: dt.datetime | None = None,
    after: dt.datetime | None = None,
    moved_to: str | None = None,
    moved_from: str | None = None,
    include_subaccounts: bool | None = None,
    limit: int = 100,
    **extras: Unpack[RequestExtras],
) -> PagedCall[DynamicPoolHistoryRecord]:
    """Iterate over pool moves of the account's domains (filter by domain, time, and pool moved to/from)."""
    first = _HISTORY.call(
        domain=opt_text("domain", domain),
        before=_utc_date("before", before),
        after=_utc_date("after", after),
        moved_to=opt_text("moved_to", moved_to),
        moved_from=opt_text("moved_from", moved_from),
        include_subaccounts=boolean("include_subaccounts", include_subaccounts),
        limit=int_range("limit", limit, 1, 100),
    )
    return next_url_listing(first, _history_items)


def domain_history(domain: str, **extras: Unpack[RequestExtras]) -> Call[DynamicPoolHistoryRecord]:
    """A domain's pool history."""
    return _DOMAIN_HISTORY.call(name=text("domain", domain))


def preview_domain(domain: str, **extras: Unpack[RequestExtras]) -> Call[DynamicPoolsResult]:
    """Which pool a health check would place the domain in (``result["pool"]``, ``result["results"]``);
    enrolls nothing."""
    return _PREVIEW.call(name=text("domain", domain))


def override_domain(domain: str, *, pool: str, **extras: Unpack[RequestExtras]) -> Call[DynamicPoolsResult]:
    """Pin a domain to one dynamic pool (health checks leave it there until ``remove_override``)."""
    from mailgun_openapi.models.put_dynamic_pools_domains_name_override_request import (
        PutDynamicPoolsDomainsNameOverrideRequest,
    )

    body = PutDynamicPoolsDomainsNameOverrideRequest(pool=text("pool", pool))
    return _OVERRIDE.call(name=text("domain", domain), body=body)


def remove_domain_override(domain: str, **extras: Unpack[RequestExtras]) -> Call[DynamicPoolsResult]:
    """Let health checks manage the domain's pool again."""
    return _REMOVE_OVERRIDE.call(name=text("domain", domain))


class DynamicIpPools(SyncResource):
    get = sync_call(get_pools)
    set_all = sync_call(set_all_pools)
    delete_all = sync_call(delete_all_pools)
    update = sync_call(update_pool)
    add_ip = sync_call(add_pool_ip)
    enroll = sync_call(enroll_domain)
    unenroll = sync_call(unenroll_domain)
    enroll_all = sync_call(enroll_all_domains)
    list_assignable = sync_paged(list_assignable_domains)
    list_domains = sync_paged(list_enrolled_domains)
    list_history = sync_paged(list_history)
    domain_history = sync_call(domain_history)
    preview = sync_call(preview_domain)
    override = sync_call(override_domain)
    remove_override = sync_call(remove_domain_override)


class AsyncDynamicIpPools(AsyncResource):
    get = async_call(get_pools)
    set_all = async_call(set_all_pools)
    delete_all = async_call(delete_all_pools)
    update = async_call(update_pool)
    add_ip = async_call(add_pool_ip)
    enroll = async_call(enroll_domain)
    unenroll = async_call(unenroll_domain)
    enroll_all = async_call(enroll_all_domains)
    list_assignable = async_paged(list_assignable_domains)
    list_domains = async_paged(list_enrolled_domains)
    list_history = async_paged(list_history)
    domain_history = async_call(domain_history)
    preview = async_call(preview_domain)
    override = async_call(override_domain)
    remove_override = async_call(remove_domain_override)
