"""`client.api.<group>.<operation>(...)`: every operation as the spec describes it, returning the public models."""

from __future__ import annotations

import datetime

from typing_extensions import assert_type

from mailgun import AsyncMailgun, Mailgun
from mailgun.types import Bounce, BouncesPage, DomainDetails


def sync_api(client: Mailgun) -> None:
    page = client.api.bounces.get_domain_name_bounces("mg.example.com", limit=10)
    assert_type(page, BouncesPage)
    assert_type(page.items, list[Bounce])
    for bounce in page.items:
        assert_type(bounce.address, str)
        assert_type(bounce.created_at, datetime.datetime)
    details = client.api.domains.get_domains_name("mg.example.com")
    assert_type(details, DomainDetails)
    assert_type(details.domain.name, str)


async def async_api(client: AsyncMailgun) -> None:
    details = await client.api.domains.get_domains_name("mg.example.com")
    assert_type(details, DomainDetails)
    assert_type(details.domain.created_at, datetime.datetime)
