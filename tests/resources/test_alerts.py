"""client.alerts: every method, sync and async, replayed from cassettes."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import httpx
import pytest

from mailgun import ValidationError

ALERT = {
    "metric": "hard_bounce_rate",
    "comparator": ">",
    "limit": 0.05,
    "dimension": "domain",
    "alert_channels": ["email", "webhook"],
    "filters": [{"dimension": "domain", "comparator": "=", "values": ["example.com"]}],
    "period": "1h",
}


@pytest.mark.vcr
def test_list_alerts(both: Any) -> None:
    listed = both(lambda c: c.alerts.list())
    assert listed.total == 2
    assert [(a.name, a.metric) for a in listed.items] == [
        ("bounces", "hard_bounce_rate"),
        ("complaints", "complained_rate"),
    ]


@pytest.mark.vcr
def test_get_alert(both: Any) -> None:
    alert = both(lambda c: c.alerts.get("bounces"))
    assert (alert.comparator, alert.limit, alert.dimension, alert.period) == (">", "0.05", "domain", "1h")
    assert alert.alert_channels == ["email", "webhook"]
    assert alert.filters[0].values == ["example.com"]
    assert alert.created_at == dt.datetime(2025, 11, 7, 20, 54, 42, 186270, tzinfo=dt.timezone.utc)


@pytest.mark.vcr
def test_create_alert(both: Any) -> None:
    created = both(lambda c: c.alerts.create("bounces", **ALERT))
    assert (created.id, created.name) == ("915ff385-0a9a-4087-86d5-6727ea7d9b49", "bounces")


@pytest.mark.vcr
def test_update_alert(both: Any) -> None:
    assert both(lambda c: c.alerts.update("bounces", **{**ALERT, "limit": ".08"})).message == "alert updated"


@pytest.mark.vcr
def test_delete_alert(both: Any) -> None:
    assert both(lambda c: c.alerts.delete("bounces")).message == "alert deleted"


@pytest.mark.vcr
def test_alert_hits(both: Any) -> None:
    hits = both(lambda c: c.alerts.hits())
    assert hits.total == 1
    hit = hits.items[0]
    assert (hit.triggered, hit.latest_value, hit.dimension_value) == (True, "0.08", "example.com")


def test_the_alert_is_sent_as_json(mock_api: Any) -> None:
    api = mock_api(lambda request: httpx.Response(200, json={"message": "ok"}))
    api(lambda c: c.alerts.update("bounces", metric="delivered_rate", comparator="<", limit=".99", dimension="ip"))
    request = api.requests[0]
    assert (request.method, request.url.path) == ("PUT", "/v1/thresholds/alerts/send/bounces")
    assert json.loads(request.content) == {
        "name": "bounces",
        "metric": "delivered_rate",
        "comparator": "<",
        "limit": ".99",
        "dimension": "ip",
    }


@pytest.mark.parametrize(
    ("changes", "param"),
    [
        ({"limit": "lots"}, "limit"),
        ({"limit": float("nan")}, "limit"),
        ({"limit": True}, "limit"),
        ({"filters": {"dimension": "domain"}}, "filters"),
        ({"filters": [{"dimension": "domain", "comparator": "=", "values": []}]}, "filters[0].values"),
        ({"filters": [{"dimension": "domain", "comparator": "=", "value": ["x"]}]}, "filters[0]"),
        ({"period": ""}, "period"),
    ],
)
def test_bad_input_is_refused_before_sending(mock_api: Any, changes: dict[str, Any], param: str) -> None:
    api = mock_api(lambda request: pytest.fail(f"nothing may be sent: {request.url}"))
    with pytest.raises(ValidationError) as caught:
        api(lambda c: c.alerts.create("bounces", **{**ALERT, **changes}))
    assert caught.value.param == param
    with pytest.raises(ValidationError) as caught:
        api(lambda c: c.alerts.get(""))
    assert caught.value.param == "name"
    assert api.requests == []
