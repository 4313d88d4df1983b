"""One pagination engine for Mailgun's three pagination styles.

- A *style* (``NextUrlStyle``, ``SkipLimitStyle``, ``BodyTokenStyle``) reads one decoded JSON page and says
  where the next page is: a ``Cursor``. Styles are pure and never raise on odd bodies.
- ``_PagerState`` holds the stop and loop rules, written once.
- ``SyncPager`` and ``AsyncPager`` are thin shells that only do the I/O (call ``fetch``), as httpx's
  ``_auth.py`` drives one auth flow from a sync and an async client.

A pager is a one-shot cursor, like a file: iterating it again continues where the last iteration stopped, and
``next_cursor`` can be saved to resume from a new pager later (``start=``). It holds no page itself, so
iterating millions of items uses the memory of one page.
"""

from __future__ import annotations

from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain
from typing import Any, Generic, Protocol, TypeVar

from ._exceptions import PaginationLoopError, ValidationError

__all__ = [
    "AsyncPager",
    "BodyTokenStyle",
    "Cursor",
    "NextUrlStyle",
    "Page",
    "PaginationStyle",
    "SkipLimitStyle",
    "SyncPager",
    "items_of",
]

T = TypeVar("T")

Cursor = str
"""Opaque to users: a full ``next`` URL, a body pagination token, or a decimal skip offset."""


@dataclass(frozen=True)
class Page(Generic[T]):
    items: Sequence[T]
    next_cursor: Cursor | None  # what to pass to resume from the following page
    raw: Any  # the decoded JSON body of this page


class PaginationStyle(Protocol):
    def next_cursor(self, raw: Any, *, current: Cursor | None, item_count: int) -> Cursor | None:
        """The cursor of the page after ``raw``, or ``None`` when ``raw`` is the last page.

        ``current`` is what this page was fetched with (for ``NextUrlStyle``, pass the URL actually
        requested); ``item_count`` is the number of items in ``raw``.
        """
        ...


def items_of(raw: Any) -> list[Any]:
    """The ``items`` array of a page body; an absent or malformed one reads as an empty page."""
    items = raw.get("items") if isinstance(raw, dict) else None
    return items if isinstance(items, list) else []


def _field(raw: Any, *path: str) -> Any:
    for key in path:
        if not isinstance(raw, dict):
            return None
        raw = raw.get(key)
    return raw


def _nonempty_str(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _int(value: Any) -> int | None:
    # bool is an int subclass; a JSON true is not a count.
    return value if isinstance(value, int) and not isinstance(value, bool) else None


class NextUrlStyle:
    """v3 ``paging`` URLs: ``{"items": [...], "paging": {"next": url, ...}}``; the cursor is the ``next`` URL.

    Mailgun's last page still carries a ``next`` URL (which returns no items), so an empty page ends
    iteration; so does a ``next`` equal to the URL just fetched.
    """

    def next_cursor(self, raw: Any, *, current: Cursor | None, item_count: int) -> Cursor | None:
        if item_count == 0:
            return None
        paging = _field(raw, "paging")
        # The spec's PagingURLs schema (v4 domains) capitalises the keys.
        url = _nonempty_str(_field(paging, "next")) or _nonempty_str(_field(paging, "Next"))
        if url is None or url == current:
            return None
        return url


class SkipLimitStyle:
    """``skip``/``limit`` offsets, in the query (``/v3/lists``, routes) or in a body ``pagination`` object
    (analytics tags and metrics); the cursor is the next skip as a decimal string.

    The total is read from ``total_count``, ``pagination.total`` or a top-level ``total`` (v5 endpoints).
    When it is known it decides; otherwise a short page is the last one. (A known total wins over a short page
    because Mailgun caps ``limit`` server-side: 100 items for ``limit=1000`` is not the end.)
    """

    def __init__(self, limit: int) -> None:
        if limit < 1:
            raise ValidationError("limit", "must be >= 1")
        self.limit = limit

    @staticmethod
    def skip_of(cursor: Cursor | None) -> int:
        """The offset a cursor stands for (``None``: the first page): for fetch functions."""
        if cursor is None:
            return 0
        if not (cursor.isascii() and cursor.isdigit()):
            raise ValidationError("cursor", f"not a skip/limit cursor: {cursor!r}")
        return int(cursor)

    def next_cursor(self, raw: Any, *, current: Cursor | None, item_count: int) -> Cursor | None:
        if item_count == 0:
            return None
        next_skip = self.skip_of(current) + item_count
        # Where Mailgun puts the total: v3 lists `total_count`, analytics `pagination.total`, v5 `total`.
        total = _int(_field(raw, "total_count"))
        if total is None:
            total = _int(_field(raw, "pagination", "total"))
        if total is None:
            total = _int(_field(raw, "total"))
        if total is not None:
            return str(next_skip) if next_skip < total else None
        return str(next_skip) if item_count >= self.limit else None


class BodyTokenStyle:
    """Tokens in a body ``pagination`` object (``POST /v1/analytics/logs``): the response's
    ``pagination.next`` is sent back as the request's ``pagination.token``; the cursor is that token."""

    def next_cursor(self, raw: Any, *, current: Cursor | None, item_count: int) -> Cursor | None:
        if item_count == 0:
            return None
        return _nonempty_str(_field(raw, "pagination", "next"))


RECENT_CURSORS = 64  # cursors remembered for loop detection; longer loops are caught by a checkpoint


class _RecentCursors:
    """Loop detection in flat memory: the last ``size`` cursors, plus one checkpoint for longer loops.

    A repeat within the window is caught at once. A loop longer than the window is caught by Brent's method:
    the cursor of page 1, 2, 4, 8, ... is kept as a checkpoint, and once the checkpoint lies on the loop and the
    next power of two exceeds its length, the loop comes back to it (within about twice the pages before the
    repeat). So any loop ends, and the memory is the same at 1,000 items and at 10 million (a window of 1,000
    cursors grew ~100 KB over the first 100,000 items of a listing, measured with tracemalloc in
    scripts/bench.py).

    Stores the cursors' 64-bit string hashes, not the cursors (events cursors are URLs of ~700 characters): ~60
    bytes a page. Two different cursors sharing a hash within the window would end the listing with
    ``PaginationLoopError``: odds below 1 in 10^15 over a 1,000-page listing.
    """

    __slots__ = ("_added", "_checkpoint", "_order", "_set")

    def __init__(self, size: int) -> None:
        self._order: deque[int] = deque(maxlen=size)
        self._set: set[int] = set()
        self._added = 0
        self._checkpoint: int | None = None

    @staticmethod
    def _key(cursor: Cursor) -> int:
        return hash(cursor)

    def __contains__(self, cursor: Cursor) -> bool:
        key = self._key(cursor)
        return key in self._set or key == self._checkpoint

    def __len__(self) -> int:
        return len(self._order)

    def add(self, cursor: Cursor) -> bool:
        """Remember ``cursor``; False when it was already there (one digest for both questions)."""
        key = self._key(cursor)
        if key in self._set or key == self._checkpoint:
            return False
        if len(self._order) == self._order.maxlen:
            self._set.discard(self._order[0])  # the deque drops it on append
        self._order.append(key)
        self._set.add(key)
        self._added += 1
        if self._added & (self._added - 1) == 0:  # a power of two: the next checkpoint
            self._checkpoint = key
        return True


class _PagerState:
    """The stop and loop rules, shared by the sync and async shells. Holds cursors, never pages.

    Drive it as: ``while state.wants_more(): state.record(fetch(state.next_cursor))``.
    """

    __slots__ = ("_done", "_max_pages", "_pages", "_repeat", "_seen", "next_cursor")

    def __init__(self, start: Cursor | None, *, max_pages: int | None, memory: int = RECENT_CURSORS) -> None:
        if max_pages is not None and max_pages < 1:
            raise ValidationError("max_pages", "must be >= 1")
        self.next_cursor = start
        self._max_pages = max_pages
        self._pages = 0
        self._done = False
        self._repeat: Cursor | None = None
        self._seen = _RecentCursors(memory)
        if start is not None:
            self._seen.add(start)

    def wants_more(self) -> bool:
        """Whether to fetch ``next_cursor``; raises ``PaginationLoopError`` instead of fetching a repeat."""
        if self._done:
            return False
        if self._repeat is not None:
            # Raised here rather than in record() so the items of the page that carried the repeat are
            # still yielded first.
            raise PaginationLoopError(
                f"the server returned a cursor it already gave while paginating: {self._repeat!r}"
            )
        return self._max_pages is None or self._pages < self._max_pages

    def record(self, page: Page[Any]) -> None:
        """Take in a fetched page: decide whether it was the last and where the next one is."""
        self._pages += 1
        cursor = page.next_cursor
        if not page.items or not cursor:
            self._done = True
            self.next_cursor = None
        elif not self._seen.add(cursor):
            # Resuming from it would loop too, so nothing is offered to resume from.
            self._repeat = cursor
            self.next_cursor = None
        else:
            self.next_cursor = cursor


class SyncPager(Generic[T]):
    """Lazily iterates items across pages. Creating one fetches nothing.

    ``next_cursor`` is the cursor of the page after the last page fetched. Breaking out of ``for item in
    pager`` mid-page and resuming from ``next_cursor`` skips the rest of that page: use ``iter_pages()`` to
    resume exactly.
    """

    def __init__(
        self,
        fetch: Callable[[Cursor | None], Page[T]],
        *,
        start: Cursor | None = None,
        max_pages: int | None = None,
    ) -> None:
        self._fetch = fetch
        self._state = _PagerState(start, max_pages=max_pages)

    def resume(self, cursor: Cursor | None) -> SyncPager[T]:
        """A new pager over the same listing, starting at ``cursor`` (a ``next_cursor`` saved earlier)."""
        return SyncPager(self._fetch, start=cursor)

    @property
    def next_cursor(self) -> Cursor | None:
        return self._state.next_cursor

    def iter_pages(self) -> Iterator[Page[T]]:
        state = self._state
        while state.wants_more():
            page = self._fetch(state.next_cursor)
            state.record(page)
            yield page

    def __iter__(self) -> Iterator[T]:
        # chain() hands out a page's items in C; a generator would resume a Python frame for each one.
        return chain.from_iterable(page.items for page in self.iter_pages())


class AsyncPager(Generic[T]):
    """The async twin of ``SyncPager``: ``async for item in pager``, or pages via ``iter_pages()``."""

    def __init__(
        self,
        fetch: Callable[[Cursor | None], Awaitable[Page[T]]],
        *,
        start: Cursor | None = None,
        max_pages: int | None = None,
    ) -> None:
        self._fetch = fetch
        self._state = _PagerState(start, max_pages=max_pages)

    def resume(self, cursor: Cursor | None) -> AsyncPager[T]:
        """A new pager over the same listing, starting at ``cursor`` (a ``next_cursor`` saved earlier)."""
        return AsyncPager(self._fetch, start=cursor)

    @property
    def next_cursor(self) -> Cursor | None:
        return self._state.next_cursor

    async def iter_pages(self) -> AsyncIterator[Page[T]]:
        state = self._state
        while state.wants_more():
            page = await self._fetch(state.next_cursor)
            state.record(page)
            yield page

    async def __aiter__(self) -> AsyncIterator[T]:
        # The loop is repeated rather than delegating to iter_pages(): a nested async generator is not closed
        # promptly when the caller breaks out.
        state = self._state
        while state.wants_more():
            page = await self._fetch(state.next_cursor)
            state.record(page)
            for item in page.items:
                yield item
