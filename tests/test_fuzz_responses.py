"""Fuzzing the response handling of every wrapped operation: 10,000 generated bodies (truncated or invalid JSON,
wrong types, nulls, HTML error pages, empty bodies, huge numbers) with 2xx and non-2xx statuses.

Only data or a MailgunError subclass may come out: never a bare KeyError, TypeError, AttributeError or ValueError.
"""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shared_data import RecordedOperation, wrapped_operations

import mailgun
from mailgun._call import Call
from mailgun._pagination import BodyTokenStyle, NextUrlStyle, SkipLimitStyle

EXAMPLES = 10_000
STATUSES = [200, 201, 202, 204, 400, 401, 402, 403, 404, 409, 413, 422, 429, 500, 502, 503, 504]

json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=False),
    st.text(max_size=20),
)
json_values = st.recursive(
    json_scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.text(max_size=12), children, max_size=5)
    ),
    max_leaves=20,
)
field_names = st.sampled_from(
    [
        "items",
        "paging",
        "pagination",
        "message",
        "id",
        "domain",
        "name",
        "created_at",
        "total_count",
        "member",
        "route",
        "list",
        "next",
        "stats",
        "start",
        "end",
        "@timestamp",
        "event",
        "tags",
        "metrics",
    ]
)
# Bodies shaped like Mailgun's (known keys with wrong types) and wild ones.
shaped = st.dictionaries(field_names, json_values, max_size=6)


@st.composite
def bodies(draw: st.DrawFn) -> bytes:
    kind = draw(st.sampled_from(["shaped", "json", "truncated", "html", "empty", "text", "huge", "bytes"]))
    if kind == "shaped":
        return json.dumps(draw(shaped)).encode()
    if kind == "json":
        return json.dumps(draw(json_values)).encode()
    if kind == "truncated":
        full = json.dumps(draw(shaped))
        return full[: draw(st.integers(0, max(0, len(full) - 1)))].encode()
    if kind == "html":
        return b"<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"
    if kind == "empty":
        return b""
    if kind == "huge":
        return b'{"total_count": 1' + b"0" * 400 + b', "items": [1e999, -1e999]}'
    if kind == "bytes":
        return draw(st.binary(max_size=64))
    return draw(st.text(max_size=40)).encode()


class Answer:
    """One client for the whole run; each example sets what the mock server answers."""

    def __init__(self) -> None:
        self.status = 200
        self.body = b""
        self.content_type = "application/json"

    def __call__(self, request: httpx.Request) -> httpx.Response:
        return httpx.Response(self.status, content=self.body, headers={"Content-Type": self.content_type})


@pytest.fixture(scope="module")
def harness() -> Any:
    answer = Answer()
    client = mailgun.Mailgun("k", max_retries=0, http_client=httpx.Client(transport=httpx.MockTransport(answer)))
    operations = sorted(wrapped_operations().values(), key=lambda op: op.name)
    yield answer, client, operations
    client.close()


STYLES = [NextUrlStyle(), SkipLimitStyle(100), BodyTokenStyle()]


@settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(data=st.data(), status=st.sampled_from(STATUSES), body=bodies(), json_type=st.booleans())
def test_only_data_or_mailgun_errors_come_out(
    harness: Any, data: st.DataObject, status: int, body: bytes, json_type: bool
) -> None:
    answer, client, operations = harness
    operation = data.draw(st.sampled_from(operations))
    answer.status, answer.body = status, body
    answer.content_type = "application/json" if json_type else "text/html"
    call = Call(RecordedOperation(operation), {}, operation.parse, overrides=_any_request(operation))
    try:
        result = client._run(call)
    except mailgun.MailgunError:
        assert not 200 <= status < 300, "a 2xx must never become an exception"
    else:
        assert 200 <= status < 300, "a non-2xx must never be returned as a value"
        read_everything(result)  # response models read their fields on access: reading must not raise either
    # Pagination reads the same bodies: its styles must never raise either.
    try:
        raw: Any = json.loads(body)
    except ValueError:
        raw = body
    for style in STYLES:
        style.next_cursor(raw, current=None, item_count=1)


def read_everything(value: Any) -> None:
    """Read every field of a result, nested ones too (``to_dict`` reads them all)."""
    if isinstance(value, list):
        for item in value:
            read_everything(item)
    elif hasattr(value, "to_dict"):
        value.to_dict()
        repr(value)


def _any_request(operation: Any) -> dict[str, Any]:
    """The fuzz is about responses: send a fixed request instead of building one from arguments."""
    method, path, _ = operation.info
    return {"method": method, "url": path, "params": None, "json": None, "data": None, "files": None, "content": None}


# Fixed bodies of the wrong shape for every field name above, through every wrapped operation: the sweep that
# the random examples only sample (a list of numbers where a list of objects belongs was found that way).
WRONG_SHAPES: list[Any] = [
    {name: value for name in field_names.elements}  # type: ignore[attr-defined]
    for value in ([1e308, -1.5], [None, "x"], [[1]], "text", 7, {"a": [1]}, True)
]


def test_every_operation_reads_bodies_of_the_wrong_shape(harness: Any) -> None:
    answer, client, operations = harness
    answer.status, answer.content_type = 200, "application/json"
    for operation in operations:
        for body in WRONG_SHAPES:
            answer.body = json.dumps(body).encode()
            call = Call(RecordedOperation(operation), {}, operation.parse, overrides=_any_request(operation))
            read_everything(client._run(call))
