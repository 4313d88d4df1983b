"""client.logs, client.metrics, client.tags (the current analytics APIs), sync and async, from cassettes."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from mailgun import ValidationError

UTC = dt.timezone.utc
START, END = dt.datetime(2025, 3, 1, tzinfo=UTC), dt.datetime(2025, 3, 2, tzinfo=UTC)


@pytest.mark.vcr(cassette_library_dir="tests/cassettes/test_logs")
def test_list_logs(both: Any) -> None:
    events = both.collect(lambda c: c.logs.list(start=START, end=END, events=["delivered"], limit=2))
    assert [e.id for e in events] == ["ev1", "ev2", "ev3"]
    assert events[0].recipient == "user1@example.com"
    assert events[0].timestamp == dt.datetime(2025, 3, 1, 10, 0, 1, tzinfo=UTC)


def test_logs_request_body(mock_api: Any) -> None:
    import httpx

    api = mock_api(lambda request: httpx.Response(200, json={"items": []}))
    flt = {
        "AND": [
            {"attribute": "domain", "comparator": "=", "values": [{"label": "example.com", "value": "example.com"}]}
        ]
    }
    api.collect(lambda c: c.logs.list(start=START, end=END, events="failed", filter=flt, limit=50))
    body = json.loads(api.requests[0].content)
    assert body["start"] == "Sat, 01 Mar 2025 00:00:00 +0000" and body["end"] == "Sun, 02 Mar 2025 00:00:00 +0000"
    assert body["events"] == ["failed"] and body["filter"] == flt and body["pagination"] == {"limit": 50}


@pytest.mark.parametrize(
    ("call", "param"),
    [
        (lambda c: c.logs.list(start=dt.datetime(2025, 3, 1)), "start"),
        (lambda c: c.logs.list(start=END, end=START), "end"),
        (lambda c: c.logs.list(filter=[1]), "filter"),
        (lambda c: c.metrics.query(metrics=[""]), "metrics"),
        (lambda c: c.tags.update("", description="x"), "tag"),
    ],
)
def test_bad_input_is_refused_before_sending(mock_api: Any, call: Any, param: str) -> None:
    api = mock_api(lambda request: pytest.fail("nothing may be sent"))
    with pytest.raises(ValidationError) as caught:
        result = api(call)
        if hasattr(result, "iter_pages"):
            api.collect(lambda c: result)
    assert caught.value.param == param


@pytest.mark.vcr(cassette_library_dir="tests/cassettes/test_metrics")
def test_query_metrics(both: Any) -> None:
    result = both(
        lambda c: c.metrics.query(
            metrics=["accepted_count", "delivered_count"], start=START, end=END, resolution="day", dimensions="time"
        )
    )
    assert result.resolution == "day"
    assert result.items[0].metrics.accepted_count == 120
    assert result.aggregates.metrics.delivered_count == 117


@pytest.mark.vcr(cassette_library_dir="tests/cassettes/test_metrics")
def test_usage_metrics(both: Any) -> None:
    result = both(lambda c: c.metrics.usage(metrics=["processed_count"], resolution="month"))
    assert result.items[0].metrics.processed_count == 5000


@pytest.mark.vcr(cassette_library_dir="tests/cassettes/test_tags")
def test_list_tags(both: Any) -> None:
    tags = both.collect(lambda c: c.tags.list(limit=2))
    assert [t.tag for t in tags] == ["spring", "summer", "winter"]
    assert tags[0].first_seen == dt.datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)


@pytest.mark.vcr(cassette_library_dir="tests/cassettes/test_tags")
def test_update_tag(both: Any) -> None:
    assert both(lambda c: c.tags.update("spring", description="Spring sale")).message == "Tag updated"


@pytest.mark.vcr(cassette_library_dir="tests/cassettes/test_tags")
def test_delete_tag(both: Any) -> None:
    assert both(lambda c: c.tags.delete("spring")).message == "Tag deleted"


@pytest.mark.vcr(cassette_library_dir="tests/cassettes/test_tags")
def test_tag_limits(both: Any) -> None:
    limits = both(lambda c: c.tags.limits())
    assert (limits.limit, limits.count, limits.limit_reached) == (5000, 42, False)


@pytest.mark.parametrize(
    "bad",
    [
        {"AND": [{"attribute": "domain", "comparator": "=", "values": [{"label": "no value"}]}]},
        {"OR": []},
        {"AND": [1]},
        {"AND": [{"attribute": "", "comparator": "=", "values": []}]},
    ],
)
def test_a_malformed_filter_is_a_validation_error(mock_api: Any, bad: Any) -> None:
    api = mock_api(lambda request: pytest.fail("nothing may be sent"))
    with pytest.raises(ValidationError) as caught:
        api.collect(lambda c: c.logs.list(filter=bad))
    assert caught.value.param.startswith("filter")
    with pytest.raises(ValidationError):
        api(lambda c: c.metrics.query(metrics="accepted_count", filter=bad))


def test_a_filter_value_label_defaults_to_its_value(mock_api: Any) -> None:
    import httpx

    api = mock_api(lambda request: httpx.Response(200, json={"items": []}))
    flt = {"AND": [{"attribute": "domain", "comparator": "=", "values": [{"value": "example.com"}]}]}
    api.collect(lambda c: c.logs.list(filter=flt))
    sent = json.loads(api.requests[0].content)["filter"]["AND"][0]["values"]
    assert sent == [{"label": "example.com", "value": "example.com"}]
