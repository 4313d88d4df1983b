"""client.webhooks: domain webhooks per event (v3) and per URL (v4), and the account's signing key; sync and async.

Request bodies (which cassettes do not match on) are checked against a mock API.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import parse_qs

import httpx
import pytest
from forms import form_of

from mailgun import NotFoundError, ValidationError

DOMAIN = "example.com"
A, B, C = "https://hooks.example.com/a", "https://hooks.example.com/b", "https://hooks.example.com/c"


# ------------------------------------------------------------------------------------------ v3: per event
@pytest.mark.vcr
def test_list(both: Any) -> None:
    webhooks = both(lambda c: c.webhooks.list(DOMAIN)).webhooks
    assert webhooks.delivered.urls == [A, B]
    assert webhooks.clicked.urls == [C]
    assert webhooks.permanent_fail.urls == [A]
    assert not webhooks.opened  # not set: UNSET (falsy)


@pytest.mark.vcr
def test_get(both: Any) -> None:
    assert both(lambda c: c.webhooks.get(DOMAIN, "delivered")).webhook.urls == [A, B]


@pytest.mark.vcr
def test_get_missing_is_not_found(both: Any) -> None:
    with pytest.raises(NotFoundError, match="Webhook not found"):
        both(lambda c: c.webhooks.get(DOMAIN, "opened"))


@pytest.mark.vcr
def test_create(both: Any) -> None:
    created = both(lambda c: c.webhooks.create(DOMAIN, "delivered", [A, B]))
    assert created.message == "Webhook has been created"
    assert created.webhook.urls == [A, B]


@pytest.mark.vcr
def test_update(both: Any) -> None:
    updated = both(lambda c: c.webhooks.update(DOMAIN, "delivered", C))
    assert (updated.message, updated.webhook.urls) == ("Webhook has been updated", [C])


@pytest.mark.vcr
def test_delete(both: Any) -> None:
    deleted = both(lambda c: c.webhooks.delete(DOMAIN, "delivered"))
    assert (deleted.message, deleted.webhook.urls) == ("Webhook has been deleted", [C])


# --------------------------------------------------------------------------------------------- v4: per URL
@pytest.mark.vcr
def test_create_for_events(both: Any) -> None:
    webhooks = both(lambda c: c.webhooks.create_for_events(DOMAIN, A, ["clicked", "opened"])).webhooks
    assert (webhooks.clicked.urls, webhooks.opened.urls, webhooks.delivered.urls) == ([A], [A], [B])


@pytest.mark.vcr
def test_update_for_events(both: Any) -> None:
    webhooks = both(lambda c: c.webhooks.update_for_events(DOMAIN, A, "opened")).webhooks
    assert (webhooks.opened.urls, webhooks.delivered.urls) == ([A], [B])
    assert not webhooks.clicked


@pytest.mark.vcr
def test_delete_urls(both: Any) -> None:
    webhooks = both(lambda c: c.webhooks.delete_urls(DOMAIN, [A, B])).webhooks
    assert webhooks.to_dict() == {}


# ------------------------------------------------------------------------------------------------ signing key
@pytest.mark.vcr
def test_signing_key(both: Any) -> None:
    key = both(lambda c: c.webhooks.signing_key())
    assert key.http_signing_key == "whsk-test-0123456789abcdef-not-a-secret"
    assert "0123456789abcdef" not in repr(key) and "0123456789abcdef" not in str(key)


@pytest.mark.vcr
def test_regenerate_signing_key(both: Any) -> None:
    key = both(lambda c: c.webhooks.regenerate_signing_key())
    assert key.message == "regenerated HTTP signing key for account"
    assert f"{key.http_signing_key}" == "whsk-test-fedcba9876543210-not-a-secret"
    assert "fedcba9876543210" not in repr(key)


def test_signing_key_never_shows_in_a_repr(mock_api: Any, caplog: pytest.LogCaptureFixture) -> None:
    secret = "whsk-SECRET-VALUE"
    api = mock_api(lambda request: httpx.Response(200, json={"http_signing_key": secret, "previous_key": secret}))
    with caplog.at_level(logging.DEBUG, logger="mailgun"):
        key = api(lambda c: c.webhooks.signing_key())
        raw = api(lambda c: c.webhooks.regenerate_signing_key.with_raw_response())
    parsed = raw.parse()
    for shown in (repr(key), str(key), repr(key.http_signing_key), repr(raw), repr(parsed), f"{key!r}", caplog.text):
        assert secret not in shown
    assert repr(key.http_signing_key) == "'<redacted>'"
    # The value itself is the key: usable as a str (e.g. for mailgun.webhook_verification).
    assert key.http_signing_key == secret and str(key.http_signing_key) == secret
    assert type(str(key.http_signing_key)) is str
    assert key.to_dict()["http_signing_key"] == secret
    assert key.additional_properties["previous_key"] == secret and secret not in repr(key.additional_properties)


# ---------------------------------------------------------------------------------------- what is sent (mock)
def _ok(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, json={"message": "ok", "webhooks": {}})


def _form(request: httpx.Request) -> dict[str, list[str]]:
    assert request.headers["content-type"] == "application/x-www-form-urlencoded"
    return parse_qs(request.content.decode())


def test_v3_sends_every_url(mock_api: Any) -> None:
    api = mock_api(_ok)
    api(lambda c: c.webhooks.create(DOMAIN, "permanent_fail", [A, B, C]))
    api(lambda c: c.webhooks.update(DOMAIN, "temporary_fail", (u for u in [A, A, B])))
    create, update = api.requests
    assert (create.method, create.url.path) == ("POST", f"/v3/domains/{DOMAIN}/webhooks")
    assert form_of(create) == {"id": ["permanent_fail"], "url": [A, B, C]}
    assert (update.method, update.url.path) == ("PUT", f"/v3/domains/{DOMAIN}/webhooks/temporary_fail")
    assert form_of(update) == {"url": [A, B]}  # duplicates dropped


def test_v4_sends_every_event(mock_api: Any) -> None:
    api = mock_api(_ok)
    api(lambda c: c.webhooks.create_for_events(DOMAIN, A, ["delivered", "opened", "delivered"]))
    api(lambda c: c.webhooks.update_for_events(DOMAIN, B, "complained"))
    api(lambda c: c.webhooks.delete_urls(DOMAIN, A))
    api(lambda c: c.webhooks.delete_urls(DOMAIN, [A, B]))
    create, update, delete_one, delete_two = api.requests
    assert (create.method, create.url.path) == ("POST", f"/v4/domains/{DOMAIN}/webhooks")
    assert _form(create) == {"url": [A], "event_types": ["delivered", "opened"]}
    assert update.method == "PUT"
    assert _form(update) == {"url": [B], "event_types": ["complained"]}
    assert delete_one.method == delete_two.method == "DELETE"
    assert delete_one.url.params.get_list("url") == [A]
    assert delete_two.url.params.get_list("url") == [f"{A},{B}"]  # Mailgun's comma-separated list


def test_signing_key_paths(mock_api: Any) -> None:
    api = mock_api(lambda request: httpx.Response(200, json={"http_signing_key": "k"}))
    api(lambda c: c.webhooks.signing_key())
    api(lambda c: c.webhooks.regenerate_signing_key())
    assert [(r.method, r.url.path) for r in api.requests] == [
        ("GET", "/v5/accounts/http_signing_key"),
        ("POST", "/v5/accounts/http_signing_key"),
    ]


# ----------------------------------------------------------------------------------------------- validation
BAD_INPUT = [
    (lambda c: c.webhooks.list(""), "domain"),
    (lambda c: c.webhooks.delete(DOMAIN, None), "event"),
    (lambda c: c.webhooks.create(DOMAIN, "delivered", []), "urls"),
    (lambda c: c.webhooks.create(DOMAIN, "delivered", [A, B, C, "https://hooks.example.com/d"]), "urls"),
    (lambda c: c.webhooks.create(DOMAIN, "delivered", "ftp://hooks.example.com/a"), "urls"),
    (lambda c: c.webhooks.create(DOMAIN, "delivered", "hooks.example.com/a"), "urls"),
    (lambda c: c.webhooks.update(DOMAIN, "delivered", ["https://"]), "urls"),
    (lambda c: c.webhooks.update(DOMAIN, "delivered", [A, 42]), "urls"),
    (lambda c: c.webhooks.create_for_events(DOMAIN, "not a url", "opened"), "url"),
    (lambda c: c.webhooks.create_for_events(DOMAIN, A, []), "events"),
    (lambda c: c.webhooks.update_for_events(DOMAIN, A, None), "events"),
    (lambda c: c.webhooks.delete_urls(DOMAIN, []), "urls"),
    (lambda c: c.webhooks.delete_urls(DOMAIN, "https://hooks.example.com/a,b"), "urls"),
    (lambda c: c.webhooks.delete_urls("", A), "domain"),
]


@pytest.mark.parametrize(("call", "param"), BAD_INPUT)
def test_bad_input_is_refused_before_sending(mock_api: Any, call: Any, param: str) -> None:
    api = mock_api(lambda request: pytest.fail(f"nothing may be sent: {request.url}"))
    with pytest.raises(ValidationError) as caught:
        api(call)
    assert caught.value.param == param
    assert api.requests == []
