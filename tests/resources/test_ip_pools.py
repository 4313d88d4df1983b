"""client.ip_pools (dedicated IP pools): every method, sync and async, replayed from cassettes."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from forms import form_of

from mailgun import BadRequestError, ValidationError

IP1, IP2, IP3 = "192.0.2.10", "192.0.2.11", "198.51.100.7"
POOL, POOL2 = "658041ae44842b99ee2eaa1b", "658041ae44842b99ee2eaa1c"


@pytest.mark.vcr
def test_list_pools(both: Any) -> None:
    pools = both.collect(lambda c: c.ip_pools.list())
    assert [p["name"] for p in pools] == ["transactional", "newsletters"]
    assert pools[0]["ips"] == [IP1, IP2]
    assert pools[1]["is_inherited"] is True


@pytest.mark.vcr
def test_get_pool(both: Any) -> None:
    details = both(lambda c: c.ip_pools.get(POOL))["details"]
    assert details["pool_id"] == POOL
    assert details["linked_domains"] == ["a.example.com", "b.example.com"]


@pytest.mark.vcr
def test_create_pool(both: Any) -> None:
    created = both(lambda c: c.ip_pools.create("transactional", description="Transactional mail", ips=[IP1, IP2]))
    assert created == {"message": "success", "pool_id": POOL}


@pytest.mark.vcr
def test_update_pool(both: Any) -> None:
    assert both(lambda c: c.ip_pools.update(POOL, add_ips=IP3, description="All mail"))["message"] == "success"


@pytest.mark.vcr
def test_update_without_the_feature_is_refused(both: Any) -> None:
    with pytest.raises(BadRequestError, match="DIPPs feature is not enabled"):
        both(lambda c: c.ip_pools.update(POOL2, name="other"))


@pytest.mark.vcr
def test_delete_pool(both: Any) -> None:
    assert both(lambda c: c.ip_pools.delete(POOL, replacement_pool_id=POOL2))["message"] == "started"


@pytest.mark.vcr
def test_add_ip(both: Any) -> None:
    assert both(lambda c: c.ip_pools.add_ip(POOL, IP3))["message"] == "started"


@pytest.mark.vcr
def test_add_ips(both: Any) -> None:
    assert both(lambda c: c.ip_pools.add_ips(POOL, [IP1, IP3]))["message"] == "started"


@pytest.mark.vcr
def test_remove_ip(both: Any) -> None:
    assert both(lambda c: c.ip_pools.remove_ip(POOL, IP2))["message"] == "started"


@pytest.mark.vcr
def test_list_pool_domains(both: Any) -> None:
    domains = both.collect(lambda c: c.ip_pools.list_domains(POOL, limit=10))
    assert [d["name"] for d in domains] == ["a.example.com", "b.example.com", "c.example.com"]
    assert domains[1]["id"] == "68d17866ba9d5506cbc2e271"


def test_what_is_sent(mock_api: Any) -> None:
    api = mock_api(lambda request: httpx.Response(200, json={"message": "success"}))
    api(lambda c: c.ip_pools.create("transactional", description="Transactional mail", ips=[IP1, IP2]))
    api(
        lambda c: c.ip_pools.update(
            POOL, name="tx", remove_ips=[IP1], link_domains=["d1", "d2"], unlink_domains="d3", add_ips=IP3
        )
    )
    api(lambda c: c.ip_pools.add_ips(POOL, IP3))
    api(lambda c: c.ip_pools.delete(POOL, replacement_ip="shared"))
    api(lambda c: c.ip_pools.delete(POOL2))
    create, update, add_ips, delete_shared, delete_empty = api.requests
    # IPs and domains the API takes "multiple times" are repeated form fields.
    assert form_of(create) == {"name": ["transactional"], "description": ["Transactional mail"], "ip": [IP1, IP2]}
    assert form_of(update) == {
        "name": ["tx"],
        "add_ip": [IP3],
        "remove_ip": [IP1],
        "link_domain": ["d1", "d2"],
        "unlink_domain": ["d3"],
    }
    assert json.loads(add_ips.content) == {"ips": [IP3]}
    # The spec marks both replacements required; one (or none, for an empty pool) is sent.
    assert dict(delete_shared.url.params) == {"ip": "shared"}
    assert (delete_empty.method, delete_empty.url.raw_path) == ("DELETE", f"/v3/ip_pools/{POOL2}".encode())


@pytest.mark.parametrize(
    ("call", "param"),
    [
        (lambda c: c.ip_pools.get(""), "pool_id"),
        (lambda c: c.ip_pools.create("", description="x"), "name"),
        (lambda c: c.ip_pools.create("tx", description="x", ips=["10.0.0.300"]), "ips"),
        (lambda c: c.ip_pools.create("tx", description="x", ips=[]), "ips"),
        (lambda c: c.ip_pools.update(POOL), "name"),
        (lambda c: c.ip_pools.update(POOL, link_domains=[""]), "link_domains"),
        (lambda c: c.ip_pools.delete(POOL, replacement_ip=IP1, replacement_pool_id=POOL2), "replacement_pool_id"),
        (lambda c: c.ip_pools.delete(POOL, replacement_ip="all"), "replacement_ip"),
        (lambda c: c.ip_pools.add_ip(POOL, "shared"), "ip"),
        (lambda c: c.ip_pools.add_ips(POOL, {"ip": IP1}), "ips"),
        (lambda c: c.ip_pools.remove_ip(POOL, ""), "ip"),
        (lambda c: c.ip_pools.list_domains(POOL, limit=5), "limit"),
    ],
)
def test_bad_input_is_refused_before_sending(mock_api: Any, call: Any, param: str) -> None:
    api = mock_api(lambda request: pytest.fail(f"nothing may be sent: {request.url}"))
    with pytest.raises(ValidationError) as caught:
        result = api(call)
        api.collect(lambda c: result)
    assert caught.value.param == param
    assert api.requests == []
