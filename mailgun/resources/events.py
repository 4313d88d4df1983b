"""Events (deprecated in favour of Logs): ``client.events.list(domain, ...)`` warns and names its successor."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from .._call import Operation, PagedCall, model_parser
from .._endpoint import AsyncResource, SyncResource, async_paged, sync_paged
from .._extras import RequestExtras, Unpack
from .._paging import next_url_listing
from .._validation import boolean, choice, int_range, opt_text, rfc2822, text
from ..types import Event, EventsPage

if TYPE_CHECKING:
    from ..literals import EventSeverity

__all__ = ["AsyncEvents", "Events"]

_LIST = Operation("events.get_domain_name_events", model_parser(EventsPage))


def _items(page: EventsPage) -> list[Event]:
    return page.items or []


def list_events(
    domain: str,
    *,
    begin: dt.datetime | None = None,
    end: dt.datetime | None = None,
    ascending: bool | None = None,
    event: str | None = None,
    recipient: str | None = None,
    from_: str | None = None,
    to: str | None = None,
    subject: str | None = None,
    message_id: str | None = None,
    tags: str | None = None,
    severity: EventSeverity | None = None,
    list_: str | None = None,
    attachment: str | None = None,
    size: str | None = None,
    recipients: str | None = None,
    limit: int = 300,
    **extras: Unpack[RequestExtras],
) -> PagedCall[Event]:
    """Iterate over a domain's events (deprecated: use ``client.logs.list()``)."""
    order = boolean("ascending", ascending)
    first = _LIST.call(
        domain_name=text("domain", domain),
        begin=rfc2822("begin", begin),
        end=rfc2822("end", end),
        ascending=None if order is None else ("yes" if order else "no"),
        event=opt_text("event", event),
        recipient=opt_text("recipient", recipient),
        from_=opt_text("from_", from_),
        to=opt_text("to", to),
        subject=opt_text("subject", subject),
        message_id=opt_text("message_id", message_id),
        tags=opt_text("tags", tags),
        severity=choice("severity", severity),
        list_=opt_text("list_", list_),
        attachment=opt_text("attachment", attachment),
        size=opt_text("size", size),
        recipients=opt_text("recipients", recipients),
        limit=int_range("limit", limit, 1, 300),
    )
    return next_url_listing(first, _items)


class Events(SyncResource):
    list = sync_paged(list_events, deprecated=True)


class AsyncEvents(AsyncResource):
    list = async_paged(list_events, deprecated=True)
