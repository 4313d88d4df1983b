"""Inbound route posts shaped as Mailgun's "Receiving messages via HTTP" and "Storing and retrieving" pages show."""

from __future__ import annotations

import json
import os
from email.message import EmailMessage
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx

from .signing import KEY, signature_block

BOUNDARY = "mg-inbound-boundary-1f2e3d4c"
MULTIPART_CT = f"multipart/form-data; boundary={BOUNDARY}"

MESSAGE_HEADERS = [
    ["Received", "from mail-a.example.org by mxa.mailgun.org with ESMTP; Sun, 06 Dec 2026 10:00:00 +0000"],
    ["Received", "by mail-a.example.org with SMTP id x1; Sun, 06 Dec 2026 09:59:59 +0000"],
    ["Mime-Version", "1.0"],
    ["From", "Bob Lee <bob@example.org>"],
    ["To", "support@mg.example.com"],
    ["Subject", "Re: your order #42 — thanks"],
    ["Message-Id", "<CAF=abc123@mail.example.org>"],
    ["Content-Type", 'multipart/mixed; boundary="000000000000a2097f056c6c2714"'],
]
# Bytes that trip naive parsers: CR/LF, a fake boundary line, NULs, every byte value.
PDF_BYTES = b"%PDF-1.4\r\n--" + BOUNDARY.encode() + b"\r\n\x00\xff" + bytes(range(256)) * 40
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + os.urandom(5000)


def parsed_fields(**overrides: str) -> dict[str, str]:
    fields = {
        "recipient": "support@mg.example.com",
        "sender": "bob@example.org",
        "from": "Bob Lee <bob@example.org>",
        "subject": "Re: your order #42 — thanks",
        "body-plain": "Thanks, it arrived!\n\nBob\n\n> On Friday you wrote:\n> Your order shipped.",
        "stripped-text": "Thanks, it arrived!",
        "stripped-signature": "Bob",
        "body-html": '<p>Thanks, it arrived!</p><img src="cid:ii_logo"><p>Bob</p>',
        "stripped-html": "<p>Thanks, it arrived!</p>",
        "message-headers": json.dumps(MESSAGE_HEADERS),
        "Message-Id": "<CAF=abc123@mail.example.org>",
        "X-Mailgun-Variables": "{}",
    }
    fields.update(signature_block(KEY))
    fields.update(overrides)
    return fields


def parsed_multipart(fields: dict[str, str] | None = None, *, attachments: int = 2) -> tuple[bytes, str]:
    """A forwarded message with attachments: multipart/form-data, files as attachment-1 ... attachment-N."""
    fields = dict(fields or parsed_fields())
    files = [("résumé.pdf", PDF_BYTES, "application/pdf"), ("logo.png", PNG_BYTES, "image/png")][:attachments]
    fields["attachment-count"] = str(len(files))
    if attachments >= 2:
        fields["content-id-map"] = json.dumps({"<ii_logo>": "attachment-2"})
    request = httpx.Request(
        "POST",
        "http://127.0.0.1/inbound",
        data=fields,
        files=[(f"attachment-{n}", file) for n, file in enumerate(files, start=1)],
    )
    return request.read(), request.headers["content-type"]


def parsed_urlencoded(fields: dict[str, str] | None = None) -> tuple[bytes, str]:
    """A forwarded message without attachments: Mailgun posts it urlencoded."""
    return urlencode(fields or parsed_fields()).encode(), "application/x-www-form-urlencoded"


def mime_message() -> EmailMessage:
    message = EmailMessage()
    message["From"] = "Bob Lee <bob@example.org>"
    message["To"] = "support@mg.example.com"
    message["Subject"] = "Invoice attached"
    message["Message-ID"] = "<mime-1@mail.example.org>"
    message.set_content("Plain text body\n")
    message.add_alternative("<p>HTML body</p>", subtype="html")
    message.add_attachment(PDF_BYTES, maintype="application", subtype="pdf", filename="invoice.pdf")
    return message


def mime_post(*, urlencoded: bool = False, key: str = KEY) -> tuple[bytes, str]:
    """A route whose URL ends in ``mime``: the whole message in ``body-mime``."""
    fields: dict[str, Any] = {
        "recipient": "support@mg.example.com",
        "sender": "bob@example.org",
        "from": "Bob Lee <bob@example.org>",
        "subject": "Invoice attached",
        "body-mime": mime_message().as_bytes().decode("ascii"),
    }
    fields.update(signature_block(key))
    if urlencoded:
        return urlencode(fields).encode(), "application/x-www-form-urlencoded"
    request = httpx.Request(
        "POST", "http://127.0.0.1/inbound.mime", files={name: (None, value) for name, value in fields.items()}
    )
    return request.read(), request.headers["content-type"]


def stored_notify_post() -> tuple[bytes, str]:
    """``store(notify=...)``: the message stays at Mailgun; attachments are described, not sent."""
    fields = parsed_fields(
        domain="mg.example.com",
        **{
            "message-url": "https://storage-us-east4.api.mailgun.net/v3/domains/mg.example.com/messages/AgEFd",
            "attachments": json.dumps(
                [{"url": "https://storage.api.mailgun.net/v3/attachments/1", "content-type": "application/pdf",
                  "name": "invoice.pdf", "size": 5120}]
            ),
        },
    )  # fmt: skip
    return parsed_urlencoded(fields)


def write_big_post(path: Path, attachment_sizes: list[int], chunk: int = 1 << 20) -> str:
    """A parsed post with big attachments, written straight to disk (never whole in memory). Returns its type."""
    crlf = b"\r\n"
    with path.open("wb") as out:
        for name, value in parsed_fields().items():
            out.write(b"--" + BOUNDARY.encode() + crlf)
            out.write(f'Content-Disposition: form-data; name="{name}"'.encode() + crlf + crlf)
            out.write(value.encode() + crlf)
        for number, size in enumerate(attachment_sizes, start=1):
            out.write(b"--" + BOUNDARY.encode() + crlf)
            out.write(
                f'Content-Disposition: form-data; name="attachment-{number}"; filename="big-{number}.bin"'.encode()
            )
            out.write(crlf + b"Content-Type: application/octet-stream" + crlf + crlf)
            written = 0
            while written < size:
                block = pattern_block(number, written, min(chunk, size - written))
                out.write(block)
                written += len(block)
            out.write(crlf)
        out.write(b"--" + BOUNDARY.encode() + b"--" + crlf)
    return MULTIPART_CT


def pattern_block(number: int, offset: int, size: int) -> bytes:
    # Deterministic content, checkable without keeping it: byte i of attachment n is (i * 7 + n) % 251.
    pattern = _PATTERN[number]
    return (pattern[offset % 251 :] + pattern * (size // 251 + 2))[:size]


_PATTERN = {n: bytes((i * 7 + n) % 251 for i in range(251)) for n in range(1, 10)}


def expected_pattern(number: int, size: int) -> bytes:
    return pattern_block(number, 0, size)
