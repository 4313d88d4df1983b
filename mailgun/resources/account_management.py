"""Account settings and the sandbox domain's authorized recipients: ``client.account.update() /
resend_activation_email() / list_sandbox_recipients() / add_sandbox_recipient() / delete_sandbox_recipient()``.

(The account's HTTP webhook signing key is under ``client.webhooks``.)
"""

from __future__ import annotations

from .._call import Call, Operation, model_parser
from .._endpoint import AsyncResource, SyncResource, async_call, sync_call
from .._exceptions import ValidationError
from .._extras import RequestExtras, Unpack
from .._validation import given, int_range, opt_text, text
from ..types import SandboxRecipientResult, SandboxRecipients, StatusMessage, SuccessResult

__all__ = ["Account", "AsyncAccount"]

_UPDATE = Operation("account_management.put_accounts", model_parser(StatusMessage))
_RESEND_ACTIVATION = Operation("account_management.post_accounts_resend_activation_email", model_parser(SuccessResult))
_RECIPIENTS = Operation("account_management.get_sandbox_auth_recipients", model_parser(SandboxRecipients))
_ADD_RECIPIENT = Operation("account_management.post_sandbox_auth_recipients", model_parser(SandboxRecipientResult))
_DELETE_RECIPIENT = Operation("account_management.delete_sandbox_auth_recipients_email", model_parser(StatusMessage))


def _email(value: str) -> str:
    address = text("email", value).strip()
    local, at, domain = address.rpartition("@")
    if not at or not local or not domain or " " in address:
        raise ValidationError("email", f"must be an email address, got {value!r}")
    return address


def update_account(
    *,
    name: str | None = None,
    inactive_session_timeout: int | None = None,
    absolute_session_timeout: int | None = None,
    logout_redirect_url: str | None = None,
    **extras: Unpack[RequestExtras],
) -> Call[StatusMessage]:
    """Change account settings (organization name, control-panel session timeouts in seconds, logout redirect);
    only the arguments given are sent."""
    fields = given(
        name=opt_text("name", name),
        inactive_session_timeout=int_range("inactive_session_timeout", inactive_session_timeout, 1),
        absolute_session_timeout=int_range("absolute_session_timeout", absolute_session_timeout, 1),
        logout_redirect_url=opt_text("logout_redirect_url", logout_redirect_url),
    )
    if not fields:
        raise ValidationError("name", "nothing to update: give at least one setting")
    return _UPDATE.call(**fields)


def resend_activation_email(**extras: Unpack[RequestExtras]) -> Call[SuccessResult]:
    """Send the account's activation email again."""
    return _RESEND_ACTIVATION.call()


def list_sandbox_recipients(**extras: Unpack[RequestExtras]) -> Call[SandboxRecipients]:
    """The addresses the sandbox domain may send to (one response: ``.recipients``)."""
    return _RECIPIENTS.call()


def add_sandbox_recipient(email: str, **extras: Unpack[RequestExtras]) -> Call[SandboxRecipientResult]:
    """Authorize an address for the sandbox domain; Mailgun emails it a confirmation link."""
    return _ADD_RECIPIENT.call(email=_email(email))


def delete_sandbox_recipient(email: str, **extras: Unpack[RequestExtras]) -> Call[StatusMessage]:
    """Remove an authorized sandbox recipient."""
    return _DELETE_RECIPIENT.call(email=_email(email))


class Account(SyncResource):
    update = sync_call(update_account)
    resend_activation_email = sync_call(resend_activation_email)
    list_sandbox_recipients = sync_call(list_sandbox_recipients)
    add_sandbox_recipient = sync_call(add_sandbox_recipient)
    delete_sandbox_recipient = sync_call(delete_sandbox_recipient)


class AsyncAccount(AsyncResource):
    update = async_call(update_account)
    resend_activation_email = async_call(resend_activation_email)
    list_sandbox_recipients = async_call(list_sandbox_recipients)
    add_sandbox_recipient = async_call(add_sandbox_recipient)
    delete_sandbox_recipient = async_call(delete_sandbox_recipient)
