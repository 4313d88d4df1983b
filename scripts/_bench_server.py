"""The fake Mailgun API that ``scripts/bench.py`` measures against (run as its own process).

    python scripts/_bench_server.py     # prints "PORT <n>" once listening on 127.0.0.1, then serves

It stops on SIGTERM/SIGINT and also when its standard input closes, so it never outlives the bench (even one
killed with SIGKILL). Answers are cheap and cached so the server is never the bottleneck; the bench measures
its capacity and prints it.

Routes (every one requires an ``Authorization`` header, as Mailgun does):

- ``POST /v3/{domain}/messages``: reads the whole body, answers ``{"id", "message"}``, as Mailgun does.
- ``GET /v3/{domain}/bounces?limit=&page=next&address=``: ``paging.next`` URLs as Mailgun gives them. The
  domain's first label says how many bounces it has (``n10000.example.com``: 10,000). The last page is empty
  and still carries a ``next`` URL, as Mailgun's does. Timestamps differ from item to item, as in real lists.
- ``POST /v3/echo.example.com/messages``: answers with the form fields it received, multipart or urlencoded
  (as ``message``), so the bench can check that the SDK and the raw httpx code send the same request.
- ``GET /v4/domains``: one small page of domains (the "first call" of a fresh process).
"""

from __future__ import annotations

import asyncio
import contextlib
import email.utils
import hashlib
import json
import signal
import sys
import threading
from functools import lru_cache
from urllib.parse import parse_qsl

from aiohttp import BodyPartReader, web

ECHO_DOMAIN = "echo.example.com"
SEND_ANSWER = json.dumps({"id": "<20240101000000.1.ABCDEF@example.com>", "message": "Queued. Thank you."}).encode()
UNAUTHORIZED = b"Forbidden"
EPOCH = 1_700_000_000  # bounces are a minute apart: no two timestamps alike, as in real lists
BOUNCE_ERROR = "5.1.1 The email account that you tried to reach does not exist."


def _rfc2822(index: int) -> str:
    """Mailgun's timestamp format: ``Tue, 14 Nov 2023 22:13:20 UTC``."""
    return email.utils.formatdate(EPOCH + 60 * index, usegmt=True).replace("GMT", "UTC")


def _json(body: bytes) -> web.Response:
    return web.Response(body=body, content_type="application/json")


def _total_of(domain: str) -> int:
    label = domain.split(".", 1)[0]
    return int(label[1:]) if label[:1] == "n" and label[1:].isdigit() else 0


@lru_cache(maxsize=4096)
def _bounce_page(host: str, domain: str, start: int, limit: int) -> bytes:
    total = _total_of(domain)
    end = min(start + limit, total)
    items = [
        {"address": f"user{i}@{domain}", "code": "550", "error": BOUNCE_ERROR, "created_at": _rfc2822(i)}
        for i in range(start, end)
    ]
    base = f"http://{host}/v3/{domain}/bounces"
    last = f"user{end - 1}@{domain}" if end > start else f"user{start}@{domain}"
    paging = {
        "first": f"{base}?limit={limit}&page=first",
        "last": f"{base}?limit={limit}&page=last",
        "next": f"{base}?address={last}&limit={limit}&page=next",
        "previous": f"{base}?address=user{start}%40{domain}&limit={limit}&page=previous",
    }
    return json.dumps({"items": items, "paging": paging}).encode()


def _int(value: str | None, default: int) -> int:
    return int(value) if value is not None and value.isdigit() else default


async def send(request: web.Request) -> web.Response:
    if request.match_info["domain"] == ECHO_DOMAIN:
        return await echo(request)
    try:
        await request.read()
    except ConnectionResetError:  # the client went away mid-request (a bench stopped early)
        return web.Response(status=400)
    if "Authorization" not in request.headers:
        return web.Response(status=401, body=UNAUTHORIZED)
    return _json(SEND_ANSWER)


async def echo(request: web.Request) -> web.Response:
    """What the request carried, as the send's ``message``: the bench checks both clients send the same."""
    parts: list[list[str | None]] = []
    if request.content_type == "multipart/form-data":
        reader = await request.multipart()
        while (part := await reader.next()) is not None:
            assert isinstance(part, BodyPartReader)
            data = await part.read()
            # A file's bytes as their length and digest: the echo stays small, and binary content is not text.
            value = (
                data.decode()
                if part.filename is None
                else f"{len(data)} bytes, sha256 {hashlib.sha256(data).hexdigest()}"
            )
            parts.append([part.name, part.filename, part.headers.get("Content-Type"), value])
    elif request.content_type == "application/x-www-form-urlencoded":
        form = parse_qsl((await request.read()).decode(), keep_blank_values=True, strict_parsing=True)
        parts = [[name, None, None, value] for name, value in form]
    else:
        await request.read()
    seen = {
        "method": request.method,
        "path": request.path,
        "content_type": request.content_type,
        "authorization": request.headers.get("Authorization"),
        "parts": parts,
    }
    return _json(json.dumps({"id": "<echo@example.com>", "message": json.dumps(seen)}).encode())


async def bounces(request: web.Request) -> web.Response:
    if "Authorization" not in request.headers:
        return web.Response(status=401, body=UNAUTHORIZED)
    domain = request.match_info["domain"]
    query = request.rel_url.query
    limit = max(1, min(_int(query.get("limit"), 100), 1000))
    start = 0
    if query.get("page") == "next":
        address = query.get("address", "")
        local = address.split("@", 1)[0]
        start = _int(local[4:], -1) + 1 if local.startswith("user") else 0
    return _json(_bounce_page(request.host, domain, start, limit))


DOMAINS_PAGE = json.dumps(
    {
        "total_count": 3,
        "items": [
            {
                "name": f"d{i}.example.com",
                "state": "active",
                "type": "custom",
                "created_at": _rfc2822(i),
                "smtp_login": f"postmaster@d{i}.example.com",
                "spam_action": "disabled",
                "wildcard": False,
                "require_tls": False,
                "skip_verification": False,
                "is_disabled": False,
                "web_prefix": "email",
                "web_scheme": "https",
                "id": f"{i:024x}",
            }
            for i in range(3)
        ],
    }
).encode()


async def domains(request: web.Request) -> web.Response:
    if "Authorization" not in request.headers:
        return web.Response(status=401, body=UNAUTHORIZED)
    return _json(DOMAINS_PAGE)


def make_app() -> web.Application:
    app = web.Application(client_max_size=32 * 1024 * 1024)
    app.router.add_post("/v3/{domain}/messages", send)
    app.router.add_get("/v3/{domain}/bounces", bounces)
    app.router.add_get("/v4/domains", domains)
    return app


async def serve() -> None:
    runner = web.AppRunner(make_app(), access_log=None, handle_signals=False)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0, backlog=1024)
    await site.start()
    server = site._server
    assert isinstance(server, asyncio.base_events.Server)
    port = server.sockets[0].getsockname()[1]
    print(f"PORT {port}", flush=True)

    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    # Standard input closes when the bench exits, however it exits.
    threading.Thread(target=_watch_stdin, args=(loop, stop), daemon=True).start()
    try:
        await stop.wait()
    finally:
        await runner.cleanup()


def _watch_stdin(loop: asyncio.AbstractEventLoop, stop: asyncio.Event) -> None:
    with contextlib.suppress(OSError, ValueError):
        sys.stdin.buffer.read()
    with contextlib.suppress(RuntimeError):  # the loop already closed
        loop.call_soon_threadsafe(stop.set)


def main() -> None:
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve())


if __name__ == "__main__":
    main()
