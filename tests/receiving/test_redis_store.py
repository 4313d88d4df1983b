"""RedisTokenStore against a real redis-server (started by the session on 127.0.0.1): atomicity across processes,
expiry at the token's deadline, durability across a crash, and "unreachable" never meaning "accept"."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
import redis.asyncio
from redis_server import RedisServer  # scripts/, on sys.path through conftest

from mailgun.webhook_verification import (
    AsyncRedisTokenStore,
    RedisTokenStore,
    TokenStore,
    TokenStoreError,
    WebhookVerificationError,
    averify_webhook,
    verify_webhook,
)

from .signing import JSON_CT, KEY, form_webhook, json_webhook, new_token

WORKERS = 8
PAYLOADS = 2000
WORKER_TIMEOUT = 240.0


def _closed_port_url() -> str:
    # Port 1 on loopback: nothing listens there, so the connection is refused at once.
    return "redis://127.0.0.1:1/0"


def test_a_token_is_accepted_once_and_expires_at_its_deadline(redis_url: str) -> None:
    client = redis.Redis.from_url(redis_url)
    store = RedisTokenStore(client, prefix="test:")
    assert isinstance(store, TokenStore)
    deadline = time.time() + 120.5
    assert store.seen("tok-1", deadline) is False
    assert store.seen("tok-1", deadline) is True
    assert len(client.get("test:tok-1") or b"") == 32  # a random nonce: see test_a_lost_answer_is_not_a_replay
    # EXAT: the key expires at the deadline rounded up to a whole second, not "some TTL from now".
    assert client.expiretime("test:tok-1") == int(deadline) + 1
    assert store.seen("tok-2", float("inf")) is False
    assert client.ttl("test:tok-2") == -1  # tolerance=None: kept for good
    client.close()


def test_the_key_prefix_is_configurable_and_separates_stores(redis_url: str) -> None:
    client = redis.Redis.from_url(redis_url)
    first, second = RedisTokenStore(client, prefix="app-a:"), RedisTokenStore(client, prefix="app-b:")
    assert first.seen("shared", time.time() + 60) is False
    assert second.seen("shared", time.time() + 60) is False
    assert sorted(client.keys()) == [b"app-a:shared", b"app-b:shared"]
    default = RedisTokenStore(client)
    default.seen("t", time.time() + 60)
    assert client.exists("mailgun:webhook-token:t") == 1
    client.close()


@pytest.mark.parametrize("make_body", [json_webhook, form_webhook], ids=["json", "form"])
def test_replayed_and_forged_posts_are_rejected_through_redis(redis_url: str, make_body: object) -> None:
    body_of = make_body  # json_webhook or form_webhook
    assert callable(body_of)
    content_type = JSON_CT if body_of is json_webhook else None
    store = RedisTokenStore.from_url(redis_url)
    body = body_of()
    event = verify_webhook(body, KEY, content_type=content_type, token_store=store)
    assert event.event == "delivered"
    assert event.verified_by == "signature"
    with pytest.raises(WebhookVerificationError, match="replayed"):
        verify_webhook(body, KEY, content_type=content_type, token_store=store)
    # A second store on the same server (another worker) sees the token too.
    with pytest.raises(WebhookVerificationError, match="replayed"):
        verify_webhook(body, KEY, content_type=content_type, token_store=RedisTokenStore.from_url(redis_url))
    forged = body_of("key-not-mailguns")
    with pytest.raises(WebhookVerificationError, match="does not match"):
        verify_webhook(forged, KEY, content_type=content_type, token_store=store)
    # Forged requests never reach the store, so they cannot fill it.
    assert redis.Redis.from_url(redis_url).dbsize() == 1


def test_an_unreachable_store_raises_token_store_error_never_accepts() -> None:
    store = RedisTokenStore.from_url(_closed_port_url(), timeout=0.5)
    with pytest.raises(TokenStoreError, match="unavailable") as caught:
        verify_webhook(json_webhook(), KEY, token_store=store)
    # Distinct from a bad signature, so a view can answer 503 (Mailgun retries) instead of 403.
    assert not isinstance(caught.value, WebhookVerificationError)
    assert isinstance(caught.value.__cause__, redis.ConnectionError)


def test_a_stopped_server_is_an_error_until_it_is_back(redis_server: RedisServer, redis_url: str) -> None:
    store = RedisTokenStore.from_url(redis_url, timeout=0.5)
    accepted = json_webhook()
    verify_webhook(accepted, KEY, token_store=store)
    redis_server.kill()
    try:
        with pytest.raises(TokenStoreError):
            verify_webhook(json_webhook(), KEY, token_store=store)
    finally:
        redis_server.start()
    # Acknowledged before the crash, so still known after it (append-only file, fsync per write).
    with pytest.raises(WebhookVerificationError, match="replayed"):
        verify_webhook(accepted, KEY, token_store=store)
    verify_webhook(json_webhook(), KEY, token_store=store)


async def test_async_store_accepts_once(redis_url: str) -> None:
    client = redis.asyncio.Redis.from_url(redis_url)
    store = AsyncRedisTokenStore(client, prefix="async:")
    body = json_webhook()
    event = await averify_webhook(body, KEY, token_store=store)
    assert event.verified_by == "signature"
    with pytest.raises(WebhookVerificationError, match="replayed"):
        await averify_webhook(body, KEY, token_store=store)
    # The sync store on the same server agrees: one key per token, whichever variant wrote it.
    with pytest.raises(WebhookVerificationError, match="replayed"):
        verify_webhook(body, KEY, token_store=RedisTokenStore(redis.Redis.from_url(redis_url), prefix="async:"))
    assert await client.dbsize() == 1
    await client.aclose()


async def test_async_unreachable_store_raises_token_store_error() -> None:
    store = AsyncRedisTokenStore.from_url(_closed_port_url(), timeout=0.5)
    with pytest.raises(TokenStoreError):
        await averify_webhook(json_webhook(), KEY, token_store=store)


def test_repr_shows_no_connection_details(redis_url: str) -> None:
    store = RedisTokenStore.from_url("redis://:s3cret@127.0.0.1:1/0")
    assert "s3cret" not in repr(store)
    assert repr(store) == "RedisTokenStore(prefix='mailgun:webhook-token:')"


def test_eight_processes_accept_each_token_exactly_once_across_a_redis_crash(
    redis_server: RedisServer, redis_url: str, tmp_path: Path
) -> None:
    bodies = [json_webhook(token=new_token()).decode() for _ in range(PAYLOADS)]
    payload_file = tmp_path / "payloads.json"
    payload_file.write_text(json.dumps(bodies))
    worker = Path(__file__).with_name("redis_worker.py")
    results = [tmp_path / f"result-{n}.json" for n in range(WORKERS)]
    processes = [
        subprocess.Popen([sys.executable, str(worker), redis_url, str(payload_file), str(result), KEY])
        for result in results
    ]
    try:
        keys_before_crash = _wait_for_keys(redis_url, PAYLOADS // 4)
        assert all(process.poll() is None for process in processes), "the crash must fall in the middle of the run"
        redis_server.restart()  # SIGKILL mid-run, then the same port and data directory
        keys_after_restart = redis.Redis.from_url(redis_url).dbsize()
        for process in processes:
            assert process.wait(timeout=WORKER_TIMEOUT) == 0
    finally:
        for process in processes:
            if process.poll() is None:
                process.kill()
                process.wait()
    assert keys_after_restart >= keys_before_crash  # nothing acknowledged was lost
    outcomes = [json.loads(result.read_text())["outcomes"] for result in results]
    accepted_by = {index: [n for n, worker_outcomes in enumerate(outcomes) if worker_outcomes[str(index)] == "accepted"]
                   for index in range(PAYLOADS)}  # fmt: skip
    assert all(len(workers) == 1 for workers in accepted_by.values()), "a token was accepted twice or never"
    others = {outcome for worker_outcomes in outcomes for outcome in worker_outcomes.values()} - {"accepted"}
    assert others == {"replay"}
    assert redis.Redis.from_url(redis_url).dbsize() == PAYLOADS


def _wait_for_keys(url: str, count: int, timeout: float = 60.0) -> int:
    client = redis.Redis.from_url(url)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        size = int(client.dbsize())
        if size >= count:
            client.close()
            return size
        time.sleep(0.01)
    raise AssertionError(f"the workers stored fewer than {count} tokens in {timeout} s")


class _AnswerLostOnce:
    """A real redis client whose first SET reaches Redis but whose answer is lost, as when Redis dies just after."""

    def __init__(self, client: redis.Redis) -> None:
        self._client = client
        self.lost = False

    def set(self, *args: object, **kwargs: object) -> object:
        answer = self._client.set(*args, **kwargs)  # type: ignore[arg-type]
        if not self.lost:
            self.lost = True
            raise redis.ConnectionError("connection lost before the answer")
        return answer

    def get(self, key: str) -> object:
        return self._client.get(key)


def test_a_lost_answer_is_not_a_replay_when_the_request_is_retried(redis_url: str) -> None:
    client = redis.Redis.from_url(redis_url)
    store = RedisTokenStore(_AnswerLostOnce(client))  # type: ignore[arg-type]
    body = json_webhook()
    with pytest.raises(TokenStoreError):
        verify_webhook(body, KEY, token_store=store)  # the view answers 503; Mailgun retries
    assert client.dbsize() == 1  # the write did land
    assert verify_webhook(body, KEY, token_store=store).event == "delivered"  # our own write: accepted, once
    with pytest.raises(WebhookVerificationError, match="replayed"):
        verify_webhook(body, KEY, token_store=store)
    # Another worker never wrote that nonce: to it the token is a replay.
    with pytest.raises(WebhookVerificationError, match="replayed"):
        verify_webhook(body, KEY, token_store=RedisTokenStore(client))
    client.close()


class _ClientRetriesTheSet:
    """A real client whose SET is sent twice, the first answer lost: what redis-py's own retry does on a timeout."""

    def __init__(self, client: redis.Redis) -> None:
        self._client = client

    def set(self, *args: object, **kwargs: object) -> object:
        self._client.set(*args, **kwargs)  # type: ignore[arg-type]  # landed; its answer never arrived
        return self._client.set(*args, **kwargs)  # type: ignore[arg-type]  # the retry finds the key taken

    def get(self, key: str) -> object:
        return self._client.get(key)


def test_a_set_retried_by_the_client_is_not_a_replay(redis_url: str) -> None:
    client = redis.Redis.from_url(redis_url)
    store = RedisTokenStore(_ClientRetriesTheSet(client))  # type: ignore[arg-type]
    body = json_webhook()
    assert verify_webhook(body, KEY, token_store=store).event == "delivered"
    with pytest.raises(WebhookVerificationError, match="replayed"):
        verify_webhook(body, KEY, token_store=store)
    client.close()


def test_two_concurrent_retries_of_a_write_in_doubt_are_accepted_once() -> None:
    from mailgun.webhook_verification import _InDoubtWrites

    doubts = _InDoubtWrites()
    doubts.remember("tok", "n0")
    first, second = doubts.nonce_for("tok"), doubts.nonce_for("tok")  # both retries see the same doubt
    assert first == second == ("n0", True)
    assert doubts.is_ours("tok", "n0", True, b"n0") is True
    assert doubts.is_ours("tok", "n0", True, b"n0") is False  # already claimed: a replay
    doubts.remember("other", "n1")
    assert doubts.is_ours("other", "n1", True, b"someone-else") is False
    assert doubts.nonce_for("other")[1] is False  # the doubt is settled
