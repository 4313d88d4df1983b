"""A small stateful Mailgun for the CLI's own tests, in Mailgun's wire shapes (../shared/cassettes/real).

The commands are also run against the testing kit's FakeMailgun (test_cli_fake.py) and Prism
(tests/contract/test_cli_prism.py). This mock is for what those do not give: a real HTTP server on 127.0.0.1 for
the subprocess tests (``serve()``), and a handler that tests wrap to interrupt a listing at a chosen page, echo
the key back, or count the requests a resumed job makes (``transport()``, ``handle``).
"""

from __future__ import annotations

import base64
import json
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlencode

import httpx

API_KEY = "key-3ax6xnjp29jd6fds4gc373sgvjxteol0"  # the shape of a Mailgun private key; used only here
DOMAIN = "mg.example.com"
_LIST_PATH = re.compile(r"^/v3/([^/]+)/(bounces|unsubscribes|complaints|whitelists)(?:/([^/]+))?$")


@dataclass
class MockMailgun:
    base_url: str = "http://mailgun.test"
    api_key: str = API_KEY
    lists: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: {k: [] for k in _LISTS})
    events: list[dict[str, Any]] = field(default_factory=list)
    sent: list[dict[str, Any]] = field(default_factory=list)
    requests: list[httpx.Request] = field(default_factory=list)
    signing_key: str = "whsec-0123456789abcdef0123456789abcdef"

    def add_bounces(self, count: int) -> None:
        self.lists["bounces"].extend(
            {
                "address": f"user{i:05d}@example.org",
                "code": "550",
                "error": "5.1.1 mailbox does not exist",
                "created_at": "Thu, 26 Mar 2026 12:59:15 UTC",
            }
            for i in range(count)
        )

    # ------------------------------------------------------------------------------------------ dispatch
    def handle(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if request.headers.get("authorization") != "Basic " + base64.b64encode(f"api:{self.api_key}".encode()).decode():
            return httpx.Response(401, text="Forbidden")
        path, method = request.url.path, request.method
        match = _LIST_PATH.match(path)
        if match:
            return self._suppressions(request, match[1], match[2], match[3] and unquote(match[3]))
        if path == "/v4/domains" and method == "GET":
            return _json({"total_count": len(DOMAINS), "items": DOMAINS})
        if path.startswith("/v4/domains/"):
            return self._domain(path.split("/")[3], verify=path.endswith("/verify"))
        if path == "/v1/analytics/logs":
            return self._logs(json.loads(request.content))
        if path == "/v1/analytics/metrics":
            return _json(_metrics(json.loads(request.content)))
        if path.endswith(("/messages", "/messages.mime")):
            self.sent.append({"path": path, "body": request.content, "content_type": request.headers["content-type"]})
            return _json({"id": f"<20261206.{len(self.sent)}@{DOMAIN}>", "message": "Queued. Thank you."})
        if path == "/v5/accounts/http_signing_key":
            return _json({"message": "success", "http_signing_key": self.signing_key})
        if path == "/v3/routes":
            return _json({"total_count": 1, "items": [{"id": "r1", "expression": "match_recipient('.*')"}]})
        return _json({"message": f"mock: no route for {method} {path}"}, status=404)

    def _suppressions(self, request: httpx.Request, domain: str, table: str, address: str | None) -> httpx.Response:
        entries = self.lists[table]
        if request.method == "GET" and address is None:
            query = parse_qs(request.url.query.decode())
            limit = int(query.get("limit", ["100"])[0])
            after = query.get("address", [None])[0]
            start = 0 if after is None else next(i + 1 for i, e in enumerate(entries) if _key(e) == after)
            page = entries[start : start + limit]
            last = _key(page[-1]) if page else after or ""
            next_url = f"{self.base_url}/v3/{domain}/{table}?" + urlencode(
                {"page": "next", "address": last, "limit": limit}
            )
            return _json({"items": page, "paging": {"next": next_url, "first": f"{self.base_url}/v3/{domain}/{table}"}})
        if request.method == "POST":
            if request.headers["content-type"].startswith("application/json"):
                rows = json.loads(request.content)
            else:
                rows = [form_fields(request)]
            for row in rows:
                entries.append(_suppression(table, row))
            return _json({"message": f"{len(rows)} addresses have been added to the {table} table"})
        if request.method == "DELETE" and address is not None:
            before = len(entries)
            entries[:] = [e for e in entries if _key(e) != address]
            if len(entries) == before:
                return _json({"message": "Address not found in bounces table"}, status=404)
            return _json({"address": address, "message": "Bounced address has been removed"})
        if request.method == "DELETE":
            entries.clear()
            return _json({"message": "Bounced addresses for this domain have been removed"})
        return _json({"message": "mock: unsupported"}, status=405)

    def _domain(self, name: str, *, verify: bool) -> httpx.Response:
        domain = next((d for d in DOMAINS if d["name"] == name), None)
        if domain is None:
            return _json({"message": "Domain not found"}, status=404)
        body: dict[str, Any] = {"domain": domain, **_dns_records(name)}
        if verify:
            body["message"] = "Domain DNS records have been updated"
        return _json(body)

    def _logs(self, query: dict[str, Any]) -> httpx.Response:
        wanted = query.get("events")
        items = [e for e in self.events if not wanted or e["event"] in wanted]
        for predicate in (query.get("filter") or {}).get("AND", []):
            value = predicate["values"][0]["value"]
            field_of = {"recipient": lambda e: e.get("recipient"), "domain": lambda e: e["domain"]["name"]}
            items = [e for e in items if field_of[predicate["attribute"]](e) == value]
        token = (query.get("pagination") or {}).get("token")
        limit = (query.get("pagination") or {}).get("limit", 100)
        offset = int(token or 0)
        page = items[offset : offset + limit]
        more = offset + limit < len(items)
        return _json({"items": page, "pagination": {"next": str(offset + limit)} if more else {}, "aggregates": {}})


_LISTS = ("bounces", "unsubscribes", "complaints", "whitelists")
DOMAINS = [
    {
        "created_at": "Mon, 24 Feb 2025 22:44:03 GMT",
        "name": DOMAIN,
        "state": "active",
        "type": "custom",
        "spam_action": "tag",
        "id": "67bcf63306fcfd2fb4b7e056",
    },
    {
        "created_at": "Wed, 27 Nov 2024 11:44:11 GMT",
        "name": "new.example.com",
        "state": "unverified",
        "type": "custom",
        "spam_action": "disabled",
        "id": "6747060bb7a2b281f7ca1f6c",
    },
]


def _dns_records(name: str) -> dict[str, Any]:
    ok = name == DOMAIN
    return {
        "sending_dns_records": [
            {
                "record_type": "TXT",
                "name": name,
                "value": "v=spf1 include:mailgun.org ~all",
                "valid": "valid",
                "is_active": True,
                "cached": [],
            },
            {
                "record_type": "TXT",
                "name": f"smtp._domainkey.{name}",
                "value": "k=rsa; p=MIGf",
                "valid": "valid" if ok else "invalid",
                "is_active": True,
                "cached": [],
            },
        ],
        "receiving_dns_records": [
            {
                "record_type": "MX",
                "priority": "10",
                "value": "mxa.mailgun.org",
                "valid": "unknown",
                "is_active": True,
                "cached": [],
            },
        ],
    }


def _metrics(query: dict[str, Any]) -> dict[str, Any]:
    days = ["Mon, 30 Nov 2026 00:00:00 +0000", "Tue, 01 Dec 2026 00:00:00 +0000", "Wed, 02 Dec 2026 00:00:00 +0000"]
    values = {"delivered_rate": ["0.9731", "0.9512", "0.9900"], "accepted_count": [120, 98, 143]}
    items = [
        {
            "dimensions": [{"dimension": "time", "value": day, "display_value": day}],
            "metrics": {m: values.get(m, [0, 0, 0])[i] for m in query["metrics"]},
        }
        for i, day in reversed(list(enumerate(days)))  # not in time order: the CLI sorts
    ]
    return {
        "start": days[0],
        "end": days[-1],
        "resolution": query.get("resolution"),
        "dimensions": ["time"],
        "items": items,
        "pagination": {"skip": 0, "limit": 1500, "total": 3},
        "aggregates": {},
    }


def log_event(
    n: int, *, event: str = "delivered", recipient: str = "ann@example.org", second: int = 0
) -> dict[str, Any]:
    return {
        "id": f"event-{n}",
        "event": event,
        "@timestamp": f"2026-12-06T10:{n % 60:02d}:{second:02d}.000Z",
        "recipient": recipient,
        "domain": {"name": DOMAIN},
        "message": {"headers": {"subject": "Your invoice", "message-id": f"{n}@{DOMAIN}"}},
        "delivery-status": {"code": 250, "message": "OK"}
        if event == "delivered"
        else {"code": 550, "message": "no such user"},
    }


def _key(entry: dict[str, Any]) -> str:
    return str(entry.get("address") or entry.get("value"))


def form_fields(request: httpx.Request) -> dict[str, str]:
    content_type = request.headers["content-type"]
    if content_type.startswith("application/x-www-form-urlencoded"):
        return {k: v[0] for k, v in parse_qs(request.content.decode()).items()}
    boundary = content_type.split("boundary=")[1].encode()
    fields = {}
    for part in request.content.split(b"--" + boundary):
        head, _, value = part.partition(b"\r\n\r\n")
        name = re.search(rb'name="([^"]+)"', head)
        if name:
            fields[name[1].decode()] = value.rstrip(b"\r\n").decode()
    return fields


def _suppression(table: str, row: dict[str, Any]) -> dict[str, Any]:
    if table == "whitelists":
        value = row.get("address") or row.get("domain")
        return {
            "value": value,
            "type": "address" if row.get("address") else "domain",
            "reason": row.get("reason", ""),
            "createdAt": "Thu, 26 Mar 2026 12:59:15 UTC",
        }
    return {"created_at": "Thu, 26 Mar 2026 12:59:15 UTC", **row}


def _json(data: Any, status: int = 200) -> httpx.Response:
    return httpx.Response(status, json=data)


# ------------------------------------------------------------------------------------------------ serving
def transport(mock: MockMailgun) -> httpx.MockTransport:
    return httpx.MockTransport(mock.handle)


@contextmanager
def serve(mock: MockMailgun) -> Iterator[str]:
    """The mock on 127.0.0.1 (a free port) for subprocesses; yields its base URL; stopped on exit."""

    class Handler(BaseHTTPRequestHandler):
        def _any(self) -> None:
            length = int(self.headers.get("content-length") or 0)
            request = httpx.Request(
                self.command,
                mock.base_url + self.path,
                headers=dict(self.headers.items()),
                content=self.rfile.read(length),
            )
            response = mock.handle(request)
            self.send_response(response.status_code)
            for name in ("content-type",):
                if name in response.headers:
                    self.send_header(name, response.headers[name])
            self.send_header("content-length", str(len(response.content)))
            self.end_headers()
            self.wfile.write(response.content)

        do_GET = do_POST = do_PUT = do_DELETE = _any

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    mock.base_url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield mock.base_url
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
