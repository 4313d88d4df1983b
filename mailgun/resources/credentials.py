"""SMTP credentials of a domain: ``client.credentials.list(domain) / create() / update() / delete() /
delete_all()``.

Passwords Mailgun generates come back in ``result.credentials`` (login -> password), once. Passwords, given or
returned, are ``Secret`` strings: plain values, masked in every repr.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .._call import Call, Operation, PagedCall, model_parser
from .._endpoint import AsyncResource, SyncResource, async_call, async_paged, sync_call, sync_paged
from .._extras import RequestExtras, Unpack
from .._paging import skip_limit_listing
from .._secret import Secret, secret_text
from .._validation import boolean, int_range, text
from ..types import (
    DeleteSmtpCredentialResult,
    DeleteSmtpCredentialsResult,
    SmtpCredential,
    SmtpCredentialsPage,
    SmtpCredentialsResult,
)

__all__ = ["AsyncCredentials", "Credentials"]


def _hide_passwords(raw: Any) -> Any:
    """The body with every ``credentials`` value (a password) as a ``Secret``, before parsing."""
    if isinstance(raw, Mapping):
        pairs = raw.get("credentials")
        if isinstance(pairs, Mapping):
            hidden = {k: Secret(v) if isinstance(v, str) else v for k, v in pairs.items()}
            return {**raw, "credentials": hidden}
    return raw


_parse_result = model_parser(SmtpCredentialsResult)


def _parse_credentials(raw: Any) -> SmtpCredentialsResult:
    return _parse_result(_hide_passwords(raw))


_LIST = Operation("credentials.get_domains_domain_name_credentials", model_parser(SmtpCredentialsPage))
_CREATE = Operation("credentials.post_domains_domain_name_credentials", _parse_credentials)
_UPDATE = Operation("credentials.put_domains_domain_name_credentials_spec", _parse_credentials)
_DELETE = Operation("credentials.delete_domains_domain_name_credentials_spec", model_parser(DeleteSmtpCredentialResult))
_DELETE_ALL = Operation("credentials.delete_domains_domain_name_credentials", model_parser(DeleteSmtpCredentialsResult))


def _items(page: SmtpCredentialsPage) -> list[SmtpCredential]:
    return page.items or []


def list_credentials(domain: str, *, limit: int = 100, **extras: Unpack[RequestExtras]) -> PagedCall[SmtpCredential]:
    """Iterate over a domain's SMTP credentials (logins and metadata; never passwords), 100 per page."""
    first = _LIST.call(domain_name=text("domain", domain), limit=int_range("limit", limit, 1, 1000), skip=0)
    return skip_limit_listing(first, _items, limit=limit)


def create_credential(
    domain: str,
    login: str,
    *,
    password: str | None = None,
    system: bool | None = None,
    **extras: Unpack[RequestExtras],
) -> Call[SmtpCredentialsResult]:
    """Create SMTP credentials for ``login`` (``user`` or ``user@domain``); without ``password`` Mailgun
    generates one and returns it in ``result.credentials``."""
    from mailgun_openapi.models.post_domains_domain_name_credentials_request import (
        PostDomainsDomainNameCredentialsRequest,
    )

    body = PostDomainsDomainNameCredentialsRequest(login=text("login", login))
    if password is not None:
        body.password = secret_text("password", password)
    flag = boolean("system", system)
    if flag is not None:
        body.system = flag
    return _CREATE.call(domain_name=text("domain", domain), body=body)


def update_credential(
    domain: str, login: str, *, password: str | None = None, **extras: Unpack[RequestExtras]
) -> Call[SmtpCredentialsResult]:
    """Change the password of ``login``; without ``password`` Mailgun generates one and returns it."""
    from mailgun_openapi.models.put_domains_domain_name_credentials_spec_request import (
        PutDomainsDomainNameCredentialsSpecRequest,
    )

    body = PutDomainsDomainNameCredentialsSpecRequest()
    if password is not None:
        body.password = secret_text("password", password)
    return _UPDATE.call(domain_name=text("domain", domain), spec=text("login", login), body=body)


def delete_credential(domain: str, login: str, **extras: Unpack[RequestExtras]) -> Call[DeleteSmtpCredentialResult]:
    """Delete the SMTP credentials of ``login``."""
    return _DELETE.call(domain_name=text("domain", domain), spec=text("login", login))


def delete_all_credentials(domain: str, **extras: Unpack[RequestExtras]) -> Call[DeleteSmtpCredentialsResult]:
    """Delete every SMTP credential of a domain (``result.count`` says how many)."""
    return _DELETE_ALL.call(domain_name=text("domain", domain))


class Credentials(SyncResource):
    list = sync_paged(list_credentials)
    create = sync_call(create_credential)
    update = sync_call(update_credential)
    delete = sync_call(delete_credential)
    delete_all = sync_call(delete_all_credentials)


class AsyncCredentials(AsyncResource):
    list = async_paged(list_credentials)
    create = async_call(create_credential)
    update = async_call(update_credential)
    delete = async_call(delete_credential)
    delete_all = async_call(delete_all_credentials)
