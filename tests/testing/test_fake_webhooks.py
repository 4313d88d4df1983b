"""Webhooks from the fake: delivered to WSGI apps, ASGI apps and callables, signed so verify_webhook accepts them."""

from __future__ import annotations

import json
from typing import Any

import pytest

import mailgun
from mailgun import Mailgun, WebhookVerificationError
from mailgun.testing import FakeMailgun
from mailgun.webhook_verification import verify_webhook

DOMAIN = "mg.example.com"
HOOK = "https://shop.example/hooks/mailgun"


class Received:
    """What an application's handler saw: the verified events, or the rejections."""

    def __init__(self, signing_key: str) -> None:
        self.signing_key = signing_key
        self.events: list[Any] = []
        self.paths: list[str] = []

    def handle(self, body: bytes, content_type: str) -> int:
        try:
            self.events.append(verify_webhook(body, self.signing_key, content_type=content_type))
        except WebhookVerificationError:
            return 406
        return 200

    def wsgi(self, environ: dict[str, Any], start_response: Any) -> list[bytes]:
        self.paths.append(environ["PATH_INFO"])
        body = environ["wsgi.input"].read(int(environ["CONTENT_LENGTH"]))
        status = self.handle(body, environ["CONTENT_TYPE"])
        start_response(f"{status} X", [("Content-Type", "text/plain")])
        return [b"ok" if status == 200 else b"rejected"]

    async def asgi(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        self.paths.append(scope["path"])
        message = await receive()
        content_type = dict(scope["headers"])[b"content-type"].decode()
        status = self.handle(message["body"], content_type)
        await send({"type": "http.response.start", "status": status, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})


def _send_two(client: Mailgun) -> None:
    client.bounces.add(DOMAIN, "gone@example.org")
    client.messages.send(
        DOMAIN, from_="s@mg.example.com", to=["ann@example.org", "gone@example.org"], subject="a", text="b"
    )


@pytest.mark.parametrize("kind", ["wsgi", "asgi", "callable"])
def test_events_reach_the_handler_signed(kind: str, mailgun_fake: FakeMailgun, mailgun_client: Mailgun) -> None:
    mailgun_client.webhooks.create(DOMAIN, "permanent_fail", HOOK)
    mailgun_client.webhooks.create(DOMAIN, "delivered", HOOK)
    _send_two(mailgun_client)
    app = Received(mailgun_fake.signing_key)
    target = {"wsgi": app.wsgi, "asgi": app.asgi, "callable": app.handle}[kind]
    deliveries = mailgun_fake.deliver_webhooks(target)
    assert [(d.webhook, d.status) for d in deliveries] == [("delivered", 200), ("permanent_fail", 200)]
    assert [(e.event, e.recipient, e.reason) for e in app.events] == [
        ("delivered", "ann@example.org", None),
        ("failed", "gone@example.org", "suppress-bounce"),
    ]
    if kind != "callable":
        assert app.paths == ["/hooks/mailgun", "/hooks/mailgun"]
    assert mailgun_fake.deliver_webhooks(target) == []  # only events since the last call


def test_no_webhook_no_delivery_and_a_wrong_key_is_rejected(mailgun_fake: FakeMailgun, mailgun_client: Mailgun) -> None:
    _send_two(mailgun_client)
    app = Received("not-the-signing-key")
    assert mailgun_fake.deliver_webhooks(app.handle) == []
    mailgun_client.webhooks.create(DOMAIN, "accepted", HOOK)
    mailgun_client.messages.send(DOMAIN, from_="s@mg.example.com", to="x@example.org", subject="a", text="b")
    [delivery] = mailgun_fake.deliver_webhooks(app.handle)
    assert (delivery.webhook, delivery.status, delivery.ok) == ("accepted", 406, False)


def test_webhook_payload_is_one_signed_body(mailgun_fake: FakeMailgun) -> None:
    body = mailgun_fake.webhook_payload("permanent_fail", recipient="bob@example.org")
    event = verify_webhook(body, mailgun_fake.signing_key, content_type="application/json")
    assert (event.event, event.recipient, event.severity) == ("failed", "bob@example.org", "permanent")
    assert json.loads(body)["event-data"]["recipient"] == "bob@example.org"


def test_v4_url_webhooks_and_the_signing_key(mailgun_fake: FakeMailgun, mailgun_client: Mailgun) -> None:
    mailgun_client.webhooks.create_for_events(DOMAIN, HOOK, ["delivered", "permanent_fail"])
    assert mailgun_client.webhooks.get(DOMAIN, "delivered").webhook.urls == [HOOK]
    mailgun_client.webhooks.update_for_events(DOMAIN, HOOK, ["permanent_fail"])
    _send_two(mailgun_client)
    key = mailgun_client.webhooks.signing_key().http_signing_key  # what an application may fetch at start-up
    assert key == mailgun_fake.signing_key
    app = Received(str(key))
    assert [d.webhook for d in mailgun_fake.deliver_webhooks(app.handle)] == ["permanent_fail"]
    assert [e.recipient for e in app.events] == ["gone@example.org"]
    mailgun_client.webhooks.delete_urls(DOMAIN, [HOOK])
    with pytest.raises(mailgun.NotFoundError):
        mailgun_client.webhooks.get(DOMAIN, "permanent_fail")


def test_kind_says_what_the_signature_does_not(mailgun_fake: FakeMailgun, mailgun_client: Mailgun) -> None:
    mailgun_client.webhooks.create(DOMAIN, "delivered", HOOK)
    mailgun_client.messages.send(DOMAIN, from_="s@mg.example.com", to="ann@example.org", subject="a", text="b")
    app = Received(mailgun_fake.signing_key)

    def terse_wsgi(e: dict[str, Any], s: Any) -> list[bytes]:  # WSGI, but its parameter names say nothing
        return app.wsgi(e, s)

    [delivery] = mailgun_fake.deliver_webhooks(terse_wsgi, kind="wsgi")
    assert delivery.status == 200 and app.paths == ["/hooks/mailgun"]
    with pytest.raises(ValueError, match="kind"):
        mailgun_fake.deliver_webhooks(terse_wsgi, kind="cgi")
