"""mailgun.inbound: Mailgun's route posts (parsed, raw MIME) parse into InboundMessage, verified, in bounded memory."""

from __future__ import annotations

import hashlib
import io
import time
import tracemalloc
from collections.abc import AsyncIterator
from pathlib import Path
from typing import IO, Any

import pytest

from mailgun.inbound import (
    InboundError,
    InboundLimits,
    InboundMessage,
    InboundTooLargeError,
    aparse_inbound,
    parse_inbound,
)
from mailgun.webhook_verification import InMemoryTokenStore, WebhookVerificationError

from .inbound_posts import (
    MESSAGE_HEADERS,
    MULTIPART_CT,
    PDF_BYTES,
    PNG_BYTES,
    expected_pattern,
    parsed_fields,
    parsed_multipart,
    parsed_urlencoded,
    stored_notify_post,
    write_big_post,
)
from .signing import KEY, PRIMARY_KEY, SUBACCOUNT_KEY, signature_block

MiB = 1024 * 1024


def test_a_parsed_post_with_attachments_keeps_every_field_header_and_byte() -> None:
    body, content_type = parsed_multipart()
    with parse_inbound(body, content_type, signing_key=KEY, token_store=InMemoryTokenStore()) as message:
        assert isinstance(message, InboundMessage)
        assert message.recipient == "support@mg.example.com"
        assert message.sender == "bob@example.org"
        assert message.from_ == "Bob Lee <bob@example.org>"
        assert message.subject == "Re: your order #42 — thanks"
        assert message.stripped_text == "Thanks, it arrived!"
        assert message.stripped_signature == "Bob"
        assert message.body_plain is not None and message.body_plain.startswith("Thanks, it arrived!\n\nBob")
        assert message.body_html is not None and "cid:ii_logo" in message.body_html
        assert message.stripped_html == "<p>Thanks, it arrived!</p>"
        # Every header, in order, duplicates kept.
        assert message.headers == [tuple(pair) for pair in MESSAGE_HEADERS]
        assert message.header_all("received") == [MESSAGE_HEADERS[0][1], MESSAGE_HEADERS[1][1]]
        assert message.header("message-id") == "<CAF=abc123@mail.example.org>"
        assert message.fields["X-Mailgun-Variables"] == "{}"
        assert message.verified_by == "signature"
        assert message.timestamp is not None and abs(message.timestamp.timestamp() - time.time()) < 60
        pdf, png = message.attachments
        assert (pdf.filename, pdf.content_type, pdf.size, pdf.content) == (
            "résumé.pdf", "application/pdf", len(PDF_BYTES), PDF_BYTES,
        )  # fmt: skip
        assert (png.filename, png.content_type, png.content, png.content_id) == (
            "logo.png", "image/png", PNG_BYTES, "ii_logo",
        )  # fmt: skip
        assert message.content_id_map == {"<ii_logo>": "attachment-2"}
        assert png.file.read() == PNG_BYTES  # the file is handed out at its start
    assert pdf.file.closed and png.file.closed


def test_a_parsed_post_without_attachments_is_urlencoded() -> None:
    body, content_type = parsed_urlencoded()
    message = parse_inbound(body, content_type, signing_key=KEY)
    assert message.subject == "Re: your order #42 — thanks"
    assert message.stripped_text == "Thanks, it arrived!"
    assert message.headers[3] == ("From", "Bob Lee <bob@example.org>")
    assert message.attachments == []


def test_a_store_notify_post_describes_stored_attachments() -> None:
    body, content_type = stored_notify_post()
    message = parse_inbound(body, content_type, signing_key=KEY)
    assert message.domain == "mg.example.com"
    assert message.message_url is not None and message.message_url.endswith("/messages/AgEFd")
    (stored,) = message.stored_attachments
    assert (stored.name, stored.content_type, stored.size) == ("invoice.pdf", "application/pdf", 5120)


@pytest.mark.parametrize("chunk", [1, 7, 4096])
def test_any_chunking_of_the_stream_gives_the_same_message(chunk: int) -> None:
    body, content_type = parsed_multipart()

    class Trickle(io.RawIOBase):
        def __init__(self) -> None:
            self.data = io.BytesIO(body)

        def read(self, size: int = -1) -> bytes:
            return self.data.read(min(chunk, size if size > 0 else chunk))

    with parse_inbound(Trickle(), content_type, signing_key=KEY) as message:
        assert [a.content for a in message.attachments] == [PDF_BYTES, PNG_BYTES]
        assert message.headers == [tuple(pair) for pair in MESSAGE_HEADERS]


def test_a_forged_post_is_refused_and_its_files_closed(monkeypatch: pytest.MonkeyPatch) -> None:
    body, content_type = parsed_multipart(parsed_fields(**signature_block("key-of-an-attacker")))
    store = InMemoryTokenStore()
    with pytest.raises(WebhookVerificationError, match="does not match"):
        parse_inbound(body, content_type, signing_key=KEY, token_store=store)
    assert len(store) == 0


def test_a_replayed_post_is_refused() -> None:
    body, content_type = parsed_multipart()
    store = InMemoryTokenStore()
    parse_inbound(body, content_type, signing_key=KEY, token_store=store).close()
    with pytest.raises(WebhookVerificationError, match="replayed"):
        parse_inbound(body, content_type, signing_key=KEY, token_store=store)


def test_missing_signature_fields_are_refused() -> None:
    fields = parsed_fields()
    del fields["signature"]
    body, content_type = parsed_urlencoded(fields)
    with pytest.raises(WebhookVerificationError, match="'signature' is missing"):
        parse_inbound(body, content_type, signing_key=KEY)


def test_a_subaccount_route_post_verifies_with_the_primary_key() -> None:
    fields = parsed_fields(**signature_block(SUBACCOUNT_KEY, parent_key=PRIMARY_KEY))
    body, content_type = parsed_multipart(fields)
    with parse_inbound(body, content_type, parent_signing_key=PRIMARY_KEY) as message:
        assert message.verified_by == "parent-signature"


@pytest.mark.parametrize(
    ("limits", "match"),
    [
        (InboundLimits(max_attachments=1), "more than 1 attachments"),
        (InboundLimits(max_attachment_size=1000), "attachment is larger than 1000"),
        (InboundLimits(max_size=10_000), "larger than 10000 bytes"),
        (InboundLimits(max_text_size=100), "text fields are larger than 100"),
        (InboundLimits(max_fields=5), "more than 5 fields"),
    ],
)
def test_limits_refuse_what_is_too_big_and_keep_the_token(limits: InboundLimits, match: str) -> None:
    body, content_type = parsed_multipart()
    store = InMemoryTokenStore()
    with pytest.raises(InboundTooLargeError, match=match):
        parse_inbound(body, content_type, signing_key=KEY, token_store=store, limits=limits)
    assert len(store) == 0  # refused before verification: Mailgun's retry is not a "replay"


@pytest.mark.parametrize(
    ("body", "content_type", "match"),
    [
        (b"{}", "application/json", "not 'application/json'"),
        (b"--x\r\n", "multipart/form-data", "without a boundary"),
        (b"--other\r\nContent-Disposition: form-data; name=a\r\n\r\nb\r\n--other--\r\n", MULTIPART_CT, "malformed"),
        (b"--mg-inbound-boundary-1f2e3d4c\r\nContent-Type: text/plain\r\n\r\nb\r\n", MULTIPART_CT, "no name"),
    ],
)
def test_malformed_posts_are_inbound_errors(body: bytes, content_type: str, match: str) -> None:
    with pytest.raises(InboundError, match=match):
        parse_inbound(body, content_type, signing_key=KEY)


def test_limits_are_validated() -> None:
    with pytest.raises(ValueError, match="max_attachments"):
        InboundLimits(max_attachments=0)


def test_a_50_mb_post_stays_under_10_mb_of_memory(tmp_path: Path) -> None:
    sizes = [25 * MiB, 20 * MiB, 5 * MiB]
    post = tmp_path / "post.bin"
    content_type = write_big_post(post, sizes)
    assert post.stat().st_size > 50 * MiB
    tracemalloc.start()
    try:
        with post.open("rb") as body:
            message = parse_inbound(body, content_type, signing_key=KEY)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 10 * MiB, f"parsing peaked at {peak / MiB:.1f} MiB"
    with message:
        assert [a.size for a in message.attachments] == sizes
        for number, attachment in enumerate(message.attachments, start=1):
            assert _sha256(attachment.file) == hashlib.sha256(expected_pattern(number, attachment.size)).hexdigest()


async def test_the_async_parser_takes_a_stream_of_chunks() -> None:
    body, content_type = parsed_multipart()

    async def stream() -> AsyncIterator[bytes]:
        for start in range(0, len(body), 1000):
            yield body[start : start + 1000]

    store = InMemoryTokenStore()
    with await aparse_inbound(stream(), content_type, signing_key=KEY, token_store=store) as message:
        assert [a.content for a in message.attachments] == [PDF_BYTES, PNG_BYTES]
    with pytest.raises(WebhookVerificationError, match="replayed"):
        await aparse_inbound(body, content_type, signing_key=KEY, token_store=store)


def _sha256(file: IO[bytes]) -> str:
    digest = hashlib.sha256()
    while block := file.read(1 << 20):
        digest.update(block)
    return digest.hexdigest()


@pytest.mark.parametrize("post", [parsed_multipart, parsed_urlencoded], ids=["multipart", "urlencoded"])
@pytest.mark.parametrize("chunk", [1, 65536])
def test_without_a_content_type_the_body_tells_its_form(post: Any, chunk: int) -> None:
    body, _ = post()
    with parse_inbound(_Chunked(io.BytesIO(body), chunk), None, signing_key=KEY) as message:  # type: ignore[arg-type]
        assert message.subject == "Re: your order #42 — thanks"
        assert len(message.attachments) == (2 if post is parsed_multipart else 0)


def test_a_text_body_is_taken_as_its_utf8() -> None:
    body, content_type = parsed_urlencoded()
    assert parse_inbound(body.decode(), content_type, signing_key=KEY).subject == "Re: your order #42 — thanks"


class _Chunked:
    def __init__(self, stream: IO[bytes], chunk: int) -> None:
        self._stream, self._chunk = stream, chunk

    def read(self, size: int = -1) -> bytes:
        return self._stream.read(self._chunk)
