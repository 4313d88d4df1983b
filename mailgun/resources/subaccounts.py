"""Subaccounts: ``client.subaccounts.list() / get() / create() / enable() / disable() / delete()``, their
features, custom sending limits and delegated dynamic IP pools (DIPPs).

To act *as* a subaccount (send, manage its domains, ...), use ``client.with_options(on_behalf_of=id)``.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, TypeVar

from .._call import Call, Operation, PagedCall, model_parser
from .._endpoint import AsyncResource, SyncResource, async_call, async_paged, sync_call, sync_paged
from .._exceptions import ValidationError
from .._extras import RequestExtras, Unpack
from .._paging import skip_limit_listing
from .._validation import boolean, choice, int_range, opt_text, text
from ..types import (
    SendingLimit,
    StartedJob,
    StatusMessage,
    Subaccount,
    SubaccountFeaturesResult,
    SubaccountIpPools,
    SubaccountResult,
    SubaccountsPage,
    SuccessResult,
)

if TYPE_CHECKING:
    from ..literals import SortDirection

__all__ = ["AsyncSubaccounts", "Subaccounts"]

T = TypeVar("T")

_LIST = Operation("subaccounts.get_accounts_subaccounts", model_parser(SubaccountsPage))
_GET = Operation("subaccounts.get_accounts_subaccounts_subaccount_id", model_parser(SubaccountResult))
_CREATE = Operation("subaccounts.post_accounts_subaccounts", model_parser(SubaccountResult))
_ENABLE = Operation("subaccounts.post_accounts_subaccounts_subaccount_id_enable", model_parser(SubaccountResult))
_DISABLE = Operation("subaccounts.post_accounts_subaccounts_subaccount_id_disable", model_parser(SubaccountResult))
_DELETE = Operation("subaccounts.delete_accounts_subaccounts", model_parser(StatusMessage))
_FEATURES = Operation(
    "subaccounts.put_accounts_subaccounts_subaccount_id_features", model_parser(SubaccountFeaturesResult)
)
_GET_LIMIT = Operation(
    "subaccounts.get_accounts_subaccounts_subaccount_id_limit_custom_monthly", model_parser(SendingLimit)
)
_SET_LIMIT = Operation(
    "subaccounts.put_accounts_subaccounts_subaccount_id_limit_custom_monthly", model_parser(SuccessResult)
)
_DELETE_LIMIT = Operation(
    "subaccounts.delete_accounts_subaccounts_subaccount_id_limit_custom_monthly", model_parser(SuccessResult)
)
_IP_POOLS = Operation("subaccounts.get_accounts_subaccounts_ip_pools_all", model_parser(SubaccountIpPools))
_ASSIGN_POOL = Operation("subaccounts.put_accounts_subaccounts_subaccount_id_ip_pool", model_parser(StartedJob))
_REVOKE_POOL = Operation("subaccounts.delete_accounts_subaccounts_subaccount_id_ip_pool", model_parser(StartedJob))


FEATURES = ("email_preview", "inbox_placement", "sending", "validations", "validations_bulk")


def _items(page: SubaccountsPage) -> list[Subaccount]:
    return page.subaccounts or []


def list_subaccounts(
    *,
    filter: str | None = None,
    enabled: bool | None = None,
    closed: bool | None = None,
    sort: SortDirection | None = None,
    limit: int = 100,
    **extras: Unpack[RequestExtras],
) -> PagedCall[Subaccount]:
    """Iterate over the account's subaccounts; ``filter`` matches names, ``sort`` ("asc"/"desc") orders them."""
    first = _LIST.call(
        filter_=opt_text("filter", filter),
        enabled=boolean("enabled", enabled),
        closed=boolean("closed", closed),
        sort=choice("sort", sort),
        limit=int_range("limit", limit, 1, 1000),
        skip=0,
    )
    return skip_limit_listing(first, _items, limit=limit)


def get_subaccount(subaccount_id: str, **extras: Unpack[RequestExtras]) -> Call[SubaccountResult]:
    """One subaccount (``result.subaccount``)."""
    return _GET.call(subaccount_id=text("subaccount_id", subaccount_id))


def create_subaccount(name: str, **extras: Unpack[RequestExtras]) -> Call[SubaccountResult]:
    """Create a subaccount; ``result.subaccount.id`` is what ``on_behalf_of`` takes."""
    return _CREATE.call(name=text("name", name))


def enable_subaccount(subaccount_id: str, **extras: Unpack[RequestExtras]) -> Call[SubaccountResult]:
    """Re-enable a disabled subaccount."""
    return _ENABLE.call(subaccount_id=text("subaccount_id", subaccount_id))


def disable_subaccount(
    subaccount_id: str,
    *,
    reason: str | None = None,
    note: str | None = None,
    **extras: Unpack[RequestExtras],
) -> Call[SubaccountResult]:
    """Disable a subaccount (it can no longer send); ``reason`` and ``note`` are kept with it."""
    return _DISABLE.call(
        subaccount_id=text("subaccount_id", subaccount_id),
        reason=opt_text("reason", reason),
        note=opt_text("note", note),
    )


def delete_subaccount(subaccount_id: str, **extras: Unpack[RequestExtras]) -> Call[StatusMessage]:
    """Delete a subaccount (irreversible). Mailgun takes its id in the X-Mailgun-On-Behalf-Of header."""
    return _DELETE.call(x_mailgun_on_behalf_of=text("subaccount_id", subaccount_id))


def update_features(
    subaccount_id: str,
    *,
    email_preview: bool | None = None,
    inbox_placement: bool | None = None,
    sending: bool | None = None,
    validations: bool | None = None,
    validations_bulk: bool | None = None,
    **extras: Unpack[RequestExtras],
) -> Call[SubaccountFeaturesResult]:
    """Turn features of a subaccount on (True) or off (False); only the features given change."""
    values = {
        "email_preview": boolean("email_preview", email_preview),
        "inbox_placement": boolean("inbox_placement", inbox_placement),
        "sending": boolean("sending", sending),
        "validations": boolean("validations", validations),
        "validations_bulk": boolean("validations_bulk", validations_bulk),
    }
    form = {name: json.dumps({"enabled": on}) for name, on in values.items() if on is not None}
    if not form:
        raise ValidationError("subaccount_id", f"nothing to update: give at least one of {list(FEATURES)}")
    call = _FEATURES.call(subaccount_id=text("subaccount_id", subaccount_id))
    # Each form field is a JSON object (the spec's encoding); the generated body would send Python reprs.
    return call.with_overrides(data=form)


def get_sending_limit(subaccount_id: str, **extras: Unpack[RequestExtras]) -> Call[SendingLimit]:
    """A subaccount's custom monthly sending limit and how much of it is used (404 when none is set)."""
    return _GET_LIMIT.call(subaccount_id=text("subaccount_id", subaccount_id))


def set_sending_limit(subaccount_id: str, *, limit: int, **extras: Unpack[RequestExtras]) -> Call[SuccessResult]:
    """Set a subaccount's custom monthly sending limit (messages per month)."""
    checked = int_range("limit", limit, 1)
    if checked is None:
        raise ValidationError("limit", "is required")
    return _SET_LIMIT.call(subaccount_id=text("subaccount_id", subaccount_id), limit=checked)


def delete_sending_limit(subaccount_id: str, **extras: Unpack[RequestExtras]) -> Call[SuccessResult]:
    """Remove a subaccount's custom monthly sending limit."""
    return _DELETE_LIMIT.call(subaccount_id=text("subaccount_id", subaccount_id))


def list_ip_pools(**extras: Unpack[RequestExtras]) -> Call[SubaccountIpPools]:
    """Which dynamic IP pool (DIPP) is delegated to which subaccount (one response: ``.items``)."""
    return _IP_POOLS.call()


def assign_ip_pool(subaccount_id: str, *, pool_id: str, **extras: Unpack[RequestExtras]) -> Call[StartedJob]:
    """Start delegating a dynamic IP pool to a subaccount (replacing its current one); runs in the background."""
    from mailgun_openapi.models.put_accounts_subaccounts_subaccount_id_ip_pool_request import (
        PutAccountsSubaccountsSubaccountIdIpPoolRequest,
    )

    body = PutAccountsSubaccountsSubaccountIdIpPoolRequest(pool_id=text("pool_id", pool_id))
    return _ASSIGN_POOL.call(subaccount_id=text("subaccount_id", subaccount_id), body=body)


def revoke_ip_pool(subaccount_id: str, *, pool_id: str, **extras: Unpack[RequestExtras]) -> Call[StartedJob]:
    """Start revoking a subaccount's delegated IP pool (its domains are unlinked from it)."""
    return _REVOKE_POOL.call(subaccount_id=text("subaccount_id", subaccount_id), pool_id=text("pool_id", pool_id))


class Subaccounts(SyncResource):
    list = sync_paged(list_subaccounts)
    get = sync_call(get_subaccount)
    create = sync_call(create_subaccount)
    enable = sync_call(enable_subaccount)
    disable = sync_call(disable_subaccount)
    delete = sync_call(delete_subaccount)
    update_features = sync_call(update_features)
    get_sending_limit = sync_call(get_sending_limit)
    set_sending_limit = sync_call(set_sending_limit)
    delete_sending_limit = sync_call(delete_sending_limit)
    list_ip_pools = sync_call(list_ip_pools)
    assign_ip_pool = sync_call(assign_ip_pool)
    revoke_ip_pool = sync_call(revoke_ip_pool)


class AsyncSubaccounts(AsyncResource):
    list = async_paged(list_subaccounts)
    get = async_call(get_subaccount)
    create = async_call(create_subaccount)
    enable = async_call(enable_subaccount)
    disable = async_call(disable_subaccount)
    delete = async_call(delete_subaccount)
    update_features = async_call(update_features)
    get_sending_limit = async_call(get_sending_limit)
    set_sending_limit = async_call(set_sending_limit)
    delete_sending_limit = async_call(delete_sending_limit)
    list_ip_pools = async_call(list_ip_pools)
    assign_ip_pool = async_call(assign_ip_pool)
    revoke_ip_pool = async_call(revoke_ip_pool)
