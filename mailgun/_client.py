"""``Mailgun`` and ``AsyncMailgun``: the same surface, the same logic; only the I/O differs."""

from __future__ import annotations

import importlib
import re
from collections.abc import Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any, Generic, TypeVar
from urllib.parse import urlsplit

import httpx

from ._call import Call, PagedCall, decode_body
from ._config import (
    resolve_api_key,
    resolve_base_url,
    resolve_max_retries,
    resolve_timeout,
    shared_ssl_context,
    user_agent,
)
from ._exceptions import MissingFieldError, ValidationError
from ._pagination import AsyncPager, Cursor, Page, SyncPager
from ._response import RawResponse
from ._retry import RequestKind, RetryPolicy
from ._transport import AsyncTransport, SyncTransport, TransportConfig
from ._validation import has_line_break

if TYPE_CHECKING:
    from mailgun_openapi.api import AsyncApi, SyncApi
    from typing_extensions import Self

    # @coverage-b imports
    from .resources.account_management import Account, AsyncAccount
    from .resources.alerts import Alerts, AsyncAlerts
    from .resources.bounce_classification import AsyncBounceClassification, BounceClassification
    from .resources.credentials import AsyncCredentials, Credentials
    from .resources.custom_message_limit import AsyncMessageLimits, MessageLimits

    # @coverage-a imports
    from .resources.domain_keys import AsyncDomainKeys, DomainKeys
    from .resources.domains import AsyncDomains, Domains
    from .resources.dynamic_ip_pools import AsyncDynamicIpPools, DynamicIpPools
    from .resources.email_preview import AsyncEmailPreview, EmailPreview
    from .resources.events import AsyncEvents, Events
    from .resources.inbox_placement import AsyncInboxPlacement, InboxPlacement
    from .resources.ip_allowlist import AsyncIpAllowlist, IpAllowlist
    from .resources.ip_pools import AsyncIpPools, IpPools
    from .resources.ip_warmups import AsyncIpWarmups, IpWarmups
    from .resources.ips import AsyncIps, Ips
    from .resources.keys import ApiKeys, AsyncApiKeys
    from .resources.logs import AsyncLogs, Logs
    from .resources.mailing_lists import AsyncMailingLists, MailingLists

    # @sending imports
    from .resources.messages import AsyncMessages, Messages
    from .resources.metrics import AsyncMetrics, Metrics
    from .resources.routes import AsyncRoutes, Routes
    from .resources.stats import AsyncStats, Stats
    from .resources.subaccounts import AsyncSubaccounts, Subaccounts

    # @suppressions imports
    from .resources.suppressions import (
        Allowlist,
        AsyncAllowlist,
        AsyncBounces,
        AsyncComplaints,
        AsyncUnsubscribes,
        Bounces,
        Complaints,
        Unsubscribes,
    )
    from .resources.tags import AsyncTags, Tags
    from .resources.tags_v3 import AsyncTagsV3, TagsV3
    from .resources.templates import AsyncTemplates, Templates
    from .resources.tracking import AsyncTracking, Tracking
    from .resources.users import AsyncUsers, Users
    from .resources.validations import AsyncValidations, Validations
    from .resources.webhooks import AsyncWebhooks, Webhooks

__all__ = ["AsyncMailgun", "Mailgun"]

T = TypeVar("T")
R = TypeVar("R")
ON_BEHALF_OF = "X-Mailgun-On-Behalf-Of"
# POSTs that only read: retried like GETs.
_READ_POSTS = re.compile(r"^/v1/analytics/(logs|metrics|usage/metrics|tags)/?$|^/v2/bounce-classification/metrics/?$")
# Sends, and resends of a stored message (POST /v3/domains/{domain}/messages/{storage_key}).
_SENDS = re.compile(r"/messages(\.mime)?/?$|^/v3/domains/[^/]+/messages/[^/]+/?$")


def kind_for_request(method: str, path: str) -> RequestKind:
    """The retry class of an arbitrary request (for ``client.request``)."""
    method = method.upper()
    if method == "POST" and _SENDS.search(path):
        return RequestKind.SEND
    if method == "POST" and _READ_POSTS.match(path):
        return RequestKind.READ_POST
    if method in ("GET", "HEAD", "PUT", "DELETE", "OPTIONS"):
        return RequestKind.IDEMPOTENT
    return RequestKind.UNSAFE


class resource(Generic[R]):
    """A resource group, created on first access (its module is imported then, keeping `import mailgun` small)."""

    def __init__(self, module: str, name: str) -> None:
        self.module = module
        self.name = name

    def __set_name__(self, owner: type, attr: str) -> None:
        self.attr = attr

    def __get__(self, obj: Any, owner: type) -> R:
        cache = obj._resources
        found = cache.get(self.attr)
        if found is None:
            cls = getattr(importlib.import_module(f"mailgun.resources.{self.module}"), self.name)
            found = cache[self.attr] = cls(obj)
        return found  # type: ignore[no-any-return]


class _BaseClient:
    """Configuration and everything the sync and async clients do alike."""

    _config: TransportConfig
    _resources: dict[str, Any]
    _transport: SyncTransport | AsyncTransport

    def _configure(
        self,
        api_key: str | None,
        *,
        region: str | None,
        base_url: str | None,
        timeout: float | httpx.Timeout | None,
        max_retries: int,
        retry_sends_on_ambiguous: bool,
        on_behalf_of: str | None,
        default_headers: Mapping[str, str] | None,
    ) -> None:
        key = resolve_api_key(api_key)
        url, region_name = resolve_base_url(region, base_url)
        headers = {"User-Agent": user_agent(), "Accept": "application/json", **(default_headers or {})}
        if on_behalf_of is not None:
            headers[ON_BEHALF_OF] = _check_on_behalf_of(on_behalf_of)
        self._config = TransportConfig(
            api_key=key,
            base_url=url,
            region=region_name,
            timeout=resolve_timeout(timeout),
            retry=RetryPolicy(
                max_retries=resolve_max_retries(max_retries), retry_sends_on_ambiguous=retry_sends_on_ambiguous
            ),
            headers=headers,
        )
        self._resources = {}

    @property
    def base_url(self) -> str:
        return self._config.base_url

    @property
    def region(self) -> str | None:
        """ "us" or "eu"; None when a custom base_url was given."""
        return self._config.region

    @property
    def timeout(self) -> httpx.Timeout:
        return self._config.timeout

    @property
    def max_retries(self) -> int:
        return self._config.retry.max_retries

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.base_url!r}, region={self.region!r})"

    def with_options(
        self,
        *,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int | None = None,
        on_behalf_of: str | None = None,
    ) -> Self:
        """A copy with other options (e.g. ``on_behalf_of=`` a subaccount id, sent as X-Mailgun-On-Behalf-Of),
        sharing this client's connection pool: the original is untouched and closing the copy closes nothing."""
        clone = object.__new__(type(self))
        clone._config = self._copy_config(timeout=timeout, max_retries=max_retries, on_behalf_of=on_behalf_of)
        clone._resources = {}
        clone._transport = self._transport.shared()
        return clone

    def _copy_config(
        self,
        *,
        timeout: float | httpx.Timeout | None,
        max_retries: int | None,
        on_behalf_of: str | None,
    ) -> TransportConfig:
        retry = None
        if max_retries is not None:
            old = self._config.retry
            retry = RetryPolicy(
                max_retries=resolve_max_retries(max_retries), retry_sends_on_ambiguous=old.retry_sends_on_ambiguous
            )
        headers = {ON_BEHALF_OF: _check_on_behalf_of(on_behalf_of)} if on_behalf_of is not None else None
        return self._config.copy_with(
            timeout=resolve_timeout(timeout) if timeout is not None else None, retry=retry, headers=headers
        )

    @staticmethod
    def _prepare(call: Call[Any]) -> tuple[dict[str, Any], RequestKind]:
        args = call.request_args()
        return args, call.operation.kind_for(args["method"])

    @staticmethod
    def _finish(call: Call[T], response: httpx.Response) -> T:
        return call.parse(decode_body(response.content))

    @staticmethod
    def _page_call(paged: PagedCall[Any], cursor: Cursor | None) -> Call[Any]:
        return paged.first if cursor is None else paged.at_cursor(paged.first, cursor)

    @staticmethod
    def _page(paged: PagedCall[T], cursor: Cursor | None, response: httpx.Response) -> Page[T]:
        raw = decode_body(response.content)
        try:
            items = paged.items(paged.first.parse(raw))
        except MissingFieldError:  # a page lacking its items field has none: a 2xx never becomes an exception
            items = []
        next_cursor = paged.style.next_cursor(raw, current=cursor, item_count=len(items))
        return Page(items=items, next_cursor=next_cursor, raw=raw)

    def _raw_call(
        self,
        method: str,
        path: str,
        params: Mapping[str, Any] | None,
        json: Any,
        data: Mapping[str, Any] | None,
        files: Any,
        headers: Mapping[str, str] | None,
    ) -> tuple[dict[str, Any], RequestKind]:
        if not isinstance(method, str) or not method.isalpha():
            raise ValidationError("method", f"not an HTTP method: {method!r}")
        parts = urlsplit(path)
        if parts.scheme or parts.netloc:
            base = urlsplit(self.base_url)
            if (parts.scheme, parts.netloc) != (base.scheme, base.netloc):
                # The API key must never go to another host.
                raise ValidationError("path", f"must be a path on {self.base_url}, got {path!r}")
        elif not path.startswith("/"):
            raise ValidationError("path", f"must start with '/', got {path!r}")
        args = {"method": method.upper(), "url": path, "params": params, "json": json, "data": data}
        if files is not None:
            args["files"] = files
        if headers:
            args["headers"] = dict(headers)
        return args, kind_for_request(method, parts.path)


def _check_on_behalf_of(value: str) -> str:
    if not isinstance(value, str) or not value.strip() or has_line_break(value):
        raise ValidationError("on_behalf_of", "must be a subaccount id")
    return value.strip()


class Mailgun(_BaseClient):
    """The Mailgun API client (sync).

    ``Mailgun()`` reads ``MAILGUN_API_KEY`` (and ``MAILGUN_REGION`` or ``MAILGUN_BASE_URL``). ``region`` is
    ``"us"`` (api.mailgun.net, the default) or ``"eu"`` (api.eu.mailgun.net). Use it as a context manager, or
    call ``close()``.
    """

    _transport: SyncTransport

    domains: resource[Domains] = resource("domains", "Domains")
    logs: resource[Logs] = resource("logs", "Logs")
    metrics: resource[Metrics] = resource("metrics", "Metrics")
    tags: resource[Tags] = resource("tags", "Tags")
    events: resource[Events] = resource("events", "Events")
    stats: resource[Stats] = resource("stats", "Stats")
    tags_v3: resource[TagsV3] = resource("tags_v3", "TagsV3")
    # @sending resources
    messages: resource[Messages] = resource("messages", "Messages")
    templates: resource[Templates] = resource("templates", "Templates")
    mailing_lists: resource[MailingLists] = resource("mailing_lists", "MailingLists")
    routes: resource[Routes] = resource("routes", "Routes")
    # @suppressions resources
    bounces: resource[Bounces] = resource("suppressions", "Bounces")
    unsubscribes: resource[Unsubscribes] = resource("suppressions", "Unsubscribes")
    complaints: resource[Complaints] = resource("suppressions", "Complaints")
    allowlist: resource[Allowlist] = resource("suppressions", "Allowlist")
    webhooks: resource[Webhooks] = resource("webhooks", "Webhooks")
    # @coverage-a resources
    domain_keys: resource[DomainKeys] = resource("domain_keys", "DomainKeys")
    tracking: resource[Tracking] = resource("tracking", "Tracking")
    ips: resource[Ips] = resource("ips", "Ips")
    ip_pools: resource[IpPools] = resource("ip_pools", "IpPools")
    dynamic_ip_pools: resource[DynamicIpPools] = resource("dynamic_ip_pools", "DynamicIpPools")
    ip_warmups: resource[IpWarmups] = resource("ip_warmups", "IpWarmups")
    # @coverage-b resources
    subaccounts: resource[Subaccounts] = resource("subaccounts", "Subaccounts")
    api_keys: resource[ApiKeys] = resource("keys", "ApiKeys")
    credentials: resource[Credentials] = resource("credentials", "Credentials")
    ip_allowlist: resource[IpAllowlist] = resource("ip_allowlist", "IpAllowlist")
    users: resource[Users] = resource("users", "Users")
    account: resource[Account] = resource("account_management", "Account")
    message_limits: resource[MessageLimits] = resource("custom_message_limit", "MessageLimits")
    alerts: resource[Alerts] = resource("alerts", "Alerts")
    bounce_classification: resource[BounceClassification] = resource("bounce_classification", "BounceClassification")
    validations: resource[Validations] = resource("validations", "Validations")
    inbox_placement: resource[InboxPlacement] = resource("inbox_placement", "InboxPlacement")
    email_preview: resource[EmailPreview] = resource("email_preview", "EmailPreview")

    def __init__(
        self,
        api_key: str | None = None,
        *,
        region: str | None = None,
        base_url: str | None = None,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int = 2,
        retry_sends_on_ambiguous: bool = False,
        on_behalf_of: str | None = None,
        default_headers: Mapping[str, str] | None = None,
        http_client: httpx.Client | None = None,
    ) -> None:
        self._configure(
            api_key,
            region=region,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            retry_sends_on_ambiguous=retry_sends_on_ambiguous,
            on_behalf_of=on_behalf_of,
            default_headers=default_headers,
        )
        if http_client is None:
            http = httpx.Client(verify=shared_ssl_context(), follow_redirects=False, headers=self._config.bake())
            self._transport = SyncTransport(http, owns_http=True)
        else:
            self._transport = SyncTransport(http_client, owns_http=False)

    @property
    def api(self) -> SyncApi:
        """Every operation of Mailgun's spec, the day it is generated: ``client.api.<tag>.<operation>(...)`` with
        the generated signature, returning the parsed 2xx model, through this client's auth, retries, errors and
        deprecation warnings. The methods above are the recommended surface; this is the complete one."""
        found: SyncApi | None = self._resources.get("api")
        if found is None:
            from ._api import sync_api

            found = self._resources["api"] = sync_api(self)
        return found

    def _send(self, call: Call[Any]) -> httpx.Response:
        args, kind = self._prepare(call)
        return self._transport.send(args, kind, self._config)

    def _run(self, call: Call[T]) -> T:
        return self._finish(call, self._send(call))

    def _run_raw(self, call: Call[T]) -> RawResponse[T]:
        return RawResponse(self._send(call), call.parse)

    def _paginate(self, paged: PagedCall[T]) -> SyncPager[T]:
        def fetch(cursor: Cursor | None) -> Page[T]:
            return self._page(paged, cursor, self._send(self._page_call(paged, cursor)))

        return SyncPager(fetch)

    def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        data: Mapping[str, Any] | None = None,
        files: Any = None,
        headers: Mapping[str, str] | None = None,
    ) -> RawResponse[Any]:
        """Any API call, through the same auth, retries and errors: ``client.request("GET", "/v3/domains")``."""
        args, kind = self._raw_call(method, path, params, json, data, files, headers)
        response = self._transport.send(args, kind, self._config)
        return RawResponse(response, lambda raw: raw)

    def close(self) -> None:
        self._transport.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


class AsyncMailgun(_BaseClient):
    """The Mailgun API client (async). Same surface as ``Mailgun``; methods are awaited.

    By default it sends through httpx-aiohttp's ``AiohttpTransport`` (httpx's API, aiohttp's connection pool:
    ~7x the throughput of httpx's own async pool at 64 concurrent requests). Pass ``http_client`` to choose.
    """

    _transport: AsyncTransport

    domains: resource[AsyncDomains] = resource("domains", "AsyncDomains")
    logs: resource[AsyncLogs] = resource("logs", "AsyncLogs")
    metrics: resource[AsyncMetrics] = resource("metrics", "AsyncMetrics")
    tags: resource[AsyncTags] = resource("tags", "AsyncTags")
    events: resource[AsyncEvents] = resource("events", "AsyncEvents")
    stats: resource[AsyncStats] = resource("stats", "AsyncStats")
    tags_v3: resource[AsyncTagsV3] = resource("tags_v3", "AsyncTagsV3")
    # @sending async resources
    messages: resource[AsyncMessages] = resource("messages", "AsyncMessages")
    templates: resource[AsyncTemplates] = resource("templates", "AsyncTemplates")
    mailing_lists: resource[AsyncMailingLists] = resource("mailing_lists", "AsyncMailingLists")
    routes: resource[AsyncRoutes] = resource("routes", "AsyncRoutes")
    # @suppressions async resources
    bounces: resource[AsyncBounces] = resource("suppressions", "AsyncBounces")
    unsubscribes: resource[AsyncUnsubscribes] = resource("suppressions", "AsyncUnsubscribes")
    complaints: resource[AsyncComplaints] = resource("suppressions", "AsyncComplaints")
    allowlist: resource[AsyncAllowlist] = resource("suppressions", "AsyncAllowlist")
    webhooks: resource[AsyncWebhooks] = resource("webhooks", "AsyncWebhooks")
    # @coverage-a async resources
    domain_keys: resource[AsyncDomainKeys] = resource("domain_keys", "AsyncDomainKeys")
    tracking: resource[AsyncTracking] = resource("tracking", "AsyncTracking")
    ips: resource[AsyncIps] = resource("ips", "AsyncIps")
    ip_pools: resource[AsyncIpPools] = resource("ip_pools", "AsyncIpPools")
    dynamic_ip_pools: resource[AsyncDynamicIpPools] = resource("dynamic_ip_pools", "AsyncDynamicIpPools")
    ip_warmups: resource[AsyncIpWarmups] = resource("ip_warmups", "AsyncIpWarmups")
    # @coverage-b async resources
    subaccounts: resource[AsyncSubaccounts] = resource("subaccounts", "AsyncSubaccounts")
    api_keys: resource[AsyncApiKeys] = resource("keys", "AsyncApiKeys")
    credentials: resource[AsyncCredentials] = resource("credentials", "AsyncCredentials")
    ip_allowlist: resource[AsyncIpAllowlist] = resource("ip_allowlist", "AsyncIpAllowlist")
    users: resource[AsyncUsers] = resource("users", "AsyncUsers")
    account: resource[AsyncAccount] = resource("account_management", "AsyncAccount")
    message_limits: resource[AsyncMessageLimits] = resource("custom_message_limit", "AsyncMessageLimits")
    alerts: resource[AsyncAlerts] = resource("alerts", "AsyncAlerts")
    bounce_classification: resource[AsyncBounceClassification] = resource(
        "bounce_classification", "AsyncBounceClassification"
    )
    validations: resource[AsyncValidations] = resource("validations", "AsyncValidations")
    inbox_placement: resource[AsyncInboxPlacement] = resource("inbox_placement", "AsyncInboxPlacement")
    email_preview: resource[AsyncEmailPreview] = resource("email_preview", "AsyncEmailPreview")

    def __init__(
        self,
        api_key: str | None = None,
        *,
        region: str | None = None,
        base_url: str | None = None,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int = 2,
        retry_sends_on_ambiguous: bool = False,
        on_behalf_of: str | None = None,
        default_headers: Mapping[str, str] | None = None,
        http_client: httpx.AsyncClient | None = None,
    ) -> None:
        self._configure(
            api_key,
            region=region,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            retry_sends_on_ambiguous=retry_sends_on_ambiguous,
            on_behalf_of=on_behalf_of,
            default_headers=default_headers,
        )
        if http_client is None:
            self._transport = AsyncTransport(_default_async_http(self._config.bake()), owns_http=True)
        else:
            self._transport = AsyncTransport(http_client, owns_http=False)

    @property
    def api(self) -> AsyncApi:
        """Every operation of Mailgun's spec, the day it is generated: ``await client.api.<tag>.<operation>(...)``
        (see ``Mailgun.api``)."""
        found: AsyncApi | None = self._resources.get("api")
        if found is None:
            from ._api import async_api

            found = self._resources["api"] = async_api(self)
        return found

    async def _send(self, call: Call[Any]) -> httpx.Response:
        args, kind = self._prepare(call)
        return await self._transport.send(args, kind, self._config)

    async def _run(self, call: Call[T]) -> T:
        return self._finish(call, await self._send(call))

    async def _run_raw(self, call: Call[T]) -> RawResponse[T]:
        return RawResponse(await self._send(call), call.parse)

    def _paginate(self, paged: PagedCall[T]) -> AsyncPager[T]:
        async def fetch(cursor: Cursor | None) -> Page[T]:
            return self._page(paged, cursor, await self._send(self._page_call(paged, cursor)))

        return AsyncPager(fetch)

    async def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        data: Mapping[str, Any] | None = None,
        files: Any = None,
        headers: Mapping[str, str] | None = None,
    ) -> RawResponse[Any]:
        """Any API call, through the same auth, retries and errors."""
        args, kind = self._raw_call(method, path, params, json, data, files, headers)
        response = await self._transport.send(args, kind, self._config)
        return RawResponse(response, lambda raw: raw)

    async def close(self) -> None:
        await self._transport.close()

    async def aclose(self) -> None:
        await self._transport.close()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()


def _default_async_http(headers: Mapping[str, str]) -> httpx.AsyncClient:
    """httpx's API over aiohttp's pool when httpx-aiohttp is installed; httpx's own pool otherwise.

    Imported here, not at module level, so the sync path never imports aiohttp.
    """
    try:
        from httpx_aiohttp import AiohttpTransport
    except ImportError:
        return httpx.AsyncClient(verify=shared_ssl_context(), follow_redirects=False, headers=headers)
    return httpx.AsyncClient(
        transport=AiohttpTransport(verify=shared_ssl_context()), follow_redirects=False, headers=headers
    )
