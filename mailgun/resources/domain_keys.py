"""DKIM domain keys: ``client.domain_keys.list() / for_domain() / create() / delete() / activate() / deactivate()``,
the domain's DKIM authority and selector, and Automatic Sender Security key rotation (``rotate()``,
``set_rotation()``)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from .._call import Call, Operation, PagedCall, model_parser
from .._endpoint import AsyncResource, SyncResource, async_call, async_paged, sync_call, sync_paged
from .._exceptions import ValidationError
from .._extras import RequestExtras, Unpack
from .._multipart import form_fields
from .._paging import next_url_listing
from .._validation import boolean, given, int_range, opt_text, text
from ..types import (
    AuthorityKeys,
    DkimAuthorityResult,
    DkimRotationResult,
    DomainKey,
    DomainKeysPage,
    StatusMessage,
    UpdateDomainKeyResult,
)

if TYPE_CHECKING:
    from ..literals import DkimKeyBits

__all__ = ["AsyncDomainKeys", "DomainKeys"]

_LIST = Operation("domain_keys.get_dkim_keys", model_parser(DomainKeysPage))
_FOR_DOMAIN = Operation("domain_keys.get_domains_authority_name_keys", model_parser(AuthorityKeys))
_CREATE = Operation("domain_keys.post_dkim_keys", model_parser(DomainKey))
_DELETE = Operation("domain_keys.delete_dkim_keys", model_parser(StatusMessage))
_ACTIVATE = Operation(
    "domain_keys.put_domains_authority_name_keys_selector_activate", model_parser(UpdateDomainKeyResult)
)
_DEACTIVATE = Operation(
    "domain_keys.put_domains_authority_name_keys_selector_deactivate", model_parser(UpdateDomainKeyResult)
)
_SET_AUTHORITY = Operation("domain_keys.put_domains_name_dkim_authority", model_parser(DkimAuthorityResult))
_SET_SELECTOR = Operation("domain_keys.put_domains_name_dkim_selector", model_parser(StatusMessage))
_ROTATE = Operation("dkim_security.post_dkim_management_domains_name_rotate", model_parser(StatusMessage))
_SET_ROTATION = Operation("dkim_security.put_dkim_management_domains_name_rotation", model_parser(DkimRotationResult))


# A selector is a dot-atom of DNS-safe labels: `s1`, `mailo1`, `pdk1`, `2024.q1`.
_SELECTOR = re.compile(r"[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*")
_INTERVAL = re.compile(r"(?:[0-9]+[a-z]+)+")


def selector_of(name: str, value: Any) -> str:
    checked = text(name, value)
    if not _SELECTOR.fullmatch(checked):
        raise ValidationError(name, f"must be a DKIM selector (letters, digits, '-', '_', dots), got {value!r}")
    return checked


def _keys(page: DomainKeysPage | AuthorityKeys) -> list[DomainKey]:
    return [key for key in page.items or [] if key is not None]


def list_keys(
    *,
    signing_domain: str | None = None,
    selector: str | None = None,
    limit: int = 100,
    **extras: Unpack[RequestExtras],
) -> PagedCall[DomainKey]:
    """Iterate over the account's domain keys, optionally of one signing domain or selector."""
    first = _LIST.call(
        signing_domain=opt_text("signing_domain", signing_domain),
        selector=None if selector is None else selector_of("selector", selector),
        limit=int_range("limit", limit, 1, 100),
    )
    return next_url_listing(first, _keys)


def keys_for_domain(authority_name: str, **extras: Unpack[RequestExtras]) -> Call[AuthorityKeys]:
    """Every key of a domain authority, active or not, valid or not (``.items``)."""
    return _FOR_DOMAIN.call(authority_name=text("authority_name", authority_name))


def create_key(
    signing_domain: str,
    selector: str,
    *,
    bits: DkimKeyBits | None = None,
    pem: str | None = None,
    **extras: Unpack[RequestExtras],
) -> Call[DomainKey]:
    """Create a domain key (or import ``pem``, an RSA private key in PEM); its DNS record is in the result."""
    from mailgun_openapi.models.post_dkim_keys_request import PostDkimKeysRequest

    # Any key length is sent (Mailgun judges it; DkimKeyBits names the ones it documents); a number all the same.
    int_range("bits", bits, 1)
    if pem is not None and (not isinstance(pem, str) or "-----BEGIN" not in pem or "\0" in pem):
        raise ValidationError("pem", "must be a PEM-encoded private key ('-----BEGIN ... PRIVATE KEY-----')")
    body = PostDkimKeysRequest(
        signing_domain=text("signing_domain", signing_domain),
        selector=selector_of("selector", selector),
        **given(bits=bits, pem=pem),
    )
    return _CREATE.call(body=body)


def delete_key(signing_domain: str, selector: str, **extras: Unpack[RequestExtras]) -> Call[StatusMessage]:
    """Delete a domain key (not recoverable; a domain keeps at least one active key)."""
    return _DELETE.call(
        signing_domain=text("signing_domain", signing_domain), selector=selector_of("selector", selector)
    )


def activate_key(authority_name: str, selector: str, **extras: Unpack[RequestExtras]) -> Call[UpdateDomainKeyResult]:
    """Sign mail with this key (its DNS record must be valid)."""
    return _ACTIVATE.call(
        authority_name=text("authority_name", authority_name), selector=selector_of("selector", selector)
    )


def deactivate_key(authority_name: str, selector: str, **extras: Unpack[RequestExtras]) -> Call[UpdateDomainKeyResult]:
    """Stop signing mail with this key, even if it is valid."""
    return _DEACTIVATE.call(
        authority_name=text("authority_name", authority_name), selector=selector_of("selector", selector)
    )


def set_authority(domain: str, *, self_authority: bool, **extras: Unpack[RequestExtras]) -> Call[DkimAuthorityResult]:
    """``True``: the domain is its own DKIM authority; ``False``: it shares its root domain's authority."""
    from mailgun_openapi.models.put_domains_name_dkim_authority_request import PutDomainsNameDkimAuthorityRequest

    if not isinstance(self_authority, bool):
        raise ValidationError("self_authority", f"must be True or False, got {self_authority!r}")
    body = PutDomainsNameDkimAuthorityRequest(self_=self_authority)
    return _SET_AUTHORITY.call(name=text("domain", domain), body=body).with_overrides(files=form_fields(body))


def set_selector(domain: str, *, selector: str, **extras: Unpack[RequestExtras]) -> Call[StatusMessage]:
    """Change the DKIM selector of a domain (unique among its keys)."""
    from mailgun_openapi.models.put_domains_name_dkim_selector_request import PutDomainsNameDkimSelectorRequest

    body = PutDomainsNameDkimSelectorRequest(dkim_selector=selector_of("selector", selector))
    return _SET_SELECTOR.call(name=text("domain", domain), body=body)


def rotate_key(domain: str, **extras: Unpack[RequestExtras]) -> Call[StatusMessage]:
    """Rotate an Automatic Sender Security domain's DKIM key now (even with auto-rotation off)."""
    return _ROTATE.call(name=text("domain", domain))


def set_rotation(
    domain: str, *, enabled: bool, interval: str | None = None, **extras: Unpack[RequestExtras]
) -> Call[DkimRotationResult]:
    """Turn DKIM auto-rotation on or off; ``interval`` (such as ``"5d"``, at least 5 days) only with ``enabled``."""
    from mailgun_openapi.models.put_dkim_management_domains_name_rotation_request import (
        PutDkimManagementDomainsNameRotationRequest,
    )

    if boolean("enabled", enabled) is None:
        raise ValidationError("enabled", "must be True or False")
    every = opt_text("interval", interval)
    if every is not None:
        if not enabled:
            raise ValidationError("interval", "only with enabled=True (Mailgun refuses an interval otherwise)")
        if not _INTERVAL.fullmatch(every):
            raise ValidationError("interval", f"must be a count and a unit such as '5d' or '168h', got {every!r}")
    body = PutDkimManagementDomainsNameRotationRequest(rotation_enabled=enabled, **given(rotation_interval=every))
    return _SET_ROTATION.call(name=text("domain", domain), body=body).with_overrides(files=form_fields(body))


class DomainKeys(SyncResource):
    list = sync_paged(list_keys)
    for_domain = sync_call(keys_for_domain)
    create = sync_call(create_key)
    delete = sync_call(delete_key)
    activate = sync_call(activate_key)
    deactivate = sync_call(deactivate_key)
    set_authority = sync_call(set_authority)
    set_selector = sync_call(set_selector)
    rotate = sync_call(rotate_key)
    set_rotation = sync_call(set_rotation)


class AsyncDomainKeys(AsyncResource):
    list = async_paged(list_keys)
    for_domain = async_call(keys_for_domain)
    create = async_call(create_key)
    delete = async_call(delete_key)
    activate = async_call(activate_key)
    deactivate = async_call(deactivate_key)
    set_authority = async_call(set_authority)
    set_selector = async_call(set_selector)
    rotate = async_call(rotate_key)
    set_rotation = async_call(set_rotation)
