"""client.ip_allowlist: every method, sync and async, replayed from cassettes."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from forms import form_of

from mailgun import ValidationError


@pytest.mark.vcr
def test_list_allowlist(both: Any) -> None:
    entries = both(lambda c: c.ip_allowlist.list()).addresses
    assert [(e.ip_address, e.description) for e in entries] == [
        ("10.11.11.111", "OnPrem Server"),
        ("192.0.2.0/24", ""),
    ]


@pytest.mark.vcr
def test_add_address(both: Any) -> None:
    result = both(lambda c: c.ip_allowlist.add("10.11.11.111", description="OnPrem Server"))
    assert result.addresses[0].ip_address == "10.11.11.111"


@pytest.mark.vcr
def test_update_address(both: Any) -> None:
    result = both(lambda c: c.ip_allowlist.update("10.11.11.111", description="OnPrem Server 1"))
    assert result.addresses[0].description == "OnPrem Server 1"


@pytest.mark.vcr
def test_delete_address(both: Any) -> None:
    assert both(lambda c: c.ip_allowlist.delete("10.11.11.111")).addresses == []


def test_add_and_update_send_form_fields(mock_api: Any) -> None:
    api = mock_api(lambda request: httpx.Response(200, json={"addresses": []}))
    api(lambda c: c.ip_allowlist.add("2001:db8::/32"))
    api(lambda c: c.ip_allowlist.update("192.0.2.7", description=""))
    add, update = (form_of(r) for r in api.requests)
    assert add["address"] == ["2001:db8::/32"]
    assert "description" not in add
    assert update["description"] == [""]


@pytest.mark.parametrize(
    ("call", "param"),
    [
        (lambda c: c.ip_allowlist.add("not-an-ip"), "address"),
        (lambda c: c.ip_allowlist.add("10.0.0.1/33"), "address"),
        (lambda c: c.ip_allowlist.add(""), "address"),
        (lambda c: c.ip_allowlist.add("10.0.0.1", description="a\nb"), "description"),
        (lambda c: c.ip_allowlist.update("10.0.0.1", description=None), "description"),
        (lambda c: c.ip_allowlist.delete("300.1.1.1"), "address"),
    ],
)
def test_bad_input_is_refused_before_sending(mock_api: Any, call: Any, param: str) -> None:
    api = mock_api(lambda request: pytest.fail(f"nothing may be sent: {request.url}"))
    with pytest.raises(ValidationError) as caught:
        api(call)
    assert caught.value.param == param
    assert api.requests == []
