"""The seam between the facade and generated/: operations, calls, and tolerant parsing.

This module is the only place that touches the generated client's operation modules. A facade method builds a
``Call``: which generated operation to run with which arguments, and how to turn the 2xx body into the result.
The clients execute calls through the one transport. If the generator changes how operations are laid out,
this file absorbs it.

Generated operation modules are imported on first use, not at import time: importing the whole generated
package costs ~650 ms.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import ModuleType
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar
from urllib.parse import quote

from ._deprecation import deprecation_message
from ._forms import URLENCODED, fields_and_files, urlencoded
from ._generated import import_generated
from ._retry import RequestKind

if TYPE_CHECKING:
    from ._extras import Extras

__all__ = [
    "Call",
    "HandBuiltOperation",
    "Operation",
    "PagedCall",
    "json_items",
    "list_parser",
    "model_parser",
    "raw_json",
]

log = logging.getLogger("mailgun")

T = TypeVar("T")
M = TypeVar("M", bound="_Model")
GENERATED = "mailgun_openapi.api."
PARSE_ERRORS = (KeyError, TypeError, ValueError, AttributeError, IndexError, OverflowError)


class _Model(Protocol):
    additional_properties: dict[str, Any]

    @classmethod
    def from_dict(cls: type[M], src_dict: Mapping[str, Any]) -> M: ...


# Methods whose repetition cannot create anything new (RFC 9110 idempotent methods).
_IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS"})


class Operation(Generic[T]):
    """One generated operation, loaded lazily, and how its 2xx body becomes the result.

    ``name`` is the operation's module under ``mailgun_openapi.api``; ``parse`` turns the decoded 2xx body into
    the result (declared once here, so every call of the operation, and the real-traffic conformance test,
    read answers the same way).
    """

    __slots__ = ("_deprecation", "_kind", "_module", "name", "parse")

    def __init__(
        self, name: str, parse: Callable[[Any], T], *, kind: RequestKind | None = None, register: bool = True
    ) -> None:
        self.name = name
        self.parse = parse
        self._kind = kind
        self._module: ModuleType | None = None
        self._deprecation: str | bool | None = False  # False: not computed yet
        if register:  # a curated method's operation (client.api's are not: mailgun/_api.py)
            _REGISTRY[name] = self

    def __repr__(self) -> str:
        return f"Operation({self.name!r})"

    @property
    def module(self) -> ModuleType:
        if self._module is None:
            self._module = import_generated(GENERATED + self.name)
        return self._module

    @property
    def info(self) -> tuple[str, str, bool]:
        """(METHOD, path template, deprecated by Mailgun) from the generated operation index."""
        from mailgun_openapi._operations import OPERATIONS

        method, path, deprecated = OPERATIONS[self.name]
        return method, path, deprecated

    @property
    def deprecation(self) -> str | None:
        """The deprecation warning text when Mailgun deprecated this operation (or we steer away from it)."""
        if self._deprecation is False:
            method, path, deprecated = self.info
            self._deprecation = deprecation_message(self.name, method, path, deprecated)
        return self._deprecation  # type: ignore[return-value]

    def kind_for(self, method: str) -> RequestKind:
        if self._kind is not None:
            return self._kind
        return RequestKind.IDEMPOTENT if method.upper() in _IDEMPOTENT_METHODS else RequestKind.UNSAFE

    def request_args(self, kwargs: Mapping[str, Any]) -> dict[str, Any]:
        """httpx request arguments (method, url, params, json/files/data, headers) from the generated code."""
        args: dict[str, Any] = self.module._get_kwargs(**kwargs)
        return args

    def call(self, **kwargs: Any) -> Call[T]:
        """A call of this operation; ``kwargs`` are the generated ``_get_kwargs`` arguments (None = not given)."""
        return Call(self, {k: v for k, v in kwargs.items() if v is not None}, self.parse)


_PLACEHOLDER = re.compile(r"\{([^}]+)\}")
_UNRESERVED = re.compile(r"[A-Za-z0-9._~-]+")  # RFC 3986 unreserved: nothing to quote (domain names)


def _path_segment(value: Any) -> str:
    text = str(value)
    return text if _UNRESERVED.fullmatch(text) else quote(text, safe="")


class HandBuiltOperation(Operation[T]):
    """An operation whose generated request builder cannot be used (it crashes, or encodes the body in a way
    Mailgun does not read): the facade builds the request from the operation index (method, path template)
    plus the call's ``overrides`` (the body). Responses are still read by ``parse``; openapi/README.md lists
    where and why."""

    __slots__ = ("_route",)

    def request_args(self, kwargs: Mapping[str, Any]) -> dict[str, Any]:
        route: tuple[str, str, list[str]] | None = getattr(self, "_route", None)
        if route is None:  # read once from the operation index (messages.send builds ~1,000 requests/s)
            method, path, _ = self.info
            route = self._route = (method, path, _PLACEHOLDER.findall(path))
        method, path, placeholders = route
        # Only the path's own placeholders: other kwargs (a request body) are not part of the URL.
        values = {name: _path_segment(kwargs[name]) for name in placeholders}
        return {"method": method, "url": path.format_map(values)}


# Every Operation the facade declares, by generated module name: the coverage and deprecation tests read it.
_REGISTRY: dict[str, Operation[Any]] = {}


def registered_operations() -> Mapping[str, Operation[Any]]:
    return _REGISTRY


@dataclass(frozen=True, slots=True)
class Call(Generic[T]):
    """What to send and how to read the answer. ``parse`` gets the decoded body (JSON, or text) of a 2xx."""

    operation: Operation[Any]
    kwargs: Mapping[str, Any]
    parse: Callable[[Any], T]
    # Replaces parts of the generated request (e.g. a `next` page URL, a storage host, a facade-built body).
    overrides: Mapping[str, Any] = field(default_factory=dict)
    # The caller's extra_query/extra_body/extra_headers (mailgun/_extras.py), merged last into every request.
    extras: Extras | None = None

    def request_args(self) -> dict[str, Any]:
        overrides = self.overrides
        if "method" in overrides:  # a whole request (a next page, client.api): the generated builder is not needed
            args = dict(overrides)
        else:
            args = self.operation.request_args(self.kwargs)
            if overrides:
                args.update(overrides)
        if self.extras is not None:
            args = self.extras.apply(args)
        if args.get("files") is not None:  # after the extras: extra_body fields are form fields too
            _encode_form(args)
        return args

    def with_overrides(self, **overrides: Any) -> Call[T]:
        # Not dataclasses.replace, which reads the fields again on every call (~3 us; once per request).
        return Call(self.operation, self.kwargs, self.parse, {**self.overrides, **overrides}, self.extras)

    def with_extras(self, extras: Extras | None) -> Call[T]:
        return self if extras is None else replace(self, extras=extras)

    def with_kwargs(self, **kwargs: Any) -> Call[T]:
        return replace(self, kwargs={**self.kwargs, **kwargs})


def _encode_form(args: dict[str, Any]) -> None:
    """A form that holds no file goes urlencoded; one with a file goes multipart, its fields as httpx's plain
    form fields (see ``mailgun._forms``)."""
    if args.get("data") is not None or args.get("content") is not None:
        return
    form = urlencoded(args["files"])
    if form is not None:
        args["files"] = None
        args["content"] = form
        args["headers"] = {**args["headers"], "Content-Type": URLENCODED} if args.get("headers") else _URLENCODED
        return
    split = fields_and_files(args["files"])
    if split is not None:
        args["data"], args["files"] = split


_URLENCODED = {"Content-Type": URLENCODED}


@dataclass(frozen=True, slots=True)
class PagedCall(Generic[T]):
    """A listing: the first page's call, how to read its items, and how to ask for the page at a cursor."""

    first: Call[Any]
    items: Callable[[Any], Sequence[T]]
    style: Any  # a mailgun._pagination.PaginationStyle
    at_cursor: Callable[[Call[Any], str], Call[Any]]

    def with_extras(self, extras: Extras | None) -> PagedCall[T]:
        """Every page carries them: later pages are made from ``first`` (``at_cursor``)."""
        return self if extras is None else replace(self, first=self.first.with_extras(extras))


def decode_body(content: bytes) -> Any:
    """JSON when it is JSON, else the text: Mailgun answers some calls with plain text (and some JSON with a
    text/html content type), so the body decides, not the header."""
    if not content:
        return None
    try:
        if len(content) < _SMALL_BODY:  # an answer to a send, one object: the stdlib is as quick, and loaded
            return json.loads(content)
        return (_LOADS or _json_loads())(content)
    except ValueError:
        return content.decode("utf-8", errors="replace")


_LOADS: Callable[[bytes], Any] | None = None
# Below this size msgspec's head start is a few microseconds, less than importing it (~10 ms) costs a process
# whose first calls are small (a send, one domain); pages of lists are larger and take msgspec.
_SMALL_BODY = 4096


def _json_loads() -> Callable[[bytes], Any]:
    """msgspec's JSON decoder (about twice as fast as the stdlib's on a page of bounces or events), falling back
    to the stdlib for what msgspec refuses and the stdlib reads (NaN, a BOM, lone surrogates, 1e999): the result
    is always what ``json.loads`` gives. Imported on first use, not with ``mailgun``."""
    global _LOADS
    try:
        import msgspec
    except ImportError:  # not installed (msgspec has no wheels for PyPy): the stdlib alone
        _LOADS = json.loads
        return _LOADS
    decode = msgspec.json.Decoder().decode
    refused = (msgspec.MsgspecError, ValueError)

    def loads(content: bytes) -> Any:
        try:
            return decode(content)
        except refused:
            return json.loads(content)

    _LOADS = loads
    return loads


def unwrapped(raw: Any, key: str) -> Any:
    """The object under ``key`` with its siblings beside its fields (``{"route": {...}, "message": ...}``), or
    ``raw`` itself when it is not wrapped: Mailgun wraps some answers the spec describes flat, and vice versa."""
    if isinstance(raw, Mapping) and isinstance(raw.get(key), Mapping):
        return {**{k: v for k, v in raw.items() if k != key}, **raw[key]}
    return raw


def model_parser(cls: type[M], *, unwrap: str | None = None) -> Callable[[Any], M]:
    """Parse a body into ``cls`` (first unwrapping ``{unwrap: {...}}`` when given); a body the model cannot read
    is still returned as data, never an exception: an empty model whose ``additional_properties`` hold it."""

    def parse(raw: Any) -> M:
        if unwrap is not None:
            raw = unwrapped(raw, unwrap)
        if isinstance(raw, Mapping):
            try:
                return cls.from_dict(raw)
            except PARSE_ERRORS as exc:
                log.warning(
                    "response did not match %s (%s: %s); returned as data", cls.__name__, type(exc).__name__, exc
                )
        salvaged = cls.from_dict({})  # tolerant: a reliably sent field it lacks raises MissingFieldError when read
        if _holds_raw_values(cls):
            salvaged.additional_properties = dict(raw) if isinstance(raw, Mapping) else {"body": raw}
        else:  # a map of models (countries -> stats): raw values would break it; `with_raw_response` has the body
            log.warning("%s: a %s body is returned as an empty map", cls.__name__, type(raw).__name__)
        return salvaged

    return parse


def _holds_raw_values(cls: type[Any]) -> bool:
    """Whether ``cls.additional_properties`` takes any JSON value (most models) rather than models."""
    import attrs

    declared: object = attrs.fields_dict(cls)["additional_properties"].type  # the annotation, as a string
    return declared == "dict[str, Any]"


def list_parser(item: Callable[[Any], T]) -> Callable[[Any], list[T]]:
    """Parse a JSON array body item by item (a non-array body gives an empty list, logged)."""

    def parse(raw: Any) -> list[T]:
        if not isinstance(raw, list):
            log.warning("expected a JSON array, got %s; returned an empty list", type(raw).__name__)
            return []
        return [item(entry) for entry in raw]

    return parse


def raw_json(raw: Any) -> Any:
    """For operations whose 2xx the spec does not describe: the decoded body as it came."""
    return raw


def json_items(key: str) -> Callable[[Any], list[dict[str, Any]]]:
    """Reads the ``key`` array of a decoded JSON page (objects the spec does not model) as a list of dicts."""

    def items(raw: Any) -> list[dict[str, Any]]:
        found = raw.get(key) if isinstance(raw, Mapping) else None
        return [item for item in found if isinstance(item, dict)] if isinstance(found, list) else []

    return items
