"""client.bounce_classification: every method, sync and async, replayed from cassettes. The v1 reports are
deprecated: each call warns, naming its successor."""

from __future__ import annotations

import datetime as dt
import warnings
from typing import Any

import pytest

from mailgun import MailgunDeprecationWarning, ValidationError

UTC = dt.timezone.utc
EXAMPLE_FILTER = {"AND": [{"attribute": "domain.name", "comparator": "=", "values": [{"value": "example.com"}]}]}


def deprecated(path: str) -> Any:
    return pytest.warns(MailgunDeprecationWarning, match=f"deprecated GET {path}")


# Pages differ only by the JSON body's pagination.skip: matched on the body too.
@pytest.mark.vcr(match_on=["method", "path", "query", "body"])
def test_bounce_metrics(both: Any) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the v2 metrics are current: no deprecation warning
        items = both.collect(
            lambda c: c.bounce_classification.metrics(
                start=dt.datetime(2025, 6, 1, tzinfo=UTC),
                end=dt.datetime(2025, 6, 2, tzinfo=UTC),
                resolution="day",
                dimensions=["entity-name", "domain.name"],
                metrics=["critical_bounce_count", "critical_bounce_rate"],
                filter=EXAMPLE_FILTER,
                include_subaccounts=True,
                sort="entity-name:asc",
                limit=2,
            )
        )
    assert [i.entity_name for i in items] == ["Gmail", "Microsoft", "Yahoo"]
    assert items[0].domain_name == "example.com"
    assert items[2].metrics.critical_bounce_count == 12
    assert items[0].metrics.critical_bounce_rate == 1.5


@pytest.mark.vcr
def test_bounce_stats(both: Any) -> None:
    with deprecated("/v1/bounce-classification/stats"):
        stats = both(lambda c: c.bounce_classification.stats(group="domain.name", limit=5, include_subaccounts=True))
    stat = stats.items[0]
    assert (stat.rule_id, stat.entity_id, stat.bounced.total) == ("55ff", "spamhaus", 4)
    assert stat.domain.name == "example.com" and stat.subaccount.id == "sub1"
    assert stats.field_duration == "0s"


@pytest.mark.vcr
def test_bounce_domains(both: Any) -> None:
    with deprecated("/v1/bounce-classification/domains"):
        rows = both.collect(lambda c: c.bounce_classification.list_domains(query="domain.name:example.com", limit=2))
    assert [(r.domain.name, r.bounced.total) for r in rows] == [
        ("a.example.com", 4),
        ("b.example.com", 2),
        ("c.example.com", 1),
    ]


@pytest.mark.vcr
def test_bounce_domain_entities(both: Any) -> None:
    with deprecated("/v1/bounce-classification/domains/{domain}/entities"):
        entities = both(lambda c: c.bounce_classification.domain_entities("example.com"))
    assert [(e.entity_id, e.entity_name, e.bounced.total) for e in entities.items] == [
        ("gmail", "Gmail", 1),
        ("hotmail", "Microsoft (Hotmail)", 3),
    ]


@pytest.mark.vcr
def test_bounce_entity_rules(both: Any) -> None:
    with deprecated("/v1/bounce-classification/domains/{domain}/entities/{entity-id}/rules"):
        rules = both(lambda c: c.bounce_classification.entity_rules("example.com", "gmail", include_subaccounts=True))
    rule = rules.items[0]
    assert (rule.rule_id, rule.category, rule.severity, rule.bounced.total) == ("55ff", "ESPBLOCK", "PERMANENT", 3)
    assert rule.sample_text.startswith("5.4.1")


@pytest.mark.vcr
def test_bounce_events(both: Any) -> None:
    with deprecated("/v1/bounce-classification/domains/{domain}/events"):
        events = both(
            lambda c: c.bounce_classification.events("example.com", rule_id="55ff", entity_id="gmail", limit=10)
        )
    assert events == {"items": [{"recipient": "alice@gmail.com", "rule-id": "55ff"}], "paging": {"next": "page=abc"}}


@pytest.mark.vcr
def test_bounce_config(both: Any) -> None:
    with deprecated("/v1/bounce-classification/config/entities"):
        entities = both(lambda c: c.bounce_classification.entities())
    assert {key: entities[key].name for key in entities.additional_keys} == {"gmail": "Gmail", "spamhaus": "Spamhaus"}
    with deprecated("/v1/bounce-classification/config/rules"):
        rules = both(lambda c: c.bounce_classification.rules())
    rule = rules["55ff"]
    assert (rule.entity_id, rule.class_, rule.short_explanation) == ("gmail", "ESPBLOCK", "Blocked by Gmail")


@pytest.mark.parametrize(
    ("call", "param"),
    [
        (lambda c: c.bounce_classification.metrics(limit=51), "limit"),
        (lambda c: c.bounce_classification.metrics(start=dt.datetime(2025, 6, 1)), "start"),
        (
            lambda c: c.bounce_classification.metrics(
                start=dt.datetime(2025, 6, 2, tzinfo=UTC), end=dt.datetime(2025, 6, 1, tzinfo=UTC)
            ),
            "end",
        ),
        (lambda c: c.bounce_classification.metrics(filter={"OR": []}), "filter"),
        (
            lambda c: c.bounce_classification.metrics(
                filter={"AND": [{"attribute": "tag", "comparator": "=", "values": ["x"]}]}
            ),
            "filter.AND[0].values",
        ),
    ],
)
def test_bad_input_is_refused_before_sending(mock_api: Any, call: Any, param: str) -> None:
    api = mock_api(lambda request: pytest.fail(f"nothing may be sent: {request.url}"))
    with pytest.raises(ValidationError) as caught:
        result = api(call)
        api.collect(lambda c: result)
    assert caught.value.param == param
    assert api.requests == []


def test_deprecated_reports_check_input_too(mock_api: Any) -> None:
    api = mock_api(lambda request: pytest.fail(f"nothing may be sent: {request.url}"))
    with pytest.raises(ValidationError) as caught:
        api(lambda c: c.bounce_classification.entity_rules("example.com", ""))
    assert caught.value.param == "entity_id"
