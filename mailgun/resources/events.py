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
    """Iterate over a domain's events (deprecated: use ``client.logs.list()``).

    Args:
        domain: The sending domain's name, such as `mg.example.com`.
        begin: The beginning of the search time range in epoch seconds.
        end: The end of the search time range in epoch seconds.
        ascending: Sort direction by time. Must be provided if the range end time is not specified. Can be either
            yes or no.
        event: Filter by event type.
        recipient: Filter by email address of a recipient. While messages are addressable to one or more recipients,
            each event (with one exception) tracks one recipient. See stored events for use of recipients.
        from_: Filter by email address mentioned in the From MIME header.
        to: Filter by email address mentioned in the To MIME header.
        subject: Filter by subject line.
        message_id: Filter by Mailgun message id returned by the messages API.
        tags: Filter by user defined tags.
        severity: Filter by event severity, if exists. Currently for failed events only. See [Tracking
            Failures](https://documentation.mailgun.com/docs/mailgun/user-manual/tracking-messages/#tracking-
            failures)
        list_: Filter by mailing list email address that message was originally sent to.
        attachment: Filter by the name of an attached file.
        size: Filter by message size. Mostly intended to be used with range filtering expressions.
        recipients: Specific to stored events, this field tracks all of the potential message recipients.
        limit: The number of entries to return (300 max)
        **extras: `extra_query=`, `extra_body=` and `extra_headers=` (mappings) add query parameters, form/JSON
            fields and headers Mailgun accepts that this method does not name yet; `extra_headers` may override a
            header.

    Returns:
        An iterator over every Event (`async for` on AsyncMailgun), one page per request.

    Raises:
        ValidationError: An argument is invalid; raised before anything is sent.
        NotFoundError: What the call names (the domain) does not exist.
        APIStatusError: Mailgun answered with an error status (a subclass per status).

    Example:
        ```python
        for event in client.events.list(domain, event="failed"):
            print(event.timestamp, event.event, event.recipient)
        ```
    """
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
