"""Quickstart: send a message with an attachment, list domains, page through logs, meet a deprecation warning.

    make demo                                   # against a local Prism mock of Mailgun's spec (no account)
    MAILGUN_API_KEY=key-... MAILGUN_DOMAIN=mg.example.com python examples/quickstart.py   # the live API

Against the live API the message is sent in test mode (accepted, not delivered).
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import warnings

from mailgun import Mailgun, MailgunDeprecationWarning, MailgunError


def main() -> None:
    domain = os.environ.get("MAILGUN_DOMAIN", "sandbox.example.com")
    with Mailgun() as client:  # MAILGUN_API_KEY, and MAILGUN_BASE_URL / MAILGUN_REGION if set
        print(f"client: {client!r}")

        sent = client.messages.send(
            domain,
            from_=f"Quickstart <quickstart@{domain}>",
            to=["alice@example.com"],
            subject="Hello from mailgun-typed",
            text="Hello! The attachment says hi too.",
            attachments=[("hello.txt", b"hi\n", "text/plain")],
            tags=["quickstart"],
            test_mode=True,
        )
        print(f"sent: id={sent.id} ({sent.message})")

        for d in itertools.islice(client.domains.list(limit=10), 5):
            print(f"domain: {d.name} state={d.state} created={d.created_at}")

        end = dt.datetime.now(dt.timezone.utc)
        logs = client.logs.list(start=end - dt.timedelta(days=1), end=end, limit=10)
        for number, page in enumerate(itertools.islice(logs.iter_pages(), 2), start=1):
            print(f"logs page {number}: {len(page.items)} events, next cursor {page.next_cursor!r}")
            for event in page.items[:3]:
                print(f"  {event.timestamp} {event.event} {event.recipient}")

        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", MailgunDeprecationWarning)
            client.events.list(domain)  # deprecated: creating the pager is enough to be told
        for warning in caught:
            print(f"deprecation: {warning.message}")


if __name__ == "__main__":
    try:
        main()
    except MailgunError as exc:
        raise SystemExit(f"quickstart failed: {exc}") from exc
