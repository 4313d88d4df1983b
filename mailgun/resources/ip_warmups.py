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
    """Iterate over in-flight warmups (``ip``, ``stage_number``, ``throttle``, ``sent_within_stage``, ...).

    Args:
        limit: The number of results to return per page. Defaults to 10 if not specified.
        **extras: `extra_query=`, `extra_body=` and `extra_headers=` (mappings) add query parameters, form/JSON
            fields and headers Mailgun accepts that this method does not name yet; `extra_headers` may override a
            header.

    Returns:
        An iterator over every dict[str, Any] (`async for` on AsyncMailgun), one page per request.

    Raises:
        ValidationError: An argument is invalid; raised before anything is sent.
        APIStatusError: Mailgun answered with an error status (a subclass per status).

    Example:
        ```python
        for item in client.ip_warmups.list():
            print(item)
        ```
    """
    page_size = int_range("limit", limit, 1, 1000)
    return next_url_listing(_LIST.call(limit=str(page_size)), json_items("items"))


def get_warmup(ip: str, **extras: Unpack[RequestExtras]) -> Call[Any]:
    """An in-flight warmup's status (``{"details": {"stage": ..., "stage_history": [...], ...}}``).

    Args:
        ip: The dedicated IP being warmed up.
        **extras: `extra_query=`, `extra_body=` and `extra_headers=` (mappings) add query parameters, form/JSON
            fields and headers Mailgun accepts that this method does not name yet; `extra_headers` may override a
            header.

    Returns:
        The parsed answer (Any).

    Raises:
        ValidationError: An argument is invalid; raised before anything is sent.
        NotFoundError: What the call names (the ip warmup) does not exist.
        APIStatusError: Mailgun answered with an error status (a subclass per status).

    Example:
        ```python
        result = client.ip_warmups.get("192.0.2.10")
        print(result)
        ```
    """
    return _GET.call(addr=ip_address("ip", ip))


def create_warmup(ip: str, **extras: Unpack[RequestExtras]) -> Call[StatusMessage]:
    """Start a warmup plan for a dedicated IP of the account.

    Args:
        ip: The dedicated IP being warmed up.
        **extras: `extra_query=`, `extra_body=` and `extra_headers=` (mappings) add query parameters, form/JSON
            fields and headers Mailgun accepts that this method does not name yet; `extra_headers` may override a
            header.

    Returns:
        The parsed answer (StatusMessage).

    Raises:
        ValidationError: An argument is invalid; raised before anything is sent.
        NotFoundError: What the call names (the ip warmup) does not exist.
        APIStatusError: Mailgun answered with an error status (a subclass per status).

    Example:
        ```python
        result = client.ip_warmups.create("192.0.2.10")
        print(result)
        ```
    """
    return _CREATE.call(addr=ip_address("ip", ip))


def cancel_warmup(ip: str, **extras: Unpack[RequestExtras]) -> Call[StatusMessage]:
    """Cancel an IP's warmup plan.

    Args:
        ip: The dedicated IP being warmed up.
        **extras: `extra_query=`, `extra_body=` and `extra_headers=` (mappings) add query parameters, form/JSON
            fields and headers Mailgun accepts that this method does not name yet; `extra_headers` may override a
            header.

    Returns:
        The parsed answer (StatusMessage).

    Raises:
        ValidationError: An argument is invalid; raised before anything is sent.
        NotFoundError: What the call names (the ip warmup) does not exist.
        APIStatusError: Mailgun answered with an error status (a subclass per status).

    Example:
        ```python
        result = client.ip_warmups.cancel("192.0.2.10")
        print(result)
        ```
    """
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
