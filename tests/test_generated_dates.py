"""Timestamps as Mailgun sends them become aware datetimes (the parser lives in the generator's types template)."""

from __future__ import annotations

import datetime as dt
import email.utils

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mailgun_openapi.types import UNSET, format_datetime, parse_datetime, parse_datetime_or_unset

UTC = dt.timezone.utc


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thu, 11 Dec 2025 01:49:40 UTC", dt.datetime(2025, 12, 11, 1, 49, 40, tzinfo=UTC)),
        ("Sun, 26 Jan 2025 07:29:04 -0000", dt.datetime(2025, 1, 26, 7, 29, 4, tzinfo=UTC)),
        ("Sun, 26 Jan 2025 07:29:04 +0000", dt.datetime(2025, 1, 26, 7, 29, 4, tzinfo=UTC)),
        ("Mon, 24 Feb 2025 22:44:03 GMT", dt.datetime(2025, 2, 24, 22, 44, 3, tzinfo=UTC)),
        (
            "Tue, 4 Mar 2025 07:29:04 +0130",
            dt.datetime(2025, 3, 4, 7, 29, 4, tzinfo=dt.timezone(dt.timedelta(minutes=90))),
        ),
        (
            "26 Jan 2025 07:29 -0530",
            dt.datetime(2025, 1, 26, 7, 29, tzinfo=dt.timezone(-dt.timedelta(hours=5, minutes=30))),
        ),
        # Go's zero time, which Mailgun sends for "never": year 1, not 2001 (email.utils reads it as 2001).
        ("Mon, 01 Jan 0001 00:00:00 UTC", dt.datetime(1, 1, 1, tzinfo=UTC)),
        ("2025-03-01T10:00:01Z", dt.datetime(2025, 3, 1, 10, 0, 1, tzinfo=UTC)),
        (
            "2025-03-01T10:00:01.530+02:00",
            dt.datetime(2025, 3, 1, 10, 0, 1, 530000, tzinfo=dt.timezone(dt.timedelta(hours=2))),
        ),
        ("2023-01-02 02:14:27 +0000 UTC", dt.datetime(2023, 1, 2, 2, 14, 27, tzinfo=UTC)),  # Go's time.String()
        (1740820800.5, dt.datetime(2025, 3, 1, 9, 20, 0, 500000, tzinfo=UTC)),
    ],
)
def test_timestamps_mailgun_sends(text: object, expected: dt.datetime) -> None:
    parsed = parse_datetime(text)
    assert parsed == expected and parsed.utcoffset() == expected.utcoffset()


@pytest.mark.parametrize("bad", ["Thu, 31 Feb 2025 01:49:40 UTC", "yesterday", "", {}, None, True])
def test_unreadable_timestamps(bad: object) -> None:
    with pytest.raises((ValueError, TypeError)):
        parse_datetime(bad)
    assert parse_datetime_or_unset(bad) is UNSET


def test_timestamps_go_out_as_rfc2822_with_a_numeric_offset() -> None:
    when = dt.datetime(2025, 3, 1, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    assert format_datetime(when) == "Sat, 01 Mar 2025 09:00:00 -0500"
    assert parse_datetime(format_datetime(when)) == when
    with pytest.raises(ValueError, match="naive"):
        format_datetime(dt.datetime(2025, 3, 1))


@settings(max_examples=1000, deadline=None)
@given(
    when=st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(9999, 12, 31)),
    zone=st.sampled_from(["UTC", "GMT", "UT", "Z", "+0000", "-0000", "+0100", "-0530", "+1400", "-1200", "EST"]),
    weekday=st.booleans(),
    seconds=st.booleans(),
    pad_day=st.booleans(),
)
def test_the_fast_rfc2822_path_reads_what_the_general_one_reads(
    when: dt.datetime, zone: str, weekday: bool, seconds: bool, pad_day: bool
) -> None:
    # Mailgun's own shape ("Tue, 14 Nov 2023 22:13:20 UTC") goes through datetime.fromisoformat; anything else
    # through the general RFC 2822 parser. Both must give the same instant and offset.
    from mailgun_openapi.types import _parse_rfc2822_common

    day = f"{when.day:02d}" if pad_day else str(when.day)
    clock = when.strftime("%H:%M:%S" if seconds else "%H:%M")
    text = (when.strftime("%a, ") if weekday else "") + f"{day} {when.strftime('%b %Y')} {clock} {zone}"
    general = email.utils.parsedate_to_datetime(text)
    if general.tzinfo is None:  # "-0000": RFC 2822's "no zone information"; read as UTC
        general = general.replace(tzinfo=dt.timezone.utc)
    assert parse_datetime(text) == general
    assert parse_datetime(text).utcoffset() == general.utcoffset()
    fast = _parse_rfc2822_common(text)
    assert fast is None or (fast == general and fast.utcoffset() == general.utcoffset())
