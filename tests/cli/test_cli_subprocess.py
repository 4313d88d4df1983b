"""The installed ``mailgun`` command as a real process against the mock served on 127.0.0.1.

What only a real process shows: the progress bar goes to stderr when stderr is a terminal (a pty here) and
nowhere otherwise; exit codes reach the shell; the key is in no output.
"""

from __future__ import annotations

import csv
import json
import os
import pty
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image

from .mock_mailgun import API_KEY, DOMAIN, MockMailgun, log_event, serve

TIMEOUT = 120


def _command() -> list[str]:
    script = Path(sys.executable).parent / "mailgun"  # the console script of [project.scripts]
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "mailgun.cli"]  # pragma: no cover - a venv without the script


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[MockMailgun, str]]:
    mock = MockMailgun()
    mock.add_bounces(10_000)
    with serve(mock) as url:
        yield mock, url


def run(url: str, *args: str, tty_stderr: bool = False, key: str = API_KEY, cwd: Path | None = None) -> Run:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAILGUN_")}
    env.update({"MAILGUN_API_KEY": key, "MAILGUN_BASE_URL": url, "TERM": "xterm-256color", "COLUMNS": "120"})
    if not tty_stderr:
        done = subprocess.run(
            [*_command(), *args], capture_output=True, text=True, env=env, timeout=TIMEOUT, cwd=cwd, check=False
        )
        result = Run(done.returncode, done.stdout, done.stderr)
    else:
        result = _run_with_terminal_stderr([*_command(), *args], env, cwd)
    for output in (result.stdout, result.stderr):
        assert key not in output, "the API key was printed"
    return result


def _run_with_terminal_stderr(argv: list[str], env: dict[str, str], cwd: Path | None) -> Run:
    master, slave = pty.openpty()
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=slave, env=env, cwd=cwd)
    os.close(slave)
    chunks: list[bytes] = []

    def drain() -> None:
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the process closed the terminal
                return
            if not chunk:
                return
            chunks.append(chunk)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    stdout, _ = process.communicate(timeout=TIMEOUT)
    reader.join(timeout=10)
    os.close(master)
    return Run(process.returncode, stdout.decode(), b"".join(chunks).decode(errors="replace"))


def _rows(path: Path) -> int:
    with open(path, newline="") as file:
        return sum(1 for _ in csv.DictReader(file))


def test_export_draws_progress_on_a_terminal_stderr(server: tuple[MockMailgun, str], tmp_path: Path) -> None:
    _, url = server
    out = tmp_path / "bounces.csv"
    result = run(url, "suppressions", "export", "bounces", "-d", DOMAIN, "-o", str(out), tty_stderr=True)
    assert result.code == 0, result.stderr
    assert _rows(out) == 10_000
    assert "exporting bounces" in result.stderr and "items" in result.stderr and "pages" in result.stderr
    assert "10,000" in result.stderr and "/s" in result.stderr  # items done and the rate
    assert result.stdout.strip() == f"10,000 bounces written to {out}"  # results stay on stdout, bar-free


def test_export_draws_nothing_when_stderr_is_not_a_terminal(server: tuple[MockMailgun, str], tmp_path: Path) -> None:
    _, url = server
    result = run(url, "suppressions", "export", "bounces", "-d", DOMAIN, "--json", cwd=tmp_path)
    assert result.code == 0, result.stderr
    assert result.stderr == ""
    assert json.loads(result.stdout)["rows"] == 10_000
    assert _rows(tmp_path / "bounces.csv") == 10_000


def test_json_output_parses(server: tuple[MockMailgun, str]) -> None:
    _, url = server
    result = run(url, "domains", "list", "--json")
    assert result.code == 0, result.stderr
    assert [domain["state"] for domain in json.loads(result.stdout)] == ["active", "unverified"]


def test_a_401_prints_the_servers_message_and_exits_1(server: tuple[MockMailgun, str]) -> None:
    _, url = server
    wrong = "key-00000000000000000000000000000000"
    result = run(url, "domains", "list", key=wrong)
    assert result.code == 1
    assert "Forbidden" in result.stderr and "401" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_usage_errors_exit_2(server: tuple[MockMailgun, str]) -> None:
    _, url = server
    assert run(url, "logs", "--since", "soon").code == 2
    assert run(url, "no-such-command").code == 2


def test_png_is_an_image(server: tuple[MockMailgun, str], tmp_path: Path) -> None:
    _, url = server
    png = tmp_path / "delivered.png"
    result = run(url, "metrics", "--metric", "delivered_rate", "--by", "day", "--since", "30d", "--png", str(png))
    assert result.code == 0, result.stderr
    with Image.open(png) as image:
        image.verify()
        assert image.format == "PNG"


def test_logs_follow_stops_cleanly_on_ctrl_c(server: tuple[MockMailgun, str]) -> None:
    mock, url = server
    mock.events[:] = [log_event(1)]
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAILGUN_")}
    env.update({"MAILGUN_API_KEY": API_KEY, "MAILGUN_BASE_URL": url})
    process = subprocess.Popen(
        [*_command(), "logs", "--follow", "--interval", "2", "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        text=True,
    )
    try:
        assert process.stdout is not None
        first = process.stdout.readline()  # the listing is printed before following starts
        assert json.loads(first)["id"] == "event-1"
        process.send_signal(signal.SIGINT)
        stdout, stderr = process.communicate(timeout=TIMEOUT)
    finally:
        process.kill()
        process.wait(timeout=TIMEOUT)
    assert process.returncode == 0, stderr
    assert "stopped" in stderr and "Traceback" not in stderr
    assert API_KEY not in stdout + stderr + first


def test_python_dash_m_works_too() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mailgun.cli", "--help"], capture_output=True, text=True, timeout=TIMEOUT, check=False
    )
    assert done.returncode == 0 and "suppressions" in done.stdout
    assert shutil.which("mailgun", path=str(Path(sys.executable).parent)) is not None
