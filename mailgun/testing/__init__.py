"""Test an application that uses Mailgun, without Mailgun.

    from mailgun.testing import FakeMailgun

    fake = FakeMailgun()                    # mg.example.com exists; fake.api_key, fake.signing_key
    with fake.patch():                      # every Mailgun()/AsyncMailgun() built here talks to the fake
        my_app.send_order_confirmation(order)
    message = fake.outbox.assert_sent(to="ann@example.org", subject="Order 1001")

With pytest the fixtures ``mailgun_fake`` (patched for the test), ``mailgun_client`` and ``async_mailgun_client``
come with the package (a ``pytest11`` plugin). Nothing here is imported by ``import mailgun``, and the names below
load on first use: pytest imports this package for the plugin in every project that installs the SDK.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._fake import FakeContractError, FakeMailgun
    from ._outbox import Attachment, Outbox, SentMessage
    from ._state import DomainState
    from ._vcr import vcr_config
    from ._webhooks import WebhookDelivery

__all__ = [
    "Attachment",
    "DomainState",
    "FakeContractError",
    "FakeMailgun",
    "Outbox",
    "SentMessage",
    "WebhookDelivery",
    "vcr_config",
]

_HOME = {
    "Attachment": "_outbox",
    "DomainState": "_state",
    "FakeContractError": "_fake",
    "FakeMailgun": "_fake",
    "Outbox": "_outbox",
    "SentMessage": "_outbox",
    "WebhookDelivery": "_webhooks",
    "vcr_config": "_vcr",
}


def __getattr__(name: str) -> Any:
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module 'mailgun.testing' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"mailgun.testing.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
