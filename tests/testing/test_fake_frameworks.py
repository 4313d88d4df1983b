"""deliver_webhooks() into the real web frameworks (where installed): Flask (WSGI) and Starlette (ASGI)."""

from __future__ import annotations

from typing import Any

import pytest

from mailgun import Mailgun
from mailgun.testing import FakeMailgun
from mailgun.webhook_verification import verify_webhook

DOMAIN = "mg.example.com"


def _bounce(client: Mailgun) -> None:
    client.webhooks.create(DOMAIN, "permanent_fail", "https://shop.example/hooks/mailgun?source=mg")
    client.bounces.add(DOMAIN, "gone@example.org")
    client.messages.send(DOMAIN, from_="s@mg.example.com", to="gone@example.org", subject="a", text="b")


def test_flask(mailgun_fake: FakeMailgun, mailgun_client: Mailgun) -> None:
    flask = pytest.importorskip("flask")
    app = flask.Flask("shop")
    seen: list[Any] = []

    @app.post("/hooks/mailgun")
    def hook() -> tuple[str, int]:
        assert flask.request.args["source"] == "mg"
        seen.append(
            verify_webhook(flask.request.get_data(), mailgun_fake.signing_key, content_type=flask.request.content_type)
        )
        return "ok", 200

    _bounce(mailgun_client)
    [delivery] = mailgun_fake.deliver_webhooks(app)
    assert (delivery.status, delivery.response) == (200, b"ok")
    assert [(e.event, e.recipient) for e in seen] == [("failed", "gone@example.org")]


def test_starlette(mailgun_fake: FakeMailgun, mailgun_client: Mailgun) -> None:
    pytest.importorskip("starlette")
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import PlainTextResponse
    from starlette.routing import Route

    seen: list[Any] = []

    async def hook(request: Request) -> PlainTextResponse:
        body = await request.body()
        seen.append(verify_webhook(body, mailgun_fake.signing_key, content_type=request.headers["content-type"]))
        return PlainTextResponse("ok")

    app = Starlette(routes=[Route("/hooks/mailgun", hook, methods=["POST"])])
    _bounce(mailgun_client)
    [delivery] = mailgun_fake.deliver_webhooks(app)
    assert (delivery.status, delivery.response) == (200, b"ok")
    assert [(e.event, e.recipient) for e in seen] == [("failed", "gone@example.org")]
