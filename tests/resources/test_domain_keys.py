"""client.domain_keys: every method, sync and async, replayed from cassettes."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from forms import form_of

from mailgun import BadRequestError, NotFoundError, ValidationError


@pytest.mark.vcr
def test_list_keys(both: Any) -> None:
    keys = both.collect(lambda c: c.domain_keys.list(signing_domain="example.com", limit=2))
    assert [k.selector for k in keys] == ["s1", "s2", "s3"]
    assert keys[0].signing_domain == "example.com"
    assert keys[0].dns_record.is_active is True
    assert keys[1].dns_record.name == "s2._domainkey.example.com"
    assert keys[2].dns_record.value == "k=rsa; p=MIGfMA0S3"


@pytest.mark.vcr
def test_keys_for_domain(both: Any) -> None:
    keys = both(lambda c: c.domain_keys.for_domain("example.com"))
    assert [k.selector for k in keys.items] == ["mailo1", "s1"]
    assert keys.items[1].dns_record.valid == "valid"


@pytest.mark.vcr
def test_create_key(both: Any) -> None:
    key = both(lambda c: c.domain_keys.create("example.com", "s4", bits=2048))
    assert key.selector == "s4"
    assert key.dns_record.record_type == "TXT"
    assert key.dns_record.value.startswith("k=rsa; p=")


@pytest.mark.vcr
def test_delete_key(both: Any) -> None:
    assert both(lambda c: c.domain_keys.delete("example.com", "s2")).message == "success"


@pytest.mark.vcr
def test_activate_key(both: Any) -> None:
    result = both(lambda c: c.domain_keys.activate("example.com", "s2"))
    assert result.message == "domain key activated"
    assert (result.authority, result.selector, result.active) == ("example.com", "s2", True)


@pytest.mark.vcr
def test_deactivate_key(both: Any) -> None:
    assert both(lambda c: c.domain_keys.deactivate("example.com", "s1")).message == "domain key deactivated"


@pytest.mark.vcr
def test_unknown_key_is_not_found(both: Any) -> None:
    with pytest.raises(NotFoundError, match="domain key not found"):
        both(lambda c: c.domain_keys.activate("example.com", "nope"))


@pytest.mark.vcr
def test_set_authority(both: Any) -> None:
    result = both(lambda c: c.domain_keys.set_authority("news.example.com", self_authority=True))
    assert result.changed is True
    assert result.message == "Domain DKIM authority has been changed"
    assert [r.name for r in result.sending_dns_records] == ["news.example.com", "smtp._domainkey.news.example.com"]


@pytest.mark.vcr
def test_set_selector(both: Any) -> None:
    assert both(lambda c: c.domain_keys.set_selector("example.com", selector="s2")).message == "DKIM selector changed"


@pytest.mark.vcr
def test_rotate_key(both: Any) -> None:
    assert both(lambda c: c.domain_keys.rotate("example.com")).message == "ok"


@pytest.mark.vcr
def test_rotate_key_refused(both: Any) -> None:
    with pytest.raises(BadRequestError) as caught:
        both(lambda c: c.domain_keys.rotate("new.example.com"))
    # The dkim_management endpoints answer errors as {"Reason": ...} (the spec's GenericAPIError).
    assert caught.value.body["Reason"].startswith("only domains in enabled can rotate")


@pytest.mark.vcr
def test_set_rotation(both: Any) -> None:
    result = both(lambda c: c.domain_keys.set_rotation("example.com", enabled=True, interval="120h"))
    assert result.domain.name == "example.com"
    assert result.domain.active_selector == "pdk1"
    assert result.domain.rotation_interval == "120h"
    assert [r.value for r in result.domain.records] == [
        "pdk1._domainkey.1234567.service.mailgun.com",
        "pdk2._domainkey.1234567.service.mailgun.com",
    ]


def test_what_is_sent(mock_api: Any) -> None:
    api = mock_api(lambda request: httpx.Response(200, json={"message": "ok"}))
    api(lambda c: c.domain_keys.create("example.com", "s4", bits=1024))
    api(lambda c: c.domain_keys.set_authority("news.example.com", self_authority=False))
    api(lambda c: c.domain_keys.set_rotation("example.com", enabled=False))
    api(lambda c: c.domain_keys.set_selector("example.com", selector="2024.q1"))
    create, authority, rotation, selector = api.requests
    assert (create.method, create.url.path) == ("POST", "/v1/dkim/keys")
    assert form_of(create) == {"signing_domain": ["example.com"], "selector": ["s4"], "bits": ["1024"]}
    # Booleans go as Mailgun writes them, not as Python's True/False.
    assert form_of(authority) == {"self": ["false"]}
    assert form_of(rotation) == {"rotation_enabled": ["false"]}
    assert form_of(selector) == {"dkim_selector": ["2024.q1"]}


@pytest.mark.parametrize(
    ("call", "param"),
    [
        (lambda c: c.domain_keys.list(limit=101), "limit"),
        (lambda c: c.domain_keys.list(selector="a b"), "selector"),
        (lambda c: c.domain_keys.for_domain(""), "authority_name"),
        (lambda c: c.domain_keys.create("example.com", "s1", pem="not a key"), "pem"),
        (lambda c: c.domain_keys.create("", "s1"), "signing_domain"),
        (lambda c: c.domain_keys.delete("example.com", "s1/../x"), "selector"),
        (lambda c: c.domain_keys.activate("example.com", ""), "selector"),
        (lambda c: c.domain_keys.set_authority("example.com", self_authority="yes"), "self_authority"),
        (lambda c: c.domain_keys.set_rotation("example.com", enabled=False, interval="5d"), "interval"),
        (lambda c: c.domain_keys.set_rotation("example.com", enabled=True, interval="five days"), "interval"),
        (lambda c: c.domain_keys.set_rotation("example.com", enabled=None), "enabled"),
    ],
)
def test_bad_input_is_refused_before_sending(mock_api: Any, call: Any, param: str) -> None:
    api = mock_api(lambda request: pytest.fail(f"nothing may be sent: {request.url}"))
    with pytest.raises(ValidationError) as caught:
        result = api(call)
        api.collect(lambda c: result)
    assert caught.value.param == param
    assert api.requests == []
