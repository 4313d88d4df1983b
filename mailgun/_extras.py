"""``extra_query=``, ``extra_body=``, ``extra_headers=`` on every method: the way to send a parameter newer than
the SDK (as in openai-python). They are merged last, over what the method built.

Typing: each builder declares ``**extras: Unpack[RequestExtras]``, so the three keywords are part of the
signature that ``sync_call``/``async_call`` (a ParamSpec) hand on to IDEs and type checkers. A ParamSpec cannot
add keywords, and a decorator that adds them would hide the builder's own parameters; one declaration per builder
is what keeps both visible. At run time the bound method takes them off (``take``) before calling the builder,
and the call carries them (``Call.extras``) to ``Call.request_args``, the one place they are applied, for every
request the call makes: each page of a listing, each chunk of a batch, each retry. A test checks that every
curated method declares them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from typing import Any, TypedDict

import httpx
from typing_extensions import Unpack

from ._exceptions import ValidationError
from ._validation import has_line_break

__all__ = ["EXTRA_KEYWORDS", "Extras", "RequestExtras", "Unpack", "take"]


class RequestExtras(TypedDict, total=False):
    extra_query: Mapping[str, Any]
    """Query parameters added to the URL (a value replaces the method's own of the same name)."""
    extra_body: Mapping[str, Any]
    """Fields added to the body, in its encoding: a JSON object's keys, or form / multipart fields (a field
    replaces the method's own of the same name). A request without a body (a GET too) gets a form body."""
    extra_headers: Mapping[str, str]
    """Headers added to the request (``Authorization`` is the client's: use a client with the other key)."""


EXTRA_KEYWORDS = ("extra_query", "extra_body", "extra_headers")
_TOKEN = re.compile(r"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")  # RFC 9110 field-name
# Headers that carry the credentials or frame the message: an override would leak the key or break the request.
_RESERVED_HEADERS = frozenset({"authorization", "host", "content-length", "transfer-encoding"})
_SCALARS = (str, int, float)


class Extras:
    """The three mappings, checked (before anything is sent)."""

    __slots__ = ("body", "headers", "query")

    def __init__(
        self, query: Mapping[str, Any] | None, body: Mapping[str, Any] | None, headers: Mapping[str, str] | None
    ) -> None:
        self.query = _fields("extra_query", query)
        self.body = _mapping("extra_body", body)
        self.headers = _headers(headers)

    def __repr__(self) -> str:  # header values may be secrets: names only
        return f"Extras(query={sorted(self.query)}, body={sorted(self.body)}, headers={sorted(self.headers)})"

    def apply(self, args: dict[str, Any]) -> dict[str, Any]:
        """httpx request arguments with the extras merged last."""
        if self.query:
            url, params = args["url"], args.get("params")
            if params is None and "?" in url:  # a next page's URL keeps its cursor in its query
                url, _, params = url.partition("?")
            args["url"], args["params"] = url, httpx.QueryParams(params).merge(self.query)
        if self.headers:
            args["headers"] = {**(args.get("headers") or {}), **self.headers}
        if self.body:
            _merge_body(args, self.body)
        return args


def take(kwargs: dict[str, Any]) -> Extras | None:
    """Removes the extra_* keywords from a method's arguments: the checked extras, or None when none were given."""
    if "extra_query" not in kwargs and "extra_body" not in kwargs and "extra_headers" not in kwargs:
        return None
    query, body, headers = (kwargs.pop(name, None) for name in EXTRA_KEYWORDS)
    extras = Extras(query, body, headers)
    return extras if extras.query or extras.body or extras.headers else None


def _mapping(name: str, value: Any) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise ValidationError(name, f"must be a mapping, got {type(value).__name__}")
    for key in value:
        if not isinstance(key, str) or not key or has_line_break(key):
            raise ValidationError(name, f"names must be non-empty single-line strings, got {key!r}")
    return dict(value)


def _fields(name: str, value: Any) -> dict[str, Any]:
    """A mapping whose values are strings or numbers (or lists of them): query and form fields."""
    fields = _mapping(name, value)
    for key, item in fields.items():
        items = item if isinstance(item, (list, tuple)) else [item]
        if not all(isinstance(v, _SCALARS) and not isinstance(v, bool) for v in items):
            raise ValidationError(name, f"{key!r}: values must be strings or numbers (or lists of them), got {item!r}")
    return fields


def _headers(value: Any) -> dict[str, str]:
    headers = _mapping("extra_headers", value)
    for key, item in headers.items():
        if not _TOKEN.match(key):
            raise ValidationError("extra_headers", f"not a header name: {key!r}")
        if key.lower() in _RESERVED_HEADERS:
            raise ValidationError("extra_headers", f"{key} is set by the client and cannot be replaced")
        if not isinstance(item, str) or has_line_break(item):
            raise ValidationError("extra_headers", f"{key}: must be a single-line string (no CR, LF or NUL)")
    return headers


def _merge_body(args: dict[str, Any], extra: Mapping[str, Any]) -> None:
    json_body = args.get("json")
    if json_body is not None:
        if not isinstance(json_body, Mapping):
            raise ValidationError("extra_body", "this operation's JSON body is not an object: no field can be added")
        try:
            json.dumps(extra, allow_nan=False)
        except (TypeError, ValueError) as exc:
            raise ValidationError("extra_body", f"must be JSON-serialisable: {exc}") from None
        args["json"] = {**json_body, **extra}
        return
    if args.get("content") is not None:
        raise ValidationError("extra_body", "this operation sends a raw body: no field can be added")
    fields = _fields("extra_body", extra)
    files = args.get("files")
    if files:
        added = [(k, (None, str(v).encode(), "text/plain")) for k, values in fields.items() for v in _listed(values)]
        args["files"] = _without(files, fields) + added
        return
    data = args.get("data")
    if data is None or isinstance(data, Mapping):  # none yet: a form, Mailgun's encoding for v3 calls
        args["data"] = {**(data or {}), **fields}
    else:  # (name, value) pairs: repeated fields
        args["data"] = _without(data, fields) + [(k, v) for k, values in fields.items() for v in _listed(values)]


def _listed(value: Any) -> Sequence[Any]:
    return value if isinstance(value, (list, tuple)) else [value]


def _without(pairs: Any, names: Mapping[str, Any]) -> list[Any]:
    """Form parts (a mapping or (name, value) pairs) as pairs, less those that ``names`` replaces."""
    items = pairs.items() if isinstance(pairs, Mapping) else pairs
    return [pair for pair in items if pair[0] not in names]
