"""Suppressions: ``client.bounces``, ``client.unsubscribes``, ``client.complaints`` and ``client.allowlist``.

Each list has the same verbs: ``list(domain)``, ``get(domain, address)``, ``add(domain, address, ...)``,
``add_many(domain, entries)`` (not the allowlist: Mailgun has no batch call for it), ``import_csv(domain,
file)``, ``delete(domain, address)`` and ``delete_all(domain)``. The four lists share one implementation,
``_Kind``, parametrised by the list; only ``add`` and ``add_many`` have per-list fields, declared as data.

Spec problems handled here (the generated code is not used for these requests, only its operation index):

- ``POST /v3/{domain}/{bounces,unsubscribes,complaints}``: the generated request builder always raises
  ``TypeError`` (``isinstance(body, list[Bounce])``), and the spec's required ``Content-Type`` header parameter
  would break a form body.
- ``POST /v3/{domain}/unsubscribes``: the form field is ``tag``. The spec says ``tags``, which Mailgun ignores
  (recorded traffic: an address posted with ``tags=integration`` came back with ``tags: ["*"]``).
- ``POST /v3/{domain}/whitelists``: the spec requires ``address`` even to allowlist a domain.
- ``POST .../import``: the spec declares the CSV as a text field and sets ``Content-Type: multipart/form-data``
  without a boundary, which would make the upload unreadable.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import IO, Any, Generic, TypeVar, Union

from typing_extensions import Required, TypedDict

from .._call import Call, HandBuiltOperation, Operation, PagedCall, model_parser
from .._endpoint import AsyncResource, SyncResource, async_call, async_paged, sync_call, sync_paged
from .._exceptions import ValidationError
from .._extras import RequestExtras, Unpack
from .._paging import next_url_listing
from .._retry import RequestKind
from .._validation import int_range, opt_text, rfc2822, string_list, text
from ..types import (
    AllowlistAddResult,
    AllowlistDeleteResult,
    AllowlistEntry,
    AllowlistPage,
    Bounce,
    BouncesPage,
    Complaint,
    ComplaintsPage,
    StatusMessage,
    SuppressionResult,
    Unsubscribe,
    UnsubscribesPage,
)

__all__ = [
    "MAX_BATCH",
    "Allowlist",
    "AsyncAllowlist",
    "AsyncBounces",
    "AsyncComplaints",
    "AsyncUnsubscribes",
    "BounceEntry",
    "Bounces",
    "ComplaintEntry",
    "Complaints",
    "CsvSource",
    "UnsubscribeEntry",
    "Unsubscribes",
]

T = TypeVar("T")
ItemT = TypeVar("ItemT")
AddT = TypeVar("AddT")
DeletedT = TypeVar("DeletedT")

MAX_BATCH = 1000
"""Entries Mailgun takes in one ``add_many`` request."""

CsvSource = Union[str, "os.PathLike[str]", bytes, bytearray, memoryview, IO[bytes]]
"""A CSV to upload: a path, its bytes, or a binary file object (read in chunks, never loaded whole)."""


class BounceEntry(TypedDict, total=False):
    address: Required[str]
    code: int | str  # SMTP code; Mailgun's default is 550
    error: str
    created_at: dt.datetime  # timezone-aware


class UnsubscribeEntry(TypedDict, total=False):
    address: Required[str]
    tags: str | Sequence[str]  # "*" (the default) unsubscribes from everything the domain sends
    created_at: dt.datetime


class ComplaintEntry(TypedDict, total=False):
    address: Required[str]
    created_at: dt.datetime


# ------------------------------------------------------------------------------------------------ validation
Check = Callable[[str, Any], Any]


def email_address(name: str, value: Any) -> str:
    """An email address: ``local@domain``, no whitespace (Mailgun does the full check)."""
    address = text(name, value)
    local, at, host = address.rpartition("@")
    if not at or not local or not host or any(c.isspace() for c in address):
        raise ValidationError(name, f"must be an email address, got {value!r}")
    return address


def _domain_name(name: str, value: str) -> str:
    labels = value.rstrip(".").split(".")
    if len(labels) < 2 or not all(labels) or any(c.isspace() or c in "/\\:?#" for c in value):
        raise ValidationError(name, f"must be an email address or a domain name, got {value!r}")
    return value


def address_or_domain(name: str, value: Any) -> tuple[str, str]:
    """("address", value) for an email address, ("domain", value) for a domain name (allowlist entries)."""
    entry = text(name, value)
    if "@" in entry:
        return "address", email_address(name, entry)
    return "domain", _domain_name(name, entry)


def smtp_code(name: str, value: Any) -> str | None:
    """A bounce code: an SMTP reply code (int, 200 to 599) or Mailgun's string form of one ("550")."""
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return str(int_range(name, value, 200, 599))
    return text(name, value)


def _tag_list(name: str, value: Any) -> list[str] | None:
    return string_list(name, value)


def _open_text(name: str, value: Any) -> str | None:
    """Free text such as a bounce's SMTP error: may be empty, never a line break."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValidationError(name, f"must be a string, got {type(value).__name__}")
    return value if value == "" else text(name, value)


# --------------------------------------------------------------------------------------------------- uploads
class _PathReader:
    """A CSV on disk, streamed: opened on the first read and closed at its end, so a request that is built but
    never sent (or sent again by a retry: httpx seeks back to 0) holds no open file."""

    __slots__ = ("_file", "name", "path")

    def __init__(self, path: str) -> None:
        self.path = path
        self.name = os.path.basename(path)
        self._file: IO[bytes] | None = None

    def __repr__(self) -> str:
        return f"_PathReader({self.path!r})"

    def read(self, size: int = -1) -> bytes:
        if self._file is None:
            self._file = open(self.path, "rb")  # noqa: SIM115 - closed at end of file or by close()/seek(0)
        chunk = self._file.read(size)
        if not chunk:
            self.close()
        return chunk

    def tell(self) -> int:
        return 0 if self._file is None else self._file.tell()

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        if whence == io.SEEK_END and offset == 0 and self._file is None:
            return os.path.getsize(self.path)  # the length, for Content-Length, without opening the file
        if whence == io.SEEK_SET and offset == 0:
            self.close()  # the next read starts over
            return 0
        if self._file is None:
            self._file = open(self.path, "rb")  # noqa: SIM115
        return self._file.seek(offset, whence)

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None


def csv_upload(name: str, source: Any, filename: str | None) -> tuple[str, Any, str]:
    """The multipart file tuple for a CSV given as a path, bytes, or a binary file object."""
    if isinstance(source, (str, os.PathLike)):
        path = os.fspath(source)
        if not isinstance(path, str) or not os.path.isfile(path):
            raise ValidationError(name, f"no such file: {source!r}")
        stream: Any = _PathReader(path)
        default = stream.name
    elif isinstance(source, (bytes, bytearray, memoryview)):
        stream = bytes(source)
        if not stream:
            raise ValidationError(name, "the CSV is empty")
        default = "import.csv"
    elif callable(getattr(source, "read", None)):
        if isinstance(source, io.TextIOBase):
            raise ValidationError(name, "open the file in binary mode ('rb')")
        stream = source
        default = os.path.basename(str(getattr(source, "name", "") or "")) or "import.csv"
    else:
        raise ValidationError(name, f"must be a path, bytes or a binary file object, got {type(source).__name__}")
    return (opt_text("filename", filename) or default, stream, "text/csv")


# ------------------------------------------------------------------------------------------- the shared logic
def _page_items(page: Any) -> list[Any]:
    return page.items or []


class _Kind(Generic[ItemT, AddT, DeletedT]):
    """One suppression list (bounces, unsubscribes, complaints, allowlist): its operations and entry fields.

    ``json_fields`` are the fields of an ``add_many`` entry besides ``address``, with their checks.
    """

    def __init__(
        self,
        *,
        group: str,
        table: str,
        key: str,
        page: Callable[[Any], Any],
        item: Callable[[Any], ItemT],
        added: Callable[[Any], AddT],
        deleted: Callable[[Any], DeletedT],
        json_fields: Mapping[str, Check] | None = None,
    ) -> None:
        self.key = key  # the generated name of the entry path parameter: "address" or "value"
        self.json_fields = json_fields or {}
        stem = f"{group}.%s_domain_name_{table}"
        self._list = Operation(stem % "get", page)
        self._get = Operation(f"{stem % 'get'}_{key}", item)
        # Adding is an upsert: repeating it changes nothing, so it may be retried like a PUT.
        self._add = HandBuiltOperation(stem % "post", added, kind=RequestKind.IDEMPOTENT)
        self._import = HandBuiltOperation(f"{stem % 'post'}_import", model_parser(StatusMessage))
        self._delete = Operation(f"{stem % 'delete'}_{key}", deleted)
        self._delete_all = Operation(stem % "delete", model_parser(StatusMessage))

    # The public builders (bound methods: one signature and one docstring for the four lists).
    def list_entries(
        self, domain: str, *, term: str | None = None, limit: int = 100, **extras: Unpack[RequestExtras]
    ) -> PagedCall[ItemT]:
        """Iterate over the domain's entries, ``limit`` (1 to 1000) per page; ``term``: entries starting with it."""
        first = self._list.call(
            domain_name=text("domain", domain),
            term=opt_text("term", term),
            limit=int_range("limit", limit, 1, MAX_BATCH),
        )
        return next_url_listing(first, _page_items)

    def get_entry(self, domain: str, address: str, **extras: Unpack[RequestExtras]) -> Call[ItemT]:
        """One entry (``NotFoundError`` when the address is not on the list)."""
        return self._get.call(domain_name=text("domain", domain), **{self.key: text("address", address)})

    def delete_entry(self, domain: str, address: str, **extras: Unpack[RequestExtras]) -> Call[DeletedT]:
        """Take an address off the list: Mailgun delivers to it again."""
        return self._delete.call(domain_name=text("domain", domain), **{self.key: text("address", address)})

    def delete_all(self, domain: str, **extras: Unpack[RequestExtras]) -> Call[StatusMessage]:
        """Empty the domain's list (irreversible)."""
        return self._delete_all.call(domain_name=text("domain", domain))

    def import_csv(
        self, domain: str, file: CsvSource, *, filename: str | None = None, **extras: Unpack[RequestExtras]
    ) -> Call[StatusMessage]:
        """Upload a CSV (25 MB at most; a path, bytes or a binary file object, streamed). Mailgun answers 202
        and processes it afterwards. Columns: bounces ``address,code,error,created_at``; unsubscribes
        ``address,tags,created_at``; complaints ``address,created_at``; allowlist ``address,domain``."""
        upload = csv_upload("file", file, filename)
        return self._import.call(domain_name=text("domain", domain)).with_overrides(files=[("file", upload)])

    # The per-list builders below call these.
    def post_form(self, domain: str, fields: Mapping[str, str | None]) -> Call[AddT]:
        # multipart/form-data: the encoding the spec declares (and Mailgun's documentation uses) for these forms.
        parts = [(k, (None, v.encode(), "text/plain")) for k, v in fields.items() if v is not None]
        return self._add.call(domain_name=text("domain", domain)).with_overrides(files=parts)

    def post_json(self, domain: str, entries: Any) -> Call[StatusMessage]:
        rows = self.entries("entries", entries)
        return Call(self._add, {"domain_name": text("domain", domain)}, model_parser(StatusMessage)).with_overrides(
            json=rows
        )

    def entries(self, name: str, entries: Any) -> list[dict[str, Any]]:
        """``add_many`` entries (an address, or a dict of the list's fields) as JSON rows, 1 to 1000 of them."""
        if isinstance(entries, (str, bytes, Mapping)) or not isinstance(entries, Iterable):
            raise ValidationError(name, "must be a list of addresses or entry dicts")
        items = list(entries)
        if not 1 <= len(items) <= MAX_BATCH:
            raise ValidationError(name, f"must hold 1 to {MAX_BATCH} entries per request, got {len(items)}")
        allowed = {"address", *self.json_fields}
        rows = []
        for i, entry in enumerate(items):
            where = f"{name}[{i}]"
            if isinstance(entry, str):
                entry = {"address": entry}
            elif not isinstance(entry, Mapping):
                raise ValidationError(where, f"must be an address or a dict, got {type(entry).__name__}")
            unknown = set(entry) - allowed
            if unknown:
                raise ValidationError(where, f"unknown field(s) {sorted(unknown)}; allowed: {sorted(allowed)}")
            row: dict[str, Any] = {"address": email_address(f"{where}.address", entry.get("address"))}
            for field, check in self.json_fields.items():
                value = check(f"{where}.{field}", entry.get(field))
                if value is not None:
                    row[field] = value
            rows.append(row)
        return rows


BOUNCES: _Kind[Bounce, SuppressionResult, SuppressionResult] = _Kind(
    group="bounces",
    table="bounces",
    key="address",
    page=model_parser(BouncesPage),
    item=model_parser(Bounce),
    added=model_parser(SuppressionResult),
    deleted=model_parser(SuppressionResult),
    json_fields={"code": smtp_code, "error": _open_text, "created_at": rfc2822},
)
UNSUBSCRIBES: _Kind[Unsubscribe, SuppressionResult, SuppressionResult] = _Kind(
    group="unsubscribes",
    table="unsubscribes",
    key="address",
    page=model_parser(UnsubscribesPage),
    item=model_parser(Unsubscribe),
    added=model_parser(SuppressionResult),
    deleted=model_parser(SuppressionResult),
    json_fields={"tags": _tag_list, "created_at": rfc2822},
)
COMPLAINTS: _Kind[Complaint, SuppressionResult, SuppressionResult] = _Kind(
    group="complaints",
    table="complaints",
    key="address",
    page=model_parser(ComplaintsPage),
    item=model_parser(Complaint),
    added=model_parser(SuppressionResult),
    deleted=model_parser(SuppressionResult),
    json_fields={"created_at": rfc2822},
)
ALLOWLIST: _Kind[AllowlistEntry, AllowlistAddResult, AllowlistDeleteResult] = _Kind(
    group="allowlist",
    table="whitelists",
    key="value",
    page=model_parser(AllowlistPage),
    item=model_parser(AllowlistEntry),
    added=model_parser(AllowlistAddResult),
    deleted=model_parser(AllowlistDeleteResult),
)


# --------------------------------------------------------------------------------------- per-list add builders
def add_bounce(
    domain: str,
    address: str,
    *,
    code: int | str | None = None,
    error: str | None = None,
    created_at: dt.datetime | None = None,
    **extras: Unpack[RequestExtras],
) -> Call[SuppressionResult]:
    """Add one address to the bounce list (Mailgun's defaults: code 550, empty error, created now)."""
    return BOUNCES.post_form(
        domain,
        {
            "address": email_address("address", address),
            "code": smtp_code("code", code),
            "error": _open_text("error", error),
            "created_at": rfc2822("created_at", created_at),
        },
    )


def add_bounces(
    domain: str, entries: Iterable[str | BounceEntry], **extras: Unpack[RequestExtras]
) -> Call[StatusMessage]:
    """Add up to 1000 bounces in one request: addresses, or dicts with ``address``, ``code``, ``error``,
    ``created_at``."""
    return BOUNCES.post_json(domain, entries)


def add_unsubscribe(
    domain: str,
    address: str,
    *,
    tag: str | None = None,
    created_at: dt.datetime | None = None,
    **extras: Unpack[RequestExtras],
) -> Call[SuppressionResult]:
    """Unsubscribe one address from ``tag``'s mail, or from everything the domain sends (``"*"``, the default)."""
    return UNSUBSCRIBES.post_form(
        domain,
        {
            "address": email_address("address", address),
            "tag": opt_text("tag", tag),
            "created_at": rfc2822("created_at", created_at),
        },
    )


def add_unsubscribes(
    domain: str, entries: Iterable[str | UnsubscribeEntry], **extras: Unpack[RequestExtras]
) -> Call[StatusMessage]:
    """Add up to 1000 unsubscribes in one request: addresses, or dicts with ``address``, ``tags``,
    ``created_at``."""
    return UNSUBSCRIBES.post_json(domain, entries)


def add_complaint(
    domain: str, address: str, *, created_at: dt.datetime | None = None, **extras: Unpack[RequestExtras]
) -> Call[SuppressionResult]:
    """Add one address to the complaint list."""
    return COMPLAINTS.post_form(
        domain, {"address": email_address("address", address), "created_at": rfc2822("created_at", created_at)}
    )


def add_complaints(
    domain: str, entries: Iterable[str | ComplaintEntry], **extras: Unpack[RequestExtras]
) -> Call[StatusMessage]:
    """Add up to 1000 complaints in one request: addresses, or dicts with ``address``, ``created_at``."""
    return COMPLAINTS.post_json(domain, entries)


def add_allowlist_entry(
    domain: str, address: str, *, reason: str | None = None, **extras: Unpack[RequestExtras]
) -> Call[AllowlistAddResult]:
    """Allowlist an address (``qa@example.com``) or a whole domain (``example.com``): Mailgun never adds it to
    the bounce list. ``reason`` is kept with the entry."""
    field, value = address_or_domain("address", address)
    return ALLOWLIST.post_form(domain, {field: value, "reason": opt_text("reason", reason)})


# ---------------------------------------------------------------------------------------------- the resources
class Bounces(SyncResource):
    list = sync_paged(BOUNCES.list_entries)
    get = sync_call(BOUNCES.get_entry)
    add = sync_call(add_bounce)
    add_many = sync_call(add_bounces)
    import_csv = sync_call(BOUNCES.import_csv)
    delete = sync_call(BOUNCES.delete_entry)
    delete_all = sync_call(BOUNCES.delete_all)


class AsyncBounces(AsyncResource):
    list = async_paged(BOUNCES.list_entries)
    get = async_call(BOUNCES.get_entry)
    add = async_call(add_bounce)
    add_many = async_call(add_bounces)
    import_csv = async_call(BOUNCES.import_csv)
    delete = async_call(BOUNCES.delete_entry)
    delete_all = async_call(BOUNCES.delete_all)


class Unsubscribes(SyncResource):
    list = sync_paged(UNSUBSCRIBES.list_entries)
    get = sync_call(UNSUBSCRIBES.get_entry)
    add = sync_call(add_unsubscribe)
    add_many = sync_call(add_unsubscribes)
    import_csv = sync_call(UNSUBSCRIBES.import_csv)
    delete = sync_call(UNSUBSCRIBES.delete_entry)
    delete_all = sync_call(UNSUBSCRIBES.delete_all)


class AsyncUnsubscribes(AsyncResource):
    list = async_paged(UNSUBSCRIBES.list_entries)
    get = async_call(UNSUBSCRIBES.get_entry)
    add = async_call(add_unsubscribe)
    add_many = async_call(add_unsubscribes)
    import_csv = async_call(UNSUBSCRIBES.import_csv)
    delete = async_call(UNSUBSCRIBES.delete_entry)
    delete_all = async_call(UNSUBSCRIBES.delete_all)


class Complaints(SyncResource):
    list = sync_paged(COMPLAINTS.list_entries)
    get = sync_call(COMPLAINTS.get_entry)
    add = sync_call(add_complaint)
    add_many = sync_call(add_complaints)
    import_csv = sync_call(COMPLAINTS.import_csv)
    delete = sync_call(COMPLAINTS.delete_entry)
    delete_all = sync_call(COMPLAINTS.delete_all)


class AsyncComplaints(AsyncResource):
    list = async_paged(COMPLAINTS.list_entries)
    get = async_call(COMPLAINTS.get_entry)
    add = async_call(add_complaint)
    add_many = async_call(add_complaints)
    import_csv = async_call(COMPLAINTS.import_csv)
    delete = async_call(COMPLAINTS.delete_entry)
    delete_all = async_call(COMPLAINTS.delete_all)


class Allowlist(SyncResource):
    """Addresses and domains Mailgun never adds to the bounce list. No ``add_many``: use ``import_csv``."""

    list = sync_paged(ALLOWLIST.list_entries)
    get = sync_call(ALLOWLIST.get_entry)
    add = sync_call(add_allowlist_entry)
    import_csv = sync_call(ALLOWLIST.import_csv)
    delete = sync_call(ALLOWLIST.delete_entry)
    delete_all = sync_call(ALLOWLIST.delete_all)


class AsyncAllowlist(AsyncResource):
    """Addresses and domains Mailgun never adds to the bounce list. No ``add_many``: use ``import_csv``."""

    list = async_paged(ALLOWLIST.list_entries)
    get = async_call(ALLOWLIST.get_entry)
    add = async_call(add_allowlist_entry)
    import_csv = async_call(ALLOWLIST.import_csv)
    delete = async_call(ALLOWLIST.delete_entry)
    delete_all = async_call(ALLOWLIST.delete_all)
