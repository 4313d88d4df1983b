"""client.message_limits: every method, sync and async, replayed from cassettes."""

from __future__ import annotations

from typing import Any

import pytest

from mailgun import ValidationError


@pytest.mark.vcr
def test_account_sending_limit(both: Any) -> None:
    limit = both(lambda c: c.message_limits.get())
    assert (limit.limit, limit.current, limit.period) == (10000, 42, "1m")
    assert both(lambda c: c.message_limits.set(limit=50000)).success is True
    assert both(lambda c: c.message_limits.delete()).success is True
    assert both(lambda c: c.message_limits.enable()).success is True


@pytest.mark.parametrize("bad", [0, -5, 10.5, "1000", True, None])
def test_bad_limit_is_refused_before_sending(mock_api: Any, bad: Any) -> None:
    api = mock_api(lambda request: pytest.fail(f"nothing may be sent: {request.url}"))
    with pytest.raises(ValidationError) as caught:
        api(lambda c: c.message_limits.set(limit=bad))
    assert caught.value.param == "limit"
    assert api.requests == []
