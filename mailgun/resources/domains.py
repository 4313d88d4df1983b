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
    """Iterate over the account's domains (``for domain in client.domains.list()``), 100 per page by default.

    Args:
        state: Get only domains with a specific state. Can be either active, unverified or disabled.
        sort: Valid sort options are `name` which defaults to asc order, `name:asc`, or `name:desc`. If sorting is
            not specified domains are returned in reverse creation date order.
        authority: Get only domains with a specific authority. If state is specified then only state filtering will
            be proceed.
        search: Search domains by the given partial or complete name. Does not support wildcards.
        include_subaccounts: Search on every domain that belongs to any subaccounts under this account. Default to
            false.
        limit: Max count of items. Max: 1000. Default: 100.
        **extras: `extra_query=`, `extra_body=` and `extra_headers=` (mappings) add query parameters, form/JSON
            fields and headers Mailgun accepts that this method does not name yet; `extra_headers` may override a
            header.

    Returns:
        An iterator over every Domain (`async for` on AsyncMailgun), one page per request.

    Raises:
        ValidationError: An argument is invalid; raised before anything is sent.
        APIStatusError: Mailgun answered with an error status (a subclass per status).

    Example:
        ```python
        for d in client.domains.list(state="active"):
            print(d.name, d.state, d.created_at)
        ```
    """
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
    """One domain with its sending and receiving DNS records.

    Args:
        name: The domain's name, such as `mg.example.com`.
        **extras: `extra_query=`, `extra_body=` and `extra_headers=` (mappings) add query parameters, form/JSON
            fields and headers Mailgun accepts that this method does not name yet; `extra_headers` may override a
            header.

    Returns:
        The parsed answer (DomainDetails).

    Raises:
        ValidationError: An argument is invalid; raised before anything is sent.
        NotFoundError: What the call names (the domain) does not exist.
        APIStatusError: Mailgun answered with an error status (a subclass per status).

    Example:
        ```python
        details = client.domains.get(domain)
        print(details.domain.state)
        for record in details.sending_dns_records or []:
            print(record.record_type, record.name, record.value)
        ```
    """
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
    """Create a domain; the result holds the DNS records to publish.

    Args:
        name: The domain's name, such as `mg.example.com`.
        spam_action: Disabled, block or tag. Default to disabled. If disabled, no spam filtering will occur for
            inbound messages. If block, inbound spam messages will not be delivered. If tag, inbound messages will
            be tagged with a spam header. See Spam Filter.
        wildcard: Allows domain to accept inbound messages received on subdomains that have MX records pointed to
            Mailgun. Default is false.
        smtp_password: Password for SMTP authentication.
        web_scheme: Sets your open, click and unsubscribe URLs to use http or https. Value either `http` or `https`.
            Defaults to http. In order for https to work, you must have a valid cert created for your domain. See
            Domain Tracking for TLS cert generation.
        web_prefix: Sets your open, click and unsubscribe URLs domain name prefix. Links rewritten or added by
            Mailgun in your emails will look like ://./... Default to email.
        dkim_key_size: The size of the new domain's DKIM key. Shall be either 1024 or 2048.
        dkim_selector: Explicitly set the value of the DKIM selector for the domain being created. If the domain key
            does not already exist, one will be created. The selector must be a valid atom per RFC2822. e.g valid
            value `foobar`, invalid value `foo.bar` https://datatracker.ietf.org/doc/html/rfc2822#section-3.2.4.
        dkim_host_name: Set the DKIM host name for the domain that is being created. Note, the value must be a valid
            domain name, and can be the domain name being created, a subdomain of the domain being created, or the
            root domain. This parameter cannot be used in conjunction with force_dkim_authority or
            force_root_dkim_host.
        force_dkim_authority: If set to true, the domain will be the DKIM authority for itself even if the root
            domain is registered on the same mailgun account. If set to false, the domain will have the same DKIM
            authority as the root domain registered on the same mailgun account. Default to false.
        force_root_dkim_host: If set to true, the root domain will be the DKIM Host for the domain being created
            even if the root domain itself is not registered with Mailgun. The domain being created will still need
            to pass domain verification with valid spf records for the domain and valid DKIM record for the root
            domain. This does not effect the smtp mail-from host for the domain being created.
        use_automatic_sender_security: Enable Automatic Sender Security. This requires setting DNS CNAME entries for
            DKIM keys instead of a TXT record. Defaults to false.
        require_tls: If set to true, this requires messages for the domain only be sent over a TLS connection. If a
            TLS connection cannot be established, Mailgun will not deliver the message. If set to false, Mailgun
            will still try and upgrade the connection, but if Mailgun cannot, the message will be delivered over a
            plaintext SMTP connection. The default value is false.
        skip_verification: If set to true, the certificate and hostname will not be verified when trying to
            establish a TLS connection and Mailgun will accept any certificate during delivery of a message. If set
            to false, Mailgun will verify the certificate and hostname. If either one can not be verified, a TLS
            connection will not be established. The default value is false.
        encrypt_incoming_message: Enable encrypting incoming messages for the given domain. This cannot be altered
            via API after being set for security purposes. Reach out to Support to disable if necessary. Default to
            false.
        archive_to: If set to a URL, then each successfully delivered message will be submitted in an HTTP POST
            request to the URL. The Content-Type of the POST requests is application/mime and the request body is
            exactly what the recipient SMTP server received.
        ips: An optional, comma-separated list of IP addresses to be assigned to this domain. If not specified, all
            dedicated IP addresses on the account will be assigned. If the request cannot be fulfilled (e.g. a
            requested IP is not assigned to the account, etc), a 400 will be returned.
        pool_id: Requested IP Pool to be assigned to the domain at creation.
        message_ttl: Specifies the time-to-live (TTL) in seconds for retrieving both incoming and outgoing messages.
            The maximum TTL value is determined by your subscription plan.
        **extras: `extra_query=`, `extra_body=` and `extra_headers=` (mappings) add query parameters, form/JSON
            fields and headers Mailgun accepts that this method does not name yet; `extra_headers` may override a
            header.

    Returns:
        The parsed answer (CreateDomainResult).

    Raises:
        ValidationError: An argument is invalid; raised before anything is sent.
        APIStatusError: Mailgun answered with an error status (a subclass per status).

    Example:
        ```python
        created = client.domains.create("news.example.com", spam_action="tag", web_scheme="https")
        for record in created.sending_dns_records or []:
            print(record.record_type, record.name, record.value)  # publish these
        ```
    """
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
    """Change a domain's settings; only the arguments given are sent.

    Args:
        name: The domain's name, such as `mg.example.com`.
        spam_action: Updates the domain's spam action. Valid values are 'disabled', 'tag', and 'block'.
        wildcard: Updates the domain's wildcard status with the given boolean.
        smtp_password: Updates the domain's SMTP credentials with the given string.
        web_scheme: Updates your open, click and unsubscribe URLs to use http or https. Value either `http` or
            `https`. Defaults to http. In order for https to work, you must have a valid cert created for your
            domain. See Domain Tracking for TLS cert generation.
        web_prefix: This updates the web prefix used for a domain's tracking features. Must be a valid atom. Nothing
            will be updated if omitted. This impacts click, open, and unsubscribe tracking features. Note: Updating
            the web prefix for a domain will require also updating the domain's DNS to include the CNAME record to
            match.
        mailfrom_host: The hostname to update to. Must be in lower case.
        use_automatic_sender_security: Enable or disable Automatic Sender Security. If enabled, requires setting DNS
            CNAME entries for DKIM keys instead of a TXT record. Domain must be reverified after changing this
            field. Defaults to false.
        require_tls: If set to true, this requires messages for the domain only be sent over a TLS connection. If a
            TLS connection cannot be established, Mailgun will not deliver the message. If set to false, Mailgun
            will still try and upgrade the connection, but if Mailgun cannot, the message will be delivered over a
            plaintext SMTP connection. The default value is false.
        skip_verification: If set to true, the certificate and hostname will not be verified when trying to
            establish a TLS connection and Mailgun will accept any certificate during delivery of a message. If set
            to false, Mailgun will verify the certificate and hostname. If either one can not be verified, a TLS
            connection will not be established. The default value is false.
        archive_to: If set to a URL, then each successfully delivered message will be submitted in an HTTP POST
            request to the URL. The Content-Type of the POST requests is application/mime and the request body is
            exactly what the recipient SMTP server received.
        message_ttl: Specifies the time-to-live (TTL) in seconds for retrieving both incoming and outgoing messages.
            The maximum TTL value is determined by your subscription plan.
        **extras: `extra_query=`, `extra_body=` and `extra_headers=` (mappings) add query parameters, form/JSON
            fields and headers Mailgun accepts that this method does not name yet; `extra_headers` may override a
            header.

    Returns:
        The parsed answer (UpdateDomainResult).

    Raises:
        ValidationError: An argument is invalid; raised before anything is sent.
        NotFoundError: What the call names (the domain) does not exist.
        APIStatusError: Mailgun answered with an error status (a subclass per status).

    Example:
        ```python
        client.domains.update(domain, spam_action="block", require_tls=True)
        ```
    """
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
    """Ask Mailgun to check the domain's DNS records now.

    Args:
        name: The domain's name, such as `mg.example.com`.
        **extras: `extra_query=`, `extra_body=` and `extra_headers=` (mappings) add query parameters, form/JSON
            fields and headers Mailgun accepts that this method does not name yet; `extra_headers` may override a
            header.

    Returns:
        The parsed answer (VerifyDomainResult).

    Raises:
        ValidationError: An argument is invalid; raised before anything is sent.
        NotFoundError: What the call names (the domain) does not exist.
        APIStatusError: Mailgun answered with an error status (a subclass per status).

    Example:
        ```python
        result = client.domains.verify(domain)
        print(result.domain.state)
        ```
    """
    return _VERIFY.call(name=text("name", name))


def delete_domain(name: str, **extras: Unpack[RequestExtras]) -> Call[StatusMessage]:
    """Delete a domain (irreversible).

    Args:
        name: The domain's name, such as `mg.example.com`.
        **extras: `extra_query=`, `extra_body=` and `extra_headers=` (mappings) add query parameters, form/JSON
            fields and headers Mailgun accepts that this method does not name yet; `extra_headers` may override a
            header.

    Returns:
        The parsed answer (StatusMessage).

    Raises:
        ValidationError: An argument is invalid; raised before anything is sent.
        NotFoundError: What the call names (the domain) does not exist.
        APIStatusError: Mailgun answered with an error status (a subclass per status).

    Example:
        ```python
        client.domains.delete("old.example.com")
        ```
    """
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
