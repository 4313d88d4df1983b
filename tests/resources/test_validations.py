"""client.validations: sync and async, replayed from a cassette."""

from __future__ import annotations

from typing import Any

import pytest

from mailgun import ValidationError


@pytest.mark.vcr
def test_validate_address(both: Any) -> None:
    result = both(lambda c: c.validations.validate("alice@gmial.com", provider_lookup=False))
    assert (result.address, result.result, result.risk) == ("alice@gmial.com", "undeliverable", "high")
    assert result.did_you_mean == "alice@gmail.com"
    assert result.reason == ["no_mx", "typo_detected"]
    assert result.is_disposable_address is False and result.is_role_address is False
    assert result.engagement.behavior == "disengaged"


@pytest.mark.parametrize(
    ("call", "param"),
    [
        (lambda c: c.validations.validate(""), "address"),
        (lambda c: c.validations.validate("a@b.c", provider_lookup="no"), "provider_lookup"),
    ],
)
def test_bad_input_is_refused_before_sending(mock_api: Any, call: Any, param: str) -> None:
    api = mock_api(lambda request: pytest.fail(f"nothing may be sent: {request.url}"))
    with pytest.raises(ValidationError) as caught:
        api(call)
    assert caught.value.param == param
