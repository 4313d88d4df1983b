"""Secrets Mailgun returns or is sent (API keys, SMTP passwords, the webhook signing key)."""

from __future__ import annotations

from typing import Any

from ._exceptions import ValidationError
from ._validation import has_line_break

__all__ = ["Secret", "secret_text"]


class Secret(str):
    """A secret string: the plain value for every use (``str(s)``, f-strings, comparisons, JSON, as a key), but
    ``repr()`` is masked, so reprs, logs of result objects and tracebacks never show it."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "'<redacted>'"


def secret_text(name: str, value: Any) -> Secret:
    """A required secret string argument; the error message never echoes the value."""
    if not isinstance(value, str) or not value.strip():
        raise ValidationError(name, "must be a non-empty string")
    if has_line_break(value):
        raise ValidationError(name, "must not contain line breaks or NUL")
    return Secret(value)
