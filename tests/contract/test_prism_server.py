"""The Prism test infrastructure itself (scripts/prism.py, tests/contract/conftest.py), with plain httpx.

Prism serves the fixed spec (pinned published spec + openapi/ fixes, in Prism's dialect) and validates every
request; these tests prove it loads every operation and schema, answers valid requests without violations, reports
invalid ones, and that the `# ---- Prism strictness` overlay fixes keep requests Mailgun accepts free of violations.

Known Prism gap: of a repeated form field (`to=a&to=b`, two `to` parts) Prism validates only the last value.
"""

from __future__ import annotations

import copy
import datetime
import email.utils
import json
import os
import socket
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import prism as prismlib

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DOMAIN = "example.com"


@pytest.fixture(scope="module")
def fixed_spec() -> dict[str, Any]:
    import fix_spec
    import speclib

    spec, _ = fix_spec.fix_spec(speclib.read_pinned_spec())
    return spec


# ------------------------------------------------------------------------------------------------ start-up
def test_prism_loads_every_operation_and_compiles_every_schema(
    prism: prismlib.PrismServer, fixed_spec: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    import speclib

    operations = len(list(speclib.iter_operations(fixed_spec)))
    with capsys.disabled():
        print(
            f"\nprism {prismlib.prism_version()}: {prism.routes} operations, {prism.schemas_compiled} schema "
            f"compilations, {len(prism.skipped_schemas)} skipped, started in {prism.startup_seconds:.1f} s"
        )
    assert prism.base_url.startswith(f"http://{prismlib.HOST}:")
    assert prism.routes == operations
    assert prism.schemas_compiled > operations  # every operation has at least a response schema
    assert prism.skipped_schemas == [], "Prism would silently validate nothing against these schemas"
    assert prism.schema_problems == [], "Prism's start-up log mentions problems"
    assert prism.startup_seconds < prismlib.STARTUP_TIMEOUT


def test_an_uncompilable_schema_is_reported_and_the_server_stops() -> None:
    reason = prismlib.unavailable_reason()
    if reason:
        pytest.skip(reason)
    form_body = {
        "type": "object",
        "properties": {"tag": {"type": "array", "items": {"type": "string", "enum": ["good"]}}},
    }
    spec = {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": {
            "/v1/things": {
                "get": {
                    "parameters": [
                        # A duplicate enum value: ajv refuses the schema, and Prism then validates nothing.
                        {"name": "state", "in": "query", "schema": {"type": "string", "enum": ["a", "a"]}}
                    ],
                    "responses": {"200": {"description": "ok"}},
                },
                "post": {
                    "requestBody": {
                        "content": {
                            "multipart/form-data": {
                                "schema": form_body,
                                "encoding": {"tag": {"style": "form", "explode": True}},
                            }
                        }
                    },
                    "responses": {"200": {"description": "ok"}},
                },
            }
        },
    }
    with prismlib.PrismServer(spec) as server, httpx.Client(base_url=server.base_url) as client:
        pid, port = server.pid, server.port
        assert server.routes == 2
        assert len(server.skipped_schemas) == 1
        assert "GET /v1/things query" in server.skipped_schemas[0]
        assert "duplicate" in server.skipped_schemas[0]
        # The known gap: of a repeated form field Prism checks only the last value.
        last_bad = client.post("/v1/things", files=_parts({"tag": ["good", "bad"]}))
        assert any("request.body.tag" in p for p in _problems(last_bad))
        first_bad = client.post("/v1/things", files=_parts({"tag": ["bad", "good"]}))
        assert _problems(first_bad) == [], "Prism now checks every value of a repeated field: update the docs"
    assert pid is not None and not _process_alive(pid)
    assert not _port_open(port)


# ---------------------------------------------------------------------------------------- valid / invalid
def test_a_valid_request_gets_the_spec_example_without_violations(prism_client: httpx.Client) -> None:
    response = prism_client.get("/v4/domains", params={"limit": 10})
    assert response.status_code == 200
    assert prismlib.violations(response.headers) == []
    assert isinstance(response.json()["items"], list)  # the spec's example (static mode)


def test_a_send_without_from_is_a_request_violation(prism_raw_client: httpx.Client, prism_client: httpx.Client) -> None:
    form = {"to": "alice@example.com", "subject": "Hello", "text": "Hi"}
    response = prism_raw_client.post(f"/v3/{DOMAIN}/messages", files=_parts(form))
    found = prismlib.violations(response.headers)
    assert found, response.headers
    assert any(v.startswith("request.body") and "'from'" in v for v in found), found
    with pytest.raises(prismlib.ViolationError, match="'from'"):
        prismlib.raise_for_violations(response.headers, response.content)
    with pytest.raises(prismlib.ViolationError, match="'from'"):
        prism_client.post(f"/v3/{DOMAIN}/messages", files=_parts(form))


def test_form_values_are_checked_not_only_their_presence(prism_raw_client: httpx.Client) -> None:
    form = {"from": "a@example.com", "to": "b@example.com", "subject": "s", "text": "t", "o:tracking": "sometimes"}
    response = prism_raw_client.post(f"/v3/{DOMAIN}/messages", files=_parts(form))
    assert any("o:tracking" in v and "allowed values" in v for v in prismlib.violations(response.headers))


def test_an_unknown_route_is_reported(prism_raw_client: httpx.Client) -> None:
    response = prism_raw_client.get("/v3/not/a/mailgun/route")
    assert response.status_code == 404
    errors = prismlib.prism_errors(response.headers, response.content)
    assert errors and "NO_PATH_MATCHED_ERROR" in errors[0]


def test_a_request_without_credentials_is_reported(prism: prismlib.PrismServer) -> None:
    with httpx.Client(base_url=prism.base_url) as client:
        response = client.get("/v4/domains")
    assert response.status_code == 401  # the spec's 401 example, or Prism's own error
    assert _problems(response)


def test_a_multipart_send_with_repeated_fields_and_an_attachment_validates(prism_client: httpx.Client) -> None:
    data = {
        "from": "Excited User <mailgun@example.com>",
        "to": ["Alice <alice@example.com>", "bob@example.com"],
        "cc": ["carol@example.com"],
        "subject": "Hello",
        "text": "Testing some Mailgun awesomeness!",
        "o:tag": ["newsletter", "2026-05"],
        "o:testmode": "true",
        "o:deliverytime": email.utils.format_datetime(
            datetime.datetime(2026, 5, 1, 9, 30, tzinfo=datetime.timezone.utc)
        ),
        "h:Reply-To": "support@example.com",
        "v:order-id": "42",
    }
    files = [
        ("attachment", ("report.csv", b"id,amount\n1,9.99\n", "text/csv")),
        ("attachment", ("logo.png", b"\x89PNG\r\n\x1a\n", "image/png")),
    ]
    request = prism_client.build_request("POST", f"/v3/{DOMAIN}/messages", data=data, files=files)
    body = request.read()
    response = prism_client.send(request)
    assert response.status_code == 200
    assert body.count(b'name="to"') == 2 and body.count(b'name="o:tag"') == 2
    assert body.count(b'name="attachment"') == 2
    assert "id" in response.json()


# ------------------------------------------------------------------- requests Mailgun accepts (overlay fixes)
def test_list_dkim_keys_takes_query_parameters(prism_client: httpx.Client) -> None:
    # The real API answered this (cassette domains#23); the published spec wanted a multipart body on a GET.
    response = prism_client.get("/v1/dkim/keys", params={"signing_domain": DOMAIN, "limit": 10})
    assert response.status_code == 200


def test_timestamps_are_sent_as_rfc_2822(prism_client: httpx.Client) -> None:
    start = datetime.datetime(2024, 11, 26, 20, 56, 50, tzinfo=datetime.timezone(datetime.timedelta(hours=-5)))
    query = {
        "start": email.utils.format_datetime(start),  # what the generated client sends: 'Tue, 26 Nov 2024 ...'
        "end": email.utils.format_datetime(start + datetime.timedelta(days=1)),
        "resolution": "hour",
        "metrics": ["accepted_count", "delivered_count"],
    }
    assert prism_client.post("/v1/analytics/metrics", json=query).status_code == 200
    bounce = {"address": "alice@example.com", "code": "550", "created_at": query["start"]}
    assert prism_client.post(f"/v3/{DOMAIN}/bounces", files=_parts(bounce)).status_code == 200


def test_bulk_members_are_one_json_string(prism_client: httpx.Client) -> None:
    members = json.dumps(["alice@example.com", {"address": "bob@example.com", "name": "Bob"}])
    response = prism_client.post("/v3/lists/dev@example.com/members.json", params={"members": members})
    assert response.status_code == 200


def test_member_vars_travel_as_a_json_part(prism_client: httpx.Client) -> None:
    form = {"address": "alice@example.com", "vars": json.dumps({"age": 27}), "subscribed": "true"}
    assert prism_client.post("/v3/lists/dev@example.com/members", files=_parts(form)).status_code == 200


def test_a_python_repr_is_not_json(prism_raw_client: httpx.Client) -> None:
    form = {"address": "alice@example.com", "vars": str({"age": 27})}
    response = prism_raw_client.post("/v3/lists/dev@example.com/members", files=_parts(form))
    assert any("request.body.vars" in v for v in prismlib.violations(response.headers))


def test_every_request_example_of_the_spec_validates(prism_client: httpx.Client, fixed_spec: dict[str, Any]) -> None:
    """Mailgun's own request examples (alert definitions, analytics queries, routes, lists ...) are requests
    Mailgun accepts: Prism must find nothing wrong with them."""
    sent = 0
    failures = []
    for method, path, operation, media_type, name, example in _request_examples(fixed_spec):
        url, params = _fill_parameters(path, operation)
        kwargs: dict[str, Any] = {"params": params}
        if media_type == "application/json":
            kwargs["json"] = example
        elif media_type == "multipart/form-data":
            kwargs["files"] = _parts(example)
        else:
            kwargs["data"] = {
                k: [_form_value(i) for i in v] if isinstance(v, list) else _form_value(v) for k, v in example.items()
            }
        try:
            prism_client.request(method, url, **kwargs)
        except prismlib.ViolationError as exc:
            failures.append(f"{method} {path} {media_type} [{name}]: {exc.problems}")
        sent += 1
    assert sent >= 15
    assert not failures, "\n".join(failures)


# --------------------------------------------------------------------------------------------------- CLI
def test_cli_run_points_the_command_at_prism_and_returns_its_exit_code() -> None:
    reason = prismlib.unavailable_reason()
    if reason:
        pytest.skip(reason)
    child = (
        "import os, sys, httpx\n"
        "url = os.environ['MAILGUN_BASE_URL']\n"
        "assert url.startswith('http://127.0.0.1:'), url\n"
        "r = httpx.get(url + '/v4/domains', auth=('api', os.environ['MAILGUN_API_KEY']))\n"
        "assert r.status_code == 200 and 'sl-violations' not in r.headers, r.headers\n"
        "print(url)\n"
        "sys.exit(7)\n"
    )
    cli = [sys.executable, str(PROJECT_ROOT / "scripts" / "prism.py"), "run", "--", sys.executable, "-c", child]
    result = subprocess.run(cli, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 7, result.stderr
    url = result.stdout.strip()
    assert not _port_open(urlsplit(url).port or 0), "Prism still listens after the command ended"


# -------------------------------------------------------------------------------------- violations parsing
def test_violations_keeps_request_side_entries_only() -> None:
    header = json.dumps(
        [
            {"location": ["request", "body", "from"], "severity": "Error", "code": "required", "message": "m1"},
            {"location": ["response", "body", "id"], "severity": "Error", "code": "type", "message": "m2"},
            {"location": ["request", "query", "limit"], "severity": "Warning", "code": "deprecated", "message": "m3"},
        ]
    )
    assert prismlib.violations({"SL-Violations": header}) == [
        "request.body.from: m1 (Error, required)",
        "request.query.limit: m3 (Warning, deprecated)",
    ]
    assert prismlib.violations({}) == []
    assert [v.side for v in prismlib.parse_violations(httpx.Headers({"sl-violations": header}))] == [
        "request",
        "response",
        "request",
    ]


def test_a_truncated_violations_header_keeps_its_complete_entries() -> None:
    entry = {"location": ["request", "body", "to"], "severity": "Error", "code": "type", "message": "x" * 50}
    full = json.dumps([entry, copy.deepcopy(entry)])
    cut = "Too many violations! " + full[: len(full) - 40]
    assert len(prismlib.violations({"sl-violations": cut})) == 1
    assert prismlib.violations({"sl-violations": "Too many violations! [{"}) != []  # never silently clean


def test_prism_errors_reads_prisms_own_problem_responses() -> None:
    problem = {
        "type": "https://stoplight.io/prism/errors#UNPROCESSABLE_ENTITY",
        "title": "Invalid request",
        "status": 422,
        "validation": [{"location": ["query", "limit"], "severity": "Error", "code": "type", "message": "bad"}],
    }
    headers = {"content-type": "application/problem+json"}
    assert prismlib.prism_errors(headers, json.dumps(problem)) == [
        "prism 422 UNPROCESSABLE_ENTITY: Invalid request: request.query.limit: bad (Error, type)"
    ]
    mailgun_error = {"message": "Domain not found"}  # a response from the spec is not Prism's own error
    assert prismlib.prism_errors({"content-type": "application/json"}, json.dumps(mailgun_error)) == []


# ------------------------------------------------------------------------------------------------ helpers
def _problems(response: httpx.Response) -> list[str]:
    return prismlib.violations(response.headers) + prismlib.prism_errors(response.headers, response.content)


def _form_value(value: Any) -> str:
    """A form field as a client sends it: objects as JSON, booleans as true/false."""
    if isinstance(value, (dict, list, bool)) or value is None:
        return json.dumps(value)
    return str(value)


def _parts(form: Mapping[str, Any]) -> list[tuple[str, tuple[None, bytes]]]:
    """multipart/form-data fields (no files); a list value becomes repeated parts."""
    parts = []
    for key, value in form.items():
        for item in value if isinstance(value, list) else [value]:
            parts.append((key, (None, _form_value(item).encode())))
    return parts


def _request_examples(spec: Mapping[str, Any]) -> list[tuple[str, str, dict[str, Any], str, str, Any]]:
    found = []
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            for media_type, media in ((operation.get("requestBody") or {}).get("content") or {}).items():
                examples = [("example", media["example"])] if "example" in media else []
                examples += [(name, ex.get("value")) for name, ex in (media.get("examples") or {}).items()]
                for name, value in examples:
                    if value is not None:
                        found.append((method.upper(), path, operation, media_type, name, value))
    return found


def _fill_parameters(path: str, operation: Mapping[str, Any]) -> tuple[str, dict[str, str]]:
    params: dict[str, str] = {}
    for parameter in operation.get("parameters") or []:
        schema = parameter.get("schema") or {}
        value = (
            str(schema["enum"][0])
            if schema.get("enum")
            else {"integer": "1", "boolean": "true"}.get(schema.get("type"), DOMAIN)
        )
        if parameter["in"] == "path":
            path = path.replace("{" + parameter["name"] + "}", value)
        elif parameter["in"] == "query" and parameter.get("required"):
            params[parameter["name"]] = value
    return path, params


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # Prism was our child and has been waited for: its pid is gone
    except ProcessLookupError:
        return False
    return True


def _port_open(port: int) -> bool:
    try:
        with socket.create_connection((prismlib.HOST, port), timeout=1.0):
            return True
    except OSError:
        return False
