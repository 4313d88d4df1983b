"""client.api_keys: every method, sync and async, replayed from cassettes; a new key's secret never shows in a repr."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

import httpx
import pytest
from forms import form_of

from mailgun import ValidationError
from mailgun._secret import Secret

SECRET = "0123456789abcdef-fake-secret"


@pytest.mark.vcr
def test_list_api_keys(both: Any) -> None:
    keys = both(lambda c: c.api_keys.list(domain_name="example.com", kind="domain"))
    assert keys.total_count == 1
    key = keys.items[0]
    assert (key.id, key.kind, key.role, key.domain_name) == ("e2153fd0-e0277777", "domain", "sending", "example.com")
    assert key.expires_at.year == 2026
    assert key.is_disabled is False


@pytest.mark.vcr
def test_create_api_key(both: Any) -> None:
    created = both(lambda c: c.api_keys.create(role="sending", kind="domain", domain_name="example.com"))
    assert created.message == "great success"
    assert created.key.id == "e2153fd0-e0277777"
    assert created.key.created_at == dt.datetime(2025, 1, 2, 15, 4, 5, tzinfo=dt.timezone.utc)
    # The secret is the caller's, as a plain string...
    assert created.key.secret == SECRET
    assert f"{created.key.secret}" == SECRET and str(created.key.secret) == SECRET
    assert created.to_dict()["key"]["secret"] == SECRET
    # ...that no repr shows.
    assert isinstance(created.key.secret, Secret)
    assert SECRET not in repr(created) and SECRET not in repr(created.key)
    assert "<redacted>" in repr(created.key)


@pytest.mark.vcr
def test_delete_api_key(both: Any) -> None:
    assert both(lambda c: c.api_keys.delete("e2153fd0-e0277777")).message == "key deleted"


@pytest.mark.vcr
def test_regenerate_public_key(both: Any) -> None:
    result = both(lambda c: c.api_keys.regenerate_public_key())
    assert result.key == "pubkey-626b31f321228ddddddddddcc5a7a1c9"
    assert "regenerated" in result.message


def test_create_sends_the_fields_given(mock_api: Any) -> None:
    api = mock_api(lambda request: httpx.Response(200, json={"message": "ok", "key": {"secret": SECRET}}))
    api(lambda c: c.api_keys.create(role="admin", description="ci", expiration=3600))
    assert api.requests[0].headers["Content-Type"] == "application/x-www-form-urlencoded"  # no file: urlencoded
    assert form_of(api.requests[0]) == {"role": ["admin"], "description": ["ci"], "expiration": ["3600"]}


def test_the_secret_is_never_logged(mock_api: Any, caplog: pytest.LogCaptureFixture) -> None:
    api = mock_api(lambda request: httpx.Response(200, json={"key": {"secret": SECRET, "created_at": "bad"}}))
    with caplog.at_level(logging.DEBUG, logger="mailgun"):
        created = api(lambda c: c.api_keys.create(role="admin"))
    assert created.key.secret == SECRET
    assert SECRET not in caplog.text


def test_odd_values_around_the_secret_still_hide_it(mock_api: Any) -> None:
    api = mock_api(lambda request: httpx.Response(200, json={"message": 7, "key": {"secret": SECRET, "kind": 3}}))
    created = api(lambda c: c.api_keys.create(role="admin"))
    assert SECRET not in repr(created)


@pytest.mark.parametrize(
    ("call", "param"),
    [
        (lambda c: c.api_keys.create(role=""), "role"),
        (lambda c: c.api_keys.create(role="sending", kind="domain"), "domain_name"),
        (lambda c: c.api_keys.create(role="admin", expiration=0), "expiration"),
        (lambda c: c.api_keys.create(role="admin", email="a\nb"), "email"),
        (lambda c: c.api_keys.delete(""), "key_id"),
    ],
)
def test_bad_input_is_refused_before_sending(mock_api: Any, call: Any, param: str) -> None:
    api = mock_api(lambda request: pytest.fail(f"nothing may be sent: {request.url}"))
    with pytest.raises(ValidationError) as caught:
        api(call)
    assert caught.value.param == param
    assert api.requests == []
