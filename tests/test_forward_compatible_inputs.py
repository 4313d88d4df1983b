"""Values Mailgun may add tomorrow are sent, not refused (issue 12, item 5).

Every parameter whose values Mailgun enumerates is typed with a ``Literal`` of ``mailgun.literals`` (completion;
a typo is a type error: checked with mypy below), and at run time any string is sent as given. Each case gives a
value no version of the SDK knows and asserts it reached the wire, in the field Mailgun reads.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import httpx
import pytest
from wire import wire_fields

import mailgun.literals
from mailgun import ValidationError

NEW = "value_from_the_future"
DOMAIN = "example.com"
ALERT = {"metric": "delivered_rate", "comparator": "<", "limit": 0.9, "dimension": "domain"}
_MAIL = {"from_": "a@example.com", "to": "b@example.com", "subject": "s", "text": "t"}
_NOW = dt.datetime(2026, 12, 6, tzinfo=dt.timezone.utc)


def _ok(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, json={})


# (label, call, where the value is read: a wire field name or "path", the unknown value)
Case = tuple[str, Callable[[Any], Any], str, Any]
CASES: list[Case] = [
    ("users.list role", lambda c: c.users.list(role=NEW), "role", NEW),
    ("api_keys.list kind", lambda c: c.api_keys.list(kind=NEW), "kind", NEW),
    ("api_keys.create role", lambda c: c.api_keys.create(role=NEW), "role", NEW),
    ("api_keys.create kind", lambda c: c.api_keys.create(role="admin", kind=NEW), "kind", NEW),
    ("events.list severity", lambda c: c.events.list(DOMAIN, severity=NEW), "severity", NEW),
    ("domains.list state", lambda c: c.domains.list(state=NEW), "state", NEW),
    ("domains.create spam_action", lambda c: c.domains.create("x.example.com", spam_action=NEW), "spam_action", NEW),
    ("domains.create web_scheme", lambda c: c.domains.create("x.example.com", web_scheme=NEW), "web_scheme", NEW),
    (
        "domains.create dkim_key_size",
        lambda c: c.domains.create("x.example.com", dkim_key_size="4096"),
        "dkim_key_size",
        "4096",
    ),
    ("domains.update spam_action", lambda c: c.domains.update(DOMAIN, spam_action=NEW), "spam_action", NEW),
    ("domains.update web_scheme", lambda c: c.domains.update(DOMAIN, web_scheme=NEW), "web_scheme", NEW),
    ("domain_keys.create bits", lambda c: c.domain_keys.create(DOMAIN, "s1", bits=4096), "bits", "4096"),
    ("subaccounts.list sort", lambda c: c.subaccounts.list(sort=NEW), "sort", NEW),
    ("dynamic_ip_pools.list_domains sort_by", lambda c: c.dynamic_ip_pools.list_domains(sort_by=NEW), "sort_by", NEW),
    (
        "dynamic_ip_pools.list_domains sort_order",
        lambda c: c.dynamic_ip_pools.list_domains(sort_order=NEW),
        "sort_order",
        NEW,
    ),
    (
        "tags_v3.stats resolution",
        lambda c: c.tags_v3.stats(DOMAIN, "t", "delivered", resolution=NEW),
        "resolution",
        NEW,
    ),
    ("tags_v3.aggregates type", lambda c: c.tags_v3.aggregates(DOMAIN, "t", NEW), "type", NEW),
    ("stats.totals resolution", lambda c: c.stats.totals("delivered", resolution=NEW), "resolution", NEW),
    (
        "stats.domain_totals resolution",
        lambda c: c.stats.domain_totals(DOMAIN, "delivered", resolution=NEW),
        "resolution",
        NEW,
    ),
    (
        "stats.totals_by_domain resolution",
        lambda c: c.stats.totals_by_domain("delivered", timestamp=_NOW, resolution=NEW),
        "resolution",
        NEW,
    ),
    ("stats.filtered resolution", lambda c: c.stats.filtered("delivered", resolution=NEW), "resolution", NEW),
    (
        "metrics.query resolution",
        lambda c: c.metrics.query(metrics="delivered_count", resolution=NEW),
        "resolution",
        NEW,
    ),
    ("metrics.query metrics", lambda c: c.metrics.query(metrics=[NEW]), "metrics", NEW),
    (
        "metrics.query dimensions",
        lambda c: c.metrics.query(metrics="delivered_count", dimensions=NEW),
        "dimensions",
        NEW,
    ),
    (
        "metrics.usage resolution",
        lambda c: c.metrics.usage(metrics="processed_count", resolution=NEW),
        "resolution",
        NEW,
    ),
    ("metrics.usage metrics", lambda c: c.metrics.usage(metrics=NEW), "metrics", NEW),
    (
        "metrics.usage dimensions",
        lambda c: c.metrics.usage(metrics="processed_count", dimensions=[NEW]),
        "dimensions",
        NEW,
    ),
    (
        "bounce_classification.metrics resolution",
        lambda c: c.bounce_classification.metrics(resolution=NEW),
        "resolution",
        NEW,
    ),
    (
        "bounce_classification.metrics dimensions",
        lambda c: c.bounce_classification.metrics(dimensions=[NEW]),
        "dimensions",
        NEW,
    ),
    (
        "bounce_classification.metrics filter attribute",
        lambda c: c.bounce_classification.metrics(
            filter={"AND": [{"attribute": NEW, "comparator": "=", "values": [{"value": "x"}]}]}
        ),
        "filter.AND.attribute",
        NEW,
    ),
    ("alerts.create metric", lambda c: c.alerts.create("a", **{**ALERT, "metric": NEW}), "metric", NEW),
    ("alerts.create comparator", lambda c: c.alerts.create("a", **{**ALERT, "comparator": NEW}), "comparator", NEW),
    ("alerts.create dimension", lambda c: c.alerts.create("a", **{**ALERT, "dimension": NEW}), "dimension", NEW),
    (
        "alerts.create alert_channels",
        lambda c: c.alerts.create("a", **ALERT, alert_channels=[NEW]),
        "alert_channels",
        NEW,
    ),
    (
        "alerts.create filter dimension",
        lambda c: c.alerts.create("a", **ALERT, filters=[{"dimension": NEW, "comparator": "=", "values": ["x"]}]),
        "filters.dimension",
        NEW,
    ),
    (
        "alerts.create filter comparator",
        lambda c: c.alerts.create("a", **ALERT, filters=[{"dimension": "domain", "comparator": NEW, "values": ["x"]}]),
        "filters.comparator",
        NEW,
    ),
    ("alerts.update metric", lambda c: c.alerts.update("a", **{**ALERT, "metric": NEW}), "metric", NEW),
    (
        "mailing_lists.create access_level",
        lambda c: c.mailing_lists.create("l@example.com", access_level=NEW),
        "access_level",
        NEW,
    ),
    (
        "mailing_lists.create reply_preference",
        lambda c: c.mailing_lists.create("l@example.com", reply_preference=NEW),
        "reply_preference",
        NEW,
    ),
    (
        "mailing_lists.update access_level",
        lambda c: c.mailing_lists.update("l@example.com", access_level=NEW),
        "access_level",
        NEW,
    ),
    (
        "mailing_lists.update reply_preference",
        lambda c: c.mailing_lists.update("l@example.com", reply_preference=NEW),
        "reply_preference",
        NEW,
    ),
    ("messages.send tracking", lambda c: c.messages.send(DOMAIN, **_MAIL, tracking=NEW), "o:tracking", NEW),
    (
        "messages.send tracking_clicks",
        lambda c: c.messages.send(DOMAIN, **_MAIL, tracking_clicks=NEW),
        "o:tracking-clicks",
        NEW,
    ),
    (
        "messages.send tracking_pixel_location_top",
        lambda c: c.messages.send(DOMAIN, **_MAIL, tracking_pixel_location_top=NEW),
        "o:tracking-pixel-location-top",
        NEW,
    ),
    ("tracking.update_click active", lambda c: c.tracking.update_click(DOMAIN, active=NEW), "active", NEW),
    ("webhooks.get event", lambda c: c.webhooks.get(DOMAIN, NEW), "path", NEW),
    ("webhooks.delete event", lambda c: c.webhooks.delete(DOMAIN, NEW), "path", NEW),
    ("webhooks.create event", lambda c: c.webhooks.create(DOMAIN, NEW, "https://h.example.com/"), "id", NEW),
    ("webhooks.update event", lambda c: c.webhooks.update(DOMAIN, NEW, "https://h.example.com/"), "path", NEW),
    (
        "webhooks.create_for_events events",
        lambda c: c.webhooks.create_for_events(DOMAIN, "https://h.example.com/", ["delivered", NEW]),
        "event_types",
        NEW,
    ),
    (
        "webhooks.update_for_events events",
        lambda c: c.webhooks.update_for_events(DOMAIN, "https://h.example.com/", NEW),
        "event_types",
        NEW,
    ),
]


@pytest.mark.filterwarnings("ignore::mailgun.MailgunDeprecationWarning")
@pytest.mark.parametrize(("call", "field", "value"), [pytest.param(*case[1:], id=case[0]) for case in CASES])
def test_an_unknown_value_is_sent_as_given(mock_api: Any, call: Any, field: str, value: str) -> None:
    api = mock_api(_ok)
    result = api(call)
    if hasattr(result, "__iter__") or hasattr(result, "__aiter__"):  # a listing: its first page is requested
        api.collect(lambda c: result, limit=1)
    [request] = api.requests
    if field == "path":
        assert unquote(request.url.path).endswith(f"/{value}"), request.url
    else:
        assert value in wire_fields(request).get(field, []), (field, wire_fields(request))


@pytest.mark.parametrize(
    ("call", "param"),
    [
        (lambda c: c.users.list(role=""), "role"),
        (lambda c: c.domains.list(state=3), "state"),
        (lambda c: c.domains.create("x.example.com", spam_action="tag\r\nX-Evil: 1"), "spam_action"),
        (lambda c: c.api_keys.create(role=None), "role"),
        (lambda c: c.webhooks.get(DOMAIN, "   "), "event"),
        (lambda c: c.webhooks.create_for_events(DOMAIN, "https://h.example.com/", ["opened", ""]), "events"),
        (lambda c: c.domain_keys.create(DOMAIN, "s1", bits="2048"), "bits"),
        (lambda c: c.domain_keys.create(DOMAIN, "s1", bits=0), "bits"),
        (lambda c: c.alerts.create("a", **{**ALERT, "metric": ""}), "metric"),
        (lambda c: c.tracking.update_click(DOMAIN, active=1), "active"),
        (lambda c: c.metrics.query(metrics="delivered_count", resolution="day\n"), "resolution"),
    ],
)
def test_what_is_wrong_in_any_version_is_still_refused(mock_api: Any, call: Any, param: str) -> None:
    api = mock_api(lambda request: pytest.fail(f"nothing may be sent: {request.url}"))
    with pytest.raises(ValidationError) as caught:
        api(call)
    assert caught.value.param == param
    assert api.requests == []


def test_every_literal_is_a_literal_of_its_values() -> None:
    from typing import Literal, get_args, get_origin

    for name in mailgun.literals.__all__:
        alias = getattr(mailgun.literals, name)
        assert get_origin(alias) is Literal and get_args(alias), name


TYPO_SNIPPET = """
import datetime as dt
from mailgun import Mailgun
from mailgun.literals import WebhookEventName

client = Mailgun("key")
client.domains.list(state="actve")
client.users.list(role="admin")
client.webhooks.create_for_events("example.com", "https://h.example.com/", ["delivered", "opend"])
client.metrics.query(metrics=["delivered_count"], resolution="weekly")
client.alerts.create("a", metric="delivered_rate", comparator="<", limit=1, dimension="domian")
event: WebhookEventName = "clicked"
new_value: str = "a_new_state"
client.domains.list(state=new_value)
"""


def test_a_typo_is_a_type_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """mypy flags each misspelt value (4 typos: 4 errors) and accepts the documented ones; a value newer than
    the SDK, typed ``str``, is an error too: the documented way is ``cast`` or a ``# type: ignore``."""
    from mypy import api

    snippet = tmp_path / "snippet.py"
    snippet.write_text(textwrap.dedent(TYPO_SNIPPET))
    root = Path(__file__).resolve().parents[1]
    monkeypatch.setenv("MYPYPATH", f"{root}{__import__('os').pathsep}{root / 'generated'}")
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
    assert status == 1, out
    errors = [line for line in out.splitlines() if ": error:" in line]
    lines = sorted(int(line.split(":")[1]) for line in errors)
    source = textwrap.dedent(TYPO_SNIPPET).splitlines()
    flagged = [source[n - 1] for n in lines]
    assert len(errors) == 5, out
    for typo in ("actve", "opend", "weekly", "domian", "state=new_value"):
        assert any(typo in line for line in flagged), (typo, out)


def test_generated_literals_table_and_imports_agree() -> None:
    """mailgun/literals.py names each generated Literal twice (run time and type checkers): the same ones."""
    import ast

    tree = ast.parse(Path(mailgun.literals.__file__).read_text())
    imports = {
        alias.asname or alias.name: alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == "mailgun_openapi.models"
        for alias in node.names
    }
    assert imports == mailgun.literals._GENERATED


def test_a_renamed_generated_literal_is_named_in_the_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(mailgun.literals._GENERATED, "FutureAlias", "GoneFromTheSpec")
    with pytest.raises(AttributeError, match=r"mailgun.literals.FutureAlias: the generated Literal 'GoneFromTheSpec'"):
        mailgun.literals.FutureAlias  # noqa: B018


def test_no_resource_refuses_a_value_for_not_being_in_a_list() -> None:
    """A guard for new code: a value list belongs in mailgun/literals.py, as a type, never as a run-time refusal."""
    resources = Path(mailgun.literals.__file__).parent / "resources"
    refusing = [path.name for path in resources.glob("*.py") if "must be one of" in path.read_text()]
    assert refusing == [], f"type the parameter with a mailgun.literals alias and send any value: {refusing}"
