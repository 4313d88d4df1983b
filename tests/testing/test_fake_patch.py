"""The application builds its own clients (from MAILGUN_API_KEY): the plugin's fixtures route them to the fake."""

from __future__ import annotations

import os

import httpx
import pytest

import mailgun
from mailgun import AsyncMailgun, Mailgun
from mailgun.testing import FakeMailgun

DOMAIN = "mg.example.com"


def app_send(to: str) -> str:
    """An application's code: its own client, its own configuration."""
    with Mailgun(api_key=os.environ["MAILGUN_API_KEY"], region="eu", timeout=5) as client:
        return client.messages.send(DOMAIN, from_="shop@mg.example.com", to=to, subject="Hi", text="Hello").id


async def app_send_async(to: str) -> str:
    async with AsyncMailgun() as client:
        return (await client.messages.send(DOMAIN, from_="shop@mg.example.com", to=to, subject="Hi", text="x")).id


def test_the_applications_own_client_reaches_the_fake(mailgun_fake: FakeMailgun) -> None:
    message_id = app_send("ann@example.org")
    assert mailgun_fake.outbox.assert_sent(to="ann@example.org").id == message_id


def test_a_key_the_test_sets_itself_is_the_accounts_key(
    mailgun_fake: FakeMailgun, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MAILGUN_API_KEY", "key-from-the-test")
    app_send("bob@example.org")
    assert len(mailgun_fake.outbox) == 1
    with pytest.raises(mailgun.AuthenticationError), Mailgun(api_key="someone-elses") as other:
        other.domains.get(DOMAIN)


async def test_async_clients_too(mailgun_fake: FakeMailgun, async_mailgun_client: AsyncMailgun) -> None:
    message_id = await app_send_async("carol@example.org")
    assert mailgun_fake.outbox.assert_sent(to="carol@example.org").id == message_id
    mailgun_fake.fail_next(status=429, retry_after=2)
    await async_mailgun_client.messages.send(
        DOMAIN, from_="s@mg.example.com", to="d@example.org", subject="a", text="b"
    )
    assert len(mailgun_fake.outbox) == 2 and len(mailgun_fake.sleeps) == 1 and mailgun_fake.sleeps[0] >= 2
    mailgun_fake.fail_next(error=httpx.ReadTimeout)
    with pytest.raises(mailgun.APITimeoutError):
        await async_mailgun_client.messages.send(
            DOMAIN, from_="s@mg.example.com", to="e@example.org", subject="a", text="b"
        )
    assert len(mailgun_fake.outbox) == 2


def test_patch_ends_with_the_block(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MAILGUN_API_KEY", raising=False)
    fake = FakeMailgun()
    with fake.patch():
        assert os.environ["MAILGUN_API_KEY"] == fake.api_key
        app_send("ann@example.org")
    assert "MAILGUN_API_KEY" not in os.environ
    assert Mailgun.__init__ is not None and len(fake.outbox) == 1
    with Mailgun(api_key="k", base_url="http://127.0.0.1:9") as client:
        assert not isinstance(client._transport.http._transport, type(fake.transport()))


def test_no_socket_is_opened(mailgun_fake: FakeMailgun, monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the fake opened a socket")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    app_send("ann@example.org")
    assert len(mailgun_fake.outbox) == 1
