"""Routes (account-wide rules for inbound mail): ``client.routes.list() / get() / create() / update() / delete() /
match()``."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .._call import Call, Operation, PagedCall, model_parser
from .._endpoint import AsyncResource, SyncResource, async_call, async_paged, sync_call, sync_paged
from .._exceptions import ValidationError
from .._extras import RequestExtras, Unpack
from .._paging import skip_limit_listing
from .._validation import given, int_range, opt_text, string_list, text
from ..types import DeleteRouteResult, Route, RouteResult, RoutesPage

__all__ = ["AsyncRoutes", "Routes"]

_parse_result = model_parser(RouteResult)


# Mailgun answers `{"route": {...}}`; the route's fields are read whether wrapped or not.
_route = model_parser(Route, unwrap="route")


def _route_result(raw: Any) -> RouteResult:
    """``{"message", "route"}``; also from the real ``PUT /v3/routes/{id}`` answer, which puts the route's fields
    at the top level beside ``message`` (the spec says ``{message, route}``)."""
    if isinstance(raw, Mapping) and "route" not in raw:
        wrapped: dict[str, Any] = {"route": {k: v for k, v in raw.items() if k != "message"}}
        if "message" in raw:
            wrapped["message"] = raw["message"]
        raw = wrapped
    return _parse_result(raw)


_LIST = Operation("routes.get_routes", model_parser(RoutesPage))
_GET = Operation("routes.get_routes_id", _route)
_MATCH = Operation("routes.get_routes_match", _route)
_CREATE = Operation("routes.post_routes", _route_result)
_UPDATE = Operation("routes.put_routes_id", _route_result)
_DELETE = Operation("routes.delete_routes_id", model_parser(DeleteRouteResult))


def _items(page: RoutesPage) -> list[Route]:
    return page.items or []


def _actions(value: str | Iterable[str] | None) -> list[str] | None:
    actions = string_list("actions", value)
    if actions is not None and not actions:
        raise ValidationError("actions", "give at least one action, e.g. ['forward(\"https://example.com/in\")']")
    return actions


def list_routes(*, limit: int = 100, **extras: Unpack[RequestExtras]) -> PagedCall[Route]:
    """Iterate over the account's routes (``for route in client.routes.list()``), 100 per page by default."""
    first = _LIST.call(limit=int_range("limit", limit, 1, 1000), skip=0)
    return skip_limit_listing(first, _items, limit=limit)


def get_route(route_id: str, **extras: Unpack[RequestExtras]) -> Call[Route]:
    """One route by its id."""
    return _GET.call(id=text("route_id", route_id))


def create_route(
    *,
    expression: str,
    actions: str | Iterable[str] | None = None,
    priority: int | None = None,
    description: str | None = None,
    **extras: Unpack[RequestExtras],
) -> Call[RouteResult]:
    """Create a route: ``expression`` filters inbound mail, ``actions`` run in order on a match (each sent as one
    ``action`` field); a smaller ``priority`` runs first."""
    from mailgun_openapi.models.post_routes_body import PostRoutesBody

    body = PostRoutesBody(
        expression=text("expression", expression),
        **given(
            action=_actions(actions),
            priority=int_range("priority", priority, 0),
            description=opt_text("description", description),
        ),
    )
    return _CREATE.call(body=body)


def update_route(
    route_id: str,
    *,
    expression: str | None = None,
    actions: str | Iterable[str] | None = None,
    priority: int | None = None,
    description: str | None = None,
    **extras: Unpack[RequestExtras],
) -> Call[RouteResult]:
    """Change a route; only the arguments given are sent (``actions`` replaces all the route's actions)."""
    from mailgun_openapi.models.put_routes_id_body import PutRoutesIdBody

    fields = given(
        expression=opt_text("expression", expression),
        action=_actions(actions),
        priority=int_range("priority", priority, 0),
        description=opt_text("description", description),
    )
    if not fields:
        raise ValidationError("route_id", "nothing to update: give expression, actions, priority or description")
    return _UPDATE.call(id=text("route_id", route_id), body=PutRoutesIdBody(**fields))


def delete_route(route_id: str, **extras: Unpack[RequestExtras]) -> Call[DeleteRouteResult]:
    """Delete a route."""
    return _DELETE.call(id=text("route_id", route_id))


def match_route(address: str, **extras: Unpack[RequestExtras]) -> Call[Route]:
    """The route that would handle mail to ``address`` (``NotFoundError`` when none matches)."""
    return _MATCH.call(address=text("address", address))


class Routes(SyncResource):
    list = sync_paged(list_routes)
    get = sync_call(get_route)
    create = sync_call(create_route)
    update = sync_call(update_route)
    delete = sync_call(delete_route)
    match = sync_call(match_route)


class AsyncRoutes(AsyncResource):
    list = async_paged(list_routes)
    get = async_call(get_route)
    create = async_call(create_route)
    update = async_call(update_route)
    delete = async_call(delete_route)
    match = async_call(match_route)
