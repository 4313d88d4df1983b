"""Pagination through the clients: the three styles, laziness, loops, resuming, hosts. Sync and async."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mailgun import PaginationLoopError
from mailgun._paging import _path_and_query


def domains_server(total: int) -> Any:
    def handler(request: httpx.Request) -> httpx.Response:
        skip, limit = int(request.url.params["skip"]), int(request.url.params["limit"])
        items = [{"name": f"d{i}.example.com"} for i in range(skip, min(skip + limit, total))]
        return httpx.Response(200, json={"total_count": total, "items": items})

    return handler


def test_skip_limit_walks_every_page(mock_api: Any) -> None:
    api = mock_api(domains_server(25))
    names = [d.name for d in api.collect(lambda c: c.domains.list(limit=10))]
    assert names == [f"d{i}.example.com" for i in range(25)]
    assert [r.url.params["skip"] for r in api.requests] == ["0", "10", "20"]


def test_creating_a_pager_sends_nothing(mock_api: Any) -> None:
    api = mock_api(domains_server(5))
    api(lambda c: c.domains.list())
    assert api.requests == []


def test_breaking_early_fetches_only_what_was_needed(mock_api: Any) -> None:
    api = mock_api(domains_server(1000))
    assert len(api.collect(lambda c: c.domains.list(limit=100), limit=150)) == 150
    assert len(api.requests) == 2


def events_server(pages: int, *, next_host: str = "api.mailgun.net") -> Any:
    def handler(request: httpx.Request) -> httpx.Response:
        path = request.url.path
        page = int(path.rsplit("/", 1)[1].removeprefix("page")) if path.count("/") == 4 else 0
        items = [{"event": "delivered", "id": f"e{page}-{i}"} for i in range(3)] if page < pages else []
        next_url = f"https://{next_host}/v3/example.com/events/page{page + 1}"
        return httpx.Response(200, json={"items": items, "paging": {"next": next_url}})

    return handler


def test_next_url_pages_until_an_empty_page(mock_api: Any) -> None:
    api = mock_api(events_server(3))
    with pytest.warns(Warning, match="client.logs.list"):
        ids = [e.id for e in api.collect(lambda c: c.events.list("example.com"))]
    assert len(ids) == 9 and len(set(ids)) == 9
    assert [r.url.path for r in api.requests][-1] == "/v3/example.com/events/page3"


def test_a_next_url_on_another_host_never_receives_the_key(mock_api: Any) -> None:
    api = mock_api(events_server(2, next_host="evil.example"))
    with pytest.warns(Warning):
        api.collect(lambda c: c.events.list("example.com"))
    assert {r.url.host for r in api.requests} == {"api.mailgun.net"}


def test_next_url_that_lost_its_prefix_keeps_the_listing_path(mock_api: Any) -> None:
    # Mailgun's suppression lists answer `next: https://api.mailgun.net/tags?page=next&...` (no /v3/<domain>).
    def handler(request: httpx.Request) -> httpx.Response:
        second = request.url.params.get("page") == "next"
        items = [] if second and request.url.params.get("p") == "2" else [{"tag": "t2" if second else "t1"}]
        nxt = "https://api.mailgun.net/tags?page=next&p=2" if second else "https://api.mailgun.net/tags?page=next"
        return httpx.Response(200, json={"items": items, "paging": {"next": nxt}})

    api = mock_api(handler)
    with pytest.warns(Warning):
        tags = [t.tag for t in api.collect(lambda c: c.tags_v3.list("example.com"))]
    assert tags == ["t1", "t2"]
    assert {r.url.path for r in api.requests} == {"/v3/example.com/tags"}


def test_a_repeated_cursor_stops_with_an_error(mock_api: Any) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"items": [{"event": "accepted"}], "pagination": {"next": "SAME-TOKEN"}})

    api = mock_api(handler)
    with pytest.raises(PaginationLoopError):
        api.collect(lambda c: c.logs.list())
    assert len(api.requests) == 2


def test_body_token_goes_back_in_the_request_body(mock_api: Any) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        token = json.loads(request.content)["pagination"].get("token")
        if token == "t2":
            return httpx.Response(200, json={"items": [], "pagination": {}})
        return httpx.Response(
            200,
            json={
                "items": [{"event": "accepted", "id": token or "t0"}],
                "pagination": {"next": "t2" if token else "t1"},
            },
        )

    api = mock_api(handler)
    ids = [e.id for e in api.collect(lambda c: c.logs.list(limit=1))]
    assert ids == ["t0", "t1"]
    sent = [json.loads(r.content)["pagination"] for r in api.requests]
    assert sent == [{"limit": 1}, {"limit": 1, "token": "t1"}, {"limit": 1, "token": "t2"}]


def test_resume_from_a_saved_cursor(mock_api: Any) -> None:
    api = mock_api(domains_server(30))
    pager = api(lambda c: c.domains.list(limit=10))
    if api.mode == "sync":
        first_page = next(iter(pager.iter_pages()))
    else:
        first_page = api._loop.run_until_complete(pager.iter_pages().__anext__())
    saved = pager.next_cursor
    assert saved == first_page.next_cursor == "10"
    resumed = api.collect(lambda c: pager.resume(saved))
    assert [d.name for d in resumed] == [f"d{i}.example.com" for i in range(10, 30)]


def test_ten_thousand_items_at_a_hundred_per_page(mock_api: Any) -> None:
    api = mock_api(domains_server(10_000))
    count = sum(1 for _ in api.collect(lambda c: c.domains.list(limit=100)))
    assert count == 10_000 and len(api.requests) == 100


@settings(max_examples=500, deadline=None)
@given(
    scheme=st.sampled_from(["http", "https", "HTTPS", ""]),
    authority=st.from_regex(r"[a-z0-9.:@-]{0,20}", fullmatch=True),
    path=st.from_regex(r"(/[A-Za-z0-9._~%:@!$&'()*+,;=-]*){0,4}", fullmatch=True),
    query=st.one_of(st.none(), st.from_regex(r"[A-Za-z0-9._~%:@/?=&+-]{0,30}", fullmatch=True)),
    fragment=st.one_of(st.none(), st.from_regex(r"[A-Za-z0-9?/#=-]{0,10}", fullmatch=True)),
)
def test_next_url_path_and_query_match_urlsplit(
    scheme: str, authority: str, path: str, query: str | None, fragment: str | None
) -> None:
    # The pager reads a cursor's path and query without urlsplit (one new URL a page misses its cache).
    url = (f"{scheme}://{authority}" if scheme else "") + path
    url += f"?{query}" if query is not None else ""
    url += f"#{fragment}" if fragment is not None else ""
    parts = urlsplit(url)
    assert _path_and_query(url) == (parts.path, parts.query), url
