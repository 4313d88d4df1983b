"""client.credentials: every method, sync and async, replayed from cassettes; passwords never show in a repr."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

import httpx
import pytest
from forms import form_of

from mailgun import ValidationError
from mailgun._secret import Secret
from mailgun.resources.credentials import create_credential, update_credential


@pytest.mark.vcr
def test_list_credentials(both: Any) -> None:
    creds = both.collect(lambda c: c.credentials.list("example.com", limit=2))
    assert [c.login for c in creds] == ["alice@example.com", "bob@example.com", "carol@example.com"]
    assert creds[0].created_at == dt.datetime(2023, 3, 8, 23, 34, 57, tzinfo=dt.timezone.utc)
    assert creds[1].size_bytes == "1024"


@pytest.mark.vcr
def test_create_credential_returns_the_generated_password(both: Any) -> None:
    result = both(lambda c: c.credentials.create("example.com", "alice"))
    assert result.message == "Created 1 credentials pair(s)"
    assert "store your new password" in result.note
    password = result.credentials["alice@example.com"]
    assert password == "fake-generated-Pa55" and isinstance(password, Secret)
    assert result.to_dict()["credentials"] == {"alice@example.com": "fake-generated-Pa55"}
    assert "fake-generated-Pa55" not in repr(result)


@pytest.mark.vcr
def test_update_credential(both: Any) -> None:
    result = both(lambda c: c.credentials.update("example.com", "alice", password="n3w-Passw0rd"))
    assert result.message == "Password changed"
    assert result.credentials.additional_keys == ["alice@example.com"]
    assert "fake-regenerated-Pa55" not in repr(result)


@pytest.mark.vcr
def test_delete_credential(both: Any) -> None:
    result = both(lambda c: c.credentials.delete("example.com", "alice"))
    assert (result.message, result.spec) == ("Credentials have been deleted", "alice@example.com")


@pytest.mark.vcr
def test_delete_all_credentials(both: Any) -> None:
    result = both(lambda c: c.credentials.delete_all("example.com"))
    assert (result.message, result.count) == ("All domain credentials have been deleted", 2)


def test_a_given_password_is_sent_but_masked_in_the_call(mock_api: Any, caplog: pytest.LogCaptureFixture) -> None:
    api = mock_api(lambda request: httpx.Response(200, json={"message": "Created 1 credentials pair(s)"}))
    with caplog.at_level(logging.DEBUG, logger="mailgun"):
        api(lambda c: c.credentials.create("example.com", "alice", password="hunter2-secret", system=False))
        api(lambda c: c.credentials.update("example.com", "alice", password="hunter3-secret"))
    create, update = (form_of(r) for r in api.requests)
    assert create == {"login": ["alice"], "system": ["false"], "password": ["hunter2-secret"]}
    assert update == {"password": ["hunter3-secret"]}
    assert "secret" not in caplog.text
    assert "hunter2" not in repr(create_credential("example.com", "alice", password="hunter2-secret"))
    assert "hunter3" not in repr(update_credential("example.com", "alice", password="hunter3-secret"))


def test_a_refused_password_is_not_echoed() -> None:
    with pytest.raises(ValidationError) as caught:
        create_credential("example.com", "alice", password="line\nbreak-secret")
    assert caught.value.param == "password" and "secret" not in str(caught.value)


@pytest.mark.parametrize(
    ("call", "param"),
    [
        (lambda c: c.credentials.list(""), "domain"),
        (lambda c: c.credentials.list("example.com", limit=1001), "limit"),
        (lambda c: c.credentials.create("example.com", ""), "login"),
        (lambda c: c.credentials.create("example.com", "alice", password=""), "password"),
        (lambda c: c.credentials.create("example.com", "alice", password=12345), "password"),
        (lambda c: c.credentials.create("example.com", "alice", system="no"), "system"),
        (lambda c: c.credentials.update("example.com", "", password="x1234"), "login"),
        (lambda c: c.credentials.delete("example.com", " "), "login"),
        (lambda c: c.credentials.delete_all(None), "domain"),
    ],
)
def test_bad_input_is_refused_before_sending(mock_api: Any, call: Any, param: str) -> None:
    api = mock_api(lambda request: pytest.fail(f"nothing may be sent: {request.url}"))
    with pytest.raises(ValidationError) as caught:
        result = api(call)
        api.collect(lambda c: result)
    assert caught.value.param == param
    assert api.requests == []
