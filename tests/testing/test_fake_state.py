"""State the fake keeps per domain and account: changed only through the API, read back through it."""

from __future__ import annotations

import pytest

import mailgun
from mailgun import AsyncMailgun, Mailgun
from mailgun.testing import FakeMailgun

DOMAIN = "mg.example.com"


def test_domains(mailgun_client: Mailgun, mailgun_fake: FakeMailgun) -> None:
    mailgun_client.domains.create("news.example.com")
    assert sorted(d.name for d in mailgun_client.domains.list()) == ["mg.example.com", "news.example.com"]
    assert mailgun_client.domains.get("news.example.com").domain.state == "unverified"
    mailgun_client.domains.verify("news.example.com")
    mailgun_client.domains.update("news.example.com", spam_action="tag")
    news = mailgun_client.domains.get("news.example.com").domain
    assert (news.state, news.spam_action) == ("active", "tag")
    mailgun_client.messages.send(
        "news.example.com", from_="a@news.example.com", to="b@example.org", subject="s", text="t"
    )
    assert mailgun_fake.outbox.assert_sent(domain="news.example.com")


def test_suppressions_round_trip_and_page(mailgun_client: Mailgun) -> None:
    mailgun_client.bounces.add_many(DOMAIN, [f"user{n:02}@example.org" for n in range(25)])
    assert len(list(mailgun_client.bounces.list(DOMAIN, limit=10))) == 25
    mailgun_client.bounces.delete(DOMAIN, "user00@example.org")
    with pytest.raises(mailgun.NotFoundError):
        mailgun_client.bounces.get(DOMAIN, "user00@example.org")
    mailgun_client.allowlist.add(DOMAIN, "partner.example")
    mailgun_client.bounces.add(DOMAIN, "qa@partner.example")  # never bounced: the domain is allowlisted
    with pytest.raises(mailgun.NotFoundError):
        mailgun_client.bounces.get(DOMAIN, "qa@partner.example")
    mailgun_client.complaints.import_csv(DOMAIN, b"address,created_at\nangry@example.org,\n")
    assert [c.address for c in mailgun_client.complaints.list(DOMAIN)] == ["angry@example.org"]


def test_templates_and_versions(mailgun_client: Mailgun) -> None:
    mailgun_client.templates.create(DOMAIN, "welcome", template="<p>Hi {{name}}</p>", description="greeting")
    mailgun_client.templates.create_version(DOMAIN, "welcome", template="<p>Hello {{name}}</p>", tag="v2", active=True)
    template = mailgun_client.templates.get(DOMAIN, "welcome", active=True)
    assert template.name == "welcome" and template.version.tag == "v2"
    assert [t.name for t in mailgun_client.templates.list(DOMAIN)] == ["welcome"]
    mailgun_client.templates.copy_version(DOMAIN, "welcome", "v2", "v3")
    mailgun_client.templates.update_version(DOMAIN, "welcome", "v3", template="<p>Hey {{name}}</p>", active=True)
    mailgun_client.templates.delete_version(DOMAIN, "welcome", "v2")
    assert [v.tag for v in mailgun_client.templates.list_versions(DOMAIN, "welcome")] == ["initial", "v3"]
    assert mailgun_client.templates.get(DOMAIN, "welcome", active=True).version.template == "<p>Hey {{name}}</p>"
    mailgun_client.templates.delete(DOMAIN, "welcome")
    with pytest.raises(mailgun.NotFoundError):
        mailgun_client.templates.get(DOMAIN, "welcome")


def test_mailing_lists_and_members(mailgun_client: Mailgun) -> None:
    mailgun_client.mailing_lists.create("news@mg.example.com", name="News")
    mailgun_client.mailing_lists.add_member("news@mg.example.com", "ann@example.org", name="Ann", vars={"vip": True})
    mailgun_client.mailing_lists.add_members("news@mg.example.com", ["bob@example.org", "carol@example.org"])
    members = list(mailgun_client.mailing_lists.list_members("news@mg.example.com"))
    assert sorted(m.address for m in members) == ["ann@example.org", "bob@example.org", "carol@example.org"]
    ann = mailgun_client.mailing_lists.get_member("news@mg.example.com", "ann@example.org")
    assert (ann.name, ann.vars_.additional_properties) == ("Ann", {"vip": True})
    assert mailgun_client.mailing_lists.get("news@mg.example.com").members_count == 3


def test_routes(mailgun_client: Mailgun) -> None:
    route = mailgun_client.routes.create(expression="match_recipient('.*@mg.example.com')", actions=["stop()"])
    assert [r.id for r in mailgun_client.routes.list()] == [route.route.id]
    mailgun_client.routes.delete(route.route.id)
    assert list(mailgun_client.routes.list()) == []


def test_tags_appear_when_used(mailgun_client: Mailgun) -> None:
    mailgun_client.messages.send(
        DOMAIN, from_="a@mg.example.com", to="b@example.org", subject="s", text="t", tags=["promo"]
    )
    with pytest.warns(mailgun.MailgunDeprecationWarning):  # Mailgun deprecated the v3 tags listing
        tags = list(mailgun_client.tags_v3.list(DOMAIN))
    assert [t.tag for t in tags] == ["promo"]


def test_operations_the_fake_does_not_model_answer_the_specs_example(mailgun_client: Mailgun) -> None:
    pools = mailgun_client.ip_pools.list()
    assert pools is not None


async def test_the_async_client_sees_the_same_state(
    async_mailgun_client: AsyncMailgun, mailgun_fake: FakeMailgun
) -> None:
    await async_mailgun_client.unsubscribes.add(DOMAIN, "ann@example.org")
    await async_mailgun_client.messages.send(
        DOMAIN, from_="a@mg.example.com", to="ann@example.org", subject="s", text="t"
    )
    failed = [e async for e in async_mailgun_client.logs.list(events=["failed"])]
    assert [(e.recipient, e.reason) for e in failed] == [("ann@example.org", "suppress-unsubscribe")]
    assert mailgun_fake.domain().suppressions["unsubscribes"]["ann@example.org"]["tags"] == ["*"]
