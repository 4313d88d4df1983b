"""A real redis-server on 127.0.0.1 for tests/receiving and scripts/bench_receiving.py: random free port, bounded waits.

Persistence is append-only with an fsync per write, so every SET that Redis acknowledged survives a kill -9:
what a deployment that relies on the token store for replay protection should run.
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

START_TIMEOUT = 10.0


def redis_server_binary() -> str | None:
    # Debian's redis-server installs into /usr/bin; some images keep daemons in /usr/sbin.
    return shutil.which("redis-server") or shutil.which("redis-server", path="/usr/sbin:/usr/local/sbin")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class RedisServer:
    """One redis-server process; :meth:`restart` kills it (SIGKILL) and starts it again on the same port and data."""

    def __init__(self, binary: str, data_dir: Path, *, appendfsync: str = "always") -> None:
        self.binary = binary
        self.data_dir = data_dir
        self.appendfsync = appendfsync
        self.port = _free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        args = [
            self.binary,
            "--bind", "127.0.0.1",
            "--port", str(self.port),
            "--dir", str(self.data_dir),
            "--save", "",
            "--appendonly", "yes",
            "--appendfsync", self.appendfsync,
            "--daemonize", "no",
            "--protected-mode", "yes",
            "--logfile", str(self.data_dir / "redis.log"),
        ]  # fmt: skip
        self.process = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
        self._wait_until_ready()

    def _wait_until_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                log = (self.data_dir / "redis.log").read_text(errors="replace")[-2000:]
                raise RuntimeError(f"redis-server exited with {self.process.returncode}: {log}")
            if self.ping():
                return
            time.sleep(0.02)
        raise RuntimeError(f"redis-server did not answer PING within {START_TIMEOUT} s")

    def ping(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(64).startswith(b"+PONG")
        except OSError:
            return False

    def kill(self) -> None:
        """Stop at once, as a crash would (no shutdown save: only the append-only file keeps the data)."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=START_TIMEOUT)
        self.process = None

    def restart(self) -> None:
        self.kill()
        self.start()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=START_TIMEOUT)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=START_TIMEOUT)
        self.process = None


@contextlib.contextmanager
def running_redis(data_dir: Path, *, appendfsync: str = "always") -> Iterator[RedisServer]:
    """A started server, stopped on exit. ``appendfsync="everysec"`` trades the last second's writes for speed."""
    binary = redis_server_binary()
    if binary is None:
        raise FileNotFoundError("redis-server not found: run `make redis-install` (Debian's redis-server package)")
    server = RedisServer(binary, data_dir, appendfsync=appendfsync)
    server.start()
    try:
        yield server
    finally:
        server.stop()
