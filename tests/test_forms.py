"""``mailgun._forms``: which forms go urlencoded (no file in them) and what the body holds."""

from __future__ import annotations

import io
from typing import Any

import httpx
import pytest
from forms import decode_urlencoded

from mailgun._forms import fields_and_files, urlencoded


def test_fields_only_become_urlencoded_in_order_with_repeats() -> None:
    parts = [
        ("to", (None, b"a@example.org", "text/plain")),
        ("o:tag", (None, "ü & =".encode(), "text/plain")),
        ("to", (None, b"b@example.org", "text/plain")),
        ("v:x", (None, b'{"a":[1]}', "application/json")),
        ("empty", (None, b"", "text/plain")),
    ]
    body = urlencoded(parts)
    assert body is not None
    assert decode_urlencoded(body) == [(name, value[1]) for name, value in parts]


@pytest.mark.parametrize(
    "parts",
    [
        [("to", (None, b"a", "text/plain")), ("attachment", ("a.txt", b"x", "text/plain"))],  # a file name
        [("to", (None, b"a", "text/plain")), ("message", (None, io.BytesIO(b"x"), "message/rfc822"))],  # a stream
        {"to": (None, b"a", "text/plain")},  # not a list of parts: left to httpx
        [("to", b"a")],
    ],
)
def test_a_form_with_a_file_or_an_unknown_shape_stays_multipart(parts: Any) -> None:
    assert urlencoded(parts) is None


def test_a_raw_request_keeps_the_encoding_it_was_given() -> None:
    """``client.request(files=...)`` is the caller's choice of multipart; the SDK's own calls (resource methods,
    ``client.api``) send a form without files urlencoded."""
    from mailgun import Mailgun

    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"message": "ok"})

    from mailgun_openapi.models.post_ip_whitelist_request import PostIpWhitelistRequest

    with Mailgun("key-test", http_client=httpx.Client(transport=httpx.MockTransport(handler))) as client:
        client.request("POST", "/v2/ip_whitelist", files=[("priority", (None, b"1", "text/plain"))])
        client.ip_allowlist.add("192.0.2.1")  # a multipart body in the spec
        client.api.ip_allowlist.post_ip_whitelist(body=PostIpWhitelistRequest(address="192.0.2.2"))
    assert seen[0].headers["content-type"].startswith("multipart/form-data; boundary=")
    assert [r.headers["content-type"] for r in seen[1:]] == ["application/x-www-form-urlencoded"] * 2
    assert [r.content for r in seen[1:]] == [b"address=192.0.2.1", b"address=192.0.2.2"]


@pytest.mark.parametrize(
    "value",
    [b"", b"plain", bytes(range(256)), "Grüße — 你好 ✓ a+b=c&d %20\r\n~_.-".encode(), b"\x00\xff" * 50],
)
def test_the_encoding_is_the_stdlib_s_byte_for_byte(value: bytes) -> None:
    from urllib.parse import urlencode

    parts = [("o:tag", (None, value, "text/plain")), ("ü k=y", (None, value.decode("latin-1"), "text/plain"))]
    expected = urlencode([("o:tag", value), ("ü k=y", value.decode("latin-1"))])
    assert urlencoded(parts) == expected.encode("ascii")


def test_a_form_with_files_sends_its_fields_as_plain_fields() -> None:
    parts = [
        ("to", (None, b"a@example.org", "text/plain")),
        ("attachment", ("a.txt", b"x", "text/plain")),
        ("to", (None, "b@example.org", "text/plain")),
    ]
    assert fields_and_files(parts) == ({"to": [b"a@example.org", "b@example.org"]}, [parts[1]])
    assert fields_and_files({"to": "a"}) is None
    assert fields_and_files([("to", b"a")]) is None


def test_extra_body_fields_join_the_urlencoded_form() -> None:
    from mailgun import Mailgun

    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"message": "ok"})

    with Mailgun("key-test", http_client=httpx.Client(transport=httpx.MockTransport(handler))) as client:
        client.ip_allowlist.add("192.0.2.1", extra_body={"note": "a&b", "tag": ["x", "y"]})
    assert seen[0].headers["content-type"] == "application/x-www-form-urlencoded"
    assert decode_urlencoded(seen[0].content) == [
        ("address", b"192.0.2.1"),
        ("note", b"a&b"),
        ("tag", b"x"),
        ("tag", b"y"),
    ]
