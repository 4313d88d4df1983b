"""Input checks run before anything is sent: each failure names the parameter (``ValidationError.param``)."""

from __future__ import annotations

import datetime as dt
import email.utils
import ipaddress
from collections.abc import Callable, Collection, Iterable, Mapping
from typing import Any, TypeVar

from ._exceptions import ValidationError

__all__ = [
    "aware_datetime",
    "boolean",
    "choice",
    "comma_list",
    "filter_group",
    "given",
    "has_line_break",
    "int_range",
    "ip_address",
    "ip_list",
    "mapping",
    "one_of",
    "opt_ip_address",
    "opt_text",
    "required_choice",
    "rfc2822",
    "string_list",
    "text",
]

S = TypeVar("S", bound=str)
T = TypeVar("T")


def has_line_break(value: str) -> bool:
    """CR, LF or NUL: what would end a header line or a form value early (checked wherever a string becomes one)."""
    return "\n" in value or "\r" in value or "\0" in value


def text(name: str, value: Any) -> str:
    """A required, non-blank, single-line string."""
    if not isinstance(value, str) or not value.strip():
        raise ValidationError(name, f"must be a non-empty string, got {value!r}")
    if has_line_break(value):
        raise ValidationError(name, "must not contain line breaks or NUL")
    return value


def opt_text(name: str, value: Any) -> str | None:
    return None if value is None else text(name, value)


def boolean(name: str, value: Any) -> bool | None:
    if value is not None and not isinstance(value, bool):
        raise ValidationError(name, f"must be True or False, got {value!r}")
    return value


def int_range(name: str, value: Any, low: int, high: int | None = None) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < low or (high is not None and value > high):
        bounds = f"from {low} to {high}" if high is not None else f">= {low}"
        raise ValidationError(name, f"must be an integer {bounds}, got {value!r}")
    return value


def choice(name: str, value: S | None) -> S | None:
    """A value Mailgun enumerates (typed with a ``Literal`` of mailgun.literals, for IDEs and type checkers): any
    non-empty single-line string is sent as given, because Mailgun adds values over time and is the judge."""
    if value is not None:
        text(name, value)
    return value


def required_choice(name: str, value: S) -> S:
    """``choice`` for a required parameter (None is refused)."""
    text(name, value)
    return value


def aware_datetime(name: str, value: Any) -> dt.datetime | None:
    """A timezone-aware datetime (Mailgun's timestamps carry an offset; a naive one would be guessed)."""
    if value is None:
        return None
    if not isinstance(value, dt.datetime):
        raise ValidationError(name, f"must be a datetime, got {type(value).__name__}")
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValidationError(name, "must be timezone-aware, e.g. datetime.now(timezone.utc)")
    return value


def rfc2822(name: str, value: Any) -> str | None:
    """An aware datetime as RFC 2822 with a numeric offset: 'Thu, 13 Oct 2011 18:02:00 +0000'."""
    when = aware_datetime(name, value)
    return None if when is None else email.utils.format_datetime(when)


def string_list(name: str, value: str | Iterable[str] | None) -> list[str] | None:
    """A string or an iterable of strings, as a list (None stays None)."""
    if value is None:
        return None
    items = [value] if isinstance(value, str) else list(value) if isinstance(value, Iterable) else None
    if items is None or not all(isinstance(v, str) and v.strip() for v in items):
        raise ValidationError(name, "must be a string or a list of non-empty strings")
    return items


def given(**values: Any) -> dict[str, Any]:
    """The arguments that were given (None means "not given" everywhere in the public API)."""
    return {k: v for k, v in values.items() if v is not None}


def mapping(name: str, value: Any) -> Mapping[str, Any] | None:
    if value is not None and not isinstance(value, Mapping):
        raise ValidationError(name, f"must be a mapping, got {type(value).__name__}")
    return value


def ip_address(name: str, value: Any, *, specials: Collection[str] = ()) -> str:
    """An IPv4 or IPv6 address as a string (or one of ``specials``, such as ``"shared"``)."""
    if isinstance(value, str) and value in specials:
        return value
    if isinstance(value, (ipaddress.IPv4Address, ipaddress.IPv6Address)):
        return str(value)
    checked = text(name, value)
    try:
        ipaddress.ip_address(checked)
    except ValueError:
        extra = f" or one of {sorted(specials)}" if specials else ""
        raise ValidationError(name, f"must be an IP address{extra}, got {value!r}") from None
    return checked


def opt_ip_address(name: str, value: Any, *, specials: Collection[str] = ()) -> str | None:
    return None if value is None else ip_address(name, value, specials=specials)


def ip_list(name: str, value: str | Iterable[str] | None, *, specials: Collection[str] = ()) -> list[str] | None:
    """One address or an iterable of addresses, as a non-empty list (None stays None)."""
    if value is None:
        return None
    if isinstance(value, (str, ipaddress.IPv4Address, ipaddress.IPv6Address)):
        return [ip_address(name, value, specials=specials)]
    if not isinstance(value, Iterable) or isinstance(value, Mapping):
        raise ValidationError(name, f"must be an IP address or a list of them, got {type(value).__name__}")
    addresses = [ip_address(name, item, specials=specials) for item in value]
    if not addresses:
        raise ValidationError(name, "must hold at least one IP address")
    return addresses


def one_of(**values: Any) -> None:
    """At most one of the arguments may be given."""
    given_names = [name for name, value in values.items() if value is not None]
    if len(given_names) > 1:
        raise ValidationError(given_names[1], f"give either {' or '.join(values)}, not both")


def filter_group(
    name: str, value: Any, build: Callable[[Mapping[str, Any]], T], *, label_required: bool = True
) -> T | None:
    """Mailgun's analytics filter, ``{"AND": [{"attribute": "domain", "comparator": "=", "values": [{"value":
    "example.com", "label": "example.com"}]}]}``, checked and built into the generated model by ``build``.
    Where the API requires a value's ``label`` (a display name), it defaults to the ``value``."""
    if value is None:
        return None
    if not isinstance(value, Mapping) or not isinstance(value.get("AND"), list) or set(value) != {"AND"}:
        raise ValidationError(name, "must be {'AND': [predicate, ...]}")
    predicates = []
    for i, predicate in enumerate(value["AND"]):
        where = f"{name}.AND[{i}]"
        if not isinstance(predicate, Mapping):
            raise ValidationError(where, "must be a mapping of 'attribute', 'comparator' and 'values'")
        text(f"{where}.attribute", predicate.get("attribute"))
        text(f"{where}.comparator", predicate.get("comparator"))
        values = predicate.get("values", [])
        if not isinstance(values, list) or not all(
            isinstance(v, Mapping) and isinstance(v.get("value"), str) for v in values
        ):
            raise ValidationError(f"{where}.values", "must be a list of {'value': str, 'label': str}")
        if label_required:
            values = [{"label": v["value"], **v} for v in values]
        predicates.append({**predicate, "values": values})
    try:
        return build({"AND": predicates})
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ValidationError(name, f"is not a valid filter ({type(exc).__name__}: {exc})") from None


def comma_list(name: str, value: str | Iterable[str] | None) -> str:
    """A required, non-empty list of names sent as one comma-separated value (e.g. stats event types)."""
    names = string_list(name, value) or []
    if not names:
        raise ValidationError(name, "give at least one value, e.g. 'delivered'")
    return ",".join(names)
