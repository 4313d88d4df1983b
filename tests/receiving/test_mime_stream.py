"""The streaming MIME reader (raw-MIME route posts) against the stdlib's email parser as the oracle: same headers,
bodies and attachment bytes, in bounded memory."""

from __future__ import annotations

import base64
import email.policy
import hashlib
import io
import tracemalloc
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path
from typing import IO, Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mailgun import _mime_stream as mime_stream
from mailgun._mime_stream import MimeContent, MimeReader
from mailgun.inbound import InboundLimits, InboundTooLargeError, parse_inbound

from .inbound_posts import PDF_BYTES, PNG_BYTES, expected_pattern, mime_message, mime_post, pattern_block
from .signing import KEY, signature_block

MiB = 1024 * 1024


def nested_message() -> EmailMessage:
    """mixed[related[alternative[plain (quoted-printable), html], inline image], pdf, text attachment]."""
    message = EmailMessage()
    message["From"] = "=?utf-8?q?Zo=C3=AB?= <zoe@example.org>"
    message["To"] = "support@mg.example.com"
    message["Subject"] = "Réponse : facture n° 42"
    message["Received"] = "from a by b; Sun, 06 Dec 2026 10:00:00 +0000"
    message["Received"] = "from c by d; Sun, 06 Dec 2026 09:59:00 +0000"
    message.set_content("Bonjour,\nvoici la facture — merci.\n" + "x" * 200 + "\n", cte="quoted-printable")
    message.add_alternative('<p>Bonjour <img src="cid:logo@example.org"></p>\n', subtype="html")
    html = message.get_payload()[1]
    html.add_related(PNG_BYTES, maintype="image", subtype="png", cid="<logo@example.org>")
    message.add_attachment(PDF_BYTES, maintype="application", subtype="pdf", filename="facture n°42.pdf")
    message.add_attachment("a,b\n1,2\n", subtype="csv", filename="data.csv")
    message.preamble = "This is a multi-part message in MIME format.\n"
    message.epilogue = "the end\n"
    return message


def single_part_message() -> EmailMessage:
    message = EmailMessage()
    message["From"] = "bob@example.org"
    message["Subject"] = "just text"
    message.set_content("line one\nline two\n\n-- \nBob\n", cte="8bit")
    return message


MESSAGES = {"alternative+pdf": mime_message, "nested": nested_message, "single": single_part_message}


def oracle(raw: bytes) -> dict[str, Any]:
    """What the email package reads, with the reader's rules: the first inline text/plain and text/html are the
    bodies, every other leaf is an attachment."""
    message = BytesParser(policy=email.policy.default).parsebytes(raw)
    assert isinstance(message, EmailMessage)
    result: dict[str, Any] = {"headers": [(k, str(v)) for k, v in message.items()], "plain": None, "html": None}
    attachments = []
    for part in message.walk():
        if part.is_multipart():
            continue
        kind = part.get_content_type()
        slot = {"text/plain": "plain", "text/html": "html"}.get(kind)
        inline = part.get_content_disposition() != "attachment" and part.get_filename() is None
        if slot and inline and result[slot] is None:
            result[slot] = part.get_content()
            continue
        content_id = part.get("content-id")
        attachments.append(
            (part.get_filename(), kind, part.get_payload(decode=True), content_id and content_id.strip("<>"))
        )
    result["attachments"] = attachments
    return result


def read(raw: bytes) -> MimeContent:
    return MimeReader(io.BytesIO(raw), new_file=io.BytesIO, count_text=lambda _size: None).read()


def as_oracle(content: MimeContent) -> dict[str, Any]:
    attachments = []
    for part in content.attachments:
        assert isinstance(part.sink, io.BytesIO)
        attachments.append((part.filename, part.content_type, part.sink.getvalue(), part.content_id))
    return {
        "headers": content.headers,
        "plain": content.body_plain,
        "html": content.body_html,
        "attachments": attachments,
    }


@pytest.mark.parametrize("linesep", ["\r\n", "\n"], ids=["crlf", "lf"])
@pytest.mark.parametrize("name", sorted(MESSAGES))
def test_the_reader_agrees_with_the_email_package(name: str, linesep: str) -> None:
    raw = MESSAGES[name]().as_bytes(policy=email.policy.default.clone(linesep=linesep))
    assert as_oracle(read(raw)) == oracle(raw)


def test_the_nested_message_reads_as_expected() -> None:
    raw = nested_message().as_bytes(policy=email.policy.SMTP)
    content = read(raw)
    assert content.body_plain is not None and content.body_plain.startswith("Bonjour,\r\nvoici la facture — merci.")
    assert ("Subject", "Réponse : facture n° 42") in content.headers
    assert ("From", "Zoë <zoe@example.org>") in content.headers
    assert [name for name, _ in content.headers].count("Received") == 2
    names = [(part.filename, part.content_type, part.content_id) for part in content.attachments]
    assert names == [
        (None, "image/png", "logo@example.org"),
        ("facture n°42.pdf", "application/pdf", None),
        ("data.csv", "text/csv", None),
    ]


def test_a_forwarded_message_attachment_is_kept_whole() -> None:
    outer = mime_message()
    outer.add_attachment(single_part_message())  # message/rfc822
    content = read(outer.as_bytes(policy=email.policy.SMTP))
    forwarded = content.attachments[-1]
    assert forwarded.content_type == "message/rfc822"
    assert isinstance(forwarded.sink, io.BytesIO) and b"Subject: just text" in forwarded.sink.getvalue()


def test_a_multipart_without_its_closing_boundary_still_reads() -> None:
    raw = mime_message().as_bytes(policy=email.policy.SMTP)
    cut = raw[: raw.rindex(b"--\r\n")]  # drop the final close delimiter's "--"
    content = read(cut)
    assert content.body_plain == "Plain text body\r\n"
    assert content.attachments and content.attachments[0].filename == "invoice.pdf"


@pytest.mark.parametrize("urlencoded", [False, True], ids=["multipart", "urlencoded"])
def test_a_raw_mime_post_parses_into_an_inbound_message(urlencoded: bool) -> None:
    body, content_type = mime_post(urlencoded=urlencoded)
    with parse_inbound(body, content_type, signing_key=KEY) as message:
        assert message.subject == "Invoice attached"
        assert message.header("message-id") == "<mime-1@mail.example.org>"
        assert ("To", "support@mg.example.com") in message.headers
        assert message.body_plain is not None and message.body_plain.strip() == "Plain text body"
        assert message.body_html is not None and message.body_html.strip() == "<p>HTML body</p>"
        (attachment,) = message.attachments
        assert (attachment.filename, attachment.content_type, attachment.content) == (
            "invoice.pdf", "application/pdf", PDF_BYTES,
        )  # fmt: skip
        assert message.raw_mime is not None and b"Subject: Invoice attached" in message.raw_mime.read()
        assert "body-mime" not in message.fields  # kept as the raw_mime file, not as text
    assert message.raw_mime.closed and attachment.file.closed


def test_mime_attachments_count_against_the_limits() -> None:
    fields = {"body-mime": nested_message().as_bytes(policy=email.policy.SMTP).decode(), **signature_block(KEY)}
    body, content_type = _multipart(fields)
    with pytest.raises(InboundTooLargeError, match="more than 2 attachments"):
        parse_inbound(body, content_type, signing_key=KEY, limits=InboundLimits(max_attachments=2))
    with pytest.raises(InboundTooLargeError, match="text fields are larger"):
        parse_inbound(body, content_type, signing_key=KEY, limits=InboundLimits(max_text_size=300))


def _multipart(fields: dict[str, str]) -> tuple[bytes, str]:
    import httpx

    request = httpx.Request("POST", "http://127.0.0.1/", files={name: (None, value) for name, value in fields.items()})
    return request.read(), request.headers["content-type"]


def test_a_50_mb_raw_mime_post_stays_under_10_mb_of_memory(tmp_path: Path) -> None:
    sizes = [19 * MiB, 18 * MiB]  # base64 in the message: 50 MB
    post = tmp_path / "post.bin"
    content_type = _write_big_mime_post(post, sizes)
    assert post.stat().st_size > 50 * 1000 * 1000
    tracemalloc.start()
    try:
        with post.open("rb") as body:
            parsed = parse_inbound(body, content_type, signing_key=KEY)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    with parsed:
        assert peak < 10 * MiB, f"parsing peaked at {peak / MiB:.1f} MiB"
        assert parsed.body_plain == "see attached\r\n"
        assert [(a.filename, a.size) for a in parsed.attachments] == [("big-1.bin", sizes[0]), ("big-2.bin", sizes[1])]
        for number, attachment in enumerate(parsed.attachments, start=1):
            assert _sha256(attachment.file) == hashlib.sha256(expected_pattern(number, attachment.size)).hexdigest()


def _write_big_mime_post(path: Path, sizes: list[int]) -> str:
    """A raw-MIME route post whose message carries big base64 attachments, written to disk piece by piece."""
    form, mime = "form-boundary-7f3a", "mime-boundary-91c2"
    with path.open("wb") as out:
        for name, value in {"recipient": "support@mg.example.com", **signature_block(KEY)}.items():
            out.write(f'--{form}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
        out.write(f'--{form}\r\nContent-Disposition: form-data; name="body-mime"\r\n\r\n'.encode())
        out.write(b"From: bob@example.org\r\nSubject: big\r\nMIME-Version: 1.0\r\n")
        out.write(f'Content-Type: multipart/mixed; boundary="{mime}"\r\n\r\n'.encode())
        out.write(f"--{mime}\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n\r\n".encode())
        for number, size in enumerate(sizes, start=1):
            out.write(
                f"--{mime}\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n".encode()
            )
            out.write(f'Content-Disposition: attachment; filename="big-{number}.bin"\r\n\r\n'.encode())
            for offset in range(0, size, 57 * 1000):  # 57 bytes a line, as MIME encoders write them
                block = pattern_block(number, offset, min(57 * 1000, size - offset))
                out.write(base64.encodebytes(block).replace(b"\n", b"\r\n"))
        out.write(f"--{mime}--\r\n\r\n--{form}--\r\n".encode())
    return f"multipart/form-data; boundary={form}"


def _sha256(file: IO[bytes]) -> str:
    digest = hashlib.sha256()
    while block := file.read(1 << 20):
        digest.update(block)
    return digest.hexdigest()


@pytest.mark.parametrize("chunk", [1, 2, 3, 5, 64, 1000])
@pytest.mark.parametrize("name", sorted(MESSAGES))
def test_any_chunk_size_reads_the_same(name: str, chunk: int, monkeypatch: pytest.MonkeyPatch) -> None:
    # Boundaries, line breaks and "\r\n" pairs cut across reads and batches in every possible place.
    monkeypatch.setattr(mime_stream, "_CHUNK", chunk)
    monkeypatch.setattr(mime_stream, "_BATCH", max(1, chunk // 2))
    raw = MESSAGES[name]().as_bytes(policy=email.policy.SMTP)
    assert as_oracle(read(raw)) == oracle(raw)


@pytest.mark.parametrize("chunk", [1, 7, 50, 4096])
def test_lines_longer_than_the_line_limit_are_read_in_pieces(chunk: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mime_stream, "_CHUNK", chunk)
    monkeypatch.setattr(mime_stream, "_MAX_LINE", 100)  # headers stay shorter; the body lines do not
    message = EmailMessage()
    message["Subject"] = "long lines"
    message.set_content("x" * 5000 + "\r\n--not a boundary " + "y" * 300 + "\r", cte="8bit")
    message.add_attachment(b"-" * 3000 + b"\r\n", maintype="application", subtype="octet-stream", cte="7bit")
    raw = message.as_bytes(policy=email.policy.SMTP)
    assert as_oracle(read(raw)) == oracle(raw)


_TEXT = st.text(alphabet=st.sampled_from(list("ab -=\n\u00e9\u2014.")), max_size=300)
_BINARY = st.binary(max_size=400)


@st.composite
def messages(draw: st.DrawFn) -> bytes:
    message = EmailMessage()
    message["Subject"] = draw(st.text(alphabet="abc -\u00e9", max_size=20))
    message.set_content(draw(_TEXT), cte=draw(st.sampled_from(["quoted-printable", "base64", "8bit"])))
    if draw(st.booleans()):
        message.add_alternative(draw(_TEXT), subtype="html")
    for number in range(draw(st.integers(0, 3))):
        if draw(st.booleans()):
            message.add_attachment(draw(_BINARY), maintype="application", subtype="octet-stream", filename=f"f{number}")
        else:
            message.add_attachment(draw(_TEXT), subtype="plain", filename=f"t{number}.txt")
    for number, part in enumerate(message.walk()):  # the email package would pick them with `random`
        if part.is_multipart():
            part.set_boundary(f"==boundary-{number}==")
    linesep = draw(st.sampled_from(["\r\n", "\n"]))
    return message.as_bytes(policy=email.policy.default.clone(linesep=linesep))


@settings(max_examples=150, deadline=None, database=None)
@given(raw=messages(), chunk=st.integers(1, 300))
def test_generated_messages_read_as_the_email_package_reads_them(raw: bytes, chunk: int) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(mime_stream, "_CHUNK", chunk)
        patch.setattr(mime_stream, "_BATCH", max(1, chunk // 2))
        assert as_oracle(read(raw)) == oracle(raw)
