"""FakeMailgun keeps the contract Prism keeps: the contract suite's calls, and requests that break the spec, get
the same outcome class from both (accepted, or refused as invalid).

Refused means: Prism reported request violations or answered with an error of its own; the fake answered 400
(its "Invalid request" or Mailgun's own refusal), 404 for a route the spec lacks, or 405. A 404 for something the
fake does not hold (a template the test never created) is an accepted request: Prism, stateless, answers it with
its example.
"""

from __future__ import annotations

import contextlib
import sys
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import facade_index
import httpx
import pytest

import mailgun
from mailgun.testing import FakeMailgun

from .facade_samples import DOMAIN, SAMPLES
from .test_facade_contract import _drive_sync

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import prism as prismlib

Outcomes = list[tuple[str, str]]  # (request, "accepted" | "refused")


def _prism_outcome(response: httpx.Response) -> str:
    problems = prismlib.violations(response.headers) + prismlib.prism_errors(response.headers, response.content)
    return "refused" if problems else "accepted"


def _fake_outcome(response: httpx.Response) -> str:
    if response.status_code in (400, 405):
        return "refused"
    if response.status_code == 404 and response.headers.get("content-type", "").startswith("text/plain"):
        return "refused"  # no such route
    return "accepted"


class Recorder:
    def __init__(self, outcome: Callable[[httpx.Response], str]) -> None:
        self.outcome = outcome
        self.seen: Outcomes = []

    def hook(self, response: httpx.Response) -> None:
        response.read()
        self.seen.append((f"{response.request.method} {response.request.url.path}", self.outcome(response)))

    def classes(self) -> set[str]:
        return {outcome for _, outcome in self.seen}


@pytest.fixture
def fake() -> FakeMailgun:
    fake = FakeMailgun(domain=DOMAIN)
    fake.add_domain("mg.example.com")
    return fake


@contextlib.contextmanager
def _clients(prism: prismlib.PrismServer, fake: FakeMailgun) -> Iterator[tuple[Any, Recorder, Any, Recorder]]:
    on_prism, on_fake = Recorder(_prism_outcome), Recorder(_fake_outcome)
    prism_http = httpx.Client(event_hooks={"response": [on_prism.hook]})
    fake_http = httpx.Client(transport=fake.transport(), event_hooks={"response": [on_fake.hook]})
    with (
        prism_http,
        fake_http,
        mailgun.Mailgun(prismlib.TEST_API_KEY, base_url=prism.base_url, max_retries=0, http_client=prism_http) as p,
        mailgun.Mailgun(fake.api_key, max_retries=0, http_client=fake_http) as f,
    ):
        yield p, on_prism, f, on_fake


def _call(sample: Callable[[Any], Any], client: Any) -> None:
    with contextlib.suppress(mailgun.MailgunError), warnings.catch_warnings():
        warnings.simplefilter("ignore", mailgun.MailgunDeprecationWarning)
        _drive_sync(sample(client))


def test_the_contract_suites_calls_have_the_same_outcome_on_prism_and_on_the_fake(
    prism: prismlib.PrismServer, fake: FakeMailgun, capsys: pytest.CaptureFixture[str]
) -> None:
    differences: list[str] = []
    endpoints = [e for e in facade_index.endpoints() if e.client == "sync"]
    counts = {"accepted": 0, "refused": 0}
    with _clients(prism, fake) as (on_prism, prism_seen, on_fake, fake_seen):
        for endpoint in endpoints:
            prism_seen.seen.clear()
            fake_seen.seen.clear()
            _call(SAMPLES[endpoint.name], on_prism)
            _call(SAMPLES[endpoint.name], on_fake)
            expected, got = prism_seen.classes(), fake_seen.classes()
            if ("refused" in expected) != ("refused" in got):
                differences.append(f"{endpoint.name}: Prism {prism_seen.seen}, fake {fake_seen.seen}")
            for _, outcome in fake_seen.seen:
                counts[outcome] += 1
    with capsys.disabled():
        print(f"\nfake vs Prism: {len(endpoints)} facade methods, fake requests {counts}")
    assert not differences, "\n".join(differences)


def _form(*fields: tuple[str, str]) -> list[tuple[str, tuple[None, bytes]]]:
    return [(name, (None, value.encode())) for name, value in fields]


# Requests that break the spec, each in its own way, sent as raw requests (the facade would refuse most first).
INVALID: list[tuple[str, str, dict[str, Any]]] = [
    (
        "form field of the wrong type",
        "POST",
        {
            "url": f"/v3/lists/dev@{DOMAIN}/members",
            "files": _form(("address", "alice@example.com"), ("vars", "{'age': 27}")),
        },
    ),
    ("unknown route", "GET", {"url": "/v3/no/such/route"}),
    ("query parameter of the wrong type", "GET", {"url": f"/v3/{DOMAIN}/bounces", "params": {"limit": "ten"}}),
    ("JSON body of the wrong type", "POST", {"url": "/v1/analytics/logs", "json": {"pagination": {"limit": "ten"}}}),
    (
        "a value outside the enum",
        "POST",
        {
            "url": f"/v3/{DOMAIN}/messages",
            "data": {
                "from": "a@example.com",
                "to": "b@example.org",
                "subject": "s",
                "text": "t",
                "o:testmode": "maybe",
            },
        },
    ),
    (
        "a required form field missing",
        "POST",
        {"url": f"/v3/domains/{DOMAIN}/webhooks", "data": {"url": "https://example.org/hook"}},
    ),
    (
        "a send without from",  # (subject may be left out: a template can set it; openapi/overlay.yaml)
        "POST",
        {"url": f"/v3/{DOMAIN}/messages", "data": {"to": "b@example.org", "subject": "s", "text": "t"}},
    ),
    ("a JSON body where a form is documented", "POST", {"url": "/v4/domains", "json": {"name": "new.example.com"}}),
]
VALID: list[tuple[str, str, dict[str, Any]]] = [
    (
        "a plain send",
        "POST",
        {
            "url": f"/v3/{DOMAIN}/messages",
            "files": _form(
                ("from", "a@example.com"),
                ("to", "b@example.org"),
                ("to", "c@example.org"),
                ("subject", "s"),
                ("text", "t"),
            ),
        },
    ),
    ("a listing with paging", "GET", {"url": f"/v3/{DOMAIN}/bounces", "params": {"limit": "10"}}),
    ("a logs query", "POST", {"url": "/v1/analytics/logs", "json": {"pagination": {"limit": 10}}}),
]


@pytest.mark.parametrize(("why", "method", "request_args"), INVALID + VALID, ids=[c[0] for c in INVALID + VALID])
def test_raw_requests_get_the_same_outcome(
    prism: prismlib.PrismServer, fake: FakeMailgun, why: str, method: str, request_args: dict[str, Any]
) -> None:
    auth = ("api", prismlib.TEST_API_KEY)
    with httpx.Client(base_url=prism.base_url, auth=auth) as on_prism:
        expected = _prism_outcome(on_prism.request(method, **request_args))
    with httpx.Client(base_url="https://api.mailgun.net", auth=("api", fake.api_key), transport=fake.transport()) as c:
        answer = c.request(method, **request_args)
    assert _fake_outcome(answer) == expected, f"{why}: Prism {expected}, fake {answer.status_code} {answer.text}"
    assert expected == ("refused" if (why, method, request_args) in INVALID else "accepted")
