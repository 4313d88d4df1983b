"""Messages: send, send_mime, send_batch, stored messages, queues; on the sync and the async client.

Cassettes replay Mailgun's answers; scenarios that need the exact bytes on the wire (the multipart body, retries,
streaming, batches) run against ``Wire``, a transport that consumes the request body the way a network
transport does (chunk by chunk, again on every attempt) and records it.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import email.message
import email.parser
import email.policy
import inspect
import io
import json
import re
import tracemalloc
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from forms import URLENCODED, decode_urlencoded

import mailgun
import mailgun._multipart as multipart
from mailgun import ValidationError
from mailgun.resources.messages import MAX_OPTIONS_BYTES, BatchResult, send_message

DOMAIN = "example.com"
KEY = "BAABAQVQnsoroq1AQ0FJBZ_w1dnFxPqpYQ"
STORAGE_URL = f"https://storage-us-west1.api.mailgun.net/v3/domains/{DOMAIN}/messages/{KEY}"
QUEUED = {"id": "<20260512093012.1.5E0F5B4D3C2A1908@example.com>", "message": "Queued. Thank you."}
ALL_BYTES = bytes(range(256))
CONTENT = {"from_": "Sender <sender@example.com>", "to": "ann@example.org", "subject": "Hi", "text": "Hello"}


# -- a transport that behaves like the network ---------------------------------------------------------------


@dataclass
class Sent:
    request: httpx.Request
    body: bytes


Handler = Callable[[httpx.Request, bytes], httpx.Response]


def queued(request: httpx.Request, body: bytes) -> httpx.Response:
    return httpx.Response(200, json=QUEUED)


def refuse(request: httpx.Request, body: bytes) -> httpx.Response:
    raise AssertionError(f"nothing may be sent, but {request.method} {request.url} was")


class Wire(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """Reads each request body chunk by chunk on every attempt (as a socket would), records it, answers it."""

    def __init__(self, handler: Handler) -> None:
        self.handler = handler
        self.sent: list[Sent] = []
        self.chunks: list[int] = []

    def _answer(self, request: httpx.Request, chunks: list[bytes]) -> httpx.Response:
        self.chunks.extend(len(c) for c in chunks)
        body = b"".join(chunks)
        self.sent.append(Sent(request, body))
        return self.handler(request, body)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        assert isinstance(request.stream, httpx.SyncByteStream)
        return self._answer(request, list(request.stream))

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        assert isinstance(request.stream, httpx.AsyncByteStream)
        return self._answer(request, [chunk async for chunk in request.stream])


class Runner:
    """A sync or async client over ``Wire``; ``run(lambda c: c.messages.send(...))`` awaits when needed."""

    def __init__(self, mode: str, handler: Handler, **options: Any) -> None:
        self.mode = mode
        self.wire = Wire(handler)
        self.sleeps: list[float] = []
        self.loop = asyncio.new_event_loop() if mode == "async" else None
        if mode == "sync":
            self.client: Any = mailgun.Mailgun("key", http_client=httpx.Client(transport=self.wire), **options)
            self.client._transport.sleep = self.sleeps.append
        else:
            http = httpx.AsyncClient(transport=self.wire)
            self.client = mailgun.AsyncMailgun("key", http_client=http, **options)
            self.client._transport.sleep = self._sleep

    async def _sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)

    @property
    def sent(self) -> list[Sent]:
        return self.wire.sent

    def run(self, fn: Callable[[Any], Any]) -> Any:
        result = fn(self.client)
        if inspect.isawaitable(result):
            assert self.loop is not None
            return self.loop.run_until_complete(_awaited(result))
        return result

    def close(self) -> None:
        if self.loop is None:
            self.client._transport.http.close()
        else:
            self.loop.run_until_complete(self.client._transport.http.aclose())
            self.loop.close()


async def _awaited(awaitable: Any) -> Any:
    return await awaitable


@pytest.fixture(params=["sync", "async"])
def wire(request: pytest.FixtureRequest) -> Iterator[Callable[..., Runner]]:
    """``wire(handler, **client_options)`` -> a Runner on the sync or the async client."""
    runners: list[Runner] = []

    def make(handler: Handler = queued, **options: Any) -> Runner:
        runners.append(Runner(request.param, handler, **options))
        return runners[-1]

    yield make
    for runner in runners:
        runner.close()


# -- decoding multipart bodies ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Part:
    name: str
    filename: str | None
    content_type: str | None
    data: bytes


_UNESCAPE = re.compile(r"%(22|[01][0-9A-F]|7F)")


def _param(disposition: str, key: str) -> str | None:
    match = re.search(rf'; {key}="([^"]*)"', disposition)
    if match is None:
        return None
    # httpx writes parameters HTML5-style: '"' -> %22, control characters -> %XX, '\' -> '\\'.
    return _UNESCAPE.sub(lambda m: chr(int(m[1], 16)), match[1]).replace("\\\\", "\\")


def decode_multipart(content_type: str, body: bytes) -> list[Part]:
    """The parts of a multipart/form-data body, byte for byte (a small parser of its own)."""
    boundary = content_type.split("boundary=", 1)[1].strip('"').encode()
    delimiter = b"--" + boundary
    assert body.startswith(delimiter + b"\r\n") and body.endswith(b"\r\n" + delimiter + b"--\r\n")
    inner = body[len(delimiter) + 2 : -(len(delimiter) + 6)]
    parts = []
    for raw in inner.split(b"\r\n" + delimiter + b"\r\n"):
        head, separator, data = raw.partition(b"\r\n\r\n")
        assert separator, raw[:200]
        headers = dict(line.decode("utf-8").split(": ", 1) for line in head.split(b"\r\n"))
        disposition = headers["Content-Disposition"]
        assert disposition.startswith("form-data; ")
        name = _param(disposition, "name")
        assert name is not None
        parts.append(Part(name, _param(disposition, "filename"), headers.get("Content-Type"), data))
    return parts


def stdlib_payloads(content_type: str, body: bytes) -> list[bytes | None]:
    """The same body through the standard library's MIME parser: a second, independent decoder (None for a
    message/rfc822 part, which it parses as a nested message instead of returning its bytes)."""
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body
    )
    return [part.get_payload(decode=True) for part in message.iter_parts()]


def decode_form(content_type: str, body: bytes) -> list[Part]:
    """The fields and files a send carried: urlencoded without files, multipart with them."""
    if content_type == URLENCODED:
        return [Part(name, None, None, value) for name, value in decode_urlencoded(body)]
    parts = decode_multipart(content_type, body)
    assert any(part.filename is not None for part in parts), "multipart without a file: should be urlencoded"
    stdlib = stdlib_payloads(content_type, body)
    for part, payload in zip(parts, stdlib, strict=True):
        assert payload == part.data or (payload is None and part.content_type == "message/rfc822"), part.name
    return parts


def parts_of(sent: Sent) -> list[Part]:
    return decode_form(sent.request.headers["content-type"], sent.body)


def fields(parts: list[Part]) -> dict[str, list[str]]:
    """Non-file fields: name -> values in order (repeated fields keep every value)."""
    out: dict[str, list[str]] = {}
    for part in parts:
        if part.filename is None:
            out.setdefault(part.name, []).append(part.data.decode("utf-8"))
    return out


def files(parts: list[Part], name: str) -> list[tuple[str | None, str | None, bytes]]:
    return [(p.filename, p.content_type, p.data) for p in parts if p.name == name]


# -- replayed calls (cassettes) -----------------------------------------------------------------------------


@pytest.mark.vcr
def test_send(both: Any) -> None:
    result = both(
        lambda c: c.messages.send(
            DOMAIN,
            from_="Excited User <mailgun@example.com>",
            to=["ann@example.org", "bob@example.org"],
            subject="Hello",
            text="Testing some Mailgun awesomeness!",
            tags="welcome",
            test_mode=True,
        )
    )
    assert isinstance(result, mailgun.types.SendResult)
    assert result.id == QUEUED["id"]
    assert result.message == "Queued. Thank you."


@pytest.mark.vcr
def test_send_rejected(both: Any) -> None:
    with pytest.raises(mailgun.BadRequestError) as caught:
        both(lambda c: c.messages.send(DOMAIN, **{**CONTENT, "to": "not-an-address"}))
    assert caught.value.status_code == 400
    assert "to parameter is not a valid address" in str(caught.value)
    assert caught.value.attempts == 1


@pytest.mark.vcr
def test_send_mime(both: Any) -> None:
    mime = email.message.EmailMessage()
    mime["From"] = "sender@example.com"
    mime["To"] = "ann@example.org"
    mime["Subject"] = "MIME"
    mime.set_content("Built by hand.")
    result = both(lambda c: c.messages.send_mime(DOMAIN, to="ann@example.org", mime=mime, tags=["mime"]))
    assert result.id == "<20260512093013.1.77A1D0C2B3E4F506@example.com>"
    assert result.message == "Queued. Thank you."


@pytest.mark.vcr
def test_send_batch(both: Any) -> None:
    recipients = {"ann@example.org": {"first": "Ann"}, "bob@example.org": {"first": "Bob"}, "cy@example.org": None}
    batch = both(
        lambda c: c.messages.send_batch(
            DOMAIN, recipients=recipients, from_="sender@example.com", subject="Hi %recipient.first%",
            text="Hello %recipient.first%", chunk_size=2,
        )
    )  # fmt: skip
    assert isinstance(batch, BatchResult)
    assert batch.ok and len(batch) == 2
    assert [chunk.recipients for chunk in batch] == [("ann@example.org", "bob@example.org"), ("cy@example.org",)]
    assert sorted(batch.ids) == [  # concurrent on the async client: either chunk may be answered first
        "<20260512093014.1.0B9E1F2A3C4D5E6F@example.com>",
        "<20260512093014.2.0B9E1F2A3C4D5E70@example.com>",
    ]


@pytest.mark.vcr
def test_get_stored_by_url(both: Any) -> None:
    stored = both(lambda c: c.messages.get_stored(STORAGE_URL))
    assert isinstance(stored, mailgun.types.StoredMessage)
    assert stored.subject == "Your order has shipped"
    assert stored.from_ == "Shop <shop@example.com>"
    assert stored.message_id == "<20260512093012.1.5E0F5B4D3C2A1908@example.com>"
    assert stored.body_plain == "It is on its way.\n"
    assert stored.message_headers == [["Subject", "Your order has shipped"], ["To", "ann@example.org"]]
    # Not in Mailgun's spec, kept as data:
    assert stored.additional_properties["attachments"][0]["name"] == "invoice.pdf"


@pytest.mark.vcr
def test_get_stored_by_key(both: Any) -> None:
    stored = both(lambda c: c.messages.get_stored(DOMAIN, KEY))
    assert stored.subject == "Your order has shipped"
    assert stored.recipients == "ann@example.org"


@pytest.mark.vcr
def test_get_stored_missing(both: Any) -> None:
    with pytest.raises(mailgun.NotFoundError) as caught:
        both(lambda c: c.messages.get_stored(DOMAIN, "AAAAAAAAAAAAAAAAAAAAAAAA"))
    assert "Message not found" in str(caught.value)


@pytest.mark.vcr
def test_resend(both: Any) -> None:
    result = both(lambda c: c.messages.resend(STORAGE_URL, to=["ann@example.org", "bob@example.org"]))
    assert result.id == "<20260512093015.1.1A2B3C4D5E6F7081@example.com>"


@pytest.mark.vcr
def test_cancel_scheduled(both: Any) -> None:
    result = both(lambda c: c.messages.cancel_scheduled(STORAGE_URL))
    assert isinstance(result, mailgun.types.StatusMessage)
    assert result.message == "done"


@pytest.mark.vcr
def test_sending_queues(both: Any) -> None:
    queues = both(lambda c: c.messages.sending_queues(DOMAIN))
    assert isinstance(queues, mailgun.types.SendingQueues)
    assert queues.regular.is_disabled is False
    assert queues.scheduled.is_disabled is True
    assert queues.scheduled.disabled.reason == "You have too many messages in queue"
    assert queues.scheduled.disabled.until == "Tue, 12 May 2026 10:00:00 UTC"


# -- the multipart body, byte for byte ----------------------------------------------------------------------


TRICKY_TEXT = "Grüße — 你好 ✓\r\n--+++\r\nnot a boundary\n--boundary\r\n--\r\n\r\nend"
TRICKY_BYTES = b'\r\n--+++\r\n--boundary--\r\nContent-Disposition: form-data; name="x"\r\n\r\n'


URL_TRICKY = "a&b=c+d%20e;f=&g\r\nh ü"  # every character urlencoding must escape


@pytest.mark.parametrize("with_file", [False, True], ids=["urlencoded", "multipart"])
def test_both_encodings_carry_the_same_fields(wire: Callable[..., Runner], with_file: bool) -> None:
    """Without a file a send goes urlencoded (as Mailgun's own SDKs send it), with one multipart: the fields
    decode the same either way, repeated ones in order."""
    runner = wire()
    runner.run(
        lambda c: c.messages.send(
            DOMAIN,
            from_="Sendér <sender@example.com>",
            to=["Ann Example <ann@example.org>", "bob+tag@example.org"],
            cc=["carol@example.org"],
            subject="Grüße — 你好 ✓ & = + %",
            text=TRICKY_TEXT + URL_TRICKY,
            html="<p>" + URL_TRICKY + "</p>",
            tags=["a&b", "q=2", "ü"],
            headers={"X-Tricky": "a=b&c"},
            variables={"order": {"id": 7, "items": ["x&y", "ü"]}, "plain": "100%"},
            recipient_variables={"ann@example.org": {"first": "Ann&Co"}},
            test_mode=True,
            extra={"o:some-new-option": "x+y"},
            attachments=[("a.txt", b"x=1&y=2", "text/plain")] if with_file else None,
        )
    )
    (sent,) = runner.sent
    content_type = sent.request.headers["content-type"]
    assert (content_type == URLENCODED) is not with_file
    parts = parts_of(sent)
    assert fields(parts) == {
        "from": ["Sendér <sender@example.com>"],
        "to": ["Ann Example <ann@example.org>", "bob+tag@example.org"],
        "cc": ["carol@example.org"],
        "subject": ["Grüße — 你好 ✓ & = + %"],
        "text": [TRICKY_TEXT + URL_TRICKY],
        "html": ["<p>" + URL_TRICKY + "</p>"],
        "o:tag": ["a&b", "q=2", "ü"],
        "o:testmode": ["yes"],
        "recipient-variables": ['{"ann@example.org":{"first":"Ann&Co"}}'],
        "h:X-Tricky": ["a=b&c"],
        "v:order": ['{"id":7,"items":["x&y","ü"]}'],
        "v:plain": ["100%"],
        "o:some-new-option": ["x+y"],
    }
    assert files(parts, "attachment") == ([("a.txt", "text/plain", b"x=1&y=2")] if with_file else [])


@pytest.mark.parametrize(
    "options",
    [{"subject": "Hi\r\nBcc: eve@example.org"}, {"tags": ["a\nb"]}, {"headers": {"X-A": "a\r\nB: c"}}],
)
def test_line_breaks_in_header_values_are_refused_in_both_encodings(
    wire: Callable[..., Runner], options: dict[str, Any]
) -> None:
    runner = wire()
    for attachments in (None, [("a.txt", b"x")]):
        with pytest.raises(ValidationError):
            runner.run(lambda c: c.messages.send(DOMAIN, **{**CONTENT, **options}, attachments=attachments))  # noqa: B023
    assert runner.sent == []


def test_resend_goes_urlencoded(wire: Callable[..., Runner]) -> None:
    runner = wire()
    runner.run(lambda c: c.messages.resend(DOMAIN, "KEY", to=["ann@example.org", "Bob <bob@example.org>"]))
    (sent,) = runner.sent
    assert sent.request.headers["content-type"] == URLENCODED
    assert fields(parts_of(sent)) == {"to": ["ann@example.org, Bob <bob@example.org>"]}


def test_round_trip(wire: Callable[..., Runner], tmp_path: Path) -> None:
    runner = wire()
    every_byte = tmp_path / "every-byte.bin"
    every_byte.write_bytes(ALL_BYTES * 1000)
    notes = tmp_path / "Grüße.txt"
    notes.write_bytes("Notizen: ü\r\n--+++\r\n".encode())
    handle = io.BytesIO(ALL_BYTES[::-1])
    handle.name = "/somewhere/reversed.dat"
    png = b"\x89PNG\r\n\x1a\n" + ALL_BYTES
    when = dt.datetime(2030, 1, 2, 10, 30, tzinfo=dt.timezone(dt.timedelta(hours=2)))

    result = runner.run(
        lambda c: c.messages.send(
            DOMAIN,
            from_="Sendér <sender@example.com>",
            to=["Ann Example <ann@example.org>", "bob@example.org"],
            cc="carol@example.org",
            bcc=["dave@example.org"],
            subject="Grüße — 你好 ✓",
            text=TRICKY_TEXT,
            html="<p>--boundary</p>\r\n--+++\r\n<p>ü</p>",
            amp_html="<html amp4email>⚡</html>",
            tags=["welcome", "q2"],
            headers={"X-Campaign": "spring", "Reply-To": "Replies <replies@example.com>"},
            variables={"user_id": 42, "plan": "pro", "nested": {"a": [1, 2], "é": None}},
            recipient_variables={"ann@example.org": {"first": "Ann"}, "bob@example.org": {"first": "Bob"}},
            attachments=[
                every_byte,
                str(notes),
                ("report.pdf", b"%PDF-1.7\n" + ALL_BYTES, "application/pdf"),
                TRICKY_BYTES,
                handle,
                ("from-path.bin", every_byte),
            ],
            inline=[("logo.png", png, "image/png")],
            deliver_at=when,
            deliver_within=dt.timedelta(hours=1, minutes=30),
            test_mode=True,
            tracking=False,
            tracking_clicks="htmlonly",
            tracking_opens=True,
            tracking_pixel_location_top=True,
            dkim=True,
            secondary_dkim="example.com/s1",
            secondary_dkim_public="public.example.com/s1",
            require_tls=True,
            skip_verification=False,
            send_time_optimization="24h",
            time_zone_localize=dt.time(9, 0),
            sending_ip="192.0.2.10",
            sending_ip_pool="pool-1",
            archive_to="https://archive.example.com/in",
            suppress_headers=["X-Mailgun-Tag", "X-Mailgun-Variables"],
            extra={"o:some-new-option": "yes"},
        )
    )
    assert result.id == QUEUED["id"]
    assert len(runner.sent) == 1
    request = runner.sent[0].request
    assert request.method == "POST"
    assert str(request.url) == "https://api.mailgun.net/v3/example.com/messages"
    parts = parts_of(runner.sent[0])

    assert fields(parts) == {
        "from": ["Sendér <sender@example.com>"],
        "to": ["Ann Example <ann@example.org>", "bob@example.org"],
        "cc": ["carol@example.org"],
        "bcc": ["dave@example.org"],
        "subject": ["Grüße — 你好 ✓"],
        "text": [TRICKY_TEXT],
        "html": ["<p>--boundary</p>\r\n--+++\r\n<p>ü</p>"],
        "amp-html": ["<html amp4email>⚡</html>"],
        "o:tag": ["welcome", "q2"],
        "o:dkim": ["yes"],
        "o:secondary-dkim": ["example.com/s1"],
        "o:secondary-dkim-public": ["public.example.com/s1"],
        "o:deliverytime": ["Wed, 02 Jan 2030 10:30:00 +0200"],
        "o:deliver-within": ["1h30m"],
        "o:deliverytime-optimize-period": ["24h"],
        "o:time-zone-localize": ["09:00"],
        "o:testmode": ["yes"],
        "o:tracking": ["no"],
        "o:tracking-clicks": ["htmlonly"],
        "o:tracking-opens": ["yes"],
        "o:require-tls": ["yes"],
        "o:skip-verification": ["no"],
        "o:sending-ip": ["192.0.2.10"],
        "o:sending-ip-pool": ["pool-1"],
        "o:tracking-pixel-location-top": ["yes"],
        "o:archive-to": ["https://archive.example.com/in"],
        "o:suppress-headers": ["X-Mailgun-Tag,X-Mailgun-Variables"],
        "recipient-variables": ['{"ann@example.org":{"first":"Ann"},"bob@example.org":{"first":"Bob"}}'],
        "h:X-Campaign": ["spring"],
        "h:Reply-To": ["Replies <replies@example.com>"],
        "v:user_id": ["42"],
        "v:plan": ["pro"],
        "v:nested": ['{"a":[1,2],"é":null}'],
        "o:some-new-option": ["yes"],
    }
    assert files(parts, "attachment") == [
        ("every-byte.bin", "application/octet-stream", ALL_BYTES * 1000),
        ("Grüße.txt", "text/plain", "Notizen: ü\r\n--+++\r\n".encode()),
        ("report.pdf", "application/pdf", b"%PDF-1.7\n" + ALL_BYTES),
        ("attachment", "application/octet-stream", TRICKY_BYTES),
        ("reversed.dat", "application/octet-stream", ALL_BYTES[::-1]),
        ("from-path.bin", "application/octet-stream", ALL_BYTES * 1000),
    ]
    assert files(parts, "inline") == [("logo.png", "image/png", png)]
    assert {p.name for p in parts} - {"attachment", "inline"} == set(fields(parts))
    assert request.headers["authorization"].startswith("Basic ")
    assert int(request.headers["content-length"]) == len(runner.sent[0].body)


def test_template_send_omits_subject(wire: Callable[..., Runner]) -> None:
    runner = wire()
    runner.run(
        lambda c: c.messages.send(
            DOMAIN, from_="sender@example.com", to="ann@example.org", template="welcome", template_version="v2",
            template_variables={"name": "Ann", "items": [1, 2]}, template_text=True,
        )
    )  # fmt: skip
    sent = fields(parts_of(runner.sent[0]))
    assert "subject" not in sent  # the spec says required; with a template Mailgun takes the template's subject
    assert sent["template"] == ["welcome"]
    assert sent["t:version"] == ["v2"]
    assert sent["t:text"] == ["yes"]
    assert json.loads(sent["t:variables"][0]) == {"name": "Ann", "items": [1, 2]}


def test_send_mime_body(wire: Callable[..., Runner], tmp_path: Path) -> None:
    runner = wire()
    mime = email.message.EmailMessage()
    mime["From"] = "sender@example.com"
    mime["To"] = "ann@example.org"
    mime["Subject"] = "Grüße"
    mime.set_content("Zeile 1\nZeile 2 ü\n")
    mime.add_attachment(ALL_BYTES, maintype="application", subtype="octet-stream", filename="all.bin")
    runner.run(lambda c: c.messages.send_mime(DOMAIN, to=["ann@example.org", "bob@example.org"], mime=mime))
    eml = tmp_path / "message.eml"
    eml.write_bytes(b"From: a@example.com\r\nTo: b@example.org\r\nSubject: x\r\n\r\n" + ALL_BYTES)
    runner.run(lambda c: c.messages.send_mime(DOMAIN, to="b@example.org", mime=eml, test_mode=True))

    first, second = (parts_of(sent) for sent in runner.sent)
    assert str(runner.sent[0].request.url) == "https://api.mailgun.net/v3/example.com/messages.mime"
    assert fields(first) == {"to": ["ann@example.org", "bob@example.org"]}
    ((name, content_type, data),) = files(first, "message")
    assert (name, content_type) == ("message.mime", "message/rfc822")
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")  # SMTP line endings
    parsed = email.parser.BytesParser(policy=email.policy.default).parsebytes(data)
    assert parsed["Subject"] == "Grüße"
    attachment = next(iter(parsed.iter_attachments()))
    assert attachment.get_content() == ALL_BYTES
    assert fields(second) == {"to": ["b@example.org"], "o:testmode": ["yes"]}
    assert files(second, "message")[0][2] == eml.read_bytes()


# -- files: opened only while sent, streamed, never leaked -------------------------------------------------


class OpenSpy:
    """Records files the attachment reader opens (mailgun._multipart's `open`)."""

    def __init__(self) -> None:
        self.opened: list[Any] = []

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        handle = open(*args, **kwargs)  # noqa: SIM115 - the reader closes it; the spy only watches
        self.opened.append(handle)
        return handle

    @property
    def all_closed(self) -> bool:
        return all(handle.closed for handle in self.opened)


def test_paths_are_opened_only_while_sending(
    wire: Callable[..., Runner], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spy = OpenSpy()
    monkeypatch.setattr(multipart, "open", spy, raising=False)
    path = tmp_path / "a.bin"
    path.write_bytes(ALL_BYTES * 600)  # > 2 chunks of 64 KiB
    call = send_message(DOMAIN, **CONTENT, attachments=path)
    assert spy.opened == []  # building a call reads nothing

    def answer(request: httpx.Request, body: bytes) -> httpx.Response:
        assert spy.opened and spy.all_closed  # each chunk's read closed its file already
        return queued(request, body)

    runner = wire(answer)
    runner.run(lambda c: c._run(call))
    assert len(spy.opened) >= 3 and spy.all_closed
    assert files(parts_of(runner.sent[0]), "attachment")[0][2] == ALL_BYTES * 600


def test_a_file_changed_while_sending_fails_the_send(tmp_path: Path) -> None:
    path = tmp_path / "a.bin"
    path.write_bytes(b"x" * 200_000)
    stream = multipart.PathStream(path)
    assert stream.seek(0, 2) == 200_000 and stream.seek(0) == 0
    assert stream.read(65_536) == b"x" * 65_536
    path.write_bytes(b"y" * 300_000)
    with pytest.raises(OSError, match="changed while it was being sent"):
        stream.read(65_536)


LARGE = 20 * 1024 * 1024


def test_large_files_are_streamed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spy = OpenSpy()
    monkeypatch.setattr(multipart, "open", spy, raising=False)
    path = tmp_path / "large.bin"
    with path.open("wb") as out:
        for _ in range(LARGE // len(ALL_BYTES * 4096)):
            out.write(ALL_BYTES * 4096)
    wire_ = Wire(queued)

    class Sink(httpx.BaseTransport):
        """Consumes the body as a socket would, keeping only counts."""

        def __init__(self) -> None:
            self.sizes: list[int] = []
            self.stream_type: type | None = None
            self.content_length = 0

        def handle_request(self, request: httpx.Request) -> httpx.Response:
            self.stream_type = type(request.stream)
            self.content_length = int(request.headers["content-length"])
            assert isinstance(request.stream, httpx.SyncByteStream)
            for chunk in request.stream:
                self.sizes.append(len(chunk))
                assert spy.all_closed  # no descriptor held between chunks
            return httpx.Response(200, json=QUEUED)

    sink = Sink()
    with mailgun.Mailgun("key", http_client=httpx.Client(transport=sink)) as client:
        tracemalloc.start()
        try:
            client.messages.send(DOMAIN, **CONTENT, attachments=path)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert wire_.sent == []
    assert sink.stream_type is not None and "Multipart" in sink.stream_type.__name__  # not a buffered ByteStream
    assert sum(sink.sizes) == sink.content_length > LARGE  # Content-Length known up front, not chunked
    assert max(sink.sizes) <= 64 * 1024 and len(sink.sizes) > LARGE // (64 * 1024)
    assert peak < 4 * 1024 * 1024, f"peak memory {peak} bytes while sending a {LARGE} byte file"
    assert len(spy.opened) >= LARGE // (64 * 1024) and spy.all_closed


async def test_large_files_are_streamed_async(tmp_path: Path) -> None:
    path = tmp_path / "large.bin"
    path.write_bytes(b"\xab" * (5 * 1024 * 1024))
    sizes: list[int] = []

    class Sink(httpx.AsyncBaseTransport):
        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            assert isinstance(request.stream, httpx.AsyncByteStream)
            async for chunk in request.stream:
                sizes.append(len(chunk))
            return httpx.Response(200, json=QUEUED)

    async with mailgun.AsyncMailgun("key", http_client=httpx.AsyncClient(transport=Sink())) as client:
        await client.messages.send(DOMAIN, **CONTENT, attachments=path)
    assert max(sizes) <= 64 * 1024 and sum(sizes) > 5 * 1024 * 1024


# -- retries: a send is never duplicated -------------------------------------------------------------------


def _status(*codes: int, headers: dict[str, str] | None = None) -> Handler:
    answers = iter(codes)

    def answer(request: httpx.Request, body: bytes) -> httpx.Response:
        code = next(answers)
        if code == 200:
            return httpx.Response(200, json=QUEUED)
        return httpx.Response(code, json={"message": f"status {code}"}, headers=headers)

    return answer


def test_send_is_not_retried_after_503(wire: Callable[..., Runner]) -> None:
    runner = wire(_status(503, 200), max_retries=2)
    with pytest.raises(mailgun.InternalServerError) as caught:
        runner.run(lambda c: c.messages.send(DOMAIN, **CONTENT))
    assert caught.value.attempts == 1
    assert len(runner.sent) == 1 and runner.sleeps == []


def test_send_is_not_retried_after_a_read_timeout(wire: Callable[..., Runner]) -> None:
    def time_out(request: httpx.Request, body: bytes) -> httpx.Response:
        raise httpx.ReadTimeout("timed out waiting for Mailgun", request=request)

    runner = wire(time_out, max_retries=2)
    with pytest.raises(mailgun.APITimeoutError) as caught:
        runner.run(lambda c: c.messages.send(DOMAIN, **CONTENT))
    assert caught.value.attempts == 1
    assert len(runner.sent) == 1


def test_send_is_retried_after_429_with_the_same_bytes(wire: Callable[..., Runner], tmp_path: Path) -> None:
    path = tmp_path / "a.bin"
    path.write_bytes(ALL_BYTES * 500)
    runner = wire(_status(429, 200, headers={"Retry-After": "2"}), max_retries=2)
    result = runner.run(lambda c: c.messages.send(DOMAIN, **CONTENT, attachments=[path, io.BytesIO(b"abc")]))
    assert result.id == QUEUED["id"]
    assert len(runner.sent) == 2 and len(runner.sleeps) == 1 and runner.sleeps[0] >= 2
    first, second = runner.sent
    assert first.body == second.body  # the retry re-read the files from the start
    assert files(parts_of(second), "attachment")[0][2] == ALL_BYTES * 500


def test_mime_send_is_not_retried_after_502(wire: Callable[..., Runner]) -> None:
    runner = wire(_status(502, 200), max_retries=2)
    with pytest.raises(mailgun.InternalServerError):
        runner.run(lambda c: c.messages.send_mime(DOMAIN, to="ann@example.org", mime=b"Subject: x\r\n\r\nbody"))
    assert len(runner.sent) == 1


def test_resend_is_not_retried_after_500(wire: Callable[..., Runner]) -> None:
    runner = wire(_status(500, 200), max_retries=2)
    with pytest.raises(mailgun.InternalServerError):
        runner.run(lambda c: c.messages.resend(STORAGE_URL, to="ann@example.org"))
    assert len(runner.sent) == 1


def test_opted_in_send_is_retried_after_503(wire: Callable[..., Runner], tmp_path: Path) -> None:
    path = tmp_path / "a.bin"
    path.write_bytes(ALL_BYTES * 300)
    runner = wire(_status(503, 200), max_retries=2, retry_sends_on_ambiguous=True)
    result = runner.run(lambda c: c.messages.send(DOMAIN, **CONTENT, attachments=path))
    assert result.id == QUEUED["id"]
    assert len(runner.sent) == 2 and runner.sent[0].body == runner.sent[1].body


def test_reads_are_retried(wire: Callable[..., Runner]) -> None:
    runner = wire(_status(503, 200), max_retries=2)
    runner.run(lambda c: c.messages.sending_queues(DOMAIN))
    assert len(runner.sent) == 2


# -- stored messages: the key only ever goes to Mailgun ----------------------------------------------------


def test_stored_message_calls_go_to_the_storage_host(wire: Callable[..., Runner]) -> None:
    runner = wire(lambda request, body: httpx.Response(200, json={"message": "done", **QUEUED}))
    runner.run(lambda c: c.messages.get_stored(STORAGE_URL))
    runner.run(lambda c: c.messages.get_stored([STORAGE_URL, "https://other.api.mailgun.net/x"]))  # logs: a list
    runner.run(lambda c: c.messages.resend(STORAGE_URL, to=["ann@example.org", "Bob <bob@example.org>"]))
    runner.run(lambda c: c.messages.cancel_scheduled(STORAGE_URL))
    runner.run(lambda c: c.messages.cancel_scheduled(DOMAIN, storage_host="storage-us-east4.api.mailgun.net"))
    runner.run(lambda c: c.messages.get_stored(DOMAIN, KEY))
    runner.run(lambda c: c.messages.get_stored(DOMAIN, "a/b=c", storage_host="https://storage.eu.mailgun.net/"))
    urls = [(s.request.method, str(s.request.url)) for s in runner.sent]
    assert urls == [
        ("GET", STORAGE_URL),
        ("GET", STORAGE_URL),
        ("POST", STORAGE_URL),
        ("DELETE", "https://storage-us-west1.api.mailgun.net/v3/example.com/envelopes"),
        ("DELETE", "https://storage-us-east4.api.mailgun.net/v3/example.com/envelopes"),
        ("GET", f"https://api.mailgun.net/v3/domains/example.com/messages/{KEY}"),
        ("GET", "https://storage.eu.mailgun.net/v3/domains/example.com/messages/a%2Fb%3Dc"),
    ]
    assert all(s.request.headers["authorization"].startswith("Basic ") for s in runner.sent)
    assert fields(parts_of(runner.sent[2])) == {"to": ["ann@example.org, Bob <bob@example.org>"]}


@pytest.mark.parametrize(
    ("args", "kwargs", "param"),
    [
        (("http://storage-us-east4.api.mailgun.net/v3/domains/example.com/messages/K",), {}, "domain_or_url"),
        (("https://evil.example.com/v3/domains/example.com/messages/K",), {}, "domain_or_url"),
        (("https://storage.mailgun.net.evil.com/v3/domains/example.com/messages/K",), {}, "domain_or_url"),
        (("https://evilmailgun.net/v3/domains/example.com/messages/K",), {}, "domain_or_url"),
        (("https://mailgun.net/v3/domains/example.com/messages/K",), {}, "domain_or_url"),
        (("https://user:pw@storage.mailgun.net/v3/domains/example.com/messages/K",), {}, "domain_or_url"),
        (("https://evil.com\\@storage.mailgun.net/v3/domains/example.com/messages/K",), {}, "domain_or_url"),
        (("https://storage.mailgun.net:8443/v3/domains/example.com/messages/K",), {}, "domain_or_url"),
        (("https://storage.mailgun.net./v3/domains/example.com/messages/K",), {}, "domain_or_url"),
        (("https://storage.mailgun.net/v3/domains/example.com/events",), {}, "domain_or_url"),
        (("https://storage.mailgun.net/v3/domains/example.com/messages/K?x=1",), {}, "domain_or_url"),
        ((STORAGE_URL, "other-key"), {}, "storage_key"),
        ((STORAGE_URL,), {"storage_host": "storage-us-east4.api.mailgun.net"}, "storage_host"),
        ((DOMAIN, KEY), {"storage_host": "evil.example.com"}, "storage_host"),
        ((DOMAIN, KEY), {"storage_host": "http://storage.mailgun.net"}, "storage_host"),
        ((DOMAIN,), {}, "storage_key"),
        (("",), {}, "domain_or_url"),
    ],
)
def test_stored_message_targets_are_checked(
    wire: Callable[..., Runner], args: tuple[Any, ...], kwargs: dict[str, Any], param: str
) -> None:
    runner = wire(refuse)
    with pytest.raises(ValidationError) as caught:
        runner.run(lambda c: c.messages.get_stored(*args, **kwargs))
    assert caught.value.param == param
    assert runner.sent == []


def test_cancel_scheduled_checks_the_host(wire: Callable[..., Runner]) -> None:
    runner = wire(refuse)
    with pytest.raises(ValidationError) as caught:
        runner.run(lambda c: c.messages.cancel_scheduled(DOMAIN, storage_host="storage.mailgun.net.example.com"))
    assert caught.value.param == "storage_host"
    with pytest.raises(ValidationError) as caught:
        runner.run(lambda c: c.messages.resend(STORAGE_URL, to=[]))
    assert caught.value.param == "to"
    assert runner.sent == []


# -- checked before anything is sent ----------------------------------------------------------------------


def _many(n: int) -> list[str]:
    return [f"user{i}@example.org" for i in range(n)]


class Opaque:
    pass


class Unseekable(io.RawIOBase):
    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return False


class WriteOnly(io.RawIOBase):
    def readable(self) -> bool:
        return False

    def seekable(self) -> bool:
        return True


INVALID_SENDS: list[tuple[str, dict[str, Any], str]] = [
    ("no recipient", {"to": []}, "to"),
    ("no recipient list", {"to": None}, "to"),
    ("blank recipient", {"to": [" "]}, "to"),
    ("header injection in to", {"to": "ann@example.org\r\nBcc: x@example.org"}, "to"),
    ("no body", {"text": None}, "text"),
    ("empty body", {"text": ""}, "text"),
    ("html and template", {"html": "<p>x</p>", "template": "t"}, "template"),
    ("template version without template", {"template_version": "v1"}, "template_version"),
    ("over 1000 recipients", {"to": _many(600), "cc": _many(300), "bcc": _many(101)}, "to"),
    ("over 1000 in one string", {"to": ", ".join(_many(1001))}, "to"),
    ("naive deliver_at", {"deliver_at": dt.datetime(2030, 1, 1, 9)}, "deliver_at"),
    ("deliver_at not a datetime", {"deliver_at": "tomorrow"}, "deliver_at"),
    ("unserialisable variables", {"variables": {"when": dt.date(2030, 1, 1)}}, "variables['when']"),
    ("NaN variable", {"variables": {"x": float("nan")}}, "variables['x']"),
    ("unserialisable template variables", {"template": "t", "template_variables": {"s": {1, 2}}}, "template_variables"),
    ("template variables not a mapping", {"template": "t", "template_variables": [1]}, "template_variables"),
    ("unserialisable recipient variables", {"recipient_variables": {"a@x.org": {"b": b"x"}}}, "recipient_variables"),
    ("recipient variables not mappings", {"recipient_variables": {"a@x.org": 1}}, "recipient_variables"),
    ("bad variable name", {"variables": {"a b": "x"}}, "variables"),
    ("bad header name", {"headers": {"X:Y": "1"}}, "headers"),
    ("header value with newline", {"headers": {"X-Y": "1\r\nBcc: evil@example.com"}}, "headers['X-Y']"),
    ("header value not a str", {"headers": {"X-Y": 1}}, "headers"),
    ("subject with newline", {"subject": "Hi\r\nBcc: evil@example.com"}, "subject"),
    ("lone surrogate", {"text": "bad \udc80"}, "text"),
    ("lone surrogate in an option", {"sending_ip_pool": "pool-\udc80"}, "sending_ip_pool"),
    ("lone surrogate in a template name", {"template": "t\udc80", "text": None}, "template"),
    ("lone surrogate in an extra parameter", {"extra": {"o:x": "\udc80"}}, "extra['o:x']"),
    ("test_mode not a bool", {"test_mode": "yes"}, "test_mode"),
    ("deliver_within format", {"deliver_within": "90 minutes"}, "deliver_within"),
    ("deliver_within seconds", {"deliver_within": dt.timedelta(seconds=90)}, "deliver_within"),
    ("send_time_optimization format", {"send_time_optimization": "1 day"}, "send_time_optimization"),
    ("time_zone_localize format", {"time_zone_localize": "9 o'clock"}, "time_zone_localize"),
    ("secondary dkim public alone", {"secondary_dkim_public": "p.example.com/s1"}, "secondary_dkim_public"),
    ("extra value not a str", {"extra": {"o:x": 1}}, "extra['o:x']"),
    ("options over 16 KB", {"variables": {"blob": "x" * MAX_OPTIONS_BYTES}}, "variables"),
    ("headers over 16 KB", {"headers": {f"X-H{i}": "y" * 1000 for i in range(17)}}, "headers"),
    ("template variables over 16 KB", {"template": "t", "template_variables": {"k": "é" * 8200}}, "template_variables"),
    ("missing file", {"attachments": ["/definitely/not/here.pdf"]}, "attachments"),
    ("missing inline file", {"inline": Path("/definitely/not/here.png")}, "inline"),
    ("directory", {"attachments": "/"}, "attachments"),
    ("unsupported type", {"attachments": [Opaque()]}, "attachments"),
    ("int", {"attachments": 3}, "attachments"),
    ("str content in tuple", {"attachments": [("a.txt", "text")]}, "attachments"),
    ("tuple too long", {"attachments": [("a.txt", b"x", "text/plain", "extra")]}, "attachments"),
    ("tuple of paths", {"attachments": (Path("a"), Path("b"))}, "attachments"),
    ("blank filename", {"attachments": [("", b"x")]}, "attachments"),
    ("filename with newline", {"attachments": [("a\r\nb.txt", b"x")]}, "attachments"),
    ("bad content type", {"attachments": [("a.txt", b"x", "text/plain\r\nX-Evil: 1")]}, "attachments"),
    ("content type without slash", {"attachments": [("a.txt", b"x", "text")]}, "attachments"),
    ("text-mode file", {"attachments": [io.StringIO("text")]}, "attachments"),
    ("unseekable file", {"attachments": [Unseekable()]}, "attachments"),
    ("write-only file", {"attachments": [WriteOnly()]}, "attachments"),
    ("blank domain", {"domain": " "}, "domain"),
    ("missing from", {"from_": ""}, "from_"),
]


@pytest.mark.parametrize(("case", "changes", "param"), INVALID_SENDS, ids=[c[0] for c in INVALID_SENDS])
def test_send_is_checked_before_sending(
    wire: Callable[..., Runner], case: str, changes: dict[str, Any], param: str
) -> None:
    runner = wire(refuse)
    kwargs = {**CONTENT, **changes}
    domain = kwargs.pop("domain", DOMAIN)
    with pytest.raises(ValidationError) as caught:
        runner.run(lambda c: c.messages.send(domain, **kwargs))
    assert caught.value.param == param, str(caught.value)
    assert runner.sent == []


def test_exactly_1000_recipients_and_16_kb_pass(wire: Callable[..., Runner]) -> None:
    runner = wire()
    # name "v:blob" (6 bytes) + value: exactly the limit.
    variables = {"blob": "x" * (MAX_OPTIONS_BYTES - len("v:blob"))}
    runner.run(lambda c: c.messages.send(DOMAIN, **{**CONTENT, "to": _many(998)}, cc="a@x.org", bcc="b@x.org"))
    runner.run(lambda c: c.messages.send(DOMAIN, **CONTENT, variables=variables))
    assert len(runner.sent) == 2


@pytest.mark.parametrize(
    ("changes", "param"),
    [
        ({"mime": "From: a@example.com\r\n\r\nbody"}, "mime"),  # a str: ambiguous (text or path?)
        ({"mime": b""}, "mime"),
        ({"mime": 42}, "mime"),
        ({"mime": Path("/definitely/not/here.eml")}, "mime"),
        ({"to": []}, "to"),
        ({"to": _many(1001)}, "to"),
        ({"deliver_at": dt.datetime(2030, 1, 1)}, "deliver_at"),
        ({"variables": {"x": object()}}, "variables['x']"),
    ],
)
def test_send_mime_is_checked_before_sending(wire: Callable[..., Runner], changes: dict[str, Any], param: str) -> None:
    runner = wire(refuse)
    kwargs = {"to": "ann@example.org", "mime": b"Subject: x\r\n\r\nbody", **changes}
    with pytest.raises(ValidationError) as caught:
        runner.run(lambda c: c.messages.send_mime(DOMAIN, **kwargs))
    assert caught.value.param == param
    assert runner.sent == []


# -- batches -----------------------------------------------------------------------------------------------


def _batch_answer(fail_chunk: int | None = None) -> Handler:
    def answer(request: httpx.Request, body: bytes) -> httpx.Response:
        sent = fields(decode_form(request.headers["content-type"], body))
        first = sent["to"][0]
        index = int(first.removeprefix("user").split("@")[0]) // 1000
        if index == fail_chunk:
            return httpx.Response(400, json={"message": "to parameter is not a valid address"})
        return httpx.Response(200, json={"id": f"<chunk{index}@example.com>", "message": "Queued. Thank you."})

    return answer


def _recipients(n: int) -> dict[str, dict[str, Any]]:
    return {f"user{i}@example.org": {"n": i, "name": f"User {i}"} for i in range(n)}


def test_batch_of_2500_goes_in_3_chunks(wire: Callable[..., Runner], tmp_path: Path) -> None:
    path = tmp_path / "a.bin"
    path.write_bytes(ALL_BYTES)
    runner = wire(_batch_answer())
    batch = runner.run(
        lambda c: c.messages.send_batch(
            DOMAIN, recipients=_recipients(2500), from_="sender@example.com", subject="Hi %recipient.name%",
            text="n = %recipient.n%", tags="batch", variables={"campaign": "spring"}, attachments=path,
        )
    )  # fmt: skip
    assert batch.ok and len(batch) == 3
    assert sorted(batch.ids) == ["<chunk0@example.com>", "<chunk1@example.com>", "<chunk2@example.com>"]
    assert [len(chunk.recipients) for chunk in batch] == [1000, 1000, 500]
    assert len(runner.sent) == 3
    seen: list[str] = []
    decoded = sorted((parts_of(sent) for sent in runner.sent), key=lambda parts: fields(parts)["to"][0])
    for parts in decoded:
        sent_fields = fields(parts)
        variables = json.loads(sent_fields["recipient-variables"][0])
        assert list(variables) == sent_fields["to"]  # every recipient has its variables, in order
        for address, values in variables.items():
            number = int(address.removeprefix("user").split("@")[0])
            assert values == {"n": number, "name": f"User {number}"}
        assert sent_fields["o:tag"] == ["batch"] and sent_fields["v:campaign"] == ["spring"]
        assert sent_fields["subject"] == ["Hi %recipient.name%"]
        assert files(parts, "attachment") == [("a.bin", "application/octet-stream", ALL_BYTES)]
        seen.extend(sent_fields["to"])
    assert seen == list(_recipients(2500))


def test_batch_reports_a_failed_chunk_and_sends_the_others(wire: Callable[..., Runner]) -> None:
    runner = wire(_batch_answer(fail_chunk=1))
    batch = runner.run(
        lambda c: c.messages.send_batch(DOMAIN, recipients=_recipients(2500), from_="s@example.com", text="x")
    )
    assert not batch.ok and len(runner.sent) == 3
    assert batch.ids == ["<chunk0@example.com>", "<chunk2@example.com>"]
    (failed,) = batch.failed
    assert failed.index == 1 and failed.id is None and failed.result is None
    assert isinstance(failed.error, mailgun.BadRequestError)
    assert failed.recipients[0] == "user1000@example.org"
    with pytest.raises(mailgun.BadRequestError):
        batch.raise_for_errors()


def test_batch_accepts_pairs_and_display_names(wire: Callable[..., Runner]) -> None:
    runner = wire()
    pairs = [("Ann Example <Ann@Example.org>", {"first": "Ann"}), ("bob@example.org", None)]
    batch = runner.run(lambda c: c.messages.send_batch(DOMAIN, recipients=iter(pairs), from_="s@example.com", text="x"))
    assert batch.ok and batch[0].recipients == ("Ann Example <Ann@Example.org>", "bob@example.org")
    sent = fields(parts_of(runner.sent[0]))
    assert sent["to"] == ["Ann Example <Ann@Example.org>", "bob@example.org"]
    assert json.loads(sent["recipient-variables"][0]) == {"Ann@Example.org": {"first": "Ann"}, "bob@example.org": {}}


@pytest.mark.parametrize(
    ("changes", "param"),
    [
        ({"recipients": {}}, "recipients"),
        ({"recipients": "ann@example.org"}, "recipients"),
        ({"recipients": [("ann@example.org",)]}, "recipients"),
        ({"recipients": {"not an address": {}}}, "recipients"),
        ({"recipients": {"a@example.org, b@example.org": {}}}, "recipients"),
        ({"recipients": [("a@example.org", {}), ("A@example.org", {})]}, "recipients"),
        ({"recipients": {"a@example.org": {"d": dt.date.today()}}}, "recipients['a@example.org']"),
        ({"recipients": {"a@example.org": [1]}}, "recipients"),
        ({"chunk_size": 1001}, "chunk_size"),
        ({"chunk_size": 0}, "chunk_size"),
        ({"concurrency": 0}, "concurrency"),
        ({"text": None}, "text"),
        ({"attachments": "/definitely/not/here"}, "attachments"),
    ],
)
def test_batch_is_checked_before_sending(wire: Callable[..., Runner], changes: dict[str, Any], param: str) -> None:
    runner = wire(refuse)
    kwargs = {"recipients": {"ann@example.org": {}}, "from_": "s@example.com", "text": "x", **changes}
    with pytest.raises(ValidationError) as caught:
        runner.run(lambda c: c.messages.send_batch(DOMAIN, **kwargs))  # raised at the call, before any await
    assert caught.value.param == param
    assert runner.sent == []


class Concurrency(httpx.AsyncBaseTransport):
    """Counts requests in flight (each waits a few loop turns so others can start)."""

    def __init__(self) -> None:
        self.active = 0
        self.most = 0
        self.count = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        async for _ in request.stream:
            pass
        self.active += 1
        self.count += 1
        self.most = max(self.most, self.active)
        for _ in range(5):
            await asyncio.sleep(0)
        self.active -= 1
        return httpx.Response(200, json=QUEUED)


@pytest.mark.parametrize(("concurrency", "expected"), [(1, 1), (3, 3), (4, 4)])
async def test_async_batch_respects_the_concurrency_bound(concurrency: int, expected: int) -> None:
    transport = Concurrency()
    async with mailgun.AsyncMailgun("key", http_client=httpx.AsyncClient(transport=transport)) as client:
        batch = await client.messages.send_batch(
            DOMAIN, recipients=_recipients(50), from_="s@example.com", text="x", chunk_size=5, concurrency=concurrency
        )
    assert batch.ok and len(batch) == 10 and transport.count == 10
    assert transport.most == expected


async def test_async_batch_with_a_caller_file_sends_one_chunk_at_a_time() -> None:
    transport = Concurrency()
    async with mailgun.AsyncMailgun("key", http_client=httpx.AsyncClient(transport=transport)) as client:
        batch = await client.messages.send_batch(
            DOMAIN, recipients=_recipients(20), from_="s@example.com", text="x", chunk_size=5,
            attachments=io.BytesIO(b"shared position"),
        )  # fmt: skip
    assert batch.ok and transport.count == 4 and transport.most == 1


def test_with_raw_response(wire: Callable[..., Runner]) -> None:
    runner = wire(lambda request, body: httpx.Response(200, json=QUEUED, headers={"X-RateLimit-Remaining": "9"}))
    raw = runner.run(lambda c: c.messages.send.with_raw_response(DOMAIN, **CONTENT))
    assert raw.status_code == 200 and raw.headers["x-ratelimit-remaining"] == "9"
    assert raw.parse().id == QUEUED["id"]
