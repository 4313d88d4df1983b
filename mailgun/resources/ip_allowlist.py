"""The account's IP allowlist (which addresses may use the API): ``client.ip_allowlist.list() / add() /
update() / delete()``. Every call answers with the allowlist as it is afterwards."""

from __future__ import annotations

import ipaddress

from .._call import Call, Operation, model_parser
from .._endpoint import AsyncResource, SyncResource, async_call, sync_call
from .._exceptions import ValidationError
from .._extras import RequestExtras, Unpack
from .._validation import has_line_break, text
from ..types import IpAllowlistResult

__all__ = ["AsyncIpAllowlist", "IpAllowlist"]

_LIST = Operation("ip_allowlist.get_ip_whitelist", model_parser(IpAllowlistResult))
_ADD = Operation("ip_allowlist.post_ip_whitelist", model_parser(IpAllowlistResult))
_UPDATE = Operation("ip_allowlist.put_ip_whitelist", model_parser(IpAllowlistResult))
_DELETE = Operation("ip_allowlist.delete_ip_whitelist", model_parser(IpAllowlistResult))


def _address(value: str) -> str:
    """An IPv4/IPv6 address or a CIDR network, as given."""
    address = text("address", value).strip()
    try:
        ipaddress.ip_network(address, strict=False)
    except ValueError:
        raise ValidationError("address", f"must be an IP address or a CIDR network, got {value!r}") from None
    return address


def list_allowlist(**extras: Unpack[RequestExtras]) -> Call[IpAllowlistResult]:
    """The allowlisted addresses (``.addresses``: ``ip_address`` and ``description``)."""
    return _LIST.call()


def add_address(
    address: str, *, description: str | None = None, **extras: Unpack[RequestExtras]
) -> Call[IpAllowlistResult]:
    """Allowlist an IP address or CIDR network."""
    from mailgun_openapi.models.post_ip_whitelist_request import PostIpWhitelistRequest

    body = PostIpWhitelistRequest(address=_address(address))
    if description is not None:
        body.description = text("description", description)
    return _ADD.call(body=body)


def update_address(address: str, *, description: str, **extras: Unpack[RequestExtras]) -> Call[IpAllowlistResult]:
    """Change the description of an allowlisted address (``""`` clears it)."""
    from mailgun_openapi.models.put_ip_whitelist_request import PutIpWhitelistRequest

    if not isinstance(description, str) or has_line_break(description):
        raise ValidationError("description", "must be a single-line string ('' clears it)")
    return _UPDATE.call(body=PutIpWhitelistRequest(address=_address(address), description=description))


def delete_address(address: str, **extras: Unpack[RequestExtras]) -> Call[IpAllowlistResult]:
    """Remove an address from the allowlist."""
    return _DELETE.call(address=_address(address))


class IpAllowlist(SyncResource):
    list = sync_call(list_allowlist)
    add = sync_call(add_address)
    update = sync_call(update_address)
    delete = sync_call(delete_address)


class AsyncIpAllowlist(AsyncResource):
    list = async_call(list_allowlist)
    add = async_call(add_address)
    update = async_call(update_address)
    delete = async_call(delete_address)
