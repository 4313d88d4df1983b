"""Option types shared by the commands: ``--since 2h`` / ``30d`` / a date, and ``--param key=value``."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import click

__all__ = ["KEY_VALUE", "SINCE", "KeyValue", "Since", "parse_duration"]

_DURATION = re.compile(r"^\s*(\d+)\s*([smhdw])\s*$")
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


def parse_duration(text: str) -> dt.timedelta | None:
    """``90s``, ``15m``, ``2h``, ``30d``, ``1w`` as a timedelta; None when ``text`` is not one."""
    match = _DURATION.match(text)
    if match is None:
        return None
    return dt.timedelta(**{_UNITS[match[2]]: int(match[1])})


class Since(click.ParamType):  # type: ignore[type-arg]
    """A start time: a duration back from now (``2h``, ``30d``) or an ISO date/time (UTC unless it says)."""

    name = "since"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> dt.datetime:
        if isinstance(value, dt.datetime):
            return value
        text = str(value)
        duration = parse_duration(text)
        if duration is not None:
            return dt.datetime.now(dt.timezone.utc) - duration
        try:
            moment = dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
        except ValueError:
            self.fail(f"{text!r} is neither a duration (90s, 15m, 2h, 30d, 1w) nor an ISO date/time", param, ctx)
        return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.timezone.utc)


class KeyValue(click.ParamType):  # type: ignore[type-arg]
    """``key=value`` (the value may contain ``=``)."""

    name = "key=value"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> tuple[str, str]:
        if isinstance(value, tuple):
            return value
        key, sep, val = str(value).partition("=")
        if not sep or not key.strip():
            self.fail(f"expected key=value, got {value!r}", param, ctx)
        return key.strip(), val


SINCE = Since()
KEY_VALUE = KeyValue()
