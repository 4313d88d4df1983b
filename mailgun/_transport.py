"""The one place that sends a request: auth, headers, timeouts, retries, logging, and error mapping.

The retry decisions live once in ``_Attempts`` (pure state, no I/O); ``SyncTransport`` and ``AsyncTransport``
only send and sleep, in the manner of httpx's ``_auth.py``. A 2xx response is returned; anything else raises a
``MailgunError`` subclass that says how many attempts were made.
"""

from __future__ import annotations

import base64
import logging
import random
import time
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any

import httpx

from ._errors import connection_error, status_error
from ._retry import FailureKind, RequestKind, RetryPolicy, classify_exception, retry_delay, should_retry

__all__ = ["AsyncTransport", "SyncTransport", "TransportConfig"]

log = logging.getLogger("mailgun")


class TransportConfig:
    """Per-client settings of the transport. The key lives only in the precomputed Authorization value."""

    __slots__ = ("_authorization", "_plain", "baked", "base_url", "headers", "region", "retry", "timeout")

    def __init__(
        self,
        *,
        api_key: str,
        base_url: str,
        region: str | None,
        timeout: httpx.Timeout,
        retry: RetryPolicy,
        headers: Mapping[str, str],
    ) -> None:
        token = base64.b64encode(f"api:{api_key}".encode()).decode()
        self._authorization = f"Basic {token}"
        self.base_url = base_url
        self.region = region
        self.timeout = timeout
        self.retry = retry
        self.headers = dict(headers)
        # What the httpx client already sends on every request (when the SDK created that client: see bake()).
        self.baked: Mapping[str, str] = {}
        self._plain = self._unbaked(self.headers)  # the headers of a request that adds none of its own

    def __repr__(self) -> str:
        return f"TransportConfig(base_url={self.base_url!r}, region={self.region!r})"

    def copy_with(
        self,
        *,
        timeout: httpx.Timeout | None = None,
        retry: RetryPolicy | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> TransportConfig:
        clone = object.__new__(TransportConfig)
        clone._authorization = self._authorization
        clone.base_url = self.base_url
        clone.region = self.region
        clone.timeout = timeout or self.timeout
        clone.retry = retry or self.retry
        clone.headers = {**self.headers, **(headers or {})}
        clone.baked = self.baked
        clone._plain = clone._unbaked(clone.headers)
        return clone

    def bake(self) -> dict[str, str]:
        """The headers for an httpx client the SDK creates: it sends them on every request, so requests carry
        only what differs (httpx merges per-request headers into its own at ~5 us a header)."""
        self.baked = {**self.headers, "Authorization": self._authorization}
        self._plain = self._unbaked(self.headers)
        return dict(self.baked)

    def request_headers(self, extra: Mapping[str, str] | None) -> dict[str, str] | None:
        """The headers this request needs beyond those the httpx client sends anyway (``baked``)."""
        if not extra:
            return dict(self._plain) if self._plain else None
        return self._unbaked({**self.headers, **extra})

    def _unbaked(self, headers: Mapping[str, str]) -> dict[str, str] | None:
        merged = {**headers, "Authorization": self._authorization}
        baked = self.baked
        if baked:
            merged = {k: v for k, v in merged.items() if baked.get(k) != v}
        return merged or None


@lru_cache(maxsize=256)
def _parsed_url(url: str) -> httpx.URL:
    return httpx.URL(url)


def build_request(
    http: httpx.Client | httpx.AsyncClient, config: TransportConfig, args: Mapping[str, Any]
) -> httpx.Request:
    """An httpx request from generated ``_get_kwargs`` output (plus facade overrides)."""
    url = args["url"]
    if not url.startswith(("http://", "https://")):
        url = config.base_url + url
    # httpx parses a URL string character by character (~35 us a request). The same URLs come back (a domain's
    # messages endpoint for every send), so parsed ones are kept; URLs with a query (next-page cursors, each
    # new) are not, which keeps the cache from churning and pagination's memory flat.
    return http.build_request(
        args["method"].upper(),
        _parsed_url(url) if "?" not in url else url,
        params=args.get("params"),
        json=args.get("json"),
        data=args.get("data"),
        files=args.get("files"),
        content=args.get("content"),
        headers=config.request_headers(args.get("headers")),
        timeout=config.timeout,
    )


class _Attempts:
    """The retry loop's decisions, shared by the sync and async drivers."""

    __slots__ = ("attempts", "config", "kind", "request", "started")

    def __init__(self, request: httpx.Request, kind: RequestKind, config: TransportConfig) -> None:
        self.request = request
        self.kind = kind
        self.config = config
        self.attempts = 0
        self.started = 0.0

    def begin(self) -> None:
        self.attempts += 1
        self.started = time.perf_counter()

    def after_response(self, response: httpx.Response) -> float | None:
        """None: done, return the response. A float: sleep that long and try again. Raises when final."""
        self._log(response.status_code)
        if response.is_success:
            return None
        policy = self.config.retry
        if should_retry(
            self.kind, FailureKind.STATUS, attempts_made=self.attempts, policy=policy, status=response.status_code
        ):
            delay = retry_delay(
                self.attempts, policy=policy, headers=response.headers, now=time.time(), random=random.random
            )
            if delay is not None:
                return delay
        raise status_error(response, attempts=self.attempts, region=self.config.region, now=time.time())

    def after_exception(self, exc: Exception) -> float:
        """How long to sleep before retrying; raises the mapped error when the failure is final."""
        failure = classify_exception(exc)
        self._log(type(exc).__name__)
        policy = self.config.retry
        if failure is not None and should_retry(self.kind, failure, attempts_made=self.attempts, policy=policy):
            delay = retry_delay(self.attempts, policy=policy, headers=None, now=time.time(), random=random.random)
            if delay is not None:
                return delay
        raise connection_error(exc, self.request, attempts=self.attempts) from exc

    def _log(self, outcome: object) -> None:
        if log.isEnabledFor(logging.DEBUG):
            elapsed = (time.perf_counter() - self.started) * 1000
            log.debug(
                "%s %s -> %s (attempt %d, %.1f ms)",
                self.request.method,
                self.request.url.path,
                outcome,
                self.attempts,
                elapsed,
            )


class SyncTransport:
    """Sends with the client's httpx.Client; sleeps with ``sleep`` (replaceable in tests: a fake clock)."""

    def __init__(self, http: httpx.Client, *, owns_http: bool, sleep: Callable[[float], None] = time.sleep) -> None:
        self.http = http
        self.owns_http = owns_http
        self.sleep = sleep

    def shared(self) -> SyncTransport:
        """The same connection pool and clock, not owned (a client copy must not close the original's pool)."""
        return SyncTransport(self.http, owns_http=False, sleep=self.sleep)

    def send(self, args: Mapping[str, Any], kind: RequestKind, config: TransportConfig) -> httpx.Response:
        request = build_request(self.http, config, args)
        attempts = _Attempts(request, kind, config)
        while True:
            attempts.begin()
            try:
                response = self.http.send(request)
            except httpx.RequestError as exc:
                self.sleep(attempts.after_exception(exc))
                continue
            delay = attempts.after_response(response)
            if delay is None:
                return response
            response.close()
            self.sleep(delay)

    def close(self) -> None:
        if self.owns_http:
            self.http.close()


class AsyncTransport:
    """The async twin of ``SyncTransport``: the same decisions, awaited I/O."""

    def __init__(
        self,
        http: httpx.AsyncClient,
        *,
        owns_http: bool,
        sleep: Callable[[float], Any] | None = None,
    ) -> None:
        if sleep is None:
            import asyncio  # here, not at module level: `import mailgun` stays off asyncio (~10 ms) for sync users

            sleep = asyncio.sleep
        self.http = http
        self.owns_http = owns_http
        self.sleep = sleep

    def shared(self) -> AsyncTransport:
        """The same connection pool and clock, not owned (a client copy must not close the original's pool)."""
        return AsyncTransport(self.http, owns_http=False, sleep=self.sleep)

    async def send(self, args: Mapping[str, Any], kind: RequestKind, config: TransportConfig) -> httpx.Response:
        request = build_request(self.http, config, args)
        attempts = _Attempts(request, kind, config)
        while True:
            attempts.begin()
            try:
                response = await self.http.send(request)
            except httpx.RequestError as exc:
                await self.sleep(attempts.after_exception(exc))
                continue
            delay = attempts.after_response(response)
            if delay is None:
                return response
            await response.aclose()
            await self.sleep(delay)

    async def close(self) -> None:
        if self.owns_http:
            await self.http.aclose()
