"""FakeMailgun: sends land in the outbox as Mailgun stores them; suppressions, events, logs, faults, auth."""

from __future__ import annotations

import email.message

import httpx
import pytest

import mailgun
from mailgun import Mailgun
from mailgun.testing import FakeMailgun

DOMAIN = "mg.example.com"
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n\x00\xff binary"


def test_a_send_lands_in_the_outbox_with_every_field_and_attachment_byte(
    mailgun_client: Mailgun, mailgun_fake: FakeMailgun
) -> None:
    result = mailgun_client.messages.send(
        DOMAIN,
        from_="Shop <shop@mg.example.com>",
        to=["ann@example.org", "Bob <bob@example.org>"],
        cc="carol@example.org",
        bcc=["dave@example.org"],
        subject="Your order",
        text="Thanks",
        html="<p>Thanks</p>",
        tags=["orders", "pdf"],
        headers={"X-Order": "1001"},
        variables={"order_id": "1001", "cart": {"items": 2}},
        attachments=[("invoice.pdf", PDF, "application/pdf")],
        inline=[("logo.png", b"\x89PNG\r\n", "image/png")],
        test_mode=True,
    )
    message = mailgun_fake.outbox.assert_sent(to="ann@example.org", subject="Your order")
    assert message.id == result.id and message.id.startswith("<") and message.id.endswith("@mg.example.com>")
    assert message.from_ == "Shop <shop@mg.example.com>"
    assert message.to == ["ann@example.org", "Bob <bob@example.org>"]
    assert (message.cc, message.bcc) == (["carol@example.org"], ["dave@example.org"])
    assert (message.text, message.html, message.tags) == ("Thanks", "<p>Thanks</p>", ["orders", "pdf"])
    assert message.headers == {"X-Order": "1001"}
    assert message.variables == {"order_id": "1001", "cart": {"items": 2}}
    assert message.test_mode is True
    [attachment] = message.attachments
    assert (attachment.filename, attachment.content, attachment.content_type) == ("invoice.pdf", PDF, "application/pdf")
    assert [(i.filename, i.content) for i in message.inline] == [("logo.png", b"\x89PNG\r\n")]


def test_assert_sent_fails_with_a_diff_of_the_closest_message(
    mailgun_client: Mailgun, mailgun_fake: FakeMailgun
) -> None:
    mailgun_client.messages.send(DOMAIN, from_="shop@mg.example.com", to="ann@example.org", subject="Hello", text="x")
    with pytest.raises(AssertionError) as failure:
        mailgun_fake.outbox.assert_sent(to="ann@example.org", subject="Goodbye")
    text = str(failure.value)
    assert "-  'subject': 'Goodbye'" in text.replace("{", " ").replace("}", "") or "Goodbye" in text
    assert "+" in text and "Hello" in text
    mailgun_fake.outbox.clear()
    assert len(mailgun_fake.outbox) == 0


def test_batch_sends_expand_per_recipient_with_their_variables(
    mailgun_client: Mailgun, mailgun_fake: FakeMailgun
) -> None:
    batch = mailgun_client.messages.send_batch(
        DOMAIN,
        recipients={"ann@example.org": {"first": "Ann"}, "bob@example.org": {"first": "Bob"}},
        from_="shop@mg.example.com",
        subject="Hi %recipient.first%",
        text="Hello %recipient.first%!",
    )
    assert batch.ok
    assert mailgun_fake.outbox.assert_sent(to="ann@example.org").text == "Hello Ann!"
    assert mailgun_fake.outbox.assert_sent(to="bob@example.org").subject == "Hi Bob"
    assert len(mailgun_fake.outbox) == 2


def test_mime_sends_are_parsed(mailgun_client: Mailgun, mailgun_fake: FakeMailgun) -> None:
    mime = email.message.EmailMessage()
    mime["From"], mime["To"], mime["Subject"] = "shop@mg.example.com", "ann@example.org", "Invoice"
    mime["X-Shop"] = "yes"
    mime.set_content("Your invoice.\n")
    mime.add_attachment(PDF, maintype="application", subtype="pdf", filename="invoice.pdf")
    mailgun_client.messages.send_mime(DOMAIN, to="ann@example.org", mime=mime)
    message = mailgun_fake.outbox.assert_sent(subject="Invoice")
    assert message.text == "Your invoice.\n" and message.headers["X-Shop"] == "yes"
    assert [(a.filename, a.content) for a in message.attachments] == [("invoice.pdf", PDF)]


def test_a_suppressed_recipient_is_accepted_then_fails(mailgun_client: Mailgun, mailgun_fake: FakeMailgun) -> None:
    mailgun_client.bounces.add(DOMAIN, "gone@example.org", code=550, error="mailbox does not exist")
    mailgun_client.unsubscribes.add(DOMAIN, "news@example.org", tag="newsletter")
    mailgun_client.messages.send(DOMAIN, from_="s@mg.example.com", to="gone@example.org", subject="a", text="b")
    mailgun_client.messages.send(DOMAIN, from_="s@mg.example.com", to="news@example.org", subject="a", text="b")
    mailgun_client.messages.send(
        DOMAIN, from_="s@mg.example.com", to="news@example.org", subject="a", text="b", tags=["newsletter"]
    )
    assert len(mailgun_fake.outbox) == 3  # Mailgun accepts all three
    failed = list(mailgun_client.logs.list(events=["failed"]))
    assert [(e.recipient, e.severity, e.reason) for e in failed] == [
        ("news@example.org", "permanent", "suppress-unsubscribe"),
        ("gone@example.org", "permanent", "suppress-bounce"),
    ]
    delivered = list(mailgun_client.logs.list(events=["delivered"]))
    assert [e.recipient for e in delivered] == ["news@example.org"]


def test_events_and_metrics_count_what_was_sent(mailgun_client: Mailgun) -> None:
    for n in range(3):
        mailgun_client.messages.send(DOMAIN, from_="s@mg.example.com", to=f"u{n}@example.org", subject="a", text="b")
    with pytest.warns(mailgun.MailgunDeprecationWarning):
        pager = mailgun_client.events.list(DOMAIN, event="delivered", limit=2)
    assert sorted(e.recipient for e in pager) == ["u0@example.org", "u1@example.org", "u2@example.org"]
    import datetime as dt

    now = dt.datetime.now(dt.timezone.utc)
    metrics = mailgun_client.metrics.query(
        start=now - dt.timedelta(days=1),
        end=now + dt.timedelta(hours=1),
        metrics=["accepted_count", "delivered_count"],
        include_aggregates=True,
    )
    assert metrics.aggregates.metrics.accepted_count == 3
    assert metrics.aggregates.metrics.delivered_count == 3


def test_mailgun_refusals_have_mailgun_bodies(mailgun_fake: FakeMailgun) -> None:
    with mailgun_fake.client(api_key="wrong-key") as bad, pytest.raises(mailgun.AuthenticationError):
        bad.domains.list().iter_pages().__next__()
    with mailgun_fake.client() as client:
        with pytest.raises(mailgun.NotFoundError, match="Domain not found"):
            client.messages.send(
                "other.example.com", from_="a@other.example.com", to="b@example.org", subject="s", text="t"
            )
        with pytest.raises(mailgun.BadRequestError) as missing_from:
            client.request("POST", f"/v3/{DOMAIN}/messages", data={"to": "b@example.org", "text": "t"})
        assert missing_from.value.body == {"message": "from parameter is missing"}
        with pytest.raises(mailgun.BadRequestError) as missing_to:
            client.request("POST", f"/v3/{DOMAIN}/messages", data={"from": "a@mg.example.com", "text": "t"})
        assert missing_to.value.body == {"message": "to parameter is missing"}


def test_faults_a_429_is_retried_and_a_503_on_a_send_is_not(mailgun_client: Mailgun, mailgun_fake: FakeMailgun) -> None:
    mailgun_fake.fail_next(status=429, retry_after=1)
    mailgun_client.messages.send(DOMAIN, from_="s@mg.example.com", to="a@example.org", subject="a", text="b")
    assert len(mailgun_fake.outbox) == 1 and mailgun_fake.sleeps and mailgun_fake.sleeps[0] >= 1
    mailgun_fake.fail_next(status=503, route="POST /v3/*/messages")
    with pytest.raises(mailgun.InternalServerError) as failure:
        mailgun_client.messages.send(DOMAIN, from_="s@mg.example.com", to="b@example.org", subject="a", text="b")
    assert failure.value.attempts == 1 and len(mailgun_fake.outbox) == 1
    mailgun_fake.fail_next(error=httpx.ReadTimeout, applied=True)
    with pytest.raises(mailgun.APITimeoutError):
        mailgun_client.messages.send(DOMAIN, from_="s@mg.example.com", to="c@example.org", subject="a", text="b")
    assert len(mailgun_fake.outbox) == 2  # queued once, never twice


def test_rate_limit_headers_and_their_429(mailgun_client: Mailgun, mailgun_fake: FakeMailgun) -> None:
    mailgun_fake.set_rate_limit(100, remaining=1, reset=30)
    raw = mailgun_client.domains.get.with_raw_response(DOMAIN)
    assert raw.headers["X-RateLimit-Limit"] == "100" and raw.headers["X-RateLimit-Remaining"] == "0"
    with mailgun_fake.client(max_retries=0) as once, pytest.raises(mailgun.RateLimitError) as limited:
        once.domains.get(DOMAIN)
    assert limited.value.retry_after == 30


def test_nothing_of_the_kit_is_imported_by_import_mailgun() -> None:
    import subprocess
    import sys

    code = (
        "import sys, mailgun; "
        "print(sorted(m for m in sys.modules if m.startswith(('mailgun.testing', 'jsonschema', 'referencing'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
    # The pytest plugin (loaded by every pytest run where the SDK is installed) loads the fake only when used.
    plugin = code.replace("import sys, mailgun;", "import sys, mailgun.testing.pytest_plugin;")
    out = subprocess.run([sys.executable, "-c", plugin], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['mailgun.testing', 'mailgun.testing.pytest_plugin']"


def test_a_failed_batch_chunk_never_hides_the_others(mailgun_client: Mailgun, mailgun_fake: FakeMailgun) -> None:
    """The SDK's batch promise, checked against the fake's state rather than a stub's call log."""
    recipients = {f"user{n}@example.org": {"n": str(n)} for n in range(5)}
    mailgun_fake.fail_next(status=503, route="POST /v3/{domain_name}/messages")
    batch = mailgun_client.messages.send_batch(
        DOMAIN, recipients=recipients, chunk_size=2, from_="s@mg.example.com", subject="No %recipient.n%", text="x"
    )
    assert [chunk.index for chunk in batch.failed] == [0]
    assert list(batch.failed[0].recipients) == ["user0@example.org", "user1@example.org"]
    assert sorted(m.subject or "" for m in mailgun_fake.outbox) == ["No 2", "No 3", "No 4"]


def test_a_bare_address_finds_it_with_its_display_name(mailgun_client: Mailgun, mailgun_fake: FakeMailgun) -> None:
    mailgun_client.messages.send(
        DOMAIN, from_="Shop <shop@mg.example.com>", to="Ann Smith <Ann@Example.org>", subject="s", text="t"
    )
    assert mailgun_fake.outbox.assert_sent(to="ann@example.org", from_="shop@mg.example.com")
    assert mailgun_fake.outbox.assert_sent(to=["Ann Smith <Ann@Example.org>"])
    assert mailgun_fake.outbox.find(to="Bob <ann@example.org>") == []  # a display name given must match
