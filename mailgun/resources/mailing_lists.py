"""Mailing lists and their members: ``client.mailing_lists.list() / get() / create() / update() / delete()`` and
``list_members(list_address) / get_member() / add_member() / update_member() / delete_member() / add_members()
/ import_members_csv()``.

``list()`` and ``list_members()`` read ``/v3/lists/pages`` and ``/members/pages``: Mailgun pages those by the
address of the last item, so a listing neither skips nor repeats items when lists or members are added or removed
meanwhile, and a late page costs the server no more than the first. ``list_by_offset()`` and
``list_members_by_offset()`` read the ``skip``/``limit`` endpoints (``/v3/lists``, ``/members``), which can
filter by exact ``address``.
"""

from __future__ import annotations

import io
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TypeVar

import httpx

from .._call import Call, Operation, PagedCall, model_parser
from .._endpoint import AsyncResource, SyncResource, async_call, async_paged, sync_call, sync_paged
from .._exceptions import ValidationError
from .._extras import RequestExtras, Unpack
from .._paging import next_url_listing, skip_limit_listing
from .._validation import boolean, choice, given, int_range, mapping, opt_text, text
from ..types import (
    BulkMembersResult,
    DeleteMailingListResult,
    ListMember,
    ListMemberResult,
    ListMembersOffsetPage,
    ListMembersPage,
    MailingList,
    MailingListResult,
    MailingListsOffsetPage,
    MailingListsPage,
)

__all__ = ["AsyncMailingLists", "MailingLists"]

if TYPE_CHECKING:
    from ..literals import AccessLevel, ReplyPreference

T = TypeVar("T")
MAX_BULK_MEMBERS = 1000
CsvSource = str | os.PathLike[str] | bytes | IO[bytes]


# ``{"list": {...}}`` -> the list; a member comes as ``{"member": {...}}`` (the spec says its fields at the
# top level): both shapes are read.
_mailing_list = model_parser(MailingList, unwrap="list")
_member = model_parser(ListMember, unwrap="member")


_LIST = Operation("mailing_lists.get_lists_pages", model_parser(MailingListsPage))
_LIST_BY_OFFSET = Operation("mailing_lists.get_lists", model_parser(MailingListsOffsetPage))
_GET = Operation("mailing_lists.get_lists_list_address", _mailing_list)
# The create answer is `{list, message}` with status 200 (the spec: 201 and `{list}`), the update answer's shape.
_CREATE = Operation("mailing_lists.post_lists", model_parser(MailingListResult))
_UPDATE = Operation("mailing_lists.put_lists_list_address", model_parser(MailingListResult))
_DELETE = Operation("mailing_lists.delete_lists_list_address", model_parser(DeleteMailingListResult))

_LIST_MEMBERS = Operation("mailing_lists.get_lists_list_address_members_pages", model_parser(ListMembersPage))
_LIST_MEMBERS_BY_OFFSET = Operation("mailing_lists.get_lists_list_address_members", model_parser(ListMembersOffsetPage))
_GET_MEMBER = Operation("mailing_lists.get_lists_list_address_members_member_address", _member)
# Add, update and delete all answer `{member, message}` (the spec's delete schema omits `message`).
_ADD_MEMBER = Operation("mailing_lists.post_lists_list_address_members", model_parser(ListMemberResult))
_UPDATE_MEMBER = Operation(
    "mailing_lists.put_lists_list_address_members_member_address", model_parser(ListMemberResult)
)
_DELETE_MEMBER = Operation(
    "mailing_lists.delete_lists_list_address_members_member_address", model_parser(ListMemberResult)
)
_ADD_MEMBERS_JSON = Operation("mailing_lists.post_lists_list_address_members_json", model_parser(BulkMembersResult))
_ADD_MEMBERS_CSV = Operation("mailing_lists.post_lists_list_address_members_csv", model_parser(BulkMembersResult))


def _keep_query(paged: PagedCall[T]) -> PagedCall[T]:
    """Page URLs that leave out the first request's query (the ``subscribed`` filter, the page size) get it
    back; what a page URL does carry wins."""
    first = httpx.QueryParams(paged.first.request_args().get("params") or {})

    def at_cursor(call: Call[Any], cursor: str) -> Call[Any]:
        page = paged.at_cursor(call, cursor)
        path, _, query = page.overrides["url"].partition("?")
        return page.with_overrides(url=path, params=first.merge(httpx.QueryParams(query)))

    return replace(paged, at_cursor=at_cursor)


def _flag(value: bool) -> bytes:
    return b"true" if value else b"false"


def _json_object(name: str, value: Any) -> dict[str, Any] | None:
    """A mapping that JSON can encode (member ``vars``)."""
    found = mapping(name, value)
    if found is None:
        return None
    try:
        json.dumps(found)
    except (TypeError, ValueError) as exc:
        raise ValidationError(name, f"must be JSON-serialisable: {exc}") from None
    return dict(found)


# Lists


def _list_items(page: MailingListsPage | MailingListsOffsetPage) -> list[MailingList]:
    return page.items or []


def list_mailing_lists(*, limit: int = 100, **extras: Unpack[RequestExtras]) -> PagedCall[MailingList]:
    """Iterate over the account's mailing lists (``for ml in client.mailing_lists.list()``), 100 per page."""
    first = _LIST.call(limit=int_range("limit", limit, 1, 1000))
    return _keep_query(next_url_listing(first, _list_items))


def list_mailing_lists_by_offset(
    *, address: str | None = None, limit: int = 100, **extras: Unpack[RequestExtras]
) -> PagedCall[MailingList]:
    """Iterate with ``skip``/``limit`` offsets (``/v3/lists``); ``address`` keeps only that list."""
    first = _LIST_BY_OFFSET.call(address=opt_text("address", address), limit=int_range("limit", limit, 1, 1000), skip=0)
    return skip_limit_listing(first, _list_items, limit=limit)


def get_mailing_list(address: str, **extras: Unpack[RequestExtras]) -> Call[MailingList]:
    """One mailing list by its address."""
    return _GET.call(list_address=text("address", address))


def create_mailing_list(
    address: str,
    *,
    name: str | None = None,
    description: str | None = None,
    access_level: AccessLevel | None = None,
    reply_preference: ReplyPreference | None = None,
    **extras: Unpack[RequestExtras],
) -> Call[MailingListResult]:
    """Create a mailing list; ``access_level`` is "readonly" (the default), "members" or "everyone";
    ``reply_preference`` "list" (the default) or "sender"."""
    from mailgun_openapi.models.post_lists_body import PostListsBody

    body = PostListsBody(
        address=text("address", address),
        **given(
            name=opt_text("name", name),
            description=opt_text("description", description),
            access_level=choice("access_level", access_level),
            reply_preference=choice("reply_preference", reply_preference),
        ),
    )
    return _CREATE.call(body=body)


def update_mailing_list(
    address: str,
    *,
    new_address: str | None = None,
    name: str | None = None,
    description: str | None = None,
    access_level: AccessLevel | None = None,
    reply_preference: ReplyPreference | None = None,
    list_id: str | None = None,
    **extras: Unpack[RequestExtras],
) -> Call[MailingListResult]:
    """Change a mailing list (``new_address`` renames it); only the arguments given are sent."""
    from mailgun_openapi.models.put_lists_list_address_body import PutListsListAddressBody

    fields = given(
        address=opt_text("new_address", new_address),
        name=opt_text("name", name),
        description=opt_text("description", description),
        access_level=choice("access_level", access_level),
        list_id=opt_text("list_id", list_id),
    )
    preference = choice("reply_preference", reply_preference)
    if not fields and preference is None:
        raise ValidationError("address", "nothing to update: give at least one setting")
    body = PutListsListAddressBody(**fields)
    if preference is not None:
        # The spec misspells this field `reply_reference`; Mailgun reads `reply_preference`.
        body.additional_properties["reply_preference"] = preference
    return _UPDATE.call(list_address=text("address", address), body=body)


def delete_mailing_list(address: str, **extras: Unpack[RequestExtras]) -> Call[DeleteMailingListResult]:
    """Delete a mailing list and its members."""
    return _DELETE.call(list_address=text("address", address))


# Members


def _member_items(page: ListMembersPage | ListMembersOffsetPage) -> list[ListMember]:
    return page.items or []


def list_members(
    list_address: str, *, subscribed: bool | None = None, limit: int = 100, **extras: Unpack[RequestExtras]
) -> PagedCall[ListMember]:
    """Iterate over a list's members, ``subscribed=True``/``False`` for only those, 100 per page (the maximum)."""
    first = _LIST_MEMBERS.call(
        list_address=text("list_address", list_address),
        subscribed=boolean("subscribed", subscribed),
        limit=int_range("limit", limit, 1, 100),
    )
    return _keep_query(next_url_listing(first, _member_items))


def list_members_by_offset(
    list_address: str,
    *,
    address: str | None = None,
    subscribed: bool | None = None,
    limit: int = 100,
    **extras: Unpack[RequestExtras],
) -> PagedCall[ListMember]:
    """Iterate with ``skip``/``limit`` offsets (``/members``); ``address`` keeps only that member."""
    first = _LIST_MEMBERS_BY_OFFSET.call(
        list_address=text("list_address", list_address),
        address=opt_text("address", address),
        subscribed=boolean("subscribed", subscribed),
        limit=int_range("limit", limit, 1, 100),
        skip=0,
    )
    return skip_limit_listing(first, _member_items, limit=limit)


def get_member(list_address: str, member_address: str, **extras: Unpack[RequestExtras]) -> Call[ListMember]:
    """One member of a list."""
    return _GET_MEMBER.call(
        list_address=text("list_address", list_address), member_address=text("member_address", member_address)
    )


def add_member(
    list_address: str,
    address: str,
    *,
    name: str | None = None,
    vars: Mapping[str, Any] | None = None,
    subscribed: bool | None = None,
    upsert: bool | None = None,
    **extras: Unpack[RequestExtras],
) -> Call[ListMemberResult]:
    """Add a member; ``vars`` (any JSON object) is stored with it; ``upsert=True`` updates an existing member
    instead of failing."""
    from mailgun_openapi.models.post_lists_list_address_members_body import PostListsListAddressMembersBody
    from mailgun_openapi.models.post_lists_list_address_members_body_vars import PostListsListAddressMembersBodyVars

    variables = _json_object("vars", vars)
    body = PostListsListAddressMembersBody(
        address=text("address", address),
        **given(
            name=opt_text("name", name),
            vars_=None if variables is None else PostListsListAddressMembersBodyVars.from_dict(variables),
            subscribed=boolean("subscribed", subscribed),
            upsert=boolean("upsert", upsert),
        ),
    )
    return _ADD_MEMBER.call(list_address=text("list_address", list_address), body=body)


def update_member(
    list_address: str,
    member_address: str,
    *,
    new_address: str | None = None,
    name: str | None = None,
    vars: Mapping[str, Any] | None = None,
    subscribed: bool | None = None,
    **extras: Unpack[RequestExtras],
) -> Call[ListMemberResult]:
    """Change a member (``vars`` replaces the stored ones); only the arguments given are sent."""
    from mailgun_openapi.models.put_lists_list_address_members_member_address_body import (
        PutListsListAddressMembersMemberAddressBody,
    )
    from mailgun_openapi.models.put_lists_list_address_members_member_address_body_vars import (
        PutListsListAddressMembersMemberAddressBodyVars,
    )

    variables = _json_object("vars", vars)
    fields = given(
        address=opt_text("new_address", new_address),
        name=opt_text("name", name),
        vars_=None if variables is None else PutListsListAddressMembersMemberAddressBodyVars.from_dict(variables),
        subscribed=boolean("subscribed", subscribed),
    )
    if not fields:
        raise ValidationError("member_address", "nothing to update: give new_address, name, vars or subscribed")
    return _UPDATE_MEMBER.call(
        list_address=text("list_address", list_address),
        member_address=text("member_address", member_address),
        body=PutListsListAddressMembersMemberAddressBody(**fields),
    )


def delete_member(list_address: str, member_address: str, **extras: Unpack[RequestExtras]) -> Call[ListMemberResult]:
    """Remove a member from a list."""
    return _DELETE_MEMBER.call(
        list_address=text("list_address", list_address), member_address=text("member_address", member_address)
    )


_MEMBER_KEYS = frozenset({"address", "name", "vars", "subscribed"})


def _bulk_member(index: int, value: Any) -> str | dict[str, Any]:
    where = f"members[{index}]"
    if isinstance(value, str):
        return text(where, value)
    if not isinstance(value, Mapping):
        raise ValidationError(where, f"must be an address or a mapping, got {type(value).__name__}")
    unknown = set(value) - _MEMBER_KEYS
    if unknown:
        raise ValidationError(where, f"unknown keys {sorted(map(str, unknown))}; use {sorted(_MEMBER_KEYS)}")
    member: dict[str, Any] = {"address": text(f"{where}.address", value.get("address"))}
    member.update(
        given(
            name=opt_text(f"{where}.name", value.get("name")),
            vars=_json_object(f"{where}.vars", value.get("vars")),
            subscribed=boolean(f"{where}.subscribed", value.get("subscribed")),
        )
    )
    return member


def add_members(
    list_address: str,
    members: Iterable[str | Mapping[str, Any]],
    *,
    upsert: bool | None = None,
    **extras: Unpack[RequestExtras],
) -> Call[BulkMembersResult]:
    """Add up to 1000 members in one call: addresses, or mappings with ``address`` and optional ``name``,
    ``vars`` and ``subscribed``. Over 100, Mailgun adds them in the background (see ``task_id``)."""
    if isinstance(members, (str, bytes, Mapping)) or not isinstance(members, Iterable):
        raise ValidationError("members", "must be a list of addresses or of member mappings")
    entries = [_bulk_member(i, member) for i, member in enumerate(members)]
    if not entries:
        raise ValidationError("members", "must not be empty")
    if len(entries) > MAX_BULK_MEMBERS:
        raise ValidationError("members", f"at most {MAX_BULK_MEMBERS} per call, got {len(entries)}")
    encoded = json.dumps(entries)
    flag = boolean("upsert", upsert)
    call = _ADD_MEMBERS_JSON.call(list_address=text("list_address", list_address), members=encoded)
    # The spec accepts `members` and `upsert` in the query or as form fields (openapi/overlay.yaml); up to 1000
    # members do not fit in a URL, so the facade sends a multipart body.
    files: list[tuple[str, tuple[None, bytes, str]]] = [("members", (None, encoded.encode(), "application/json"))]
    if flag is not None:
        files.append(("upsert", (None, _flag(flag), "text/plain")))
    return call.with_overrides(params={}, files=files)


class _PathReader:
    """A file opened only while the request body is being sent, and closed at its end: a ``Call`` built but never
    sent holds no file open, and a retry reads it again."""

    def __init__(self, path: Path) -> None:
        self.name = str(path)
        self._path = path
        self._file: IO[bytes] | None = None
        self._position = 0

    def read(self, size: int = -1) -> bytes:
        if self._file is None:
            self._file = self._path.open("rb")
            self._file.seek(self._position)
        chunk = self._file.read(size)
        self._position += len(chunk)
        if not chunk or size < 0:
            self.close()
        return chunk

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        if whence == os.SEEK_END:
            offset += self._path.stat().st_size
        elif whence == os.SEEK_CUR:
            offset += self._position
        self._position = max(offset, 0)
        if self._file is not None:
            self._file.seek(self._position)
        return self._position

    def tell(self) -> int:
        return self._position

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None


def _csv_upload(value: Any) -> tuple[str, Any, str]:
    """(file name, content, content type) for a multipart upload, streamed from a path or a file object."""
    if isinstance(value, (bytes, bytearray, memoryview)):
        if not value:
            raise ValidationError("csv", "must not be empty")
        return "members.csv", bytes(value), "text/csv"
    if isinstance(value, (str, os.PathLike)):
        path = Path(value)
        if not path.is_file():
            raise ValidationError("csv", f"no such file: {str(path)!r} (pass CSV content as bytes)")
        return path.name, _PathReader(path), "text/csv"
    if isinstance(value, io.TextIOBase):
        raise ValidationError("csv", "open the file in binary mode ('rb')")
    if callable(getattr(value, "read", None)):
        name = getattr(value, "name", None)
        return (Path(name).name if isinstance(name, str) and name else "members.csv"), value, "text/csv"
    raise ValidationError("csv", f"must be a path, bytes or a binary file object, got {type(value).__name__}")


def import_members_csv(
    list_address: str,
    csv: CsvSource,
    *,
    subscribed: bool | None = None,
    upsert: bool | None = None,
    **extras: Unpack[RequestExtras],
) -> Call[BulkMembersResult]:
    """Upload a CSV of members (up to 1000; columns such as ``address``, ``name``, ``vars``), from a path, bytes
    or a binary file object, streamed. ``subscribed`` applies to every row; ``upsert=True`` updates existing
    members."""
    upload = _csv_upload(csv)
    flags = given(subscribed=boolean("subscribed", subscribed), upsert=boolean("upsert", upsert))
    call = _ADD_MEMBERS_CSV.call(list_address=text("list_address", list_address))
    # The spec's `members` is a text field holding a file path; Mailgun wants the file itself.
    files: list[tuple[str, Any]] = [(key, (None, _flag(flag), "text/plain")) for key, flag in flags.items()]
    files.append(("members", upload))
    return call.with_overrides(files=files)


class MailingLists(SyncResource):
    list = sync_paged(list_mailing_lists)
    list_by_offset = sync_paged(list_mailing_lists_by_offset)
    get = sync_call(get_mailing_list)
    create = sync_call(create_mailing_list)
    update = sync_call(update_mailing_list)
    delete = sync_call(delete_mailing_list)
    list_members = sync_paged(list_members)
    list_members_by_offset = sync_paged(list_members_by_offset)
    get_member = sync_call(get_member)
    add_member = sync_call(add_member)
    update_member = sync_call(update_member)
    delete_member = sync_call(delete_member)
    add_members = sync_call(add_members)
    import_members_csv = sync_call(import_members_csv)


class AsyncMailingLists(AsyncResource):
    list = async_paged(list_mailing_lists)
    list_by_offset = async_paged(list_mailing_lists_by_offset)
    get = async_call(get_mailing_list)
    create = async_call(create_mailing_list)
    update = async_call(update_mailing_list)
    delete = async_call(delete_mailing_list)
    list_members = async_paged(list_members)
    list_members_by_offset = async_paged(list_members_by_offset)
    get_member = async_call(get_member)
    add_member = async_call(add_member)
    update_member = async_call(update_member)
    delete_member = async_call(delete_member)
    add_members = async_call(add_members)
    import_members_csv = async_call(import_members_csv)
