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
    """Iterate over the account's users; ``role`` filters ("basic" is the analyst role)."""
    first = _LIST.call(role=choice("role", role), limit=int_range("limit", limit, 1), skip=0)
    return skip_limit_listing(first, _items, limit=limit)


def get_user(user_id: str, **extras: Unpack[RequestExtras]) -> Call[User]:
    """One user of the account."""
    return _GET.call(user_id=text("user_id", user_id))


def get_me(**extras: Unpack[RequestExtras]) -> Call[User]:
    """The user the API key belongs to (a user key; account keys get 403)."""
    return _ME.call()


class Users(SyncResource):
    list = sync_paged(list_users)
    get = sync_call(get_user)
    me = sync_call(get_me)


class AsyncUsers(AsyncResource):
    list = async_paged(list_users)
    get = async_call(get_user)
    me = async_call(get_me)
