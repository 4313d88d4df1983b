"""Deprecations: derived from the pinned spec, so a newly deprecated operation cannot slip by."""

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


def test_the_operation_index_agrees_with_the_spec() -> None:
    from mailgun_openapi._operations import OPERATIONS

    assert {name for name, (_, _, deprecated) in OPERATIONS.items() if deprecated} == spec_deprecated_operations()
    assert len(spec_deprecated_operations()) == 24  # May 2026


def test_every_deprecated_operation_names_its_successor() -> None:
    missing = sorted(op for op in spec_deprecated_operations() if successor_of(op) is None)
    assert not missing, f"name a replacement in mailgun/_deprecation.py SUCCESSORS for: {missing}"


def test_steered_groups_have_successors() -> None:
    assert "client.logs" in (successor_of("events.get_domain_name_events") or "")
    assert "client.metrics" in (successor_of("stats.get_stats_total") or "")
    assert "client.tags" in (successor_of("tags.get_domain_tags") or "")


def test_facade_marks_deprecated_methods_for_type_checkers() -> None:
    """A method is marked (PEP 702) exactly when an operation it calls is deprecated or steered away from."""
    from mailgun._deprecation import STEERED

    deprecated_ops = spec_deprecated_operations() | STEERED
    wrong = [
        f"{e.client} {e.name}: marked={e.deprecated}"
        for e in endpoints()
        if e.operations and e.deprecated != bool(e.operations & deprecated_ops)
    ]
    assert not wrong, wrong


def test_every_wrapped_deprecated_operation_warns_at_run_time() -> None:
    from mailgun._call import registered_operations

    ops = registered_operations()
    for name in spec_deprecated_operations() & set(ops):
        message = ops[name].deprecation
        assert message is not None and "use client." in message, name


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
