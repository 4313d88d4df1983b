"""Domains: ``client.domains.list() / get() / create() / update() / verify() / delete()``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._call import Call, Operation, PagedCall, model_parser
from .._endpoint import AsyncResource, SyncResource, async_call, async_paged, sync_call, sync_paged
from .._exceptions import ValidationError
from .._extras import RequestExtras, Unpack
from .._paging import skip_limit_listing
from .._validation import boolean, choice, given, int_range, opt_text, text
from ..types import (
    CreateDomainResult,
    Domain,
    DomainDetails,
    DomainList,
    StatusMessage,
    UpdateDomainResult,
    VerifyDomainResult,
)

if TYPE_CHECKING:
    from ..literals import DkimKeySize, DomainState, SpamAction, WebScheme

__all__ = ["AsyncDomains", "Domains"]

_LIST = Operation("domains.get_domains", model_parser(DomainList))
_GET = Operation("domains.get_domains_name", model_parser(DomainDetails))
_CREATE = Operation("domains.post_domains", model_parser(CreateDomainResult))
_UPDATE = Operation("domains.put_domains_name", model_parser(UpdateDomainResult))
_VERIFY = Operation("domains.put_domains_name_verify", model_parser(VerifyDomainResult))
_DELETE = Operation("domains.delete_domains_name", model_parser(StatusMessage))


def _items(page: DomainList) -> list[Domain]:
    return page.items or []


def list_domains(
    *,
    state: DomainState | None = None,
    sort: str | None = None,
    authority: str | None = None,
    search: str | None = None,
    include_subaccounts: bool | None = None,
    limit: int = 100,
    **extras: Unpack[RequestExtras],
) -> PagedCall[Domain]:
    """Iterate over the account's domains (``for domain in client.domains.list()``), 100 per page by default."""
    first = _LIST.call(
        state=choice("state", state),
        sort=opt_text("sort", sort),
        authority=opt_text("authority", authority),
        search=opt_text("search", search),
        include_subaccounts=boolean("include_subaccounts", include_subaccounts),
        limit=int_range("limit", limit, 1, 1000),
        skip=0,
    )
    return skip_limit_listing(first, _items, limit=limit)


def get_domain(name: str, **extras: Unpack[RequestExtras]) -> Call[DomainDetails]:
    """One domain with its sending and receiving DNS records."""
    return _GET.call(name=text("name", name))


def create_domain(
    name: str,
    *,
    spam_action: SpamAction | None = None,
    wildcard: bool | None = None,
    smtp_password: str | None = None,
    web_scheme: WebScheme | None = None,
    web_prefix: str | None = None,
    dkim_key_size: DkimKeySize | None = None,
    dkim_selector: str | None = None,
    dkim_host_name: str | None = None,
    force_dkim_authority: bool | None = None,
    force_root_dkim_host: bool | None = None,
    use_automatic_sender_security: bool | None = None,
    require_tls: bool | None = None,
    skip_verification: bool | None = None,
    encrypt_incoming_message: bool | None = None,
    archive_to: str | None = None,
    ips: str | None = None,
    pool_id: str | None = None,
    message_ttl: int | None = None,
    **extras: Unpack[RequestExtras],
) -> Call[CreateDomainResult]:
    """Create a domain; the result holds the DNS records to publish."""
    from mailgun_openapi.models.post_domains_request import PostDomainsRequest

    body = PostDomainsRequest(
        name=text("name", name),
        **given(
            spam_action=choice("spam_action", spam_action),
            wildcard=boolean("wildcard", wildcard),
            smtp_password=opt_text("smtp_password", smtp_password),
            web_scheme=choice("web_scheme", web_scheme),
            web_prefix=opt_text("web_prefix", web_prefix),
            dkim_key_size=choice("dkim_key_size", dkim_key_size),
            dkim_selector=opt_text("dkim_selector", dkim_selector),
            dkim_host_name=opt_text("dkim_host_name", dkim_host_name),
            force_dkim_authority=boolean("force_dkim_authority", force_dkim_authority),
            force_root_dkim_host=boolean("force_root_dkim_host", force_root_dkim_host),
            use_automatic_sender_security=boolean("use_automatic_sender_security", use_automatic_sender_security),
            require_tls=boolean("require_tls", require_tls),
            skip_verification=boolean("skip_verification", skip_verification),
            encrypt_incoming_message=boolean("encrypt_incoming_message", encrypt_incoming_message),
            archive_to=opt_text("archive_to", archive_to),
            ips=opt_text("ips", ips),
            pool_id=opt_text("pool_id", pool_id),
            message_ttl=int_range("message_ttl", message_ttl, 0),
        ),
    )
    return _CREATE.call(body=body)


def update_domain(
    name: str,
    *,
    spam_action: SpamAction | None = None,
    wildcard: bool | None = None,
    smtp_password: str | None = None,
    web_scheme: WebScheme | None = None,
    web_prefix: str | None = None,
    mailfrom_host: str | None = None,
    use_automatic_sender_security: bool | None = None,
    require_tls: bool | None = None,
    skip_verification: bool | None = None,
    archive_to: str | None = None,
    message_ttl: int | None = None,
    **extras: Unpack[RequestExtras],
) -> Call[UpdateDomainResult]:
    """Change a domain's settings; only the arguments given are sent."""
    from mailgun_openapi.models.put_domains_name_request import PutDomainsNameRequest

    fields = given(
        spam_action=choice("spam_action", spam_action),
        wildcard=boolean("wildcard", wildcard),
        smtp_password=opt_text("smtp_password", smtp_password),
        web_scheme=choice("web_scheme", web_scheme),
        web_prefix=opt_text("web_prefix", web_prefix),
        mailfrom_host=opt_text("mailfrom_host", mailfrom_host),
        use_automatic_sender_security=boolean("use_automatic_sender_security", use_automatic_sender_security),
        require_tls=boolean("require_tls", require_tls),
        skip_verification=boolean("skip_verification", skip_verification),
        archive_to=opt_text("archive_to", archive_to),
        message_ttl=int_range("message_ttl", message_ttl, 0),
    )
    if not fields:
        raise ValidationError("name", "nothing to update: give at least one setting")
    return _UPDATE.call(name=text("name", name), body=PutDomainsNameRequest(**fields))


def verify_domain(name: str, **extras: Unpack[RequestExtras]) -> Call[VerifyDomainResult]:
    """Ask Mailgun to check the domain's DNS records now."""
    return _VERIFY.call(name=text("name", name))


def delete_domain(name: str, **extras: Unpack[RequestExtras]) -> Call[StatusMessage]:
    """Delete a domain (irreversible)."""
    return _DELETE.call(name=text("name", name))


class Domains(SyncResource):
    list = sync_paged(list_domains)
    get = sync_call(get_domain)
    create = sync_call(create_domain)
    update = sync_call(update_domain)
    verify = sync_call(verify_domain)
    delete = sync_call(delete_domain)


class AsyncDomains(AsyncResource):
    list = async_paged(list_domains)
    get = async_call(get_domain)
    create = async_call(create_domain)
    update = async_call(update_domain)
    verify = async_call(verify_domain)
    delete = async_call(delete_domain)
