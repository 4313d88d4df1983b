"""client.domains: every method, sync and async, replayed from cassettes."""

from __future__ import annotations

import datetime as dt
from typing import Any

import httpx
import pytest

from mailgun import NotFoundError, ValidationError


@pytest.mark.vcr
def test_list_domains(both: Any) -> None:
    domains = both.collect(lambda c: c.domains.list(limit=2))
    assert [d.name for d in domains] == ["a.example.com", "b.example.com", "c.example.com"]
    assert domains[2].state == "unverified"
    assert domains[0].created_at == dt.datetime(2025, 2, 24, 22, 44, 3, tzinfo=dt.timezone.utc)


@pytest.mark.vcr
def test_get_domain(both: Any) -> None:
    details = both(lambda c: c.domains.get("example.com"))
    assert details.domain.name == "example.com"
    assert details.domain.message_ttl == 259200
    assert details.sending_dns_records[0].value == "v=spf1 include:mailgun.org ~all"
    assert details.receiving_dns_records[0].priority == "10"


@pytest.mark.vcr
def test_create_domain(both: Any) -> None:
    created = both(lambda c: c.domains.create("new.example.com", spam_action="tag", wildcard=False, web_scheme="https"))
    assert created.domain.name == "new.example.com"
    assert created.message == "Domain DNS records have been created"


@pytest.mark.vcr
def test_update_domain(both: Any) -> None:
    updated = both(lambda c: c.domains.update("example.com", spam_action="tag"))
    assert updated.domain.spam_action == "tag"


@pytest.mark.vcr
def test_verify_domain(both: Any) -> None:
    verified = both(lambda c: c.domains.verify("example.com"))
    assert verified.domain.state == "active"


@pytest.mark.vcr
def test_delete_domain(both: Any) -> None:
    assert both(lambda c: c.domains.delete("example.com")).message == "Domain has been deleted"


@pytest.mark.vcr
def test_missing_domain_is_not_found(both: Any) -> None:
    with pytest.raises(NotFoundError, match="Domain not found"):
        both(lambda c: c.domains.get("missing.example.com"))


@pytest.mark.parametrize(
    ("call", "param"),
    [
        (lambda c: c.domains.get(""), "name"),
        (lambda c: c.domains.create("x.example.com", wildcard="yes"), "wildcard"),
        (lambda c: c.domains.update("example.com"), "name"),
        (lambda c: c.domains.list(limit=0), "limit"),
    ],
)
def test_bad_input_is_refused_before_sending(mock_api: Any, call: Any, param: str) -> None:
    api = mock_api(lambda request: pytest.fail(f"nothing may be sent: {request.url}"))
    with pytest.raises(ValidationError) as caught:
        result = api(call)
        api.collect(lambda c: result)
    assert caught.value.param == param
    assert api.requests == []


def test_raw_response_of_a_method(mock_api: Any) -> None:
    api = mock_api(lambda request: httpx.Response(200, json={"message": "ok"}, headers={"X-RateLimit-Remaining": "9"}))
    raw = api(lambda c: c.domains.delete.with_raw_response("example.com"))
    assert raw.status_code == 200 and raw.headers["x-ratelimit-remaining"] == "9"
    assert raw.parse().message == "ok"
