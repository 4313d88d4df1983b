"""One measurement of ``scripts/bench.py``, in a fresh interpreter; prints one JSON object on stdout.

    python scripts/_bench_child.py SCENARIO VARIANT --port N [--n N] [--concurrency N] [--items N] [--memory]

SCENARIO is construct, send, async_send, paginate or capacity; VARIANT is ``mailgun`` (the SDK) or the
hand-written httpx code doing the same requests (``httpx``, ``httpx_aiohttp``, ``httpx_pool``, ``aiohttp``).

With ``--turns``, send, async_send and paginate set up and warm up, print one JSON line (``{"ready": ...}``),
then run one timed block (``--n`` sends, or one iteration over ``--items``) for each ``run`` line read on
standard input, printing one JSON line per block, until standard input closes. ``scripts/bench.py`` keeps the
SDK and the raw variant alive side by side and alternates their blocks, so that the machine's drift over
seconds falls on both alike.
Each variant imports only what it uses. The raw variants are what a careful user would write by hand: one
client, HTTP basic auth, ``raise_for_status()`` and ``json()`` on every answer.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import gc
import json
import os
import resource
import ssl
import statistics
import sys
import time
import tracemalloc
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

API_KEY = "key-0123456789abcdef0123456789abcdef"
DOMAIN = "sandbox.example.com"
ECHO_DOMAIN = "echo.example.com"  # the fake server answers with the multipart fields it received
FROM = "Bench <bench@sandbox.example.com>"
TO = "recipient@example.net"
SUBJECT = "Benchmark message"
TEXT = "Hello from the benchmark.\nThis is the plain text body of a small message.\n"
# The fields of the message above: what hand-written code posts as a form (`data=`), urlencoded, as Mailgun's
# SDKs do; the echo request checks that the SDK sends the same.
FIELDS = {"from": FROM, "to": TO, "subject": SUBJECT, "text": TEXT}
# The same fields as multipart parts, as the SDK sends them next to a file (information: multipart vs multipart).
PARTS: list[tuple[str, tuple[None, bytes, str]]] = [
    (name, (None, value.encode(), "text/plain")) for name, value in FIELDS.items()
]
# One attachment of 100 KB (bytes that do not compress or repeat, as a PDF or an image).
ATTACHMENT = ("report.bin", bytes((i * 7919 + i // 256) % 256 for i in range(100 * 1024)), "application/octet-stream")
WARMUP_SENDS = 50


def _ssl_context() -> ssl.SSLContext:
    import certifi

    return ssl.create_default_context(cafile=certifi.where())


def _rss_kib() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux


def _emit(result: dict[str, Any]) -> None:
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")
    sys.stdout.flush()


def _take_turns(ready: dict[str, Any], block: Callable[[], dict[str, Any]]) -> None:
    """``--turns``: one timed block per ``run`` line on standard input, until it closes."""
    _emit({"ready": True, **ready})
    for line in sys.stdin:
        if line.strip() != "run":
            break
        _emit(block())


def _timed(work: Callable[[], object]) -> dict[str, Any]:
    gc.collect()
    cpu_started = time.process_time()
    started = time.perf_counter()
    work()
    return {"seconds": time.perf_counter() - started, "cpu_seconds": time.process_time() - cpu_started}


# ----------------------------------------------------------------------------------------------- construction
def construct(variant: str, n: int) -> dict[str, Any]:
    """Median time of one client construction, after a first one (which loads the CA bundle)."""
    make: Callable[[], Any]
    if variant == "mailgun":
        import mailgun

        mailgun.Mailgun(API_KEY).close()

        def make() -> Any:
            return mailgun.Mailgun(API_KEY)

    elif variant == "httpx":
        import httpx

        context = _ssl_context()
        httpx.Client(verify=context).close()

        def make() -> Any:
            return httpx.Client(verify=context)

    elif variant == "official":
        from mailgun.client import Client  # type: ignore[import-not-found,unused-ignore]

        Client(auth=("api", API_KEY)).close()

        def make() -> Any:
            return Client(auth=("api", API_KEY))

    else:
        raise SystemExit(f"unknown variant {variant}")
    clients: list[Any] = []
    times: list[float] = []
    for _ in range(n):
        started = time.perf_counter()
        client = make()
        times.append(time.perf_counter() - started)
        clients.append(client)
    for client in clients:
        client.close()
    return {"per_op_s": statistics.median(times), "mean_s": statistics.fmean(times), "n": n}


# ------------------------------------------------------------------------------------------------- sync sends
def _sender(variant: str, base_url: str, with_file: bool) -> tuple[Callable[[str], str], Callable[[], None]]:
    """One send of the bench message (with ``ATTACHMENT`` when ``with_file``) -> the answer's ``message``."""
    if variant == "mailgun":
        import mailgun

        client = mailgun.Mailgun(API_KEY, base_url=base_url)
        attachments = [ATTACHMENT] if with_file else None

        def one(domain: str) -> str:
            result = client.messages.send(
                domain, from_=FROM, to=TO, subject=SUBJECT, text=TEXT, attachments=attachments
            )
            return str(result.message)

        return one, client.close
    if variant in ("httpx", "httpx_multipart"):
        import httpx

        http = httpx.Client(verify=_ssl_context(), auth=("api", API_KEY))
        # httpx: a form (`data=`), urlencoded; with the file, `data=` + `files=` (multipart).
        # httpx_multipart (information): every field a multipart part, as the SDK sent them before.
        form: dict[str, Any] = {"files": PARTS} if variant == "httpx_multipart" else {"data": FIELDS}
        if with_file:
            form = {"data": FIELDS, "files": {"attachment": ATTACHMENT}}

        def one(domain: str) -> str:
            response = http.post(f"{base_url}/v3/{domain}/messages", **form)
            response.raise_for_status()
            return str(response.json()["message"])

        return one, http.close
    if variant == "official":  # the official `mailgun` package (requests), run by its own interpreter
        from mailgun.client import Client  # type: ignore[import-not-found,unused-ignore]

        official = Client(auth=("api", API_KEY), api_url=base_url)
        files = [("attachment", ATTACHMENT)] if with_file else None

        def one(domain: str) -> str:
            response = official.messages.create(data=FIELDS, files=files, domain=domain)
            response.raise_for_status()
            return str(response.json()["message"])

        return one, lambda: None
    raise SystemExit(f"unknown variant {variant}")


def send(variant: str, base_url: str, n: int, turns: bool = False, with_file: bool = False) -> dict[str, Any]:
    """``n`` sequential sends after ``WARMUP_SENDS``; the first warm-up send goes to the echo domain."""
    one, close = _sender(variant, base_url, with_file)

    def sends() -> None:
        for _ in range(n):
            one(DOMAIN)

    try:
        echo = json.loads(one(ECHO_DOMAIN))
        for _ in range(WARMUP_SENDS - 1):
            one(DOMAIN)
        if turns:
            _take_turns({"echo": echo}, lambda: {**_timed(sends), "n": n})
            return {}
        timed = _timed(sends)
    finally:
        close()
    seconds, cpu = timed["seconds"], timed["cpu_seconds"]
    return {"seconds": seconds, "per_op_s": seconds / n, "cpu_per_op_s": cpu / n, "n": n, "echo": echo}


# ------------------------------------------------------------------------------------------------- first call
def first_call(variant: str, base_url: str) -> dict[str, Any]:
    """A fresh process's first request: import, client, the first page of ``domains.list()``, its first name."""
    started = time.perf_counter()
    if variant == "mailgun":
        import mailgun

        with mailgun.Mailgun(API_KEY, base_url=base_url) as client:
            name = next(iter(client.domains.list())).name
    elif variant == "httpx":
        import httpx

        with httpx.Client(verify=_ssl_context(), auth=("api", API_KEY)) as http:
            response = http.get(f"{base_url}/v4/domains")
            response.raise_for_status()
            name = response.json()["items"][0]["name"]
    elif variant == "official":
        from mailgun.client import Client  # type: ignore[import-not-found,unused-ignore]

        response = Client(auth=("api", API_KEY), api_url=base_url).domainlist.get()
        response.raise_for_status()
        name = response.json()["items"][0]["name"]
    else:
        raise SystemExit(f"unknown variant {variant}")
    seconds = time.perf_counter() - started
    if name != "d0.example.com":
        raise SystemExit(f"{variant}: first domain {name!r}")
    return {"seconds": seconds}


# ------------------------------------------------------------------------------------------------ async sends
async def _drive(one: Callable[[], Awaitable[object]], n: int, concurrency: int) -> float:
    """Seconds to run ``one`` ``n`` times, ``concurrency`` at a time (workers pulling from one counter)."""
    remaining: Iterator[int] = iter(range(n))

    async def worker() -> None:
        for _ in remaining:
            await one()

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return time.perf_counter() - started


async def async_send(variant: str, base_url: str, n: int, concurrency: int, turns: bool = False) -> dict[str, Any]:
    aclose: Callable[[], Awaitable[None]]
    if variant == "mailgun":
        import mailgun

        client = mailgun.AsyncMailgun(API_KEY, base_url=base_url)

        async def one() -> object:
            return await client.messages.send(DOMAIN, from_=FROM, to=TO, subject=SUBJECT, text=TEXT)

        aclose = client.close
    elif variant in ("httpx_aiohttp", "httpx_pool"):
        import httpx

        if variant == "httpx_aiohttp":
            from httpx_aiohttp import AiohttpTransport

            http = httpx.AsyncClient(transport=AiohttpTransport(verify=_ssl_context()), auth=("api", API_KEY))
        else:
            http = httpx.AsyncClient(verify=_ssl_context(), auth=("api", API_KEY))
        url = f"{base_url}/v3/{DOMAIN}/messages"

        async def one() -> object:
            response = await http.post(url, data=FIELDS)
            response.raise_for_status()
            return response.json()

        aclose = http.aclose
    else:
        raise SystemExit(f"unknown variant {variant}")
    try:
        await _drive(one, 2 * concurrency, concurrency)  # opens the connections
        if turns:
            loop = asyncio.get_running_loop()
            _emit({"ready": True})
            while (await loop.run_in_executor(None, sys.stdin.readline)).strip() == "run":
                gc.collect()
                _emit({"seconds": await _drive(one, n, concurrency), "n": n})
            return {}
        gc.collect()
        elapsed = await _drive(one, n, concurrency)
    finally:
        await aclose()
    return {"seconds": elapsed, "per_s": n / elapsed, "n": n, "concurrency": concurrency}


async def capacity(base_url: str, n: int, concurrency: int) -> dict[str, Any]:
    """The fake server's throughput for the same send, from a plain aiohttp client (the cheapest client)."""
    import aiohttp

    url = f"{base_url}/v3/{DOMAIN}/messages"
    headers = {"Authorization": "Basic " + base64.b64encode(f"api:{API_KEY}".encode()).decode()}
    connector = aiohttp.TCPConnector(limit=concurrency)
    async with aiohttp.ClientSession(connector=connector, headers=headers) as session:

        async def one() -> object:
            async with session.post(url, data=FIELDS) as response:
                response.raise_for_status()
                return await response.read()

        await _drive(one, 2 * concurrency, concurrency)
        elapsed = await _drive(one, n, concurrency)
    return {"seconds": elapsed, "per_s": n / elapsed, "n": n, "concurrency": concurrency}


# ------------------------------------------------------------------------------------------------- pagination
PAGE = 100


# Before a memory measurement, each variant walks this many bounces of CACHE_DOMAIN: bounded caches along the
# way (the stdlib's urlsplit cache, 128 entries fed by httpx's cookie handling with every `next` URL; re's
# pattern cache) fill with entries as large as any measured page's, so later pages replace entries instead of
# adding them, and the growth from 1,000 to 100,000 items shows what the loop itself keeps.
CACHE_DOMAIN = "n999999.example.com"  # its URLs are as long as those of n100000 (same digits)
CACHE_ITEMS = 15_000  # 150 pages: more `next` URLs than the caches hold


def _bounces_page_model() -> Callable[[dict[str, Any]], Any]:
    from mailgun_openapi.models.bounces_page import BouncesPage

    return BouncesPage.from_dict


def paginate(variant: str, base_url: str, items: int, memory: bool, turns: bool = False) -> dict[str, Any]:
    """Iterate every bounce of a domain holding ``items`` of them, ``PAGE`` per page, reading each one's address
    (what a loop over bounces is for; a model that deferred all of its work would otherwise look free).

    Timing runs report items/s and the growth of the peak RSS. ``memory`` runs trace allocations instead
    (tracemalloc slows everything down, so it is never on while timing): the peak as run, and the peak with
    one ``gc.collect()`` per page (what is reachable, whatever the cyclic collector's timing).
    """
    iterate: Callable[[str, bool, int | None], int]
    if variant == "mailgun":
        import mailgun

        client = mailgun.Mailgun(API_KEY, base_url=base_url)

        def iterate(domain: str, collect: bool, stop: int | None = None) -> int:
            count = 0
            for bounce in client.bounces.list(domain, limit=PAGE):
                count += bool(bounce.address)
                if count % PAGE == 0:
                    if collect:
                        gc.collect()
                    if count == stop:
                        break
            return count

        close: Callable[[], None] = client.close
    elif variant in ("httpx", "httpx_models"):
        import httpx

        http = httpx.Client(verify=_ssl_context(), auth=("api", API_KEY))
        # httpx_models: the same loop, reading each page into the generated models the SDK returns.
        from_dict = _bounces_page_model() if variant == "httpx_models" else None

        def iterate(domain: str, collect: bool, stop: int | None = None) -> int:
            count = 0
            url: str = f"{base_url}/v3/{domain}/bounces"
            params: dict[str, Any] | None = {"limit": PAGE}
            while True:
                response = http.get(url, params=params)
                response.raise_for_status()
                page = response.json()
                if not page["items"]:
                    return count
                if from_dict is None:
                    for bounce in page["items"]:
                        count += bool(bounce["address"])
                else:
                    for model in from_dict(page).items:
                        count += bool(model.address)
                if collect:
                    gc.collect()
                if count == stop:
                    return count
                url, params = page["paging"]["next"], None

        close = http.close
    else:
        raise SystemExit(f"unknown variant {variant}")
    domain = f"n{items}.example.com"
    result: dict[str, Any] = {"items": items}
    try:
        iterate("n300.example.com", False)  # warm-up: imports, connection, parsers
        if turns:
            # The fake server caches the pages it renders: whichever variant first walked the measured domain
            # would pay for rendering them all (~10% of a block). Every variant walks it once untimed.
            iterate(domain, False)
        gc.collect()
        if turns:
            rss_before = _rss_kib()

            def block() -> dict[str, Any]:
                counted: list[int] = []
                timed = _timed(lambda: counted.append(iterate(domain, False)))
                if counted != [items]:
                    raise SystemExit(f"{variant}: iterated {counted} items, expected {items}")
                return {**timed, "items": items, "rss_growth_kib": _rss_kib() - rss_before}

            _take_turns({}, block)
            return result
        if memory:
            for key, collect in (("peak_as_run", False), ("peak_bytes", True)):
                tracemalloc.start()  # before filling the caches: tracemalloc only counts frees of what it traced
                iterate(CACHE_DOMAIN, False, CACHE_ITEMS)
                gc.collect()
                baseline = tracemalloc.get_traced_memory()[0]
                tracemalloc.reset_peak()
                count = iterate(domain, collect)
                result[key] = tracemalloc.get_traced_memory()[1] - baseline
                tracemalloc.stop()
        else:
            rss_before = _rss_kib()
            started = time.perf_counter()
            count = iterate(domain, False)
            elapsed = time.perf_counter() - started
            result.update(seconds=elapsed, per_s=count / elapsed, rss_growth_kib=_rss_kib() - rss_before)
    finally:
        close()
    if not turns and count != items:
        raise SystemExit(f"{variant}: iterated {count} items, expected {items}")
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "scenario", choices=["construct", "send", "send_file", "first_call", "async_send", "paginate", "capacity"]
    )
    parser.add_argument("variant")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--memory", action="store_true")
    parser.add_argument("--turns", action="store_true", help="timed blocks on request (see the module's doc)")
    args = parser.parse_args()
    for name in ("MAILGUN_API_KEY", "MAILGUN_REGION", "MAILGUN_BASE_URL"):
        os.environ.pop(name, None)
    base_url = f"http://127.0.0.1:{args.port}"
    result: dict[str, Any]
    if args.scenario == "construct":
        result = construct(args.variant, args.n)
    elif args.scenario in ("send", "send_file"):
        result = send(args.variant, base_url, args.n, args.turns, with_file=args.scenario == "send_file")
    elif args.scenario == "first_call":
        result = first_call(args.variant, base_url)
    elif args.scenario == "async_send":
        result = asyncio.run(async_send(args.variant, base_url, args.n, args.concurrency, args.turns))
    elif args.scenario == "capacity":
        result = asyncio.run(capacity(base_url, args.n, args.concurrency))
    else:
        result = paginate(args.variant, base_url, args.items, args.memory, args.turns)
    if args.turns:
        return
    _emit(result)


if __name__ == "__main__":
    main()
