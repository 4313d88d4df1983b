"""Signed Mailgun payloads for the receiving tests, shaped as Mailgun's docs show them."""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import time
from typing import Any
from urllib.parse import urlencode

KEY = "key-receiving-0f1e2d3c4b5a69788796a5b4c3d2e1f0"
PRIMARY_KEY = "key-primary-account-5a4b3c2d1e0f"
SUBACCOUNT_KEY = "key-subaccount-9z8y7x6w5v4u"
JSON_CT = "application/json"
FORM_CT = "application/x-www-form-urlencoded"


def sign(key: str, timestamp: str | int, token: str) -> str:
    return hmac.new(key.encode(), f"{timestamp}{token}".encode(), hashlib.sha256).hexdigest()


def new_token() -> str:
    return secrets.token_hex(25)  # 50 characters, like Mailgun's


def signature_block(
    key: str = KEY, *, token: str | None = None, timestamp: int | None = None, parent_key: str | None = None
) -> dict[str, str]:
    """``{"token", "timestamp", "signature"}`` (+ ``parent-signature`` for a subaccount's event), as documented."""
    token = token or new_token()
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    block = {"token": token, "timestamp": stamp, "signature": sign(key, stamp, token)}
    if parent_key is not None:
        block["parent-signature"] = sign(parent_key, stamp, token)
    return block


def event_data(event: str = "delivered") -> dict[str, Any]:
    return {
        "event": event,
        "id": "CPgfbmQMTCKtHW6uIWtuVe",
        "timestamp": 1521472262.908181,
        "recipient": "alice@example.com",
        "message": {"headers": {"message-id": "20130503182626.18666.16540@mg.example.com", "subject": "Hi"}},
    }


def json_webhook(key: str = KEY, **block_options: Any) -> bytes:
    body = {"signature": signature_block(key, **block_options), "event-data": event_data()}
    return json.dumps(body).encode()


def form_webhook(key: str = KEY, **block_options: Any) -> bytes:
    """A legacy (form) webhook: the signature fields beside the event's own."""
    fields = {"event": "delivered", "recipient": "alice@example.com", "domain": "mg.example.com"}
    fields.update(signature_block(key, **block_options))
    return urlencode(fields).encode()
