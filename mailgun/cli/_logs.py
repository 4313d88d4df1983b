"""``mailgun logs``: what happened to messages (Mailgun's Logs API), as a table or JSON lines; ``--follow``."""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Iterator
from typing import Any

import click
from rich.text import Text

from ._app import Settings, common_options, settings
from ._output import Output, pages_until_loop
from ._params import SINCE

__all__ = ["command"]

COLUMNS = ("time", "event", "recipient", "domain", "subject", "details")
EVENT_STYLES = {
    "delivered": "green",
    "accepted": "cyan",
    "opened": "blue",
    "clicked": "blue",
    "failed": "red",
    "rejected": "red",
    "complained": "magenta",
    "unsubscribed": "yellow",
}
# Ids of events already printed while following: enough to cover the overlap between two polls.
FOLLOW_MEMORY = 10_000


@click.command("logs")
@click.option("--recipient", "-r", help="Only events for this address.")
@click.option("--event", "-e", "events", multiple=True, help="Only these events (repeatable): delivered, failed, ...")
@click.option("--domain", "-d", help="Only events of this sending domain.")
@click.option("--since", type=SINCE, default="1d", show_default=True, help="How far back: 2h, 30d, or a date.")
@click.option("--limit", "-n", type=click.IntRange(1), default=100, show_default=True, help="At most this many.")
@click.option("--follow", "-f", is_flag=True, help="Keep polling for new events until Ctrl-C.")
@click.option(
    "--interval",
    type=click.IntRange(2, 300),
    default=10,
    show_default=True,
    help="Seconds between polls with --follow (2 to 300).",
)
@common_options
def command(
    recipient: str | None,
    events: tuple[str, ...],
    domain: str | None,
    since: dt.datetime,
    limit: int,
    follow: bool,
    interval: int,
) -> None:
    """Message events, oldest first, as a table or (--json) one JSON object per line.

    \b
    mailgun logs --recipient ann@example.org --since 2h
    mailgun logs --event failed --domain mg.example.com --follow
    """
    state = settings()
    out = state.output()
    query = {"events": list(events) or None, "filter": _filter(domain=domain, recipient=recipient)}
    printer = _Printer(out)
    with state.client() as client:
        try:
            for event in _listing(client, out, since, query, limit):
                printer.add(event)
            printer.flush()
            if follow:
                _follow(client, state, printer, since, query, interval)
        except KeyboardInterrupt:
            if not follow:
                raise  # an interrupted listing is incomplete: exit 130
            printer.flush()  # following ends with Ctrl-C: that is success
            out.info("stopped")


def _filter(**attributes: str | None) -> dict[str, Any] | None:
    predicates = [
        {"attribute": name, "comparator": "=", "values": [{"label": value, "value": value}]}
        for name, value in attributes.items()
        if value
    ]
    return {"AND": predicates} if predicates else None


def _listing(
    client: Any, out: Output, start: dt.datetime, query: dict[str, Any], limit: int | None
) -> Iterator[dict[str, Any]]:
    """Raw events (Mailgun's JSON) from ``start`` on, oldest first, at most ``limit``."""
    pager = client.logs.list(start=start, sort="timestamp:asc", limit=min(limit or 1000, 1000), **query)
    count = 0
    for page in pages_until_loop(pager, out):
        raw_items = page.raw.get("items") if isinstance(page.raw, dict) else None
        for item in raw_items or []:
            if limit is not None and count >= limit:
                return
            count += 1
            yield item if isinstance(item, dict) else {"value": item}


def _follow(
    client: Any, state: Settings, printer: _Printer, start: dt.datetime, query: dict[str, Any], interval: int
) -> None:
    """Poll every ``interval`` seconds for events newer than the last one shown, until Ctrl-C."""
    start = printer.latest or start
    printer.out.info(f"following (every {interval}s; Ctrl-C to stop)")
    while True:
        state.sleep(interval)
        # From the last timestamp seen, inclusive: events of the same millisecond are not lost; repeats are
        # dropped by id.
        for event in _listing(client, printer.out, start, query, None):
            printer.add(event)
        printer.flush()
        start = printer.latest or start


class _Printer:
    """Prints events once each: JSON lines at once, table rows in batches (one table per poll)."""

    def __init__(self, out: Output) -> None:
        self.out = out
        self.rows: list[list[Any]] = []
        self.seen: deque[str] = deque(maxlen=FOLLOW_MEMORY)
        self.seen_set: set[str] = set()
        self.latest: dt.datetime | None = None

    def add(self, event: dict[str, Any]) -> None:
        event_id = event.get("id")
        if isinstance(event_id, str):
            if event_id in self.seen_set:
                return
            if len(self.seen) == self.seen.maxlen:
                self.seen_set.discard(self.seen[0])
            self.seen.append(event_id)
            self.seen_set.add(event_id)
        moment = _timestamp(event)
        if moment is not None and (self.latest is None or moment > self.latest):
            self.latest = moment
        if self.out.json_mode:
            self.out.json_line(event)
        else:
            self.rows.append(_row(event))

    def flush(self) -> None:
        if self.rows:
            self.out.table(COLUMNS, self.rows)
            self.rows = []


def _timestamp(event: dict[str, Any]) -> dt.datetime | None:
    value = event.get("@timestamp")
    if not isinstance(value, str):
        return None
    try:
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)


def _get(data: Any, *path: str) -> Any:
    for key in path:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def _row(event: dict[str, Any]) -> list[Any]:
    name = str(event.get("event") or "")
    details = (
        _get(event, "delivery-status", "message")
        or _get(event, "delivery-status", "description")
        or event.get("reason")
        or _get(event, "message", "headers", "message-id")
    )
    return [
        event.get("@timestamp"),
        Text(name, style=EVENT_STYLES.get(name, "")),
        event.get("recipient"),
        _get(event, "domain", "name"),
        _get(event, "message", "headers", "subject"),
        details,
    ]
