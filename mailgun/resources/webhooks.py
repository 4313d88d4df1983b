"""Webhooks management: ``client.webhooks``.

A domain's webhooks map each event to up to 3 URLs. Two APIs change them:

- per event (v3): ``list(domain)``, ``get(domain, event)``, ``create(domain, event, urls)``,
  ``update(domain, event, urls)`` (replaces the event's URLs), ``delete(domain, event)``;
- per URL (v4): ``create_for_events(domain, url, events)``, ``update_for_events(domain, url, events)`` (replaces
  the URL's events), ``delete_urls(domain, urls)`` (from every event).

The account's HTTP webhook signing key (what ``mailgun.webhook_verification`` checks signatures with):
``signing_key()`` and ``regenerate_signing_key()``. Its value never appears in a repr.

Mailgun's spec has no account-level webhook endpoints; only these domain ones.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, get_args
from urllib.parse import urlsplit

from .._call import Call, Operation, model_parser
from .._endpoint import AsyncResource, SyncResource, async_call, sync_call
from .._exceptions import ValidationError
from .._extras import RequestExtras, Unpack
from .._secret import Secret
from .._validation import required_choice, string_list, text
from ..literals import WebhookEventName
from ..types import DomainWebhooks, WebhookChangeResult, WebhookResult, WebhookSigningKey

__all__ = ["EVENTS", "MAX_URLS", "AsyncWebhooks", "Webhooks"]

EVENTS: tuple[WebhookEventName, ...] = get_args(WebhookEventName)
"""The events Mailgun documents (``mailgun.literals.WebhookEventName``); any other name is sent as given."""
MAX_URLS = 3
"""URLs Mailgun keeps per event."""


def _signing_key(raw: Any) -> WebhookSigningKey:
    result = model_parser(WebhookSigningKey)(raw)
    if isinstance(result.http_signing_key, str):
        result.http_signing_key = Secret(result.http_signing_key)
    # Unknown fields of a secrets endpoint are masked too (a renamed key field would land here).
    result.additional_properties = {
        k: Secret(v) if isinstance(v, str) else v for k, v in result.additional_properties.items()
    }
    return result


_LIST = Operation("webhooks.get_domains_domain_webhooks", model_parser(DomainWebhooks))
_GET = Operation("webhooks.get_domains_domain_name_webhooks_webhook_name", model_parser(WebhookResult))
_CREATE = Operation("webhooks.post_domains_domain_webhooks", model_parser(WebhookChangeResult))
_UPDATE = Operation("webhooks.put_domains_domain_name_webhooks_webhook_name", model_parser(WebhookChangeResult))
_DELETE = Operation("webhooks.delete_domains_domain_name_webhooks_webhook_name", model_parser(WebhookChangeResult))
_CREATE_FOR_EVENTS = Operation("webhooks.post_domains_domain_webhooks_multi_event", model_parser(DomainWebhooks))
_UPDATE_FOR_EVENTS = Operation("webhooks.put_domains_domain_webhooks", model_parser(DomainWebhooks))
_DELETE_URLS = Operation("webhooks.delete_domains_domain_webhooks", model_parser(DomainWebhooks))
_SIGNING_KEY = Operation("account_management.get_accounts_http_signing_key", _signing_key)
_REGENERATE_SIGNING_KEY = Operation("account_management.post_accounts_http_signing_key", _signing_key)


# ------------------------------------------------------------------------------------------------ validation
def event_name(name: str, value: WebhookEventName) -> WebhookEventName:
    """A webhook event's name: the ones Mailgun documents are ``EVENTS``; a newer one is sent as given."""
    return required_choice(name, value)


def event_names(name: str, value: WebhookEventName | Iterable[WebhookEventName]) -> list[str]:
    events = string_list(name, value) or []
    if not events:
        raise ValidationError(name, "give at least one event")
    checked = [text(name, event) for event in events]
    return list(dict.fromkeys(checked))


def webhook_url(name: str, value: Any) -> str:
    """An absolute http(s) URL."""
    url = text(name, value)
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in url):
        raise ValidationError(name, f"must be an http:// or https:// URL, got {value!r}")
    return url


def webhook_urls(name: str, value: str | Iterable[str], *, most: int | None = MAX_URLS) -> list[str]:
    urls = [webhook_url(name, url) for url in string_list(name, value) or []]
    if not urls:
        raise ValidationError(name, "give at least one URL")
    if most is not None and len(urls) > most:
        raise ValidationError(name, f"at most {most} URLs per event, got {len(urls)}")
    return list(dict.fromkeys(urls))


def _form(fields: Mapping[str, str | list[str]]) -> dict[str, Any]:
    # Repeated fields for lists (the generated bodies take one value), as multipart/form-data: the encoding the
    # spec declares for the v3 webhook forms. Replaces the generated multipart body.
    parts = [
        (name, (None, value.encode(), "text/plain"))
        for name, values in fields.items()
        for value in ([values] if isinstance(values, str) else values)
    ]
    return {"files": parts}


# ---------------------------------------------------------------------------------------------- v3, per event
def list_webhooks(domain: str, **extras: Unpack[RequestExtras]) -> Call[DomainWebhooks]:
    """Every event's URLs for the domain (``.webhooks.delivered.urls``, ...; an event without webhooks is None)."""
    return _LIST.call(domain=text("domain", domain))


def get_webhook(domain: str, event: WebhookEventName, **extras: Unpack[RequestExtras]) -> Call[WebhookResult]:
    """The URLs of one event's webhook (``.webhook.urls``); ``NotFoundError`` when it has none."""
    return _GET.call(domain_name=text("domain", domain), webhook_name=event_name("event", event))


def create_webhook(
    domain: str, event: WebhookEventName, urls: str | Iterable[str], **extras: Unpack[RequestExtras]
) -> Call[WebhookChangeResult]:
    """Send ``event`` to up to 3 URLs (Mailgun refuses if the event already has a webhook: use ``update``)."""
    from mailgun_openapi.models.post_domains_domain_webhooks_request import PostDomainsDomainWebhooksRequest

    event = event_name("event", event)
    checked = webhook_urls("urls", urls)
    call = _CREATE.call(domain=text("domain", domain), body=PostDomainsDomainWebhooksRequest(id=event, url=checked[0]))
    return call.with_overrides(**_form({"id": event, "url": checked}))


def update_webhook(
    domain: str, event: WebhookEventName, urls: str | Iterable[str], **extras: Unpack[RequestExtras]
) -> Call[WebhookChangeResult]:
    """Replace the URLs ``event`` is sent to (up to 3)."""
    from mailgun_openapi.models.put_domains_domain_name_webhooks_webhook_name_request import (
        PutDomainsDomainNameWebhooksWebhookNameRequest,
    )

    event = event_name("event", event)
    checked = webhook_urls("urls", urls)
    call = _UPDATE.call(
        domain_name=text("domain", domain),
        webhook_name=event,
        body=PutDomainsDomainNameWebhooksWebhookNameRequest(url=checked[0]),
    )
    return call.with_overrides(**_form({"url": checked}))


def delete_webhook(domain: str, event: WebhookEventName, **extras: Unpack[RequestExtras]) -> Call[WebhookChangeResult]:
    """Stop sending ``event``: removes all of its URLs."""
    return _DELETE.call(domain_name=text("domain", domain), webhook_name=event_name("event", event))


# ------------------------------------------------------------------------------------------------ v4, per URL
def create_for_events(
    domain: str, url: str, events: WebhookEventName | Iterable[WebhookEventName], **extras: Unpack[RequestExtras]
) -> Call[DomainWebhooks]:
    """Send several events to one URL (v4); the result is every event's URLs after the change."""
    from mailgun_openapi.models.post_domains_domain_webhooks_multi_event_request import (
        PostDomainsDomainWebhooksMultiEventRequest,
    )

    checked_url = webhook_url("url", url)
    checked = event_names("events", events)
    body = PostDomainsDomainWebhooksMultiEventRequest(url=checked_url, event_types=checked[0])
    call = _CREATE_FOR_EVENTS.call(domain=text("domain", domain), body=body)
    return call.with_overrides(data={"url": checked_url, "event_types": checked})


def update_for_events(
    domain: str, url: str, events: WebhookEventName | Iterable[WebhookEventName], **extras: Unpack[RequestExtras]
) -> Call[DomainWebhooks]:
    """Replace the events a URL receives (v4); the result is every event's URLs after the change."""
    from mailgun_openapi.models.put_domains_domain_webhooks_request import PutDomainsDomainWebhooksRequest

    checked_url = webhook_url("url", url)
    checked = event_names("events", events)
    body = PutDomainsDomainWebhooksRequest(url=checked_url, event_types=checked[0])
    call = _UPDATE_FOR_EVENTS.call(domain=text("domain", domain), body=body)
    return call.with_overrides(data={"url": checked_url, "event_types": checked})


def delete_urls(domain: str, urls: str | Iterable[str], **extras: Unpack[RequestExtras]) -> Call[DomainWebhooks]:
    """Remove URLs from every event they receive (v4); the result is every event's URLs after the change."""
    checked = webhook_urls("urls", urls, most=None)
    for url in checked:
        if "," in url:  # Mailgun splits the parameter on commas
            raise ValidationError("urls", f"a URL containing ',' cannot be deleted this way: {url!r}")
    return _DELETE_URLS.call(domain=text("domain", domain), url_query=",".join(checked))


# ---------------------------------------------------------------------------------------- account signing key
def signing_key(**extras: Unpack[RequestExtras]) -> Call[WebhookSigningKey]:
    """The account's HTTP webhook signing key (``.http_signing_key``; masked in repr)."""
    return _SIGNING_KEY.call()


def regenerate_signing_key(**extras: Unpack[RequestExtras]) -> Call[WebhookSigningKey]:
    """Replace the account's HTTP webhook signing key: signatures made with the old one stop verifying."""
    return _REGENERATE_SIGNING_KEY.call()


class Webhooks(SyncResource):
    list = sync_call(list_webhooks)
    get = sync_call(get_webhook)
    create = sync_call(create_webhook)
    update = sync_call(update_webhook)
    delete = sync_call(delete_webhook)
    create_for_events = sync_call(create_for_events)
    update_for_events = sync_call(update_for_events)
    delete_urls = sync_call(delete_urls)
    signing_key = sync_call(signing_key)
    regenerate_signing_key = sync_call(regenerate_signing_key)


class AsyncWebhooks(AsyncResource):
    list = async_call(list_webhooks)
    get = async_call(get_webhook)
    create = async_call(create_webhook)
    update = async_call(update_webhook)
    delete = async_call(delete_webhook)
    create_for_events = async_call(create_for_events)
    update_for_events = async_call(update_for_events)
    delete_urls = async_call(delete_urls)
    signing_key = async_call(signing_key)
    regenerate_signing_key = async_call(regenerate_signing_key)
