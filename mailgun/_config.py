"""Client configuration: API key, region or base URL, timeouts, retries; environment fallbacks."""

from __future__ import annotations

import os
import ssl
import sys
from functools import cache
from urllib.parse import urlsplit

import httpx

from ._exceptions import ValidationError
from ._validation import has_line_break
from ._version import __version__

__all__ = ["DEFAULT_TIMEOUT", "REGIONS", "resolve_api_key", "resolve_base_url", "resolve_timeout", "user_agent"]

REGIONS = {"us": "https://api.mailgun.net", "eu": "https://api.eu.mailgun.net"}
# Finite everywhere: a send with attachments may take a while to upload, but nothing waits forever.
DEFAULT_TIMEOUT = httpx.Timeout(60.0, connect=10.0, pool=30.0)


def resolve_api_key(api_key: str | None) -> str:
    key = api_key if api_key is not None else os.environ.get("MAILGUN_API_KEY")
    if key is None or not key.strip():
        raise ValidationError("api_key", "no Mailgun API key: pass api_key=... or set MAILGUN_API_KEY")
    if not isinstance(key, str) or has_line_break(key) or key != key.strip():
        raise ValidationError("api_key", "must be a single-line string without surrounding spaces")
    return key


def resolve_base_url(region: str | None, base_url: str | None) -> tuple[str, str | None]:
    """(base URL, region name or None). Explicit arguments win over MAILGUN_REGION / MAILGUN_BASE_URL."""
    if region is not None and base_url is not None:
        raise ValidationError("region", "give region or base_url, not both")
    if region is None and base_url is None:
        region = os.environ.get("MAILGUN_REGION") or None
        base_url = os.environ.get("MAILGUN_BASE_URL") or None
        if region is not None and base_url is not None:
            raise ValidationError("region", "MAILGUN_REGION and MAILGUN_BASE_URL are both set; keep one")
    if base_url is not None:
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
            raise ValidationError("base_url", f"must be an http(s) URL such as {REGIONS['us']}, got {base_url!r}")
        base_url = base_url.rstrip("/")
        known = {url: name for name, url in REGIONS.items()}
        return base_url, known.get(base_url)
    name = "us" if region is None else str(region).strip().lower()
    if name not in REGIONS:
        raise ValidationError("region", f"must be one of {sorted(REGIONS)}, got {region!r}")
    return REGIONS[name], name


def resolve_timeout(timeout: float | httpx.Timeout | None) -> httpx.Timeout:
    if timeout is None:
        return DEFAULT_TIMEOUT
    if isinstance(timeout, httpx.Timeout):
        return timeout
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or timeout <= 0:
        raise ValidationError("timeout", "must be a positive number of seconds or an httpx.Timeout")
    return httpx.Timeout(float(timeout))


def resolve_max_retries(max_retries: int) -> int:
    if isinstance(max_retries, bool) or not isinstance(max_retries, int) or not 0 <= max_retries <= 10:
        raise ValidationError("max_retries", "must be an integer from 0 to 10")
    return max_retries


@cache
def user_agent() -> str:
    python = ".".join(map(str, sys.version_info[:3]))  # not platform.python_version(): `platform` costs ~3 ms to import
    return f"mailgun-typed/{__version__} python/{python} httpx/{httpx.__version__}"


@cache
def shared_ssl_context() -> ssl.SSLContext:
    """One SSL context for every client: building one loads the CA bundle (~50 ms); sharing makes a client ~0.3 ms."""
    import certifi

    return ssl.create_default_context(cafile=certifi.where())
