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
    "unknown"), ``risk``, ``reason``, ``did_you_mean``...; ``provider_lookup=False`` skips the mailbox check.

    Args:
        address: The address to be validated.
        provider_lookup: Enable/disable provider lookup, default is true.
        **extras: `extra_query=`, `extra_body=` and `extra_headers=` (mappings) add query parameters, form/JSON
            fields and headers Mailgun accepts that this method does not name yet; `extra_headers` may override a
            header.

    Returns:
        The parsed answer (ValidationResult).

    Raises:
        ValidationError: An argument is invalid; raised before anything is sent.
        APIStatusError: Mailgun answered with an error status (a subclass per status).

    Example:
        ```python
        result = client.validations.validate("ann@example.org")
        print(result)
        ```
    """
    return _VALIDATE.call(address=text("address", address), provider_lookup=boolean("provider_lookup", provider_lookup))


class Validations(SyncResource):
    validate = sync_call(validate_address)


class AsyncValidations(AsyncResource):
    validate = async_call(validate_address)
