"""Reading request bodies as Mailgun does: urlencoded and multipart forms (files keep their bytes), JSON."""

from __future__ import annotations

import json
from dataclasses import dataclass
from email.parser import HeaderParser
from typing import Any
from urllib.parse import parse_qsl

__all__ = ["FormField", "ParsedBody", "parse_body"]


@dataclass(frozen=True)
class FormField:
    """One form field; a file part has a ``filename`` (possibly empty) and keeps its bytes."""

    name: str
    content: bytes
    filename: str | None = None
    content_type: str | None = None

    @property
    def is_file(self) -> bool:
        return self.filename is not None

    @property
    def text(self) -> str:
        return self.content.decode("utf-8", "replace")

    def text_for_schema(self) -> str:
        """What a validator compares with the schema: a file is a `format: binary` string of any content."""
        return "<binary>" if self.is_file else self.text


@dataclass
class ParsedBody:
    content_type: str  # the media type, lower case, without parameters
    form: list[FormField] | None = None
    json: Any = None
    json_error: str | None = None
    raw: bytes = b""

    def values(self, name: str) -> list[str]:
        return [f.text for f in self.form or [] if f.name == name and not f.is_file]

    def value(self, name: str) -> str | None:
        found = self.values(name)
        return found[0] if found else None

    def files(self, name: str) -> list[FormField]:
        return [f for f in self.form or [] if f.name == name]

    def fields(self) -> dict[str, str]:
        """Every non-file field, the first value of each name."""
        out: dict[str, str] = {}
        for f in self.form or []:
            if not f.is_file:
                out.setdefault(f.name, f.text)
        return out

    def object(self) -> dict[str, Any]:
        """The body as an object: a JSON object, or the form's first values."""
        if isinstance(self.json, dict):
            return self.json
        return dict(self.fields())


def parse_body(content_type: str | None, raw: bytes) -> ParsedBody:
    mime = (content_type or "").split(";", 1)[0].strip().lower()
    body = ParsedBody(content_type=mime, raw=raw)
    if mime == "application/x-www-form-urlencoded":
        pairs = parse_qsl(raw.decode("latin-1"), keep_blank_values=True, encoding="utf-8")
        body.form = [FormField(k, v.encode()) for k, v in pairs]
    elif mime.startswith("multipart/"):
        body.form = _multipart(content_type or "", raw)
    elif mime == "application/json" or mime.endswith("+json"):
        try:
            body.json = json.loads(raw) if raw else None
        except ValueError as exc:
            body.json_error = str(exc)
    return body


def _multipart(content_type: str, raw: bytes) -> list[FormField]:
    """Split on the boundary ourselves: the email parser would turn a `message/rfc822` part (a MIME send) into a
    nested message and lose its bytes."""
    header = HeaderParser().parsestr(f"Content-Type: {content_type}\r\n\r\n")
    boundary = header.get_param("boundary")
    if not isinstance(boundary, str) or not boundary:
        return []
    fields: list[FormField] = []
    delimiter = b"--" + boundary.encode("latin-1")
    for chunk in raw.split(delimiter)[1:]:
        if chunk.startswith(b"--"):
            break  # the closing delimiter
        head, separator, content = chunk.removeprefix(b"\r\n").partition(b"\r\n\r\n")
        if not separator:
            continue
        headers = HeaderParser().parsestr(head.decode("utf-8", "replace") + "\r\n\r\n")
        name = headers.get_param("name", header="content-disposition")
        if not isinstance(name, str):
            continue
        filename = headers.get_param("filename", header="content-disposition")
        part_type = headers.get_content_type() if headers.get("Content-Type") else None
        content = content.removesuffix(b"\r\n")
        fields.append(FormField(name, content, filename if isinstance(filename, str) else None, part_type))
    return fields
