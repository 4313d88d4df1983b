"""Users of the account: ``client.users.list() / get() / me()``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._call import Call, Operation, PagedCall, model_parser
from .._endpoint import AsyncResource, SyncResource, async_call, async_paged, sync_call, sync_paged
from .._extras import RequestExtras, Unpack
from .._paging import skip_limit_listing
from .._validation import choice, int_range, text
from ..types import User, UsersPage

if TYPE_CHECKING:
    from ..literals import UserRole

__all__ = ["AsyncUsers", "Users"]

_LIST = Operation("users.get_users", model_parser(UsersPage))
_GET = Operation("users.get_users_user_id", model_parser(User))
_ME = Operation("users.get_users_me", model_parser(User))


def _items(page: UsersPage) -> list[User]:
    return page.users or []


def list_users(*, role: UserRole | None = None, limit: int = 100, **extras: Unpack[RequestExtras]) -> PagedCall[User]:
    """Iterate over the account's users; ``role`` filters ("basic" is the analyst role).

    Args:
        role: The user role by which to filter results (basic == analyst)
        limit: The number of users to return.
        **extras: `extra_query=`, `extra_body=` and `extra_headers=` (mappings) add query parameters, form/JSON
            fields and headers Mailgun accepts that this method does not name yet; `extra_headers` may override a
            header.

    Returns:
        An iterator over every User (`async for` on AsyncMailgun), one page per request.

    Raises:
        ValidationError: An argument is invalid; raised before anything is sent.
        APIStatusError: Mailgun answered with an error status (a subclass per status).

    Example:
        ```python
        for item in client.users.list():
            print(item)
        ```
    """
    first = _LIST.call(role=choice("role", role), limit=int_range("limit", limit, 1), skip=0)
    return skip_limit_listing(first, _items, limit=limit)


def get_user(user_id: str, **extras: Unpack[RequestExtras]) -> Call[User]:
    """One user of the account.

    Args:
        user_id: The ID of the user on the account.
        **extras: `extra_query=`, `extra_body=` and `extra_headers=` (mappings) add query parameters, form/JSON
            fields and headers Mailgun accepts that this method does not name yet; `extra_headers` may override a
            header.

    Returns:
        The parsed answer (User).

    Raises:
        ValidationError: An argument is invalid; raised before anything is sent.
        NotFoundError: What the call names (the user id) does not exist.
        APIStatusError: Mailgun answered with an error status (a subclass per status).

    Example:
        ```python
        result = client.users.get("5dd5f3c7b6e1b8a2c4d6e8f0")
        print(result)
        ```
    """
    return _GET.call(user_id=text("user_id", user_id))


def get_me(**extras: Unpack[RequestExtras]) -> Call[User]:
    """The user the API key belongs to (a user key; account keys get 403).

    Args:
        **extras: `extra_query=`, `extra_body=` and `extra_headers=` (mappings) add query parameters, form/JSON
            fields and headers Mailgun accepts that this method does not name yet; `extra_headers` may override a
            header.

    Returns:
        The parsed answer (User).

    Raises:
        ValidationError: An argument is invalid; raised before anything is sent.
        APIStatusError: Mailgun answered with an error status (a subclass per status).

    Example:
        ```python
        result = client.users.me()
        print(result)
        ```
    """
    return _ME.call()


class Users(SyncResource):
    list = sync_paged(list_users)
    get = sync_call(get_user)
    me = sync_call(get_me)


class AsyncUsers(AsyncResource):
    list = async_paged(list_users)
    get = async_call(get_user)
    me = async_call(get_me)
