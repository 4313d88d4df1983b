"""client.account: every method, sync and async, replayed from cassettes."""

from __future__ import annotations

from typing import Any

import pytest

from mailgun import ValidationError


@pytest.mark.vcr
def test_update_account(both: Any) -> None:
    result = both(
        lambda c: c.account.update(
            name="Acme Corp", inactive_session_timeout=3600, logout_redirect_url="https://example.com/bye"
        )
    )
    assert result.message == "Account info has been updated"


@pytest.mark.vcr
def test_resend_activation_email(both: Any) -> None:
    assert both(lambda c: c.account.resend_activation_email()).success is True


@pytest.mark.vcr
def test_sandbox_recipients(both: Any) -> None:
    recipients = both(lambda c: c.account.list_sandbox_recipients()).recipients
    assert [(r.email, r.activated) for r in recipients] == [("alice@example.com", True)]
    added = both(lambda c: c.account.add_sandbox_recipient("bob@example.com")).recipient
    assert (added.email, added.activated) == ("bob@example.com", False)
    deleted = both(lambda c: c.account.delete_sandbox_recipient("bob@example.com"))
    assert deleted.message == "Sandbox recipient deleted."


@pytest.mark.parametrize(
    ("call", "param"),
    [
        (lambda c: c.account.update(), "name"),
        (lambda c: c.account.update(inactive_session_timeout=0), "inactive_session_timeout"),
        (lambda c: c.account.update(absolute_session_timeout="1h"), "absolute_session_timeout"),
        (lambda c: c.account.update(name=""), "name"),
        (lambda c: c.account.add_sandbox_recipient("bob"), "email"),
        (lambda c: c.account.add_sandbox_recipient("bob @example.com"), "email"),
        (lambda c: c.account.delete_sandbox_recipient("@example.com"), "email"),
    ],
)
def test_bad_input_is_refused_before_sending(mock_api: Any, call: Any, param: str) -> None:
    api = mock_api(lambda request: pytest.fail(f"nothing may be sent: {request.url}"))
    with pytest.raises(ValidationError) as caught:
        api(call)
    assert caught.value.param == param
    assert api.requests == []
