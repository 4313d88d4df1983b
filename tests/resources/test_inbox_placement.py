"""client.inbox_placement: sync and async, replayed from a cassette."""

from __future__ import annotations

from typing import Any

import pytest

from mailgun import ValidationError


@pytest.mark.vcr
def test_get_inbox_placement_result(both: Any) -> None:
    result = both(lambda c: c.inbox_placement.get_result("5f1e0b", provider="gmail.com"))
    assert result.additional_keys == ["result"]
    details = result["result"].additional_properties
    assert (details["rid"], details["status"]) == ("5f1e0b", "complete")
    assert details["counts"] == {"inbox": 8, "spam": 1, "missing": 1}


def test_bad_input_is_refused_before_sending(mock_api: Any) -> None:
    api = mock_api(lambda request: pytest.fail(f"nothing may be sent: {request.url}"))
    with pytest.raises(ValidationError) as caught:
        api(lambda c: c.inbox_placement.get_result(""))
    assert caught.value.param == "result_id"
    with pytest.raises(ValidationError) as caught:
        api(lambda c: c.inbox_placement.get_result("r1", provider="\n"))
    assert caught.value.param == "provider"
