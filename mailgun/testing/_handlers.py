"""The operations the fake models: each changes or reads the fake's state as Mailgun would.

A handler takes the fake and a ``Request`` and returns ``(status, body)``. Operations without a handler answer the
spec's example (like Prism). Answer bodies start from the spec's example where that keeps them complete (a domain
has two dozen fields) and carry the fake's own values.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
import secrets
from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from ._events import event_matches_v3, log_item, metrics_answer, parse_time, rfc2822
from ._messages import bare, messages_from_form, messages_from_mime
from ._state import DomainState, Request

if TYPE_CHECKING:
    from ._fake import FakeMailgun

__all__ = ["HANDLERS"]

Answer = tuple[int, Any]
Handler = Callable[["FakeMailgun", Request], Answer]
HANDLERS: dict[str, Handler] = {}
UTC = dt.timezone.utc
WEBHOOK_NAMES = (
    "accepted",
    "delivered",
    "opened",
    "clicked",
    "unsubscribed",
    "complained",
    "permanent_fail",
    "temporary_fail",
)


def handles(*keys: str) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        for key in keys:
            HANDLERS[key] = handler
        return handler

    return register


def not_found(message: str) -> Answer:
    return 404, {"message": message}


def _domain(request: Request) -> DomainState:
    assert request.domain is not None  # the fake answers 404 before a handler sees an unknown domain
    return request.domain


# ------------------------------------------------------------------------------------------------- sends
@handles("POST /v3/{domain_name}/messages", "POST /v3/{domain_name}/messages.mime")
def send(fake: FakeMailgun, request: Request) -> Answer:
    domain = _domain(request)
    message_id = f"<{dt.datetime.now(UTC):%Y%m%d%H%M%S}.{secrets.token_hex(8).upper()}@{domain.name}>"
    if request.path.endswith(".mime"):
        messages = [messages_from_mime(domain.name, message_id, request.body)]
    else:
        messages = messages_from_form(domain.name, message_id, request.body)
    for message in messages:
        fake._accept(message)
    return 200, {"id": message_id, "message": "Queued. Thank you."}


# ----------------------------------------------------------------------------------------------- domains
def _domain_fields(fake: FakeMailgun, domain: DomainState, template: dict[str, Any]) -> dict[str, Any]:
    fields = {**template, **domain.fields}
    fields.update(
        name=domain.name,
        state=domain.state,
        created_at=rfc2822(domain.created_at),
        id=fake._id_of(domain.name),
        smtp_login=f"postmaster@{domain.name}",
    )
    fields.pop("disabled", None)
    return fields


@handles("GET /v4/domains")
def list_domains(fake: FakeMailgun, request: Request) -> Answer:
    template = fake._example("GET /v4/domains")["items"][0]
    domains = list(fake._domains.values())
    skip, limit = request.int_arg("skip", 0), request.int_arg("limit", 100)
    items = [_domain_fields(fake, d, template) for d in domains[skip : skip + limit]]
    return 200, {"total_count": len(domains), "items": items}


@handles("GET /v4/domains/{name}")
def get_domain(fake: FakeMailgun, request: Request) -> Answer:
    answer = fake._example("GET /v4/domains/{name}")
    answer["domain"] = _domain_fields(fake, _domain(request), answer["domain"])
    return 200, answer


@handles("POST /v4/domains")
def create_domain(fake: FakeMailgun, request: Request) -> Answer:
    fields = request.body.object()
    name = str(fields.get("name") or "")
    if name in fake._domains:
        return 400, {"message": "This domain name is already taken"}
    extra: dict[str, Any] = {k: v for k, v in fields.items() if k in ("spam_action", "web_scheme", "web_prefix")}
    if "wildcard" in fields:
        extra["wildcard"] = str(fields["wildcard"]).lower() == "true"
    domain = fake.add_domain(name, state="unverified", **extra)
    answer = fake._example("POST /v4/domains")
    answer["domain"] = _domain_fields(fake, domain, answer["domain"])
    return 200, answer


@handles("PUT /v4/domains/{name}/verify")
def verify_domain(fake: FakeMailgun, request: Request) -> Answer:
    """The fake's DNS is always right: verifying makes a domain active."""
    domain = _domain(request)
    domain.state = "active"
    answer = fake._example("PUT /v4/domains/{name}/verify")
    answer["domain"] = _domain_fields(fake, domain, answer["domain"])
    return 200, answer


@handles("PUT /v4/domains/{name}")
def update_domain(fake: FakeMailgun, request: Request) -> Answer:
    domain = _domain(request)
    fields = request.body.fields()
    for name in ("spam_action", "web_scheme", "web_prefix"):
        if name in fields:
            domain.fields[name] = fields[name]
    if "wildcard" in fields:
        domain.fields["wildcard"] = fields["wildcard"].lower() == "true"
    answer = fake._example("PUT /v4/domains/{name}")
    answer["domain"] = _domain_fields(fake, domain, answer["domain"])
    return 200, answer


@handles("DELETE /v3/domains/{name}")
def delete_domain(fake: FakeMailgun, request: Request) -> Answer:
    del fake._domains[_domain(request).name]
    return 200, {"message": "Domain will be deleted in the background"}


# ------------------------------------------------------------------------------------------ suppressions
def _list_name(request: Request) -> str:
    return request.path.split("/")[3]


def _suppression_item(kind: str, entry: dict[str, Any]) -> dict[str, Any]:
    created = rfc2822(entry["created_at"])
    if kind == "bounces":
        return {"address": entry["address"], "code": str(entry["code"]), "error": entry["error"], "created_at": created}
    if kind == "unsubscribes":
        return {"address": entry["address"], "tags": list(entry["tags"]), "created_at": created}
    if kind == "complaints":
        return {"address": entry["address"], "created_at": created}
    return {"value": entry["value"], "type": entry["type"], "reason": entry.get("reason", ""), "createdAt": created}


def _paging(request: Request, pivot_name: str, last: str | None) -> dict[str, str]:
    base = f"{request.base_url}{request.path}"
    limit = request.int_arg("limit", 100)

    def url(**query: Any) -> str:
        return f"{base}?{urlencode({**query, 'limit': limit})}"

    return {
        "first": url(page="first"),
        "last": url(page="last"),
        "next": url(page="next", **{pivot_name: last or request.arg(pivot_name) or ""}),
        "previous": url(page="previous", **{pivot_name: request.arg(pivot_name) or ""}),
    }


def _page_after(keys: list[str], request: Request, pivot_name: str) -> list[str]:
    limit = request.int_arg("limit", 100)
    pivot = request.arg(pivot_name)
    if request.arg("page") == "next" and pivot is not None:
        keys = keys[keys.index(pivot) + 1 :] if pivot in keys else []
    elif request.arg("page") == "last":
        keys = keys[-limit:]
    return keys[:limit]


@handles(*(f"GET /v3/{{domain_name}}/{kind}" for kind in ("bounces", "unsubscribes", "complaints", "whitelists")))
def list_suppressions(fake: FakeMailgun, request: Request) -> Answer:
    kind = _list_name(request)
    table = _domain(request).suppressions[kind]
    pivot_name = "value" if kind == "whitelists" else "address"
    term = request.arg("term")
    keys = [k for k in table if term is None or k.startswith(term.lower())]
    page = _page_after(keys, request, pivot_name)
    items = [_suppression_item(kind, table[k]) for k in page]
    return 200, {"items": items, "paging": _paging(request, pivot_name, page[-1] if page else None)}


@handles(
    "GET /v3/{domain_name}/bounces/{address}",
    "GET /v3/{domain_name}/unsubscribes/{address}",
    "GET /v3/{domain_name}/complaints/{address}",
    "GET /v3/{domain_name}/whitelists/{value}",
)
def get_suppression(fake: FakeMailgun, request: Request) -> Answer:
    kind = _list_name(request)
    key = (request.params.get("address") or request.params.get("value") or "").lower()
    entry = _domain(request).suppressions[kind].get(key)
    if entry is None:
        return not_found(f"Address not found in {kind.replace('whitelists', 'allowlists')} table")
    return 200, _suppression_item(kind, entry)


def _add(domain: DomainState, kind: str, fields: dict[str, Any]) -> str | None:
    """Add one entry from its fields; returns the problem Mailgun reports, or None."""
    now = dt.datetime.now(UTC)
    created = parse_time(fields.get("created_at")) or now
    if kind == "whitelists":
        value = str(fields.get("address") or fields.get("domain") or "").lower()
        if not value:
            return "address or domain is required"
        kind_of = "address" if fields.get("address") else "domain"
        domain.suppressions[kind][value] = {"value": value, "type": kind_of, "reason": fields.get("reason") or ""}
        domain.suppressions[kind][value]["created_at"] = created
        return None
    address = str(fields.get("address") or "").strip().lower()
    if "@" not in address:
        return f"'{address}' is not a valid address" if address else "address is required"
    if kind == "bounces" and _allowlisted(domain, address):
        return None  # Mailgun never adds an allowlisted address to the bounce list
    entry: dict[str, Any] = {"address": address, "created_at": created}
    if kind == "bounces":
        entry.update(code=str(fields.get("code") or "550"), error=str(fields.get("error") or ""))
    elif kind == "unsubscribes":
        tags = fields.get("tags") or fields.get("tag") or ["*"]
        tags = [tags] if isinstance(tags, str) else [str(t) for t in tags]
        old = domain.suppressions[kind].get(address, {}).get("tags", [])
        entry["tags"] = list(dict.fromkeys([*old, *tags]))
    domain.suppressions[kind][address] = entry
    return None


def _allowlisted(domain: DomainState, address: str) -> bool:
    allow = domain.suppressions["whitelists"]
    return address in allow or address.rpartition("@")[2] in allow


@handles(*(f"POST /v3/{{domain_name}}/{kind}" for kind in ("bounces", "unsubscribes", "complaints", "whitelists")))
def add_suppression(fake: FakeMailgun, request: Request) -> Answer:
    kind = _list_name(request)
    domain = _domain(request)
    word = "allowlists" if kind == "whitelists" else kind
    if isinstance(request.body.json, list):
        problems = [p for entry in request.body.json if isinstance(entry, dict) for p in [_add(domain, kind, entry)]]
        bad = [p for p in problems if p]
        if bad:
            return 400, {"message": bad[0]}
        return 200, {"message": f"{len(request.body.json)} addresses have been added to the {word} table"}
    fields: dict[str, Any] = dict(request.body.fields())
    if kind == "unsubscribes" and request.body.values("tag"):
        fields["tags"] = request.body.values("tag")
    problem = _add(domain, kind, fields)
    if problem:
        return 400, {"message": problem}
    if kind == "whitelists":
        value = str(fields.get("address") or fields.get("domain")).lower()
        entry = domain.suppressions[kind][value]
        return 200, {
            "message": "Address/Domain has been added to the allowlists table",
            "type": entry["type"],
            "value": value,
        }
    return 200, {"message": f"Address has been added to the {word} table", "address": fields.get("address")}


@handles(
    *(f"POST /v3/{{domain_name}}/{kind}/import" for kind in ("bounces", "unsubscribes", "complaints", "whitelists"))
)
def import_suppressions(fake: FakeMailgun, request: Request) -> Answer:
    kind = request.path.split("/")[3]
    files = request.body.files("file")
    if not files:
        return 400, {"message": "file is required"}
    for row in csv.DictReader(io.StringIO(files[0].content.decode("utf-8-sig"))):
        fields: dict[str, Any] = {k.strip(): (v or "").strip() for k, v in row.items() if k}
        if kind == "unsubscribes" and fields.get("tags"):
            fields["tags"] = [t.strip() for t in str(fields["tags"]).split(",") if t.strip()]
        _add(_domain(request), kind, fields)
    return 202, {"message": "file uploaded successfully"}


@handles(
    "DELETE /v3/{domain_name}/bounces/{address}",
    "DELETE /v3/{domain_name}/unsubscribes/{address}",
    "DELETE /v3/{domain_name}/complaints/{address}",
    "DELETE /v3/{domain_name}/whitelists/{value}",
)
def delete_suppression(fake: FakeMailgun, request: Request) -> Answer:
    kind = _list_name(request)
    key = (request.params.get("address") or request.params.get("value") or "").lower()
    table = _domain(request).suppressions[kind]
    if key not in table:
        return not_found(f"Address not found in {kind.replace('whitelists', 'allowlists')} table")
    tag = request.arg("tag")
    if kind == "unsubscribes" and tag:
        table[key]["tags"] = [t for t in table[key]["tags"] if t != tag]
        if table[key]["tags"]:
            return 200, {"message": "Unsubscribe event has been removed", "address": key}
    del table[key]
    if kind == "whitelists":
        return 200, {"message": "Allowlist address/domain has been removed", "value": key}
    messages = {"bounces": "Bounced address has been removed", "complaints": "Spam complaint has been removed"}
    return 200, {"message": messages.get(kind, "Unsubscribe event has been removed"), "address": key}


@handles(*(f"DELETE /v3/{{domain_name}}/{kind}" for kind in ("bounces", "unsubscribes", "complaints", "whitelists")))
def clear_suppressions(fake: FakeMailgun, request: Request) -> Answer:
    kind = _list_name(request)
    _domain(request).suppressions[kind].clear()
    messages = {
        "bounces": "Bounced addresses for this domain have been removed",
        "complaints": "Complaint addresses for this domain have been removed",
        "unsubscribes": "Unsubscribe addresses for this domain have been removed",
        "whitelists": "Allowlist addresses/domains for this domain have been removed",
    }
    return 200, {"message": messages[kind]}


# ------------------------------------------------------------------------------------ events, logs, metrics
@handles("GET /v3/{domain_name}/events")
def list_events(fake: FakeMailgun, request: Request) -> Answer:
    domain = _domain(request)
    chosen = [e for e in fake.events if e["domain"]["name"] == domain.name and event_matches_v3(e, request.query)]
    if request.arg("ascending") != "yes":
        chosen.reverse()
    limit = min(max(request.int_arg("limit", 100), 1), 300)
    return 200, fake._events_page(request, domain.name, chosen, 0, limit)


def events_page_by_token(fake: FakeMailgun, request: Request, token: str) -> Answer:
    """``GET /v3/{domain}/events/{page}``: the pages Mailgun's ``paging`` URLs point at (not in the spec)."""
    saved = fake._pages.get(token)
    if saved is None:
        return not_found("page not found")
    chosen, offset, limit = saved
    assert request.domain is not None
    return 200, fake._events_page(request, request.domain.name, chosen, offset, limit)


@handles("POST /v1/analytics/logs")
def query_logs(fake: FakeMailgun, request: Request) -> Answer:
    from ._events import filter_matches

    query = request.body.json if isinstance(request.body.json, dict) else {}
    now = dt.datetime.now(UTC)
    end = parse_time(query.get("end")) or now
    start = parse_time(query.get("start")) or end - dt.timedelta(days=1)
    kinds = set(query.get("events") or [])
    pagination = query.get("pagination") or {}
    limit = int(pagination.get("limit") or 100)
    token = pagination.get("token")
    chosen = [
        e
        for e in fake.events
        if start.timestamp() <= float(e["timestamp"]) <= end.timestamp() + 1
        and (not kinds or e["event"] in kinds)
        and filter_matches(e, query.get("filter"))
    ]
    if str(pagination.get("sort") or "").endswith("asc"):
        chosen.sort(key=lambda e: float(e["timestamp"]))
    else:
        chosen.sort(key=lambda e: -float(e["timestamp"]))
    offset = int(token) if isinstance(token, str) and token.isdigit() else 0
    page = chosen[offset : offset + limit]
    paging: dict[str, Any] = {}
    if offset + limit < len(chosen):
        paging["next"] = str(offset + limit)
    if offset:
        paging["previous"] = str(max(offset - limit, 0))
    if query.get("include_totals"):
        paging["total"] = len(chosen)
    items = [log_item(e, fake.account_id) for e in page]
    return 200, {"start": rfc2822(start), "end": rfc2822(end), "items": items, "pagination": paging, "aggregates": {}}


@handles("POST /v1/analytics/metrics")
def query_metrics(fake: FakeMailgun, request: Request) -> Answer:
    query = request.body.json if isinstance(request.body.json, dict) else {}
    return 200, metrics_answer(fake.events, query, dt.datetime.now(UTC))


# ------------------------------------------------------------------------------------------------ webhooks
def _urls(request: Request) -> list[str]:
    urls = request.body.values("url")
    return [u for u in urls if u]


@handles("GET /v3/domains/{domain}/webhooks")
def list_webhooks(fake: FakeMailgun, request: Request) -> Answer:
    return 200, _all_webhooks(_domain(request))


@handles("GET /v3/domains/{domain_name}/webhooks/{webhook_name}")
def get_webhook(fake: FakeMailgun, request: Request) -> Answer:
    urls = _domain(request).webhooks.get(request.params["webhook_name"])
    if not urls:
        return not_found("Webhook not found")
    return 200, {"webhook": {"urls": list(urls)}}


@handles("POST /v3/domains/{domain}/webhooks")
def create_webhook(fake: FakeMailgun, request: Request) -> Answer:
    name = request.body.value("id") or ""
    hooks = _domain(request).webhooks
    if name not in WEBHOOK_NAMES:
        return 400, {"message": f"Invalid webhook id: {name}"}
    if hooks.get(name):
        return 400, {"message": "Webhook already exists"}
    urls = _urls(request)
    if not urls or len(urls) > 3:
        return 400, {"message": "url: from 1 to 3 urls are required"}
    hooks[name] = urls
    return 200, {"message": "Webhook has been created", "webhook": {"urls": list(urls)}}


@handles("PUT /v3/domains/{domain_name}/webhooks/{webhook_name}")
def update_webhook(fake: FakeMailgun, request: Request) -> Answer:
    hooks = _domain(request).webhooks
    name = request.params["webhook_name"]
    if not hooks.get(name):
        return not_found("Webhook not found")
    urls = _urls(request)
    if not urls or len(urls) > 3:
        return 400, {"message": "url: from 1 to 3 urls are required"}
    hooks[name] = urls
    return 200, {"message": "Webhook has been updated", "webhook": {"urls": list(urls)}}


@handles("DELETE /v3/domains/{domain_name}/webhooks/{webhook_name}")
def delete_webhook(fake: FakeMailgun, request: Request) -> Answer:
    hooks = _domain(request).webhooks
    urls = hooks.pop(request.params["webhook_name"], None)
    if not urls:
        return not_found("Webhook not found")
    return 200, {"message": "Webhook has been deleted", "webhook": {"urls": urls}}


def _all_webhooks(domain: DomainState) -> dict[str, Any]:
    return {"webhooks": {name: {"urls": list(urls)} for name, urls in domain.webhooks.items() if urls}}


def _event_types(request: Request) -> list[str] | None:
    """The v4 form's `event_types` (repeated), or None with a bad one."""
    kinds = [k for k in request.body.values("event_types") if k]
    return kinds if kinds and all(k in WEBHOOK_NAMES for k in kinds) else None


@handles("POST /v4/domains/{domain}/webhooks")
def create_url_webhooks(fake: FakeMailgun, request: Request) -> Answer:
    """One URL for several events (v4)."""
    domain = _domain(request)
    url, kinds = request.body.value("url") or "", _event_types(request)
    if not url or kinds is None:
        return 400, {"message": "url and valid event_types are required"}
    for kind in kinds:
        urls = domain.webhooks.setdefault(kind, [])
        if url not in urls:
            if len(urls) >= 3:
                return 400, {"message": f"Webhook {kind} already has 3 urls"}
            urls.append(url)
    return 200, _all_webhooks(domain)


@handles("PUT /v4/domains/{domain}/webhooks")
def update_url_webhooks(fake: FakeMailgun, request: Request) -> Answer:
    """The events a URL receives, replaced (v4)."""
    domain = _domain(request)
    url, kinds = request.body.value("url") or "", _event_types(request)
    if not url or kinds is None:
        return 400, {"message": "url and valid event_types are required"}
    for name in WEBHOOK_NAMES:
        urls = domain.webhooks.setdefault(name, [])
        if name in kinds and url not in urls:
            urls.append(url)
        elif name not in kinds and url in urls:
            urls.remove(url)
    return 200, _all_webhooks(domain)


@handles("DELETE /v4/domains/{domain}/webhooks")
def delete_url_webhooks(fake: FakeMailgun, request: Request) -> Answer:
    domain = _domain(request)
    gone = {u.strip() for value in request.query.get("url", []) for u in value.split(",") if u.strip()}
    for name, urls in domain.webhooks.items():
        domain.webhooks[name] = [u for u in urls if u not in gone]
    return 200, _all_webhooks(domain)


@handles("GET /v5/accounts/http_signing_key")
def get_signing_key(fake: FakeMailgun, request: Request) -> Answer:
    return 200, {"http_signing_key": fake.signing_key}


@handles("POST /v5/accounts/http_signing_key")
def regenerate_signing_key(fake: FakeMailgun, request: Request) -> Answer:
    fake.signing_key = secrets.token_hex(16)
    return 200, {"http_signing_key": fake.signing_key, "message": "regenerated HTTP signing key for account"}


# ----------------------------------------------------------------------------------------------- templates
def _template_item(template: dict[str, Any], *, with_version: bool) -> dict[str, Any]:
    item: dict[str, Any] = {
        k: template[k] for k in ("name", "description", "createdAt", "createdBy", "id") if k in template
    }
    if with_version and template["versions"]:
        active = next((v for v in template["versions"].values() if v.get("active")), None)
        if active is not None:
            item["version"] = dict(active)
    return item


def _version(fields: dict[str, str], *, tag: str, active: bool) -> dict[str, Any]:
    version = {
        "tag": tag,
        "template": fields.get("template", ""),
        "engine": fields.get("engine") or "handlebars",
        "mjml": fields.get("mjml", ""),
        "createdAt": rfc2822(dt.datetime.now(UTC)),
        "comment": fields.get("comment", ""),
        "active": active,
        "id": secrets.token_hex(12),
    }
    if fields.get("headers"):
        with contextlib.suppress(ValueError):
            version["headers"] = json.loads(fields["headers"])
    return version


@handles("POST /v3/{domain_name}/templates")
def create_template(fake: FakeMailgun, request: Request) -> Answer:
    fields = request.body.fields()
    name = (fields.get("name") or "").lower()
    templates = _domain(request).templates
    if name in templates:
        return 409, {"message": "template with name '" + name + "' already exists"}
    template: dict[str, Any] = {
        "name": name,
        "description": fields.get("description", ""),
        "createdAt": rfc2822(dt.datetime.now(UTC)),
        "createdBy": fields.get("createdBy", ""),
        "id": secrets.token_hex(12),
        "versions": {},
    }
    if fields.get("template"):
        tag = fields.get("tag") or "initial"
        template["versions"][tag] = _version(fields, tag=tag, active=True)
    templates[name] = template
    return 200, {"message": "template has been stored", "template": _template_item(template, with_version=True)}


@handles("GET /v3/{domain_name}/templates/{template_name}")
def get_template(fake: FakeMailgun, request: Request) -> Answer:
    template = _domain(request).templates.get(request.params["template_name"].lower())
    if template is None:
        return not_found("template not found")
    return 200, {"template": _template_item(template, with_version=request.arg("active") == "yes")}


@handles("GET /v3/{domain_name}/templates")
def list_templates(fake: FakeMailgun, request: Request) -> Answer:
    templates = _domain(request).templates
    keys = _page_after(sorted(templates), request, "p")
    items = [_template_item(templates[k], with_version=False) for k in keys]
    return 200, {"items": items, "paging": _paging(request, "p", keys[-1] if keys else None)}


@handles("DELETE /v3/{domain_name}/templates/{template_name}")
def delete_template(fake: FakeMailgun, request: Request) -> Answer:
    name = request.params["template_name"].lower()
    if _domain(request).templates.pop(name, None) is None:
        return not_found("template not found")
    return 200, {"message": "template has been deleted", "template": {"name": name}}


@handles("POST /v3/{domain_name}/templates/{template_name}/versions")
def create_version(fake: FakeMailgun, request: Request) -> Answer:
    template = _domain(request).templates.get(request.params["template_name"].lower())
    if template is None:
        return not_found("template not found")
    fields = request.body.fields()
    tag = (fields.get("tag") or "").lower()
    if tag in template["versions"]:
        return 409, {"message": f"version with tag '{tag}' already exists"}
    active = fields.get("active") in ("yes", "true") or not template["versions"]
    if active:
        for other in template["versions"].values():
            other["active"] = False
    template["versions"][tag] = _version(fields, tag=tag, active=active)
    item = _template_item(template, with_version=False)
    item["version"] = dict(template["versions"][tag])
    return 200, {"message": "new version of the template has been stored", "template": item}


@handles("GET /v3/{domain_name}/templates/{template_name}/versions/{version_name}")
def get_version(fake: FakeMailgun, request: Request) -> Answer:
    template = _domain(request).templates.get(request.params["template_name"].lower())
    version = None if template is None else template["versions"].get(request.params["version_name"].lower())
    if template is None or version is None:
        return not_found("template version not found")
    item = _template_item(template, with_version=False)
    item["version"] = dict(version)
    return 200, {"template": item}


def _template(request: Request) -> dict[str, Any] | None:
    return _domain(request).templates.get(request.params["template_name"].lower())


@handles("PUT /v3/{domain_name}/templates/{template_name}")
def update_template(fake: FakeMailgun, request: Request) -> Answer:
    template = _template(request)
    if template is None:
        return not_found("template not found")
    if "description" in request.body.fields():
        template["description"] = request.body.fields()["description"]
    return 200, {"message": "template has been updated", "template": {"name": template["name"]}}


@handles("DELETE /v3/{domain_name}/templates")
def delete_all_templates(fake: FakeMailgun, request: Request) -> Answer:
    _domain(request).templates.clear()
    return 200, {"message": "templates have been deleted"}


@handles("GET /v3/{domain_name}/templates/{template_name}/versions")
def list_versions(fake: FakeMailgun, request: Request) -> Answer:
    template = _template(request)
    if template is None:
        return not_found("template not found")
    keys = _page_after(list(template["versions"]), request, "p")
    item = _template_item(template, with_version=False)
    item["versions"] = [dict(template["versions"][k]) for k in keys]
    return 200, {"template": item, "paging": _paging(request, "p", keys[-1] if keys else None)}


@handles("PUT /v3/{domain_name}/templates/{template_name}/versions/{version_name}")
def update_version(fake: FakeMailgun, request: Request) -> Answer:
    template = _template(request)
    tag = request.params["version_name"].lower()
    version = None if template is None else template["versions"].get(tag)
    if template is None or version is None:
        return not_found("template version not found")
    fields = request.body.fields()
    for name in ("template", "comment", "mjml"):
        if name in fields:
            version[name] = fields[name]
    if fields.get("active") in ("yes", "true"):
        for other in template["versions"].values():
            other["active"] = other is version
    return 200, {"message": "version has been updated", "template": {"name": template["name"], "version": {"tag": tag}}}


@handles("DELETE /v3/{domain_name}/templates/{template_name}/versions/{version_name}")
def delete_version(fake: FakeMailgun, request: Request) -> Answer:
    template = _template(request)
    tag = request.params["version_name"].lower()
    if template is None or template["versions"].pop(tag, None) is None:
        return not_found("template version not found")
    return 200, {"message": "version has been deleted", "template": {"name": template["name"], "version": {"tag": tag}}}


@handles("PUT /v3/{domain_name}/templates/{template_name}/versions/{version_name}/copy/{new_version_name}")
def copy_version(fake: FakeMailgun, request: Request) -> Answer:
    template = _template(request)
    version = None if template is None else template["versions"].get(request.params["version_name"].lower())
    if template is None or version is None:
        return not_found("template version not found")
    tag = request.params["new_version_name"].lower()
    copied = {**version, "tag": tag, "active": False, "id": secrets.token_hex(12)}
    copied["createdAt"] = rfc2822(dt.datetime.now(UTC))
    if request.body.value("comment") is not None or request.arg("comment") is not None:
        copied["comment"] = request.body.value("comment") or request.arg("comment") or ""
    template["versions"][tag] = copied
    return 200, {"message": "version has been copied", "version": dict(copied)}


# ------------------------------------------------------------------------------------------------- helpers
def suppressed_by(domain: DomainState, recipient: str, tags: list[str]) -> str | None:
    """The suppression list that stops delivery to ``recipient``, or None."""
    address = bare(recipient)
    tables = domain.suppressions
    if address in tables["bounces"]:
        return "bounces"
    if address in tables["complaints"]:
        return "complaints"
    unsubscribed = tables["unsubscribes"].get(address)
    if unsubscribed is not None:
        scope = set(unsubscribed.get("tags") or ["*"])
        if "*" in scope or scope & set(tags):
            return "unsubscribes"
    return None
