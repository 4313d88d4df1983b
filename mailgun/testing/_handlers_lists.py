"""Mailing lists and their members, routes, and a domain's tags: account state the fake keeps."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import secrets
from typing import TYPE_CHECKING, Any

from ._events import rfc2822
from ._handlers import Answer, _page_after, _paging, handles, not_found
from ._state import Request

if TYPE_CHECKING:
    from ._fake import FakeMailgun

__all__: list[str] = []

UTC = dt.timezone.utc
_YES = ("yes", "true", "1")


# ----------------------------------------------------------------------------------------- mailing lists
def _list_item(mailing_list: dict[str, Any]) -> dict[str, Any]:
    item = {k: v for k, v in mailing_list.items() if k != "members"}
    item["members_count"] = len(mailing_list["members"])
    return item


def _member_item(member: dict[str, Any]) -> dict[str, Any]:
    return dict(member)


def _find_list(fake: FakeMailgun, request: Request) -> dict[str, Any] | None:
    return fake._lists.get(request.params["list_address"].lower())


@handles("POST /v3/lists")
def create_list(fake: FakeMailgun, request: Request) -> Answer:
    fields = request.body.fields()
    address = fields.get("address", "").lower()
    if address in fake._lists:
        return 400, {"message": f"Duplicate object: mailing list {address} already exists"}
    fake._lists[address] = {
        "address": address,
        "name": fields.get("name", ""),
        "description": fields.get("description", ""),
        "access_level": fields.get("access_level", "readonly"),
        "reply_preference": fields.get("reply_preference", "list"),
        "created_at": rfc2822(dt.datetime.now(UTC)),
        "members": {},
    }
    # Mailgun answers 200 (the spec documents 201): the facade reads both.
    return 200, {"list": _list_item(fake._lists[address]), "message": "Mailing list has been created"}


@handles("GET /v3/lists/pages")
def list_lists(fake: FakeMailgun, request: Request) -> Answer:
    keys = _page_after(list(fake._lists), request, "address")
    items = [_list_item(fake._lists[k]) for k in keys]
    return 200, {"items": items, "paging": _paging(request, "address", keys[-1] if keys else None)}


@handles("GET /v3/lists/{list_address}")
def get_list(fake: FakeMailgun, request: Request) -> Answer:
    found = _find_list(fake, request)
    if found is None:
        return not_found(f"Mailing list {request.params['list_address']} not found")
    return 200, {"list": _list_item(found)}


@handles("PUT /v3/lists/{list_address}")
def update_list(fake: FakeMailgun, request: Request) -> Answer:
    found = _find_list(fake, request)
    if found is None:
        return not_found(f"Mailing list {request.params['list_address']} not found")
    fields = request.body.fields()
    for name in ("name", "description", "access_level", "reply_preference"):
        if name in fields:
            found[name] = fields[name]
    new_address = fields.get("address", "").lower()
    if new_address and new_address != found["address"]:
        del fake._lists[found["address"]]
        found["address"] = new_address
        fake._lists[new_address] = found
    return 200, {"list": _list_item(found), "message": "Mailing list has been updated"}


@handles("DELETE /v3/lists/{list_address}")
def delete_list(fake: FakeMailgun, request: Request) -> Answer:
    found = _find_list(fake, request)
    if found is None:
        return not_found(f"Mailing list {request.params['list_address']} not found")
    del fake._lists[found["address"]]
    return 200, {"address": found["address"], "message": "Mailing list has been removed"}


def _member(fields: dict[str, Any], old: dict[str, Any] | None = None) -> dict[str, Any]:
    member = dict(old or {"name": "", "vars": {}, "subscribed": True})
    member["address"] = str(fields.get("address", member.get("address", ""))).lower()
    if "name" in fields:
        member["name"] = str(fields["name"])
    if "vars" in fields:
        variables = fields["vars"]
        if isinstance(variables, str):
            try:
                variables = json.loads(variables) if variables else {}
            except ValueError:
                variables = {}
        member["vars"] = variables if isinstance(variables, dict) else {}
    if "subscribed" in fields:
        subscribed = fields["subscribed"]
        member["subscribed"] = subscribed if isinstance(subscribed, bool) else str(subscribed).lower() in _YES
    return member


@handles("POST /v3/lists/{list_address}/members")
def add_member(fake: FakeMailgun, request: Request) -> Answer:
    found = _find_list(fake, request)
    if found is None:
        return not_found(f"Mailing list {request.params['list_address']} not found")
    fields = request.body.fields()
    address = fields.get("address", "").lower()
    old = found["members"].get(address)
    if old is not None and fields.get("upsert", "no").lower() not in _YES:
        return 400, {"message": f"Address already exists '{address}'"}
    found["members"][address] = _member(fields, old)
    return 200, {"member": _member_item(found["members"][address]), "message": "Mailing list member has been created"}


@handles("POST /v3/lists/{list_address}/members.json")
def add_members(fake: FakeMailgun, request: Request) -> Answer:
    found = _find_list(fake, request)
    if found is None:
        return not_found(f"Mailing list {request.params['list_address']} not found")
    text = request.body.value("members") or request.arg("members") or "[]"
    try:
        entries = json.loads(text)
    except ValueError:
        return 400, {"message": "members: invalid JSON"}
    upsert = (request.body.value("upsert") or request.arg("upsert") or "no").lower() in _YES
    for entry in entries if isinstance(entries, list) else []:
        fields = {"address": entry} if isinstance(entry, str) else dict(entry)
        address = str(fields.get("address", "")).lower()
        if address and (upsert or address not in found["members"]):
            found["members"][address] = _member(fields, found["members"].get(address))
    return 200, {"list": _list_item(found), "message": "Mailing list has been updated", "task-id": secrets.token_hex(8)}


@handles("GET /v3/lists/{list_address}/members/pages")
def list_members(fake: FakeMailgun, request: Request) -> Answer:
    found = _find_list(fake, request)
    if found is None:
        return not_found(f"Mailing list {request.params['list_address']} not found")
    members = found["members"]
    wanted = request.arg("subscribed")
    keys = [k for k in members if wanted is None or members[k]["subscribed"] == (wanted.lower() in _YES)]
    keys = _page_after(keys, request, "address")
    items = [_member_item(members[k]) for k in keys]
    return 200, {"items": items, "paging": _paging(request, "address", keys[-1] if keys else None)}


def _find_member(fake: FakeMailgun, request: Request) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    found = _find_list(fake, request)
    if found is None:
        return None, None
    return found, found["members"].get(request.params["member_address"].lower())


@handles("GET /v3/lists/{list_address}/members/{member_address}")
def get_member(fake: FakeMailgun, request: Request) -> Answer:
    found, member = _find_member(fake, request)
    if member is None:
        return not_found("Member not found" if found else "Mailing list not found")
    return 200, {"member": _member_item(member)}  # Mailgun wraps it (the spec says flat): the facade reads both


@handles("PUT /v3/lists/{list_address}/members/{member_address}")
def update_member(fake: FakeMailgun, request: Request) -> Answer:
    found, member = _find_member(fake, request)
    if found is None or member is None:
        return not_found("Member not found" if found else "Mailing list not found")
    updated = _member(request.body.fields(), member)
    del found["members"][member["address"]]
    found["members"][updated["address"]] = updated
    return 200, {"member": _member_item(updated), "message": "Mailing list member has been updated"}


@handles("DELETE /v3/lists/{list_address}/members/{member_address}")
def delete_member(fake: FakeMailgun, request: Request) -> Answer:
    found, member = _find_member(fake, request)
    if found is None or member is None:
        return not_found("Member not found" if found else "Mailing list not found")
    del found["members"][member["address"]]
    return 200, {"member": {"address": member["address"]}, "message": "Mailing list member has been deleted"}


# ------------------------------------------------------------------------------------------------- routes
def _route_fields(request: Request, old: dict[str, Any] | None) -> dict[str, Any]:
    route = dict(old or {"id": secrets.token_hex(12), "priority": 0, "description": "", "actions": []})
    route.setdefault("created_at", rfc2822(dt.datetime.now(UTC)))
    fields = request.body.fields()
    if "priority" in fields:
        with contextlib.suppress(ValueError):
            route["priority"] = int(fields["priority"])
    for name in ("description", "expression"):
        if name in fields:
            route[name] = fields[name]
    actions = request.body.values("action")
    if actions:
        route["actions"] = actions
    return route


@handles("POST /v3/routes")
def create_route(fake: FakeMailgun, request: Request) -> Answer:
    route = _route_fields(request, None)
    fake._routes[route["id"]] = route
    return 200, {"message": "Route has been created", "route": dict(route)}


@handles("GET /v3/routes")
def list_routes(fake: FakeMailgun, request: Request) -> Answer:
    routes = sorted(fake._routes.values(), key=lambda r: r["priority"])
    skip, limit = request.int_arg("skip", 0), request.int_arg("limit", 100)
    return 200, {"total_count": len(routes), "items": [dict(r) for r in routes[skip : skip + limit]]}


@handles("GET /v3/routes/{id}")
def get_route(fake: FakeMailgun, request: Request) -> Answer:
    route = fake._routes.get(request.params["id"])
    return not_found("Route not found") if route is None else (200, {"route": dict(route)})


@handles("PUT /v3/routes/{id}")
def update_route(fake: FakeMailgun, request: Request) -> Answer:
    route = fake._routes.get(request.params["id"])
    if route is None:
        return not_found("Route not found")
    fake._routes[route["id"]] = updated = _route_fields(request, route)
    return 200, {**updated, "message": "Route has been updated"}  # Mailgun answers the fields at the top level


@handles("DELETE /v3/routes/{id}")
def delete_route(fake: FakeMailgun, request: Request) -> Answer:
    if fake._routes.pop(request.params["id"], None) is None:
        return not_found("Route not found")
    return 200, {"message": "Route has been deleted", "id": request.params["id"]}


# --------------------------------------------------------------------------------------------------- tags
@handles("GET /v3/{domain}/tags")
def list_tags(fake: FakeMailgun, request: Request) -> Answer:
    assert request.domain is not None
    tags = request.domain.tags
    keys = _page_after(sorted(tags), request, "tag")
    items = [dict(tags[k]) for k in keys]
    return 200, {"items": items, "paging": _paging(request, "tag", keys[-1] if keys else None)}
