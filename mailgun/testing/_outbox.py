"""``fake.outbox``: every message Mailgun accepted, as it would store it, and ``assert_sent`` with a readable diff."""

from __future__ import annotations

import datetime as dt
import difflib
import email.utils
import pprint
from collections.abc import Iterator
from dataclasses import dataclass, field, fields
from typing import Any

__all__ = ["Attachment", "Outbox", "SentMessage"]


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    content_type: str

    def __repr__(self) -> str:
        return f"Attachment({self.filename!r}, {len(self.content)} bytes, {self.content_type!r})"


@dataclass
class SentMessage:
    """One message Mailgun accepted (a batch send gives one per recipient, its variables substituted)."""

    id: str  # the Message-Id the send returned, with its angle brackets
    domain: str
    from_: str | None
    to: list[str]
    cc: list[str] = field(default_factory=list)
    bcc: list[str] = field(default_factory=list)
    subject: str | None = None
    text: str | None = None
    html: str | None = None
    amp_html: str | None = None
    tags: list[str] = field(default_factory=list)
    variables: dict[str, Any] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    template: str | None = None
    template_version: str | None = None
    template_variables: dict[str, Any] | None = None
    deliver_at: dt.datetime | None = None
    test_mode: bool = False
    attachments: list[Attachment] = field(default_factory=list)
    inline: list[Attachment] = field(default_factory=list)
    options: dict[str, str] = field(default_factory=dict)  # every other o: option, as sent (`o:tracking` ...)
    recipient_variables: dict[str, Any] | None = None
    mime: bytes | None = None  # the message as sent with messages.mime
    sent_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.timezone.utc))

    @property
    def recipients(self) -> list[str]:
        return [*self.to, *self.cc, *self.bcc]

    def _summary(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name not in ("mime", "sent_at")}


class Outbox:
    """The accepted messages, oldest first. A list in every way that matters: ``len``, indexing, iteration."""

    def __init__(self) -> None:
        self._messages: list[SentMessage] = []

    def append(self, message: SentMessage) -> None:
        self._messages.append(message)

    def __len__(self) -> int:
        return len(self._messages)

    def __iter__(self) -> Iterator[SentMessage]:
        return iter(list(self._messages))

    def __getitem__(self, index: int) -> SentMessage:
        return self._messages[index]

    def __bool__(self) -> bool:
        return bool(self._messages)

    def __repr__(self) -> str:
        return f"Outbox({len(self)} messages)"

    def clear(self) -> None:
        self._messages.clear()

    def find(self, **expected: Any) -> list[SentMessage]:
        """Every message whose fields equal ``expected`` (``to="a@x"`` also matches a message sent to several)."""
        _check_names(expected)
        return [m for m in self._messages if not _differences(m, expected)]

    def assert_sent(self, **expected: Any) -> SentMessage:
        """The one message whose fields equal ``expected``; otherwise an AssertionError showing the closest ones.

        A list field given a single value matches when it contains it (``to="ann@example.org"``); an
        ``attachments`` value may be a list of filenames, or of ``(filename, bytes)`` pairs.
        """
        found = self.find(**expected)
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise AssertionError(f"{len(found)} messages match {expected!r}, expected one: {[m.id for m in found]}")
        if not self._messages:
            raise AssertionError(f"no message was sent (expected one with {expected!r})")
        ranked = sorted(self._messages, key=lambda m: len(_differences(m, expected)))[:3]
        parts = [f"no message matches {expected!r}; the closest of {len(self._messages)}:"]
        for message in ranked:
            parts.append(_diff(message, expected))
        raise AssertionError("\n".join(parts))


def _check_names(expected: dict[str, Any]) -> None:
    known = {f.name for f in fields(SentMessage)} | {"recipients"}
    unknown = sorted(set(expected) - known)
    if unknown:
        raise TypeError(f"SentMessage has no field {', '.join(unknown)} (fields: {', '.join(sorted(known))})")


_ADDRESS_FIELDS = frozenset({"from_", "to", "cc", "bcc", "recipients"})


def _differences(message: SentMessage, expected: dict[str, Any]) -> list[str]:
    return [
        name
        for name, want in expected.items()
        if not _matches(getattr(message, name), want, address=name in _ADDRESS_FIELDS)
    ]


def _matches(actual: Any, want: Any, *, address: bool = False) -> bool:
    if isinstance(actual, list) and not isinstance(want, (list, tuple)):
        return any(_matches(item, want, address=address) for item in actual)
    if isinstance(actual, list) and actual and isinstance(actual[0], Attachment):
        return len(actual) == len(want) and all(_attachment_matches(a, w) for a, w in zip(actual, want, strict=False))
    if isinstance(actual, Attachment):
        return _attachment_matches(actual, want)
    if isinstance(actual, list) and isinstance(want, (list, tuple)):
        pairs = zip(actual, want, strict=False)  # lengths compared first
        return len(actual) == len(want) and all(_matches(a, w, address=address) for a, w in pairs)
    if address and isinstance(actual, str) and isinstance(want, str) and "<" not in want:
        # A bare address matches the same address with a display name: to="ann@x" finds "Ann <ann@x>".
        return actual == want or email.utils.parseaddr(actual)[1].lower() == want.strip().lower()
    return bool(actual == want)


def _attachment_matches(actual: Attachment, want: Any) -> bool:
    if isinstance(want, Attachment):
        return actual == want
    if isinstance(want, str):
        return actual.filename == want
    if isinstance(want, tuple):
        return (actual.filename, actual.content, actual.content_type)[: len(want)] == want
    return False


def _diff(message: SentMessage, expected: dict[str, Any]) -> str:
    shown = {name: getattr(message, name) for name in expected}
    actual = pprint.pformat(shown, width=100).splitlines()
    wanted = pprint.pformat(dict(expected), width=100).splitlines()
    body = "\n".join(difflib.unified_diff(wanted, actual, "expected", f"message {message.id}", lineterm=""))
    return body or f"message {message.id}: {shown!r}"
