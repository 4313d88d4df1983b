"""``vcr_config()``: recording your own cassettes of Mailgun traffic without recording its secrets.

Scrubbed from requests: the ``Authorization`` header (the API key), ``api_key``/``key`` query parameters and form
fields, SMTP ``password`` fields (urlencoded, multipart or JSON). Scrubbed from answers: every JSON string under a
secret name (``api_key``, ``secret``, ``key``, ``password``, ``smtp_password``, ``signing_key``,
``webhook_signing_key`` ...), wherever it is nested; ``Set-Cookie`` headers.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import parse_qsl, urlencode

__all__ = ["REDACTED", "vcr_config"]

REDACTED = "REDACTED"
SECRET_NAMES = frozenset(
    {
        "api_key",
        "apikey",
        "key",
        "secret",
        "password",
        "smtp_password",
        "signing_key",
        "webhook_signing_key",
        "http_signing_key",
        "private_key",
    }
)
_FORM_SECRET = re.compile(rb"(name=\"(?:password|smtp_password|api_key|key|secret)\"\r\n(?:[^\r\n]+\r\n)*\r\n)[^\r]*")


def vcr_config(**overrides: Any) -> dict[str, Any]:
    """Settings for ``vcr.VCR(**vcr_config())`` or pytest-recording's ``vcr_config`` fixture::

    @pytest.fixture(scope="module")
    def vcr_config():
        return mailgun.testing.vcr_config()
    """
    config: dict[str, Any] = {
        "filter_headers": [("authorization", REDACTED), ("cookie", None), ("set-cookie", None)],
        "filter_query_parameters": [("api_key", REDACTED), ("key", REDACTED)],
        "filter_post_data_parameters": [(name, REDACTED) for name in ("password", "smtp_password", "api_key", "key")],
        "before_record_request": scrub_request,
        "before_record_response": scrub_response,
        "decode_compressed_response": True,
    }
    config.update(overrides)
    return config


def scrub_request(request: Any) -> Any:
    body = request.body
    if isinstance(body, str):
        body = body.encode()
    if isinstance(body, bytes) and body:
        content_type = _header(request.headers, "content-type") or ""
        if content_type.startswith("multipart/"):
            body = _FORM_SECRET.sub(rb"\1" + REDACTED.encode(), body)
        elif content_type.startswith("application/x-www-form-urlencoded"):
            pairs = parse_qsl(body.decode("latin-1"), keep_blank_values=True)
            body = urlencode([(k, REDACTED if k.lower() in SECRET_NAMES else v) for k, v in pairs]).encode()
        elif content_type.startswith("application/json"):
            body = _scrub_json_bytes(body)
        request.body = body
    return request


def scrub_response(response: dict[str, Any]) -> dict[str, Any]:
    body = response.get("body") or {}
    raw = body.get("string")
    if isinstance(raw, (bytes, str)) and raw:
        body["string"] = _scrub_json_bytes(raw.encode() if isinstance(raw, str) else raw)
    headers = response.get("headers") or {}
    for name in list(headers):
        if name.lower() in ("set-cookie", "authorization"):
            del headers[name]
    return response


def _scrub_json_bytes(raw: bytes) -> bytes:
    try:
        data = json.loads(raw)
    except ValueError:
        return raw
    return json.dumps(_scrub(data)).encode()


def _scrub(value: Any) -> Any:
    if isinstance(value, dict):
        # Only text is a secret: {"key": {"id": ..., "secret": ...}} keeps its id, loses its secret.
        return {k: REDACTED if _secret_name(k) and isinstance(v, str) and v else _scrub(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_scrub(v) for v in value]
    return value


def _secret_name(name: Any) -> bool:
    return isinstance(name, str) and name.lower().replace("-", "_") in SECRET_NAMES


def _header(headers: Any, name: str) -> str | None:
    for key, value in dict(headers).items():
        if key.lower() == name:
            return value[0] if isinstance(value, list) else str(value)
    return None
