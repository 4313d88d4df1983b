"""Files for multipart requests: what callers may pass, checked before sending, streamed when sent.

An attachment is a path (``str`` or ``os.PathLike``), ``bytes``, a binary file object, or a
``(filename, content[, content_type])`` tuple whose content is bytes, a ``pathlib.Path`` or a binary file object.

Nothing is read while a request is being built. Paths become ``PathStream``s: httpx streams them in 64 KiB
chunks, each read opening the file and closing it again, so no descriptor outlives a read (an upload that fails
half way leaks nothing) and a file is never held in memory. httpx seeks every file back to 0 before sending
it, so a retry resends the same bytes; a file that changes between reads fails the send instead of sending a
mix of old and new content.
"""

from __future__ import annotations

import io
import mimetypes
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, BinaryIO, TypeAlias, cast

from ._exceptions import ValidationError

__all__ = ["Attachment", "PathStream", "Upload", "uploads"]

Content: TypeAlias = bytes | bytearray | memoryview | os.PathLike[str] | IO[bytes]
Attachment: TypeAlias = (
    str
    | os.PathLike[str]
    | bytes
    | bytearray
    | memoryview
    | IO[bytes]
    | tuple[str, Content]
    | tuple[str, Content, str | None]
)

DEFAULT_NAME = "attachment"
DEFAULT_TYPE = "application/octet-stream"
_BYTES = (bytes, bytearray, memoryview)
_CONTROL = re.compile("[\x00-\x1f\x7f]")  # a C0 control character or DEL (checked on every send with a file)


class PathStream:
    """A file on disk, read only while a request body streams it (see the module docstring)."""

    __slots__ = ("_pos", "_signature", "path")

    def __init__(self, path: Path) -> None:
        self.path = path
        self._pos = 0
        self._signature: tuple[int, int, int, int] | None = None

    def __repr__(self) -> str:
        return f"PathStream({str(self.path)!r})"

    def _check(self, st: os.stat_result) -> int:
        """The file's size; raises if the file is not the one the first read (or size query) saw."""
        signature = (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)
        if self._signature is None:
            self._signature = signature
        elif signature != self._signature:
            raise OSError(f"{self.path} changed while it was being sent")
        return st.st_size

    def read(self, size: int | None = -1) -> bytes:
        with open(self.path, "rb", buffering=0) as f:
            remaining = self._check(os.fstat(f.fileno())) - self._pos
            if remaining <= 0:
                return b""
            wanted = remaining if size is None or size < 0 else min(size, remaining)
            f.seek(self._pos)
            chunks = []
            while wanted > 0:
                chunk = f.read(wanted)
                if not chunk:
                    raise OSError(f"{self.path} changed while it was being sent")
                chunks.append(chunk)
                wanted -= len(chunk)
        data = b"".join(chunks)
        self._pos += len(data)
        return data

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        if whence == os.SEEK_SET:
            position = offset
        elif whence == os.SEEK_CUR:
            position = self._pos + offset
        elif whence == os.SEEK_END:
            position = self._check(os.stat(self.path)) + offset
        else:
            raise ValueError(f"invalid whence {whence!r}")
        if position < 0:
            raise ValueError("negative seek position")
        self._pos = position
        return position

    def tell(self) -> int:
        return self._pos

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True


@dataclass(frozen=True, slots=True)
class Upload:
    """A checked attachment: its name, where its bytes come from, and its content type."""

    filename: str
    source: bytes | Path | IO[bytes]
    content_type: str

    @property
    def shared(self) -> bool:
        """True for a caller's file object: it has one position, so only one request at a time may read it."""
        return not isinstance(self.source, (bytes, Path))

    def payload(self) -> BinaryIO:
        """What one request sends: bytes as they are (httpx sends them in one piece, and again on a retry), a
        fresh reader for a path, the caller's own object for a file object."""
        if isinstance(self.source, bytes):
            return cast(BinaryIO, self.source)
        if isinstance(self.source, Path):
            return cast(BinaryIO, PathStream(self.source))
        return cast(BinaryIO, self.source)


def uploads(param: str, value: Any) -> list[Upload]:
    """One attachment or a list of them, checked (files exist, objects are binary and seekable)."""
    if value is None:
        return []
    if isinstance(value, (str, os.PathLike, tuple, *_BYTES)) or _is_file(value):
        return [_upload(param, value)]
    if not isinstance(value, Iterable):
        raise ValidationError(param, f"unsupported attachment type {type(value).__name__}")
    return [_upload(param, item) for item in value]


def _upload(param: str, item: Any) -> Upload:
    if isinstance(item, tuple):
        return _from_tuple(param, item)
    if isinstance(item, (str, os.PathLike)):
        path = _existing_file(param, item)
        return Upload(path.name, path, _guess(path.name))
    if isinstance(item, _BYTES):
        return Upload(DEFAULT_NAME, bytes(item), DEFAULT_TYPE)
    if _is_file(item):
        name = getattr(item, "name", None)
        filename = Path(name).name if isinstance(name, str) and Path(name).name else DEFAULT_NAME
        return Upload(_filename(param, filename), _binary_file(param, item), _guess(filename))
    raise ValidationError(
        param,
        f"unsupported attachment type {type(item).__name__}: give a path, bytes, a binary file object or a "
        "(filename, content, content_type) tuple",
    )


def _from_tuple(param: str, item: tuple[Any, ...]) -> Upload:
    if len(item) not in (2, 3):
        raise ValidationError(
            param, "a tuple attachment is (filename, content[, content_type]); pass several attachments as a list"
        )
    filename = _filename(param, item[0])
    content = item[1]
    content_type = item[2] if len(item) == 3 else None
    source: bytes | Path | IO[bytes]
    if isinstance(content, _BYTES):
        source = bytes(content)
    elif isinstance(content, os.PathLike):
        source = _existing_file(param, content)
    elif isinstance(content, str):
        raise ValidationError(
            param, f"content of {filename!r} is a str: give bytes (text.encode()) or a pathlib.Path to read"
        )
    elif _is_file(content):
        source = _binary_file(param, content)
    else:
        raise ValidationError(param, f"unsupported content type {type(content).__name__} for {filename!r}")
    if content_type is None:
        content_type = _guess(filename)
    elif not _is_content_type(content_type):
        raise ValidationError(param, f"not a content type: {content_type!r}")
    return Upload(filename, source, content_type)


def _filename(param: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValidationError(param, f"an attachment's filename must be a non-empty string, got {value!r}")
    if _CONTROL.search(value):
        raise ValidationError(param, f"filename {value!r} contains control characters")
    return value


def _existing_file(param: str, value: str | os.PathLike[Any]) -> Path:
    path = Path(os.fsdecode(os.fspath(value)))
    if not path.is_file():
        raise ValidationError(param, f"no such file: {str(path)!r}")
    return path


def _is_file(value: Any) -> bool:
    return callable(getattr(value, "read", None))


def _binary_file(param: str, value: Any) -> IO[bytes]:
    mode = getattr(value, "mode", "b")
    if isinstance(value, io.TextIOBase) or (isinstance(mode, str) and "b" not in mode):
        raise ValidationError(param, "file objects must be opened in binary mode ('rb')")
    readable = getattr(value, "readable", None)
    if callable(readable) and not readable():
        raise ValidationError(param, "file objects must be open for reading")
    seekable = getattr(value, "seekable", None)
    if not callable(seekable) or not seekable():
        raise ValidationError(param, "file objects must be seekable: a retry sends the file again from the start")
    return cast(IO[bytes], value)


def _guess(filename: str) -> str:
    return mimetypes.guess_type(filename)[0] or DEFAULT_TYPE


def _is_content_type(value: Any) -> bool:
    if not isinstance(value, str) or _CONTROL.search(value):
        return False
    kind = value.partition(";")[0]
    major, slash, minor = kind.strip().partition("/")
    return bool(slash and major and minor and " " not in kind.strip())


# --------------------------------------------------------------------- forms from generated request bodies
FormFields = list[tuple[str, tuple[None, bytes, str]]]


def form_fields(body: Any, **repeated: Iterable[str] | None) -> FormFields:
    """The multipart form of a generated request body, as Mailgun reads it.

    The generated ``to_multipart()`` writes booleans as Python's ``True``/``False`` and has one value per field;
    here booleans are ``true``/``false`` and each ``repeated`` field (given) is sent once per value, replacing
    the body's own value of that field.
    """
    fields: FormFields = []
    for key, value in body.to_dict().items():
        if repeated.get(key) is None:
            fields.append(_part(key, value))
    for key, values in repeated.items():
        for value in values or ():
            fields.append(_part(key, value))
    return fields


def _part(key: str, value: Any) -> tuple[str, tuple[None, bytes, str]]:
    encoded = ("true" if value else "false") if isinstance(value, bool) else str(value)
    return key, (None, encoded.encode(), "text/plain")
