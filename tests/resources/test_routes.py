"""client.routes: every method, sync and async, replayed from cassettes; what is sent; input checks."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import parse_qs

import httpx
import pytest

from mailgun import NotFoundError, ValidationError

SUPPORT = "67c6c8a8e3b0a1f2c3d4e501"
SALES = "67c6c8a8e3b0a1f2c3d4e502"
ARCHIVE = "67c6c8a8e3b0a1f2c3d4e503"
ROUTE = {"id": SUPPORT, "priority": 0, "expression": "catch_all()", "actions": ["stop()"]}


def sent_form(request: httpx.Request) -> dict[str, list[str]]:
    assert request.headers["content-type"] == "application/x-www-form-urlencoded"
    return parse_qs(request.content.decode())


@pytest.mark.vcr
def test_list_routes(both: Any) -> None:
    routes = both.collect(lambda c: c.routes.list(limit=2))
    assert [r.id for r in routes] == [SUPPORT, SALES, ARCHIVE]
    assert [r.priority for r in routes] == [0, 5, 10]
    assert routes[0].actions == ['forward("https://hooks.example.com/support")', "stop()"]
    assert routes[2].actions == []
    assert routes[1].created_at == dt.datetime(2025, 3, 5, 11, 0, tzinfo=dt.timezone.utc)


@pytest.mark.vcr
def test_get_route(both: Any) -> None:
    route = both(lambda c: c.routes.get(SUPPORT))
    assert route.id == SUPPORT
    assert route.description == "Catch-all for support"
    assert route.expression == 'match_recipient("support@example.com")'
    assert route.actions[1] == "stop()"


@pytest.mark.vcr
def test_create_route(both: Any) -> None:
    result = both(
        lambda c: c.routes.create(
            expression='match_recipient("support@example.com")',
            actions=['forward("https://hooks.example.com/support")', "stop()"],
            priority=0,
            description="Catch-all for support",
        )
    )
    assert result.message == "Route has been created"
    assert result.route.id == SUPPORT
    assert result.route.created_at == dt.datetime(2025, 3, 4, 9, 30, tzinfo=dt.timezone.utc)


@pytest.mark.vcr
def test_update_route_reads_the_real_answer(both: Any) -> None:
    """Mailgun answers PUT /v3/routes/{id} with the route's fields at the top level (the spec: {message, route})."""
    result = both(lambda c: c.routes.update(SALES, priority=1, description="Sales inbox (priority)"))
    assert result.message == "Route has been updated"
    assert result.route.id == SALES
    assert result.route.priority == 1
    assert result.route.description == "Sales inbox (priority)"
    assert result.route.actions == ['store(notify="https://hooks.example.com/stored")']
    assert "message" not in result.route.additional_properties


@pytest.mark.vcr
def test_update_route_reads_the_spec_shape(both: Any) -> None:
    result = both(lambda c: c.routes.update(ARCHIVE, description="Archive everything"))
    assert result.message == "Route has been updated"
    assert (result.route.id, result.route.description) == (ARCHIVE, "Archive everything")


@pytest.mark.vcr
def test_delete_route(both: Any) -> None:
    deleted = both(lambda c: c.routes.delete(ARCHIVE))
    assert (deleted.id, deleted.message) == (ARCHIVE, "Route has been deleted")


@pytest.mark.vcr
def test_match_route(both: Any) -> None:
    route = both(lambda c: c.routes.match("support@example.com"))
    assert route.id == SUPPORT
    assert route.expression == 'match_recipient("support@example.com")'


@pytest.mark.vcr
def test_unmatched_address_is_not_found(both: Any) -> None:
    with pytest.raises(NotFoundError, match="Route not found"):
        both(lambda c: c.routes.match("nobody@example.org"))


def test_actions_are_sent_as_repeated_fields(mock_api: Any) -> None:
    api = mock_api(lambda request: httpx.Response(200, json={"message": "Route has been created", "route": ROUTE}))
    api(lambda c: c.routes.create(expression="catch_all()", actions=['forward("a@example.com")', "stop()"]))
    api(lambda c: c.routes.create(expression="catch_all()", actions="stop()"))
    first, second = (sent_form(r) for r in api.requests)
    assert first == {"expression": ["catch_all()"], "action": ['forward("a@example.com")', "stop()"]}
    assert second == {"expression": ["catch_all()"], "action": ["stop()"]}


def test_update_sends_only_what_is_given(mock_api: Any) -> None:
    api = mock_api(lambda request: httpx.Response(200, json={**ROUTE, "message": "Route has been updated"}))
    result = api(lambda c: c.routes.update(SUPPORT, actions=["stop()"], priority=3))
    request = api.requests[0]
    assert (request.method, request.url.path) == ("PUT", f"/v3/routes/{SUPPORT}")
    assert sent_form(request) == {"action": ["stop()"], "priority": ["3"]}
    assert result.route.actions == ["stop()"]


def test_listing_pages_by_skip(mock_api: Any) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        skip, limit = int(request.url.params["skip"]), int(request.url.params["limit"])
        items = [{**ROUTE, "id": f"r{i}"} for i in range(skip, min(skip + limit, 7))]
        return httpx.Response(200, json={"items": items, "total_count": 7})

    api = mock_api(handler)
    assert [r.id for r in api.collect(lambda c: c.routes.list(limit=3))] == [f"r{i}" for i in range(7)]
    assert [r.url.params["skip"] for r in api.requests] == ["0", "3", "6"]


@pytest.mark.parametrize(
    ("call", "param"),
    [
        (lambda c: c.routes.get(""), "route_id"),
        (lambda c: c.routes.get(None), "route_id"),
        (lambda c: c.routes.delete(" "), "route_id"),
        (lambda c: c.routes.match(""), "address"),
        (lambda c: c.routes.list(limit=0), "limit"),
        (lambda c: c.routes.list(limit=1001), "limit"),
        (lambda c: c.routes.create(expression=""), "expression"),
        (lambda c: c.routes.create(expression="catch_all()\nstop()"), "expression"),
        (lambda c: c.routes.create(expression="catch_all()", actions=[]), "actions"),
        (lambda c: c.routes.create(expression="catch_all()", actions=["stop()", ""]), "actions"),
        (lambda c: c.routes.create(expression="catch_all()", actions=[1]), "actions"),
        (lambda c: c.routes.create(expression="catch_all()", priority=-1), "priority"),
        (lambda c: c.routes.create(expression="catch_all()", priority="1"), "priority"),
        (lambda c: c.routes.create(expression="catch_all()", priority=True), "priority"),
        (lambda c: c.routes.create(expression="catch_all()", description=""), "description"),
        (lambda c: c.routes.update(SUPPORT), "route_id"),
        (lambda c: c.routes.update("", priority=1), "route_id"),
        (lambda c: c.routes.update(SUPPORT, actions=()), "actions"),
    ],
)
def test_bad_input_is_refused_before_sending(mock_api: Any, call: Any, param: str) -> None:
    api = mock_api(lambda request: pytest.fail(f"nothing may be sent: {request.url}"))
    with pytest.raises(ValidationError) as caught:
        api(call)
    assert caught.value.param == param
    assert api.requests == []
