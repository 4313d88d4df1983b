"""client.events, client.stats, client.tags_v3: still work, every call warns naming its successor."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from mailgun import MailgunDeprecationWarning, ValidationError

UTC = dt.timezone.utc


@pytest.mark.vcr(cassette_library_dir="tests/cassettes/test_events")
def test_list_events(both: Any) -> None:
    with pytest.warns(MailgunDeprecationWarning, match=r"client\.logs\.list\(\)"):
        events = both.collect(lambda c: c.events.list("example.com", limit=2))
    assert [e.id for e in events] == ["e1", "e2", "e3"]
    assert events[0].recipient == "u1@example.com"
    assert events[0].tags is None  # the API sends null where the spec says a list: kept as "absent"
    assert events[0].timestamp == pytest.approx(1740820801.0)


@pytest.mark.vcr(cassette_library_dir="tests/cassettes/test_stats")
def test_account_totals(both: Any) -> None:
    with pytest.warns(MailgunDeprecationWarning, match="client.metrics.query"):
        stats = both(lambda c: c.stats.totals(["accepted", "delivered"], resolution="day"))
    assert stats.resolution == "day"
    assert stats.stats[0].delivered.total == 9
    assert stats.start == dt.datetime(2025, 3, 1, tzinfo=UTC)


@pytest.mark.vcr(cassette_library_dir="tests/cassettes/test_stats")
def test_domain_totals(both: Any) -> None:
    with pytest.warns(MailgunDeprecationWarning):
        assert both(lambda c: c.stats.domain_totals("example.com", "delivered")).stats[0].accepted.total == 10


@pytest.mark.vcr(cassette_library_dir="tests/cassettes/test_stats")
def test_totals_by_domain(both: Any) -> None:
    with pytest.warns(MailgunDeprecationWarning):
        stats = both(lambda c: c.stats.totals_by_domain("delivered", timestamp=dt.datetime(2025, 3, 1, tzinfo=UTC)))
    assert stats.resolution == "day"


@pytest.mark.vcr(cassette_library_dir="tests/cassettes/test_stats")
def test_filtered_totals(both: Any) -> None:
    with pytest.warns(MailgunDeprecationWarning):
        assert both(lambda c: c.stats.filtered("delivered", filter="domain:example.com", group="tag")).stats


@pytest.mark.vcr(cassette_library_dir="tests/cassettes/test_stats")
def test_aggregates(both: Any) -> None:
    with pytest.warns(MailgunDeprecationWarning):
        providers = both(lambda c: c.stats.providers("example.com"))
        devices = both(lambda c: c.stats.devices("example.com"))
        countries = both(lambda c: c.stats.countries("example.com"))
    assert providers.providers.additional_properties["gmail.com"].additional_properties["delivered"] == 9
    assert devices.devices.additional_properties["desktop"].additional_properties["opened"] == 3
    assert countries.countries.additional_properties["US"].additional_properties["clicked"] == 1


@pytest.mark.vcr(cassette_library_dir="tests/cassettes/test_tags_v3")
def test_list_legacy_tags(both: Any) -> None:
    with pytest.warns(MailgunDeprecationWarning, match="client.tags.list"):
        tags = both.collect(lambda c: c.tags_v3.list("example.com", limit=2))
    assert [t.tag for t in tags] == ["a", "b", "c"]


@pytest.mark.vcr(cassette_library_dir="tests/cassettes/test_tags_v3")
def test_legacy_tag_calls(both: Any) -> None:
    with pytest.warns(MailgunDeprecationWarning):
        assert both(lambda c: c.tags_v3.get("example.com", "a")).description == "about a"
        assert both(lambda c: c.tags_v3.update("example.com", "a", description="new")).message == "Tag updated"
        assert both(lambda c: c.tags_v3.delete("example.com", "a")).message == "Tag deleted"
        assert both(lambda c: c.tags_v3.stats("example.com", "a", "delivered")).stats[0].delivered.total == 9
        aggregates = both(lambda c: c.tags_v3.aggregates("example.com", "a", "countries"))
        assert aggregates.tag == "a"
        assert both(lambda c: c.tags_v3.countries("example.com"))["countries"]["US"]["clicked"] == 1
        assert both(lambda c: c.tags_v3.devices("example.com")).items == ["desktop", "mobile"]
        assert both(lambda c: c.tags_v3.providers("example.com")).items == ["gmail.com"]
        assert both(lambda c: c.tags_v3.limits("example.com")).limit == 5000


@pytest.mark.parametrize(
    ("call", "param"),
    [
        (lambda c: c.stats.totals([]), "event"),
        (lambda c: c.stats.totals("delivered", start=dt.datetime(2025, 1, 1)), "start"),
    ],
)
def test_bad_input_is_refused_before_sending(mock_api: Any, call: Any, param: str) -> None:
    api = mock_api(lambda request: pytest.fail("nothing may be sent"))
    # Bad input fails before the call is built, so before its deprecation warning.
    with pytest.raises(ValidationError) as caught:
        result = api(call)
        api.collect(lambda c: result)
    assert caught.value.param == param
