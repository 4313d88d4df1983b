"""Access to ../shared (Mailgun's published spec and real recorded traffic), which CI always has.

Tests that need it are marked with `requires_shared`; in a lone clone of the project they skip with the reason.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SHARED = PROJECT_ROOT.parent / "shared"
SHARED_SPECS = SHARED / "openapi"
REAL_CASSETTES = SHARED / "cassettes" / "real"
sys.path.insert(0, str(PROJECT_ROOT / "scripts"))

requires_shared = pytest.mark.skipif(
    not REAL_CASSETTES.is_dir(),
    reason=f"{SHARED} is absent (a lone clone): real cassettes and published specs are not available",
)
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Interaction:
    cassette: str
    index: int
    method: str
    uri: str
    request_body: Any
    request_headers: dict[str, list[str]]
    status: int
    headers: dict[str, list[str]]
    body: bytes

    @property
    def path(self) -> str:
        return urlsplit(self.uri).path

    @property
    def label(self) -> str:
        return f"{self.cassette}#{self.index} {self.method} {self.path} -> {self.status}"


def iter_real_interactions() -> Iterator[Interaction]:
    for path in sorted(REAL_CASSETTES.glob("*.yaml")):
        doc = yaml.load(path.read_text(), Loader=_LOADER)
        for i, item in enumerate(doc.get("interactions") or []):
            req, resp = item["request"], item["response"]
            raw = (resp.get("body") or {}).get("string", "")
            body = raw if isinstance(raw, bytes) else str(raw).encode()
            yield Interaction(
                cassette=path.stem,
                index=i,
                method=req["method"].upper(),
                uri=req["uri"],
                request_body=req.get("body"),
                request_headers=req.get("headers") or {},
                status=int(resp["status"]["code"]),
                headers=resp.get("headers") or {},
                body=body,
            )


@cache
def fixed_spec() -> dict[str, Any]:
    """The pinned spec as fixed by openapi/ (the input of the generated client)."""
    import fix_spec
    import speclib

    # The pinned spec is tracked (openapi/published/): unreadable is a failure, not a reason to skip.
    spec, _ = fix_spec.fix_spec(speclib.read_pinned_spec())
    return spec


HTTP_METHODS = ("get", "put", "post", "delete", "patch")


@cache
def _route_table() -> list[tuple[re.Pattern[str], int, str, str, dict[str, Any]]]:
    routes = []
    for path, item in fixed_spec()["paths"].items():
        pattern = re.compile("^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(path)) + "/?$")
        literal = len(re.sub(r"\{[^}]+\}", "", path))
        for method in HTTP_METHODS:
            if method in item:
                routes.append((pattern, literal, method.upper(), path, item[method]))
    return routes


def match_operation(method: str, path: str) -> tuple[str, dict[str, Any]] | None:
    """The spec operation a recorded request belongs to: the matching template with the most literal text."""
    best = None
    for pattern, literal, op_method, op_path, op in _route_table():
        if op_method == method and pattern.match(path) and (best is None or literal > best[0]):
            best = (literal, op_path, op)
    return (best[1], best[2]) if best else None


# ----------------------------------------------------------------------------------- replay through the facade
def wrapped_operations() -> dict[str, Any]:
    """Every Operation the facade declares, by generated module name (imports every resource module)."""
    import importlib
    import pkgutil

    import mailgun.resources
    from mailgun._call import registered_operations

    for module in pkgutil.iter_modules(mailgun.resources.__path__):
        importlib.import_module(f"mailgun.resources.{module.name}")
    return dict(registered_operations())


@cache
def module_of_operation() -> dict[str, str]:
    """`METHOD /path` -> generated module name (under `api`)."""
    from mailgun_openapi._operations import OPERATIONS

    return {f"{method} {path}": name for name, (method, path, _) in OPERATIONS.items()}


def replay_through_facade(interaction: Interaction, operation: Any) -> tuple[str, Any]:
    """Send the recorded request through the facade's transport, error mapping and the operation's parser,
    answered by the recorded response. Returns ("data", result) or ("error", exception)."""
    import httpx

    import mailgun
    from mailgun._call import Call

    def answer(request: httpx.Request) -> httpx.Response:
        headers = [(k, v) for k, values in interaction.headers.items() for v in values]
        headers = [(k, v) for k, v in headers if k.lower() not in ("content-encoding", "transfer-encoding")]
        return httpx.Response(interaction.status, headers=headers, content=interaction.body)

    parts = urlsplit(interaction.uri)
    body = interaction.request_body
    content = body.encode() if isinstance(body, str) else body if isinstance(body, bytes) else None
    content_type = next(iter(interaction.request_headers.get("Content-Type") or []), None)
    overrides: dict[str, Any] = {
        "method": interaction.method,
        "url": parts.path,
        "params": httpx.QueryParams(parts.query),
        "content": content,
        "headers": {"Content-Type": content_type} if content_type else {},
        "json": None,
        "data": None,
        "files": None,
    }
    # The generated request builder is skipped: the recorded request is the request.
    call = Call(RecordedOperation(operation), {}, operation.parse, overrides=overrides)
    client = mailgun.Mailgun(
        "test-key-not-a-secret", max_retries=0, http_client=httpx.Client(transport=httpx.MockTransport(answer))
    )
    try:
        return "data", client._run(call)
    except mailgun.MailgunError as exc:
        return "error", exc
    finally:
        client.close()


class RecordedOperation:
    """Stands in for an Operation whose request is entirely given by the recording."""

    def __init__(self, operation: Any) -> None:
        self._operation = operation
        self.name = operation.name

    def request_args(self, kwargs: Any) -> dict[str, Any]:
        return {}

    def kind_for(self, method: str) -> Any:
        return self._operation.kind_for(method)


def read_every_field(value: Any, path: str = "result") -> list[str]:
    """Read every field of a returned model the way a user does (plain attribute access, nested models, lists and
    maps included); return what raised. A reliably sent field an answer lacked raises MissingFieldError here."""
    import attrs

    problems: list[str] = []
    if attrs.has(type(value)):
        for field in attrs.fields(type(value)):
            if field.name.startswith("_"):
                continue
            try:
                item = getattr(value, field.name)
            except Exception as exc:  # the point: report every field that raises
                problems.append(f"{path}.{field.name}: {type(exc).__name__}: {exc}")
                continue
            problems += read_every_field(item, f"{path}.{field.name}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            problems += read_every_field(item, f"{path}[{index}]")
    elif isinstance(value, dict):
        for key, item in value.items():
            problems += read_every_field(item, f"{path}[{key!r}]")
    return problems
