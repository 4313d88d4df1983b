"""Every ``mailgun`` command against Prism (the spec's own mock): each request it sends is valid for Mailgun's
spec, and each answer (the spec's examples) prints as a table and as JSON without an error.

The stateful behaviour (10,000 rows, resuming, following) is tested in tests/cli against a mock with state.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner

from mailgun.cli._app import Settings
from mailgun.cli._main import cli

from .conftest import check_response, prismlib

DOMAIN = "mg.example.com"
COMMANDS = {
    "domains list": ["domains", "list"],
    "domains show": ["domains", "show", DOMAIN],
    "domains verify": ["domains", "verify", DOMAIN],
    "logs": ["logs", "--recipient", "ann@example.org", "--event", "delivered", "--since", "2h", "-d", DOMAIN],
    "metrics": ["metrics", "--metric", "delivered_rate", "--by", "day", "--since", "30d", "-d", DOMAIN],
    "send": [
        "send",
        "-d",
        DOMAIN,
        "--from",
        "me@mg.example.com",
        "--to",
        "ann@example.org",
        "-s",
        "Hi",
        "--text",
        "Hello",
        "--test-mode",
        "--tag",
        "cli",
    ],
    "send template": [
        "send",
        "-d",
        DOMAIN,
        "--from",
        "me@mg.example.com",
        "--to",
        "ann@example.org",
        "--template",
        "welcome",
        "-s",
        "Hi",  # the spec requires a subject even with a template
        "--var",
        "name=Ann",
    ],
    "suppressions export": ["suppressions", "export", "bounces", "-d", DOMAIN, "-o", "{tmp}/bounces.csv", "--restart"],
    "suppressions import": ["suppressions", "import", "unsubscribes", "{tmp}/in.csv", "-d", DOMAIN, "--restart"],
    "suppressions import allowlist": ["suppressions", "import", "allowlist", "{tmp}/in.csv", "-d", DOMAIN, "--restart"],
    "suppressions delete": ["suppressions", "delete", "complaints", "-d", DOMAIN, "ann@example.org"],
    "api": ["api", "domains", "get_domains", "-p", "limit=5"],
    "api form body": ["api", "domains", "post_domains", "-p", "name=new.example.com", "-p", "spam_action=tag"],
    "api json body": ["api", "domains", "post_domains", "--body", '{"name": "new.example.com", "spam_action": "tag"}'],
    "api json query": ["api", "metrics", "post_analytics_metrics", "--body", '{"metrics": ["delivered_count"]}'],
    "api path": [
        "api",
        "bounces",
        "get_domain_name_bounces_address",
        "-p",
        f"domain_name={DOMAIN}",
        "-p",
        "address=a@example.org",
    ],
    "webhooks post": ["webhooks", "post", "{hook}", "--event", "permanent_fail"],
}


# Commands whose result is a table; the others print a line (an id, a count).
TABLES = ("domains", "logs", "metrics", "api", "webhooks")


@pytest.fixture
def hook() -> Iterator[str]:
    """A handler that takes anything (the signature is checked in tests/cli)."""

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers["content-length"]))
            self.send_response(200)
            self.send_header("content-length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/hooks"
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.mark.parametrize("json_mode", [False, True], ids=["table", "json"])
@pytest.mark.parametrize("name", list(COMMANDS))
def test_command_against_prism(
    prism: prismlib.PrismServer, hook: str, tmp_path: Path, name: str, json_mode: bool
) -> None:
    (tmp_path / "in.csv").write_text('address,tags,created_at\nann@example.org,news,"Thu, 26 Mar 2026 12:59:15 UTC"\n')
    args = [arg.replace("{tmp}", str(tmp_path)).replace("{hook}", hook) for arg in COMMANDS[name]] + (
        ["--json"] if json_mode else []
    )
    with httpx.Client(event_hooks={"response": [check_response]}) as http:
        result = CliRunner().invoke(
            cli,
            ["--base-url", prism.base_url, *args],
            obj=Settings(http_client=http),
            env={
                "MAILGUN_API_KEY": prismlib.TEST_API_KEY,
                "MAILGUN_REGION": None,
                "MAILGUN_BASE_URL": None,
                "MAILGUN_WEBHOOK_SIGNING_KEY": None,
            },
        )
    assert result.exit_code == 0, result.output  # a ViolationError from the hook would exit 1 with its reasons
    assert result.stdout.strip()
    if json_mode:
        lines = result.stdout.splitlines() if name == "logs" else [result.stdout]
        assert all(json.loads(line) is not None for line in lines)
    else:
        assert ("┃" in result.stdout) == (name.split()[0] in TABLES)
