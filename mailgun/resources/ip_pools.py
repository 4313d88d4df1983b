"""Dedicated IP pools (DIPPs): ``client.ip_pools.list() / get() / create() / update() / delete() / add_ip() / ...``.

The account needs the DIPPs feature. Mailgun's spec describes every answer of this group as a bare JSON string
(`$ref: string`) although they are objects: they are returned as the decoded JSON (``dict``) as it came.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .._call import Call, Operation, PagedCall, json_items, raw_json
from .._endpoint import AsyncResource, SyncResource, async_call, async_paged, sync_call, sync_paged
from .._exceptions import ValidationError
from .._extras import RequestExtras, Unpack
from .._multipart import form_fields
from .._paging import next_url_listing
from .._validation import given, int_range, ip_address, ip_list, one_of, opt_ip_address, opt_text, string_list, text
from .ips import SHARED

__all__ = ["AsyncIpPools", "IpPools"]

_LIST = Operation("ip_pools.get_ip_pools", raw_json)
_GET = Operation("ip_pools.get_ip_pools_pool_id", raw_json)
_CREATE = Operation("ip_pools.post_ip_pools", raw_json)
_UPDATE = Operation("ip_pools.patch_ip_pools_pool_id", raw_json)
_DELETE = Operation("ip_pools.delete_ip_pools_pool_id", raw_json)
_ADD_IP = Operation("ip_pools.put_ip_pools_pool_id_ips_ip", raw_json)
_ADD_IPS = Operation("ip_pools.post_ip_pools_pool_id_ips_json", raw_json)
_REMOVE_IP = Operation("ip_pools.delete_ip_pools_pool_id_ips_ip", raw_json)
_DOMAINS = Operation("ip_pools.get_ip_pools_pool_id_domains", raw_json)


def list_pools(**extras: Unpack[RequestExtras]) -> PagedCall[dict[str, Any]]:
    """Iterate over the account's DIPPs (``pool_id``, ``name``, ``description``, ``ips``, ``is_linked``, ...)."""
    return next_url_listing(_LIST.call(), json_items("ip_pools"))


def get_pool(pool_id: str, **extras: Unpack[RequestExtras]) -> Call[Any]:
    """One DIPP (``{"details": {...}, "message": ...}``, with ``linked_domains`` when it is linked)."""
    return _GET.call(pool_id=text("pool_id", pool_id))


def create_pool(
    name: str, *, description: str, ips: str | Iterable[str] | None = None, **extras: Unpack[RequestExtras]
) -> Call[Any]:
    """Create a DIPP, optionally with dedicated IPs; the answer holds the new ``pool_id``."""
    from mailgun_openapi.models.post_ip_pools_request import PostIpPoolsRequest

    addresses = ip_list("ips", ips)
    body = PostIpPoolsRequest(name=text("name", name), description=text("description", description))
    return _CREATE.call(body=body).with_overrides(files=form_fields(body, ip=addresses))


def update_pool(
    pool_id: str,
    *,
    name: str | None = None,
    description: str | None = None,
    add_ips: str | Iterable[str] | None = None,
    remove_ips: str | Iterable[str] | None = None,
    link_domains: str | Iterable[str] | None = None,
    unlink_domains: str | Iterable[str] | None = None,
    **extras: Unpack[RequestExtras],
) -> Call[Any]:
    """Rename a DIPP, change its IPs, or link and unlink domains (by domain id); only what is given is sent."""
    from mailgun_openapi.models.patch_ip_pools_pool_id_request import PatchIpPoolsPoolIdRequest

    repeated = {
        "add_ip": ip_list("add_ips", add_ips),
        "remove_ip": ip_list("remove_ips", remove_ips),
        "link_domain": string_list("link_domains", link_domains),
        "unlink_domain": string_list("unlink_domains", unlink_domains),
    }
    fields = given(name=opt_text("name", name), description=opt_text("description", description))
    if not fields and all(values is None for values in repeated.values()):
        raise ValidationError("name", "nothing to update: give a name, a description, IPs or domains")
    body = PatchIpPoolsPoolIdRequest(**fields)
    call = _UPDATE.call(pool_id=text("pool_id", pool_id), body=body)
    return call.with_overrides(files=form_fields(body, **repeated))


def delete_pool(
    pool_id: str,
    *,
    replacement_ip: str | None = None,
    replacement_pool_id: str | None = None,
    **extras: Unpack[RequestExtras],
) -> Call[Any]:
    """Delete a DIPP; its domains move to ``replacement_pool_id`` or get ``replacement_ip`` (an address or
    ``"shared"``). Neither is needed only for a pool without IPs."""
    from mailgun_openapi.types import UNSET

    # One of the two query parameters, or none (for a pool without IPs); the spec cannot say "not both".
    one_of(replacement_ip=replacement_ip, replacement_pool_id=replacement_pool_id)
    ip = opt_ip_address("replacement_ip", replacement_ip, specials=SHARED)
    pool = opt_text("replacement_pool_id", replacement_pool_id)
    return _DELETE.call(
        pool_id_path=text("pool_id", pool_id),
        ip=UNSET if ip is None else ip,
        pool_id_query=UNSET if pool is None else pool,
    )


def add_ip(pool_id: str, ip: str, **extras: Unpack[RequestExtras]) -> Call[Any]:
    """Add one dedicated IP to a DIPP (its linked domains are updated in the background)."""
    return _ADD_IP.call(pool_id=text("pool_id", pool_id), ip=ip_address("ip", ip))


def add_ips(pool_id: str, ips: str | Iterable[str], **extras: Unpack[RequestExtras]) -> Call[Any]:
    """Add several dedicated IPs to a DIPP at once."""
    from mailgun_openapi.models.post_ip_pools_pool_id_ips_json_request import PostIpPoolsPoolIdIpsJsonRequest

    addresses = ip_list("ips", ips) or []
    return _ADD_IPS.call(pool_id=text("pool_id", pool_id), body=PostIpPoolsPoolIdIpsJsonRequest(ips=addresses))


def remove_ip(pool_id: str, ip: str, **extras: Unpack[RequestExtras]) -> Call[Any]:
    """Remove an IP from a DIPP (its linked domains are updated in the background)."""
    return _REMOVE_IP.call(pool_id=text("pool_id", pool_id), ip=ip_address("ip", ip))


def list_pool_domains(pool_id: str, *, limit: int = 100, **extras: Unpack[RequestExtras]) -> PagedCall[dict[str, Any]]:
    """Iterate over the domains linked to a DIPP (``id``, ``name``), ``limit`` (10 to 500) per page."""
    first = _DOMAINS.call(pool_id=text("pool_id", pool_id), limit=int_range("limit", limit, 10, 500))
    return next_url_listing(first, json_items("domains"))


class IpPools(SyncResource):
    list = sync_paged(list_pools)
    get = sync_call(get_pool)
    create = sync_call(create_pool)
    update = sync_call(update_pool)
    delete = sync_call(delete_pool)
    add_ip = sync_call(add_ip)
    add_ips = sync_call(add_ips)
    remove_ip = sync_call(remove_ip)
    list_domains = sync_paged(list_pool_domains)


class AsyncIpPools(AsyncResource):
    list = async_paged(list_pools)
    get = async_call(get_pool)
    create = async_call(create_pool)
    update = async_call(update_pool)
    delete = async_call(delete_pool)
    add_ip = async_call(add_ip)
    add_ips = async_call(add_ips)
    remove_ip = async_call(remove_ip)
    list_domains = async_paged(list_pool_domains)
