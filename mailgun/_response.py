"""Raw access to any call: status, headers (e.g. X-RateLimit-Limit/Remaining/Reset) and the parsed body."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

import httpx

from ._call import decode_body

__all__ = ["RawResponse"]

T = TypeVar("T")


class RawResponse(Generic[T]):
    """The HTTP response of a successful call, with ``parse()`` for the typed result."""

    __slots__ = ("_parse", "http_response")

    def __init__(self, http_response: httpx.Response, parse: Callable[[Any], T]) -> None:
        self.http_response = http_response
        self._parse = parse

    def __repr__(self) -> str:
        return f"<RawResponse [{self.status_code}] {self.http_response.request.method} {self.http_response.url}>"

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        return self.http_response.headers

    @property
    def request_id(self) -> str | None:
        value: str | None = self.headers.get("x-mailgun-request-id") or self.headers.get("x-request-id")
        return value

    @property
    def content(self) -> bytes:
        return self.http_response.content

    def json(self) -> Any:
        return decode_body(self.http_response.content)

    def parse(self) -> T:
        """The typed result, as the plain call would return it."""
        return self._parse(self.json())
