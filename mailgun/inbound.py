"""Inbound mail: the posts Mailgun's routes make to your URL (``forward("https://...")``, ``store(notify=...)``).

Two shapes, both signed like webhooks (``timestamp``, ``token``, ``signature`` fields):

- **parsed** (the default): ``recipient``, ``sender``, ``from``, ``subject``, ``body-plain``, ``stripped-text``,
  ``stripped-signature``, ``body-html``, ``stripped-html``, ``message-headers`` (JSON list of pairs),
  ``content-id-map`` (JSON), ``attachment-count`` and ``attachment-1`` ... ``attachment-N`` (files);
  urlencoded, or multipart when there are attachments.
- **raw MIME** (a route URL ending in ``mime``): ``body-mime`` holds the whole message, parsed here with
  :mod:`email`.

Typical use, with the raw request body (bytes, or a binary file object such as the request's stream)::

    with parse_inbound(body, content_type, signing_key=key, token_store=store) as message:
        print(message.subject, message.stripped_text)
        for attachment in message.attachments:
            save(attachment.filename, attachment.file)

Memory stays bounded: the body is parsed as it streams (python-multipart), attachments spool to temporary files
once they pass :attr:`InboundLimits.spool_threshold`, and :class:`InboundLimits` refuses what is too big
(:class:`InboundTooLargeError`, answer 413). A bad signature raises
:class:`~mailgun.webhook_verification.WebhookVerificationError` (403); a store that cannot answer
:class:`~mailgun.webhook_verification.TokenStoreError` (503); a malformed post :class:`InboundError` (400).
"""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterable, Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from tempfile import SpooledTemporaryFile
from types import TracebackType
from typing import IO, Any
from urllib.parse import unquote_to_bytes

from python_multipart.multipart import MultipartParser, QuerystringParser, parse_options_header

from mailgun._exceptions import MailgunError
from mailgun._mime_stream import MimeError, MimeReader
from mailgun.webhook_verification import (
    DEFAULT_TOLERANCE,
    AsyncTokenStore,
    TokenStore,
    VerifiedBy,
    WebhookVerificationError,
    _aremember,
    _as_datetime,
    _authenticate,
    _remember,
    _SignedFields,
)

__all__ = [
    "InboundAttachment",
    "InboundError",
    "InboundLimits",
    "InboundMessage",
    "InboundParser",
    "InboundTooLargeError",
    "StoredAttachment",
    "aparse_inbound",
    "parse_inbound",
]

_MiB = 1024 * 1024
_CHUNK = 64 * 1024
_MAX_PART_HEADERS = 16 * 1024
_ATTACHMENT_FIELD = re.compile(r"attachment-[0-9]{1,6}")


class InboundError(MailgunError):
    """The inbound post is malformed (not a form, a broken multipart body, ...): answer 400."""


class InboundTooLargeError(InboundError):
    """The inbound post is over one of the :class:`InboundLimits`: answer 413."""


@dataclass(frozen=True, kw_only=True)
class InboundLimits:
    """What one inbound post may hold. Anything over a limit raises :class:`InboundTooLargeError`."""

    max_size: int = 128 * _MiB
    """The whole request body, in bytes."""
    max_attachments: int = 100
    max_attachment_size: int = 64 * _MiB
    """One attachment, or the whole message of a raw-MIME post (``body-mime``)."""
    max_text_size: int = 16 * _MiB
    """Every text field together (held in memory)."""
    max_fields: int = 1000
    spool_threshold: int = 1 * _MiB
    """An attachment larger than this goes to a temporary file instead of memory."""
    max_spooled_in_memory: int = 4 * _MiB
    """All attachments held in memory together; past it the next ones go to disk whatever their size."""

    def __post_init__(self) -> None:
        for name in ("max_size", "max_attachments", "max_attachment_size", "max_text_size", "max_fields"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"{name} must be a positive integer")


DEFAULT_LIMITS = InboundLimits()


class InboundAttachment:
    """One attachment: ``filename``, ``content_type``, ``size``, and its bytes in ``file`` (a spooled file).

    ``content`` reads them all; prefer ``file`` (``shutil.copyfileobj``) for big ones. ``content_id`` is set for
    inline images (``cid:`` in the HTML, from ``content-id-map``). Closed with its :class:`InboundMessage`.
    """

    __slots__ = ("content_id", "content_type", "field_name", "file", "filename", "size")

    def __init__(
        self,
        *,
        field_name: str,
        filename: str | None,
        content_type: str,
        size: int,
        file: IO[bytes],
        content_id: str | None = None,
    ) -> None:
        self.field_name = field_name
        self.filename = filename
        self.content_type = content_type
        self.size = size
        self.file = file
        self.content_id = content_id

    @property
    def content(self) -> bytes:
        self.file.seek(0)
        data = self.file.read()
        self.file.seek(0)
        return data

    def close(self) -> None:
        self.file.close()

    def __repr__(self) -> str:
        return (
            f"InboundAttachment(field_name={self.field_name!r}, filename={self.filename!r}, "
            f"content_type={self.content_type!r}, size={self.size}, content_id={self.content_id!r})"
        )


@dataclass(frozen=True, kw_only=True)
class StoredAttachment:
    """An attachment of a ``store(notify=...)`` post: Mailgun keeps it; fetch ``url`` with your API key."""

    url: str | None
    name: str | None
    content_type: str | None
    size: int | None


@dataclass(frozen=True, kw_only=True)
class InboundMessage:
    """A received email, verified. Missing fields are None (or empty); every text field is in ``fields``.

    ``headers`` are the message's MIME headers in order, as (name, value) pairs; :meth:`header` finds one.
    ``raw_mime`` is the whole message of a raw-MIME post, as sent (a spooled file; None for a parsed post),
    whose bodies, headers and attachments fill the other fields. Use the message as a context manager, or call
    :meth:`close`, to delete the temporary files.
    """

    recipient: str | None = None
    sender: str | None = None
    from_: str | None = None
    subject: str | None = None
    body_plain: str | None = None
    body_html: str | None = None
    stripped_text: str | None = None
    stripped_signature: str | None = None
    stripped_html: str | None = None
    headers: list[tuple[str, str]] = field(default_factory=list)
    content_id_map: dict[str, str] = field(default_factory=dict)
    attachments: list[InboundAttachment] = field(default_factory=list)
    stored_attachments: list[StoredAttachment] = field(default_factory=list)
    domain: str | None = None
    message_url: str | None = None
    timestamp: datetime | None = None
    token: str = ""
    verified_by: VerifiedBy | None = None
    raw_mime: IO[bytes] | None = field(default=None, repr=False)
    fields: Mapping[str, str] = field(default_factory=dict, repr=False)

    def header(self, name: str) -> str | None:
        """The first header called ``name`` (any case), or None."""
        return next(iter(self.header_all(name)), None)

    def header_all(self, name: str) -> list[str]:
        wanted = name.lower()
        return [value for key, value in self.headers if key.lower() == wanted]

    def close(self) -> None:
        for attachment in self.attachments:
            attachment.close()
        if self.raw_mime is not None:
            self.raw_mime.close()

    def __enter__(self) -> InboundMessage:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()


# --------------------------------------------------------------------------------------------------
# Streaming the body in
# --------------------------------------------------------------------------------------------------


class _Spool:
    """One attachment being received: in memory while small (and while the post's memory budget lasts), else on disk."""

    def __init__(self, parser: InboundParser) -> None:
        self._parser = parser
        # Closed by the InboundMessage that hands it out (or by the parser when the post is refused).
        self.file: SpooledTemporaryFile[bytes] = SpooledTemporaryFile(max_size=parser.limits.spool_threshold)  # noqa: SIM115
        self.size = 0
        self.on_disk = False

    def write(self, data: bytes) -> None:
        limits = self._parser.limits
        if self.size + len(data) > limits.max_attachment_size:
            raise InboundTooLargeError(f"an attachment is larger than {limits.max_attachment_size} bytes")
        self.file.write(data)
        self.size += len(data)
        if not self.on_disk:
            if self.size > limits.spool_threshold:
                self.on_disk = True  # SpooledTemporaryFile rolled over by itself
                self._parser.in_memory -= self.size - len(data)
            elif self._parser.in_memory + len(data) > limits.max_spooled_in_memory:
                self.file.rollover()
                self.on_disk = True
                self._parser.in_memory -= self.size - len(data)
            else:
                self._parser.in_memory += len(data)


@dataclass
class _Part:
    name: str = ""
    filename: str | None = None
    content_type: str = "application/octet-stream"
    text: bytearray | None = None
    spool: _Spool | None = None
    header_name: bytearray = field(default_factory=bytearray)
    header_value: bytearray = field(default_factory=bytearray)
    headers: dict[bytes, bytes] = field(default_factory=dict)
    header_bytes: int = 0


@dataclass
class _Received:
    fields: dict[str, list[str]] = field(default_factory=dict)
    files: list[tuple[str, str | None, str, _Spool]] = field(default_factory=list)

    def close(self) -> None:
        for _, _, _, spool in self.files:
            spool.file.close()


class InboundParser:
    """Push-style parser of one inbound post: :meth:`feed` chunks as they arrive, then :meth:`finish`.

    :func:`parse_inbound` and :func:`aparse_inbound` drive it; the framework adapters feed it the request stream.
    """

    def __init__(self, content_type: str | None, *, limits: InboundLimits | None = None) -> None:
        self.limits = limits or DEFAULT_LIMITS
        self.in_memory = 0
        self._size = 0
        self._text_size = 0
        self._field_count = 0
        self._received = _Received()
        self._finished = False
        self._parser: MultipartParser | QuerystringParser | None = None
        self._head = bytearray()  # without a content type: the start of the body, until it shows which form it is
        if content_type:
            mime, options = parse_options_header(content_type)
            self._start(mime, options.get(b"boundary"))

    def _start(self, mime: bytes, boundary: bytes | None) -> None:
        if mime == b"multipart/form-data":
            if not boundary:
                raise InboundError("multipart content type without a boundary")
            self._part = _Part()
            self._parser = MultipartParser(boundary, self._multipart_callbacks())
        elif mime == b"application/x-www-form-urlencoded":
            self._name, self._value = bytearray(), bytearray()
            self._parser = QuerystringParser(self._querystring_callbacks())
        else:
            raise InboundError(
                f"inbound posts are multipart/form-data or application/x-www-form-urlencoded, not {mime.decode()!r}"
            )

    def _start_sniffed(self) -> bytes:
        """No content type was given: "--boundary" on the first line is multipart, anything else urlencoded."""
        head, self._head = bytes(self._head), bytearray()
        first_line = head.lstrip(b"\r\n").split(b"\n", 1)[0].rstrip(b"\r \t")
        if first_line.startswith(b"--") and 2 < len(first_line) <= 72:
            self._start(b"multipart/form-data", first_line[2:])
        else:
            self._start(b"application/x-www-form-urlencoded", None)
        return head

    def feed(self, chunk: bytes) -> None:
        self._size += len(chunk)
        if self._size > self.limits.max_size:
            self._received.close()
            raise InboundTooLargeError(f"the post is larger than {self.limits.max_size} bytes")
        if self._parser is None:
            self._head += chunk
            if b"\n" not in self._head and len(self._head) < 256:
                return
            chunk = self._start_sniffed()
        self._write(chunk)

    def _write(self, chunk: bytes) -> None:
        assert self._parser is not None  # started by __init__ or by feed/finish
        try:
            self._parser.write(chunk)
        except MailgunError:
            self._received.close()
            raise
        except Exception as exc:  # python-multipart's parse errors, and anything it raises on hostile input
            self._received.close()
            raise InboundError(f"the post is malformed: {exc}") from exc

    def finish(self) -> _Received:
        """End of the body: the fields and spooled files received (closed by the message built from them)."""
        if not self._finished:
            self._finished = True
            if self._parser is None:
                self._write(self._start_sniffed())
            assert self._parser is not None
            try:
                self._parser.finalize()
            except Exception as exc:
                self._received.close()
                raise InboundError(f"the post is malformed: {exc}") from exc
        return self._received

    # ---- shared bookkeeping

    def _count_field(self) -> None:
        self._field_count += 1
        if self._field_count > self.limits.max_fields:
            raise InboundTooLargeError(f"the post has more than {self.limits.max_fields} fields")

    def count_text(self, size: int) -> None:
        """Account for ``size`` more bytes of text held in memory (raises past ``max_text_size``)."""
        self._text_size += size
        if self._text_size > self.limits.max_text_size:
            raise InboundTooLargeError(f"the post's text fields are larger than {self.limits.max_text_size} bytes")

    def _add_text(self, name: str, value: bytes) -> None:
        self._received.fields.setdefault(name, []).append(value.decode("utf-8", "replace"))

    # ---- multipart/form-data

    def _multipart_callbacks(self) -> Any:
        return {
            "on_part_begin": self._part_begin,
            "on_header_field": self._header_field,
            "on_header_value": self._header_value,
            "on_header_end": self._header_end,
            "on_headers_finished": self._headers_finished,
            "on_part_data": self._part_data,
            "on_part_end": self._part_end,
        }

    def _part_begin(self) -> None:
        self._count_field()
        self._part = _Part()

    def _count_header(self, size: int) -> None:
        self._part.header_bytes += size
        if self._part.header_bytes > _MAX_PART_HEADERS:
            raise InboundTooLargeError("a part of the post has more than 16 KiB of headers")

    def _header_field(self, data: bytes, start: int, end: int) -> None:
        self._count_header(end - start)
        self._part.header_name += data[start:end]

    def _header_value(self, data: bytes, start: int, end: int) -> None:
        self._count_header(end - start)
        self._part.header_value += data[start:end]

    def _header_end(self) -> None:
        part = self._part
        part.headers[bytes(part.header_name).lower()] = bytes(part.header_value)
        part.header_name, part.header_value = bytearray(), bytearray()

    def _headers_finished(self) -> None:
        part = self._part
        _, options = parse_options_header(part.headers.get(b"content-disposition", b"").decode("latin-1"))
        name = options.get(b"name")
        if name is None:
            raise InboundError("a part of the post has no name")
        part.name = _header_text(name)
        filename = options.get(b"filename")
        part.filename = _header_text(filename) if filename is not None else None
        content_type = part.headers.get(b"content-type")
        if content_type:
            part.content_type = _header_text(content_type).strip()
        if part.filename is not None or _ATTACHMENT_FIELD.fullmatch(part.name) or part.name == "body-mime":
            if part.name != "body-mime" and len(self._received.files) >= self.limits.max_attachments:
                raise InboundTooLargeError(f"the post has more than {self.limits.max_attachments} attachments")
            part.spool = _Spool(self)
            self._received.files.append((part.name, part.filename, part.content_type, part.spool))
        else:
            part.text = bytearray()

    def _part_data(self, data: bytes, start: int, end: int) -> None:
        part = self._part
        if part.spool is not None:
            part.spool.write(data[start:end])
        elif part.text is not None:
            self.count_text(end - start)
            part.text += data[start:end]

    def _part_end(self) -> None:
        part = self._part
        if part.text is not None:
            self._add_text(part.name, bytes(part.text))
        elif part.spool is not None:
            part.spool.file.seek(0)

    # ---- application/x-www-form-urlencoded

    def _querystring_callbacks(self) -> Any:
        return {
            "on_field_start": self._field_start,
            "on_field_name": self._field_name,
            "on_field_data": self._field_data,
            "on_field_end": self._field_end,
        }

    def _field_start(self) -> None:
        self._count_field()
        self._name, self._value = bytearray(), bytearray()

    def _field_name(self, data: bytes, start: int, end: int) -> None:
        self.count_text(end - start)
        self._name += data[start:end]

    def _field_data(self, data: bytes, start: int, end: int) -> None:
        self.count_text(end - start)
        self._value += data[start:end]

    def _field_end(self) -> None:
        name = _form_unquote(self._name).decode("utf-8", "replace")
        value = _form_unquote(self._value)
        if name == "body-mime":  # the whole message: kept as a file, like a multipart post's
            spool = _Spool(self)
            spool.write(value)
            spool.file.seek(0)
            self._received.files.append((name, None, "message/rfc822", spool))
        else:
            self._add_text(name, value)


def _header_text(value: bytes) -> str:
    # Part headers are bytes as sent; Mailgun sends UTF-8 file names unencoded.
    try:
        return value.decode("utf-8")
    except UnicodeDecodeError:
        return value.decode("latin-1")


def _form_unquote(value: bytearray) -> bytes:
    return unquote_to_bytes(bytes(value).replace(b"+", b" "))


# --------------------------------------------------------------------------------------------------
# From received fields to a verified message
# --------------------------------------------------------------------------------------------------


def _signed_fields(fields: Mapping[str, list[str]]) -> _SignedFields:
    def single(name: str, required: bool = True) -> str | None:
        values = fields.get(name, [])
        if len(values) > 1:
            raise WebhookVerificationError(f"form field '{name}' appears more than once")
        if not values and required:
            raise WebhookVerificationError(f"form field '{name}' is missing")
        return values[0] if values else None

    return _SignedFields(single("timestamp"), single("token"), single("signature"), single("parent-signature", False))


def _first(fields: Mapping[str, list[str]], name: str) -> str | None:
    values = fields.get(name)
    return values[0] if values else None


def _build_message(received: _Received, verified_by: VerifiedBy, parser: InboundParser) -> InboundMessage:
    fields = received.fields
    attachments: list[InboundAttachment] = []
    raw_mime: _Spool | None = None
    for name, filename, content_type, spool in received.files:
        if name == "body-mime" and raw_mime is None:
            raw_mime = spool
            continue
        attachments.append(
            InboundAttachment(
                field_name=name, filename=filename, content_type=content_type, size=spool.size, file=spool.file
            )
        )
    content_id_map = _json_str_dict(_first(fields, "content-id-map"))
    by_field = {attachment.field_name: attachment for attachment in attachments}
    for content_id, field_name in content_id_map.items():
        if field_name in by_field:
            by_field[field_name].content_id = content_id.strip().removeprefix("<").removesuffix(">")
    parsed: dict[str, Any] = {
        "recipient": _first(fields, "recipient"),
        "sender": _first(fields, "sender"),
        "from_": _first(fields, "from"),
        "subject": _first(fields, "subject"),
        "body_plain": _first(fields, "body-plain"),
        "body_html": _first(fields, "body-html"),
        "stripped_text": _first(fields, "stripped-text"),
        "stripped_signature": _first(fields, "stripped-signature"),
        "stripped_html": _first(fields, "stripped-html"),
        "headers": _header_pairs(_first(fields, "message-headers")),
        "content_id_map": content_id_map,
        "attachments": attachments,
    }
    if raw_mime is not None:
        parsed.update(_from_mime(raw_mime, parsed, parser))
    return InboundMessage(
        **parsed,
        stored_attachments=_stored_attachments(_first(fields, "attachments")),
        domain=_first(fields, "domain"),
        message_url=_first(fields, "message-url"),
        timestamp=_as_datetime(_first(fields, "timestamp")),
        token=_first(fields, "token") or "",
        verified_by=verified_by,
        raw_mime=raw_mime.file if raw_mime is not None else None,
        fields={name: values[0] for name, values in fields.items() if values},
    )


def _from_mime(raw_mime: _Spool, parsed: Mapping[str, Any], parser: InboundParser) -> dict[str, Any]:
    """What a raw-MIME post's fields lack, read from the message as it streams from its spooled file."""
    attachments: list[InboundAttachment] = list(parsed["attachments"])
    spools: list[_Spool] = []

    def new_file() -> _Spool:
        if len(attachments) + len(spools) >= parser.limits.max_attachments:
            raise InboundTooLargeError(f"the message has more than {parser.limits.max_attachments} attachments")
        spools.append(_Spool(parser))
        return spools[-1]

    raw_mime.file.seek(0)
    try:
        content = MimeReader(raw_mime.file, new_file=new_file, count_text=parser.count_text).read()
    except BaseException as exc:
        for made in spools:
            made.file.close()
        if isinstance(exc, MimeError):
            raise InboundError(f"body-mime is malformed: {exc}") from exc
        raise
    raw_mime.file.seek(0)
    content_id_map = dict(parsed["content_id_map"])
    for number, part in enumerate(content.attachments, start=len(attachments) + 1):
        sink = part.sink
        assert isinstance(sink, _Spool)  # made by new_file
        sink.file.seek(0)
        field_name = f"attachment-{number}"
        if part.content_id:
            content_id_map[f"<{part.content_id}>"] = field_name
        attachments.append(
            InboundAttachment(
                field_name=field_name,
                filename=part.filename,
                content_type=part.content_type,
                size=sink.size,
                file=sink.file,
                content_id=part.content_id,
            )
        )
    header = {name.lower(): value for name, value in reversed(content.headers)}  # the first of each name
    return {
        "headers": content.headers,
        "from_": parsed["from_"] or header.get("from"),
        "subject": parsed["subject"] or header.get("subject"),
        "body_plain": parsed["body_plain"] or content.body_plain,
        "body_html": parsed["body_html"] or content.body_html,
        "attachments": attachments,
        "content_id_map": content_id_map,
    }


def _loads(text: str | None) -> Any:
    if not text:
        return None
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return None


def _header_pairs(encoded: str | None) -> list[tuple[str, str]]:
    pairs = _loads(encoded)
    if not isinstance(pairs, list):
        return []
    return [
        (pair[0], pair[1])
        for pair in pairs
        if isinstance(pair, list) and len(pair) == 2 and isinstance(pair[0], str) and isinstance(pair[1], str)
    ]


def _json_str_dict(encoded: str | None) -> dict[str, str]:
    value = _loads(encoded)
    if not isinstance(value, dict):
        return {}
    return {key: item for key, item in value.items() if isinstance(key, str) and isinstance(item, str)}


def _stored_attachments(encoded: str | None) -> list[StoredAttachment]:
    items = _loads(encoded)
    if not isinstance(items, list):
        return []

    def text(item: Mapping[str, Any], key: str) -> str | None:
        value = item.get(key)
        return value if isinstance(value, str) else None

    return [
        StoredAttachment(
            url=text(item, "url"),
            name=text(item, "name"),
            content_type=text(item, "content-type"),
            size=item.get("size") if isinstance(item.get("size"), int) else None,
        )
        for item in items
        if isinstance(item, dict)
    ]


# --------------------------------------------------------------------------------------------------
# Entry points
# --------------------------------------------------------------------------------------------------


def _chunks(body: bytes | bytearray | memoryview | str | IO[bytes] | Any) -> Iterator[bytes]:
    if isinstance(body, str):  # a decoded form body: its bytes are its UTF-8
        body = body.encode("utf-8", "surrogateescape")
    if isinstance(body, (bytes, bytearray, memoryview)):
        view = memoryview(body)
        for start in range(0, len(view), _CHUNK):
            yield bytes(view[start : start + _CHUNK])
        return
    read = getattr(body, "read", None)
    if not callable(read):
        raise TypeError("body must be bytes or a binary file object")
    while chunk := read(_CHUNK):
        if not isinstance(chunk, bytes):
            raise TypeError("body must be a binary file object (its read() returned text)")
        yield chunk


def _verified(
    received: _Received,
    parser: InboundParser,
    check: Callable[[_SignedFields], VerifiedBy],
) -> InboundMessage:
    try:
        verified_by = check(_signed_fields(received.fields))
        return _build_message(received, verified_by, parser)
    except BaseException:
        received.close()
        raise


def parse_inbound(
    body: bytes | str | IO[bytes],
    content_type: str | None,
    *,
    signing_key: str | bytes | None = None,
    parent_signing_key: str | bytes | None = None,
    token_store: TokenStore | None = None,
    tolerance: float | None = DEFAULT_TOLERANCE,
    limits: InboundLimits | None = None,
    now: Callable[[], float] | None = None,
) -> InboundMessage:
    """Parse and verify one inbound post; ``body`` is its bytes or a binary file object (read in chunks).

    ``content_type`` is the request's ``Content-Type`` header (with the multipart boundary); without it the body
    tells: a first line ``--boundary`` is multipart, anything else urlencoded. The keys and
    ``token_store`` work as in :func:`~mailgun.webhook_verification.verify_webhook`; the token is recorded only
    once the whole post parsed and verified.
    """
    parser = InboundParser(content_type, limits=limits)
    for chunk in _chunks(body):
        parser.feed(chunk)
    received = parser.finish()

    def check(signed: _SignedFields) -> VerifiedBy:
        accepted = _authenticate(signed, signing_key, parent_signing_key, tolerance=tolerance, now=now)
        _remember(token_store, accepted)
        return accepted.verified_by

    return _verified(received, parser, check)


async def aparse_inbound(
    body: bytes | str | IO[bytes] | AsyncIterable[bytes],
    content_type: str | None,
    *,
    signing_key: str | bytes | None = None,
    parent_signing_key: str | bytes | None = None,
    token_store: TokenStore | AsyncTokenStore | None = None,
    tolerance: float | None = DEFAULT_TOLERANCE,
    limits: InboundLimits | None = None,
    now: Callable[[], float] | None = None,
) -> InboundMessage:
    """:func:`parse_inbound` for asyncio: ``body`` may also be an async iterable of chunks (a request stream),
    and ``token_store`` an async store."""
    parser = InboundParser(content_type, limits=limits)
    if isinstance(body, AsyncIterable):
        async for chunk in body:
            parser.feed(chunk)
    else:
        for chunk in _chunks(body):
            parser.feed(chunk)
    received = parser.finish()
    try:
        signed = _signed_fields(received.fields)
        accepted = _authenticate(signed, signing_key, parent_signing_key, tolerance=tolerance, now=now)
        await _aremember(token_store, accepted)
    except BaseException:
        received.close()
        raise
    return _verified(received, parser, lambda _signed: accepted.verified_by)
