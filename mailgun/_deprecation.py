"""One deprecation mechanism: a table of successors and one warning category.

An operation warns when Mailgun's spec marks it deprecated (the generated operation index says so) or when
this table steers away from it (Events -> Logs is not marked in the spec yet). A test derives the deprecated
operations from the pinned spec and fails until each has a successor here, so a newly deprecated operation
cannot slip by.
"""

from __future__ import annotations

import warnings

__all__ = ["MailgunDeprecationWarning", "successor_of", "warn_deprecated"]


class MailgunDeprecationWarning(FutureWarning):
    """A Mailgun API this code calls is deprecated; the message names the replacement.

    A FutureWarning, not a DeprecationWarning: Python hides DeprecationWarning outside ``__main__``, and a
    retiring *remote* API is something the application's developers need to see without opting in.
    """


_LOGS = "client.logs.list() (the Logs API, POST /v1/analytics/logs)"
_METRICS = "client.metrics.query() (the Metrics API, POST /v1/analytics/metrics)"
_TAGS = "client.tags (the new Tags API, /v1/analytics/tags)"

# Generated operation module (or `group.*`) -> what to use instead. Most specific entry wins.
SUCCESSORS: dict[str, str] = {
    "events.*": _LOGS,
    "stats.*": _METRICS,
    "tags.*": _TAGS,
    "tags.get_domain_tags": "client.tags.list()",
    "tags.get_domain_tag": "client.tags.list(tag=...)",
    "tags.put_domain_tag": "client.tags.update()",
    "tags.delete_domain_tag": "client.tags.delete()",
    "tags.get_domains_domain_limits_tag": "client.tags.limits()",
    "tags.get_domain_tag_stats": _METRICS + " filtered by tag",
    "tags.get_domain_tag_stats_aggregates": _METRICS + " with a tag filter and a dimension",
    "tags.get_domains_domain_tag_countries": _METRICS + " by country",
    "tags.get_domains_domain_tag_devices": _METRICS + " by device",
    "tags.get_domains_domain_tag_providers": _METRICS + " by provider",
}


def successor_of(operation: str) -> str | None:
    """The replacement for a generated operation, or None when the table names none."""
    if operation in SUCCESSORS:
        return SUCCESSORS[operation]
    return SUCCESSORS.get(operation.split(".", 1)[0] + ".*")


def deprecation_message(operation: str, method: str, path: str, deprecated_in_spec: bool) -> str | None:
    successor = successor_of(operation)
    if successor is None and not deprecated_in_spec:
        return None
    instead = f"; use {successor} instead" if successor else ""
    return f"Mailgun has deprecated {method} {path}{instead}"


def warn_deprecated(message: str, *, stacklevel: int) -> None:
    warnings.warn(message, MailgunDeprecationWarning, stacklevel=stacklevel + 1)
