"""The retry policy's pure functions: every rule as a row of a table."""

from __future__ import annotations

from datetime import datetime, timezone
from email.utils import format_datetime
from typing import Any

import httpx
import pytest

from mailgun._exceptions import ValidationError
from mailgun._retry import (
    FailureKind,
    RequestKind,
    RetryPolicy,
    classify_exception,
    parse_server_wait,
    retry_delay,
    should_retry,
)

IDEM, READ, SEND, UNSAFE = RequestKind.IDEMPOTENT, RequestKind.READ_POST, RequestKind.SEND, RequestKind.UNSAFE
NOT_SENT, MAYBE_SENT, STATUS = FailureKind.NOT_SENT, FailureKind.MAYBE_SENT, FailureKind.STATUS

# (failure, status) -> expected for (IDEMPOTENT, READ_POST, SEND, SEND with opt-in, UNSAFE)
ALL = (True, True, True, True, True)
NONE = (False, False, False, False, False)
AMBIGUOUS = (True, True, False, True, False)
RULES: list[tuple[FailureKind, int | None, tuple[bool, bool, bool, bool, bool]]] = [
    (NOT_SENT, None, ALL),
    (STATUS, 429, ALL),
    (MAYBE_SENT, None, AMBIGUOUS),
    (STATUS, 408, AMBIGUOUS),
    (STATUS, 500, AMBIGUOUS),
    (STATUS, 502, AMBIGUOUS),
    (STATUS, 503, AMBIGUOUS),
    (STATUS, 504, AMBIGUOUS),
    (STATUS, 507, AMBIGUOUS),
    (STATUS, 599, AMBIGUOUS),
    (STATUS, 400, NONE),
    (STATUS, 401, NONE),
    (STATUS, 402, NONE),
    (STATUS, 403, NONE),
    (STATUS, 404, NONE),
    (STATUS, 409, NONE),
    (STATUS, 413, NONE),
    (STATUS, 422, NONE),
    (STATUS, 200, NONE),
    (STATUS, None, NONE),  # a STATUS failure without a status is not enough to act on
]


def _expand() -> list[tuple[RequestKind, FailureKind, int | None, bool, bool]]:
    cases = []
    for failure, status, (idem, read_post, send, send_opt_in, unsafe) in RULES:
        for opt_in in (False, True):
            cases += [
                (IDEM, failure, status, opt_in, idem),
                (READ, failure, status, opt_in, read_post),
                (SEND, failure, status, opt_in, send_opt_in if opt_in else send),
                (UNSAFE, failure, status, opt_in, unsafe),
            ]
    return cases


@pytest.mark.parametrize(
    ("kind", "failure", "status", "opt_in", "expected"),
    [pytest.param(*case, id=f"{case[0].value}-{case[1].value}-{case[2]}-optin={case[3]}") for case in _expand()],
)
def test_should_retry_rules(
    kind: RequestKind, failure: FailureKind, status: int | None, opt_in: bool, expected: bool
) -> None:
    policy = RetryPolicy(retry_sends_on_ambiguous=opt_in)
    assert should_retry(kind, failure, attempts_made=1, policy=policy, status=status) is expected


@pytest.mark.parametrize(
    ("max_retries", "attempts_made", "expected"),
    [(2, 1, True), (2, 2, True), (2, 3, False), (2, 10, False), (0, 1, False), (1, 1, True), (1, 2, False)],
)
@pytest.mark.parametrize(("failure", "status"), [(NOT_SENT, None), (STATUS, 429), (STATUS, 503)])
def test_attempt_cap(
    max_retries: int, attempts_made: int, expected: bool, failure: FailureKind, status: int | None
) -> None:
    policy = RetryPolicy(max_retries=max_retries)
    assert should_retry(IDEM, failure, attempts_made=attempts_made, policy=policy, status=status) is expected


def test_max_retries_two_means_three_tries() -> None:
    policy = RetryPolicy(max_retries=2)
    tries = 1
    while should_retry(IDEM, NOT_SENT, attempts_made=tries, policy=policy):
        tries += 1
    assert tries == 3


@pytest.mark.parametrize(
    ("exc", "expected"),
    [
        (httpx.ConnectError("refused"), NOT_SENT),
        (httpx.ConnectTimeout("slow connect"), NOT_SENT),
        (httpx.PoolTimeout("pool full"), NOT_SENT),
        (httpx.ReadTimeout("slow read"), MAYBE_SENT),
        (httpx.WriteTimeout("slow write"), MAYBE_SENT),
        (httpx.ReadError("reset"), MAYBE_SENT),
        (httpx.WriteError("broken pipe"), MAYBE_SENT),
        (httpx.RemoteProtocolError("server hung up"), MAYBE_SENT),
        (httpx.LocalProtocolError("bad framing"), MAYBE_SENT),
        (httpx.CloseError("close failed"), MAYBE_SENT),
        (httpx.ProxyError("proxy failed"), MAYBE_SENT),
        (httpx.UnsupportedProtocol("ftp://"), None),  # never sent, and never will be
        (httpx.DecodingError("bad gzip"), None),
        (httpx.TooManyRedirects("loop"), None),
        (ValueError("not httpx"), None),
        (KeyboardInterrupt(), None),
    ],
    ids=lambda v: type(v).__name__ if isinstance(v, BaseException) else str(v),
)
def test_classify_exception(exc: BaseException, expected: FailureKind | None) -> None:
    assert classify_exception(exc) is expected


NOW = datetime(2026, 1, 28, 18, 49, 42, tzinfo=timezone.utc).timestamp()


def _http_date(seconds_from_now: float) -> str:
    return format_datetime(datetime.fromtimestamp(NOW + seconds_from_now, timezone.utc), usegmt=True)


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        pytest.param(None, None, id="no-headers"),
        pytest.param({}, None, id="empty"),
        pytest.param({"Content-Type": "application/json"}, None, id="unrelated"),
        pytest.param({"Retry-After": "5"}, 5.0, id="retry-after-int"),
        pytest.param({"Retry-After": "1.5"}, 1.5, id="retry-after-float"),
        pytest.param({"Retry-After": " 7 "}, 7.0, id="retry-after-spaces"),
        pytest.param({"retry-after": "3"}, 3.0, id="lowercase-dict"),
        pytest.param({"RETRY-AFTER": "3"}, 3.0, id="uppercase-dict"),
        pytest.param(httpx.Headers({"Retry-After": "4"}), 4.0, id="httpx-headers"),
        pytest.param({"Retry-After": "-3"}, 0.0, id="negative-is-zero"),
        pytest.param({"Retry-After": _http_date(30)}, 30.0, id="http-date"),
        pytest.param({"Retry-After": "Wed, 28 Jan 2026 18:50:12 -0000"}, 30.0, id="http-date-naive"),
        pytest.param({"Retry-After": _http_date(-100)}, 0.0, id="http-date-past"),
        pytest.param({"Retry-After": "soon"}, None, id="garbage"),
        pytest.param({"Retry-After": ""}, None, id="blank"),
        pytest.param({"Retry-After": "nan"}, None, id="nan"),
        pytest.param({"Retry-After": "inf"}, None, id="inf"),
        pytest.param({"X-RateLimit-Reset": str(int((NOW + 12) * 1000))}, 12.0, id="reset-epoch-ms"),
        pytest.param({"X-RateLimit-Reset": str(int(NOW + 12))}, 12.0, id="reset-epoch-s"),
        pytest.param({"X-RateLimit-Reset": "12"}, 12.0, id="reset-relative"),
        pytest.param({"x-ratelimit-reset": "2.5"}, 2.5, id="reset-lowercase"),
        pytest.param({"X-RateLimit-Reset": str(int(NOW - 50))}, 0.0, id="reset-past"),
        pytest.param({"X-RateLimit-Reset": "-4"}, 0.0, id="reset-negative"),
        pytest.param({"X-RateLimit-Reset": "tomorrow"}, None, id="reset-garbage"),
        pytest.param({"Retry-After": "2", "X-RateLimit-Reset": "40"}, 2.0, id="retry-after-wins"),
        pytest.param({"Retry-After": "soon", "X-RateLimit-Reset": "40"}, 40.0, id="garbage-falls-back"),
    ],
)
def test_parse_server_wait(headers: dict[str, str] | None, expected: float | None) -> None:
    wait = parse_server_wait(headers, NOW)
    if expected is None:
        assert wait is None
    else:
        assert wait == pytest.approx(expected, abs=1e-3)


def _delay(attempts_made: int, headers: dict[str, str] | None, rnd: float, **policy: Any) -> float | None:
    return retry_delay(attempts_made, policy=RetryPolicy(**policy), headers=headers, now=NOW, random=lambda: rnd)


@pytest.mark.parametrize(
    ("attempts_made", "base"),
    [(1, 0.5), (2, 1.0), (3, 2.0), (4, 4.0), (5, 8.0), (6, 8.0), (10_000, 8.0)],
)
def test_backoff_bounds(attempts_made: int, base: float) -> None:
    # random() == 0 gives the full backoff, random() == 1 takes off the whole jitter (25%).
    assert _delay(attempts_made, None, 0.0) == pytest.approx(base)
    assert _delay(attempts_made, None, 1.0) == pytest.approx(base * 0.75)


def test_backoff_custom_policy() -> None:
    assert _delay(3, None, 0.0, initial_delay=1.0, max_delay=3.0) == pytest.approx(3.0)
    assert _delay(1, None, 1.0, jitter=0.0) == pytest.approx(0.5)


def test_server_wait_is_never_shortened() -> None:
    assert _delay(1, {"Retry-After": "7"}, 0.0) == pytest.approx(7.0)
    delay = _delay(1, {"Retry-After": "7"}, 1.0)
    assert delay is not None and 7.0 <= delay <= 7.25


def test_server_wait_overrides_backoff_even_when_shorter() -> None:
    assert _delay(5, {"Retry-After": "0"}, 0.0) == pytest.approx(0.0)


@pytest.mark.parametrize(
    "headers",
    [
        {"Retry-After": "61"},
        {"Retry-After": _http_date(3600)},
        {"X-RateLimit-Reset": str(int((NOW + 120) * 1000))},
    ],
)
def test_server_wait_over_cap_gives_up(headers: dict[str, str]) -> None:
    assert _delay(1, headers, 0.0) is None


def test_server_wait_at_cap_is_waited_for() -> None:
    assert _delay(1, {"Retry-After": "60"}, 0.0) == pytest.approx(60.0)
    assert _delay(1, {"Retry-After": "10"}, 0.0, max_server_wait=5.0) is None


def test_unreadable_server_wait_falls_back_to_backoff() -> None:
    assert _delay(2, {"Retry-After": "later"}, 0.0) == pytest.approx(1.0)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"max_retries": -1},
        {"initial_delay": -0.1},
        {"max_delay": float("inf")},
        {"max_server_wait": float("nan")},
        {"jitter": 1.5},
        {"jitter": -0.1},
    ],
)
def test_policy_rejects_bad_values(kwargs: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        RetryPolicy(**kwargs)
