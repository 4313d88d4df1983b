"""What a request carries on the wire, for tests that assert on it."""

from __future__ import annotations

import email.parser
import email.policy
import json
from typing import Any
from urllib.parse import parse_qsl

import httpx


def wire_fields(request: httpx.Request) -> dict[str, list[str]]:
    """Every (name, value) the request carries: query, urlencoded or multipart form, JSON body (flattened)."""
    fields: dict[str, list[str]] = {}

    def add(name: str, value: Any) -> None:
        if isinstance(value, list):
            for item in value:
                add(name, item)
        elif isinstance(value, dict):
            for key, item in value.items():
                add(f"{name}.{key}" if name else key, item)
        else:
            if isinstance(value, bytes):  # a file part
                value = value.decode("utf-8", "replace")
            elif not isinstance(value, (str, int, float, bool)) and value is not None:  # a MIME part, say
                value = str(value)
            fields.setdefault(name, []).append(value if isinstance(value, str) else json.dumps(value))

    for name, value in request.url.params.multi_items():
        add(name, value)
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("application/x-www-form-urlencoded"):
        for name, value in parse_qsl(request.content.decode(), keep_blank_values=True):
            add(name, value)
    elif content_type.startswith("multipart/form-data"):
        head = f"Content-Type: {content_type}\r\n\r\n".encode()
        message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + request.content)
        for part in message.iter_parts():
            add(part.get_param("name", header="content-disposition"), part.get_content())
    elif content_type.startswith("application/json"):
        add("", json.loads(request.content))
    return fields
