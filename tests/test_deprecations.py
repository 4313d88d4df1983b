"""Deprecations: derived from the pinned spec, so a newly deprecated operation cannot slip by.

The spec's flag alone makes an operation warn (through its curated method and through ``client.api``); the
successor table in mailgun/_deprecation.py only adds what to use instead. What is still missing from it is
printed, not asserted: Mailgun deprecating an operation must not fail the build.
"""

from __future__ import annotations

import subprocess
import sys
import warnings
from typing import Any

import httpx
import pytest
from facade_index import endpoints
from shared_data import fixed_spec, module_of_operation

from mailgun import MailgunDeprecationWarning
from mailgun._deprecation import successor_of


def spec_deprecated_operations() -> set[str]:
    """Generated module names of the operations the pinned spec marks `deprecated: true`."""
    modules = module_of_operation()
    return {
        modules[f"{method.upper()} {path}"]
        for path, item in fixed_spec()["paths"].items()
        for method, op in item.items()
        if isinstance(op, dict) and op.get("deprecated")
    }


def test_the_operation_index_agrees_with_the_spec(capsys: pytest.CaptureFixture[str]) -> None:
    from mailgun_openapi._operations import OPERATIONS

    assert {name for name, (_, _, deprecated) in OPERATIONS.items() if deprecated} == spec_deprecated_operations()
    with capsys.disabled():
        print(f"\ndeprecated by the spec: {len(spec_deprecated_operations())} operations")  # 24 in May 2026


def test_deprecated_operations_without_a_successor_are_listed(capsys: pytest.CaptureFixture[str]) -> None:
    """The follow-up table: deprecated operations that warn "no successor named yet" (name one in
    mailgun/_deprecation.py SUCCESSORS)."""
    from mailgun._api import api_operation

    missing = sorted(op for op in spec_deprecated_operations() if successor_of(op) is None)
    with capsys.disabled():
        print(f"\ndeprecated operations without a successor in SUCCESSORS: {len(missing)}")
        for op in missing:
            print(f"  {op}: {api_operation(op, None).deprecation}")
    for op in missing:
        assert "no successor named yet" in (api_operation(op, None).deprecation or ""), op


def test_a_newly_deprecated_operation_warns_from_the_spec_flag_alone(
    mock_api: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As if the next spec marked GET /v4/domains/{name} deprecated: the regenerated index says so, and both the
    curated method and client.api warn, saying no successor is named yet."""
    from mailgun_openapi._operations import OPERATIONS

    import mailgun._api
    import mailgun.resources.domains

    name = "domains.get_domains_name"
    method, path, _ = OPERATIONS[name]
    monkeypatch.setitem(OPERATIONS, name, (method, path, True))
    monkeypatch.setattr(mailgun._api, "_OPERATIONS", {})
    curated = next(op for op in vars(mailgun.resources.domains).values() if getattr(op, "name", None) == name)
    monkeypatch.setattr(curated, "_deprecation", False)  # not computed yet, as in a fresh process
    api = mock_api(lambda request: httpx.Response(200, json={"domain": {"name": "example.com"}}))
    for call in (lambda c: c.api.domains.get_domains_name("example.com"), lambda c: c.domains.get("example.com")):
        with pytest.warns(MailgunDeprecationWarning) as record:
            api(call)
        assert len(record) == 1
        assert str(record[0].message) == f"Mailgun has deprecated GET {path}; no successor named yet"
        assert record[0].filename == __file__
    monkeypatch.setattr(curated, "_deprecation", False)  # recomputed from the restored index by the next user


def test_steered_groups_have_successors() -> None:
    assert "client.logs" in (successor_of("events.get_domain_name_events") or "")
    assert "client.metrics" in (successor_of("stats.get_stats_total") or "")
    assert "client.tags" in (successor_of("tags.get_domain_tags") or "")


def test_facade_marks_deprecated_methods_for_type_checkers(capsys: pytest.CaptureFixture[str]) -> None:
    """A method marked for type checkers (PEP 702) calls an operation that is deprecated or steered away from.
    A method whose operation the spec newly deprecates warns at run time already; its mark is a follow-up."""
    from mailgun._deprecation import STEERED

    deprecated_ops = spec_deprecated_operations() | STEERED
    wrong = [f"{e.client} {e.name}" for e in endpoints() if e.deprecated and not e.operations & deprecated_ops]
    unmarked = [f"{e.client} {e.name}" for e in endpoints() if not e.deprecated and e.operations & deprecated_ops]
    if unmarked:
        with capsys.disabled():
            print(f"\nmethods calling deprecated operations, to mark deprecated=True: {unmarked}")
    assert not wrong, f"marked deprecated, but no operation they call is: {wrong}"


def test_every_wrapped_deprecated_operation_warns_at_run_time() -> None:
    from mailgun._call import registered_operations

    ops = registered_operations()
    for name in spec_deprecated_operations() & set(ops):
        message = ops[name].deprecation
        assert message is not None, name
        assert "use client." in message or message.endswith("no successor named yet"), message


CALLS = [
    ("events.list", lambda c: c.events.list("example.com"), "client.logs.list()"),
    ("stats.totals", lambda c: c.stats.totals("delivered"), "client.metrics.query()"),
    ("stats.providers", lambda c: c.stats.providers("example.com"), "client.metrics.query()"),
    ("tags_v3.get", lambda c: c.tags_v3.get("example.com", "newsletter"), "client.tags.list(tag=...)"),
    ("tags_v3.limits", lambda c: c.tags_v3.limits("example.com"), "client.tags.limits()"),
]


@pytest.mark.parametrize(("label", "call", "successor"), CALLS, ids=[c[0] for c in CALLS])
def test_deprecated_calls_warn_naming_the_successor(mock_api: Any, label: str, call: Any, successor: str) -> None:
    api = mock_api(lambda request: httpx.Response(200, json={"items": []}))
    with pytest.warns(MailgunDeprecationWarning) as record:
        result = api(call)
        if hasattr(result, "__iter__") or hasattr(result, "__aiter__"):
            api.collect(lambda c: result)
    assert len(record) == 1
    assert successor in str(record[0].message)
    assert record[0].filename == __file__, "the warning must point at the caller's line"


def test_current_apis_do_not_warn(mock_api: Any) -> None:
    api = mock_api(lambda request: httpx.Response(200, json={"items": []}))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        api.collect(lambda c: c.logs.list())
        api(lambda c: c.tags.limits())


def test_the_warning_is_shown_by_default() -> None:
    """Python hides DeprecationWarning outside __main__; this category is shown without opting in."""
    code = "import mailgun.resources.events as e, mailgun; mailgun.Mailgun('k').events.list('example.com')"
    script = f"import importlib; m = importlib.import_module('runpy'); exec({code!r})"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert "MailgunDeprecationWarning" in result.stderr and "client.logs.list()" in result.stderr
