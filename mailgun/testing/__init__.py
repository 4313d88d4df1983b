"""Test an application that uses Mailgun, without Mailgun.

    from mailgun.testing import FakeMailgun

    fake = FakeMailgun()                    # mg.example.com exists; fake.api_key, fake.signing_key
    with fake.patch():                      # every Mailgun()/AsyncMailgun() built here talks to the fake
        my_app.send_order_confirmation(order)
    message = fake.outbox.assert_sent(to="ann@example.org", subject="Order 1001")

With pytest the fixtures ``mailgun_fake`` (patched for the test), ``mailgun_client`` and ``async_mailgun_client``
come with the package (a ``pytest11`` plugin). Nothing here is imported by ``import mailgun``.
"""

from __future__ import annotations

from ._fake import FakeContractError, FakeMailgun
from ._outbox import Attachment, Outbox, SentMessage
from ._vcr import vcr_config
from ._webhooks import WebhookDelivery

__all__ = [
    "Attachment",
    "FakeContractError",
    "FakeMailgun",
    "Outbox",
    "SentMessage",
    "WebhookDelivery",
    "vcr_config",
]
