"""IP warmups: ``client.ip_warmups.list() / get() / create() / cancel()`` for the account's dedicated IPs.

The spec gives these answers Mailgun's generic ``{"message": ...}`` schema, which describes neither the list
items nor a warmup's details: the listing yields decoded JSON objects and ``get`` returns the decoded JSON.
"""

from __future__ import annotations

from typing import Any

from .._call import Call, Operation, PagedCall, json_items, model_parser, raw_json
from .._endpoint import AsyncResource, SyncResource, async_call, async_paged, sync_call, sync_paged
from .._extras import RequestExtras, Unpack
from .._paging import next_url_listing
from .._validation import int_range, ip_address
from ..types import StatusMessage

__all__ = ["AsyncIpWarmups", "IpWarmups"]

_LIST = Operation("ip_warmups.get_ip_warmups", raw_json)
_GET = Operation("ip_warmups.get_ip_warmups_addr", raw_json)
_CREATE = Operation("ip_warmups.post_ip_warmups_addr", model_parser(StatusMessage))
_CANCEL = Operation("ip_warmups.delete_ip_warmups_addr", model_parser(StatusMessage))


def list_warmups(*, limit: int = 100, **extras: Unpack[RequestExtras]) -> PagedCall[dict[str, Any]]:
    """Iterate over in-flight warmups (``ip``, ``stage_number``, ``throttle``, ``sent_within_stage``, ...)."""
    page_size = int_range("limit", limit, 1, 1000)
    return next_url_listing(_LIST.call(limit=str(page_size)), json_items("items"))


def get_warmup(ip: str, **extras: Unpack[RequestExtras]) -> Call[Any]:
    """An in-flight warmup's status (``{"details": {"stage": ..., "stage_history": [...], ...}}``)."""
    return _GET.call(addr=ip_address("ip", ip))


def create_warmup(ip: str, **extras: Unpack[RequestExtras]) -> Call[StatusMessage]:
    """Start a warmup plan for a dedicated IP of the account."""
    return _CREATE.call(addr=ip_address("ip", ip))


def cancel_warmup(ip: str, **extras: Unpack[RequestExtras]) -> Call[StatusMessage]:
    """Cancel an IP's warmup plan."""
    return _CANCEL.call(addr=ip_address("ip", ip))


class IpWarmups(SyncResource):
    list = sync_paged(list_warmups)
    get = sync_call(get_warmup)
    create = sync_call(create_warmup)
    cancel = sync_call(cancel_warmup)


class AsyncIpWarmups(AsyncResource):
    list = async_paged(list_warmups)
    get = async_call(get_warmup)
    create = async_call(create_warmup)
    cancel = async_call(cancel_warmup)
