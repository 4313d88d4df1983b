"""Inbox placement test results: ``client.inbox_placement.get_result(result_id)``."""

from __future__ import annotations

from .._call import Call, Operation, model_parser
from .._endpoint import AsyncResource, SyncResource, async_call, sync_call
from .._extras import RequestExtras, Unpack
from .._validation import opt_text, text
from ..types import InboxPlacementResult

__all__ = ["AsyncInboxPlacement", "InboxPlacement"]

_GET_RESULT = Operation("inbox_placement.get_inbox_results_result", model_parser(InboxPlacementResult))


def get_result(
    result_id: str, *, provider: str | None = None, **extras: Unpack[RequestExtras]
) -> Call[InboxPlacementResult]:
    """One inbox placement test result, optionally for one mailbox ``provider``. The spec leaves its fields
    undescribed: they are in ``result.additional_properties`` (also ``result["..."]`` and ``to_dict()``)."""
    return _GET_RESULT.call(result=text("result_id", result_id), provider=opt_text("provider", provider))


class InboxPlacement(SyncResource):
    get_result = sync_call(get_result)


class AsyncInboxPlacement(AsyncResource):
    get_result = async_call(get_result)
