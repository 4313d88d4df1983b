"""API keys: ``client.api_keys.list() / create() / delete() / regenerate_public_key()``.

A new key's secret is in the result of ``create()`` (``result.key.secret``), once: Mailgun never shows it again.
It is a ``Secret``: a ``str`` whose ``repr()`` is masked, so printing or logging the result shows no key.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .._call import Call, Operation, model_parser
from .._endpoint import AsyncResource, SyncResource, async_call, sync_call
from .._exceptions import ValidationError
from .._extras import RequestExtras, Unpack
from .._secret import Secret, secret_text
from .._validation import choice, given, int_range, opt_text, text
from ..types import ApiKeyList, CreatedApiKey, PublicKeyResult, StatusMessage

if TYPE_CHECKING:
    from ..literals import KeyKind, KeyRole

__all__ = ["ApiKeys", "AsyncApiKeys", "Secret", "secret_text"]


def _hide_key_secret(raw: Any) -> Any:
    """The body with ``key.secret`` as a ``Secret`` (before parsing, so even a salvaged body hides it)."""
    if isinstance(raw, Mapping):
        key = raw.get("key")
        if isinstance(key, Mapping) and isinstance(key.get("secret"), str):
            return {**raw, "key": {**key, "secret": Secret(key["secret"])}}
    return raw


_parse_created = model_parser(CreatedApiKey)


def _parse_created_key(raw: Any) -> CreatedApiKey:
    return _parse_created(_hide_key_secret(raw))


_LIST = Operation("keys.get_keys", model_parser(ApiKeyList))
_CREATE = Operation("keys.post_keys", _parse_created_key)
_DELETE = Operation("keys.delete_keys_key_id", model_parser(StatusMessage))
_REGENERATE_PUBLIC = Operation("keys.post_keys_public", model_parser(PublicKeyResult))


def list_keys(
    *, domain_name: str | None = None, kind: KeyKind | None = None, **extras: Unpack[RequestExtras]
) -> Call[ApiKeyList]:
    """The account's API keys (one response: ``.items``, ``.total_count``); secrets are never listed."""
    return _LIST.call(domain_name=opt_text("domain_name", domain_name), kind=choice("kind", kind))


def create_key(
    *,
    role: KeyRole,
    kind: KeyKind | None = None,
    domain_name: str | None = None,
    description: str | None = None,
    expiration: int | None = None,
    user_id: str | None = None,
    user_name: str | None = None,
    email: str | None = None,
    **extras: Unpack[RequestExtras],
) -> Call[CreatedApiKey]:
    """Create an API key; ``result.key.secret`` holds its value (shown once; masked in reprs)."""
    from mailgun_openapi.models.post_keys_request import PostKeysRequest

    text("role", role)
    kind = choice("kind", kind)
    domain_name = opt_text("domain_name", domain_name)
    if kind == "domain" and domain_name is None:
        raise ValidationError("domain_name", "is required for a key of kind 'domain'")
    body = PostKeysRequest(
        **given(
            role=role,
            kind=kind,
            domain_name=domain_name,
            description=opt_text("description", description),
            expiration=int_range("expiration", expiration, 1),
            user_id=opt_text("user_id", user_id),
            user_name=opt_text("user_name", user_name),
            email=opt_text("email", email),
        )
    )
    return _CREATE.call(body=body)


def delete_key(key_id: str, **extras: Unpack[RequestExtras]) -> Call[StatusMessage]:
    """Delete an API key by its id (``ApiKey.id``, not the secret)."""
    return _DELETE.call(key_id=text("key_id", key_id))


def regenerate_public_key(**extras: Unpack[RequestExtras]) -> Call[PublicKeyResult]:
    """Replace the account's public validation key (``pubkey-...``); the old one stops working."""
    return _REGENERATE_PUBLIC.call()


class ApiKeys(SyncResource):
    list = sync_call(list_keys)
    create = sync_call(create_key)
    delete = sync_call(delete_key)
    regenerate_public_key = sync_call(regenerate_public_key)


class AsyncApiKeys(AsyncResource):
    list = async_call(list_keys)
    create = async_call(create_key)
    delete = async_call(delete_key)
    regenerate_public_key = async_call(regenerate_public_key)
