"""The account's custom monthly sending limit: ``client.message_limits.get() / set() / delete() / enable()``.

(A subaccount's limit: ``client.subaccounts.get_sending_limit(id)`` and friends.)
"""

from __future__ import annotations

from .._call import Call, Operation, model_parser
from .._endpoint import AsyncResource, SyncResource, async_call, sync_call
from .._exceptions import ValidationError
from .._extras import RequestExtras, Unpack
from .._validation import int_range
from ..types import SendingLimit, SuccessResult

__all__ = ["AsyncMessageLimits", "MessageLimits"]

_GET = Operation("custom_message_limit.get_accounts_limit_custom_monthly", model_parser(SendingLimit))
_SET = Operation("custom_message_limit.put_accounts_limit_custom_monthly", model_parser(SuccessResult))
_DELETE = Operation("custom_message_limit.delete_accounts_limit_custom_monthly", model_parser(SuccessResult))
_ENABLE = Operation("custom_message_limit.put_accounts_limit_custom_enable", model_parser(SuccessResult))


def get_limit(**extras: Unpack[RequestExtras]) -> Call[SendingLimit]:
    """The custom monthly limit, how much of it is used (``current``) and the period (404 when none is set)."""
    return _GET.call()


def set_limit(*, limit: int, **extras: Unpack[RequestExtras]) -> Call[SuccessResult]:
    """Set the custom monthly sending limit (messages per month; Mailgun's minimum is 1000)."""
    checked = int_range("limit", limit, 1)
    if checked is None:
        raise ValidationError("limit", "is required")
    return _SET.call(limit=checked)


def delete_limit(**extras: Unpack[RequestExtras]) -> Call[SuccessResult]:
    """Remove the custom monthly sending limit."""
    return _DELETE.call()


def enable_sending(**extras: Unpack[RequestExtras]) -> Call[SuccessResult]:
    """Re-enable sending after the account was stopped for reaching its custom limit."""
    return _ENABLE.call()


class MessageLimits(SyncResource):
    get = sync_call(get_limit)
    set = sync_call(set_limit)
    delete = sync_call(delete_limit)
    enable = sync_call(enable_sending)


class AsyncMessageLimits(AsyncResource):
    get = async_call(get_limit)
    set = async_call(set_limit)
    delete = async_call(delete_limit)
    enable = async_call(enable_sending)
