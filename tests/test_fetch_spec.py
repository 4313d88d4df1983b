"""Tests for scripts/fetch_spec.py and scripts/speclib.py.

A real HTTP server on 127.0.0.1 serves small synthetic specs. Every lock and pinned file lives under tmp_path, and
the module-level defaults are redirected there too, so no test can touch the project's openapi/ directory.
"""

from __future__ import annotations

import hashlib
import json
import socket
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest

# scripts/ is not a package: its modules import each other by name, as they do when run as scripts.
SCRIPTS = Path(__file__).resolve().parents[1] / "scripts"
if str(SCRIPTS) not in sys.path:
    sys.path.insert(0, str(SCRIPTS))

import fetch_spec  # noqa: E402
import speclib  # noqa: E402

REAL_PATHS = (speclib.PROJECT_ROOT, speclib.LOCK_PATH, speclib.PINNED_PATH)

SHARED = Path(__file__).resolve().parents[2] / "shared"
SHARED_SPECS = SHARED / "openapi"
needs_shared = pytest.mark.skipif(
    not SHARED.exists(), reason=f"{SHARED} is absent (a lone clone): the published specs live there"
)

TINY_YAML = b"""\
openapi: 3.1.0
info:
  title: Tiny Mailgun
  version: 3.0  # unquoted: YAML reads a float, the lock must record text
paths:
  /v3/domains:
    parameters:
      - {name: limit, in: query, schema: {type: integer}}
    get:
      operationId: listDomains
      responses:
        200: {description: ok}
        default: {description: error}
    post:
      operationId: createDomain
      responses:
        "200": {description: ok}
components:
  schemas:
    Error: {type: object}
    Domain: {type: object}
"""

TINY_JSON = json.dumps(
    {
        "openapi": "3.1.0",
        "info": {"title": "Tiny JSON", "version": "1.0.0"},
        "paths": {
            "/v3/{domain}/messages": {"post": {"operationId": "send", "responses": {"200": {"description": "ok"}}}},
            "/v3/{domain}/events": {"get": {"operationId": "events", "responses": {"200": {"description": "ok"}}}},
        },
        "components": {"schemas": {"Event": {"type": "object"}}},
    },
    indent=1,
).encode()

NOT_YAML = b"openapi: [3.1.0\npaths: {\n"  # unclosed flow collections
NOT_OPENAPI = b"swagger: '2.0'\ninfo: {title: old, version: '1'}\npaths: {}\n"

ROUTES = {
    "/tiny.yaml": TINY_YAML,
    "/tiny.json": TINY_JSON,
    "/not-yaml": NOT_YAML,
    "/not-openapi.yaml": NOT_OPENAPI,
}
SLOW_BOUND = 5.0  # seconds the slow route holds a request at most, so teardown can never hang
LOCK_KEYS = {
    "url",
    "source",
    "sha256",
    "size",
    "openapi",
    "title",
    "api_version",
    "operations",
    "schemas",
    "pinned",
    "operation_index",
    "schema_names",
}


class _Handler(BaseHTTPRequestHandler):
    release: ClassVar[threading.Event]

    def do_GET(self) -> None:
        if self.path == "/slow":
            # Answer nothing until teardown (or SLOW_BOUND): the client's --timeout must fire first.
            self.release.wait(SLOW_BOUND)
            return
        body = ROUTES.get(self.path)
        if body is None:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/yaml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
        pass


class _Server(ThreadingHTTPServer):
    # Non-daemon handler threads so server_close() joins them: no thread outlives the fixture.
    daemon_threads = False


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    release = threading.Event()
    handler = type("Handler", (_Handler,), {"release": release})
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        release.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=SLOW_BOUND)


@pytest.fixture
def closed_port_url() -> str:
    # Bind then close: nothing listens on that port for the moment the test needs it.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/tiny.yaml"


@dataclass
class Pins:
    lock: Path
    cache: Path  # the pinned file

    def run(self, *args: str) -> int:
        return fetch_spec.main([*args, "--lock", str(self.lock), "--pinned", str(self.cache)])

    def lock_json(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(self.lock.read_text())
        return data

    def snapshot(self) -> tuple[bytes, bytes]:
        return self.lock.read_bytes(), self.cache.read_bytes()


@pytest.fixture(autouse=True)
def pins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Pins:
    pins = Pins(tmp_path / "openapi" / "spec.lock.json", tmp_path / "openapi" / "published" / "mailgun.yaml")
    # Belt and braces: even a call without --lock/--pinned lands in tmp_path.
    monkeypatch.setattr(speclib, "LOCK_PATH", pins.lock)
    monkeypatch.setattr(speclib, "PINNED_PATH", pins.cache)
    return pins


def today() -> str:
    return datetime.now(timezone.utc).date().isoformat()


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def assert_one_line_error(capsys: pytest.CaptureFixture[str], *fragments: str) -> str:
    out, err = capsys.readouterr()
    assert out == ""
    assert err.endswith("\n") and err.count("\n") == 1, err
    assert err.startswith("fetch_spec: error: "), err
    for fragment in fragments:
        assert fragment in err
    return err


# --- downloading and pinning -------------------------------------------------------------------------------


def test_download_writes_cache_and_lock(base_url: str, pins: Pins, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"{base_url}/tiny.yaml"
    assert pins.run("--url", url) == 0

    assert pins.cache.read_bytes() == TINY_YAML
    lock = pins.lock_json()
    assert set(lock) == LOCK_KEYS
    assert lock["url"] == lock["source"] == url
    assert lock["sha256"] == sha(TINY_YAML)
    assert lock["size"] == len(TINY_YAML)
    assert (lock["openapi"], lock["title"], lock["api_version"]) == ("3.1.0", "Tiny Mailgun", "3.0")
    assert lock["operations"] == 2
    assert lock["schemas"] == 2
    assert lock["schema_names"] == ["Domain", "Error"]
    assert lock["pinned"] == today()
    assert list(lock["operation_index"]) == ["GET /v3/domains", "POST /v3/domains"]
    assert all(len(digest) == 16 for digest in lock["operation_index"].values())

    out, err = capsys.readouterr()
    assert err == ""
    assert out.count("\n") == 1
    assert url in out and sha(TINY_YAML)[:12] in out and "2 operations, 2 schemas" in out
    # Atomic writes leave no temporary files behind.
    assert sorted(p.name for p in pins.cache.parent.iterdir()) == [pins.cache.name]
    assert sorted(p.name for p in pins.lock.parent.iterdir()) == ["published", pins.lock.name]


def test_lock_file_format_is_diff_stable(base_url: str, pins: Pins) -> None:
    assert pins.run("--url", f"{base_url}/tiny.yaml") == 0
    text = pins.lock.read_text()
    assert text == json.dumps(json.loads(text), indent=2, sort_keys=True) + "\n"


def test_json_spec_is_accepted(base_url: str, pins: Pins) -> None:
    assert pins.run("--url", f"{base_url}/tiny.json") == 0
    assert pins.cache.read_bytes() == TINY_JSON  # cached as fetched, not converted
    lock = pins.lock_json()
    assert lock["operations"] == 2
    assert lock["schemas"] == 1
    assert lock["operation_index"].keys() == {"POST /v3/{domain}/messages", "GET /v3/{domain}/events"}


def test_expect_sha256_match_is_accepted(base_url: str, pins: Pins) -> None:
    assert pins.run("--url", f"{base_url}/tiny.yaml", "--expect-sha256", sha(TINY_YAML).upper()) == 0
    assert pins.lock_json()["sha256"] == sha(TINY_YAML)


def test_malformed_expect_sha256_is_a_usage_error(pins: Pins, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        pins.run("--from", "x.yaml", "--expect-sha256", "abc")
    assert exited.value.code == 2
    assert "not a sha256" in capsys.readouterr().err


def test_file_url_is_accepted(tmp_path: Path, pins: Pins) -> None:
    spec = tmp_path / "spec.json"
    spec.write_bytes(TINY_JSON)
    assert pins.run("--url", spec.as_uri()) == 0
    assert pins.lock_json()["source"] == spec.as_uri()


def test_from_local_file_keeps_the_path_as_given(
    base_url: str, tmp_path: Path, pins: Pins, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert pins.run("--url", f"{base_url}/tiny.yaml") == 0
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "local.json").write_bytes(TINY_JSON)
    monkeypatch.chdir(tmp_path)

    assert pins.run("--from", "specs/local.json") == 0

    lock = pins.lock_json()
    assert lock["source"] == "specs/local.json"
    assert lock["url"] == f"{base_url}/tiny.yaml"  # the published URL is still the one pinned before
    assert lock["sha256"] == sha(TINY_JSON)
    assert pins.cache.read_bytes() == TINY_JSON


def test_no_source_option_refetches_the_locks_url(base_url: str, tmp_path: Path, pins: Pins) -> None:
    assert pins.run("--url", f"{base_url}/tiny.yaml") == 0
    local = tmp_path / "local.json"
    local.write_bytes(TINY_JSON)
    assert pins.run("--from", str(local)) == 0

    assert pins.run() == 0

    lock = pins.lock_json()
    assert lock["source"] == lock["url"] == f"{base_url}/tiny.yaml"
    assert pins.cache.read_bytes() == TINY_YAML


def test_without_lock_or_options_the_default_url_is_fetched(
    base_url: str, pins: Pins, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Point the default at the local server: tests must not depend on (or reach) the internet.
    monkeypatch.setattr(speclib, "DEFAULT_URL", f"{base_url}/tiny.json")
    assert pins.run() == 0
    lock = pins.lock_json()
    assert lock["source"] == lock["url"] == f"{base_url}/tiny.json"


# --- the pinned date does not churn ----------------------------------------------------------------------


def test_repinning_the_same_source_keeps_pinned(base_url: str, pins: Pins) -> None:
    url = f"{base_url}/tiny.yaml"
    assert pins.run("--url", url) == 0
    lock = pins.lock_json()
    lock["pinned"] = "2000-01-01"
    speclib.write_lock(lock, pins.lock)
    before = pins.lock.read_bytes()

    assert pins.run("--url", url) == 0

    assert pins.lock.read_bytes() == before


def test_same_bytes_from_another_source_get_a_new_date(base_url: str, tmp_path: Path, pins: Pins) -> None:
    assert pins.run("--url", f"{base_url}/tiny.yaml") == 0
    lock = pins.lock_json()
    lock["pinned"] = "2000-01-01"
    speclib.write_lock(lock, pins.lock)
    copy = tmp_path / "copy.yaml"
    copy.write_bytes(TINY_YAML)

    assert pins.run("--from", str(copy)) == 0

    assert pins.lock_json()["pinned"] == today()


def test_new_bytes_from_the_same_source_get_a_new_date(base_url: str, tmp_path: Path, pins: Pins) -> None:
    local = tmp_path / "spec.yaml"
    local.write_bytes(TINY_YAML)
    assert pins.run("--from", str(local)) == 0
    lock = pins.lock_json()
    lock["pinned"] = "2000-01-01"
    speclib.write_lock(lock, pins.lock)
    local.write_bytes(TINY_JSON)

    assert pins.run("--from", str(local)) == 0

    assert pins.lock_json()["pinned"] == today()


# --- failures: exit 1, one line, nothing touched ----------------------------------------------------------


@pytest.mark.parametrize(
    ("route", "extra", "fragments"),
    [
        pytest.param("/not-yaml", [], ["not YAML/JSON"], id="not-yaml"),
        pytest.param("/not-openapi.yaml", [], ["not an OpenAPI 3.x document"], id="not-openapi"),
        pytest.param("/missing.yaml", [], ["HTTP 404"], id="http-404"),
        pytest.param("/slow", ["--timeout", "0.3"], ["timed out after 0.3s"], id="timeout"),
        pytest.param("/tiny.json", ["--expect-sha256", "0" * 64], ["sha256 mismatch", "0" * 64], id="sha-mismatch"),
    ],
)
def test_failed_fetch_leaves_cache_and_lock_untouched(
    base_url: str,
    pins: Pins,
    capsys: pytest.CaptureFixture[str],
    route: str,
    extra: list[str],
    fragments: list[str],
) -> None:
    assert pins.run("--url", f"{base_url}/tiny.yaml") == 0
    before = pins.snapshot()
    capsys.readouterr()

    assert pins.run("--url", f"{base_url}{route}", *extra) == 1

    assert_one_line_error(capsys, *fragments)
    assert pins.snapshot() == before
    assert sorted(p.name for p in pins.cache.parent.iterdir()) == [pins.cache.name]


def test_connection_refused_fails(
    base_url: str, closed_port_url: str, pins: Pins, capsys: pytest.CaptureFixture[str]
) -> None:
    assert pins.run("--url", f"{base_url}/tiny.yaml") == 0
    before = pins.snapshot()
    capsys.readouterr()

    assert pins.run("--url", closed_port_url, "--timeout", "5") == 1

    assert_one_line_error(capsys, "cannot fetch", closed_port_url, "refused")
    assert pins.snapshot() == before


def test_missing_local_file_fails(base_url: str, pins: Pins, capsys: pytest.CaptureFixture[str]) -> None:
    assert pins.run("--url", f"{base_url}/tiny.yaml") == 0
    before = pins.snapshot()
    capsys.readouterr()

    assert pins.run("--from", "does/not/exist.yaml") == 1

    assert_one_line_error(capsys, "cannot read does/not/exist.yaml")
    assert pins.snapshot() == before


def test_failure_without_a_previous_pin_creates_nothing(
    base_url: str, pins: Pins, capsys: pytest.CaptureFixture[str]
) -> None:
    assert pins.run("--url", f"{base_url}/not-openapi.yaml") == 1
    assert_one_line_error(capsys, "not an OpenAPI 3.x document")
    assert not pins.lock.parent.exists()


def test_corrupt_lock_is_reported_not_overwritten(
    base_url: str, pins: Pins, capsys: pytest.CaptureFixture[str]
) -> None:
    pins.lock.parent.mkdir(parents=True)
    pins.lock.write_text("<<<<<<< HEAD\n{}\n")

    assert pins.run("--url", f"{base_url}/tiny.yaml") == 1

    assert_one_line_error(capsys, "not valid JSON")
    assert pins.lock.read_text() == "<<<<<<< HEAD\n{}\n"
    assert not pins.cache.exists()


def test_lock_write_failure_restores_the_old_cache(
    base_url: str, pins: Pins, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert pins.run("--url", f"{base_url}/tiny.yaml") == 0
    before = pins.snapshot()
    capsys.readouterr()

    def disk_full(lock: object, path: object = None) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(speclib, "write_lock", disk_full)
    assert pins.run("--url", f"{base_url}/tiny.json") == 1

    assert_one_line_error(capsys, "No space left on device")
    assert pins.snapshot() == before


# --- speclib ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (NOT_YAML, "not YAML/JSON"),
        (b"\x80\x81 not UTF-8", "not YAML/JSON"),
        (b"", "not an OpenAPI 3.x document: top level is NoneType"),
        (b"<html>Sign in</html>", "not an OpenAPI 3.x document: top level is str"),
        (NOT_OPENAPI, "not an OpenAPI 3.x document: openapi is None"),
        (b"openapi: 3.1\npaths: {}\n", "openapi is 3.1"),
        (b"openapi: '2.0'\npaths: {}\n", "openapi is '2.0'"),
        (b"openapi: 3.1.0\npaths: []\n", "paths is list"),
        (b'{"openapi": "3.1.0"}', "paths is NoneType"),
    ],
)
def test_parse_spec_rejects(data: bytes, reason: str) -> None:
    with pytest.raises(speclib.SpecError) as raised:
        speclib.parse_spec(data)
    assert reason in str(raised.value)
    assert "\n" not in str(raised.value)


def test_iter_operations_skips_non_operations_in_document_order() -> None:
    spec = speclib.parse_spec(TINY_YAML)
    spec["paths"]["/v3/domains"]["x-internal"] = {"get": {}}
    spec["paths"]["/v4/ref"] = {"$ref": "#/components/pathItems/Thing"}
    spec["paths"]["/v4/all"] = {m: {"operationId": m} for m in ["trace", "options", "head", "patch", "delete", "put"]}
    assert [(method, path) for method, path, _ in speclib.iter_operations(spec)] == [
        ("GET", "/v3/domains"),
        ("POST", "/v3/domains"),
        ("TRACE", "/v4/all"),
        ("OPTIONS", "/v4/all"),
        ("HEAD", "/v4/all"),
        ("PATCH", "/v4/all"),
        ("DELETE", "/v4/all"),
        ("PUT", "/v4/all"),
    ]


def test_operation_index_ignores_format_and_key_order() -> None:
    operation = {"operationId": "send", "responses": {"200": {"description": "ok"}}, "tags": ["Messages"]}
    as_json = json.dumps({"openapi": "3.1.0", "paths": {"/m": {"post": operation}}}).encode()
    as_yaml = b"openapi: 3.1.0\npaths:\n  /m:\n    post:\n      tags: [Messages]\n"
    as_yaml += b"      responses: {'200': {description: ok}}\n      operationId: send\n"
    index = speclib.operation_index(speclib.parse_spec(as_json))
    assert index == speclib.operation_index(speclib.parse_spec(as_yaml))
    canonical = json.dumps(operation, sort_keys=True, separators=(",", ":"), default=str)
    assert index == {"POST /m": hashlib.sha256(canonical.encode()).hexdigest()[:16]}

    changed = json.loads(as_json)
    changed["paths"]["/m"]["post"]["summary"] = "Send"
    assert speclib.operation_index(changed)["POST /m"] != index["POST /m"]


def test_load_and_write_lock_round_trip(pins: Pins) -> None:
    assert speclib.load_lock() is None
    speclib.write_lock({"b": 1, "a": ["x"]})
    assert pins.lock.read_text() == '{\n  "a": [\n    "x"\n  ],\n  "b": 1\n}\n'
    assert speclib.load_lock() == {"a": ["x"], "b": 1}


def test_read_pinned_spec_checks_the_hash(base_url: str, pins: Pins) -> None:
    with pytest.raises(speclib.SpecError, match=r"no spec lock .*make spec"):
        speclib.read_pinned_spec()
    assert pins.run("--url", f"{base_url}/tiny.yaml") == 0
    assert speclib.read_pinned_spec() == speclib.parse_spec(TINY_YAML)

    pins.cache.write_bytes(TINY_YAML + b"\n")
    with pytest.raises(speclib.SpecError, match=r"the lock pins .*make spec"):
        speclib.read_pinned_spec()
    pins.cache.unlink()
    with pytest.raises(speclib.SpecError, match=r"no pinned spec .*make spec"):
        speclib.read_pinned_spec()


def test_default_paths_point_into_the_project() -> None:
    # The constants as imported, before the autouse fixture redirected them to tmp_path.
    root = Path(__file__).resolve().parents[1]
    assert (
        root,
        root / "openapi/spec.lock.json",
        root / "openapi/published/mailgun.yaml",
    ) == REAL_PATHS


# --- the real published specs (../shared) -----------------------------------------------------------------

PUBLISHED = [
    pytest.param(
        "mailgun-2026-02.yaml",
        "7c24a6183c48cae793c61fd2f6bf3dd22e2cd058dac6f7721f50ee390487db54",
        210,
        285,
        id="feb",
    ),
    pytest.param(
        "mailgun-2026-05.yaml",
        "b58e83444577fddea25fb1c5ff539aacc53c53dfb2d05dd0b35f09d380e7e0e6",
        213,
        293,
        id="may",
    ),
]


@pytest.mark.shared
@needs_shared
@pytest.mark.parametrize(("name", "sha256", "operations", "schemas"), PUBLISHED)
def test_pin_published_spec(pins: Pins, name: str, sha256: str, operations: int, schemas: int) -> None:
    path = str(SHARED_SPECS / name)
    assert pins.run("--from", path, "--expect-sha256", sha256) == 0
    lock = pins.lock_json()
    assert lock["sha256"] == sha256
    assert lock["operations"] == operations == len(lock["operation_index"])
    assert lock["schemas"] == schemas == len(lock["schema_names"])
    assert (lock["openapi"], lock["title"]) == ("3.1.0", "Mailgun API")
    assert lock["url"] == speclib.DEFAULT_URL
    assert lock["source"] == path
    assert pins.cache.read_bytes() == (SHARED_SPECS / name).read_bytes()


@pytest.mark.shared
@needs_shared
def test_operation_index_diff_between_published_specs() -> None:
    feb, may = (
        speclib.operation_index(speclib.parse_spec((SHARED_SPECS / name).read_bytes()))
        for name in ("mailgun-2026-02.yaml", "mailgun-2026-05.yaml")
    )
    assert sorted(may.keys() - feb.keys()) == [
        "GET /v1/preview/tests/{test_id}/results",
        "GET /v4/address/validate",
        "GET /v4/inbox/results/{result}",
    ]
    assert not feb.keys() - may.keys()


# --- checking the pinned spec (offline) ----------------------------------------------------------------------


def test_check_passes_on_a_fresh_pin_and_reads_no_network(
    tmp_path: Path, pins: Pins, capsys: pytest.CaptureFixture[str]
) -> None:
    local = tmp_path / "tiny.yaml"
    local.write_bytes(TINY_YAML)
    assert pins.run("--from", str(local)) == 0
    before = pins.snapshot()
    capsys.readouterr()
    assert pins.run("--check") == 0
    assert "is the pinned spec" in capsys.readouterr().out
    assert pins.run("--check", str(local)) == 0
    assert f"the same bytes as {local}" in capsys.readouterr().out
    assert pins.snapshot() == before  # checking never re-pins


def test_check_refuses_other_bytes(tmp_path: Path, pins: Pins, capsys: pytest.CaptureFixture[str]) -> None:
    local = tmp_path / "tiny.yaml"
    local.write_bytes(TINY_YAML)
    assert pins.run("--from", str(local)) == 0
    local.write_bytes(TINY_JSON)  # e.g. ../shared holds another version than the one pinned
    capsys.readouterr()
    assert pins.run("--check", str(local)) == 1
    assert_one_line_error(capsys, str(local), "has sha256", "the pinned spec")


def test_check_fails_on_a_hand_edited_pinned_file(
    tmp_path: Path, pins: Pins, capsys: pytest.CaptureFixture[str]
) -> None:
    local = tmp_path / "tiny.yaml"
    local.write_bytes(TINY_YAML)
    assert pins.run("--from", str(local)) == 0
    pins.cache.write_bytes(TINY_YAML + b"# edited\n")
    capsys.readouterr()
    assert pins.run("--check") == 1
    assert_one_line_error(capsys, "the lock pins", "edited by hand")


def test_check_fails_on_a_lock_that_does_not_describe_the_file(
    tmp_path: Path, pins: Pins, capsys: pytest.CaptureFixture[str]
) -> None:
    local = tmp_path / "tiny.yaml"
    local.write_bytes(TINY_YAML)
    assert pins.run("--from", str(local)) == 0
    lock = pins.lock_json()
    lock["operations"] += 1
    lock["operation_index"].pop(next(iter(lock["operation_index"])))
    pins.lock.write_text(json.dumps(lock))
    capsys.readouterr()
    assert pins.run("--check") == 1
    assert_one_line_error(capsys, "does not describe", "operation_index, operations")


def test_source_records_where_the_copy_came_from(tmp_path: Path, pins: Pins) -> None:
    local = tmp_path / "tiny.yaml"
    local.write_bytes(TINY_YAML)
    assert pins.run("--from", str(local), "--source", "github.com/example/repo src/openapi.yaml") == 0
    assert pins.lock_json()["source"] == "github.com/example/repo src/openapi.yaml"
    assert pins.run("--check") == 0


def test_the_projects_pinned_spec_is_tracked_and_matches_its_lock(capsys: pytest.CaptureFixture[str]) -> None:
    # The real files, not tmp_path: a lone clone has everything `make generate` and Prism read.
    _root, lock_path, pinned_path = REAL_PATHS
    assert fetch_spec.main(["--check", "--lock", str(lock_path), "--pinned", str(pinned_path)]) == 0
    assert (pinned_path.parent / "LICENSE").read_text().split()[:3] == ["Apache", "License", "Version"]
    # The provenance note is prose a maintainer updates when a copy comes from elsewhere; a re-pin (`make spec`)
    # must not fail the tests, so only its presence is checked.
    assert "## Where this copy came from" in (pinned_path.parent / "README.md").read_text()
