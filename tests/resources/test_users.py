"""client.users: every method, sync and async, replayed from cassettes."""

from __future__ import annotations

from typing import Any

import pytest

from mailgun import ValidationError


@pytest.mark.vcr
def test_list_users(both: Any) -> None:
    users = both.collect(lambda c: c.users.list(role="admin", limit=2))
    assert [u.id for u in users] == ["u1", "u2", "u3"]
    assert users[0].email_details.parts.domain == "example.com"
    assert users[1].name == "Jane Roe"


@pytest.mark.vcr
def test_get_user(both: Any) -> None:
    user = both(lambda c: c.users.get("u1"))
    assert (user.name, user.email, user.role, user.is_master) == ("John Doe", "johndoe@example.com", "admin", True)
    assert user.tfa_created_at == "2022-12-20T16:52:01.892000"
    assert user.password_updated_at is None
    assert user.preferences.time_zone == "US/Eastern"
    assert user.migration_status == "done"


@pytest.mark.vcr
def test_me(both: Any) -> None:
    me = both(lambda c: c.users.me())
    assert me.id == "u-me" and me.activated is True


@pytest.mark.parametrize(
    ("call", "param"),
    [
        (lambda c: c.users.list(limit=0), "limit"),
        (lambda c: c.users.get(""), "user_id"),
    ],
)
def test_bad_input_is_refused_before_sending(mock_api: Any, call: Any, param: str) -> None:
    api = mock_api(lambda request: pytest.fail(f"nothing may be sent: {request.url}"))
    with pytest.raises(ValidationError) as caught:
        result = api(call)
        api.collect(lambda c: result)
    assert caught.value.param == param
    assert api.requests == []
