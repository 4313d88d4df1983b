"""Decoding the form a request carried, urlencoded or multipart, for the tests that check what was sent.

The SDK sends a form without files ``application/x-www-form-urlencoded`` and one with files
``multipart/form-data`` (``mailgun._forms``). Both decoders here are strict and independent of the SDK's
encoder: urlencoded bodies are checked character by character against what an encoder may emit and decoded twice
(by hand and by the stdlib's ``parse_qsl`` in strict mode); multipart bodies are read by the stdlib's MIME parser.
"""

from __future__ import annotations

import email
import email.policy
import re
from urllib.parse import parse_qsl, unquote_to_bytes

import httpx

URLENCODED = "application/x-www-form-urlencoded"
# What a form encoder emits: unreserved characters, '+' for a space, and %XX escapes (nothing else is allowed).
_URLENCODED_TEXT = re.compile(rb"(?:[A-Za-z0-9*._~-]|\+|%[0-9A-F]{2})*")


def decode_urlencoded(body: bytes) -> list[tuple[str, bytes]]:
    """(name, value bytes) in order, repeated fields kept; fails on anything a form encoder would not write."""
    if not body:
        return []
    pairs: list[tuple[str, bytes]] = []
    for item in body.split(b"&"):
        name, separator, value = item.partition(b"=")
        assert separator, f"a field without '=': {item!r}"
        assert name, f"a field without a name: {item!r}"
        for text in (name, value):
            assert _URLENCODED_TEXT.fullmatch(text), f"not urlencoded: {text!r}"
        pairs.append((unquote_to_bytes(name.replace(b"+", b" ")).decode("utf-8"), _unquote(value)))
    stdlib = parse_qsl(body.decode("ascii"), keep_blank_values=True, strict_parsing=True, errors="strict")
    assert stdlib == [(name, value.decode("utf-8")) for name, value in pairs]
    return pairs


def _unquote(value: bytes) -> bytes:
    return unquote_to_bytes(value.replace(b"+", b" "))


def form_parts(request: httpx.Request) -> dict[str, list[tuple[str | None, bytes]]]:
    """name -> [(file name, content)] of a urlencoded or multipart request body (file name None for a field)."""
    content_type = request.headers["content-type"]
    parts: dict[str, list[tuple[str | None, bytes]]] = {}
    if content_type == URLENCODED:
        for name, value in decode_urlencoded(request.content):
            parts.setdefault(name, []).append((None, value))
        return parts
    assert content_type.startswith("multipart/form-data; boundary="), content_type
    head = f"Content-Type: {content_type}\r\n\r\n".encode()
    message = email.message_from_bytes(head + request.content, policy=email.policy.HTTP)
    for part in message.iter_parts():
        name = str(part.get_param("name", header="content-disposition"))
        payload = part.get_payload(decode=True)
        assert isinstance(payload, bytes)
        parts.setdefault(name, []).append((part.get_filename(), payload))
    return parts


def form_of(request: httpx.Request) -> dict[str, list[str]]:
    """The fields of a form request body (urlencoded or multipart): name -> text values in order."""
    return {name: [value.decode("utf-8") for _, value in values] for name, values in form_parts(request).items()}
