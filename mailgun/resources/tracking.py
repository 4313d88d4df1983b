"""Domain tracking: ``client.tracking.get() / update_open() / update_click() / update_unsubscribe()`` and the
tracking domain's TLS certificate (``certificate_status() / generate_certificate() / regenerate_certificate()``)."""

from __future__ import annotations

from typing import Any, Literal

from .._call import Call, Operation, model_parser
from .._endpoint import AsyncResource, SyncResource, async_call, sync_call
from .._exceptions import ValidationError
from .._extras import RequestExtras, Unpack
from .._multipart import form_fields
from .._validation import boolean, given, text
from ..types import (
    ClickTrackingResult,
    DomainTracking,
    OpenTrackingResult,
    TrackingCertificate,
    TrackingCertificateJob,
    UnsubscribeTrackingResult,
)

__all__ = ["AsyncTracking", "Tracking"]

_GET = Operation("domain_tracking.get_domains_name_tracking", model_parser(DomainTracking))
_OPEN = Operation("domain_tracking.put_domains_name_tracking_open", model_parser(OpenTrackingResult))
_CLICK = Operation("domain_tracking.put_domains_name_tracking_click", model_parser(ClickTrackingResult))
_UNSUBSCRIBE = Operation(
    "domain_tracking.put_domains_name_tracking_unsubscribe", model_parser(UnsubscribeTrackingResult)
)
_CERTIFICATE = Operation("domain_tracking.get_x509_domain_status", model_parser(TrackingCertificate))
_GENERATE = Operation("domain_tracking.post_x509_domain", model_parser(TrackingCertificateJob))
_REGENERATE = Operation("domain_tracking.put_x509_domain", model_parser(TrackingCertificateJob))


def _footer(name: str, value: Any) -> str | None:
    """HTML or text footers span lines: any string without NUL."""
    if value is not None and (not isinstance(value, str) or "\0" in value):
        raise ValidationError(name, f"must be a string without NUL, got {type(value).__name__}")
    return value


def get_tracking(domain: str, **extras: Unpack[RequestExtras]) -> Call[DomainTracking]:
    """A domain's open, click and unsubscribe tracking settings (``.tracking``)."""
    return _GET.call(name=text("domain", domain))


def update_open(
    domain: str,
    *,
    active: bool | None = None,
    place_at_the_top: bool | None = None,
    **extras: Unpack[RequestExtras],
) -> Call[OpenTrackingResult]:
    """Turn open tracking on or off; ``place_at_the_top`` puts the tracking pixel at the top of the HTML."""
    from mailgun_openapi.models.put_domains_name_tracking_open_request import PutDomainsNameTrackingOpenRequest

    fields = given(active=boolean("active", active), place_at_the_top=boolean("place_at_the_top", place_at_the_top))
    if not fields:
        raise ValidationError("active", "nothing to update: give active and/or place_at_the_top")
    body = PutDomainsNameTrackingOpenRequest(**fields)
    return _OPEN.call(name=text("domain", domain), body=body).with_overrides(files=form_fields(body))


def update_click(
    domain: str, *, active: bool | Literal["htmlonly"], **extras: Unpack[RequestExtras]
) -> Call[ClickTrackingResult]:
    """Turn click tracking on (``True``), off (``False``), or on for HTML parts only (``"htmlonly"``)."""
    from mailgun_openapi.models.put_domains_name_tracking_click_request import PutDomainsNameTrackingClickRequest

    if isinstance(active, bool):
        value = "true" if active else "false"
    elif isinstance(active, str):  # "htmlonly", or a mode newer than the SDK: Mailgun judges it
        value = text("active", active)
    else:
        raise ValidationError("active", f"must be True, False or 'htmlonly', got {active!r}")
    body = PutDomainsNameTrackingClickRequest(active=value)
    return _CLICK.call(name=text("domain", domain), body=body)


def update_unsubscribe(
    domain: str,
    *,
    active: bool | None = None,
    html_footer: str | None = None,
    text_footer: str | None = None,
    **extras: Unpack[RequestExtras],
) -> Call[UnsubscribeTrackingResult]:
    """Turn unsubscribe tracking on or off and set the footers holding the unsubscribe link."""
    from mailgun_openapi.models.put_domains_name_tracking_unsubscribe_request import (
        PutDomainsNameTrackingUnsubscribeRequest,
    )

    fields = given(
        active=boolean("active", active),
        html_footer=_footer("html_footer", html_footer),
        text_footer=_footer("text_footer", text_footer),
    )
    if not fields:
        raise ValidationError("active", "nothing to update: give active, html_footer and/or text_footer")
    body = PutDomainsNameTrackingUnsubscribeRequest(**fields)
    return _UNSUBSCRIBE.call(name=text("domain", domain), body=body).with_overrides(files=form_fields(body))


def certificate_status(tracking_domain: str, **extras: Unpack[RequestExtras]) -> Call[TrackingCertificate]:
    """The tracking domain's TLS certificate and its status (``processing``, ``active``, ``expired``, ``error``).

    ``tracking_domain`` is ``<web_prefix>.<domain>``, such as ``email.example.com``."""
    return _CERTIFICATE.call(domain=text("tracking_domain", tracking_domain))


def generate_certificate(tracking_domain: str, **extras: Unpack[RequestExtras]) -> Call[TrackingCertificateJob]:
    """Start generating a TLS certificate for the tracking domain; poll ``certificate_status`` afterwards."""
    return _GENERATE.call(domain=text("tracking_domain", tracking_domain))


def regenerate_certificate(tracking_domain: str, **extras: Unpack[RequestExtras]) -> Call[TrackingCertificateJob]:
    """Start regenerating an expired TLS certificate (a valid one is left alone: Mailgun answers 409)."""
    return _REGENERATE.call(domain=text("tracking_domain", tracking_domain))


class Tracking(SyncResource):
    get = sync_call(get_tracking)
    update_open = sync_call(update_open)
    update_click = sync_call(update_click)
    update_unsubscribe = sync_call(update_unsubscribe)
    certificate_status = sync_call(certificate_status)
    generate_certificate = sync_call(generate_certificate)
    regenerate_certificate = sync_call(regenerate_certificate)


class AsyncTracking(AsyncResource):
    get = async_call(get_tracking)
    update_open = async_call(update_open)
    update_click = async_call(update_click)
    update_unsubscribe = async_call(update_unsubscribe)
    certificate_status = async_call(certificate_status)
    generate_certificate = async_call(generate_certificate)
    regenerate_certificate = async_call(regenerate_certificate)
