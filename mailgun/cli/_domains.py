"""``mailgun domains list|show|verify``: the account's domains and the state of their DNS records."""

from __future__ import annotations

from typing import Any, Literal

import click
from rich.text import Text

from ._app import common_options, settings
from ._output import Output, pages_until_loop

__all__ = ["command"]

DOMAIN_COLUMNS = ("name", "state", "type", "created_at")
RECORD_COLUMNS = ("purpose", "type", "name", "value", "valid")
VALID_STYLES = {"valid": "bold green", "invalid": "bold red", "unknown": "yellow"}
STATE_STYLES = {"active": "green", "unverified": "yellow", "disabled": "red"}


@click.group("domains")
@common_options
def command() -> None:
    """List domains, show one with its DNS records, or ask Mailgun to verify them."""


@command.command("list")
@click.option("--state", type=click.Choice(["active", "unverified", "disabled"]), help="Only domains in this state.")
@common_options
def list_(state: Literal["active", "unverified", "disabled"] | None) -> None:
    """Every domain of the account (all pages)."""
    config = settings()
    out = config.output()
    with config.client() as client:
        pager = client.domains.list(state=state)
        items = [item for page in pages_until_loop(pager, out) for item in _items(page.raw)]
    if out.json_mode:
        out.json(items)
        return
    rows = [
        [item.get("name"), _styled(item.get("state"), STATE_STYLES), item.get("type"), item.get("created_at")]
        for item in items
    ]
    out.table(DOMAIN_COLUMNS, rows, title=f"{len(items)} domains")


@command.command("show")
@click.argument("name")
@common_options
def show(name: str) -> None:
    """A domain's settings and its DNS records (valid / invalid / unknown)."""
    config = settings()
    with config.client() as client:
        body = client.domains.get.with_raw_response(name).json()
    _print_domain(config.output(), body)


@command.command("verify")
@click.argument("name")
@common_options
def verify(name: str) -> None:
    """Ask Mailgun to check the domain's DNS records now, then show them."""
    config = settings()
    with config.client() as client:
        body = client.domains.verify.with_raw_response(name).json()
    out = config.output()
    _print_domain(out, body)
    if not out.json_mode and isinstance(body, dict) and body.get("message"):
        out.info(str(body["message"]))


def _items(raw: Any) -> list[dict[str, Any]]:
    items = raw.get("items") if isinstance(raw, dict) else None
    return [item for item in items or [] if isinstance(item, dict)]


def _styled(value: Any, styles: dict[str, str]) -> Text:
    text = "" if value is None else str(value)
    return Text(text, style=styles.get(text, ""))


def _print_domain(out: Output, body: Any) -> None:
    if out.json_mode:
        out.json(body)
        return
    if not isinstance(body, dict):
        out.auto(body)
        return
    domain = body.get("domain")
    domain = domain if isinstance(domain, dict) else {}
    out.fields(
        {key: domain.get(key) for key in ("name", "state", "type", "created_at", "spam_action") if key in domain}
    )
    rows = [
        [purpose, record.get("record_type"), record.get("name") or "", record.get("value"), _valid(record)]
        for purpose, key in (("sending", "sending_dns_records"), ("receiving", "receiving_dns_records"))
        for record in body.get(key) or []
        if isinstance(record, dict)
    ]
    out.table(RECORD_COLUMNS, rows, title="DNS records")


def _valid(record: dict[str, Any]) -> Text:
    return _styled(record.get("valid") or "unknown", VALID_STYLES)
