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
_CHUNK = 256 * 1024  # bytes read from the file at once


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
        # What was read from the file and not yet consumed: self._buf[self._pos:]. Bodies are scanned in bulk for
        # "\n--" (a boundary can only begin a line with "--"), so lines are only cut out where one may start.
        self._buf = b""
        self._pos = 0
        self._eof = False
        self._content = MimeContent()

    def read(self) -> MimeContent:
        headers = self._header_block()
        self._content.headers = _header_pairs(headers)
        self._entity(headers, depth=0)
        return self._content

    # ---- the buffer

    def _refill(self) -> int:
        """Read the next chunk; returns how far the unconsumed bytes moved (subtract it from indices held)."""
        shift = self._pos
        chunk = self._file.read(_CHUNK)
        if not chunk:
            self._eof = True
        self._buf = self._buf[self._pos :] + chunk
        self._pos = 0
        return shift

    def _line(self) -> bytes:
        """The next line (or piece of a line longer than 64 KiB); b"" at the end."""
        if self._pending is not None:
            line, self._pending = self._pending, None
            return line
        while True:
            end = self._buf.find(b"\n", self._pos)
            if end >= 0 or self._eof or len(self._buf) - self._pos >= _MAX_LINE:
                stop = end + 1 if end >= 0 else min(len(self._buf), self._pos + _MAX_LINE)
                line = self._buf[self._pos : stop]
                self._pos = stop
                return line
            self._refill()

    def _boundary(self, line: bytes) -> tuple[int, bool] | None:
        """(index in the stack, closing?) when ``line`` (which begins a line) is a boundary of an enclosing
        multipart."""
        if not line.startswith(b"--"):
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
        """Hand everything up to the next enclosing boundary to ``write`` (called at a line start). The line break
        before a boundary belongs to the boundary, so the last line break handed on is held back until what
        follows it is known. The boundary line is left pending; None at the end of the message."""
        held = b""

        def emit(end: int) -> None:
            nonlocal held
            if end > self._pos:
                body, held = _split_ending(held + self._buf[self._pos : end])
                self._pos = end
                if body:
                    write(body)

        search = self._pos  # where to look for the next "\n--"
        at_line_start = True  # is self._pos at the start of a line?
        while True:
            buf = self._buf
            if at_line_start and search <= self._pos and buf.startswith(b"--", self._pos):
                candidate = self._pos
            else:
                found_at = buf.find(b"\n--", max(search, self._pos))
                candidate = found_at + 1 if found_at >= 0 else -1
            if candidate >= 0:
                end = buf.find(b"\n", candidate)
                if end < 0 and not self._eof and len(buf) - candidate < _MAX_LINE:
                    search -= self._refill()  # the candidate line is cut by the chunk: read on, then look again
                    continue
                line = buf[candidate : end + 1 if end >= 0 else len(buf)]
                boundary = self._boundary(line)
                if boundary is not None:
                    emit(candidate)  # the line break before it stays held: dropped
                    self._pending = line
                    self._pos = candidate + len(line)
                    return boundary
                search = candidate + 1
                if candidate - self._pos >= _BATCH:
                    emit(candidate)
                    at_line_start = True
                continue
            if self._eof:
                emit(len(buf))
                if held:
                    write(held)
                return None
            last_break = buf.rfind(b"\n", self._pos)
            if last_break >= 0:
                emit(last_break + 1)
                at_line_start = True
            elif len(buf) - self._pos > _MAX_LINE:  # a very long line: hand on all but a possible "\r"
                emit(len(buf) - 1 if buf.endswith(b"\r") else len(buf))
                at_line_start = False
            self._refill()
            search = 0

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
        return None if self._pending is None else self._boundary(self._pending)

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
