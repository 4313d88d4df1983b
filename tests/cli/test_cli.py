"""Every command in-process (click's runner) against the mock: tables, --json, exit codes, resuming, the key."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner
from PIL import Image

from mailgun.cli._app import Settings
from mailgun.cli._main import cli
from mailgun.webhook_verification import WebhookVerificationError, verify_webhook

from .conftest import CLEAN_ENV, Invoke
from .mock_mailgun import API_KEY, DOMAIN, MockMailgun, form_fields, log_event, transport

# ------------------------------------------------------------------------------------------- every command
# (arguments, what the table shows) for each command that only reads; run with and without --json.
READS = [
    (["domains", "list"], "new.example.com"),
    (["domains", "show", DOMAIN], "smtp._domainkey.mg.example.com"),
    (["domains", "verify", "new.example.com"], "invalid"),
    (["logs", "--recipient", "ann@example.org", "--since", "2h"], "Your invoice"),
    (["metrics", "--metric", "delivered_rate", "--by", "day", "--since", "30d"], "0.9731"),
    (["api", "bounces", "get_domain_name_bounces", "-p", f"domain_name={DOMAIN}"], "user00000@example.org"),
    (["api", "domains"], "get_domains_name"),
    (["api"], "mailing_lists"),
]


@pytest.fixture
def data(mock: MockMailgun) -> MockMailgun:
    mock.add_bounces(3)
    mock.events.extend(log_event(i) for i in range(3))
    return mock


def test_help_lists_every_command(invoke: Invoke) -> None:
    result = invoke("--help")
    assert result.exit_code == 0
    for name in ("send", "logs", "suppressions", "domains", "metrics", "webhooks", "api"):
        assert name in result.stdout
    for group in (["suppressions"], ["domains"], ["webhooks"]):
        assert invoke(*group, "--help").exit_code == 0


@pytest.mark.parametrize(("args", "shown"), READS, ids=[" ".join(a[:2]) for a, _ in READS])
def test_read_commands_print_a_table(invoke: Invoke, data: MockMailgun, args: list[str], shown: str) -> None:
    result = invoke(*args)
    assert result.exit_code == 0, result.output
    assert shown in result.stdout
    assert "┃" in result.stdout  # a table, not JSON
    with pytest.raises(ValueError):
        json.loads(result.stdout)


@pytest.mark.parametrize(("args", "shown"), READS, ids=[" ".join(a[:2]) for a, _ in READS])
def test_read_commands_print_json(invoke: Invoke, data: MockMailgun, args: list[str], shown: str) -> None:
    result = invoke(*args, "--json")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    documents = [json.loads(line) for line in lines] if args[0] == "logs" else [json.loads(result.stdout)]
    assert documents and shown in json.dumps(documents)
    assert result.stderr == ""


def test_json_is_accepted_before_the_command_too(invoke: Invoke, data: MockMailgun) -> None:
    result = invoke("--json", "domains", "list")
    assert [d["name"] for d in json.loads(result.stdout)] == [DOMAIN, "new.example.com"]


# ------------------------------------------------------------------------------------------------- errors
def test_a_wrong_key_prints_the_servers_message_and_exits_1(invoke: Invoke, mock: MockMailgun) -> None:
    mock.api_key = "another-key-entirely-0000"
    result = invoke("domains", "list")
    assert result.exit_code == 1
    assert "401" in result.stderr and "Forbidden" in result.stderr
    assert result.stdout == ""
    as_json = invoke("domains", "list", "--json")
    error = json.loads(as_json.stderr)["error"]
    assert (as_json.exit_code, error["status"]) == (1, 401)
    assert error["server_message"].startswith("Forbidden")


def test_configured_like_the_library(mock: MockMailgun) -> None:
    seen: list[httpx.Request] = []

    def record(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"total_count": 0, "items": []})

    def run(args: list[str], env: dict[str, str | None]) -> int:
        with httpx.Client(transport=httpx.MockTransport(record)) as http:
            result = CliRunner().invoke(cli, args, obj=Settings(http_client=http), env={**CLEAN_ENV, **env})
        return result.exit_code

    assert run(["domains", "list", "--region", "eu", "--on-behalf-of", "sub-1"], {}) == 0
    assert seen[-1].url.host == "api.eu.mailgun.net" and seen[-1].headers["X-Mailgun-On-Behalf-Of"] == "sub-1"
    assert run(["--region", "eu", "domains", "list"], {}) == 0 and seen[-1].url.host == "api.eu.mailgun.net"
    assert run(["domains", "list"], {"MAILGUN_REGION": "eu"}) == 0 and seen[-1].url.host == "api.eu.mailgun.net"
    assert run(["domains", "list"], {"MAILGUN_BASE_URL": "http://127.0.0.1:9"}) == 0
    assert seen[-1].url.host == "127.0.0.1"
    assert run(["domains", "list"], {}) == 0 and seen[-1].url.host == "api.mailgun.net"
    assert run(["domains", "list", "--region", "eu", "--base-url", "http://127.0.0.1:9"], {}) == 2  # one or the other


def test_no_api_key_is_a_usage_error(invoke: Invoke) -> None:
    result = invoke("domains", "list", env={"MAILGUN_API_KEY": None})
    assert result.exit_code == 2
    assert "MAILGUN_API_KEY" in result.stderr


def test_input_the_sdk_refuses_is_a_usage_error_naming_the_parameter(invoke: Invoke, mock: MockMailgun) -> None:
    result = invoke("send", "-d", DOMAIN, "--from", "me@mg.example.com", "--to", "you@example.org", "-s", "Hi")
    assert result.exit_code == 2
    assert "text" in result.stderr  # no body: the SDK names text/html/template
    assert mock.sent == []


@pytest.mark.parametrize(
    "args",
    [
        ["logs", "--since", "yesterday-ish"],
        ["logs", "--follow", "--interval", "1"],  # the poll interval is bounded
        ["suppressions", "export", "spam"],
        ["api", "nosuchgroup"],
        ["api", "bounces", "get_domain_name_bounces"],  # domain_name missing
        ["api", "domains", "get_domains_name", "-p", "name=x", "-p", "colour=blue"],  # no such parameter
        ["api", "domains", "post_domains", "--body", "{not json"],
        ["metrics", "--by", "week"],
    ],
)
def test_usage_errors_exit_2(invoke: Invoke, args: list[str]) -> None:
    result = invoke(*args)
    assert result.exit_code == 2, result.output


def test_the_key_is_redacted_even_when_a_server_echoes_it(invoke: Invoke, mock: MockMailgun) -> None:
    def echo(request: httpx.Request) -> httpx.Response:
        return httpx.Response(400, json={"message": f"bad key {API_KEY}"})

    result = invoke("--debug", "domains", "list", transport_=httpx.MockTransport(echo))
    assert result.exit_code == 1
    assert "<redacted>" in result.stderr  # and the fixture checked the key itself is absent


def test_unexpected_errors_show_no_traceback_without_debug(invoke: Invoke, mock: MockMailgun) -> None:
    def broken(request: httpx.Request) -> httpx.Response:
        raise RuntimeError(f"boom with {API_KEY}")

    quiet = invoke("domains", "list", transport_=httpx.MockTransport(broken))
    assert quiet.exit_code == 1 and "Traceback" not in quiet.stderr and "boom" in quiet.stderr
    loud = invoke("--debug", "domains", "list", transport_=httpx.MockTransport(broken))
    assert loud.exit_code == 1 and "Traceback" in loud.stderr and "<redacted>" in loud.stderr


# ------------------------------------------------------------------------------------------- suppressions
def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, newline="") as file:
        return list(csv.DictReader(file))


def test_export_of_10000_bounces_writes_10000_rows(invoke: Invoke, mock: MockMailgun, tmp_path: Path) -> None:
    mock.add_bounces(10_000)
    out = tmp_path / "bounces.csv"
    result = invoke("suppressions", "export", "bounces", "-d", DOMAIN, "-o", str(out), "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    rows = _rows(out)
    assert (summary["rows"], len(rows), len({r["address"] for r in rows})) == (10_000, 10_000, 10_000)
    assert summary["pages"] == 11  # 10 pages of 1,000 and the empty page that ends the listing
    assert rows[0] == {
        "address": "user00000@example.org",
        "code": "550",
        "error": "5.1.1 mailbox does not exist",
        "created_at": "Thu, 26 Mar 2026 12:59:15 UTC",
    }
    assert not Path(f"{out}.state.json").exists()
    assert result.stderr == ""  # no terminal: no progress bar


def test_an_interrupted_export_resumes_where_it_stopped(invoke: Invoke, mock: MockMailgun, tmp_path: Path) -> None:
    mock.add_bounces(2_500)
    out = tmp_path / "bounces.csv"
    pages = []

    def interrupted(request: httpx.Request) -> httpx.Response:
        pages.append(request.url)
        if len(pages) == 3:
            raise KeyboardInterrupt  # Ctrl-C while the third page is on its way
        return mock.handle(request)

    first = invoke(
        "suppressions",
        "export",
        "bounces",
        "-d",
        DOMAIN,
        "-o",
        str(out),
        "--page-size",
        "1000",
        transport_=httpx.MockTransport(interrupted),
    )
    assert first.exit_code == 130
    assert "run the same command again to resume" in first.stderr
    assert len(_rows(out)) == 2_000
    with open(out, "a") as file:
        file.write("half a row written when the process died,")  # cut back on resume
    state = json.loads(Path(f"{out}.state.json").read_text())
    assert state["rows"] == 2_000 and "address=user01999" in state["cursor"]

    second = invoke("suppressions", "export", "bounces", "-d", DOMAIN, "-o", str(out))
    assert second.exit_code == 0, second.output
    assert "resuming" in second.stderr
    rows = _rows(out)
    assert [r["address"] for r in rows] == [f"user{i:05d}@example.org" for i in range(2_500)]
    assert not Path(f"{out}.state.json").exists()


def test_a_state_file_of_another_job_is_not_used(invoke: Invoke, mock: MockMailgun, tmp_path: Path) -> None:
    out = tmp_path / "x.csv"
    Path(f"{out}.state.json").write_text(json.dumps({"list": "complaints", "domain": DOMAIN, "cursor": "x"}))
    assert invoke("suppressions", "export", "bounces", "-d", DOMAIN, "-o", str(out)).exit_code == 2
    assert invoke("suppressions", "export", "bounces", "-d", DOMAIN, "-o", str(out), "--restart").exit_code == 0
    Path(f"{out}.state.json").write_text(json.dumps({"list": "bounces", "domain": DOMAIN, "cursor": "x"}))
    out.unlink()
    gone = invoke("suppressions", "export", "bounces", "-d", DOMAIN, "-o", str(out))
    assert gone.exit_code == 2 and "--restart" in gone.stderr


@pytest.mark.parametrize("list_name", ["bounces", "unsubscribes", "complaints", "allowlist"])
def test_export_then_import_round_trips(invoke: Invoke, tmp_path: Path, list_name: str) -> None:
    source, copy = MockMailgun(), MockMailgun()
    table = "whitelists" if list_name == "allowlist" else list_name
    rows = {
        "bounces": [
            {
                "address": "a@example.org",
                "code": "554",
                "error": "blocked",
                "created_at": "Thu, 26 Mar 2026 12:59:15 UTC",
            }
        ],
        "unsubscribes": [
            {"address": "a@example.org", "tags": ["news", "promo"], "created_at": "Thu, 26 Mar 2026 12:59:15 UTC"}
        ],
        "complaints": [{"address": "a@example.org", "created_at": "Thu, 26 Mar 2026 12:59:15 UTC"}],
        "allowlist": [
            {"value": "a@example.org", "type": "address", "reason": "qa", "createdAt": "x"},
            {"value": "partner.example", "type": "domain", "reason": "", "createdAt": "x"},
        ],
    }[list_name]
    source.lists[table].extend(rows)
    path = tmp_path / "list.csv"
    http = httpx.Client(transport=transport(source))
    assert (
        invoke(
            "suppressions", "export", list_name, "-d", DOMAIN, "-o", str(path), transport_=transport(source)
        ).exit_code
        == 0
    )
    http.close()
    result = invoke("suppressions", "import", list_name, str(path), "-d", DOMAIN, "--json", transport_=transport(copy))
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["rows"] == len(rows)
    imported = copy.lists[table]
    if list_name == "allowlist":
        assert [(e["value"], e["type"]) for e in imported] == [
            ("a@example.org", "address"),
            ("partner.example", "domain"),
        ]
    else:
        assert [e["address"] for e in imported] == ["a@example.org"]
    if list_name == "unsubscribes":
        assert imported[0]["tags"] == ["news", "promo"]
    if list_name == "bounces":
        assert (imported[0]["code"], imported[0]["error"]) == ("554", "blocked")
        assert imported[0]["created_at"] == "Thu, 26 Mar 2026 12:59:15 +0000"


def test_import_sends_batches_of_1000_and_resumes(invoke: Invoke, mock: MockMailgun, tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text("address\n" + "".join(f"u{i}@example.org\n" for i in range(2_500)))
    posts = []

    def interrupted(request: httpx.Request) -> httpx.Response:
        posts.append(request)
        if len(posts) == 2:
            raise KeyboardInterrupt
        return mock.handle(request)

    assert (
        invoke(
            "suppressions", "import", "bounces", str(path), "-d", DOMAIN, transport_=httpx.MockTransport(interrupted)
        ).exit_code
        == 130
    )
    assert len(mock.lists["bounces"]) == 1_000
    result = invoke("suppressions", "import", "bounces", str(path), "-d", DOMAIN)
    assert result.exit_code == 0, result.output
    assert [e["address"] for e in mock.lists["bounces"]] == [f"u{i}@example.org" for i in range(2_500)]
    assert len(mock.requests) == 1 + 2  # the first batch, then the two remaining ones


def test_import_refuses_a_csv_without_addresses(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text("email\nx@example.org\n")
    result = invoke("suppressions", "import", "bounces", str(path), "-d", DOMAIN)
    assert result.exit_code == 2 and "address" in result.stderr


def test_delete_addresses_and_everything(invoke: Invoke, mock: MockMailgun) -> None:
    mock.add_bounces(3)
    result = invoke(
        "suppressions", "delete", "bounces", "-d", DOMAIN, "user00000@example.org", "nobody@example.org", "--json"
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {
        "list": "bounces",
        "domain": DOMAIN,
        "deleted": 1,
        "not_found": ["nobody@example.org"],
    }
    assert invoke("suppressions", "delete", "bounces", "-d", DOMAIN, "--all", input="n\n").exit_code == 1  # declined
    assert len(mock.lists["bounces"]) == 2
    assert invoke("suppressions", "delete", "bounces", "-d", DOMAIN, "--all", "--yes").exit_code == 0
    assert mock.lists["bounces"] == []


# --------------------------------------------------------------------------------------------------- logs
def test_logs_sends_the_filters(invoke: Invoke, data: MockMailgun) -> None:
    result = invoke("logs", "-r", "ann@example.org", "-e", "failed", "-e", "delivered", "-d", DOMAIN, "--since", "2h")
    assert result.exit_code == 0, result.output
    body = json.loads(data.requests[-1].content)
    assert body["events"] == ["failed", "delivered"]
    assert {p["attribute"]: p["values"][0]["value"] for p in body["filter"]["AND"]} == {
        "domain": DOMAIN,
        "recipient": "ann@example.org",
    }
    assert body["start"]  # two hours back, as RFC 2822


def test_logs_follow_prints_new_events_once_and_stops_cleanly_on_ctrl_c(invoke: Invoke, data: MockMailgun) -> None:
    naps: list[float] = []

    def sleep(seconds: float) -> None:
        naps.append(seconds)
        if len(naps) == 1:
            data.events.append(log_event(7, event="failed"))
        if len(naps) == 3:
            raise KeyboardInterrupt

    result = invoke("logs", "--follow", "--interval", "5", "--json", sleep=sleep)
    assert result.exit_code == 0, result.output
    ids = [json.loads(line)["id"] for line in result.stdout.splitlines()]
    assert ids == ["event-0", "event-1", "event-2", "event-7"]
    assert naps == [5, 5, 5]
    assert "stopped" in result.stderr


# ----------------------------------------------------------------------------------------------- metrics
def test_metrics_png_writes_an_image(invoke: Invoke, mock: MockMailgun, tmp_path: Path) -> None:
    png = tmp_path / "chart.png"
    result = invoke("metrics", "-m", "delivered_rate", "-m", "accepted_count", "--png", str(png))
    assert result.exit_code == 0, result.output
    with Image.open(png) as image:
        assert image.format == "PNG" and image.size[0] >= 600
    assert "2026-11-30" in result.stdout and "█" in result.stdout  # the terminal chart, oldest first
    assert result.stdout.index("2026-11-30") < result.stdout.index("2026-12-02")


# -------------------------------------------------------------------------------------------------- send
def test_send_from_flags_prints_the_id(invoke: Invoke, mock: MockMailgun, tmp_path: Path) -> None:
    attachment = tmp_path / "invoice.pdf"
    attachment.write_bytes(b"%PDF-1.4")
    result = invoke(
        "send",
        "-d",
        DOMAIN,
        "--from",
        "Shop <shop@mg.example.com>",
        "--to",
        "ann@example.org",
        "-s",
        "Invoice",
        "--text",
        "Attached.",
        "-a",
        str(attachment),
        "--test-mode",
        "--tag",
        "invoices",
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"<20261206.1@{DOMAIN}>"
    sent = mock.sent[0]["body"]
    assert b'filename="invoice.pdf"' in sent and b"%PDF-1.4" in sent and b"o:testmode" in sent


def test_send_with_a_template(invoke: Invoke, mock: MockMailgun) -> None:
    result = invoke(
        "send",
        "-d",
        DOMAIN,
        "--from",
        "shop@mg.example.com",
        "--to",
        "ann@example.org",
        "--template",
        "welcome",
        "--var",
        "name=Ann",
        "--json",
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["id"] == f"<20261206.1@{DOMAIN}>"
    sent = mock.sent[0]
    request = httpx.Request("POST", mock.base_url, headers={"content-type": sent["content_type"]}, content=sent["body"])
    fields = form_fields(request)  # urlencoded or multipart, as the SDK chose
    assert fields["template"] == "welcome" and json.loads(fields["t:variables"]) == {"name": "Ann"}


MIME = b"From: shop@mg.example.com\r\nTo: Ann <ann@example.org>\r\nCc: bob@example.org\r\nSubject: Hi\r\n\r\nHello\r\n"


@pytest.mark.parametrize("from_stdin", [False, True])
def test_send_a_mime_message(invoke: Invoke, mock: MockMailgun, tmp_path: Path, from_stdin: bool) -> None:
    eml = tmp_path / "message.eml"
    eml.write_bytes(MIME)
    result = invoke("send", "-d", DOMAIN, "-" if from_stdin else str(eml), input=MIME if from_stdin else None)
    assert result.exit_code == 0, result.output
    assert mock.sent[0]["path"].endswith("/messages.mime")
    body = mock.sent[0]["body"]
    assert b"ann@example.org" in body and b"bob@example.org" in body and b"Subject: Hi" in body


def test_send_mime_refuses_flags_that_it_carries_itself(invoke: Invoke, tmp_path: Path) -> None:
    eml = tmp_path / "message.eml"
    eml.write_bytes(MIME)
    result = invoke("send", "-d", DOMAIN, str(eml), "--subject", "Other")
    assert result.exit_code == 2 and "--subject" in result.stderr


# ---------------------------------------------------------------------------------------------- webhooks
SIGNING_KEY = "whsec-signing-key-for-tests-0123456789"


@contextmanager
def handler_server(signing_key: str) -> Iterator[tuple[str, list[Any]]]:
    """A webhook handler as users write one (verify_webhook on the raw body), on 127.0.0.1."""
    seen: list[Any] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["content-length"]))
            try:
                seen.append(verify_webhook(body, signing_key, content_type=self.headers["content-type"]))
                status = 200
            except WebhookVerificationError:
                status = 403
            self.send_response(status)
            self.send_header("content-length", "2")
            self.end_headers()
            self.wfile.write(b"ok" if status == 200 else b"no")

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/hooks", seen
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.mark.parametrize("event", ["delivered", "permanent_fail", "clicked", "opened", "complained"])
def test_webhooks_post_a_signed_event_that_the_handler_accepts(invoke: Invoke, event: str) -> None:
    with handler_server(SIGNING_KEY) as (url, seen):
        result = invoke(
            "webhooks", "post", url, "--event", event, "--json", env={"MAILGUN_WEBHOOK_SIGNING_KEY": SIGNING_KEY}
        )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert (report["status"], report["accepted"]) == (200, True)
    assert seen[0].event == {"permanent_fail": "failed"}.get(event, event)
    assert SIGNING_KEY not in result.output


def test_webhooks_post_verdicts(invoke: Invoke, mock: MockMailgun) -> None:
    with handler_server(SIGNING_KEY) as (url, seen):
        refused = invoke("webhooks", "post", url, "--bad-signature", env={"MAILGUN_WEBHOOK_SIGNING_KEY": SIGNING_KEY})
        # No signing key in the environment: the account's (from the API) is used; this handler has another one.
        wrong_key = invoke("webhooks", "post", url)
    assert refused.exit_code == 0 and "as it should" in refused.stdout
    assert wrong_key.exit_code == 1 and "check the signing key" in wrong_key.stdout
    assert mock.signing_key not in wrong_key.output
    assert seen == []
    nobody = invoke("webhooks", "post", "http://127.0.0.1:9/hooks", env={"MAILGUN_WEBHOOK_SIGNING_KEY": SIGNING_KEY})
    assert nobody.exit_code == 1 and "could not post" in nobody.stderr


# ------------------------------------------------------------------------------------------------ api
def test_api_fills_the_path_and_sends_the_rest(invoke: Invoke, mock: MockMailgun) -> None:
    mock.add_bounces(5)
    result = invoke(
        "api", "bounces", "get_domain_name_bounces", "-p", f"domain_name={DOMAIN}", "-p", "limit=2", "--json"
    )
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)["items"]) == 2
    assert str(mock.requests[-1].url).endswith(f"/v3/{DOMAIN}/bounces?limit=2")


def test_api_json_body_of_a_metrics_query(invoke: Invoke, mock: MockMailgun) -> None:
    body = '{"metrics": ["delivered_rate"], "duration": "7d"}'
    result = invoke("api", "metrics", "post_analytics_metrics", "--body", body, "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(mock.requests[-1].content) == {"metrics": ["delivered_rate"], "duration": "7d"}
    assert json.loads(result.stdout)["items"][0]["metrics"]["delivered_rate"] == "0.9900"


# ------------------------------------------------------------------------------------------ installation
def test_import_mailgun_does_not_import_the_cli() -> None:
    # httpx itself imports click and rich when they are installed (for its own `httpx` command), so the check is
    # what `import mailgun` adds to `import httpx`.
    code = (
        "import sys, httpx; before = set(sys.modules); import mailgun; added = set(sys.modules) - before;"
        "print(sorted(m for m in added if m.split('.')[0] in ('click', 'rich', 'matplotlib')"
        " or m.startswith('mailgun.cli')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_a_missing_extra_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from mailgun import cli

    monkeypatch.setitem(sys.modules, "rich", None)  # as if it were not installed
    with pytest.raises(SystemExit) as exit_:
        cli.main()
    assert exit_.value.code == 2
    assert "pip install 'mailgun-typed[cli]'" in capsys.readouterr().err


def test_the_stream_redacts_every_secret() -> None:
    from mailgun.cli._output import Output

    buffer = io.StringIO()
    out = Output(json_mode=True, stdout=buffer, stderr=buffer)
    out.add_secret("short")  # too short to redact safely
    out.add_secret("secret-value-1234")
    out.json({"a": "secret-value-1234 short"})
    assert "secret-value-1234" not in buffer.getvalue() and "short" in buffer.getvalue()


def test_the_chart_falls_back_to_ascii_where_the_terminal_cannot_draw_blocks() -> None:
    from mailgun.cli._metrics import _chart
    from mailgun.cli._output import Output

    class Latin1(io.StringIO):
        encoding = "latin-1"

    stream = Latin1()
    _chart(Output(json_mode=False, stdout=stream, stderr=stream), "rate", [("Mon, 30 Nov 2026 00:00:00 +0000", 1.0)])
    assert "####" in stream.getvalue() and "█" not in stream.getvalue()


@pytest.mark.parametrize("module", ["_send", "_logs", "_suppressions", "_domains", "_metrics", "_webhooks", "_api"])
def test_each_command_module_imports_on_its_own(module: str) -> None:
    subprocess.run([sys.executable, "-c", f"import mailgun.cli.{module}"], check=True, timeout=60)
