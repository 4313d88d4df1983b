"""``mailgun metrics``: a metrics query over time as a table and a terminal bar chart; ``--png`` for an image."""

from __future__ import annotations

import datetime as dt
import email.utils
from pathlib import Path
from typing import Any

import click
from rich.text import Text

from ._app import common_options, settings
from ._output import Output
from ._params import SINCE

__all__ = ["Series", "command", "series_of", "write_png"]

BAR = "█"
PARTS = " ▏▎▍▌▋▊▉"  # eighths of a block: bars finer than a character
Series = list[tuple[str, float | None]]


@click.command("metrics")
@click.option(
    "--metric",
    "-m",
    "metrics",
    multiple=True,
    default=("delivered_rate",),
    show_default=True,
    help="A Mailgun metric (repeatable): delivered_rate, accepted_count, failed_count, opened_rate, ...",
)
@click.option("--by", type=click.Choice(["hour", "day", "month"]), default="day", show_default=True)
@click.option("--since", type=SINCE, default="30d", show_default=True, help="How far back: 24h, 30d, or a date.")
@click.option("--domain", "-d", help="Only this sending domain.")
@click.option("--png", type=click.Path(dir_okay=False, path_type=Path), help="Also write the chart to this PNG file.")
@common_options
def command(metrics: tuple[str, ...], by: str, since: dt.datetime, domain: str | None, png: Path | None) -> None:
    """Sending metrics over time, as a table and a bar chart.

    \b
    mailgun metrics --metric delivered_rate --by day --since 30d
    mailgun metrics -m accepted_count -m failed_count --png chart.png
    """
    config = settings()
    out = config.output()
    query: dict[str, Any] = {
        "metrics": list(metrics),
        "start": since,
        "end": dt.datetime.now(dt.timezone.utc),
        "resolution": by,
        "dimensions": ["time"],
    }
    if domain:
        query["filter"] = {
            "AND": [{"attribute": "domain", "comparator": "=", "values": [{"label": domain, "value": domain}]}]
        }
    with config.client() as client:
        body = client.metrics.query.with_raw_response(**query).json()
    charts = {name: series_of(body, name) for name in metrics}
    if png is not None:
        write_png(png, charts, by)
    if out.json_mode:
        out.json(body)
        return
    times = [label for label, _ in next(iter(charts.values()), [])]
    rows = [[_short(label), *(_number(charts[name][i][1]) for name in metrics)] for i, label in enumerate(times)]
    out.table([by, *metrics], rows, title=f"{', '.join(metrics)} by {by}")
    for name, series in charts.items():
        _chart(out, name, series)
    if png is not None:
        out.info(f"chart written to {png}")


def series_of(body: Any, metric: str) -> Series:
    """(time label, value) for one metric, oldest first; a value Mailgun left out is None."""
    items = body.get("items") if isinstance(body, dict) else None
    points: list[tuple[dt.datetime | None, str, float | None]] = []
    for item in items or []:
        if not isinstance(item, dict):
            continue
        label = _time_label(item)
        values = item.get("metrics")
        values = values if isinstance(values, dict) else {}
        points.append((_parse_time(label), label, _float(values.get(metric))))
    points.sort(key=lambda point: (point[0] is None, point[0] or dt.datetime.min.replace(tzinfo=dt.timezone.utc)))
    return [(label, value) for _, label, value in points]


def _time_label(item: dict[str, Any]) -> str:
    for dimension in item.get("dimensions") or []:
        if isinstance(dimension, dict) and dimension.get("dimension") == "time":
            return str(dimension.get("display_value") or dimension.get("value") or "")
    return ""


def _parse_time(text: str) -> dt.datetime | None:
    try:
        return email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None


def _float(value: Any) -> float | None:
    # Mailgun sends counts as numbers and rates as strings ("0.9731").
    if isinstance(value, bool):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:,.0f}" if value.is_integer() and abs(value) >= 1 else f"{value:.4g}"


def _chart(out: Output, name: str, series: Series) -> None:
    """Horizontal bars, one per time bucket, scaled to the largest value and the terminal's width."""
    values = [value for _, value in series if value is not None]
    if not values:
        out.info(f"{name}: no data to chart")
        return
    full, parts = (BAR, PARTS) if out.console.encoding.startswith("utf") else ("#", " " * 8)
    top = max(max(values), 0.0) or 1.0
    label_width = max(len(_short(label)) for label, _ in series)
    width = max(10, min(60, out.console.width - label_width - 14))
    out.line(Text(name, style="bold"))
    for label, value in series:
        eighths = round(max(value or 0.0, 0.0) / top * width * 8)
        bar = (full * (eighths // 8) + parts[eighths % 8]).rstrip()
        line = Text(f"{_short(label):>{label_width}} ")
        line.append(bar, style="green")
        line.append(f" {_number(value)}")
        out.line(line)


def _short(label: str) -> str:
    """'Wed, 27 Nov 2024 00:00:00 +0000' -> '2024-11-27' (with the hour when it is not midnight)."""
    moment = _parse_time(label)
    if moment is None:
        return label
    return moment.strftime("%Y-%m-%d" if (moment.hour, moment.minute) == (0, 0) else "%Y-%m-%d %H:%M")


def write_png(path: Path, charts: dict[str, Series], by: str) -> None:
    """The same chart as an image (matplotlib, no display needed)."""
    try:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
    except ImportError:
        raise click.UsageError("--png needs matplotlib: pip install 'mailgun-typed[cli]'") from None
    figure = Figure(figsize=(10, 2.8 * max(1, len(charts))), layout="constrained")
    FigureCanvasAgg(figure)
    axes = figure.subplots(len(charts) or 1, 1, squeeze=False)
    for row, (name, series) in zip(axes, charts.items(), strict=True):
        labels = [_short(label) for label, _ in series]
        values = [value or 0.0 for _, value in series]
        row[0].bar(range(len(values)), values, color="#2a9d8f")
        row[0].set_title(f"{name} by {by}")
        row[0].set_xticks(range(len(labels)), labels, rotation=45, ha="right", fontsize=8)
        row[0].grid(axis="y", alpha=0.3)
    figure.savefig(path, format="png", dpi=100)
