"""One deprecation mechanism: a table of successors and one warning category.

An operation warns when Mailgun's spec marks it deprecated (the generated operation index says so) or when it
is in STEERED (Events -> Logs is not marked in the spec yet); the SUCCESSORS table names the replacement. The
spec's flag alone is enough: an operation Mailgun deprecates tomorrow warns the day it is regenerated (through
its curated method and ``client.api``), saying "no successor named yet" until it has an entry here; a test
prints the operations still without one.
"""

from __future__ import annotations

import os
import sys
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
_BOUNCE_METRICS = "client.bounce_classification.metrics() (POST /v2/bounce-classification/metrics)"

# Generated operation module (or `group.*`) -> what to use instead. Most specific entry wins.
SUCCESSORS: dict[str, str] = {
    "events.*": _LOGS,
    "stats.*": _METRICS,
    "tags.*": _TAGS,
    "bounce_classification.*": _BOUNCE_METRICS,
    "bounce_classification.get_bounce_classification_domains_domain_events": _LOGS,
    "bounce_classification.get_bounce_classification_config_rules": (
        "client.request('GET', '/v2/bounce-classification/config/groups/{group_id}') (not in the spec yet)"
    ),
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


# Not (yet) marked deprecated in Mailgun's spec, but Mailgun's documentation retires them: warn too.
STEERED = frozenset({"events.get_domain_name_events"})


def deprecation_message(operation: str, method: str, path: str, deprecated_in_spec: bool) -> str | None:
    """The warning for an operation Mailgun deprecated (or that we steer away from), else None."""
    if not deprecated_in_spec and operation not in STEERED:
        return None
    successor = successor_of(operation)
    instead = f"; use {successor} instead" if successor else "; no successor named yet"
    return f"Mailgun has deprecated {method} {path}{instead}"


_PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__)) + os.sep
_GENERATED = "mailgun_openapi."


def warn_deprecated(message: str) -> None:
    """Warn, attributing the warning to the first caller outside this package (the user's line), however
    many SDK frames lie between (Python 3.12's ``skip_file_prefixes``, written for 3.10)."""
    level = 2  # stacklevel 1 is this function; 2 is the frame sys._getframe(1) returns
    frame = sys._getframe(1)
    while frame is not None and (
        frame.f_code.co_filename.startswith(_PACKAGE_DIR)
        or frame.f_globals.get("__name__", "").startswith(_GENERATED)  # client.api's generated methods
    ):
        frame = frame.f_back  # type: ignore[assignment]
        level += 1
    warnings.warn(message, MailgunDeprecationWarning, stacklevel=level)
