"""client.dynamic_ip_pools: every method, sync and async, replayed from cassettes."""

from __future__ import annotations

import datetime as dt
from typing import Any

import httpx
import pytest
from forms import form_of

from mailgun import BadRequestError, ValidationError

IP1, IP2, IP3, IP4 = "192.0.2.10", "192.0.2.11", "198.51.100.7", "203.0.113.5"
UTC = dt.timezone.utc


@pytest.mark.vcr
def test_get_pools(both: Any) -> None:
    pools = both(lambda c: c.dynamic_ip_pools.get())
    assert pools["good_reputation"] == [IP1]
    assert pools["new_senders"] == [IP3]
    assert [p["name"] for p in pools["pools"]] == ["dynamic_good", "dynamic_poor"]


@pytest.mark.vcr
def test_set_all(both: Any) -> None:
    result = both(
        lambda c: c.dynamic_ip_pools.set_all(good_reputation=[IP1, IP2], poor_reputation=IP3, new_senders=[IP4])
    )
    assert result == {"good_reputation": [IP1, IP2], "poor_reputation": [IP3], "new_senders": [IP4]}


@pytest.mark.vcr
def test_delete_all(both: Any) -> None:
    assert both(lambda c: c.dynamic_ip_pools.delete_all()).message == "success"


@pytest.mark.vcr
def test_update_pool(both: Any) -> None:
    assert both(lambda c: c.dynamic_ip_pools.update("dynamic_good", add_ips=[IP2]))["message"] == "success"


@pytest.mark.vcr
def test_add_ip(both: Any) -> None:
    assert both(lambda c: c.dynamic_ip_pools.add_ip("dynamic_new", IP3))["message"] == "success"


@pytest.mark.vcr
def test_enroll(both: Any) -> None:
    assert both(lambda c: c.dynamic_ip_pools.enroll("example.com", replacement_ip="shared")).message == "success"


@pytest.mark.vcr
def test_unenroll(both: Any) -> None:
    result = both(lambda c: c.dynamic_ip_pools.unenroll("example.com", replacement_ip=[IP1, IP2]))
    assert result.message == "success"


@pytest.mark.vcr
def test_enroll_all(both: Any) -> None:
    assert both(lambda c: c.dynamic_ip_pools.enroll_all(include_subaccounts=True)).message == "started"


@pytest.mark.vcr
def test_list_assignable(both: Any) -> None:
    domains = both.collect(lambda c: c.dynamic_ip_pools.list_assignable(domain="example"))
    assert [d["name"] for d in domains] == ["example.com", "news.example.com"]
    assert domains[0]["account_id"] == "68d17866ba9d5506cbc2e26f"


@pytest.mark.vcr
def test_list_domains(both: Any) -> None:
    domains = both.collect(
        lambda c: c.dynamic_ip_pools.list_domains(
            pools=["dynamic_good", "dynamic_poor"], sort_by="bounce_rate", sort_order="descending", limit=2
        )
    )
    assert [d.name for d in domains] == ["a.example.com", "b.example.com", "c.example.com"]
    assert domains[0].pool == "dynamic_poor"
    assert domains[0].bounce_rate == 0.2
    assert domains[2].processed_count == 3000
    assert domains[1].registered_at == dt.datetime(2025, 9, 22, 15, 13, 4, tzinfo=UTC)


@pytest.mark.vcr
def test_list_history(both: Any) -> None:
    records = both.collect(
        lambda c: c.dynamic_ip_pools.list_history(
            domain="example.com",
            after=dt.datetime(2025, 9, 1, 2, 0, tzinfo=dt.timezone(dt.timedelta(hours=2))),
            moved_to="dynamic_good",
            limit=2,
        )
    )
    assert [r.prev_band for r in records] == ["dynamic_poor", "dynamic_new", "dynamic_new"]
    assert records[0].domain_name == "example.com"
    assert records[0].initiated_by == "system"
    assert records[2].timestamp == dt.datetime(2025, 9, 3, 10, 0, tzinfo=UTC)


@pytest.mark.vcr
def test_domain_history(both: Any) -> None:
    record = both(lambda c: c.dynamic_ip_pools.domain_history("example.com"))
    assert (record.prev_band, record.new_band) == ("dynamic_poor", "dynamic_good")
    assert record.reason == "Multiple metrics in good threshold"
    assert record.processed_count == 100


@pytest.mark.vcr
def test_preview(both: Any) -> None:
    preview = both(lambda c: c.dynamic_ip_pools.preview("example.com"))
    assert preview["pool"] == "dynamic_poor"
    assert preview["results"]["bounce_rate"] == {"value": 0.25, "band": "dynamic_poor"}


@pytest.mark.vcr
def test_override(both: Any) -> None:
    assert both(lambda c: c.dynamic_ip_pools.override("example.com", pool="dynamic_good"))["message"] == "success"


@pytest.mark.vcr
def test_override_with_an_unknown_pool_is_refused(both: Any) -> None:
    with pytest.raises(BadRequestError) as caught:
        both(lambda c: c.dynamic_ip_pools.override("example.com", pool="invalid_name"))
    assert caught.value.body == {"Field": "pool", "Value": "invalid_name"}


@pytest.mark.vcr
def test_remove_override(both: Any) -> None:
    assert both(lambda c: c.dynamic_ip_pools.remove_override("example.com"))["message"] == "success"


def test_what_is_sent(mock_api: Any) -> None:
    api = mock_api(lambda request: httpx.Response(200, json={"message": "success", "items": []}))
    api(lambda c: c.dynamic_ip_pools.set_all(good_reputation=[IP1, IP2], poor_reputation=IP3, new_senders=[IP4]))
    api(lambda c: c.dynamic_ip_pools.update("dynamic_good", remove_ips=IP1))
    api(lambda c: c.dynamic_ip_pools.unenroll("example.com", replacement_pool_id="658041ae44842b99ee2eaa1b"))
    api(lambda c: c.dynamic_ip_pools.enroll_all())
    api.collect(lambda c: c.dynamic_ip_pools.list_domains(accounts=["a1", "a2"]))
    set_all, update, unenroll, enroll_all, listing = api.requests
    assert form_of(set_all) == {"good_reputation": [IP1, IP2], "poor_reputation": [IP3], "new_senders": [IP4]}
    # The spec marks add_ip and remove_ip both required; only what is given is sent.
    assert form_of(update) == {"remove_ip": [IP1]}
    assert dict(unenroll.url.params) == {"replacement_pool_id": "658041ae44842b99ee2eaa1b"}
    assert dict(enroll_all.url.params) == {"include_subaccounts": "false"}
    assert listing.url.params.get_list("account") == ["a1", "a2"]


@pytest.mark.parametrize(
    ("call", "param"),
    [
        (
            lambda c: c.dynamic_ip_pools.set_all(good_reputation=[], poor_reputation=IP1, new_senders=IP2),
            "good_reputation",
        ),
        (lambda c: c.dynamic_ip_pools.update("dynamic_good"), "add_ips"),
        (lambda c: c.dynamic_ip_pools.update("", add_ips=IP1), "pool_name"),
        (lambda c: c.dynamic_ip_pools.add_ip("dynamic_good", "not-an-ip"), "ip"),
        (lambda c: c.dynamic_ip_pools.enroll("example.com", replacement_ip="any"), "replacement_ip"),
        (lambda c: c.dynamic_ip_pools.unenroll("example.com"), "replacement_ip"),
        (
            lambda c: c.dynamic_ip_pools.unenroll("example.com", replacement_ip=IP1, replacement_pool_id="p"),
            "replacement_pool_id",
        ),
        (lambda c: c.dynamic_ip_pools.enroll_all(include_subaccounts=1), "include_subaccounts"),
        (lambda c: c.dynamic_ip_pools.list_domains(limit=101), "limit"),
        (lambda c: c.dynamic_ip_pools.list_history(before=dt.datetime(2025, 9, 1)), "before"),
        (lambda c: c.dynamic_ip_pools.list_history(after="2025-09-01"), "after"),
        (lambda c: c.dynamic_ip_pools.domain_history(""), "domain"),
        (lambda c: c.dynamic_ip_pools.override("example.com", pool=""), "pool"),
    ],
)
def test_bad_input_is_refused_before_sending(mock_api: Any, call: Any, param: str) -> None:
    api = mock_api(lambda request: pytest.fail(f"nothing may be sent: {request.url}"))
    with pytest.raises(ValidationError) as caught:
        result = api(call)
        api.collect(lambda c: result)
    assert caught.value.param == param
    assert api.requests == []
