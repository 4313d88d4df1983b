"""mailgun.testing.vcr_config(): cassettes recorded through a real (local) server hold none of the secrets."""

from __future__ import annotations

import base64
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import vcr

from mailgun import Mailgun
from mailgun.testing import vcr_config

API_KEY = "key-3ax6xnjp29jd6fds4gc373sgvjxteol0"
SMTP_PASSWORD = "smtp-secret-pa55word"
SIGNING_KEY = "whsec-5e1a5f0c0ffee0ddba11"
NEW_API_KEY = "key-freshly-minted-0123456789"
SECRETS = (API_KEY, SMTP_PASSWORD, SIGNING_KEY, NEW_API_KEY)


class _Handler(BaseHTTPRequestHandler):
    def _answer(self, body: dict[str, object]) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        self._answer({"webhook_signing_key": SIGNING_KEY, "signing_key": SIGNING_KEY, "name": "mg.example.com"})

    def do_POST(self) -> None:
        if "credentials" in self.path:
            self._answer({"message": "Created 1 credentials pair(s)", "smtp_password": SMTP_PASSWORD})
        else:
            self._answer({"key": {"id": "k1", "secret": NEW_API_KEY, "description": "ci"}, "message": "created"})

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


def test_recorded_cassettes_hold_no_secret(server: str, tmp_path: Path) -> None:
    cassette = tmp_path / "mailgun.yaml"
    recorder = vcr.VCR(**vcr_config())
    with recorder.use_cassette(str(cassette), record_mode="all"), Mailgun(API_KEY, base_url=server) as client:
        client.request("GET", "/v3/domains/mg.example.com/keys", params={"api_key": API_KEY})
        client.request(
            "POST",
            "/v3/domains/mg.example.com/credentials",
            files=[("login", (None, b"alice")), ("password", (None, SMTP_PASSWORD.encode()))],
        )
        client.request("POST", "/v1/keys", data={"role": "admin", "password": SMTP_PASSWORD})
        client.request("POST", "/v3/domains/mg.example.com/credentials", json={"password": SMTP_PASSWORD})
    text = cassette.read_text()
    assert "REDACTED" in text and "/v3/domains/mg.example.com/credentials" in text
    leaked = [secret for secret in SECRETS if secret in text]
    assert leaked == [], f"secrets in the cassette: {leaked}"
    assert base64.b64encode(f"api:{API_KEY}".encode()).decode() not in text  # the Authorization header's value
    assert text.count("interactions") == 1 and text.count("request:") == 4
