"""The shop (examples/shop.py) tested with mailgun.testing only: no Mailgun account, no network, no mocks of our own.

The ``mailgun_fake`` fixture comes with the package (a pytest plugin): every ``Mailgun()`` the shop builds talks
to an in-process fake that keeps Mailgun's state and checks each request against Mailgun's spec.
"""

from __future__ import annotations

import io

import httpx
import pytest
import shop

from mailgun import Mailgun
from mailgun.testing import FakeMailgun

DOMAIN = "mg.example.com"


@pytest.fixture(autouse=True)
def shop_settings(mailgun_fake: FakeMailgun, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MAILGUN_DOMAIN", DOMAIN)
    monkeypatch.setenv("MAILGUN_WEBHOOK_SIGNING_KEY", mailgun_fake.signing_key)
    shop.CUSTOMERS.clear()


def _order(email: str = "ann@example.org") -> shop.Order:
    customer = shop.CUSTOMERS.setdefault(email, shop.Customer(email, "Ann"))
    return shop.Order(1001, customer, [("Tea", 450), ("Cups", 1200)])


def test_the_confirmation_carries_the_invoice(mailgun_fake: FakeMailgun) -> None:
    order = _order()
    message_id = shop.send_order_confirmation(order)

    message = mailgun_fake.outbox.assert_sent(to="Ann <ann@example.org>", subject="Your order 1001")
    assert message.id == message_id
    assert message.from_ == f"Shop <orders@{DOMAIN}>"
    assert "Tea: 4.50 EUR" in (message.text or "")
    assert message.tags == ["order-confirmation"] and message.variables == {"order": "1001"}
    [invoice] = message.attachments
    assert invoice.filename == "invoice-1001.pdf" and invoice.content_type == "application/pdf"
    assert invoice.content == shop.invoice_pdf(order)


def test_a_bounce_reported_by_webhook_marks_the_customer(mailgun_fake: FakeMailgun, mailgun_client: Mailgun) -> None:
    # Set up as in production: a bounce webhook, and an address Mailgun already knows is dead.
    mailgun_client.webhooks.create(DOMAIN, "permanent_fail", "https://shop.example/webhooks/mailgun")
    mailgun_client.bounces.add(DOMAIN, "gone@example.org", code=550, error="mailbox does not exist")
    order = _order("gone@example.org")

    assert shop.send_order_confirmation(order) is not None  # Mailgun accepts it, then drops it
    [failed] = mailgun_client.logs.list(events=["failed"])
    assert (failed.recipient, failed.reason) == ("gone@example.org", "suppress-bounce")

    [delivery] = mailgun_fake.deliver_webhooks(shop.webhook_view)
    assert (delivery.webhook, delivery.status) == ("permanent_fail", 200)
    assert order.customer.bounced
    assert shop.send_order_confirmation(order) is None  # no second try at a dead address
    assert len(mailgun_fake.outbox) == 1


def test_a_forged_webhook_is_refused(mailgun_fake: FakeMailgun) -> None:
    forged = FakeMailgun(signing_key="someone-else").webhook_payload("permanent_fail", recipient="ann@example.org")
    customer = _order().customer
    environ = {"CONTENT_LENGTH": str(len(forged)), "CONTENT_TYPE": "application/json"}
    statuses: list[str] = []
    shop.webhook_view({**environ, "wsgi.input": io.BytesIO(forged)}, lambda status, headers: statuses.append(status))
    assert statuses == ["406 Not Acceptable"] and not customer.bounced


def test_rate_limits_are_retried_and_an_outage_never_sends_twice(mailgun_fake: FakeMailgun) -> None:
    mailgun_fake.fail_next(status=429, retry_after=1)
    assert shop.send_order_confirmation(_order()) is not None
    assert len(mailgun_fake.outbox) == 1 and mailgun_fake.sleeps[0] >= 1  # waited as told, then sent once

    mailgun_fake.fail_next(status=503)
    assert shop.send_order_confirmation(_order()) is None
    mailgun_fake.fail_next(error=httpx.ReadTimeout, applied=True)  # Mailgun queued it; the answer was lost
    assert shop.send_order_confirmation(_order()) is None
    assert len(mailgun_fake.outbox) == 2  # neither failure was retried into a duplicate
