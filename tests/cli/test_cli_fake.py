"""Every command in-process against the testing kit's FakeMailgun (mailgun.testing), as an application's tests
would use it: state made through the API, answers checked against Mailgun's spec by the fake itself."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner, Result

from mailgun.cli._app import Settings
from mailgun.cli._main import cli
from mailgun.testing import FakeMailgun

Run = Callable[..., Result]


@pytest.fixture
def fake() -> Iterator[FakeMailgun]:
    fake = FakeMailgun()
    with fake.client() as client:
        client.messages.send(
            fake.default_domain,
            from_=f"shop@{fake.default_domain}",
            to="ann@example.org",
            subject="Your invoice",
            text="Attached.",
        )
    yield fake


@pytest.fixture
def run(fake: FakeMailgun, monkeypatch: pytest.MonkeyPatch) -> Iterator[Run]:
    for name in ("MAILGUN_REGION", "MAILGUN_BASE_URL", "MAILGUN_DOMAIN", "MAILGUN_WEBHOOK_SIGNING_KEY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("MAILGUN_API_KEY", fake.api_key)

    def invoke(*args: str) -> Result:
        result = CliRunner().invoke(cli, list(args), obj=Settings(http_client=http))
        assert fake.api_key not in result.output + result.stderr
        return result

    with httpx.Client(transport=fake.transport()) as http:
        yield invoke


def test_each_command_as_a_table_and_as_json(fake: FakeMailgun, run: Run, tmp_path: Path) -> None:
    domain = fake.default_domain
    (tmp_path / "in.csv").write_text("address,tags\nbob@example.org,news\n")
    commands = [
        ["domains", "list"],
        ["domains", "show", domain],
        ["domains", "verify", domain],
        ["logs", "--recipient", "ann@example.org", "--since", "2h"],
        ["metrics", "--metric", "delivered_count", "--by", "day", "--since", "30d"],
        ["send", "-d", domain, "--from", f"me@{domain}", "--to", "bob@example.org", "-s", "Hi", "--text", "Hello"],
        ["suppressions", "import", "unsubscribes", str(tmp_path / "in.csv"), "-d", domain, "--restart"],
        ["suppressions", "export", "unsubscribes", "-d", domain, "-o", str(tmp_path / "out.csv"), "--restart"],
        ["suppressions", "delete", "unsubscribes", "-d", domain, "bob@example.org"],
        ["api", "domains", "get_domains"],
    ]
    for args in commands:
        for json_mode in (False, True):
            result = run(*args, *(["--json"] if json_mode else []))
            assert result.exit_code == 0, (args, result.output)
            if json_mode:
                lines = result.stdout.splitlines() if args[0] == "logs" else [result.stdout]
                assert all(json.loads(line) for line in lines), args


def test_logs_answer_did_ann_get_the_invoice(run: Run) -> None:
    result = run("logs", "--recipient", "ann@example.org", "--json")
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert {"accepted", "delivered"} <= {e["event"] for e in events}
    assert all(e["recipient"] == "ann@example.org" for e in events)


def test_export_of_10000_bounces(fake: FakeMailgun, run: Run, tmp_path: Path) -> None:
    with fake.client() as client:
        for start in range(0, 10_000, 1_000):
            client.bounces.add_many(
                fake.default_domain, [f"user{i:05d}@example.org" for i in range(start, start + 1_000)]
            )
    out = tmp_path / "bounces.csv"
    result = run("suppressions", "export", "bounces", "-d", fake.default_domain, "-o", str(out), "--json")
    assert result.exit_code == 0, result.output
    with open(out, newline="") as file:
        addresses = [row["address"] for row in csv.DictReader(file)]
    assert len(addresses) == len(set(addresses)) == json.loads(result.stdout)["rows"] == 10_000


def test_a_wrong_key_gets_the_fakes_401(fake: FakeMailgun, run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MAILGUN_API_KEY", "key-not-the-accounts-key-000000000")
    result = run("domains", "list")
    assert result.exit_code == 1 and "401" in result.stderr
    assert "key-not-the-accounts-key" not in result.output + result.stderr
