"""Docstrings are the reference's source: every curated method (the builder behind each ``client.<group>.<method>``)
describes every parameter (``Args:``), what it returns and raises, and shows a call (``Example:``, which
tests/contract/test_docs_examples.py runs); every public method of the clients and of the public modules has a
docstring."""

from __future__ import annotations

import importlib
import inspect
import re
from collections.abc import Iterator
from typing import Any

import pytest

from mailgun import AsyncMailgun, Mailgun
from tests.docs_examples import curated_builders

CURATED = curated_builders()
SECTION = re.compile(r"^(Args|Returns|Raises|Example):\n(?P<body>(?:^(?:    .*)?\n)*)", re.M)
ARG = re.compile(r"^    (?P<name>\*{0,2}\w+)(?: \([^)]*\))?:", re.M)
# Modules whose public functions and classes users call (those not installed in this branch are skipped).
PUBLIC_MODULES = [
    "mailgun.webhook_verification",
    "mailgun.inbound",
    "mailgun.integrations.django",
    "mailgun.integrations.flask",
    "mailgun.integrations.starlette",
]


def sections(doc: str) -> dict[str, str]:
    return {match[1]: match["body"] for match in SECTION.finditer(doc + "\n")}


def documented_params(doc: str) -> set[str]:
    return {match["name"].lstrip("*") for match in ARG.finditer(sections(doc).get("Args", ""))}


def expected_params(function: Any) -> set[str]:
    return {name for name in inspect.signature(function).parameters if name != "self"}


@pytest.mark.parametrize("method", sorted(CURATED))
def test_a_curated_method_documents_its_parameters_returns_raises_and_an_example(method: str) -> None:
    build = CURATED[method]
    doc = inspect.getdoc(build) or ""
    assert doc, f"{method}: no docstring"
    found = sections(doc)
    missing_sections = [name for name in ("Returns", "Raises", "Example") if name not in found]
    assert not missing_sections, f"{method}: no {', '.join(missing_sections)} section"
    undocumented = expected_params(build) - documented_params(doc)
    assert not undocumented, f"{method}: Args does not describe {sorted(undocumented)}"
    assert "```python" in found["Example"], f"{method}: the Example has no ```python fence"
    assert "ValidationError" in found["Raises"] and "APIStatusError" in found["Raises"], method


def public_callables() -> Iterator[tuple[str, Any]]:
    for client in (Mailgun, AsyncMailgun):
        for klass in client.__mro__[:-1]:
            for name, value in vars(klass).items():
                function = value.fget if isinstance(value, property) else value
                if not name.startswith("_") and inspect.isfunction(function):
                    yield f"{client.__name__}.{name}", function
    for module_name in PUBLIC_MODULES:
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        names = getattr(module, "__all__", [n for n in vars(module) if not n.startswith("_")])
        for name in names:
            value = getattr(module, name)
            if getattr(value, "__module__", "").startswith(module_name) and (
                inspect.isfunction(value) or inspect.isclass(value)
            ):
                yield f"{module_name}.{name}", value
                if inspect.isclass(value):
                    for attr, member in vars(value).items():
                        member = member.fget if isinstance(member, property) else member
                        if not attr.startswith("_") and inspect.isfunction(member):
                            yield f"{module_name}.{name}.{attr}", member


def test_every_public_method_has_a_docstring() -> None:
    found = dict(public_callables())
    assert "Mailgun.with_options" in found and "AsyncMailgun.aclose" in found
    missing = sorted(name for name, value in found.items() if not inspect.getdoc(value))
    assert not missing, f"public methods without a docstring: {missing}"


@pytest.mark.parametrize("name", ["with_options", "request"])
@pytest.mark.parametrize("client", [Mailgun, AsyncMailgun], ids=["sync", "async"])
def test_the_clients_document_their_parameters(client: type[Any], name: str) -> None:
    function = getattr(client, name)
    undocumented = expected_params(function) - documented_params(inspect.getdoc(function) or "")
    assert not undocumented, f"{client.__name__}.{name}: Args does not describe {sorted(undocumented)}"


def test_a_missing_parameter_is_caught() -> None:
    def build(domain: str, *, limit: int = 100) -> None:
        """Summary.

        Args:
            domain: The domain.

        Returns:
            Nothing.
        """

    assert expected_params(build) - documented_params(inspect.getdoc(build) or "") == {"limit"}


def test_the_receiving_functions_document_their_parameters() -> None:
    """verify_webhook, parse_inbound, the framework views...: every parameter described."""
    functions = {
        name: value
        for name, value in public_callables()
        if inspect.isfunction(value) and name.rsplit(".", 1)[0] in PUBLIC_MODULES
    }
    assert "mailgun.webhook_verification.verify_webhook" in functions
    undocumented = {
        name: sorted(missing)
        for name, value in functions.items()
        if (missing := expected_params(value) - documented_params(inspect.getdoc(value) or ""))
    }
    assert not undocumented, f"Args does not describe: {undocumented}"
