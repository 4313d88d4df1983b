"""extra_query=, extra_body=, extra_headers= on every method (issue 12, item 6): the way to send a parameter newer
than the SDK. Each reaches the wire, merged last, for every kind of request the facade makes; sync and async."""

from __future__ import annotations

import datetime as dt
import functools
import importlib
import inspect
import json
import os
from pathlib import Path
from typing import Any

import httpx
import pytest
from facade_index import endpoints
from wire import wire_fields

from mailgun import AsyncMailgun, Mailgun, ValidationError
from mailgun._client import resource
from mailgun._endpoint import Descriptor
from mailgun._pagination import AsyncPager, SyncPager

EXTRAS = {
    "extra_query": {"q_new": "1"},
    "extra_body": {"b_new": "2"},
    "extra_headers": {"X-New": "3"},
}
NO_BODY = {"extra_query": {"q_new": "1"}, "extra_headers": {"X-New": "3"}}


def _ok(body: Any = None) -> Any:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=body if body is not None else {})

    return handler


def _assert_extras(request: httpx.Request, *, body: bool = True) -> None:
    fields = wire_fields(request)
    assert request.url.params["q_new"] == "1", request.url
    assert request.headers["X-New"] == "3"
    if body:
        assert fields.get("b_new") == ["2"], fields


# (label, call, has a body)
CASES = [
    ("GET", lambda c: c.domains.get("example.com", **EXTRAS), True),
    ("JSON POST", lambda c: c.metrics.query(metrics="delivered_count", **EXTRAS), True),
    (
        "form POST",
        lambda c: c.webhooks.create_for_events("example.com", "https://h.example.com/", "opened", **EXTRAS),
        True,
    ),
    ("multipart POST", lambda c: c.domains.create("new.example.com", **EXTRAS), True),
    (
        "message send",
        lambda c: c.messages.send(
            "example.com", from_="a@example.com", to="b@example.com", subject="s", text="t", **EXTRAS
        ),
        True,
    ),
    (
        "send with attachment",
        lambda c: c.messages.send(
            "example.com",
            from_="a@example.com",
            to="b@example.com",
            subject="s",
            text="t",
            attachments=[("a.txt", b"x")],
            **EXTRAS,
        ),
        True,
    ),
    ("raw response", lambda c: c.domains.get.with_raw_response("example.com", **EXTRAS), True),
    ("bodiless PUT", lambda c: c.domains.verify("example.com", **EXTRAS), True),
]


@pytest.mark.parametrize(("call", "has_body"), [pytest.param(c, b, id=label) for label, c, b in CASES])
def test_each_extra_reaches_the_wire(mock_api: Any, call: Any, has_body: bool) -> None:
    api = mock_api(_ok())
    api(call)
    [request] = api.requests
    _assert_extras(request, body=has_body)


def test_extras_are_merged_last(mock_api: Any) -> None:
    api = mock_api(_ok())
    api(lambda c: c.metrics.query(metrics="delivered_count", resolution="day", extra_body={"resolution": "hour"}))

    api.collect(lambda c: c.domains.list(state="active", extra_query={"state": "disabled"}))
    api(lambda c: c.domains.create("n.example.com", spam_action="tag", extra_body={"spam_action": "block"}))
    api(lambda c: c.domains.get("example.com", extra_headers={"User-Agent": "mine/1"}))
    json_request, page, multipart, get = api.requests
    assert json.loads(json_request.content)["resolution"] == "hour"
    assert page.url.params.get_list("state") == ["disabled"]
    assert wire_fields(multipart)["spam_action"] == ["block"]
    assert get.headers.get_list("User-Agent") == ["mine/1"]


def _two_pages_of_domains(request: httpx.Request) -> httpx.Response:
    skip = int(request.url.params["skip"])
    items = [{"name": f"d{i}.example.com"} for i in range(skip, min(skip + 2, 3))]
    return httpx.Response(200, json={"total_count": 3, "items": items})


def _events(request: httpx.Request) -> httpx.Response:
    page = 0 if request.url.path.endswith("/events") else int(request.url.path.rsplit("page", 1)[1])
    items = [{"event": "delivered", "id": f"e{page}"}] if page < 2 else []
    return httpx.Response(
        200, json={"items": items, "paging": {"next": f"https://x/v3/example.com/events/page{page + 1}?p=1"}}
    )


def test_every_page_of_a_listing_carries_the_extras(mock_api: Any) -> None:
    api = mock_api(_two_pages_of_domains)
    names = [d.name for d in api.collect(lambda c: c.domains.list(limit=2, **EXTRAS))]
    assert names == ["d0.example.com", "d1.example.com", "d2.example.com"]
    assert len(api.requests) == 2
    for request in api.requests:
        _assert_extras(request)


@pytest.mark.filterwarnings("ignore::mailgun.MailgunDeprecationWarning")
def test_every_page_of_a_next_url_listing_carries_the_extras(mock_api: Any) -> None:
    api = mock_api(_events)
    assert [e.id for e in api.collect(lambda c: c.events.list("example.com", extra_query={"q_new": "1"}))] == [
        "e0",
        "e1",
    ]
    assert len(api.requests) == 3
    for request in api.requests:
        assert request.url.params["q_new"] == "1", request.url
    assert api.requests[1].url.params["p"] == "1"  # the cursor's own query is kept


def test_every_page_of_a_json_body_listing_carries_the_extras(mock_api: Any) -> None:
    def logs(request: httpx.Request) -> httpx.Response:
        token = json.loads(request.content).get("pagination", {}).get("token")
        items = [] if token == "t2" else [{"event": "delivered", "id": token or "t0"}]
        return httpx.Response(200, json={"items": items, "pagination": {"next": "t2"}})

    api = mock_api(logs)
    start = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
    api.collect(lambda c: c.logs.list(start=start, **EXTRAS))
    assert len(api.requests) == 2
    for request in api.requests:
        _assert_extras(request)


def test_every_chunk_of_a_batch_carries_the_extras(mock_api: Any) -> None:
    api = mock_api(_ok({"id": "<m@x>", "message": "Queued"}))
    recipients = {f"r{i}@example.com": {"n": i} for i in range(3)}
    result = api(
        lambda c: c.messages.send_batch(
            "example.com", recipients=recipients, from_="a@example.com", subject="s", text="t", chunk_size=2, **EXTRAS
        )
    )
    assert len(result.chunks) == 2 and len(api.requests) == 2
    for request in api.requests:
        _assert_extras(request)


@pytest.mark.parametrize(
    ("extras", "message"),
    [
        ({"extra_headers": {"X-Evil": "a\r\nInjected: 1"}}, "single-line"),
        ({"extra_headers": {"X-Evil": "a\nb"}}, "single-line"),
        ({"extra_headers": {"Bad Name": "x"}}, "not a header name"),
        ({"extra_headers": {"X-Number": 1}}, "single-line"),
        ({"extra_headers": {"Authorization": "Basic eA=="}}, "set by the client"),
        ({"extra_headers": {"authorization": "Basic eA=="}}, "set by the client"),
        ({"extra_headers": {"Host": "evil.example.com"}}, "set by the client"),
        ({"extra_query": ["q", "1"]}, "must be a mapping"),
        ({"extra_query": {"q": object()}}, "strings or numbers"),
        ({"extra_query": {"": "x"}}, "non-empty"),
        ({"extra_body": {"b": object()}}, "strings or numbers"),  # a form body
    ],
)
def test_bad_extras_are_refused_before_sending(mock_api: Any, extras: dict[str, Any], message: str) -> None:
    api = mock_api(lambda request: pytest.fail(f"nothing may be sent: {request.url}"))
    with pytest.raises(ValidationError, match=message) as caught:
        api(lambda c: c.domains.get("example.com", **extras))
    assert caught.value.param in ("extra_headers", "extra_query", "extra_body")
    assert api.requests == []


def test_a_json_body_takes_only_json_values(mock_api: Any) -> None:
    api = mock_api(lambda request: pytest.fail("nothing may be sent"))
    with pytest.raises(ValidationError, match="JSON-serialisable") as caught:
        api(lambda c: c.metrics.query(metrics="delivered_count", extra_body={"x": object()}))
    assert caught.value.param == "extra_body"


def test_json_body_extras_keep_their_json_types(mock_api: Any) -> None:
    api = mock_api(_ok())
    api(lambda c: c.metrics.query(metrics="delivered_count", extra_body={"new": {"nested": [1, True]}}))
    assert json.loads(api.requests[0].content)["new"] == {"nested": [1, True]}


def test_header_values_are_not_in_the_repr() -> None:
    from mailgun._extras import Extras

    assert "s3cret" not in repr(Extras(None, None, {"X-Token": "s3cret"}))


def test_every_curated_method_declares_the_extras() -> None:
    """The typed surface: each builder a descriptor exposes has ``**extras: Unpack[RequestExtras]``."""
    missing = []
    for label, client_cls in (("sync", Mailgun), ("async", AsyncMailgun)):
        for attribute, slot in vars(client_cls).items():
            if not isinstance(slot, resource):
                continue
            resource_cls = getattr(importlib.import_module(f"mailgun.resources.{slot.module}"), slot.name)
            for method, member in inspect.getmembers(resource_cls):
                if isinstance(member, Descriptor):
                    extras = inspect.signature(member.build).parameters.get("extras")
                    if extras is None or extras.annotation != "Unpack[RequestExtras]":
                        missing.append(f"{label} {attribute}.{method}")
    assert not missing, f"add **extras: Unpack[RequestExtras] to their builders: {missing}"
    assert len(endpoints()) > 400  # the index above saw the whole facade


TYPED = """
import asyncio
from mailgun import AsyncMailgun, Mailgun

client = Mailgun("key")
client.domains.get("example.com", extra_query={"a": "1"}, extra_headers={"X-A": "b"}, extra_body={"c": 1})
client.domains.list(extra_query={"a": "1"})
client.messages.send("example.com", from_="a@example.com", to="b@example.com", text="t", extra_body={"o:new": "x"})
client.messages.send_batch("example.com", recipients={}, from_="a@example.com", text="t", extra_query={"a": "b"})
client.domains.get.with_raw_response("example.com", extra_headers={"X-A": "b"})
client.domains.get("example.com", extra_qeury={"a": "1"})
client.domains.get("example.com", extra_headers={"X-A": 1})


async def main() -> None:
    aclient = AsyncMailgun("key")
    await aclient.metrics.query(metrics="delivered_count", extra_body={"new": True})
    await aclient.domains.get("example.com", extra_body=[1])
"""


def test_type_checkers_see_the_three_keywords(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mypy import api

    snippet = tmp_path / "snippet.py"
    snippet.write_text(TYPED)
    root = Path(__file__).resolve().parents[1]
    monkeypatch.setenv("MYPYPATH", f"{root}{os.pathsep}{root / 'generated'}")
    out, _, status = api.run(
        [
            "--strict",
            "--no-incremental",
            "--follow-imports=silent",
            "--cache-dir",
            str(tmp_path / "cache"),
            str(snippet),
        ]
    )
    errors = sorted(int(line.split(":")[1]) for line in out.splitlines() if ": error:" in line)
    lines = TYPED.splitlines()
    flagged = [lines[n - 1].strip() for n in errors]
    assert status == 1 and len(errors) == 3, out
    assert "extra_qeury" in flagged[0] and '"X-A": 1' in flagged[1] and "extra_body=[1]" in flagged[2], out


def test_extras_a_request_cannot_take_are_refused_when_the_method_is_called(mock_api: Any) -> None:
    """Not when the request is made: a listing is refused before it is iterated, a batch before its first chunk."""
    api = mock_api(lambda request: pytest.fail(f"nothing may be sent: {request.url}"))
    with pytest.raises(ValidationError, match="strings or numbers"):
        api(lambda c: c.domains.list(extra_body={"x": {}}))
    with pytest.raises(ValidationError, match="strings or numbers"):
        api(
            lambda c: c.messages.send_batch(
                "example.com", recipients={"r@example.com": {}}, from_="a@example.com", text="t", extra_body={"x": {}}
            )
        )
    assert api.requests == []


class _WithExtras:
    """A client whose every method is called with ``extras`` added (its resources wrapped the same way)."""

    def __init__(self, target: Any, extras: dict[str, Any]) -> None:
        self._target, self._extras = target, extras

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._target, name)
        return functools.partial(value, **self._extras) if callable(value) else _WithExtras(value, self._extras)


# JSON arrays (many entries a request): no field can be added to them, and saying so beats dropping extra_body.
JSON_ARRAY_BODIES = {"bounces.add_many", "unsubscribes.add_many", "complaints.add_many"}


@pytest.mark.filterwarnings("ignore::mailgun.MailgunDeprecationWarning")
def test_every_curated_method_sends_the_three_extras(mock_api: Any) -> None:
    """Each sample call of tests/contract/facade_samples.py (one per method), made with the three extras: every
    request it makes carries all three (a JSON array body refuses extra_body, and takes the other two)."""
    from contract.facade_samples import SAMPLES

    api = mock_api(_ok())
    for label, sample in SAMPLES.items():
        client = _WithExtras(api.client, NO_BODY if label in JSON_ARRAY_BODIES else EXTRAS)
        if label in JSON_ARRAY_BODIES:
            with pytest.raises(ValidationError, match="JSON body is not an object"):
                api(lambda c, sample=sample: sample(_WithExtras(api.client, EXTRAS)))
        first = len(api.requests)
        result = api(lambda c, sample=sample, client=client: sample(client))
        if isinstance(result, (SyncPager, AsyncPager)):
            api.collect(lambda c, result=result: result, limit=1)
        sent = api.requests[first:]
        assert sent, f"{label}: nothing sent"
        for request in sent:
            assert request.url.params.get("q_new") == "1" and request.headers.get("X-New") == "3", label
            if label not in JSON_ARRAY_BODIES:
                assert wire_fields(request).get("b_new") == ["2"], label
    assert len(SAMPLES) > 200 and len(api.requests) >= len(SAMPLES)
