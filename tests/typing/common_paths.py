"""The common paths, typed as users write them: no narrowing of what Mailgun always sends."""

from __future__ import annotations

import datetime
from typing import Any

from typing_extensions import assert_type  # typing.assert_type is 3.11+

from mailgun import Mailgun
from mailgun.types import (
    Bounce,
    Complaint,
    Domain,
    DomainDetails,
    DomainWebhooks,
    Event,
    LogEvent,
    MailingList,
    Route,
    SendResult,
    Template,
    Unsubscribe,
)


def suppressions(client: Mailgun) -> None:
    for bounce in client.bounces.list("mg.example.com"):
        assert_type(bounce, Bounce)
        assert_type(bounce.address, str)
        assert_type(bounce.created_at, datetime.datetime)
        print(bounce.address.lower(), bounce.created_at.isoformat(), bounce.code, bounce.error)
    for unsubscribe in client.unsubscribes.list("mg.example.com"):
        assert_type(unsubscribe, Unsubscribe)
        assert_type(unsubscribe.address, str)
        assert_type(unsubscribe.created_at, datetime.datetime)
    for complaint in client.complaints.list("mg.example.com"):
        assert_type(complaint, Complaint)
        assert_type(complaint.address, str)
        assert_type(complaint.created_at, datetime.datetime)
    one = client.bounces.get("mg.example.com", "user@example.com")
    assert_type(one, Bounce)
    print(one.address.upper())


def domains(client: Mailgun) -> None:
    for domain in client.domains.list():
        assert_type(domain, Domain)
        assert_type(domain.name, str)
        assert_type(domain.created_at, datetime.datetime)
        print(domain.name.upper(), domain.state, domain.type_, domain.created_at.year)
    details = client.domains.get("mg.example.com")
    assert_type(details, DomainDetails)
    assert_type(details.domain, Domain)
    print(details.domain.name.lower())


def sending(client: Mailgun) -> None:
    result = client.messages.send(
        "mg.example.com", from_="me@mg.example.com", to="you@example.org", subject="Hi", text="Hello"
    )
    assert_type(result, SendResult)
    assert_type(result.id, str)
    assert_type(result.message, str)
    print(result.id.strip("<>"), result.message.lower())


def logs_and_events(client: Mailgun) -> None:
    for event in client.logs.list():
        assert_type(event, LogEvent)
        assert_type(event.id, str)
        assert_type(event.timestamp, datetime.datetime)
        print(event.id, event.event, event.timestamp.isoformat())
    for legacy in client.events.list("mg.example.com"):
        assert_type(legacy, Event)
        assert_type(legacy.id, str)
        assert_type(legacy.timestamp, float)
        print(legacy.id.upper(), legacy.event, legacy.timestamp + 1)


def templates_lists_routes_webhooks(client: Mailgun) -> None:
    for template in client.templates.list("mg.example.com"):
        assert_type(template, Template)
        assert_type(template.name, str)
        assert_type(template.created_at, datetime.datetime)
    for mailing_list in client.mailing_lists.list():
        assert_type(mailing_list, MailingList)
        assert_type(mailing_list.address, str)
        assert_type(mailing_list.members_count, int)
        assert_type(mailing_list.created_at, datetime.datetime)
    for route in client.routes.list():
        assert_type(route, Route)
        assert_type(route.id, str)
        assert_type(route.expression, str)
        assert_type(route.actions, list[str])
        print(route.expression.lower(), ", ".join(route.actions))
    webhooks = client.webhooks.list("mg.example.com")
    assert_type(webhooks, DomainWebhooks)


def optional_fields_are_none_not_unset(bounce: Bounce, domain: Domain) -> None:
    # What Mailgun may omit is `X | None`: narrowing with `is not None` is all it takes.
    assert_type(domain.web_prefix, str | None)
    if domain.web_prefix is not None:
        print(domain.web_prefix.upper())
    assert_type(bounce.additional_properties, dict[str, Any])  # what the spec does not declare
