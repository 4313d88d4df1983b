"""client.email_preview: sync and async, replayed from a cassette."""

from __future__ import annotations

from typing import Any

import pytest

from mailgun import ValidationError


@pytest.mark.vcr
def test_get_email_preview_results(both: Any) -> None:
    results = both(lambda c: c.email_preview.get_results("t-123"))
    assert results.additional_keys == ["gmail_chr26_win", "outlook16"]
    gmail = results["gmail_chr26_win"]
    assert (gmail.display_name, gmail.os, gmail.browser, gmail.status) == ("Gmail", "Windows", "Chrome 26", "Complete")
    assert gmail.screenshots["default"] == "https://example.com/s/gmail.png"
    assert gmail.status_details.completed == 1700000060
    assert results["outlook16"] is None


def test_bad_input_is_refused_before_sending(mock_api: Any) -> None:
    api = mock_api(lambda request: pytest.fail(f"nothing may be sent: {request.url}"))
    with pytest.raises(ValidationError) as caught:
        api(lambda c: c.email_preview.get_results(" "))
    assert caught.value.param == "test_id"
