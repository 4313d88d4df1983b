"""``client.api``: every generated operation through the facade's machinery (sync and async, a mock transport).

Auth, region, retries by request kind, the one error mapping, deprecation warnings, ``with_options``, tolerant
parsing, and the cost promise (nothing of it is imported with ``mailgun`` or by constructing a client).
"""

from __future__ import annotations

import inspect
import subprocess
import sys
from typing import Any

import httpx
import pytest

import mailgun
from mailgun import MailgunDeprecationWarning
from mailgun._client import kind_for_request
from mailgun._retry import RequestKind

BOUNCES = {"items": [{"address": "ann@example.org", "code": "550", "error": "No such mailbox"}], "paging": {}}


def ok(body: Any = BOUNCES, status: int = 200) -> Any:
    return lambda request: httpx.Response(status, json=body)


def _model(annotation: str) -> type[Any]:
    """A generated model by the name a generated signature gives it (model names are the generator's)."""
    import mailgun_openapi.models

    return getattr(mailgun_openapi.models, annotation.removesuffix(" | None"))  # type: ignore[no-any-return]


def _bounces_model() -> type[Any]:
    from mailgun_openapi.api.bounces import SyncOperations

    return _model(inspect.signature(SyncOperations.get_domain_name_bounces).return_annotation)


def test_auth_region_and_the_parsed_model(mock_api: Any) -> None:
    api = mock_api(ok(), region="eu")
    page = api(lambda c: c.api.bounces.get_domain_name_bounces("example.com", limit=10))
    assert type(page) is _bounces_model()
    assert page.items[0].address == "ann@example.org"
    (request,) = api.requests
    assert request.url == "https://api.eu.mailgun.net/v3/example.com/bounces?limit=10"
    assert request.headers["Authorization"].startswith("Basic ")
    assert "mailgun-typed" in request.headers["User-Agent"]


def test_arguments_not_given_are_not_sent(mock_api: Any) -> None:
    api = mock_api(ok())
    api(lambda c: c.api.bounces.get_domain_name_bounces("example.com", limit=None, page=None))
    assert api.requests[0].url.query == b""


def test_a_get_is_retried_on_429(mock_api: Any) -> None:
    answers = iter([httpx.Response(429, headers={"Retry-After": "1"}, json={"message": "slow down"})])
    api = mock_api(lambda request: next(answers, None) or httpx.Response(200, json=BOUNCES), max_retries=2)
    page = api(lambda c: c.api.bounces.get_domain_name_bounces("example.com"))
    assert page.items[0].address == "ann@example.org"
    assert len(api.requests) == 2 and len(api.sleeps) == 1 and api.sleeps[0] >= 1.0  # Retry-After, plus jitter


def test_a_post_is_not_retried_on_503(mock_api: Any) -> None:
    api = mock_api(ok({"message": "unavailable"}, 503), max_retries=2)
    with pytest.raises(mailgun.InternalServerError) as caught:
        api(lambda c: c.api.account_management.post_accounts_http_signing_key())
    assert len(api.requests) == 1 and caught.value.attempts == 1


def test_a_send_is_a_send_for_retries() -> None:
    """client.api takes its retry kind from the method and path, as client.request does."""
    from mailgun_openapi._operations import OPERATIONS

    from mailgun._api import api_operation

    for name in ("messages.send_message", "messages.send_mime_message", "messages.resend_stored_message"):
        assert api_operation(name, None).kind_for(OPERATIONS[name][0]) is RequestKind.SEND, name
    assert kind_for_request("POST", "/v1/analytics/logs") is RequestKind.READ_POST
    assert kind_for_request("PUT", "/v3/routes/{id}") is RequestKind.IDEMPOTENT


def test_a_4xx_is_the_typed_error(mock_api: Any) -> None:
    api = mock_api(
        lambda request: httpx.Response(
            404, json={"message": "Domain not found"}, headers={"X-Mailgun-Request-Id": "req-1"}
        )
    )
    with pytest.raises(mailgun.NotFoundError) as caught:
        api(lambda c: c.api.domains.get_domains_name("missing.example.com"))
    assert caught.value.status_code == 404
    assert caught.value.message.startswith("Domain not found")  # plus the region hint on a US 404
    assert caught.value.request_id == "req-1"


def test_a_2xx_the_model_cannot_read_is_data_not_an_error(mock_api: Any) -> None:
    api = mock_api(ok(["not", "an", "object"]))
    page = api(lambda c: c.api.bounces.get_domain_name_bounces("example.com"))
    assert page.additional_properties == {"body": ["not", "an", "object"]}


def test_a_deprecated_operation_warns_at_the_callers_line(mock_api: Any) -> None:
    api = mock_api(ok({"items": [], "paging": {}}))
    with pytest.warns(MailgunDeprecationWarning) as record:
        api(lambda c: c.api.events.get_domain_name_events("example.com"))
    assert len(record) == 1
    assert "client.logs.list()" in str(record[0].message)
    assert record[0].filename == __file__


def test_with_options_on_behalf_of_and_timeout(mock_api: Any) -> None:
    api = mock_api(ok())
    api(lambda c: c.with_options(on_behalf_of="sub-1", timeout=3).api.bounces.get_domain_name_bounces("x.com"))
    api(lambda c: c.api.bounces.get_domain_name_bounces("x.com"))
    first, second = api.requests
    assert first.headers["X-Mailgun-On-Behalf-Of"] == "sub-1"
    assert first.extensions["timeout"]["read"] == 3
    assert "X-Mailgun-On-Behalf-Of" not in second.headers


def test_bodies_are_the_generated_models(mock_api: Any) -> None:
    from mailgun_openapi.api.routes import SyncOperations

    body_model = _model(inspect.signature(SyncOperations.post_routes).parameters["body"].annotation)
    api = mock_api(ok({"message": "Route has been created", "route": {"id": "r1"}}))
    api(lambda c: c.api.routes.post_routes(body=body_model(expression="match_recipient('.*')")))
    (request,) = api.requests
    assert request.method == "POST" and request.url.path == "/v3/routes"
    assert b"match_recipient" in request.content


def test_arguments_the_builder_cannot_use_fail_before_sending(mock_api: Any) -> None:
    api = mock_api(ok())
    with pytest.raises(mailgun.ValidationError, match=r"api\.routes\.post_routes"):
        api(lambda c: c.api.routes.post_routes(body={"expression": "x"}))
    assert api.requests == []


def test_every_generated_operation_is_on_both_clients() -> None:
    """client.api has every operation of the generated index, by tag and module name, sync and async."""
    from mailgun_openapi._operations import OPERATIONS

    sync, asynchronous = mailgun.Mailgun("k").api, mailgun.AsyncMailgun("k").api
    for name in OPERATIONS:
        tag, operation = name.split(".")
        assert callable(getattr(getattr(sync, tag), operation)), name
        assert callable(getattr(getattr(asynchronous, tag), operation)), name
    assert set(dir(sync)) >= {name.split(".")[0] for name in OPERATIONS}


def test_signatures_are_the_generated_ones_without_client_or_unset() -> None:
    from mailgun_openapi.api.bounces import AsyncOperations, SyncOperations

    sync = inspect.signature(SyncOperations.get_domain_name_bounces)
    assert list(sync.parameters) == ["self", "domain_name", "limit", "page", "term"]
    assert str(sync.parameters["limit"].annotation) == "int | None"
    assert sync.return_annotation == _bounces_model().__name__
    asynchronous = inspect.signature(AsyncOperations.get_domain_name_bounces)
    assert asynchronous.return_annotation == f"Awaitable[{_bounces_model().__name__}]"


def test_the_generated_api_never_imports_mailgun() -> None:
    code = (
        "import sys, mailgun_openapi.api as a, mailgun_openapi.api.bounces, mailgun_openapi.api.messages; "
        "print(sorted(m for m in sys.modules if m == 'mailgun' or m.startswith('mailgun.')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_importing_mailgun_and_constructing_a_client_import_none_of_it() -> None:
    code = (
        "import sys, mailgun; c = mailgun.Mailgun('k'); a = mailgun.AsyncMailgun('k'); "
        "print(sorted(m for m in sys.modules if m.startswith(('mailgun_openapi', 'mailgun._api')))); "
        "c.api; print(sorted(m for m in sys.modules if m.startswith('mailgun_openapi.api')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    before, after = out.strip().splitlines()
    assert before == "[]"
    assert after == "['mailgun_openapi.api']"  # a tag's module is imported when that tag is first used


TYPED_USE = """
from mailgun import AsyncMailgun, Mailgun

client = Mailgun("k")
reveal_type(client.api.bounces.get_domain_name_bounces("example.com", limit=10))
client.api.bounces.get_domain_name_bounces("example.com", limit="ten")


async def main(aclient: AsyncMailgun) -> None:
    reveal_type(await aclient.api.email_preview.get_preview_tests_test_id_results("t"))
"""


def test_type_checkers_see_parameters_and_return_models(tmp_path: Any) -> None:
    """mypy --strict on user code: the return model (awaited on the async client) and a wrong argument type."""
    from mailgun_openapi.api.email_preview import SyncOperations

    (tmp_path / "use.py").write_text(TYPED_USE)
    command = [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path / "cache"), "use.py"]
    out = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, check=False).stdout
    preview = _model(inspect.signature(SyncOperations.get_preview_tests_test_id_results).return_annotation)
    for model in (_bounces_model(), preview):
        assert f'Revealed type is "{model.__module__}.{model.__name__}"' in out, out
    assert 'Argument "limit" to "get_domain_name_bounces" of "SyncOperations" has incompatible type "str"' in out
    assert "Found 1 error in 1 file" in out, out
