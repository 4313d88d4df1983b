"""client.bounces / unsubscribes / complaints / allowlist: every method of every list, sync and async.

The four lists share one implementation, so each scenario is parametrised over the lists (``kind``) and replayed
from one cassette per list. Request bodies (which cassettes do not match on) are checked against a mock API.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from forms import form_of

from mailgun import NotFoundError, ValidationError

DOMAIN = "example.com"
KINDS = ["bounces", "unsubscribes", "complaints", "allowlist"]
BATCH_KINDS = ["bounces", "unsubscribes", "complaints"]
TABLES = {"bounces": "bounces", "unsubscribes": "unsubscribes", "complaints": "complaints", "allowlist": "whitelists"}
UTC = dt.timezone.utc
WHEN = dt.datetime(2025, 12, 11, 1, 49, 40, tzinfo=UTC)


def group(client: Any, kind: str) -> Any:
    return getattr(client, kind)


def key(entry: Any) -> str:
    """An entry's address (the allowlist calls it ``value``: an address or a domain)."""
    return entry.value if hasattr(entry, "value") else entry.address


# ------------------------------------------------------------------------------------------- replayed scenarios
@pytest.mark.vcr
@pytest.mark.parametrize("kind", KINDS)
def test_list_follows_next_urls(both: Any, kind: str) -> None:
    # Three pages: the `next` URLs lost their /v3/<domain> prefix (as Mailgun sends them); the empty page ends.
    entries = both.collect(lambda c: group(c, kind).list(DOMAIN, term="a", limit=2))
    expected = ["alice@example.org", "amy.example" if kind == "allowlist" else "amy@example.org", "anna@example.org"]
    assert [key(e) for e in entries] == expected
    # RFC 2822 dates ("UTC", numeric offsets, "GMT") become aware datetimes.
    assert [e.created_at for e in entries] == [
        WHEN,
        dt.datetime(2025, 12, 12, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=1))),
        dt.datetime(2026, 1, 5, 17, 0, 5, tzinfo=UTC),
    ]
    assert all(e.created_at.utcoffset() is not None for e in entries)
    if kind == "bounces":
        assert [(e.code, e.error) for e in entries[:2]] == [
            ("550", "5.1.1 The email account that you tried to reach does not exist"),
            ("554", "5.7.1 Rejected"),
        ]
    if kind == "unsubscribes":
        assert [e.tags for e in entries] == [["newsletter"], ["*"], ["newsletter", "promo"]]
    if kind == "allowlist":
        assert [(e.type_, e.reason) for e in entries[:2]] == [("address", "seed list"), ("domain", "partner domain")]


@pytest.mark.vcr
@pytest.mark.parametrize("kind", KINDS)
def test_get(both: Any, kind: str) -> None:
    entry = both(lambda c: group(c, kind).get(DOMAIN, "alice@example.org"))
    assert key(entry) == "alice@example.org"
    assert entry.created_at == WHEN


@pytest.mark.vcr
@pytest.mark.parametrize("kind", KINDS)
def test_get_missing_is_not_found(both: Any, kind: str) -> None:
    with pytest.raises(NotFoundError, match=r"not found|No spam complaints"):
        both(lambda c: group(c, kind).get(DOMAIN, "nobody@example.org"))


ADD_CALLS = {
    "bounces": lambda c: c.bounces.add(DOMAIN, "alice@example.org", code=554, error="5.7.1 Rejected", created_at=WHEN),
    "unsubscribes": lambda c: c.unsubscribes.add(DOMAIN, "alice@example.org", tag="newsletter", created_at=WHEN),
    "complaints": lambda c: c.complaints.add(DOMAIN, "alice@example.org", created_at=WHEN),
    "allowlist": lambda c: c.allowlist.add(DOMAIN, "partner.example", reason="partner domain"),
}
# What each call sends (form fields; dates as RFC 2822 with a numeric offset).
ADD_FORMS = {
    "bounces": {
        "address": ["alice@example.org"],
        "code": ["554"],
        "error": ["5.7.1 Rejected"],
        "created_at": ["Thu, 11 Dec 2025 01:49:40 +0000"],
    },
    "unsubscribes": {
        "address": ["alice@example.org"],
        "tag": ["newsletter"],
        "created_at": ["Thu, 11 Dec 2025 01:49:40 +0000"],
    },
    "complaints": {"address": ["alice@example.org"], "created_at": ["Thu, 11 Dec 2025 01:49:40 +0000"]},
    "allowlist": {"domain": ["partner.example"], "reason": ["partner domain"]},
}


@pytest.mark.vcr
@pytest.mark.parametrize("kind", KINDS)
def test_add(both: Any, kind: str) -> None:
    result = both(ADD_CALLS[kind])
    assert result.message.endswith("added to the allowlists table" if kind == "allowlist" else f"the {kind} table")
    if kind == "allowlist":
        assert (result.type_, result.value) == ("domain", "partner.example")
    else:
        assert result.address == "alice@example.org"


@pytest.mark.vcr
@pytest.mark.parametrize("kind", BATCH_KINDS)
def test_add_many(both: Any, kind: str) -> None:
    result = both(lambda c: group(c, kind).add_many(DOMAIN, ["alice@example.org", {"address": "amy@example.org"}]))
    assert result.message.startswith("2 ") and result.message.endswith(f"the {kind} table")


@pytest.mark.vcr
@pytest.mark.parametrize("kind", KINDS)
def test_import_csv(both: Any, kind: str) -> None:
    result = both(lambda c: group(c, kind).import_csv(DOMAIN, b"address\nalice@example.org\n"))
    assert result.message == "file uploaded successfully for processing. standby..."


@pytest.mark.vcr
@pytest.mark.parametrize("kind", KINDS)
def test_delete(both: Any, kind: str) -> None:
    result = both(lambda c: group(c, kind).delete(DOMAIN, "alice@example.org"))
    assert key(result) == "alice@example.org"
    assert "removed" in result.message


@pytest.mark.vcr
@pytest.mark.parametrize("kind", KINDS)
def test_delete_all(both: Any, kind: str) -> None:
    result = both(lambda c: group(c, kind).delete_all(DOMAIN))
    assert result.message.endswith("for this domain have been removed")


# ---------------------------------------------------------------------------------------- what is sent (mock)
def answer(status: int = 200, body: Any = None) -> Any:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, json=body if body is not None else {"message": "ok"})

    return handler


@pytest.mark.parametrize("kind", KINDS)
def test_add_sends_one_form(mock_api: Any, kind: str) -> None:
    api = mock_api(answer())
    api(ADD_CALLS[kind])
    (request,) = api.requests
    assert (request.method, request.url.path) == ("POST", f"/v3/{DOMAIN}/{TABLES[kind]}")
    assert request.headers["content-type"] == "application/x-www-form-urlencoded"  # no file: urlencoded
    assert form_of(request) == ADD_FORMS[kind]


def test_allowlist_add_tells_addresses_from_domains(mock_api: Any) -> None:
    api = mock_api(answer())
    api(lambda c: c.allowlist.add(DOMAIN, "qa+1@partner.example"))
    api(lambda c: c.allowlist.add(DOMAIN, "partner.example."))
    assert [form_of(r) for r in api.requests] == [
        {"address": ["qa+1@partner.example"]},
        {"domain": ["partner.example."]},
    ]


def test_add_many_sends_a_json_list(mock_api: Any) -> None:
    api = mock_api(answer())
    later = dt.datetime(2025, 12, 12, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    api(
        lambda c: c.bounces.add_many(
            DOMAIN,
            [
                "alice@example.org",
                {"address": "amy@example.org", "code": 554, "error": "", "created_at": later},
            ],
        )
    )
    api(lambda c: c.unsubscribes.add_many(DOMAIN, [{"address": "anna@example.org", "tags": "promo"}]))
    api(lambda c: c.complaints.add_many(DOMAIN, ({"address": f"u{i}@example.org"} for i in range(1000))))
    bounces, unsubscribes, complaints = api.requests
    assert bounces.headers["content-type"] == "application/json"
    assert json.loads(bounces.content) == [
        {"address": "alice@example.org"},
        {"address": "amy@example.org", "code": "554", "error": "", "created_at": "Fri, 12 Dec 2025 09:30:00 +0100"},
    ]
    assert json.loads(unsubscribes.content) == [{"address": "anna@example.org", "tags": ["promo"]}]
    assert len(json.loads(complaints.content)) == 1000
    assert {r.url.path for r in api.requests} == {f"/v3/{DOMAIN}/{t}" for t in BATCH_KINDS}


def test_addresses_are_escaped_in_the_path(mock_api: Any) -> None:
    api = mock_api(answer(body={"address": "a+b@example.org", "message": "removed"}))
    api(lambda c: c.bounces.delete(DOMAIN, "a+b@example.org"))
    api(lambda c: c.allowlist.get(DOMAIN, "a/b@example.org"))
    assert [r.url.raw_path for r in api.requests] == [
        b"/v3/example.com/bounces/a%2Bb%40example.org",
        b"/v3/example.com/whitelists/a%2Fb%40example.org",
    ]


CSV = b"address,code,error,created_at\nalice@example.org,550,,\n" + b"bob@example.org,550,,\n" * 5000


def _sources(tmp_path: Path) -> dict[str, Any]:
    path = tmp_path / "bounces.csv"
    path.write_bytes(CSV)
    return {
        "path": (str(path), "bounces.csv"),
        "pathlike": (path, "bounces.csv"),
        "bytes": (CSV, "import.csv"),
        "file object": (io.BytesIO(CSV), "import.csv"),
    }


@pytest.mark.parametrize("source", ["path", "pathlike", "bytes", "file object"])
def test_import_csv_uploads_the_file(mock_api: Any, tmp_path: Path, source: str) -> None:
    file, filename = _sources(tmp_path)[source]
    api = mock_api(answer(202, {"message": "file uploaded successfully for processing. standby..."}))
    api(lambda c: c.bounces.import_csv(DOMAIN, file))
    (request,) = api.requests
    assert request.url.path == f"/v3/{DOMAIN}/bounces/import"
    content_type = request.headers["content-type"]
    assert content_type.startswith("multipart/form-data; boundary=")
    boundary = content_type.split("boundary=", 1)[1].encode()
    # A streamed upload still has a length (no chunked encoding Mailgun might refuse).
    assert int(request.headers["content-length"]) == len(request.content)
    head = f'Content-Disposition: form-data; name="file"; filename="{filename}"\r\nContent-Type: text/csv\r\n\r\n'
    assert request.content == b"--" + boundary + b"\r\n" + head.encode() + CSV + b"\r\n--" + boundary + b"--\r\n"


def test_import_csv_opens_a_path_only_while_sending(mock_api: Any, tmp_path: Path) -> None:
    # filterwarnings=error turns an unclosed file (ResourceWarning) into a failure; here we also look directly.
    path = tmp_path / "list.csv"
    path.write_bytes(b"address\nalice@example.org\n")
    api = mock_api(answer(202))
    from mailgun.resources.suppressions import BOUNCES

    call = BOUNCES.import_csv(DOMAIN, path, filename="mine.csv")
    ((_, (name, reader, _)),) = call.request_args()["files"]
    assert name == "mine.csv" and reader._file is None  # building the request opened nothing
    api(lambda c: c.bounces.import_csv(DOMAIN, path))
    assert b"alice@example.org" in api.requests[0].content


# ----------------------------------------------------------------------------------------------- validation
def _entries(n: int) -> list[str]:
    return [f"u{i}@example.org" for i in range(n)]


NAIVE = dt.datetime(2025, 1, 1)

BAD_INPUT = [
    (lambda c: c.bounces.list(""), "domain"),
    (lambda c: c.bounces.list(DOMAIN, limit=0), "limit"),
    (lambda c: c.complaints.list(DOMAIN, limit=1001), "limit"),
    (lambda c: c.unsubscribes.list(DOMAIN, term=""), "term"),
    (lambda c: c.bounces.get(DOMAIN, ""), "address"),
    (lambda c: c.allowlist.delete(DOMAIN, None), "address"),
    (lambda c: c.bounces.add(DOMAIN, "not-an-address"), "address"),
    (lambda c: c.bounces.add(DOMAIN, "a@example.org", code=99), "code"),
    (lambda c: c.bounces.add(DOMAIN, "a@example.org", code=True), "code"),
    (lambda c: c.bounces.add(DOMAIN, "a@example.org", error="two\nlines"), "error"),
    (lambda c: c.bounces.add(DOMAIN, "a@example.org", created_at=NAIVE), "created_at"),
    (lambda c: c.unsubscribes.add(DOMAIN, "a@example.org", created_at="yesterday"), "created_at"),
    (lambda c: c.unsubscribes.add(DOMAIN, "a@example.org", tag=""), "tag"),
    (lambda c: c.complaints.add(DOMAIN, "a @example.org"), "address"),
    (lambda c: c.allowlist.add(DOMAIN, "localhost"), "address"),
    (lambda c: c.allowlist.add(DOMAIN, "bad domain.example"), "address"),
    (lambda c: c.allowlist.add(DOMAIN, "partner.example", reason=""), "reason"),
    (lambda c: c.bounces.add_many(DOMAIN, []), "entries"),
    (lambda c: c.bounces.add_many(DOMAIN, _entries(1001)), "entries"),
    (lambda c: c.bounces.add_many(DOMAIN, "a@example.org"), "entries"),
    (lambda c: c.bounces.add_many(DOMAIN, {"address": "a@example.org"}), "entries"),
    (lambda c: c.bounces.add_many(DOMAIN, ["a@example.org", 42]), "entries[1]"),
    (lambda c: c.bounces.add_many(DOMAIN, [{"code": 550}]), "entries[0].address"),
    (lambda c: c.bounces.add_many(DOMAIN, [{"address": "a@example.org", "tags": ["x"]}]), "entries[0]"),
    (lambda c: c.bounces.add_many(DOMAIN, [{"address": "a@x.org", "created_at": NAIVE}]), "entries[0].created_at"),
    (lambda c: c.unsubscribes.add_many(DOMAIN, [{"address": "a@example.org", "tags": [""]}]), "entries[0].tags"),
    (lambda c: c.complaints.add_many(DOMAIN, [{"address": "a@example.org", "code": 550}]), "entries[0]"),
    (lambda c: c.bounces.import_csv(DOMAIN, "/no/such/file.csv"), "file"),
    (lambda c: c.bounces.import_csv(DOMAIN, b""), "file"),
    (lambda c: c.bounces.import_csv(DOMAIN, io.StringIO("address\n")), "file"),
    (lambda c: c.bounces.import_csv(DOMAIN, 42), "file"),
    (lambda c: c.bounces.import_csv(DOMAIN, b"address\n", filename=""), "filename"),
    (lambda c: c.bounces.delete_all(" "), "domain"),
]


@pytest.mark.parametrize(("call", "param"), BAD_INPUT)
def test_bad_input_is_refused_before_sending(mock_api: Any, call: Any, param: str) -> None:
    api = mock_api(lambda request: pytest.fail(f"nothing may be sent: {request.url}"))
    with pytest.raises(ValidationError) as caught:
        result = api(call)
        api.collect(lambda c: result)
    assert caught.value.param == param
    assert api.requests == []


def test_allowlist_has_no_batch_add() -> None:
    # Mailgun has no JSON batch call for the allowlist (import_csv is the bulk path).
    from mailgun.resources.suppressions import Allowlist, AsyncAllowlist

    assert not hasattr(Allowlist, "add_many") and not hasattr(AsyncAllowlist, "add_many")
