"""Fixtures of the receiving tests: a real Redis started by the test session on 127.0.0.1."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

# scripts/ is not a package: its modules import each other by name (as tests/contract does for prism).
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

from redis_server import RedisServer, redis_server_binary, running_redis


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    if redis_server_binary() is None:
        pytest.skip("redis-server is not installed here: `make redis-install` installs it (CI does)")
    with running_redis(Path(tmp_path_factory.mktemp("redis"))) as server:
        yield server


@pytest.fixture
def redis_url(redis_server: RedisServer) -> Iterator[str]:
    """The server's URL, emptied before each test (a test that restarts the server gets it back running)."""
    import redis

    if not redis_server.ping():
        redis_server.start()
    client = redis.Redis.from_url(redis_server.url)
    client.flushall()
    client.close()
    yield redis_server.url
