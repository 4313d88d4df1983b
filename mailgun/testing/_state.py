"""What the fake remembers, changed only through the API (or ``FakeMailgun.add_domain``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

__all__ = ["LISTS", "DomainState", "Request"]

# Suppression lists by their path segment; `whitelists` is the allowlist.
LISTS = ("bounces", "unsubscribes", "complaints", "whitelists")


@dataclass
class DomainState:
    name: str
    created_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.timezone.utc))
    state: str = "active"
    fields: dict[str, Any] = field(default_factory=dict)  # anything else given at creation (spam_action, ...)
    suppressions: dict[str, dict[str, dict[str, Any]]] = field(default_factory=lambda: {n: {} for n in LISTS})
    webhooks: dict[str, list[str]] = field(default_factory=dict)  # webhook name -> urls
    templates: dict[str, dict[str, Any]] = field(default_factory=dict)
    tags: dict[str, dict[str, Any]] = field(default_factory=dict)


@dataclass
class Request:
    """A request as a handler sees it."""

    method: str
    path: str
    params: dict[str, str]  # path parameters
    query: dict[str, list[str]]
    body: Any  # ParsedBody
    domain: DomainState | None
    base_url: str

    def arg(self, name: str, default: str | None = None) -> str | None:
        values = self.query.get(name)
        return values[0] if values else default

    def int_arg(self, name: str, default: int) -> int:
        text = self.arg(name)
        try:
            return int(text) if text is not None else default
        except ValueError:
            return default
