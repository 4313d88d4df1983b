"""Email address validation: ``client.validations.validate(address)``."""

from __future__ import annotations

from .._call import Call, Operation, model_parser
from .._endpoint import AsyncResource, SyncResource, async_call, sync_call
from .._extras import RequestExtras, Unpack
from .._validation import boolean, text
from ..types import ValidationResult

__all__ = ["AsyncValidations", "Validations"]

_VALIDATE = Operation("validations.get_address_validate", model_parser(ValidationResult))


def validate_address(
    address: str, *, provider_lookup: bool | None = None, **extras: Unpack[RequestExtras]
) -> Call[ValidationResult]:
    """Validate one address: ``result`` ("deliverable", "undeliverable", "do_not_send", "catch_all",
    "unknown"), ``risk``, ``reason``, ``did_you_mean``...; ``provider_lookup=False`` skips the mailbox check."""
    return _VALIDATE.call(address=text("address", address), provider_lookup=boolean("provider_lookup", provider_lookup))


class Validations(SyncResource):
    validate = sync_call(validate_address)


class AsyncValidations(AsyncResource):
    validate = async_call(validate_address)
