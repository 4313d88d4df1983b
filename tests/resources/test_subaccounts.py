"""client.subaccounts: every method, sync and async, replayed from cassettes; acting on behalf of a subaccount."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any
from urllib.parse import parse_qs

import httpx
import pytest

from mailgun import NotFoundError, ValidationError


@pytest.mark.vcr
def test_list_subaccounts(both: Any) -> None:
    # The first page is cut short (2 of limit=3) but counts 3 in `total`: the listing goes on.
    subs = both.collect(lambda c: c.subaccounts.list(filter="acme", enabled=True, sort="asc", limit=3))
    assert [s.id for s in subs] == ["sub1", "sub2", "sub3"]
    assert [s.status for s in subs] == ["open", "disabled", "open"]
    assert subs[0].created_at == dt.datetime(2024, 11, 6, 19, 48, 29, tzinfo=dt.timezone.utc)


@pytest.mark.vcr
def test_get_subaccount(both: Any) -> None:
    sub = both(lambda c: c.subaccounts.get("sub1")).subaccount
    assert (sub.id, sub.name) == ("sub1", "acme-one")
    assert sub.updated_at == dt.datetime(2025, 5, 28, 20, 3, 5, tzinfo=dt.timezone.utc)
    assert sub.features.additional_properties == {"sending": {"enabled": True}, "validations": {"enabled": False}}


@pytest.mark.vcr
def test_create_subaccount(both: Any) -> None:
    created = both(lambda c: c.subaccounts.create("acme-new")).subaccount
    assert (created.id, created.name, created.status) == ("sub9", "acme-new", "open")


@pytest.mark.vcr
def test_enable_and_disable_subaccount(both: Any) -> None:
    assert both(lambda c: c.subaccounts.enable("sub1")).subaccount.status == "open"
    disabled = both(lambda c: c.subaccounts.disable("sub1", reason="billing", note="see ticket 42"))
    assert disabled.subaccount.status == "disabled"


@pytest.mark.vcr
def test_delete_subaccount(both: Any) -> None:
    assert both(lambda c: c.subaccounts.delete("sub1")).message == "Subaccount successfully deleted"


@pytest.mark.vcr
def test_update_subaccount_features(both: Any) -> None:
    result = both(lambda c: c.subaccounts.update_features("sub1", sending=True, validations=False))
    assert result.features.additional_properties["sending"] == {"enabled": True}
    assert result.features.additional_properties["validations"] == {"enabled": False}


@pytest.mark.vcr
def test_subaccount_sending_limit(both: Any) -> None:
    limit = both(lambda c: c.subaccounts.get_sending_limit("sub1"))
    assert (limit.limit, limit.current, limit.period) == (10000, 1250, "1m")
    assert both(lambda c: c.subaccounts.set_sending_limit("sub1", limit=20000)).success is True
    assert both(lambda c: c.subaccounts.delete_sending_limit("sub1")).success is True


@pytest.mark.vcr
def test_subaccount_ip_pools(both: Any) -> None:
    pools = both(lambda c: c.subaccounts.list_ip_pools())
    assert pools.total_count == 2
    assert [(p.subaccount_id, p.pool_id) for p in pools.items] == [
        ("sub1", "68d17866ba9d5506cbc2e277"),
        ("sub2", None),
    ]
    assigned = both(lambda c: c.subaccounts.assign_ip_pool("sub1", pool_id="68d17866ba9d5506cbc2e277"))
    assert (assigned.message, assigned.reference_id) == ("started", "68d17866ba9d5506cbc2e27c")
    revoked = both(lambda c: c.subaccounts.revoke_ip_pool("sub1", pool_id="68d17866ba9d5506cbc2e277"))
    assert revoked.reference_id == "68d17866ba9d5506cbc2e27b"


@pytest.mark.vcr
def test_missing_subaccount_is_not_found(both: Any) -> None:
    with pytest.raises(NotFoundError, match="Not Found"):
        both(lambda c: c.subaccounts.get("nope"))


# ------------------------------------------------------------------------------------------- what is sent
ON_BEHALF_OF = "X-Mailgun-On-Behalf-Of"


@pytest.mark.parametrize(
    "call",
    [
        lambda c: c.message_limits.get(),
        lambda c: c.users.me(),
        lambda c: c.api_keys.list(),
        lambda c: c.subaccounts.get_sending_limit("sub123"),
    ],
)
def test_with_options_on_behalf_of_scopes_requests_to_the_subaccount(mock_api: Any, call: Any) -> None:
    api = mock_api(lambda request: httpx.Response(200, json={}))
    sub = api.client.with_options(on_behalf_of="sub123")
    api(lambda c: call(sub))
    api(call)
    assert api.requests[0].headers[ON_BEHALF_OF] == "sub123"
    assert ON_BEHALF_OF not in api.requests[1].headers


def test_delete_names_the_subaccount_in_the_on_behalf_of_header(mock_api: Any) -> None:
    api = mock_api(lambda request: httpx.Response(200, json={"message": "Subaccount successfully deleted"}))
    other = api.client.with_options(on_behalf_of="someone-else")
    api(lambda c: other.subaccounts.delete("sub1"))
    api(lambda c: c.subaccounts.delete("sub2"))
    assert [r.headers.get_list(ON_BEHALF_OF) for r in api.requests] == [["sub1"], ["sub2"]]
    assert {(r.method, r.url.path) for r in api.requests} == {("DELETE", "/v5/accounts/subaccounts")}


def test_features_are_sent_as_json_form_fields(mock_api: Any) -> None:
    api = mock_api(lambda request: httpx.Response(200, json={"features": {}}))
    api(lambda c: c.subaccounts.update_features("sub1", sending=False, email_preview=True))
    request = api.requests[0]
    assert request.headers["Content-Type"] == "application/x-www-form-urlencoded"
    form = {k: json.loads(v[0]) for k, v in parse_qs(request.content.decode()).items()}
    assert form == {"sending": {"enabled": False}, "email_preview": {"enabled": True}}


def test_assign_ip_pool_sends_the_pool_as_form_data(mock_api: Any) -> None:
    api = mock_api(lambda request: httpx.Response(200, json={"message": "started"}))
    api(lambda c: c.subaccounts.assign_ip_pool("sub1", pool_id="pool-7"))
    assert parse_qs(api.requests[0].content.decode()) == {"pool_id": ["pool-7"]}


def test_list_stops_at_the_total(mock_api: Any) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        skip = int(request.url.params["skip"])
        subs = [{"id": f"s{i}"} for i in range(skip, min(skip + 2, 4))]
        return httpx.Response(200, json={"subaccounts": subs, "total": 4})

    api = mock_api(handler)
    assert [s.id for s in api.collect(lambda c: c.subaccounts.list(limit=2))] == ["s0", "s1", "s2", "s3"]
    assert [r.url.params["skip"] for r in api.requests] == ["0", "2"]


@pytest.mark.parametrize(
    ("call", "param"),
    [
        (lambda c: c.subaccounts.get(""), "subaccount_id"),
        (lambda c: c.subaccounts.create("  "), "name"),
        (lambda c: c.subaccounts.list(limit=0), "limit"),
        (lambda c: c.subaccounts.list(limit=1001), "limit"),
        (lambda c: c.subaccounts.list(enabled="yes"), "enabled"),
        (lambda c: c.subaccounts.disable("sub1", reason="a\nb"), "reason"),
        (lambda c: c.subaccounts.delete(None), "subaccount_id"),
        (lambda c: c.subaccounts.update_features("sub1"), "subaccount_id"),
        (lambda c: c.subaccounts.update_features("sub1", sending="on"), "sending"),
        (lambda c: c.subaccounts.set_sending_limit("sub1", limit=0), "limit"),
        (lambda c: c.subaccounts.set_sending_limit("sub1", limit=1.5), "limit"),
        (lambda c: c.subaccounts.assign_ip_pool("sub1", pool_id=""), "pool_id"),
        (lambda c: c.subaccounts.revoke_ip_pool("", pool_id="p"), "subaccount_id"),
        (lambda c: c.with_options(on_behalf_of="a\r\nb"), "on_behalf_of"),
    ],
)
def test_bad_input_is_refused_before_sending(mock_api: Any, call: Any, param: str) -> None:
    api = mock_api(lambda request: pytest.fail(f"nothing may be sent: {request.url}"))
    with pytest.raises(ValidationError) as caught:
        result = api(call)
        api.collect(lambda c: result)
    assert caught.value.param == param
    assert api.requests == []
