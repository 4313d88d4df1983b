"""The Prism contract suite through the facade: every public method, called as a user would, sends requests that
Mailgun's spec (the fixed spec Prism serves) accepts.

Prism answers an invalid request with one of the spec's examples (a 2xx, or a 4xx the spec documents), so a
status proves nothing: every response is read in an httpx response hook, and both the ``sl-violations`` header
(``prismlib.violations``) and Prism's own problem+json errors (``prismlib.prism_errors``) are recorded per
request. A test fails listing every problem, every non-2xx answer (Prism rejected the request; see
``EXPECTED_4XX``) and every exception a call raised.

Samples are in ``facade_samples.py`` (one per method in ``tests/facade_index.endpoints()``). Paged listings fetch
at most ``MAX_PAGES`` pages, so the follow-up request a cursor makes is checked too.

Known Prism gaps (scripts/prism.py): of a repeated form field (``to``, ``o:tag``, ``attachment``) only the last
value is validated; RFC 2822 timestamps and JSON parts of form bodies are read through ``prism_dialect()``.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import re
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import facade_index
import httpx
import pytest

import mailgun
from mailgun import MailgunDeprecationWarning
from mailgun._pagination import AsyncPager, SyncPager
from mailgun.resources.messages import BatchResult

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import prism as prismlib

from .facade_samples import ASYNC_SAMPLES, SAMPLES

MAX_PAGES = 2  # the first page and the one its cursor points at

# "attribute.method" -> (status, why): calls the spec itself answers with a 4xx by design. Prism answers a valid
# request with the operation's first documented response; these operations document no 2xx at all. The call
# must raise the matching APIStatusError, and its request must still be free of violations.
EXPECTED_4XX: dict[str, tuple[int, str]] = {
    "bounce_classification.events": (
        403,
        "GET /v1/bounce-classification/domains/{domain}/events is deprecated and retired (use client.logs): the "
        "spec documents only 403 and 410 answers",
    ),
}


def _sync_endpoints() -> list[facade_index.Endpoint]:
    return [e for e in facade_index.endpoints() if e.client == "sync"]


@functools.cache
def _operation_patterns() -> dict[str, tuple[str, re.Pattern[str]]]:
    """Generated operation module -> (METHOD, regex of its path template)."""
    from mailgun_openapi._operations import OPERATIONS

    patterns = {}
    for name, (method, path, _deprecated) in OPERATIONS.items():
        regex = "".join("[^/]+" if part.startswith("{") else re.escape(part) for part in re.split(r"(\{[^}]+\})", path))
        patterns[name] = (method.upper(), re.compile(f"^{regex}/?$"))
    return patterns


# ---------------------------------------------------------------------------------------------- recording
@dataclass(frozen=True)
class Exchange:
    label: str  # the facade method that sent it, "attribute.method"
    method: str
    path: str
    status: int
    problems: tuple[str, ...]  # request-side violations and Prism's own errors

    def __str__(self) -> str:
        return f"{self.method} {self.path} -> {self.status}"


@dataclass
class Recorder:
    """httpx response hooks that read every response and keep what Prism said about its request."""

    label: str = ""
    exchanges: list[Exchange] = field(default_factory=list)

    def _record(self, response: httpx.Response) -> None:
        request = response.request
        problems = prismlib.violations(response.headers) + prismlib.prism_errors(response.headers, response.content)
        self.exchanges.append(
            Exchange(self.label, request.method, request.url.path, response.status_code, tuple(problems))
        )

    def hook(self, response: httpx.Response) -> None:
        response.read()
        self._record(response)

    async def async_hook(self, response: httpx.Response) -> None:
        await response.aread()
        self._record(response)


@dataclass
class Report:
    """What went wrong, per method; and the counts."""

    recorder: Recorder
    methods: int = 0
    failures: list[str] = field(default_factory=list)
    reached: set[str] = field(default_factory=set)  # generated operations a method's request was sent to

    def check_call(self, endpoint: facade_index.Endpoint, first: int, error: BaseException | None) -> None:
        label = endpoint.name
        sent = self.recorder.exchanges[first:]
        expected_status = EXPECTED_4XX.get(label, (None, ""))[0]
        if expected_status is not None:
            if not (isinstance(error, mailgun.APIStatusError) and error.status_code == expected_status):
                self.failures.append(f"{label}: expected an APIStatusError {expected_status}, got {error!r}")
        elif error is not None:
            self.failures.append(f"{label}: raised {type(error).__name__}: {error}")
        if not sent:
            self.failures.append(f"{label}: sent no request")
        patterns = _operation_patterns()
        for exchange in sent:
            matched = {
                op
                for op in endpoint.operations
                if patterns[op][0] == exchange.method and patterns[op][1].match(exchange.path)
            }
            if not matched:
                self.failures.append(f"{label}: {exchange} is none of its operations {sorted(endpoint.operations)}")
            self.reached |= matched
            for problem in exchange.problems:
                self.failures.append(f"{label}: {exchange}: {problem}")
            if exchange.status != expected_status and not 200 <= exchange.status < 300:
                self.failures.append(f"{label}: {exchange}: Prism rejected the request (HTTP {exchange.status})")

    @property
    def violations(self) -> int:
        return sum(len(e.problems) for e in self.recorder.exchanges)

    def summary(self, client: str) -> str:
        statuses = Counter(e.status for e in self.recorder.exchanges)
        return (
            f"\nfacade contract ({client}): {self.methods} methods called, {len(self.recorder.exchanges)} requests "
            f"(statuses {dict(sorted(statuses.items()))}), {self.violations} violations"
        )

    def assert_clean(self) -> None:
        assert not self.failures, f"{len(self.failures)} problem(s) through the facade:\n  " + "\n  ".join(
            self.failures
        )


def _expect_warning(endpoint: facade_index.Endpoint) -> contextlib.AbstractContextManager[Any]:
    """Methods calling an operation the spec deprecates (or we steer away from) warn
    (MailgunDeprecationWarning), marked for type checkers or not yet; any other warning is an error."""
    from mailgun_openapi._operations import OPERATIONS

    from mailgun._deprecation import STEERED

    if endpoint.deprecated or any(OPERATIONS[op][2] or op in STEERED for op in endpoint.operations):
        return pytest.warns(MailgunDeprecationWarning)
    return contextlib.nullcontext()


def _drive_sync(result: Any) -> None:
    if isinstance(result, SyncPager):
        for pages, _page in enumerate(result.iter_pages(), 1):
            if pages >= MAX_PAGES:
                break
    elif isinstance(result, BatchResult):
        result.raise_for_errors()  # a batch reports failed chunks instead of raising


async def _drive_async(result: Any) -> None:
    if inspect.isawaitable(result):
        result = await result
    if isinstance(result, AsyncPager):
        async with contextlib.aclosing(result.iter_pages()) as pages:
            count = 0
            async for _page in pages:
                count += 1
                if count >= MAX_PAGES:
                    break
    elif isinstance(result, BatchResult):
        result.raise_for_errors()


# ------------------------------------------------------------------------------------------------- tests
def test_the_sample_table_covers_every_facade_method() -> None:
    endpoints = _sync_endpoints()
    names = {e.name for e in endpoints}
    assert len(names) == len(endpoints), "facade_index lists a method twice"
    assert sorted(names - set(SAMPLES)) == [], "facade methods without a sample in tests/contract/facade_samples.py"
    assert sorted(set(SAMPLES) - names) == [], "samples of methods the facade does not have"
    async_names = {e.name for e in facade_index.endpoints() if e.client == "async"}
    assert async_names == names, "the async client's surface differs from the sync client's"
    assert set(ASYNC_SAMPLES) <= names
    groups = {e.attribute for e in endpoints}
    assert {name.split(".")[0] for name in ASYNC_SAMPLES} == groups, "the async set misses a resource group"


def test_expected_4xx_answers_are_the_only_answers_the_spec_documents() -> None:
    import fix_spec
    import speclib
    from mailgun_openapi._operations import OPERATIONS

    spec, _ = fix_spec.fix_spec(speclib.read_pinned_spec())
    by_name = {e.name: e for e in _sync_endpoints()}
    for label, (status, _why) in EXPECTED_4XX.items():
        for op in by_name[label].operations:
            method, path, _deprecated = OPERATIONS[op]
            responses = set(spec["paths"][path][method.lower()]["responses"])
            assert str(status) in responses, f"{label}: {method} {path} does not document {status}"
            assert not any(code.startswith("2") for code in responses), f"{label}: {method} {path} now has a 2xx"


def test_the_samples_reach_every_curated_operation(capsys: pytest.CaptureFixture[str]) -> None:
    """Every operation a curated method calls is sent by its sample; the others (new operations without a
    curated method) are contract-checked through client.api (test_api_contract.py)."""
    from mailgun_openapi._operations import OPERATIONS

    reached = {op for e in _sync_endpoints() for op in e.operations}
    with capsys.disabled():
        print(f"\ncurated samples: {len(reached & set(OPERATIONS))} / {len(OPERATIONS)} generated operations")
    assert sorted(reached - set(OPERATIONS)) == [], "curated methods call operations the spec no longer has"


@pytest.fixture
def sync_client(prism: prismlib.PrismServer) -> Iterator[tuple[mailgun.Mailgun, Recorder]]:
    recorder = Recorder()
    http = httpx.Client(event_hooks={"response": [recorder.hook]})
    with http, mailgun.Mailgun(prismlib.TEST_API_KEY, base_url=prism.base_url, max_retries=0, http_client=http) as c:
        yield c, recorder


def test_the_hooks_record_what_prism_reports(sync_client: tuple[mailgun.Mailgun, Recorder]) -> None:
    """The recording itself: an invalid request (answered with the spec's 400 example, plus the violation in
    `sl-violations`) and an unknown route (Prism's own problem+json) are both recorded as problems."""
    client, recorder = sync_client
    recorder.label = "self-test"
    repr_vars = [("address", (None, b"alice@example.com")), ("vars", (None, str({"age": 27}).encode()))]
    with contextlib.suppress(mailgun.APIStatusError):
        client.request("POST", "/v3/lists/dev@example.com/members", files=repr_vars)  # a Python repr is not JSON
    with contextlib.suppress(mailgun.APIStatusError):
        client.request("GET", "/v3/no/such/route")
    invalid, unknown = recorder.exchanges
    assert any("request.body.vars" in p for p in invalid.problems), invalid
    assert unknown.status == 404 and any("NO_PATH_MATCHED_ERROR" in p for p in unknown.problems), unknown


def test_every_facade_method_sends_requests_prism_accepts(
    sync_client: tuple[mailgun.Mailgun, Recorder], capsys: pytest.CaptureFixture[str]
) -> None:
    client, recorder = sync_client
    report = Report(recorder)
    endpoints = _sync_endpoints()
    for endpoint in endpoints:
        recorder.label = endpoint.name
        first = len(recorder.exchanges)
        error: BaseException | None = None
        try:
            with _expect_warning(endpoint):
                _drive_sync(SAMPLES[endpoint.name](client))
        except Exception as exc:  # every failure is listed, not just the first
            error = exc
        report.methods += 1
        report.check_call(endpoint, first, error)

    wanted = {op for e in endpoints for op in e.operations}
    missed = sorted(wanted - report.reached)
    if missed:
        report.failures.append(f"operations no request reached: {missed}")
    with capsys.disabled():
        print(report.summary("sync") + f", {len(report.reached)}/{len(wanted)} operations reached")
    assert report.methods == len(endpoints)
    report.assert_clean()
    assert report.violations == 0


async def test_representative_methods_on_the_async_client(
    prism: prismlib.PrismServer, capsys: pytest.CaptureFixture[str]
) -> None:
    recorder = Recorder()
    report = Report(recorder)
    by_name = {e.name: e for e in facade_index.endpoints() if e.client == "async"}
    http = httpx.AsyncClient(event_hooks={"response": [recorder.async_hook]})
    async with (
        http,
        mailgun.AsyncMailgun(prismlib.TEST_API_KEY, base_url=prism.base_url, max_retries=0, http_client=http) as client,
    ):
        for name in ASYNC_SAMPLES:
            endpoint = by_name[name]
            recorder.label = name
            first = len(recorder.exchanges)
            error: BaseException | None = None
            try:
                with _expect_warning(endpoint):
                    await _drive_async(SAMPLES[name](client))
            except Exception as exc:
                error = exc
            report.methods += 1
            report.check_call(endpoint, first, error)
    with capsys.disabled():
        print(report.summary("async"))
    assert report.methods == len(ASYNC_SAMPLES)
    report.assert_clean()
    assert report.violations == 0
