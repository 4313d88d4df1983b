"""Send alerts (thresholds on sending metrics): ``client.alerts.list() / get() / create() / update() /
delete() / hits()``."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from .._call import Call, Operation, model_parser
from .._endpoint import AsyncResource, SyncResource, async_call, sync_call
from .._exceptions import ValidationError
from .._extras import RequestExtras, Unpack
from .._validation import given, opt_text, required_choice, string_list, text
from ..types import AlertHits, SendAlert, SendAlerts, StatusMessage

if TYPE_CHECKING:
    from ..literals import AlertChannel, AlertComparator, AlertDimension, AlertMetric

__all__ = ["Alerts", "AsyncAlerts"]

_LIST = Operation("alerts.get_thresholds_alerts_send", model_parser(SendAlerts))
_GET = Operation("alerts.get_thresholds_alerts_send_name", model_parser(SendAlert))
_CREATE = Operation("alerts.post_thresholds_alerts_send", model_parser(SendAlert))
_UPDATE = Operation("alerts.put_thresholds_alerts_send_name", model_parser(StatusMessage))
_DELETE = Operation("alerts.delete_thresholds_alerts_send_name", model_parser(StatusMessage))
_HITS = Operation("alerts.get_thresholds_hits", model_parser(AlertHits))


def _limit(value: Any) -> str:
    """The threshold as Mailgun's decimal string: a number, or a string holding one (".99")."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise ValidationError("limit", f"must be a number, got {type(value).__name__}")
    try:
        number = float(value)
    except ValueError:
        raise ValidationError("limit", f"must be a number, got {value!r}") from None
    if not math.isfinite(number):
        raise ValidationError("limit", f"must be a finite number, got {value!r}")
    return value.strip() if isinstance(value, str) else str(value)


def _filters(value: Iterable[Mapping[str, Any]] | None) -> list[Any] | None:
    """``[{"dimension": "domain", "comparator": "=", "values": ["example.com"]}, ...]`` as generated filters
    (mailgun.literals.AlertDimension and AlertFilterComparator name the values Mailgun documents)."""
    if value is None:
        return None
    from mailgun_openapi.models.alert_filter import AlertFilter as Filter

    if isinstance(value, (str, Mapping)) or not isinstance(value, Iterable):
        raise ValidationError("filters", "must be a list of {'dimension', 'comparator', 'values'} mappings")
    out = []
    for i, item in enumerate(value):
        where = f"filters[{i}]"
        if not isinstance(item, Mapping) or set(item) - {"dimension", "comparator", "values"}:
            raise ValidationError(where, "must be a mapping of 'dimension', 'comparator' and 'values'")
        dimension = text(f"{where}.dimension", item.get("dimension"))
        comparator = text(f"{where}.comparator", item.get("comparator"))
        values = string_list(f"{where}.values", item.get("values"))
        if not values:
            raise ValidationError(f"{where}.values", "must hold at least one value")
        out.append(Filter(dimension=dimension, comparator=comparator, values=values))  # type: ignore[arg-type]
    return out


def _alert_body(
    name: str,
    metric: AlertMetric,
    comparator: AlertComparator,
    limit: float | str,
    dimension: AlertDimension,
    alert_channels: AlertChannel | Iterable[AlertChannel] | None,
    filters: Iterable[Mapping[str, Any]] | None,
    period: str | None,
    description: str | None,
) -> Any:
    from mailgun_openapi.models.send_alert_request import SendAlertRequest

    return SendAlertRequest(
        name=text("name", name),
        metric=required_choice("metric", metric),
        comparator=required_choice("comparator", comparator),
        limit=_limit(limit),
        dimension=required_choice("dimension", dimension),
        **given(
            alert_channels=string_list("alert_channels", alert_channels),
            filters=_filters(filters),
            period=opt_text("period", period),
            description=opt_text("description", description),
        ),
    )


def list_alerts(**extras: Unpack[RequestExtras]) -> Call[SendAlerts]:
    """The account's send alerts (one response: ``.items``, ``.total``)."""
    return _LIST.call()


def get_alert(name: str, **extras: Unpack[RequestExtras]) -> Call[SendAlert]:
    """One send alert, by name."""
    return _GET.call(name=text("name", name))


def create_alert(
    name: str,
    *,
    metric: AlertMetric,
    comparator: AlertComparator,
    limit: float | str,
    dimension: AlertDimension,
    alert_channels: AlertChannel | Iterable[AlertChannel] | None = None,
    filters: Iterable[Mapping[str, Any]] | None = None,
    period: str | None = None,
    description: str | None = None,
    **extras: Unpack[RequestExtras],
) -> Call[SendAlert]:
    """Alert when ``metric`` (e.g. "hard_bounce_rate") per ``dimension`` compares to ``limit`` (e.g. ``">", 0.05``)
    over ``period`` ("1h", "1d"); notify via ``alert_channels`` ("email", "slack", "webhook")."""
    body = _alert_body(name, metric, comparator, limit, dimension, alert_channels, filters, period, description)
    return _CREATE.call(body=body)


def update_alert(
    name: str,
    *,
    metric: AlertMetric,
    comparator: AlertComparator,
    limit: float | str,
    dimension: AlertDimension,
    alert_channels: AlertChannel | Iterable[AlertChannel] | None = None,
    filters: Iterable[Mapping[str, Any]] | None = None,
    period: str | None = None,
    description: str | None = None,
    **extras: Unpack[RequestExtras],
) -> Call[StatusMessage]:
    """Replace the definition of the alert ``name`` (all of it: the same arguments as ``create``)."""
    body = _alert_body(name, metric, comparator, limit, dimension, alert_channels, filters, period, description)
    return _UPDATE.call(name=text("name", name), body=body)


def delete_alert(name: str, **extras: Unpack[RequestExtras]) -> Call[StatusMessage]:
    """Delete a send alert."""
    return _DELETE.call(name=text("name", name))


def list_hits(**extras: Unpack[RequestExtras]) -> Call[AlertHits]:
    """The alerts that fired (one response: ``.items`` with ``triggered``, ``latest_value``...)."""
    return _HITS.call()


class Alerts(SyncResource):
    list = sync_call(list_alerts)
    get = sync_call(get_alert)
    create = sync_call(create_alert)
    update = sync_call(update_alert)
    delete = sync_call(delete_alert)
    hits = sync_call(list_hits)


class AsyncAlerts(AsyncResource):
    list = async_call(list_alerts)
    get = async_call(get_alert)
    create = async_call(create_alert)
    update = async_call(update_alert)
    delete = async_call(delete_alert)
    hits = async_call(list_hits)
