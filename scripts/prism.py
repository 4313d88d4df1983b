"""Stoplight Prism as test infrastructure: a local mock of Mailgun's API that validates every request against
the fixed spec (what ``scripts/fix_spec.py`` makes of the pinned published spec) and answers with its examples.

Prism (npm ``@stoplight/prism-cli``, pinned in package.json/package-lock.json; ``make prism-install``) runs from
``node_modules/``, on 127.0.0.1 only. What it does quietly is made loud here:

- a schema that ajv cannot compile is *skipped*: Prism validates nothing against it and says nothing. A Node check
  compiles every schema of every operation through Prism's own validators and ajv instances; failures are
  ``PrismServer.skipped_schemas``; suspicious start-up log lines are ``PrismServer.schema_problems``.
- a request that violates the spec is still answered (``--errors false``): the violations are in the
  ``sl-violations`` header (``violations()``), or, when Prism answers with an error of its own (no matching route,
  an invalid request to an operation without a 4xx response), in its problem+json body (``prism_errors()``).
  ``raise_for_violations()`` checks both.

Prism reads the fixed spec in a dialect (``prism_dialect()``) only where the spec is right and Prism cannot read
it (RFC 2822 timestamps, JSON parts of form bodies); spec defects are fixed in openapi/overlay.yaml.

Usage:
    python scripts/prism.py run -- COMMAND [ARG...]   run COMMAND with MAILGUN_BASE_URL pointing at Prism
    python scripts/prism.py serve                     start Prism and wait (Ctrl-C stops it)
    python scripts/prism.py check                     start Prism, report version, timing, operations, problems

Importable (``sys.path.insert(0, "scripts")``; ``import prism``)::

    with prism.PrismServer() as server:
        response = httpx.get(server.base_url + "/v4/domains", auth=("api", "test-key"))
        prism.raise_for_violations(response.headers, response.content)
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import FrameType, TracebackType
from typing import IO, Any

SCRIPTS_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(SCRIPTS_DIR))
import fix_spec  # noqa: E402
import speclib  # noqa: E402

PROJECT_ROOT: Path = speclib.PROJECT_ROOT
NODE_MODULES: Path = PROJECT_ROOT / "node_modules"
PRISM_BIN: Path = NODE_MODULES / ".bin" / "prism"
PRISM_PACKAGE: Path = NODE_MODULES / "@stoplight" / "prism-cli" / "package.json"
HOST = "127.0.0.1"  # never anything else: the mock answers anyone who can reach it
# The compile check takes seconds; its answer depends only on the served spec, Prism's version and the check, and
# is kept here (node_modules/ is git-ignored, and `npm ci` empties it).
CHECK_CACHE_DIR: Path = NODE_MODULES / ".cache" / "mailgun-prism"
STARTUP_TIMEOUT = 60.0
STOP_TIMEOUT = 5.0
TEST_API_KEY = "test-key"
PRISM_ERRORS = "https://stoplight.io/prism/errors#"  # the `type` of the problem+json errors Prism makes up itself
INSTALL_HINT = "run `make prism-install` (npm ci) to install Prism into node_modules/"

# Prism's own log lines that are expected at start-up: the banner, one line per route, the "listening" line.
_ROUTE_LINE = re.compile(r"\[CLI\]\s+\S+\s+info\s+(GET|PUT|POST|DELETE|PATCH|HEAD|OPTIONS|TRACE)\s+http", re.I)
_LISTENING = re.compile(r"Prism is listening on (http://\S+)")
_STARTING = "Starting Prism"
# Anything else Prism (or Node, or ajv) prints before it listens is suspect when it mentions one of these.
_PROBLEM_WORDS = re.compile(
    r"schema|compile|\$ref|resolv|invalid|unable|cannot|can't|error|warn|fatal|unsupported|unknown|strict", re.I
)
_ANSI = re.compile(r"\x1b\[[0-9;]*m")

# Exits Node when our end of its stdin closes: whatever way this process ends (even SIGKILL), Prism follows.
_WATCHDOG_JS = """\
'use strict';
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
"""

# Compiles, the way Prism would at request time, every schema Prism can meet: parameters, request bodies, response
# bodies and headers of each operation, through Prism's own validators (so the same ajv instances, drafts, allOf
# merging and `__bundled__` handling). Prism swallows a compile error (the schema then validates nothing); here
# it is recorded. Prints one JSON object.
_SCHEMA_CHECK_JS = r"""
'use strict';
const path = require('path');
const [specPath, root] = process.argv.slice(2);
const from = (id, dir) => require(require.resolve(id, { paths: [dir] }));
const cliDir = path.dirname(require.resolve('@stoplight/prism-cli/package.json', { paths: [root] }));
const httpDir = path.dirname(require.resolve('@stoplight/prism-http/package.json', { paths: [cliDir] }));
const Core = from('ajv/dist/core', httpDir).default;
const problems = new Set();
let where = '';
let compiled = 0;
const compile = Core.prototype.compile;
Core.prototype.compile = function (schema, meta) {
  compiled += 1;
  try {
    return compile.call(this, schema, meta);
  } catch (e) {
    problems.add(`${where}: ${String((e && e.message) || e).split('\n')[0]}`);
    throw e;
  }
};
const { getHttpOperationsFromSpec } = from('@stoplight/prism-http', cliDir);
const V = require(path.join(httpDir, 'dist', 'validator', 'validators'));
const INPUT = 0, OUTPUT = 1, BOUNDARY = 'prism-schema-check';
function run(label, fn) {
  where = label;
  try {
    fn();
  } catch (e) {
    problems.add(`${label}: validator threw: ${String((e && e.message) || e).split('\n')[0]}`);
  }
}
function body(label, contents, context, bundle) {
  for (const content of contents || []) {
    if (!content.schema) continue;
    const mt = content.mediaType;
    const form = /^(multipart\/form-data|application\/x-www-form-urlencoded)/i.test(mt);
    const target = !form ? {} : mt.startsWith('multipart/') ? `--${BOUNDARY}--\r\n` : '';
    run(`${label} body ${mt}`, () => V.validateBody(target, [content], context, mt, BOUNDARY, bundle));
  }
}
getHttpOperationsFromSpec(specPath).then(operations => {
  for (const op of operations) {
    const label = `${op.method.toUpperCase()} ${op.path}`;
    const bundle = op.__bundled__;
    const req = op.request || {};
    if (req.query && req.query.length) run(`${label} query`, () => V.validateQuery({}, req.query, INPUT, bundle));
    if (req.path && req.path.length) run(`${label} path`, () => V.validatePath({}, req.path, INPUT, bundle));
    if (req.headers && req.headers.length)
      run(`${label} headers`, () => V.validateHeaders({}, req.headers, INPUT, bundle));
    if (req.body) body(`${label} request`, req.body.contents, INPUT, bundle);
    for (const res of op.responses || []) {
      body(`${label} response ${res.code}`, res.contents, OUTPUT, bundle);
      if (res.headers && res.headers.length)
        run(`${label} response ${res.code} headers`, () => V.validateHeaders({}, res.headers, OUTPUT, bundle));
    }
  }
  process.stdout.write(JSON.stringify({ operations: operations.length, compiled, problems: [...problems] }));
}).catch(e => {
  const problem = `Prism could not load the spec: ${(e && e.message) || e}`;
  process.stdout.write(JSON.stringify({ operations: 0, compiled: 0, problems: [problem] }));
});
"""


class PrismError(Exception):
    """Prism is missing, did not start in time, or exited; ``str()`` says why (with Prism's last log lines)."""


# ----------------------------------------------------------------------------------------------- violations
@dataclass(frozen=True)
class Violation:
    """One entry of Prism's ``sl-violations`` header."""

    location: tuple[str, ...]  # ("request", "body", "from"), ("response", "body", "items", "0", "created_at"), ...
    severity: str  # "Error", "Warning", "Information", "Hint"
    code: str
    message: str

    @property
    def side(self) -> str:
        """``request`` or ``response``: whose fault it is (ours, or the spec's example)."""
        return self.location[0] if self.location else ""

    def __str__(self) -> str:
        return f"{'.'.join(self.location)}: {self.message} ({self.severity}, {self.code or '-'})"


def parse_violations(response_headers: Mapping[str, str]) -> list[Violation]:
    """Every violation in Prism's ``sl-violations`` header (request- and response-side); [] when there is none.

    Prism cuts a header over ~8 KB and prefixes it with ``Too many violations!``; the complete entries before the
    cut are returned (request-side entries come first), plus one marker entry when not even one was complete.
    """
    raw = _header(response_headers, "sl-violations")
    if raw is None or not raw.strip():
        return []
    text = raw.strip()
    truncated = text.startswith("Too many violations!")
    if truncated:
        text = text[len("Too many violations!") :].strip()
    items: list[Any]
    try:
        parsed = json.loads(text)
        items = parsed if isinstance(parsed, list) else [parsed]
    except json.JSONDecodeError:
        items = _complete_objects(text)
    result = [_violation(item) for item in items if isinstance(item, dict)]
    if not result:
        message = f"unparseable sl-violations header{' (truncated by Prism)' if truncated else ''}: {raw[:200]}"
        result.append(Violation(("request",), "Error", "sl-violations", message))
    return result


def violations(response_headers: Mapping[str, str]) -> list[str]:
    """The request-side violations (location starting with ``request``) Prism reported, as readable lines."""
    return [str(v) for v in parse_violations(response_headers) if v.side == "request"]


def prism_errors(response_headers: Mapping[str, str], body: bytes | str) -> list[str]:
    """Why Prism answered with an error of its own instead of a response from the spec; [] when it did not.

    An invalid request for an operation without a 400/422 response, an unknown route, a missing Authorization
    header: Prism answers application/problem+json (422, 404, 401, ...) and sets no ``sl-violations`` header.
    """
    if not (_header(response_headers, "content-type") or "").startswith("application/problem+json"):
        return []
    try:
        problem = json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError):
        return []
    if not isinstance(problem, dict) or not str(problem.get("type", "")).startswith(PRISM_ERRORS):
        return []
    kind = str(problem["type"])[len(PRISM_ERRORS) :]
    head = f"prism {problem.get('status', '?')} {kind}: {problem.get('title', '')}"
    details = [_violation(item) for item in problem.get("validation") or [] if isinstance(item, dict)]
    if not details:
        return [f"{head}: {problem.get('detail', '')}"]
    return [f"{head}: request.{v}" if v.location else f"{head}: {v}" for v in details]


class ViolationError(AssertionError):
    """A request broke the spec (Prism said so); ``problems`` lists what it reported."""

    def __init__(self, what: str, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        super().__init__(f"{what}: Prism reports {len(self.problems)} problem(s):\n  " + "\n  ".join(self.problems))


def raise_for_violations(
    response_headers: Mapping[str, str], body: bytes | str = b"", *, what: str = "request"
) -> None:
    """Raise ViolationError if Prism found the request invalid (``violations``) or refused it (``prism_errors``)."""
    problems = violations(response_headers) + prism_errors(response_headers, body)
    if problems:
        raise ViolationError(what, problems)


def _header(headers: Mapping[str, str], name: str) -> str | None:
    value = headers.get(name)  # httpx.Headers and friends are case-insensitive; a plain dict may not be
    if value is None:
        value = next((v for k, v in headers.items() if k.lower() == name), None)
    return value


def _complete_objects(text: str) -> list[Any]:
    decoder = json.JSONDecoder()
    items: list[Any] = []
    index = text.find("{")
    while index != -1:
        try:
            item, end = decoder.raw_decode(text, index)
        except json.JSONDecodeError:
            break
        items.append(item)
        index = text.find("{", end)
    return items


def _violation(item: Mapping[str, Any]) -> Violation:
    location = item.get("location")
    if isinstance(location, str):
        parts = tuple(location.split("."))
    elif isinstance(location, list):
        parts = tuple(str(part) for part in location)
    else:
        parts = ()
    return Violation(parts, str(item.get("severity", "")), str(item.get("code", "")), str(item.get("message", "")))


# ------------------------------------------------------------------------------------------------- install
def prism_installed() -> bool:
    return PRISM_BIN.exists() and shutil.which("node") is not None


def unavailable_reason() -> str | None:
    """Why Prism cannot run on this machine (for a test skip), or None. The pinned spec is tracked: an unreadable
    one is an error when the server starts, not a reason to skip."""
    if not prism_installed():
        return f"Prism is not installed ({PRISM_BIN} or node missing): {INSTALL_HINT}"
    return None


def prism_version() -> str:
    """The installed @stoplight/prism-cli version ('' when it is not installed)."""
    try:
        return str(json.loads(PRISM_PACKAGE.read_text(encoding="utf-8")).get("version", ""))
    except (OSError, json.JSONDecodeError):
        return ""


# Mailgun timestamps travel as RFC 2822 ('Thu, 11 Dec 2025 01:49:40 +0000'); a few responses use ISO 8601 or Go's
# time.String() ('2023-01-02 02:14:27 +0000 UTC'): the forms the generated templates parse and (RFC 2822) send.
TIMESTAMP_PATTERN = (
    r"^(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} "
    r"\d{2}:\d{2}(?::\d{2})? (?:[+-]\d{4}|[A-Z]{1,5})$"
    r"|^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[Zz]|[+-]\d{2}:?\d{2})?$"
    r"|^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:\.\d+)? [+-]\d{4}(?: [A-Z]{2,5})?$"
)
# A JSON object as text: `{` then a double-quoted key or `}` (a Python repr has single quotes).
JSON_OBJECT_PATTERN = r'^\s*\{\s*(?:"|\}\s*$)'
_NOT_SCHEMA_KEYS = frozenset({"example", "examples", "default", "enum", "const", "x-enumDescriptions"})
_NAME_MAPS = frozenset({"properties", "patternProperties", "schemas", "$defs", "definitions"})


def prism_dialect(spec: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The spec as Prism must read it, and what was changed; the input is not changed.

    Only where our spec is right and Prism cannot read it; everything else is fixed in openapi/overlay.yaml:

    1. Timestamps. The overlay declares Mailgun's timestamps `format: date-time` on purpose, so that the generated
       client gives users `datetime` and sends RFC 2822 (its "dates" section). JSON Schema's date-time is RFC 3339
       only, so Prism would flag every timestamp the SDK sends and Mailgun accepts (`start` of an analytics query).
       An overlay action cannot change that without turning the SDK's `datetime` fields into `str`: each
       `format: date-time` becomes TIMESTAMP_PATTERN here.
    2. JSON parts of form bodies. An object-typed field of a multipart (or urlencoded) body travels as JSON text
       (OAS: a part's default content type for an object is application/json); Prism compares that text with the
       object schema and always reports "must be object". Such a field is served as a string that must look like
       a JSON object (JSON_OBJECT_PATTERN), which still catches a Python repr such as `{'enabled': True}`.
    3. Forms both ways. Each multipart body also accepts application/x-www-form-urlencoded with the same schema
       (fix_spec.accept_urlencoded_forms: Mailgun reads both; the generator must see one media type per body).
       Prism and mailgun.testing's contract read this dialect.
    """
    copy: dict[str, Any] = json.loads(json.dumps(spec))
    timestamps = _timestamps_as_patterns(copy)
    json_parts = _form_objects_as_json_text(copy)
    widened = fix_spec.accept_urlencoded_forms(copy)  # after the JSON parts: the twin copies their schema
    return copy, [
        f"prism dialect: {widened} multipart bodies also accepted urlencoded (the SDK sends forms without files so)",
        f"prism dialect: {timestamps} date-time formats served as RFC 2822/ISO 8601 patterns",
        f"prism dialect: {len(json_parts)} object fields of form bodies served as JSON text"
        + (f" ({', '.join(json_parts)})" if json_parts else ""),
    ]


def _timestamps_as_patterns(spec: dict[str, Any]) -> int:
    rewritten = 0
    stack: list[tuple[str, Any]] = [("", spec)]  # (the key that holds it, node)
    while stack:
        holder, node = stack.pop()
        if isinstance(node, list):
            stack.extend((holder, item) for item in node)
            continue
        if not isinstance(node, dict):
            continue
        if holder in _NAME_MAPS:  # property names, not keywords: a property may be called `example`
            stack.extend((key, value) for key, value in node.items())
            continue
        if node.get("format") == "date-time":
            del node["format"]
            if "pattern" in node:
                node.setdefault("allOf", []).append({"pattern": TIMESTAMP_PATTERN})
            else:
                node["pattern"] = TIMESTAMP_PATTERN
            rewritten += 1
        stack.extend((key, value) for key, value in node.items() if key not in _NOT_SCHEMA_KEYS)
    return rewritten


def _form_objects_as_json_text(spec: dict[str, Any]) -> list[str]:
    schemas = spec.get("components", {}).get("schemas", {})
    changed: list[str] = []
    for method, path, operation in speclib.iter_operations(spec):
        content = (operation.get("requestBody") or {}).get("content") or {}
        for media_type, media in content.items():
            if media_type not in fix_spec.FORM_MEDIA_TYPES or not isinstance(media, dict):
                continue
            body = _resolve(media.get("schema"), schemas)
            properties = body.get("properties") or {}
            objects = [
                name
                for name, prop in properties.items()
                if _resolve(prop, schemas).get("type") == "object" or "properties" in _resolve(prop, schemas)
            ]
            if not objects:
                continue
            body = json.loads(json.dumps(body))  # an inline copy: the component may serve JSON bodies too
            for name in objects:
                body["properties"][name] = {
                    "type": "string",
                    "pattern": JSON_OBJECT_PATTERN,
                    "description": "JSON text of an object (served so by scripts/prism.py)",
                }
                changed.append(f"{method} {path} {name}")
            media["schema"] = body
    return changed


def _resolve(node: Any, schemas: Mapping[str, Any]) -> dict[str, Any]:
    seen: set[str] = set()
    while isinstance(node, dict) and isinstance(node.get("$ref"), str) and node["$ref"] not in seen:
        seen.add(node["$ref"])
        node = schemas.get(node["$ref"].rsplit("/", 1)[-1], {})
    return node if isinstance(node, dict) else {}


def write_prism_spec(path: Path, spec: Mapping[str, Any] | None = None) -> list[str]:
    """Write what Prism serves: ``spec``, or the fixed spec (pinned spec + openapi/ fixes), in Prism's dialect.

    Returns report lines (fix_spec's, and the dialect's)."""
    report: list[str] = []
    if spec is None:
        spec, report = fix_spec.fix_spec(speclib.read_pinned_spec())
    served, dialect = prism_dialect(spec)
    path.write_text(json.dumps(served), encoding="utf-8")
    return [*report, *dialect]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


# -------------------------------------------------------------------------------------------------- server
class PrismServer:
    """``prism mock`` on the fixed spec, on 127.0.0.1 and a free port, for the life of a ``with`` block.

    Static mode (``--dynamic false``): responses are the spec's own examples, so tests see what Mailgun documents
    (choose one with a ``Prefer: code=404`` or ``Prefer: example=name`` request header). ``--errors false``:
    violations never replace the response; read them with ``violations(response.headers)``.

    ``spec``: a spec document to serve instead of the fixed one (for tests of this module). After start:
    ``base_url``, ``port``, ``startup_seconds``, ``routes`` (operations Prism loaded), ``startup_log``,
    ``schema_problems``, ``skipped_schemas``, ``schemas_compiled``; ``log_tail()`` at any time.
    """

    def __init__(
        self,
        spec: Mapping[str, Any] | None = None,
        *,
        startup_timeout: float = STARTUP_TIMEOUT,
        check_schemas: bool = True,
    ) -> None:
        self._spec = spec
        self._startup_timeout = startup_timeout
        self._check_schemas = check_schemas
        self._tmp: tempfile.TemporaryDirectory[str] | None = None
        self._proc: subprocess.Popen[bytes] | None = None
        self._checker: subprocess.Popen[bytes] | None = None
        self._files: list[IO[bytes]] = []
        self._log_path: Path | None = None
        self._check_cache: Path | None = None
        self.schema_check_cached = False  # the compile check's answer came from CHECK_CACHE_DIR
        self.port = 0
        self.base_url = ""
        self.startup_seconds = 0.0
        self.routes = 0
        self.startup_log: list[str] = []
        self.schema_problems: list[str] = []
        self.skipped_schemas: list[str] = []
        self.schemas_compiled = 0
        self.fix_report: list[str] = []

    # -- lifecycle
    def __enter__(self) -> PrismServer:
        self.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    @property
    def pid(self) -> int | None:
        """Prism's process id while it was started (it leads its own process group)."""
        return self._proc.pid if self._proc is not None else None

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def start(self) -> None:
        if self._proc is not None:
            raise PrismError("this PrismServer was already started")
        node = shutil.which("node")
        if not PRISM_BIN.exists() or node is None:
            raise PrismError(f"Prism is not installed ({PRISM_BIN} or node missing): {INSTALL_HINT}")
        started = time.monotonic()
        try:
            self._tmp = tempfile.TemporaryDirectory(prefix="mailgun-prism-")
            tmp = Path(self._tmp.name)
            spec_path = tmp / "spec.json"
            self.fix_report = write_prism_spec(spec_path, self._spec)
            env = {**os.environ, "FORCE_COLOR": "0", "NO_COLOR": "1"}
            cache_key = hashlib.sha256(
                b"\0".join([spec_path.read_bytes(), prism_version().encode(), _SCHEMA_CHECK_JS.encode()])
            ).hexdigest()[:32]
            self._check_cache = CHECK_CACHE_DIR / f"schema-check-{cache_key}.json"
            if self._check_schemas and self._check_cache.exists():
                self._read_schema_check(self._check_cache.read_text(encoding="utf-8"), "")
                self.schema_check_cached = True
            elif self._check_schemas:
                (tmp / "schema_check.cjs").write_text(_SCHEMA_CHECK_JS, encoding="utf-8")
                self._checker = subprocess.Popen(
                    [node, str(tmp / "schema_check.cjs"), str(spec_path), str(PROJECT_ROOT)],
                    stdin=subprocess.DEVNULL,
                    stdout=self._open(tmp / "schema_check.json"),
                    stderr=self._open(tmp / "schema_check.err"),
                    cwd=PROJECT_ROOT,
                    env=env,
                    start_new_session=True,
                )
            (tmp / "watchdog.cjs").write_text(_WATCHDOG_JS, encoding="utf-8")
            self._launch(node, tmp, spec_path, env, deadline=started + self._startup_timeout)
            if self._checker is not None:
                self._finish_schema_check(tmp, deadline=started + self._startup_timeout)
        except BaseException:
            self.stop()
            raise
        self.startup_seconds = time.monotonic() - started

    def _launch(self, node: str, tmp: Path, spec_path: Path, env: dict[str, str], deadline: float) -> None:
        for attempt in range(3):  # a free port can be taken between our probe and Prism's bind
            self.port = _free_port()
            log_path = tmp / f"prism-{attempt}.log"
            self._log_path = log_path
            self._proc = subprocess.Popen(
                [
                    node,
                    "--require",
                    str(tmp / "watchdog.cjs"),
                    str(PRISM_BIN),
                    "mock",
                    str(spec_path),
                    "--host",
                    HOST,
                    "--port",
                    str(self.port),
                    "--errors",
                    "false",
                    "--dynamic",
                    "false",
                    "--cors",
                    "false",
                ],
                stdin=subprocess.PIPE,
                stdout=self._open(log_path),
                stderr=subprocess.STDOUT,
                cwd=PROJECT_ROOT,
                env=env,
                start_new_session=True,
            )
            if self._wait_listening(deadline):
                return
            log = self.log_tail(40)
            self._terminate(self._proc)
            self._proc = None
            if "EADDRINUSE" not in log:
                raise PrismError(f"Prism exited during start-up:\n{log}")
        raise PrismError(f"Prism could not bind a free port on {HOST} (3 attempts):\n{self.log_tail(20)}")

    def _wait_listening(self, deadline: float) -> bool:
        """True once Prism listens and accepts a connection; False if it exited; PrismError after the deadline."""
        assert self._proc is not None
        while True:
            lines = self._log_lines()
            for index, line in enumerate(lines):
                match = _LISTENING.search(line)
                if match and self._accepts_connections():
                    self.base_url = match.group(1).rstrip("/")
                    self._read_startup_log(lines[: index + 1])
                    return True
            if self._proc.poll() is not None:
                return False
            if time.monotonic() > deadline:
                tail = self.log_tail(40)
                raise PrismError(f"Prism did not answer within {self._startup_timeout:.0f} s:\n{tail}")
            time.sleep(0.05)

    def _accepts_connections(self) -> bool:
        try:
            with socket.create_connection((HOST, self.port), timeout=1.0):
                return True
        except OSError:
            return False

    def _read_startup_log(self, lines: list[str]) -> None:
        self.startup_log = lines
        self.routes = sum(1 for line in lines if _ROUTE_LINE.search(line))
        self.schema_problems = [
            line
            for line in lines
            if not _ROUTE_LINE.search(line)
            and not _LISTENING.search(line)
            and _STARTING not in line
            and _PROBLEM_WORDS.search(line)
        ]

    def _finish_schema_check(self, tmp: Path, deadline: float) -> None:
        assert self._checker is not None
        try:
            self._checker.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired as exc:
            raise PrismError(f"the schema compile check did not finish within {self._startup_timeout:.0f} s") from exc
        out = (tmp / "schema_check.json").read_text(encoding="utf-8", errors="replace")
        err = (tmp / "schema_check.err").read_text(encoding="utf-8", errors="replace")
        if self._checker.returncode != 0 or not self._read_schema_check(out, err):
            raise PrismError(f"the schema compile check failed (exit {self._checker.returncode}):\n{err[-2000:]}")
        if not err.strip() and self._check_cache is not None:  # same spec, Prism and check: same answer
            with contextlib.suppress(OSError):
                self._check_cache.parent.mkdir(parents=True, exist_ok=True)
                partial = self._check_cache.with_suffix(f".{os.getpid()}.tmp")
                partial.write_text(out, encoding="utf-8")
                os.replace(partial, self._check_cache)

    def _read_schema_check(self, out: str, err: str) -> bool:
        try:
            report = json.loads(out)
        except json.JSONDecodeError:
            return False
        if not isinstance(report, dict):
            return False
        self.schemas_compiled = int(report.get("compiled", 0))
        self.skipped_schemas = [str(p) for p in report.get("problems", [])]
        self.schema_problems += [f"schema check: {line}" for line in err.splitlines() if line.strip()]
        return True

    def stop(self) -> None:
        """Stop Prism (stdin EOF, then SIGTERM, then SIGKILL, each with a bounded wait); safe to call twice."""
        for proc in (self._proc, self._checker):
            if proc is not None:
                self._terminate(proc)
        for handle in self._files:
            handle.close()
        self._files.clear()
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None

    @staticmethod
    def _terminate(proc: subprocess.Popen[bytes]) -> None:
        if proc.stdin is not None and not proc.stdin.closed:
            with contextlib.suppress(OSError):
                proc.stdin.close()  # the watchdog exits Node on EOF
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=1.0)
        for sig in (signal.SIGTERM, signal.SIGKILL):
            if proc.poll() is not None:
                break
            try:
                os.killpg(proc.pid, sig)  # its own session: this group is Prism and nothing else
            except ProcessLookupError:
                break
            try:
                proc.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                continue
        proc.wait()

    def _open(self, path: Path) -> IO[bytes]:
        handle = path.open("wb")
        self._files.append(handle)
        return handle

    # -- logs
    def _log_lines(self) -> list[str]:
        if self._log_path is None:
            return []
        try:
            text = self._log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return []
        return [_ANSI.sub("", line) for line in text.splitlines()]

    def log_tail(self, lines: int = 40) -> str:
        """The last lines of Prism's log (start-up and request log) for error messages."""
        return "\n".join(self._log_lines()[-lines:])


# ----------------------------------------------------------------------------------------------------- CLI
def _on_sigterm(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)  # unwind through `with PrismServer()` so Prism is stopped


def _summary(server: PrismServer) -> str:
    return (
        f"prism {prism_version()} on {server.base_url}: {server.routes} operations, "
        f"{server.schemas_compiled} schema compilations, {len(server.skipped_schemas)} skipped schemas, "
        f"started in {server.startup_seconds:.1f} s"
    )


def run(command: Sequence[str]) -> int:
    """Run ``command`` against Prism (MAILGUN_BASE_URL, MAILGUN_API_KEY=test-key); return its exit code."""
    with PrismServer() as server:
        print(_summary(server), file=sys.stderr)
        env = {**os.environ, "MAILGUN_BASE_URL": server.base_url, "MAILGUN_API_KEY": TEST_API_KEY}
        try:
            return subprocess.call(list(command), env=env)
        except OSError as exc:
            print(f"prism: cannot run {command[0]!r}: {exc}", file=sys.stderr)
            return 127


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    run_parser = commands.add_parser("run", help="run a command with MAILGUN_BASE_URL pointing at Prism")
    run_parser.add_argument("argv", nargs=argparse.REMAINDER, help="-- COMMAND [ARG...]")
    commands.add_parser("serve", help="start Prism and wait until interrupted")
    commands.add_parser("check", help="start Prism, report what it loaded and any schema problems, stop")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        if args.command == "run":
            command = args.argv[1:] if args.argv[:1] == ["--"] else args.argv
            if not command:
                parser.error("run needs a command: prism.py run -- COMMAND [ARG...]")
            return run(command)
        with PrismServer() as server:
            print(_summary(server))
            for line in server.schema_problems + server.skipped_schemas:
                print(f"  problem: {line}")
            if args.command == "serve":
                print(f"MAILGUN_BASE_URL={server.base_url} MAILGUN_API_KEY={TEST_API_KEY}  (Ctrl-C stops)", flush=True)
                while server.running:
                    time.sleep(0.5)
                print(f"prism exited:\n{server.log_tail(20)}", file=sys.stderr)
                return 1
            return 1 if server.schema_problems or server.skipped_schemas else 0
    except (PrismError, speclib.SpecError, fix_spec.FixError) as exc:
        print(f"prism: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
