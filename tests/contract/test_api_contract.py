"""``client.api`` against Prism: every generated operation, called with arguments made from the spec alone.

An operation without a curated method is reachable only through ``client.api``; this suite calls it the day it is
generated (``spec_arguments.candidates``: the spec's examples, enums, formats and required parameters), checks
the request against the spec (Prism's ``sl-violations``), and checks the 2xx answer is parsed into the model the
generated signature names. Operations that do have a curated method are called too: that proves the runner on
the whole spec, not only on what is new.

Per operation, the first argument set Prism accepts counts; an operation passes when one does. Prism answers
the spec's first documented response, so an operation documenting no 2xx must raise the ``APIStatusError`` of
one of its documented statuses.
"""

from __future__ import annotations

import contextlib
import inspect
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import facade_index
import httpx
import pytest

import mailgun
from mailgun import MailgunDeprecationWarning
from mailgun._deprecation import STEERED

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import prism as prismlib

from .spec_arguments import candidates, generated_method, spec_operation


def _all_operations() -> list[str]:
    from mailgun_openapi._operations import OPERATIONS

    return sorted(OPERATIONS)


def _curated() -> set[str]:
    return {op for e in facade_index.endpoints() for op in e.operations}


def _deprecated(operation: str) -> bool:
    from mailgun_openapi._operations import OPERATIONS

    return OPERATIONS[operation][2] or operation in STEERED


def _documented_statuses(operation: str) -> tuple[bool, set[int]]:
    """(documents a 2xx or a `default` answer, the statuses it documents)."""
    _method, _path, op = spec_operation(operation)
    codes = {str(code) for code in op.get("responses") or {}}
    has_2xx = any(code.startswith("2") or code == "default" for code in codes)
    return has_2xx, {int(code) for code in codes if code.isdigit()}


@dataclass
class Exchanges:
    """What Prism said about each request (httpx response hooks)."""

    problems: list[str] = field(default_factory=list)
    statuses: list[int] = field(default_factory=list)

    def _record(self, response: httpx.Response) -> None:
        request = response.request
        found = prismlib.violations(response.headers) + prismlib.prism_errors(response.headers, response.content)
        self.problems += [f"{request.method} {request.url.path}: {p}" for p in found]
        self.statuses.append(response.status_code)

    def hook(self, response: httpx.Response) -> None:
        response.read()
        self._record(response)

    async def async_hook(self, response: httpx.Response) -> None:
        await response.aread()
        self._record(response)


def _check_result(operation: str, result: Any) -> str | None:
    """The parsed 2xx is what the generated signature promises: the named model, a list, or any JSON."""
    returns = str(inspect.signature(generated_method(operation)).return_annotation)
    if returns.isidentifier() and returns != "Any":
        return None if type(result).__name__ == returns else f"returned a {type(result).__name__}, not {returns}"
    if returns.startswith("list["):
        return None if isinstance(result, list) else f"returned a {type(result).__name__}, not a list"
    return None


def _outcome(operation: str, error: BaseException | None, result: Any, exchanges: Exchanges, first: int) -> str:
    """'' when the call was right; else what was wrong."""
    problems = exchanges.problems[first:]
    if problems:
        return "; ".join(problems)
    has_2xx, statuses = _documented_statuses(operation)
    if not has_2xx:
        if isinstance(error, mailgun.APIStatusError) and error.status_code in statuses:
            return ""
        return f"documents no 2xx: expected an APIStatusError of {sorted(statuses)}, got {error!r}"
    if error is not None:
        return f"raised {type(error).__name__}: {error}"
    return _check_result(operation, result) or ""


def _warns(operation: str) -> contextlib.AbstractContextManager[Any]:
    """A deprecated operation warns through client.api from the spec's flag alone; any other warning fails."""
    return pytest.warns(MailgunDeprecationWarning) if _deprecated(operation) else contextlib.nullcontext()


def _call_sync(client: mailgun.Mailgun, operation: str, exchanges: Exchanges) -> str:
    tag, name = operation.split(".", 1)
    outcome = "no arguments could be made from the spec"
    for kwargs in candidates(operation):
        first = len(exchanges.problems)
        error: BaseException | None = None
        result: Any = None
        try:
            with _warns(operation):
                result = getattr(getattr(client.api, tag), name)(**kwargs)
        except Exception as exc:  # every failure is reported, not just the first
            error = exc
        outcome = _outcome(operation, error, result, exchanges, first)
        if not outcome:
            break
    return outcome


@pytest.fixture
def prism_api(prism: prismlib.PrismServer) -> Iterator[tuple[mailgun.Mailgun, Exchanges]]:
    exchanges = Exchanges()
    http = httpx.Client(event_hooks={"response": [exchanges.hook]})
    with http, mailgun.Mailgun(prismlib.TEST_API_KEY, base_url=prism.base_url, max_retries=0, http_client=http) as c:
        yield c, exchanges


def test_operations_without_a_curated_method_work_through_client_api(
    prism_api: tuple[mailgun.Mailgun, Exchanges], capsys: pytest.CaptureFixture[str]
) -> None:
    """The promise for tomorrow's operations: each one not wrapped by a curated method is called through
    client.api with spec-made arguments, and must be accepted by Prism and parsed."""
    client, exchanges = prism_api
    uncurated = sorted(set(_all_operations()) - _curated())
    failures = {op: outcome for op in uncurated if (outcome := _call_sync(client, op, exchanges))}
    with capsys.disabled():
        print(f"\nclient.api contract (operations without a curated method): {len(uncurated)} called")
    assert not failures, "\n".join(f"{op}: {why}" for op, why in failures.items())


def test_every_operation_works_through_client_api(
    prism_api: tuple[mailgun.Mailgun, Exchanges], capsys: pytest.CaptureFixture[str]
) -> None:
    """The same for the operations that do have a curated method (all 213 of May 2026's spec): the runner,
    the generated signatures and the spec-made arguments hold for the whole spec."""
    client, exchanges = prism_api
    curated = sorted(_curated() & set(_all_operations()))
    failures = {op: outcome for op in curated if (outcome := _call_sync(client, op, exchanges))}
    with capsys.disabled():
        print(
            f"\nclient.api contract (operations with a curated method): {len(curated) - len(failures)}/"
            f"{len(curated)} accepted and parsed, {len(exchanges.statuses)} requests"
        )
    assert not failures, "\n".join(f"{op}: {why}" for op, why in failures.items())


async def test_client_api_on_the_async_client(prism: prismlib.PrismServer) -> None:
    """One operation of every tag through AsyncMailgun.api (the first of each tag with a 2xx)."""
    by_tag: dict[str, str] = {}
    for operation in _all_operations():
        if _documented_statuses(operation)[0]:
            by_tag.setdefault(operation.split(".", 1)[0], operation)
    exchanges = Exchanges()
    failures: dict[str, str] = {}
    http = httpx.AsyncClient(event_hooks={"response": [exchanges.async_hook]})
    async with (
        http,
        mailgun.AsyncMailgun(prismlib.TEST_API_KEY, base_url=prism.base_url, max_retries=0, http_client=http) as c,
    ):
        for tag, operation in sorted(by_tag.items()):
            outcome = "no arguments could be made from the spec"
            for kwargs in candidates(operation):
                first = len(exchanges.problems)
                error: BaseException | None = None
                result: Any = None
                try:
                    with _warns(operation):
                        result = await getattr(getattr(c.api, tag), operation.split(".", 1)[1])(**kwargs)
                except Exception as exc:
                    error = exc
                outcome = _outcome(operation, error, result, exchanges, first)
                if not outcome:
                    break
            if outcome:
                failures[operation] = outcome
    assert len(by_tag) == len({op.split(".", 1)[0] for op in _all_operations()})
    assert not failures, failures
