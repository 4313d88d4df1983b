"""A streaming reader of one MIME message (the ``body-mime`` of a raw-MIME route post), in bounded memory.

The :mod:`email` package builds the whole message in memory (a 50 MB message costs several times that); this
reads the spooled message line by line instead: :mod:`email` parses each header block (so header decoding,
parameters and file names are the stdlib's), and bodies are decoded (base64, quoted-printable) as they stream:
the first ``text/plain`` and ``text/html`` bodies into memory (bounded by the caller), everything else into
files the caller provides.
"""

from __future__ import annotations

import binascii
import email.policy
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.parser import BytesHeaderParser
from typing import IO, Protocol

_MAX_LINE = 64 * 1024  # a longer line is read in pieces (only a line's first piece can be a boundary)
_MAX_HEADER_BLOCK = 256 * 1024
_MAX_DEPTH = 32  # nested multiparts; deeper ones are kept whole as attachments
_BATCH = 256 * 1024  # bytes of body handed to a decoder at once


class MimeError(ValueError):
    """The message is malformed beyond reading (e.g. a header block that never ends)."""


class Sink(Protocol):
    def write(self, data: bytes) -> None: ...


@dataclass
class MimeAttachment:
    filename: str | None
    content_type: str
    content_id: str | None
    sink: Sink


@dataclass
class MimeContent:
    headers: list[tuple[str, str]] = field(default_factory=list)
    body_plain: str | None = None
    body_html: str | None = None
    attachments: list[MimeAttachment] = field(default_factory=list)


class _Decoder:
    """Decodes one body's transfer encoding as its lines arrive."""

    def __init__(self, encoding: str, sink: Sink) -> None:
        self._encoding = encoding
        self._sink = sink
        self._carry = b""  # base64: characters not yet forming a group of four; quoted-printable: a partial line

    def write(self, data: bytes) -> None:
        if self._encoding == "base64":
            chars = self._carry + b"".join(data.split())
            whole = len(chars) - len(chars) % 4
            self._carry = chars[whole:]
            if whole:
                self._sink.write(_a2b_base64(chars[:whole]))
        elif self._encoding == "quoted-printable":
            # Whole lines only: a soft line break ("=" at a line's end) and the line break after it go together.
            text = self._carry + data
            cut = text.rfind(b"\n") + 1
            if not cut and len(text) > _MAX_LINE:  # a line without end: decode all but a possible "=X" escape
                cut = len(text) - 2
            self._carry = text[cut:]
            if cut:
                self._sink.write(binascii.a2b_qp(text[:cut]))
        else:  # 7bit, 8bit, binary, or anything unknown: as sent
            self._sink.write(data)

    def close(self) -> None:
        if self._carry and self._encoding == "base64":
            self._sink.write(_a2b_base64(self._carry + b"=" * (-len(self._carry) % 4)))
        elif self._carry:
            self._sink.write(binascii.a2b_qp(self._carry))
        self._carry = b""


def _a2b_base64(chars: bytes) -> bytes:
    try:
        return binascii.a2b_base64(chars)
    except binascii.Error:  # broken padding mid-body: decode what is decodable, as email does leniently
        return binascii.a2b_base64(chars.rstrip(b"=") + b"=" * (-len(chars.rstrip(b"=")) % 4))


class _TextSink:
    def __init__(self, count: Callable[[int], None]) -> None:
        self._count = count
        self.data = bytearray()

    def write(self, data: bytes) -> None:
        self._count(len(data))
        self.data += data


class MimeReader:
    """Reads one message from ``file``; ``new_file()`` gives a sink per attachment, ``count_text(n)`` is told the
    size of every piece of body text kept in memory (it raises to refuse)."""

    def __init__(self, file: IO[bytes], *, new_file: Callable[[], Sink], count_text: Callable[[int], None]) -> None:
        self._file = file
        self._new_file = new_file
        self._count_text = count_text
        self._boundaries: list[bytes] = []
        self._pending: bytes | None = None  # a boundary line read but not consumed yet
        self._at_line_start = True
        self._content = MimeContent()

    def read(self) -> MimeContent:
        headers = self._header_block()
        self._content.headers = _header_pairs(headers)
        self._entity(headers, depth=0)
        return self._content

    # ---- lines

    def _line(self) -> bytes:
        """The next line (or piece of a long line); b"" at the end."""
        if self._pending is not None:
            line, self._pending = self._pending, None
            return line
        return self._file.readline(_MAX_LINE)

    def _boundary(self, line: bytes, at_line_start: bool) -> tuple[int, bool] | None:
        """(index in the stack, closing?) when ``line`` is a boundary line of an enclosing multipart."""
        if not at_line_start or not line.startswith(b"--"):
            return None
        text = line.rstrip(b" \t\r\n")
        for index in range(len(self._boundaries) - 1, -1, -1):
            marker = b"--" + self._boundaries[index]
            if text == marker:
                return index, False
            if text == marker + b"--":
                return index, True
        return None

    def _content_lines(self, write: Callable[[bytes], None]) -> tuple[int, bool] | None:
        """Hand everything up to the next enclosing boundary to ``write``, in batches of lines (the line break
        before the boundary belongs to the boundary, so the last line is held back until the next one shows
        whether it is one); the boundary line is left pending. None at the end of the message."""
        batch: list[bytes] = []
        batched = 0
        held = b""  # the previous line, whole
        at_start = self._at_line_start
        while True:
            line = self._line()
            if not line:
                batch.append(held)
                write(b"".join(batch))
                return None
            if at_start and line[:2] == b"--":
                found = self._boundary(line, True)
                if found is not None:
                    batch.append(_split_ending(held)[0])
                    write(b"".join(batch))
                    self._pending = line
                    self._at_line_start = True
                    return found
            at_start = line[-1:] == b"\n"
            batch.append(held)
            batched += len(held)
            held = line
            if batched >= _BATCH:
                write(b"".join(batch))
                batch, batched = [], 0

    def _header_block(self) -> EmailMessage:
        lines: list[bytes] = []
        size = 0
        while True:
            line = self._line()
            if not line or line in (b"\r\n", b"\n"):
                break
            size += len(line)
            if size > _MAX_HEADER_BLOCK:
                raise MimeError("a header block of the message is larger than 256 KiB")
            lines.append(line)
        self._at_line_start = True
        return _parse_headers(b"".join(lines))

    # ---- entities

    def _entity(self, headers: EmailMessage, depth: int) -> None:
        boundary = headers.get_boundary() if headers.get_content_maintype() == "multipart" else None
        if boundary is None or depth >= _MAX_DEPTH:
            self._leaf(headers)
            return
        own = len(self._boundaries)
        self._boundaries.append(boundary.encode("utf-8", "surrogateescape"))
        try:
            found = self._content_lines(_discard)  # the preamble
            while found == (own, False):  # a part begins
                self._pending = None
                self._entity(self._header_block(), depth + 1)
                found = self._pending_boundary()  # where the part stopped (None: the end of the message)
            if found == (own, True):  # our closing boundary: skip the epilogue
                self._pending = None
                self._boundaries.pop()
                self._content_lines(_discard)
                return
        finally:
            if len(self._boundaries) > own:
                del self._boundaries[own:]

    def _leaf(self, headers: EmailMessage) -> None:
        content_type = headers.get_content_type()
        filename = _safe(headers.get_filename)
        disposition = _safe(headers.get_content_disposition)
        encoding = str(headers.get("content-transfer-encoding", "7bit")).strip().lower()
        text_slot = {"text/plain": "body_plain", "text/html": "body_html"}.get(content_type)
        if (
            text_slot is not None
            and disposition != "attachment"
            and filename is None
            and getattr(self._content, text_slot) is None
        ):
            text = _TextSink(self._count_text)
            self._decode_body(encoding, text)
            setattr(self._content, text_slot, _decode_text(bytes(text.data), headers))
            return
        sink = self._new_file()
        self._decode_body(encoding, sink)
        content_id = headers.get("content-id")
        self._content.attachments.append(
            MimeAttachment(
                filename=filename,
                content_type=content_type,
                content_id=str(content_id).strip().removeprefix("<").removesuffix(">") if content_id else None,
                sink=sink,
            )
        )

    def _pending_boundary(self) -> tuple[int, bool] | None:
        """The boundary a nested entity stopped at (left pending), without consuming it."""
        return None if self._pending is None else self._boundary(self._pending, True)

    def _decode_body(self, encoding: str, sink: Sink) -> None:
        decoder = _Decoder(encoding, sink)
        self._content_lines(decoder.write)
        decoder.close()


def _discard(_data: bytes) -> None:
    return None


def _split_ending(line: bytes) -> tuple[bytes, bytes]:
    if line.endswith(b"\r\n"):
        return line[:-2], b"\r\n"
    if line.endswith(b"\n"):
        return line[:-1], b"\n"
    return line, b""


def _parse_headers(block: bytes) -> EmailMessage:
    message = BytesHeaderParser(policy=email.policy.default).parsebytes(block)
    assert isinstance(message, EmailMessage)  # policy.default builds EmailMessage
    return message


def _safe(method: Callable[[], str | None]) -> str | None:
    try:
        return method()
    except Exception:  # a header the email package cannot parse: as if absent
        return None


def _header_pairs(message: EmailMessage) -> list[tuple[str, str]]:
    pairs = []
    for name, raw in message.raw_items():
        try:
            value = str(message.policy.header_fetch_parse(name, raw))
        except Exception:  # an undecodable header: kept as sent
            value = str(raw)
        pairs.append((name, value))
    return pairs


def _decode_text(data: bytes, headers: EmailMessage) -> str:
    charset = _safe(headers.get_content_charset) or "utf-8"
    try:
        return data.decode(charset, "replace")
    except LookupError:  # a charset Python does not know
        return data.decode("utf-8", "replace")
