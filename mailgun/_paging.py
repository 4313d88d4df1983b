"""How each pagination style asks for the page at a cursor (the engine in _pagination.py does the rest)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from ._call import Call, PagedCall
from ._pagination import BodyTokenStyle, NextUrlStyle, SkipLimitStyle

__all__ = ["body_token_listing", "next_url_listing", "skip_limit_listing"]

T = TypeVar("T")


def next_url_listing(first: Call[Any], items: Callable[[Any], Sequence[T]]) -> PagedCall[T]:
    """v3 `paging.next` URLs. Only the cursor's path and query are used: requests always go to the client's
    base URL, so a cursor (which users may pass back in) can never send the key to another host. Mailgun's
    suppression lists return `next` URLs that lost the `/v3/<domain>` prefix; those keep the listing's path."""
    first_request = first.request_args()  # every later page is this request with another URL
    list_path = first_request["url"]

    def at_cursor(call: Call[Any], cursor: str) -> Call[Any]:
        path, query = _path_and_query(cursor)
        if not path.startswith(list_path):
            path = list_path
        # The query stays in the URL as Mailgun wrote it: given as `params`, httpx would parse, re-encode and
        # re-check it character by character (~40 us a page).
        return call.with_overrides(**{**first_request, "url": f"{path}?{query}" if query else path, "params": None})

    return PagedCall(first, items, NextUrlStyle(), at_cursor)


def _path_and_query(url: str) -> tuple[str, str]:
    """The path and query of an absolute or relative URL, as ``urlsplit`` gives them for http(s) URLs, at a
    fifth of its cost (a new URL every page misses its cache)."""
    url = url.partition("#")[0]
    scheme, separator, rest = url.partition("://")
    if separator and scheme.isalpha():
        authority_onwards: str | None = rest
    else:
        authority_onwards = url[2:] if url.startswith("//") else None
    if authority_onwards is not None:  # the authority ends at the first "/" or "?"
        ends = [i for i in (authority_onwards.find("/"), authority_onwards.find("?")) if i != -1]
        url = authority_onwards[min(ends) :] if ends else ""
    path, _, query = url.partition("?")
    return path, query


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
