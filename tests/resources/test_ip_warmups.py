"""client.ip_warmups: every method, sync and async, replayed from cassettes."""

from __future__ import annotations

from typing import Any

import pytest

from mailgun import BadRequestError, ValidationError

IP1, IP2, IP3 = "192.0.2.10", "192.0.2.11", "198.51.100.7"


@pytest.mark.vcr
def test_list_warmups(both: Any) -> None:
    warmups = both.collect(lambda c: c.ip_warmups.list(limit=2))
    assert [w["ip"] for w in warmups] == [IP1, IP2, IP3]
    assert warmups[1]["sent_within_stage"] == "25%"
    assert warmups[2]["stage_number"] == 1


@pytest.mark.vcr
def test_get_warmup(both: Any) -> None:
    details = both(lambda c: c.ip_warmups.get(IP1))["details"]
    assert (details["stage"], details["total_stages"]) == (2, 15)
    assert [s["limit"] for s in details["stage_history"]] == [1000, 2000]


@pytest.mark.vcr
def test_create_warmup(both: Any) -> None:
    assert both(lambda c: c.ip_warmups.create(IP2)).message == "success"


@pytest.mark.vcr
def test_warmup_of_a_shared_ip_is_refused(both: Any) -> None:
    with pytest.raises(BadRequestError, match="must be a dedicated ip"):
        both(lambda c: c.ip_warmups.create(IP3))


@pytest.mark.vcr
def test_cancel_warmup(both: Any) -> None:
    assert both(lambda c: c.ip_warmups.cancel(IP2)).message == "success"


@pytest.mark.parametrize(
    ("call", "param"),
    [
        (lambda c: c.ip_warmups.list(limit=0), "limit"),
        (lambda c: c.ip_warmups.get("192.0.2.256"), "ip"),
        (lambda c: c.ip_warmups.create(""), "ip"),
        (lambda c: c.ip_warmups.cancel("shared"), "ip"),
    ],
)
def test_bad_input_is_refused_before_sending(mock_api: Any, call: Any, param: str) -> None:
    api = mock_api(lambda request: pytest.fail(f"nothing may be sent: {request.url}"))
    with pytest.raises(ValidationError) as caught:
        result = api(call)
        api.collect(lambda c: result)
    assert caught.value.param == param
    assert api.requests == []
