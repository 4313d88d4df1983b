"""The pagination engine with in-memory fetch functions: no network.

Every engine scenario runs through two drivers, sync and async, from one table. Async runs inside
``asyncio.run`` so no pytest plugin is needed.
"""

from __future__ import annotations

import asyncio
import gc
import weakref
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

import pytest

from mailgun._exceptions import PaginationLoopError, ValidationError
from mailgun._pagination import (
    RECENT_CURSORS,
    AsyncPager,
    BodyTokenStyle,
    Cursor,
    NextUrlStyle,
    Page,
    PaginationStyle,
    SkipLimitStyle,
    SyncPager,
    _PagerState,
    _RecentCursors,
    items_of,
)

# --- Real-shaped bodies (trimmed from /work/shared/cassettes/real) ---

EVENTS_FIRST = "https://api.mailgun.net/v3/example.com/events"
EVENTS_NEXT = "https://api.mailgun.net/v3/example.com/events/WzMseyJiIjoiMjAyNS0wMS0yNlQwNzoyOToyMS4zNjIrMDA6MDAi"
EVENTS_LAST = "https://api.mailgun.net/v3/example.com/events/WzMseyJiIjoiMjAyNS0wMS0yNlQwNzoyOToyMi4yMTQrMDA6MDAi"
EVENTS_PAGE = {
    "items": [{"event": "rejected", "id": "WRRIdQTPRN67GsdAQwT1Pw", "timestamp": 1737876076.3536415}],
    "paging": {
        "previous": "https://api.mailgun.net/v3/example.com/events/WzMseyJiIjoiMjAyNS0wMS0yNlQwNzoyOTox",
        "next": EVENTS_NEXT,
        "first": "https://api.mailgun.net/v3/example.com/events/WzMseyJiIjoiMjAyNS0wMS0yNlQwNzoyOTow",
        "last": "https://api.mailgun.net/v3/example.com/events/WzMseyJiIjoiMjAyNS0wMS0yNlQwNzoyOToz",
    },
}
# Mailgun's last events page: no items, and still a next URL.
EVENTS_EMPTY_PAGE = {"items": [], "paging": {"previous": EVENTS_NEXT, "next": EVENTS_LAST}}

BOUNCES_NEXT = (
    "https://api.mailgun.net/v3/example.com/bounces?page=next&address=integration-test%2Bemail%40example.com"
    "&limit=100&term="
)
BOUNCES_PAGE = {
    "items": [{"address": "integration-test+email@example.com", "code": "550", "error": "Integration Test"}],
    "paging": {
        "first": "https://api.mailgun.net/v3/example.com/bounces?limit=100&term=",
        "last": "https://api.mailgun.net/v3/example.com/bounces?page=last&limit=100&term=",
        "next": BOUNCES_NEXT,
        "previous": "https://api.mailgun.net/v3/example.com/bounces?page=previous&address=x&limit=100&term=",
    },
}
LISTS_PAGE = {
    "items": [{"address": "integration_test_list@example.com", "members_count": 0}],
    "total_count": 1,
}
ROUTES_PAGE = {"items": [{"id": "4f3bad2335335426750048c6", "priority": 0}], "total_count": 5}
METRICS_PAGE = {"pagination": {"sort": "", "skip": 0, "limit": 2, "total": 3}, "items": [{"m": 1}, {"m": 2}]}
TAGS_PAGE = {
    "items": [{"tag": "test1", "description": ""}],
    "pagination": {"sort": "lastseen:desc", "limit": 10},
}
LOGS_LAST_PAGE = {"start": "Wed, 25 Jun 2025 00:00:00 -0000", "items": [{"id": "123"}], "pagination": {}}
LOGS_PAGE = {"items": [{"id": "1"}, {"id": "2"}], "pagination": {"first": "tok0", "next": "tok2", "total": 5}}

ODD_BODIES: list[Any] = [
    None,
    [],
    "text",
    42,
    {},
    {"items": None},
    {"items": "x"},
    {"paging": None},
    {"paging": []},
    {"paging": "x"},
    {"paging": {"next": None}},
    {"paging": {"next": 7}},
    {"pagination": None},
    {"pagination": []},
    {"pagination": {"next": None}},
    {"pagination": {"next": ["a"]}},
    {"total_count": "5"},
    {"total_count": True},
]


# --- Styles ---


@pytest.mark.parametrize(
    ("raw", "current", "expected"),
    [
        pytest.param(EVENTS_PAGE, EVENTS_FIRST, EVENTS_NEXT, id="events-token-in-path"),
        pytest.param(EVENTS_PAGE, None, EVENTS_NEXT, id="events-first-page-no-current"),
        pytest.param(EVENTS_EMPTY_PAGE, EVENTS_NEXT, None, id="events-empty-last-page"),
        pytest.param(BOUNCES_PAGE, None, BOUNCES_NEXT, id="bounces-query-page"),
        pytest.param(BOUNCES_PAGE, BOUNCES_NEXT, None, id="next-equals-current"),
        pytest.param({"items": [1], "paging": {"next": ""}}, None, None, id="next-empty"),
        pytest.param({"items": [1], "paging": {"first": "u"}}, None, None, id="next-missing"),
        pytest.param({"items": [1]}, None, None, id="paging-missing"),
        pytest.param(
            {"items": [1], "paging": {"Next": "https://x/v4/domains?p=2"}},
            None,
            "https://x/v4/domains?p=2",
            id="capitalised-PagingURLs",
        ),
    ],
)
def test_next_url_style(raw: Any, current: Cursor | None, expected: Cursor | None) -> None:
    assert NextUrlStyle().next_cursor(raw, current=current, item_count=len(items_of(raw))) == expected


@pytest.mark.parametrize(
    ("raw", "limit", "current", "item_count", "expected"),
    [
        pytest.param(LISTS_PAGE, 50, None, 1, None, id="lists-total-reached"),
        pytest.param(ROUTES_PAGE, 1, None, 1, "1", id="routes-first"),
        pytest.param(ROUTES_PAGE, 1, "3", 1, "4", id="routes-middle"),
        pytest.param(ROUTES_PAGE, 1, "4", 1, None, id="routes-last"),
        pytest.param(METRICS_PAGE, 2, None, 2, "2", id="metrics-body-total"),
        pytest.param(METRICS_PAGE, 2, "2", 2, None, id="metrics-body-total-reached"),
        pytest.param(TAGS_PAGE, 10, None, 1, None, id="tags-short-page-no-total"),
        pytest.param({"items": [1] * 10}, 10, "20", 10, "30", id="full-page-no-total"),
        pytest.param({"items": [1] * 3}, 10, "20", 3, None, id="short-page-no-total"),
        # Mailgun caps limit server-side: a short page is not the end while the total says there is more.
        pytest.param({"items": [1] * 100, "total_count": 250}, 1000, None, 100, "100", id="capped-limit"),
        pytest.param({"items": [], "total_count": 250}, 10, "100", 0, None, id="empty-page"),
        pytest.param({"items": [1] * 10, "total_count": "99"}, 10, None, 10, "10", id="odd-total-ignored"),
        pytest.param({"items": [1] * 10, "total_count": True}, 10, None, 10, "10", id="bool-total-ignored"),
    ],
)
def test_skip_limit_style(
    raw: Any, limit: int, current: Cursor | None, item_count: int, expected: Cursor | None
) -> None:
    assert SkipLimitStyle(limit).next_cursor(raw, current=current, item_count=item_count) == expected


def test_skip_limit_cursor_parsing() -> None:
    assert SkipLimitStyle.skip_of(None) == 0
    assert SkipLimitStyle.skip_of("250") == 250
    for bad in ("", "-1", "1.5", "abc", "https://x"):
        with pytest.raises(ValidationError):
            SkipLimitStyle.skip_of(bad)
    with pytest.raises(ValidationError):
        SkipLimitStyle(0)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param(LOGS_LAST_PAGE, None, id="logs-empty-pagination"),
        pytest.param(LOGS_PAGE, "tok2", id="logs-next-token"),
        pytest.param({"items": [1], "pagination": {"next": ""}}, None, id="next-empty"),
        pytest.param({"items": [], "pagination": {"next": "tok"}}, None, id="empty-page"),
        pytest.param({"items": [1]}, None, id="pagination-missing"),
    ],
)
def test_body_token_style(raw: Any, expected: Cursor | None) -> None:
    assert BodyTokenStyle().next_cursor(raw, current="tok1", item_count=len(items_of(raw))) == expected


@pytest.mark.parametrize(
    "style", [NextUrlStyle(), SkipLimitStyle(10), BodyTokenStyle()], ids=lambda s: type(s).__name__
)
@pytest.mark.parametrize("raw", ODD_BODIES, ids=repr)
@pytest.mark.parametrize("item_count", [0, 1, 10])
def test_styles_tolerate_odd_bodies(style: PaginationStyle, raw: Any, item_count: int) -> None:
    cursor = style.next_cursor(raw, current=None, item_count=item_count)
    assert cursor is None or isinstance(cursor, str)


def test_items_of() -> None:
    assert items_of(EVENTS_PAGE) == EVENTS_PAGE["items"]
    assert [items_of(raw) for raw in ODD_BODIES] == [[]] * len(ODD_BODIES)


# --- Drivers: one scenario table, run sync and async ---

Fetch = Callable[[Cursor | None], Page[Any]]
Mode = Literal["items", "pages"]


class SyncDriver:
    def pager(self, fetch: Fetch, **kwargs: Any) -> SyncPager[Any]:
        return SyncPager(fetch, **kwargs)

    def drain(self, pager: Any, mode: Mode, out: list[Any], stop_after: int | None = None) -> None:
        """Append items (or pages) to ``out``; stop after ``stop_after`` of them."""
        it: Iterator[Any] = iter(pager) if mode == "items" else pager.iter_pages()
        for x in it:
            out.append(x)
            if stop_after is not None and len(out) >= stop_after:
                break

    def count(self, pager: Any) -> int:
        return sum(1 for _ in pager)


class AsyncDriver:
    def pager(self, fetch: Fetch, **kwargs: Any) -> AsyncPager[Any]:
        async def afetch(cursor: Cursor | None) -> Page[Any]:
            await asyncio.sleep(0)  # a real suspension point, as a network call would have
            return fetch(cursor)

        return AsyncPager(afetch, **kwargs)

    def drain(self, pager: Any, mode: Mode, out: list[Any], stop_after: int | None = None) -> None:
        async def run() -> None:
            it = pager.__aiter__() if mode == "items" else pager.iter_pages()
            async for x in it:
                out.append(x)
                if stop_after is not None and len(out) >= stop_after:
                    break
            await it.aclose()

        asyncio.run(run())

    def count(self, pager: Any) -> int:
        async def run() -> int:
            n = 0
            async for _ in pager:
                n += 1
            return n

        return asyncio.run(run())


Driver = SyncDriver | AsyncDriver


@pytest.fixture(params=[SyncDriver(), AsyncDriver()], ids=["sync", "async"])
def driver(request: pytest.FixtureRequest) -> Driver:
    result: Driver = request.param
    return result


@dataclass
class FakeServer:
    """cursor -> (items, next cursor). Fetching a cursor it does not know fails the test."""

    pages: dict[Cursor | None, tuple[list[Any], Cursor | None]]
    calls: list[Cursor | None] = field(default_factory=list)

    def fetch(self, cursor: Cursor | None) -> Page[Any]:
        self.calls.append(cursor)
        if cursor not in self.pages:
            raise AssertionError(f"fetched a page it should not have: {cursor!r}")
        items, nxt = self.pages[cursor]
        return Page(items=items, next_cursor=nxt, raw={"items": items, "next": nxt})


@dataclass(frozen=True)
class Scenario:
    name: str
    pages: dict[Cursor | None, tuple[list[Any], Cursor | None]]
    items: list[Any]  # everything yielded, even when it ends in an error
    calls: list[Cursor | None]
    next_cursor: Cursor | None = None
    start: Cursor | None = None
    max_pages: int | None = None
    error: type[Exception] | None = None


SCENARIOS = [
    Scenario(
        "multi-page",
        {None: ([1, 2], "a"), "a": ([3, 4], "b"), "b": ([5], None)},
        items=[1, 2, 3, 4, 5],
        calls=[None, "a", "b"],
    ),
    Scenario(
        "stop-on-empty-page",  # Mailgun's last page still carries a next cursor
        {None: ([1], "a"), "a": ([], "b")},
        items=[1],
        calls=[None, "a"],
    ),
    Scenario("first-page-empty", {None: ([], "a")}, items=[], calls=[None]),
    Scenario("stop-on-missing-next", {None: ([1, 2], None)}, items=[1, 2], calls=[None]),
    Scenario("stop-on-blank-next", {None: ([1], "")}, items=[1], calls=[None]),
    Scenario(
        "immediate-repeat",
        {None: ([1], "a"), "a": ([2], "a")},
        items=[1, 2],
        calls=[None, "a"],
        error=PaginationLoopError,
    ),
    Scenario(
        "cycle-A-B-A",
        {None: ([1], "A"), "A": ([2], "B"), "B": ([3], "A")},
        items=[1, 2, 3],
        calls=[None, "A", "B"],
        error=PaginationLoopError,
    ),
    Scenario(
        "repeat-of-start",
        {"A": ([1], "B"), "B": ([2], "A")},
        start="A",
        items=[1, 2],
        calls=["A", "B"],
        error=PaginationLoopError,
    ),
    Scenario(
        "start-from-saved-cursor",
        {"b": ([5, 6], "c"), "c": ([7], None)},
        start="b",
        items=[5, 6, 7],
        calls=["b", "c"],
    ),
    Scenario(
        "max-pages",
        {None: ([1], "a"), "a": ([2], "b")},
        max_pages=2,
        items=[1, 2],
        calls=[None, "a"],
        next_cursor="b",  # where to resume
    ),
]


@pytest.mark.parametrize("mode", ["items", "pages"])
@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.name)
def test_scenario(driver: Driver, scenario: Scenario, mode: Mode) -> None:
    server = FakeServer(scenario.pages)
    pager = driver.pager(server.fetch, start=scenario.start, max_pages=scenario.max_pages)
    out: list[Any] = []
    if scenario.error is None:
        driver.drain(pager, mode, out)
    else:
        with pytest.raises(scenario.error):
            driver.drain(pager, mode, out)
    items = out if mode == "items" else [item for page in out for item in page.items]
    assert items == scenario.items
    assert server.calls == scenario.calls
    assert pager.next_cursor == scenario.next_cursor


def test_loop_error_is_sticky(driver: Driver) -> None:
    server = FakeServer({None: ([1], "a"), "a": ([2], "a")})
    pager = driver.pager(server.fetch)
    for _ in range(2):
        with pytest.raises(PaginationLoopError):
            driver.drain(pager, "items", [])
    assert server.calls == [None, "a"]


def test_lazy_no_fetch_before_iteration(driver: Driver) -> None:
    server = FakeServer({None: ([1, 2], "a"), "a": ([3], None)})
    pager = driver.pager(server.fetch)
    assert server.calls == []
    assert pager.next_cursor is None
    out: list[Any] = []
    driver.drain(pager, "items", out, stop_after=1)
    assert out == [1]
    assert server.calls == [None]  # one item needs one page, not all of them


def test_resume_from_saved_cursor(driver: Driver) -> None:
    pages: dict[Cursor | None, tuple[list[Any], Cursor | None]] = {
        None: ([1, 2], "a"),
        "a": ([3, 4], "b"),
        "b": ([5], None),
    }
    first = FakeServer(pages)
    pager = driver.pager(first.fetch)
    got: list[Any] = []
    driver.drain(pager, "pages", got, stop_after=1)
    saved = pager.next_cursor
    assert saved == "a"

    later = FakeServer(pages)
    resumed = driver.pager(later.fetch, start=saved)
    rest: list[Any] = []
    driver.drain(resumed, "items", rest)
    assert rest == [3, 4, 5]
    assert later.calls == ["a", "b"]
    assert resumed.next_cursor is None


def test_pager_continues_where_it_stopped(driver: Driver) -> None:
    server = FakeServer({None: ([1], "a"), "a": ([2], "b"), "b": ([3], None)})
    pager = driver.pager(server.fetch)
    out: list[Any] = []
    driver.drain(pager, "pages", out, stop_after=1)
    driver.drain(pager, "items", out)
    assert [out[0].items, out[1:]] == [[1], [2, 3]]
    driver.drain(pager, "items", out)  # exhausted: fetches nothing more
    assert server.calls == [None, "a", "b"]


STYLE_SERVERS = [
    pytest.param(
        NextUrlStyle(),
        {
            EVENTS_FIRST: {"items": ["e1", "e2"], "paging": {"next": EVENTS_NEXT}},
            EVENTS_NEXT: {"items": ["e3"], "paging": {"next": EVENTS_LAST}},
            EVENTS_LAST: EVENTS_EMPTY_PAGE,
        },
        EVENTS_FIRST,
        [EVENTS_FIRST, EVENTS_NEXT, EVENTS_LAST],
        id="events-next-url",
    ),
    pytest.param(
        SkipLimitStyle(2),
        {
            "0": {"items": ["r1", "r2"], "total_count": 5},
            "2": {"items": ["r3", "r4"], "total_count": 5},
            "4": {"items": ["r5"], "total_count": 5},
        },
        "0",
        ["0", "2", "4"],
        id="routes-skip-limit",
    ),
    pytest.param(
        BodyTokenStyle(),
        {
            "first": {"items": ["l1", "l2"], "pagination": {"next": "t2"}},
            "t2": {"items": ["l3"], "pagination": {"next": "t3"}},
            "t3": {"items": ["l4"], "pagination": {}},
        },
        "first",
        ["first", "t2", "t3"],
        id="logs-body-token",
    ),
]


@pytest.mark.parametrize(("style", "bodies", "first", "requested"), STYLE_SERVERS)
def test_styles_drive_the_engine(
    driver: Driver, style: PaginationStyle, bodies: dict[str, Any], first: str, requested: list[str]
) -> None:
    """A fetch function as a resource would write it: request, decode, let the style find the next page."""
    calls: list[str] = []

    def fetch(cursor: Cursor | None) -> Page[Any]:
        key = first if cursor is None else cursor
        calls.append(key)
        raw = bodies[key]
        items = items_of(raw)
        return Page(items, style.next_cursor(raw, current=key, item_count=len(items)), raw)

    pager = driver.pager(fetch)
    out: list[Any] = []
    driver.drain(pager, "items", out)
    assert out == [item for key in requested for item in items_of(bodies[key])]
    assert calls == requested


# --- Memory stays flat ---

PAGES = 10_000
PER_PAGE = 100


def test_constant_memory(driver: Driver) -> None:
    alive = 0  # pages created and not yet freed
    most_alive = 0

    def freed() -> None:
        nonlocal alive
        alive -= 1

    def fetch(cursor: Cursor | None) -> Page[int]:
        nonlocal alive, most_alive
        most_alive = max(most_alive, alive)
        n = 0 if cursor is None else int(cursor)
        page = Page(list(range(PER_PAGE)), str(n + 1) if n + 1 < PAGES else None, None)
        alive += 1
        weakref.finalize(page, freed)
        return page

    gc.disable()  # pages must be freed by reference counting alone, not by a lucky collection
    try:
        pager = driver.pager(fetch)
        assert driver.count(pager) == PAGES * PER_PAGE
    finally:
        gc.enable()
    # While a page is fetched, at most the previous page is still referenced (by the loop variable).
    assert most_alive <= 1
    assert alive == 0
    # The pager keeps cursors only, and only the most recent ones.
    state = pager._state
    assert not any(isinstance(v, Page) for v in vars(pager).values())
    assert not any(isinstance(getattr(state, slot), Page) for slot in _PagerState.__slots__)
    assert len(state._seen) == RECENT_CURSORS


def test_recent_cursors_window() -> None:
    seen = _RecentCursors(3)
    for c in ("a", "b", "c"):
        seen.add(c)
    assert "a" in seen and len(seen) == 3
    seen.add("d")  # evicts "a"
    assert "a" not in seen and "d" in seen and len(seen) == 3
    seen.add("d")  # no duplicates
    assert len(seen) == 3
    assert len(seen._set) == 3


@pytest.mark.parametrize("loop", [1, 2, 63, 64, 65, 1000, 4097])
@pytest.mark.parametrize("lead", [0, 1, 100, 5000])
def test_a_loop_longer_than_the_window_still_ends(loop: int, lead: int) -> None:
    """`lead` pages, then `loop` cursors over and over: caught within about twice the pages before a repeat."""
    seen = _RecentCursors(RECENT_CURSORS)
    cursors = [f"lead{i}" for i in range(lead)] + [f"loop{i}" for i in range(loop)]
    for i in range(4 * (lead + loop) + 4 * RECENT_CURSORS):
        cursor = cursors[i] if i < len(cursors) else cursors[lead + (i - lead) % loop]
        if not seen.add(cursor):
            assert i >= lead + loop  # never before a cursor came back
            return
    pytest.fail("the loop was not detected")


def test_distinct_cursors_are_never_taken_for_a_loop() -> None:
    seen = _RecentCursors(RECENT_CURSORS)
    assert all(seen.add(f"cursor{i}") for i in range(100_000))
    assert len(seen) == RECENT_CURSORS


def test_pager_argument_checks() -> None:
    with pytest.raises(ValidationError):
        SyncPager(FakeServer({}).fetch, max_pages=0)
