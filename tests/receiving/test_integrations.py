"""The framework adapters, run with each framework's own test client: 200 for a good post (or the handler's
answer), 403 for a bad signature or a replay, 503 when the token store is down, 400/413 for bad inbound posts;
never 406 (Mailgun stops retrying after it)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import redis.asyncio

from mailgun.inbound import InboundLimits, InboundMessage
from mailgun.webhook_verification import (
    AsyncRedisTokenStore,
    InMemoryTokenStore,
    RedisTokenStore,
    WebhookEvent,
)

from .frameworks import FRAMEWORKS, Client, Route, plain_response
from .inbound_posts import PDF_BYTES, PNG_BYTES, mime_post, parsed_multipart, parsed_urlencoded
from .signing import FORM_CT, JSON_CT, KEY, PRIMARY_KEY, SUBACCOUNT_KEY, form_webhook, json_webhook, signature_block

UNREACHABLE_REDIS = "redis://127.0.0.1:1/0"  # nothing listens on port 1: connections are refused at once


@pytest.fixture(params=sorted(FRAMEWORKS))
def framework(request: pytest.FixtureRequest) -> str:
    pytest.importorskip(request.param)
    return str(request.param)


class Recorder:
    """A handler that remembers what it was given (and copies attachment bytes, as the files close after it)."""

    def __init__(self, answer: Callable[[], Any] | None = None) -> None:
        self.received: list[Any] = []
        self.attachments: list[tuple[str | None, bytes]] = []
        self._answer = answer
        self.__name__ = f"recorder_{id(self)}"

    def __call__(self, request: object, received: WebhookEvent | InboundMessage) -> Any:
        self.received.append(received)
        if isinstance(received, InboundMessage):
            self.attachments += [(a.filename, a.content) for a in received.attachments]
        return self._answer() if self._answer else None


def app(framework: str, *routes: Route) -> Client:
    return FRAMEWORKS[framework](list(routes))


def multipart_webhook(key: str = KEY) -> tuple[bytes, str]:
    import httpx

    fields = {"event": "delivered", "recipient": "alice@example.com", **signature_block(key)}
    request = httpx.Request("POST", "http://127.0.0.1/", files={name: (None, value) for name, value in fields.items()})
    return request.read(), request.headers["content-type"]


@pytest.mark.parametrize("shape", ["json", "urlencoded", "multipart"])
def test_a_good_webhook_gets_200_and_reaches_the_handler(framework: str, shape: str) -> None:
    handler = Recorder()
    client = app(framework, ("/events", "webhook", handler, {"signing_key": KEY, "token_store": InMemoryTokenStore()}))
    body, content_type = {
        "json": lambda: (json_webhook(), JSON_CT),
        "urlencoded": lambda: (form_webhook(), FORM_CT),
        "multipart": multipart_webhook,
    }[shape]()
    assert client.post("/events", body, content_type).status == 200
    (event,) = handler.received
    assert (event.event, event.recipient, event.verified_by) == ("delivered", "alice@example.com", "signature")
    # The same post again is a replay: refused with 403 (Mailgun keeps retrying a 403 for a while, never a 406).
    assert client.post("/events", body, content_type).status == 403
    assert len(handler.received) == 1


@pytest.mark.parametrize("shape", ["json", "urlencoded"])
def test_a_forged_webhook_gets_403_and_never_reaches_the_handler(framework: str, shape: str) -> None:
    handler = Recorder()
    client = app(framework, ("/events", "webhook", handler, {"signing_key": KEY}))
    forged = json_webhook("key-of-an-attacker") if shape == "json" else form_webhook("key-of-an-attacker")
    answer = client.post("/events", forged, JSON_CT if shape == "json" else FORM_CT)
    assert (answer.status, answer.text) == (403, "webhook signature rejected")
    assert client.post("/events", b"not a webhook", "text/plain").status == 403
    assert handler.received == []


@pytest.mark.parametrize("shape", ["json", "urlencoded"])
def test_an_unreachable_token_store_gets_503(framework: str, shape: str) -> None:
    handler = Recorder()
    store = RedisTokenStore.from_url(UNREACHABLE_REDIS, timeout=0.5)
    client = app(framework, ("/events", "webhook", handler, {"signing_key": KEY, "token_store": store}))
    body = json_webhook() if shape == "json" else form_webhook()
    answer = client.post("/events", body, JSON_CT if shape == "json" else FORM_CT)
    assert (answer.status, answer.text) == (503, "token store unavailable, retry later")
    assert handler.received == []


def test_the_handlers_own_answer_is_returned(framework: str) -> None:
    handler = Recorder(lambda: plain_response(framework, 202, "queued"))
    client = app(framework, ("/events", "webhook", handler, {"signing_key": KEY}))
    answer = client.post("/events", json_webhook(), JSON_CT)
    assert (answer.status, answer.text) == (202, "queued")


def test_the_primary_key_alone_verifies_a_subaccount_webhook(framework: str) -> None:
    handler = Recorder()
    client = app(framework, ("/events", "webhook", handler, {"parent_signing_key": PRIMARY_KEY}))
    body = json_webhook(SUBACCOUNT_KEY, parent_key=PRIMARY_KEY)
    assert client.post("/events", body, JSON_CT).status == 200
    assert handler.received[0].verified_by == "parent-signature"
    assert client.post("/events", json_webhook(SUBACCOUNT_KEY), JSON_CT).status == 403  # no parent-signature


def test_two_workers_sharing_redis_accept_a_webhook_once(framework: str, redis_url: str) -> None:
    # Two views, each with its own store and connection (as two worker processes would have), on one Redis.
    # (One app: Django's URLconf is per process.)
    first, second = Recorder(), Recorder()
    client = app(
        framework,
        ("/a/events", "webhook", first, {"signing_key": KEY, "token_store": _store(framework, redis_url)}),
        ("/b/events", "webhook", second, {"signing_key": KEY, "token_store": _store(framework, redis_url)}),
    )
    body = json_webhook()
    assert client.post("/a/events", body, JSON_CT).status == 200
    assert client.post("/b/events", body, JSON_CT).status == 403
    assert (len(first.received), len(second.received)) == (1, 0)


def _store(framework: str, url: str) -> RedisTokenStore:
    return RedisTokenStore.from_url(url)  # every adapter takes the sync store; Starlette the async one too (below)


async def test_starlette_with_the_async_redis_store(redis_url: str) -> None:
    pytest.importorskip("starlette")
    import httpx
    from starlette.applications import Starlette
    from starlette.routing import Route as StarletteRoute

    from mailgun.integrations.starlette import inbound_view, webhook_view

    client = redis.asyncio.Redis.from_url(redis_url)
    store = AsyncRedisTokenStore(client)
    events, messages = Recorder(), Recorder()
    application = Starlette(
        routes=[
            StarletteRoute("/events", webhook_view(events, signing_key=KEY, token_store=store), methods=["POST"]),
            StarletteRoute("/inbound", inbound_view(messages, signing_key=KEY, token_store=store), methods=["POST"]),
        ]
    )
    transport = httpx.ASGITransport(app=application)
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as http:
        body = json_webhook()
        first = await http.post("/events", content=body, headers={"content-type": JSON_CT})
        again = await http.post("/events", content=body, headers={"content-type": JSON_CT})
        inbound, content_type = parsed_multipart()
        posted = await http.post("/inbound", content=inbound, headers={"content-type": content_type})
    await client.aclose()
    assert (first.status_code, again.status_code, posted.status_code) == (200, 403, 200)
    assert messages.attachments == [("résumé.pdf", PDF_BYTES), ("logo.png", PNG_BYTES)]


def test_an_inbound_post_with_attachments_reaches_the_handler(framework: str) -> None:
    handler = Recorder()
    store = InMemoryTokenStore()
    client = app(framework, ("/inbound", "inbound", handler, {"signing_key": KEY, "token_store": store}))
    body, content_type = parsed_multipart()
    assert client.post("/inbound", body, content_type).status == 200
    (message,) = handler.received
    assert message.subject == "Re: your order #42 — thanks"
    assert message.stripped_text == "Thanks, it arrived!"
    assert handler.attachments == [("résumé.pdf", PDF_BYTES), ("logo.png", PNG_BYTES)]
    assert all(attachment.file.closed for attachment in message.attachments)  # closed once the handler returned
    assert client.post("/inbound", body, content_type).status == 403  # replayed


@pytest.mark.parametrize("post", [parsed_urlencoded, mime_post], ids=["urlencoded", "mime"])
def test_inbound_urlencoded_and_mime_posts(framework: str, post: Callable[[], tuple[bytes, str]]) -> None:
    handler = Recorder()
    client = app(framework, ("/inbound", "inbound", handler, {"signing_key": KEY}))
    assert client.post("/inbound", *post()).status == 200
    assert handler.received[0].from_ == "Bob Lee <bob@example.org>"


def test_bad_inbound_posts_get_403_413_400_and_503(framework: str) -> None:
    handler = Recorder()
    down = RedisTokenStore.from_url(UNREACHABLE_REDIS, timeout=0.5)
    client = app(
        framework,
        ("/inbound", "inbound", handler, {"signing_key": KEY}),
        ("/small", "inbound", handler, {"signing_key": KEY, "limits": InboundLimits(max_attachment_size=100)}),
        ("/down", "inbound", handler, {"signing_key": KEY, "token_store": down}),
    )
    body, content_type = parsed_multipart()
    assert client.post("/small", body, content_type).status == 413
    assert client.post("/down", body, content_type).status == 503
    forged, forged_type = parsed_multipart(_forged_fields())
    assert client.post("/inbound", forged, forged_type).status == 403
    assert client.post("/inbound", b"{}", JSON_CT).status == 400
    assert handler.received == []


def _forged_fields() -> dict[str, str]:
    from .inbound_posts import parsed_fields

    return parsed_fields(**signature_block("key-of-an-attacker"))


def test_a_view_without_any_key_is_a_configuration_error(framework: str) -> None:
    with pytest.raises(ValueError, match="signing_key"):
        app(framework, ("/events", "webhook", Recorder(), {}))


def test_importing_mailgun_imports_no_framework() -> None:
    import subprocess
    import sys

    code = (
        "import sys, mailgun, mailgun.webhook_verification, mailgun.inbound\n"
        "print(sorted(m for m in ('django', 'flask', 'starlette', 'fastapi', 'redis') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert out.stdout.strip() == "[]"
