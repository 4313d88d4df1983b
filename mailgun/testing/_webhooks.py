"""Webhooks as Mailgun posts them: JSON ``{"signature": {...}, "event-data": {...}}`` signed with the domain's
webhook signing key (``hex(HMAC-SHA256(key, timestamp + token))``, what ``mailgun.webhook_verification``
checks), delivered to a WSGI app, an ASGI app or a plain callable."""

from __future__ import annotations

import asyncio
import inspect
import io
import json
import secrets
import sys
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from ..webhook_verification import compute_signature
from ._events import delivery_status, new_event, webhook_name

if TYPE_CHECKING:
    from ._fake import FakeMailgun

__all__ = ["Target", "WebhookDelivery", "deliver", "payload", "sample_event"]

Target = Any  # a WSGI app, an ASGI app, or a callable (body: bytes, content_type: str) -> int
JSON = "application/json"


@dataclass(frozen=True)
class WebhookDelivery:
    """One webhook post and what the target answered."""

    webhook: str  # "delivered", "permanent_fail", ...
    url: str  # the configured URL (its path and host reached the WSGI/ASGI app)
    event: dict[str, Any]  # the event-data posted
    status: int
    response: bytes = b""

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300


def payload(event_data: Mapping[str, Any], signing_key: str) -> bytes:
    timestamp, token = str(int(time.time())), secrets.token_hex(25)
    signature = {"timestamp": timestamp, "token": token, "signature": compute_signature(signing_key, timestamp, token)}
    return json.dumps({"signature": signature, "event-data": dict(event_data)}).encode()


_SAMPLES: dict[str, dict[str, Any]] = {
    "permanent_fail": {"event": "failed", "severity": "permanent", "reason": "bounce", "code": 550},
    "temporary_fail": {"event": "failed", "severity": "temporary", "reason": "generic", "code": 452},
    "failed": {"event": "failed", "severity": "permanent", "reason": "bounce", "code": 550},
}


def sample_event(fake: FakeMailgun, name: str, fields: Mapping[str, Any]) -> dict[str, Any]:
    """An event-data dict for a webhook or event name; ``fields`` override it (``user_variables`` means
    ``user-variables``)."""
    sample = _SAMPLES.get(name, {"event": name})
    recipient = str(fields.get("recipient", "alice@example.com"))
    info = {
        "id": f"<{secrets.token_hex(8)}@{fake.default_domain}>",
        "from": f"postmaster@{fake.default_domain}",
        "subject": "Hello",
        "sender": f"postmaster@{fake.default_domain}",
    }
    event = new_event(
        sample["event"], domain=fake.default_domain, recipient=recipient, message=info, timestamp=time.time()
    )
    if sample["event"] == "failed":
        event.update(severity=sample["severity"], reason=sample["reason"])
        event["delivery-status"] = delivery_status(sample["code"], "", "mailbox unavailable")
    elif sample["event"] == "delivered":
        event["delivery-status"] = delivery_status(250, "", "OK")
    for key, value in fields.items():
        event[key.replace("_", "-")] = value
    return event


def deliver(
    fake: FakeMailgun, events: Iterable[Mapping[str, Any]], target: Target, kind: str | None = None
) -> list[WebhookDelivery]:
    post = _poster(target, kind)
    deliveries: list[WebhookDelivery] = []
    for event in events:
        name = webhook_name(event)
        domain = fake._domains.get(str(event.get("domain", {}).get("name")))
        urls = [] if name is None or domain is None else domain.webhooks.get(name) or []
        for url in urls:
            body = payload(event, fake.signing_key)
            status, answer = post(url, body, JSON)
            deliveries.append(WebhookDelivery(str(name), url, dict(event), status, answer))
    return deliveries


Poster = Callable[[str, bytes, str], "tuple[int, bytes]"]


def _poster(target: Target, kind: str | None) -> Poster:
    """How to post to ``target``: ``kind`` ("wsgi", "asgi", "callable") or, without it, what it looks like (a
    coroutine taking three arguments is ASGI; ``(environ, start_response)`` or a ``wsgi_app`` attribute is WSGI)."""
    if kind == "asgi" or (kind is None and _is_asgi(target)):
        return lambda url, body, content_type: _run_asgi(target, url, body, content_type)
    if kind == "wsgi" or (kind is None and _is_wsgi(target)):
        return lambda url, body, content_type: _run_wsgi(target, url, body, content_type)
    if callable(target):

        def call(url: str, body: bytes, content_type: str) -> tuple[int, bytes]:
            status = target(body, content_type)
            if inspect.isawaitable(status):
                status = _in_new_loop(status)
            return int(status), b""

        return call
    raise TypeError(f"deliver_webhooks needs a WSGI app, an ASGI app or a callable, got {target!r}")


def _first_parameters(target: Any) -> list[str]:
    try:
        return list(inspect.signature(target).parameters)
    except (TypeError, ValueError):
        return []


def _is_asgi(target: Any) -> bool:
    call = target if inspect.isfunction(target) or inspect.ismethod(target) else getattr(target, "__call__", None)  # noqa: B004
    return inspect.iscoroutinefunction(call) and len(_first_parameters(target)) == 3


def _is_wsgi(target: Any) -> bool:
    names = _first_parameters(target)
    return hasattr(target, "wsgi_app") or (len(names) == 2 and names[0] in ("environ", "env", "environment"))


def _run_wsgi(app: Any, url: str, body: bytes, content_type: str) -> tuple[int, bytes]:
    parts = urlsplit(url)
    host = parts.hostname or "localhost"
    port = str(parts.port or (443 if parts.scheme == "https" else 80))
    environ = {
        "REQUEST_METHOD": "POST",
        "SCRIPT_NAME": "",
        "PATH_INFO": parts.path or "/",
        "QUERY_STRING": parts.query,
        "CONTENT_TYPE": content_type,
        "CONTENT_LENGTH": str(len(body)),
        "SERVER_NAME": host,
        "SERVER_PORT": port,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": parts.netloc or host,
        "HTTP_USER_AGENT": "mailgun/treq-0.0",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": parts.scheme or "http",
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
    }
    statuses: list[str] = []

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Callable[[bytes], None]:
        statuses.append(status)
        return lambda data: None

    result = app(environ, start_response)
    try:
        answer = b"".join(result)
    finally:
        close = getattr(result, "close", None)
        if close is not None:
            close()
    return int(statuses[-1].split()[0]), answer


def _run_asgi(app: Any, url: str, body: bytes, content_type: str) -> tuple[int, bytes]:
    parts = urlsplit(url)
    scope = {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.3"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": parts.scheme or "http",
        "path": parts.path or "/",
        "raw_path": (parts.path or "/").encode(),
        "query_string": parts.query.encode(),
        "root_path": "",
        "headers": [
            (b"host", (parts.netloc or "localhost").encode()),
            (b"content-type", content_type.encode()),
            (b"content-length", str(len(body)).encode()),
            (b"user-agent", b"mailgun/treq-0.0"),
        ],
        "client": ("127.0.0.1", 0),
        "server": (parts.hostname or "localhost", parts.port or (443 if parts.scheme == "https" else 80)),
    }
    status: list[int] = []
    chunks: list[bytes] = []

    async def run() -> None:
        sent = False

        async def receive() -> dict[str, Any]:
            nonlocal sent
            if sent:
                await asyncio.sleep(3600)  # the request is over: an app waiting for a disconnect keeps waiting
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        async def send(message: Mapping[str, Any]) -> None:
            if message["type"] == "http.response.start":
                status.append(int(message["status"]))
            elif message["type"] == "http.response.body":
                chunks.append(bytes(message.get("body", b"")))

        await asyncio.wait_for(app(scope, receive, send), timeout=30)

    _in_new_loop(run())
    return (status[-1] if status else 500), b"".join(chunks)


def _in_new_loop(awaitable: Any) -> Any:
    """Run a coroutine to completion in a loop of its own (in a thread: the caller may be inside a loop)."""
    result: list[Any] = []
    errors: list[BaseException] = []

    async def main() -> None:
        result.append(await awaitable)

    def target() -> None:
        try:
            asyncio.run(main())
        except BaseException as exc:  # re-raised in the caller's thread
            errors.append(exc)

    thread = threading.Thread(target=target, name="mailgun-fake-asgi")
    thread.start()
    thread.join()
    if errors:
        raise errors[0]
    return result[0]
