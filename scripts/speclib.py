"""Helpers shared by the spec scripts: parse, index and pin Mailgun's published OpenAPI document.

The pinned spec is a tracked file, ``openapi/published/mailgun.yaml``, byte for byte as fetched (Mailgun's spec,
Apache-2.0: see ``openapi/published/README.md``); ``openapi/spec.lock.json`` records its sha256 and where it came
from. Nothing here needs the network: only ``make spec`` fetches. Scripts import this module as ``import speclib``
with the scripts directory on ``sys.path`` (``scripts/`` is not a package).
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import yaml

PROJECT_ROOT: Path = Path(__file__).resolve().parent.parent
LOCK_PATH: Path = PROJECT_ROOT / "openapi" / "spec.lock.json"
PINNED_PATH: Path = PROJECT_ROOT / "openapi" / "published" / "mailgun.yaml"
DEFAULT_URL = "https://documentation.mailgun.com/_bundle/docs/mailgun/api-reference/send/mailgun.json"

# The operation fields of an OAS 3.1 Path Item object; anything else there (parameters, summary, $ref,
# servers, x-*) is not an operation.
HTTP_METHODS = frozenset({"get", "put", "post", "delete", "patch", "head", "options", "trace"})

# libyaml parses the ~700 KB published file several times faster than the pure-Python loader.
_YAML_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAKE_HINT = "run `make spec URL=...` or `make spec SPEC=<file>` to pin Mailgun's spec"


class SpecError(Exception):
    """A spec could not be read, parsed or verified; ``str()`` is a one-line reason."""


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def one_line(text: str) -> str:
    """Collapse whitespace so a reason stays on one line (YAML and OS errors span several)."""
    return " ".join(text.split())


def _yaml_reason(exc: yaml.YAMLError) -> str:
    # A MarkedYAMLError's str() quotes a multi-line snippet of the input; the problem and position suffice.
    if isinstance(exc, yaml.MarkedYAMLError) and exc.problem_mark is not None:
        mark = exc.problem_mark
        return f"{exc.problem or exc.context} (line {mark.line + 1}, column {mark.column + 1})"
    return one_line(str(exc))


def parse_spec(data: bytes) -> dict[str, Any]:
    """Parse a published spec (YAML, or JSON, which is YAML) and check it is an OpenAPI 3.x document."""
    try:
        doc = yaml.load(data, Loader=_YAML_LOADER)  # a safe loader, C or pure Python
    except yaml.YAMLError as exc:
        raise SpecError(f"not YAML/JSON: {_yaml_reason(exc)}") from exc
    if not isinstance(doc, dict):
        raise SpecError(f"not an OpenAPI 3.x document: top level is {type(doc).__name__}, not a mapping")
    version = doc.get("openapi")
    # OAS requires a string; an unquoted `openapi: 3.1` (a YAML float) is as wrong as `swagger: "2.0"`.
    if not isinstance(version, str) or not version.startswith("3."):
        raise SpecError(f"not an OpenAPI 3.x document: openapi is {version!r}")
    if not isinstance(doc.get("paths"), dict):
        raise SpecError(f"not an OpenAPI 3.x document: paths is {type(doc.get('paths')).__name__}")
    return doc


def iter_operations(spec: Mapping[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """Yield (METHOD, path, operation) in the order the document lists them."""
    for path, item in spec.get("paths", {}).items():
        if not isinstance(item, dict):
            continue
        for method, operation in item.items():
            if method in HTTP_METHODS and isinstance(operation, dict):
                yield method.upper(), str(path), operation


def str_keys(value: Any) -> Any:
    # YAML allows non-string keys (an unquoted `200:` response code is an int); json.dumps(sort_keys=True)
    # cannot order int against str keys. JSON turns keys into strings anyway, so this changes no output.
    if isinstance(value, dict):
        return {str(key): str_keys(item) for key, item in value.items()}
    if isinstance(value, list):
        return [str_keys(item) for item in value]
    return value


def canonical_json(value: Any) -> str:
    return json.dumps(str_keys(value), sort_keys=True, separators=(",", ":"), default=str)


def operation_index(spec: Mapping[str, Any]) -> dict[str, str]:
    """Map "METHOD /path" to a short hash of the operation, to tell which operations two specs changed."""
    return {
        f"{method} {path}": sha256_hex(canonical_json(operation).encode())[:16]
        for method, path, operation in iter_operations(spec)
    }


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write via a temporary file in the same directory and os.replace, so readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # mkstemp makes the file 0600; keep the replaced file's mode, or use the usual 0644 for a new one.
    mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else 0o644
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as tmp:
            tmp.write(data)
            tmp.flush()
            os.fsync(tmp.fileno())
        os.chmod(tmp_name, mode)
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise


def load_lock(path: Path | None = None) -> dict[str, Any] | None:
    """The lock as a dict, or None when there is none yet."""
    # Defaults are looked up at call time so tests can monkeypatch speclib.LOCK_PATH.
    path = path or LOCK_PATH
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise SpecError(f"cannot read {path}: {one_line(str(exc))}") from exc
    try:
        lock = json.loads(text)
    except json.JSONDecodeError as exc:
        # Say so rather than overwrite it: a broken lock (e.g. merge conflict) deserves a look.
        raise SpecError(f"{path} is not valid JSON ({exc}); fix or delete it, then {MAKE_HINT}") from exc
    if not isinstance(lock, dict):
        raise SpecError(f"{path} is not a JSON object; fix or delete it, then {MAKE_HINT}")
    return lock


def write_lock(lock: Mapping[str, Any], path: Path | None = None) -> None:
    # Sorted keys and a trailing newline keep the committed lock diff-stable.
    text = json.dumps(lock, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    atomic_write_bytes(path or LOCK_PATH, text.encode("utf-8"))


def read_pinned_spec(lock_path: Path | None = None, pinned_path: Path | None = None) -> dict[str, Any]:
    """Parse the pinned spec after checking it is byte for byte the one the lock pins."""
    return parse_spec(read_pinned_bytes(lock_path, pinned_path))


def read_pinned_bytes(lock_path: Path | None = None, pinned_path: Path | None = None) -> bytes:
    """The pinned spec's bytes, checked against the lock's sha256."""
    # Defaults are looked up at call time so tests can monkeypatch LOCK_PATH and PINNED_PATH.
    lock_path = lock_path or LOCK_PATH
    pinned_path = pinned_path or PINNED_PATH
    lock = load_lock(lock_path)
    if lock is None:
        raise SpecError(f"no spec lock at {lock_path}: {MAKE_HINT}")
    try:
        data = pinned_path.read_bytes()
    except FileNotFoundError:
        raise SpecError(f"no pinned spec at {pinned_path}: {MAKE_HINT}") from None
    except OSError as exc:
        raise SpecError(f"cannot read {pinned_path}: {one_line(str(exc))}") from exc
    actual = sha256_hex(data)
    if actual != lock.get("sha256"):
        pinned = str(lock.get("sha256"))[:12]
        raise SpecError(
            f"pinned spec {pinned_path} has sha256 {actual[:12]}..., the lock pins {pinned}...: "
            f"it was edited by hand, or the lock was; {MAKE_HINT}"
        )
    return data
