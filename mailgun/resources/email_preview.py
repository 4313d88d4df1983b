"""Email preview test results: ``client.email_preview.get_results(test_id)``."""

from __future__ import annotations

from .._call import Call, Operation, model_parser
from .._endpoint import AsyncResource, SyncResource, async_call, sync_call
from .._extras import RequestExtras, Unpack
from .._validation import text
from ..types import EmailPreviewResults

__all__ = ["AsyncEmailPreview", "EmailPreview"]

_GET_RESULTS = Operation("email_preview.get_preview_tests_test_id_results", model_parser(EmailPreviewResults))


def get_results(test_id: str, **extras: Unpack[RequestExtras]) -> Call[EmailPreviewResults]:
    """The results of an email preview test, by email client id: ``results["gmail_chr26_win"].status``,
    ``.screenshots``... (``results.additional_keys`` lists the clients)."""
    return _GET_RESULTS.call(test_id=text("test_id", test_id))


class EmailPreview(SyncResource):
    get_results = sync_call(get_results)


class AsyncEmailPreview(AsyncResource):
    get_results = async_call(get_results)
