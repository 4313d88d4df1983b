"""Account IPs: ``client.ips.list() / get() / list_domains() / assign_to_all_domains() / remove_from_domain() / ...``.

Mailgun's spec describes most answers of this group as a bare JSON string (`$ref: string`) although they are
objects: those calls return the decoded JSON (``dict``) as it came. The helpers at the top (IP checks, multipart
forms with repeated fields) are shared by the IP pool, dynamic pool and warmup groups.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .._call import Call, Operation, PagedCall, model_parser, raw_json
from .._endpoint import AsyncResource, SyncResource, async_call, async_paged, sync_call, sync_paged
from .._extras import RequestExtras, Unpack
from .._paging import next_url_listing, skip_limit_listing
from .._validation import boolean, int_range, ip_address, one_of, opt_ip_address, opt_text, text
from ..types import IpDomain, IpDomainsPage, StartedJob, StatusMessage

__all__ = ["AsyncIps", "Ips"]

_LIST = Operation("ips.get_ips", raw_json)
_GET = Operation("ips.get_ips_ip", raw_json)
_DOMAINS = Operation("ips.get_ips_ip_domains", model_parser(IpDomainsPage))
_ASSIGN_ALL = Operation("ips.post_ips_ip_domains", model_parser(StartedJob))
_REMOVE_ALL = Operation("ips.delete_ips_ip_domains", model_parser(StartedJob))
_REMOVE_FROM_DOMAIN = Operation("ips.delete_domains_name_ips_ip", model_parser(StatusMessage))
_REMOVE_FROM_DOMAIN_POOL = Operation("ips.delete_domains_name_pool_ip", model_parser(StatusMessage))
_REQUEST_NEW = Operation("ips.post_ips_request_new", raw_json)
_ALLOWANCE = Operation("ips.get_ips_request_new", raw_json)
_SET_BAND = Operation("ips.post_ips_addr_ip_band", raw_json)

# `ip` path values of DELETE /v3/domains/{name}/ips/{ip} besides an address: the whole domain pool, or its DIPP.
DOMAIN_IP_SPECIALS = ("all", "ip_pool")
SHARED = ("shared",)

FormFields = list[tuple[str, tuple[None, bytes, str]]]


def _ip_strings(raw: Any) -> list[str]:
    found = raw.get("items") if isinstance(raw, Mapping) else None
    return [item for item in found if isinstance(item, str)] if isinstance(found, list) else []


# ------------------------------------------------------------------------------------------------- operations
def list_ips(
    *, dedicated: bool | None = None, enabled: bool | None = None, **extras: Unpack[RequestExtras]
) -> PagedCall[str]:
    """Iterate over the account's IP addresses (one page; ``iter_pages()`` also gives ``details``)."""
    first = _LIST.call(dedicated=boolean("dedicated", dedicated), enabled=boolean("enabled", enabled))
    return next_url_listing(first, _ip_strings)


def get_ip(ip: str, **extras: Unpack[RequestExtras]) -> Call[Any]:
    """One account IP (``ip``, ``dedicated``, ``rdns``) as decoded JSON (the spec does not describe it)."""
    return _GET.call(ip=ip_address("ip", ip))


def _domain_items(page: IpDomainsPage) -> list[IpDomain]:
    return page.items or []


def list_ip_domains(
    ip: str, *, search: str | None = None, limit: int = 100, **extras: Unpack[RequestExtras]
) -> PagedCall[IpDomain]:
    """Iterate over the account's domains that send from ``ip``; ``search`` matches words of their names."""
    page_size = int_range("limit", limit, 1, 1000) or 100
    first = _DOMAINS.call(ip=ip_address("ip", ip), search=opt_text("search", search), limit=page_size, skip=0)
    return skip_limit_listing(first, _domain_items, limit=page_size)


def assign_to_all_domains(ip: str, **extras: Unpack[RequestExtras]) -> Call[StartedJob]:
    """Add ``ip`` to every domain of the account (a background job)."""
    return _ASSIGN_ALL.call(ip=ip_address("ip", ip))


def remove_from_all_domains(
    ip: str, *, alternative: str | None = None, **extras: Unpack[RequestExtras]
) -> Call[StartedJob]:
    """Remove ``ip`` from every domain of the account, replaced by ``alternative`` when given (a background job)."""
    from mailgun_openapi.types import UNSET

    # The spec marks `alternative` required; its description (and the API) treat it as optional.
    replacement = opt_ip_address("alternative", alternative)
    return _REMOVE_ALL.call(ip=ip_address("ip", ip), alternative=UNSET if replacement is None else replacement)


def _remove_args(domain: str, ip: str, replacement_ip: str | None, replacement_pool_id: str | None) -> dict[str, Any]:
    one_of(replacement_ip=replacement_ip, replacement_pool_id=replacement_pool_id)
    return {
        "name": text("domain", domain),
        "ip_path": ip_address("ip", ip, specials=DOMAIN_IP_SPECIALS),
        "ip_query": opt_ip_address("replacement_ip", replacement_ip, specials=SHARED),
        "pool_id": opt_text("replacement_pool_id", replacement_pool_id),
    }


def remove_from_domain(
    domain: str,
    ip: str,
    *,
    replacement_ip: str | None = None,
    replacement_pool_id: str | None = None,
    **extras: Unpack[RequestExtras],
) -> Call[StatusMessage]:
    """Remove an IP from a domain; ``ip="ip_pool"`` unlinks the domain's DIPP and ``ip="all"`` drops its pool.

    ``replacement_ip`` (an address or ``"shared"``) or ``replacement_pool_id`` (a DIPP) takes its place."""
    return _REMOVE_FROM_DOMAIN.call(**_remove_args(domain, ip, replacement_ip, replacement_pool_id))


def remove_from_domain_pool(
    domain: str,
    ip: str,
    *,
    replacement_ip: str | None = None,
    replacement_pool_id: str | None = None,
    **extras: Unpack[RequestExtras],
) -> Call[StatusMessage]:
    """The same as ``remove_from_domain`` through ``/v3/domains/{name}/pool/{ip}``."""
    return _REMOVE_FROM_DOMAIN_POOL.call(**_remove_args(domain, ip, replacement_ip, replacement_pool_id))


def request_dedicated_ip(**extras: Unpack[RequestExtras]) -> Call[Any]:
    """Add a new dedicated IP to the account (if the billing plan allows), as decoded JSON."""
    return _REQUEST_NEW.call()


def ip_allowance(**extras: Unpack[RequestExtras]) -> Call[Any]:
    """How many IPs the billing plan allows (``{"allowed": {"dedicated": n, ...}}``; kept for compatibility)."""
    return _ALLOWANCE.call()


def set_ip_band(ip: str, *, band: str, **extras: Unpack[RequestExtras]) -> Call[Any]:
    """Place a dedicated IP into a dedicated IP band (the account needs the feature), as decoded JSON."""
    from mailgun_openapi.models.post_ips_addr_ip_band_request import PostIpsAddrIpBandRequest

    return _SET_BAND.call(addr=ip_address("ip", ip), body=PostIpsAddrIpBandRequest(ip_band=text("band", band)))


class Ips(SyncResource):
    list = sync_paged(list_ips)
    get = sync_call(get_ip)
    list_domains = sync_paged(list_ip_domains)
    assign_to_all_domains = sync_call(assign_to_all_domains)
    remove_from_all_domains = sync_call(remove_from_all_domains)
    remove_from_domain = sync_call(remove_from_domain)
    remove_from_domain_pool = sync_call(remove_from_domain_pool)
    request_dedicated = sync_call(request_dedicated_ip)
    allowance = sync_call(ip_allowance)
    set_band = sync_call(set_ip_band)


class AsyncIps(AsyncResource):
    list = async_paged(list_ips)
    get = async_call(get_ip)
    list_domains = async_paged(list_ip_domains)
    assign_to_all_domains = async_call(assign_to_all_domains)
    remove_from_all_domains = async_call(remove_from_all_domains)
    remove_from_domain = async_call(remove_from_domain)
    remove_from_domain_pool = async_call(remove_from_domain_pool)
    request_dedicated = async_call(request_dedicated_ip)
    allowance = async_call(ip_allowance)
    set_band = async_call(set_ip_band)
