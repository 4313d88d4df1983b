"""client.ips: every method, sync and async, replayed from cassettes."""

from __future__ import annotations

import ipaddress
from typing import Any

import httpx
import pytest
from forms import form_of

from mailgun import NotFoundError, ValidationError
from mailgun._multipart import form_fields

IP1, IP2, IP3 = "192.0.2.10", "192.0.2.11", "198.51.100.7"


@pytest.mark.vcr
def test_list_ips(both: Any) -> None:
    assert both.collect(lambda c: c.ips.list(dedicated=True, enabled=True)) == [IP1, IP2]


@pytest.mark.vcr
def test_get_ip(both: Any) -> None:
    ip = both(lambda c: c.ips.get(IP1))
    assert ip == {"dedicated": True, "ip": IP1, "rdns": "ip-192-0-2-10.mailgun.net"}


@pytest.mark.vcr
def test_unknown_ip_is_not_found(both: Any) -> None:
    with pytest.raises(NotFoundError, match="ip not found"):
        both(lambda c: c.ips.get(IP3))


@pytest.mark.vcr
def test_list_ip_domains(both: Any) -> None:
    domains = both.collect(lambda c: c.ips.list_domains(IP1, search="example", limit=2))
    assert [d.domain for d in domains] == ["one.example.com", "two.example.com", "three.example.com"]
    assert domains[0].ips == [IP1, IP2]
    assert domains[2].ips == [IP1, IP3]


@pytest.mark.vcr
def test_assign_to_all_domains(both: Any) -> None:
    job = both(lambda c: c.ips.assign_to_all_domains(IP2))
    assert (job.message, job.reference_id) == ("started", "61926093321d1cba88f3b95b")


@pytest.mark.vcr
def test_remove_from_all_domains(both: Any) -> None:
    job = both(lambda c: c.ips.remove_from_all_domains(IP1, alternative=IP2))
    assert job.reference_id == "61926093321d1cba88f3b95c"


@pytest.mark.vcr
def test_remove_from_domain(both: Any) -> None:
    assert both(lambda c: c.ips.remove_from_domain("example.com", IP1, replacement_ip="shared")).message == "success"


@pytest.mark.vcr
def test_remove_from_domain_pool(both: Any) -> None:
    result = both(
        lambda c: c.ips.remove_from_domain_pool(
            "example.com", "ip_pool", replacement_pool_id="658041ae44842b99ee2eaa1b"
        )
    )
    assert result.message == "success"


@pytest.mark.vcr
def test_request_dedicated(both: Any) -> None:
    assert both(lambda c: c.ips.request_dedicated()) == {"message": "success"}


@pytest.mark.vcr
def test_allowance(both: Any) -> None:
    assert both(lambda c: c.ips.allowance())["allowed"] == {"dedicated": 1, "shared": 2}


@pytest.mark.vcr
def test_set_band(both: Any) -> None:
    assert both(lambda c: c.ips.set_band(IP1, band="band-a"))["message"] == "success"


def test_what_is_sent(mock_api: Any) -> None:
    api = mock_api(lambda request: httpx.Response(200, json={"message": "ok", "items": []}))
    api(lambda c: c.ips.get(ipaddress.ip_address("2001:db8::1")))
    api(lambda c: c.ips.remove_from_all_domains(IP1))
    api(lambda c: c.ips.remove_from_domain("example.com", "all"))
    api(lambda c: c.ips.set_band(IP1, band="band-a"))
    api.collect(lambda c: c.ips.list())
    ipv6, remove_all, remove, band, listing = api.requests
    assert ipv6.url.raw_path == b"/v3/ips/2001%3Adb8%3A%3A1"
    # `alternative` is optional although the spec marks it required: nothing is sent when it is not given.
    assert (remove_all.method, remove_all.url.raw_path) == ("DELETE", f"/v3/ips/{IP1}/domains".encode())
    assert remove.url.raw_path == b"/v3/domains/example.com/ips/all"
    assert form_of(band) == {"ip_band": ["band-a"]}
    assert listing.url.raw_path == b"/v3/ips"


def test_form_fields_keep_strings_and_repeat_lists() -> None:
    from mailgun_openapi.models.patch_ip_pools_pool_id_request import PatchIpPoolsPoolIdRequest

    body = PatchIpPoolsPoolIdRequest(name="True", description="pool")
    fields = form_fields(body, add_ip=[IP1, IP2], remove_ip=None)
    assert sorted((name, value) for name, (_, value, _) in fields) == [
        ("add_ip", IP1.encode()),
        ("add_ip", IP2.encode()),
        ("description", b"pool"),
        ("name", b"True"),  # only booleans are rewritten (true/false), a string stays as given
    ]


@pytest.mark.parametrize(
    ("call", "param"),
    [
        (lambda c: c.ips.get("192.0.2"), "ip"),
        (lambda c: c.ips.get("shared"), "ip"),
        (lambda c: c.ips.list(dedicated="yes"), "dedicated"),
        (lambda c: c.ips.list_domains(IP1, limit=0), "limit"),
        (lambda c: c.ips.list_domains("all"), "ip"),
        (lambda c: c.ips.remove_from_all_domains(IP1, alternative="shared"), "alternative"),
        (lambda c: c.ips.remove_from_domain("example.com", "pool"), "ip"),
        (
            lambda c: c.ips.remove_from_domain("example.com", IP1, replacement_ip=IP2, replacement_pool_id="p"),
            "replacement_pool_id",
        ),
        (lambda c: c.ips.remove_from_domain_pool("", IP1), "domain"),
        (lambda c: c.ips.remove_from_domain_pool("example.com", IP1, replacement_ip="any"), "replacement_ip"),
        (lambda c: c.ips.set_band(IP1, band=""), "band"),
    ],
)
def test_bad_input_is_refused_before_sending(mock_api: Any, call: Any, param: str) -> None:
    api = mock_api(lambda request: pytest.fail(f"nothing may be sent: {request.url}"))
    with pytest.raises(ValidationError) as caught:
        result = api(call)
        api.collect(lambda c: result)
    assert caught.value.param == param
    assert api.requests == []
