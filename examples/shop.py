"""A small shop that uses Mailgun: an order confirmation with the invoice as a PDF, and a webhook view that marks
customers whose mail bounces. ``examples/test_shop.py`` tests it with ``mailgun.testing`` only.

The application configures itself as it would in production: ``MAILGUN_API_KEY`` for the client,
``MAILGUN_DOMAIN`` for the sending domain and ``MAILGUN_WEBHOOK_SIGNING_KEY`` for webhooks.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from mailgun import Mailgun, MailgunError, WebhookVerificationError
from mailgun.webhook_verification import verify_webhook


@dataclass
class Customer:
    email: str
    name: str
    bounced: bool = False


@dataclass
class Order:
    number: int
    customer: Customer
    lines: list[tuple[str, int]] = field(default_factory=list)  # (item, cents)

    @property
    def total(self) -> int:
        return sum(cents for _, cents in self.lines)


CUSTOMERS: dict[str, Customer] = {}


def invoice_pdf(order: Order) -> bytes:
    """A one-page PDF (hand-made: the example needs no PDF library)."""
    text = f"Invoice {order.number}: {order.total / 100:.2f} EUR".replace("(", "[").replace(")", "]")
    stream = f"BT /F1 18 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def send_order_confirmation(order: Order) -> str | None:
    """Mail the confirmation with the invoice attached; the Message-Id, or None when Mailgun refused it."""
    domain = os.environ["MAILGUN_DOMAIN"]
    customer = order.customer
    if customer.bounced:
        return None  # we know the address is dead: don't try
    lines = "\n".join(f"- {item}: {cents / 100:.2f} EUR" for item, cents in order.lines)
    with Mailgun() as client:
        try:
            result = client.messages.send(
                domain,
                from_=f"Shop <orders@{domain}>",
                to=f"{customer.name} <{customer.email}>",
                subject=f"Your order {order.number}",
                text=f"Hello {customer.name},\n\nthank you for your order:\n{lines}\n",
                tags=["order-confirmation"],
                variables={"order": str(order.number)},
                attachments=[(f"invoice-{order.number}.pdf", invoice_pdf(order), "application/pdf")],
            )
        except MailgunError:
            return None
    return result.id


StartResponse = Callable[[str, list[tuple[str, str]]], Any]


def webhook_view(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
    """POST /webhooks/mailgun (WSGI): verify Mailgun's signature, mark customers whose mail bounced for good."""
    size = int(environ.get("CONTENT_LENGTH") or 0)
    body = environ["wsgi.input"].read(size)
    try:
        event = verify_webhook(
            body, os.environ["MAILGUN_WEBHOOK_SIGNING_KEY"], content_type=environ.get("CONTENT_TYPE")
        )
    except WebhookVerificationError as exc:
        start_response("406 Not Acceptable", [("Content-Type", "text/plain")])
        return [str(exc).encode()]
    if event.event == "failed" and event.severity == "permanent" and event.recipient:
        customer = CUSTOMERS.get(event.recipient.lower())
        if customer is not None:
            customer.bounced = True
    start_response("200 OK", [("Content-Type", "application/json")])
    return [json.dumps({"ok": True}).encode()]
