"""``FakeMailgun``: an in-process, stateful imitation of the Mailgun API behind httpx transports."""

from __future__ import annotations

import base64
import contextlib
import copy
import datetime as dt
import fnmatch
import hashlib
import os
import secrets
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs

import httpx

from . import (
    _events,
    _handlers_lists,  # noqa: F401  (registers its handlers)
)
from ._contract import Contract, Operation, load_contract, require_validator
from ._events import SUPPRESSED, delivery_status, new_event, v3_item
from ._forms import parse_body
from ._handlers import HANDLERS, events_page_by_token, suppressed_by
from ._messages import bare, send_problem, stored_size
from ._outbox import Outbox, SentMessage
from ._state import DomainState, Request

if TYPE_CHECKING:
    from mailgun import AsyncMailgun, Mailgun

    from ._webhooks import Target, WebhookDelivery

__all__ = ["FakeContractError", "FakeMailgun"]

UTC = dt.timezone.utc
_DOMAIN_PARAMS = ("domain_name", "domain", "authority_name")
_MAX_PAGES = 1000
_STORAGE_HOST = "https://storage-us-east4.api.mailgun.net"


class FakeContractError(AssertionError):
    """The fake's own answer broke Mailgun's spec: a bug in the fake, reported loudly instead of hidden."""


@dataclass
class _Fault:
    status: int | None
    retry_after: float | None
    error: type[Exception] | None
    route: str | None
    times: int
    applied: bool
    body: Any

    def matches(self, method: str, path: str, template: str | None) -> bool:
        if self.route is None:
            return True
        route = self.route
        candidates = [f"{method} {path}", path]
        if template is not None:
            candidates += [f"{method} {template}", template]
        return any(c == route or fnmatch.fnmatchcase(c, route) for c in candidates)


class _SyncTransport(httpx.BaseTransport):
    def __init__(self, fake: FakeMailgun) -> None:
        self.fake = fake

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.read()
        return self.fake.handle(request)


class _AsyncTransport(httpx.AsyncBaseTransport):
    def __init__(self, fake: FakeMailgun) -> None:
        self.fake = fake

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        await request.aread()
        return self.fake.handle(request)


class FakeMailgun:
    """Mailgun, in process: clients from ``client()``/``async_client()`` (or any client built inside
    ``patch()``) talk to it through an httpx transport; no socket is opened.

    Every request is checked against Mailgun's spec (as the contract suite's Prism reads it) and refused with a
    400 where Prism would refuse it; operations the fake models change its state as Mailgun would; the others
    answer the spec's example.
    """

    def __init__(
        self,
        *,
        api_key: str | None = None,
        domain: str = "mg.example.com",
        signing_key: str | None = None,
        real_sleep: bool = False,
    ) -> None:
        require_validator()
        self.api_key = api_key or f"key-fake-{secrets.token_hex(12)}"
        self.signing_key = signing_key or secrets.token_hex(16)
        self.account_id = secrets.token_hex(12)
        self.default_domain = domain
        self.outbox = Outbox()
        self.events: list[dict[str, Any]] = []
        self.requests: list[tuple[str, str, int]] = []  # (method, path, status) of every answered request
        self.sleeps: list[float] = []  # the waits retries asked for (not slept unless real_sleep)
        self.real_sleep = real_sleep
        self._keys = {self.api_key}
        self._domains: dict[str, DomainState] = {}
        self._faults: list[_Fault] = []
        self._rate_limit: dict[str, int] | None = None
        self._lists: dict[str, dict[str, Any]] = {}  # mailing lists by address, with their members
        self._routes: dict[str, dict[str, Any]] = {}
        self._pages: dict[str, tuple[list[dict[str, Any]], int, int]] = {}
        self._webhook_cursor = 0
        self._lock = threading.RLock()
        self._contract: Contract = load_contract()
        self.add_domain(domain)

    def __repr__(self) -> str:
        return f"FakeMailgun(domains={sorted(self._domains)!r}, outbox={len(self.outbox)} messages)"

    # ------------------------------------------------------------------------------------------ set up
    def add_domain(self, name: str, *, state: str = "active", **fields: Any) -> DomainState:
        """A domain the account owns (``mg.example.com`` exists from the start)."""
        domain = DomainState(name=name, state=state, fields=dict(fields))
        self._domains[name] = domain
        return domain

    def domain(self, name: str | None = None) -> DomainState:
        """The state of a domain (suppressions, webhooks, templates ...), to inspect in a test."""
        return self._domains[name or self.default_domain]

    def fail_next(
        self,
        status: int | None = None,
        *,
        retry_after: float | None = None,
        error: type[Exception] | None = None,
        route: str | None = None,
        times: int = 1,
        applied: bool = False,
        body: Any = None,
    ) -> None:
        """Answer the next ``times`` matching requests with ``status`` (and ``Retry-After``), or raise ``error``
        (an httpx exception class such as ``httpx.ReadTimeout``) instead of answering.

        ``route`` limits it to some requests: ``"POST /v3/*/messages"``, a path, or a spec path template
        (``"/v3/{domain_name}/messages"``). With ``applied=True`` the request takes effect before the failure
        (Mailgun queued the message, but the answer was lost): the ambiguous case retries must not repeat.
        """
        if (status is None) == (error is None):
            raise ValueError("give a status or an error")
        with self._lock:
            self._faults.append(_Fault(status, retry_after, error, route, times, applied, body))

    def set_rate_limit(self, limit: int, *, remaining: int | None = None, reset: int = 60) -> None:
        """Send ``X-RateLimit-Limit/Remaining/Reset`` on every answer; at 0 remaining, answer 429 like Mailgun."""
        self._rate_limit = {"limit": limit, "remaining": limit if remaining is None else remaining, "reset": reset}

    def clear(self) -> None:
        """Forget sent messages, events and requests (domains and their settings stay)."""
        with self._lock:
            self.outbox.clear()
            self.events.clear()
            self.requests.clear()
            self._webhook_cursor = 0

    # ---------------------------------------------------------------------------------------- clients
    def transport(self) -> httpx.BaseTransport:
        return _SyncTransport(self)

    def async_transport(self) -> httpx.AsyncBaseTransport:
        return _AsyncTransport(self)

    def client(self, **options: Any) -> Mailgun:
        """A ``Mailgun`` client wired to the fake (options as for ``Mailgun``; the key defaults to the fake's)."""
        from mailgun import Mailgun

        options.setdefault("api_key", self.api_key)
        if "region" not in options:
            options.setdefault("base_url", "https://api.mailgun.net")  # not MAILGUN_BASE_URL: the fake answers any host
        options.setdefault("http_client", httpx.Client(transport=self.transport()))
        client = Mailgun(**options)
        self._wire(client, owns_http="http_client" not in options)
        return client

    def async_client(self, **options: Any) -> AsyncMailgun:
        from mailgun import AsyncMailgun

        options.setdefault("api_key", self.api_key)
        if "region" not in options:
            options.setdefault("base_url", "https://api.mailgun.net")  # not MAILGUN_BASE_URL: the fake answers any host
        options.setdefault("http_client", httpx.AsyncClient(transport=self.async_transport()))
        client = AsyncMailgun(**options)
        self._wire(client, owns_http=True)
        return client

    def _wire(self, client: Any, *, owns_http: bool) -> None:
        transport = client._transport
        transport.owns_http = owns_http
        if not self.real_sleep:
            transport.sleep = self._async_sleep if hasattr(transport.http, "aclose") else self._sleep

    def _sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)

    async def _async_sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)

    @contextlib.contextmanager
    def patch(self) -> Iterator[FakeMailgun]:
        """Route every ``Mailgun()``/``AsyncMailgun()`` built inside the block to the fake, whatever its options.

        The key in ``MAILGUN_API_KEY`` is this account's key while the block runs (set to ``fake.api_key`` if
        the variable is unset); a client given any other key gets Mailgun's 401.
        """
        from mailgun import AsyncMailgun, Mailgun

        fake = self
        originals = (Mailgun.__init__, AsyncMailgun.__init__)
        saved_env = os.environ.get("MAILGUN_API_KEY")
        if not saved_env:
            os.environ["MAILGUN_API_KEY"] = self.api_key
        self._keys.add(os.environ["MAILGUN_API_KEY"])

        def trust_environment(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
            # The account's key is the one the environment configures, even if a test set it after patch() began.
            key = kwargs.get("api_key", args[0] if args else None)
            env_key = os.environ.get("MAILGUN_API_KEY")
            if env_key and key in (None, env_key):
                fake._keys.add(env_key)

        def sync_init(client: Mailgun, *args: Any, **kwargs: Any) -> None:
            trust_environment(args, kwargs)
            kwargs["http_client"] = httpx.Client(transport=fake.transport())
            originals[0](client, *args, **kwargs)
            fake._wire(client, owns_http=True)

        def async_init(client: AsyncMailgun, *args: Any, **kwargs: Any) -> None:
            trust_environment(args, kwargs)
            kwargs["http_client"] = httpx.AsyncClient(transport=fake.async_transport())
            originals[1](client, *args, **kwargs)
            fake._wire(client, owns_http=True)

        Mailgun.__init__ = sync_init  # type: ignore[method-assign,assignment]
        AsyncMailgun.__init__ = async_init  # type: ignore[method-assign,assignment]
        try:
            yield self
        finally:
            Mailgun.__init__, AsyncMailgun.__init__ = originals  # type: ignore[method-assign]
            if not saved_env:
                os.environ.pop("MAILGUN_API_KEY", None)

    # --------------------------------------------------------------------------------------- webhooks
    def webhook_payload(self, event: str | dict[str, Any] = "delivered", **fields: Any) -> bytes:
        """One signed webhook body (JSON, as Mailgun posts it) for an event: an event name (with ``fields``
        overriding the event-data, e.g. ``recipient=``) or a whole event-data dict."""
        from ._webhooks import payload, sample_event

        data = sample_event(self, event, fields) if isinstance(event, str) else {**event, **fields}
        return payload(data, self.signing_key)

    def deliver_webhooks(self, target: Target, *, kind: str | None = None) -> list[WebhookDelivery]:
        """Post every event since the last call for which the domain has a webhook to ``target`` (a WSGI app,
        an ASGI app, or a callable ``(body, content_type) -> status``; ``kind="wsgi"``/``"asgi"``/``"callable"``
        when its signature does not tell); returns what it answered, in order."""
        from ._webhooks import deliver

        if kind not in (None, "wsgi", "asgi", "callable"):  # before the events are taken
            raise ValueError(f"kind must be 'wsgi', 'asgi' or 'callable', got {kind!r}")
        with self._lock:
            events = self.events[self._webhook_cursor :]
            self._webhook_cursor = len(self.events)
        return deliver(self, events, target, kind)

    # ------------------------------------------------------------------------------------- the server
    def handle(self, request: httpx.Request) -> httpx.Response:
        """Answer one request (the transports call this with the body read)."""
        with self._lock:
            status, body, headers = self._answer(request)
            self.requests.append((request.method, request.url.path, status))
        headers = {**headers, **self._rate_headers()}
        if isinstance(body, bytes):
            return httpx.Response(status, headers=headers, content=body)
        return httpx.Response(status, headers=headers, json=body)

    def _answer(self, request: httpx.Request) -> tuple[int, Any, dict[str, str]]:
        method, path = request.method.upper(), request.url.path
        op, path_params, path_known = self._contract.match(method, path)
        fault = self._take_fault(method, path, op.path if op else None)
        if fault is not None and not fault.applied:
            return self._fault_answer(fault, request)
        if not self._authorized(request):
            return (
                401,
                b"Forbidden",
                {"Content-Type": "text/plain; charset=utf-8", "WWW-Authenticate": 'Basic realm="MG API"'},
            )
        limited = self._rate_limited()
        if limited is not None:
            return limited
        answer = self._dispatch(request, method, path, op, path_params, path_known)
        if fault is not None:
            return self._fault_answer(fault, request)
        return answer

    def _dispatch(
        self,
        request: httpx.Request,
        method: str,
        path: str,
        op: Operation | None,
        path_params: dict[str, str],
        path_known: bool,
    ) -> tuple[int, Any, dict[str, str]]:
        query = parse_qs(
            request.url.query.decode("latin-1") if isinstance(request.url.query, bytes) else request.url.query,
            keep_blank_values=True,
        )
        body = parse_body(request.headers.get("content-type"), request.content)
        base_url = f"{request.url.scheme}://{request.url.netloc.decode('ascii')}"
        if op is None:
            token_page = self._events_token_route(method, path)
            if token_page is not None:
                events_domain = self._domains.get(token_page[0])
                if events_domain is None:
                    return 404, {"message": "Domain not found"}, {}
                req = Request(method, path, {}, query, body, events_domain, base_url)
                status, answer = events_page_by_token(self, req, token_page[1])
                return status, answer, {}
            if path_known:
                return 405, {"message": "Method Not Allowed"}, {}
            return 404, b"404 page not found\n", {"Content-Type": "text/plain; charset=utf-8"}
        if op.key in ("POST /v3/{domain_name}/messages", "POST /v3/{domain_name}/messages.mime"):
            problem = send_problem(body, mime=op.path.endswith(".mime"))
            if problem is not None:
                return 400, {"message": problem}, {}
        problems = self._contract.request_problems(
            op,
            path_params=path_params,
            query=query,
            headers=request.headers,
            content_type=request.headers.get("content-type"),
            json_body=body.json,
            form=body.form,
            has_body=bool(request.content),
        )
        if body.json_error is not None:
            problems.insert(0, f"body is not JSON: {body.json_error}")
        if problems:
            return 400, {"message": "Invalid request: " + "; ".join(problems)}, {}
        # After the contract check: a request Prism would refuse is refused whatever domain it names.
        domain_name: str | None = next((path_params[p] for p in _DOMAIN_PARAMS if p in path_params), None)
        if domain_name is None and "name" in path_params and path.startswith(("/v3/domains/", "/v4/domains/")):
            domain_name = path_params["name"]
        domain = None
        if domain_name is not None:
            domain = self._domains.get(domain_name)
            if domain is None:
                return 404, {"message": "Domain not found"}, {}
        handler = HANDLERS.get(op.key)
        if handler is None:
            status, answer, media = self._contract.example(op)
            if answer is None:
                return status, b"", {}
            return status, copy.deepcopy(answer), {"Content-Type": media or "application/json"}
        status, answer = handler(self, Request(method, path, path_params, query, body, domain, base_url))
        problems = self._contract.response_problems(op, status, answer)
        if problems:
            raise FakeContractError(f"the fake's answer to {op.key} ({status}) breaks the spec: {problems}")
        return status, answer, {}

    # --------------------------------------------------------------------------------------- internals
    def _authorized(self, request: httpx.Request) -> bool:
        header = request.headers.get("authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "basic":
            return False
        try:
            user, _, key = base64.b64decode(token).decode().partition(":")
        except (ValueError, UnicodeDecodeError):
            return False
        return user == "api" and key in self._keys

    def _take_fault(self, method: str, path: str, template: str | None) -> _Fault | None:
        for fault in self._faults:
            if fault.matches(method, path, template):
                fault.times -= 1
                if fault.times <= 0:
                    self._faults.remove(fault)
                return fault
        return None

    def _fault_answer(self, fault: _Fault, request: httpx.Request) -> tuple[int, Any, dict[str, str]]:
        if fault.error is not None:
            raise fault.error("fault injected by FakeMailgun.fail_next", request=request)  # type: ignore[call-arg]
        assert fault.status is not None
        headers: dict[str, str] = {}
        if fault.retry_after is not None:
            headers["Retry-After"] = f"{fault.retry_after:g}"
        body = fault.body
        if body is None:
            body = {"message": _FAULT_MESSAGES.get(fault.status, "fault injected by FakeMailgun.fail_next")}
        return fault.status, body, headers

    def _rate_limited(self) -> tuple[int, Any, dict[str, str]] | None:
        limit = self._rate_limit
        if limit is None:
            return None
        if limit["remaining"] <= 0:
            return 429, {"message": "Too many requests"}, {"Retry-After": str(limit["reset"])}
        limit["remaining"] -= 1
        return None

    def _rate_headers(self) -> dict[str, str]:
        limit = self._rate_limit
        if limit is None:
            return {}
        reset = int(time.time()) + limit["reset"]
        return {
            "X-RateLimit-Limit": str(limit["limit"]),
            "X-RateLimit-Remaining": str(limit["remaining"]),
            "X-RateLimit-Reset": str(reset),
        }

    def _example(self, key: str) -> Any:
        method, path = key.split(" ", 1)
        op = next(o for o in self._contract.operations if o.method == method and o.path == path)
        return copy.deepcopy(self._contract.example(op)[1])

    def _id_of(self, name: str) -> str:
        return hashlib.sha256(name.encode()).hexdigest()[:24]

    def _events_token_route(self, method: str, path: str) -> tuple[str, str] | None:
        parts = path.strip("/").split("/")
        if method == "GET" and len(parts) == 4 and parts[0] == "v3" and parts[2] == "events":
            return parts[1], parts[3]
        return None

    def _events_page(
        self, request: Request, domain: str, chosen: list[dict[str, Any]], offset: int, limit: int
    ) -> dict[str, Any]:
        page = chosen[offset : offset + limit]
        token, first = self._page_token(chosen, offset + len(page), limit), self._page_token(chosen, 0, limit)
        base = f"{request.base_url}/v3/{domain}/events"
        return {
            "items": [v3_item(e) for e in page],
            "paging": {
                "next": f"{base}/{token}",
                "previous": f"{base}/{first}",
                "first": f"{base}/{first}",
                "last": f"{base}/{token}",
            },
        }

    def _page_token(self, chosen: list[dict[str, Any]], offset: int, limit: int) -> str:
        """A v3 paging URL's token: the events a listing chose, and where its next page starts (the latest
        _MAX_PAGES are kept, so memory stays flat however long a test pages)."""
        token = secrets.token_urlsafe(24)
        self._pages[token] = (chosen, offset, limit)
        while len(self._pages) > _MAX_PAGES:
            del self._pages[next(iter(self._pages))]
        return token

    def _accept(self, message: SentMessage) -> None:
        """A message Mailgun took: the outbox, then `accepted` and `delivered`/`failed` per recipient."""
        self.outbox.append(message)
        domain = self._domains[message.domain]
        seen = _events.go_time(time.time())
        for tag in message.tags:
            entry = domain.tags.setdefault(tag, {"tag": tag, "description": "", "first-seen": seen})
            entry["last-seen"] = seen
        key = secrets.token_urlsafe(24)
        info = {
            "id": message.id,
            "tags": message.tags,
            "variables": message.variables,
            "test_mode": message.test_mode,
            "sender": bare(message.from_ or "") or f"postmaster@{message.domain}",
            "from": message.from_ or "",
            "subject": message.subject or "",
            "to_header": ", ".join(message.to),
            "attachments": [
                {"filename": a.filename, "content-type": a.content_type, "size": len(a.content)}
                for a in message.attachments
            ],
            "size": stored_size(message),
            "storage": {"url": f"{_STORAGE_HOST}/v3/domains/{message.domain}/messages/{key}", "key": key},
        }
        now = time.time()
        for recipient in message.recipients:
            address = bare(recipient)
            self.events.append(
                new_event("accepted", domain=domain.name, recipient=address, message=info, timestamp=now)
            )
            suppression = suppressed_by(domain, address, message.tags)
            if suppression is None:
                status = delivery_status(250, "", "OK")
                status["mx-host"] = f"mx.{address.rpartition('@')[2]}"
                delivered = new_event(
                    "delivered", domain=domain.name, recipient=address, message=info, timestamp=now + 0.001
                )
                delivered["delivery-status"] = status
                self.events.append(delivered)
            else:
                reason, code, description = SUPPRESSED[suppression]
                failed = new_event("failed", domain=domain.name, recipient=address, message=info, timestamp=now + 0.001)
                failed.update(
                    severity="permanent", reason=reason, **{"delivery-status": delivery_status(code, description)}
                )
                self.events.append(failed)


_FAULT_MESSAGES = {
    429: "Too many requests: fault injected by FakeMailgun.fail_next",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}
