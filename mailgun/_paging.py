"""How each pagination style asks for the page at a cursor (the engine in _pagination.py does the rest)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar
from urllib.parse import urlsplit

from ._call import Call, PagedCall
from ._pagination import BodyTokenStyle, NextUrlStyle, SkipLimitStyle

__all__ = ["body_token_listing", "next_url_listing", "skip_limit_listing"]

T = TypeVar("T")


def next_url_listing(first: Call[Any], items: Callable[[Any], Sequence[T]]) -> PagedCall[T]:
    """v3 `paging.next` URLs. Only the cursor's path and query are used: requests always go to the client's
    base URL, so a cursor (which users may pass back in) can never send the key to another host. Mailgun's
    suppression lists return `next` URLs that lost the `/v3/<domain>` prefix; those keep the listing's path."""
    list_path = first.request_args()["url"]

    def at_cursor(call: Call[Any], cursor: str) -> Call[Any]:
        parts = urlsplit(cursor)
        path = parts.path if parts.path.startswith(list_path) else list_path
        # The query stays in the URL as Mailgun wrote it: given as `params`, httpx would parse, re-encode and
        # re-check it character by character (~40 us a page).
        return call.with_overrides(url=f"{path}?{parts.query}" if parts.query else path, params=None)

    return PagedCall(first, items, NextUrlStyle(), at_cursor)


def skip_limit_listing(
    first: Call[Any], items: Callable[[Any], Sequence[T]], *, limit: int, skip: str = "skip"
) -> PagedCall[T]:
    """`skip`/`limit` query offsets; the cursor is the next skip."""

    def at_cursor(call: Call[Any], cursor: str) -> Call[Any]:
        return call.with_kwargs(**{skip: SkipLimitStyle.skip_of(cursor)})

    return PagedCall(first, items, SkipLimitStyle(limit), at_cursor)


def body_skip_listing(
    first: Call[Any],
    items: Callable[[Any], Sequence[T]],
    *,
    limit: int,
    with_skip: Callable[[Call[Any], int], Call[Any]],
) -> PagedCall[T]:
    """`skip`/`limit` inside a JSON body's `pagination` object (analytics tags)."""

    def at_cursor(call: Call[Any], cursor: str) -> Call[Any]:
        return with_skip(call, SkipLimitStyle.skip_of(cursor))

    return PagedCall(first, items, SkipLimitStyle(limit), at_cursor)


def body_token_listing(
    first: Call[Any], items: Callable[[Any], Sequence[T]], *, with_token: Callable[[Call[Any], str], Call[Any]]
) -> PagedCall[T]:
    """A JSON body's `pagination.token` (analytics logs): the response's `pagination.next` goes back in."""
    return PagedCall(first, items, BodyTokenStyle(), with_token)
