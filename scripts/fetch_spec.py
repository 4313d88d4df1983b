"""Pin Mailgun's published OpenAPI spec: write it to openapi/published/mailgun.yaml (tracked, byte for byte as
fetched) and record its sha256, source and counts in openapi/spec.lock.json.

    python scripts/fetch_spec.py [--url URL | --from FILE] [--source TEXT] [--expect-sha256 HEX] [--timeout S]
    python scripts/fetch_spec.py --check [FILE]

With neither --url nor --from it re-fetches the lock's URL (or the default published URL). --check reads no
network: it verifies the pinned file against the lock (and, given FILE, that FILE has the same bytes: CI checks
the pinned copy against ../shared that way). On any failure it prints one line ``fetch_spec: error: <reason>``
to stderr, exits 1 and leaves the pinned file and the lock untouched.
"""

from __future__ import annotations

import argparse
import http.client
import re
import sys
import urllib.error
import urllib.request
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import speclib
from speclib import SpecError, one_line

# Some CDNs turn away urllib's default "Python-urllib/x.y" agent.
USER_AGENT = "mailgun-typed-fetch-spec/0.1 (python urllib)"
ACCEPT = "application/json, application/yaml;q=0.9, text/yaml;q=0.9, */*;q=0.5"
DEFAULT_TIMEOUT = 60.0


def _sha256_arg(text: str) -> str:
    if not re.fullmatch(r"[0-9a-fA-F]{64}", text):
        raise argparse.ArgumentTypeError(f"not a sha256 hex digest: {text!r}")
    return text.lower()


def _timeout_arg(text: str) -> float:
    try:
        seconds = float(text)
    except ValueError:
        seconds = 0.0
    if not seconds > 0:
        raise argparse.ArgumentTypeError(f"not a positive number of seconds: {text!r}")
    return seconds


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="fetch_spec", description=__doc__.splitlines()[0])
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--url", help="published URL to fetch (http, https or file); default: the lock's url")
    source.add_argument("--from", dest="from_file", metavar="FILE", help="pin a local copy instead")
    source.add_argument(
        "--check",
        nargs="?",
        const="",
        metavar="FILE",
        help="verify the pinned spec against the lock (offline); with FILE, also that FILE is the same bytes",
    )
    parser.add_argument(
        "--source",
        help="where this copy came from, recorded in the lock (default: the file or URL it was read from)",
    )
    parser.add_argument("--quiet", action="store_true", help="no output on success")
    parser.add_argument("--expect-sha256", type=_sha256_arg, metavar="HEX", help="fail on any other sha256")
    parser.add_argument(
        "--timeout",
        type=_timeout_arg,
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help=f"network timeout for connecting and each read (default {DEFAULT_TIMEOUT:g})",
    )
    # Hidden: tests point these at a temporary directory so they never touch openapi/.
    parser.add_argument("--lock", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--pinned", type=Path, default=None, help=argparse.SUPPRESS)
    return parser


def download(url: str, timeout: float) -> bytes:
    """The body of a 2xx response from url (http, https or file), or SpecError."""
    try:
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": ACCEPT})
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body: bytes = response.read()
            return body
    except urllib.error.HTTPError as exc:
        exc.close()  # it holds the response's socket; an unclosed one is a ResourceWarning
        raise SpecError(f"HTTP {exc.code} {exc.reason} from {url}") from None
    except urllib.error.URLError as exc:
        # Connection-time failures (refused, DNS, connect timeout) arrive wrapped in URLError.
        if isinstance(exc.reason, TimeoutError):
            raise SpecError(f"timed out after {timeout:g}s connecting to {url}") from None
        raise SpecError(f"cannot fetch {url}: {exc.reason}") from None
    except TimeoutError:
        raise SpecError(f"timed out after {timeout:g}s waiting for {url}") from None
    except (OSError, http.client.HTTPException, ValueError) as exc:
        # ValueError: a URL urllib cannot parse; HTTPException: e.g. a body cut short (IncompleteRead).
        raise SpecError(f"cannot fetch {url}: {exc or type(exc).__name__}") from None


def read_local(path_text: str) -> bytes:
    try:
        return Path(path_text).read_bytes()
    except OSError as exc:
        raise SpecError(f"cannot read {path_text}: {exc.strerror or exc}") from None


def today_utc() -> str:
    return datetime.now(timezone.utc).date().isoformat()


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def make_lock(
    data: bytes, spec: dict[str, Any], *, url: str, source: str, previous: dict[str, Any] | None
) -> dict[str, Any]:
    sha256 = speclib.sha256_hex(data)
    info = _mapping(spec.get("info"))
    schemas = _mapping(_mapping(spec.get("components")).get("schemas"))
    index = speclib.operation_index(spec)
    pinned = today_utc()
    # CI re-pins the same file and diffs the lock against git: the date must not churn for the same bytes.
    if previous and previous.get("sha256") == sha256 and previous.get("source") == source:
        pinned = str(previous.get("pinned") or pinned)
    return {
        "url": url,
        "source": source,
        "sha256": sha256,
        "size": len(data),
        "openapi": spec["openapi"],
        # str(): an unquoted YAML `version: 3.0` is a float; the lock records the text.
        "title": None if info.get("title") is None else str(info["title"]),
        "api_version": None if info.get("version") is None else str(info["version"]),
        "operations": len(index),
        "schemas": len(schemas),
        "pinned": pinned,
        "operation_index": index,
        "schema_names": sorted(str(name) for name in schemas),
    }


def pin(data: bytes, lock: dict[str, Any], *, lock_path: Path, pinned_path: Path) -> None:
    """Write the pinned file, then the lock; if the lock cannot be written, put the old pinned file back."""
    try:
        old_pinned: bytes | None = pinned_path.read_bytes()
    except FileNotFoundError:
        old_pinned = None
    speclib.atomic_write_bytes(pinned_path, data)
    try:
        speclib.write_lock(lock, lock_path)
    except BaseException:
        # A new pinned file under the old lock would fail every later read_pinned_spec().
        if old_pinned is None:
            pinned_path.unlink(missing_ok=True)
        else:
            speclib.atomic_write_bytes(pinned_path, old_pinned)
        raise


def run(args: argparse.Namespace) -> str:
    """Fetch, verify and pin (or only check); return the summary line. On SpecError or OSError, nothing changed."""
    lock_path: Path = args.lock or speclib.LOCK_PATH
    pinned_path: Path = args.pinned or speclib.PINNED_PATH
    previous = speclib.load_lock(lock_path)
    if args.check is not None:
        return check(args.check, lock_path=lock_path, pinned_path=pinned_path)
    url: str = args.url or (previous or {}).get("url") or speclib.DEFAULT_URL
    if args.from_file is not None:
        read_from: str = args.from_file
        data = read_local(read_from)
    else:
        read_from = url
        data = download(url, args.timeout)
    spec = speclib.parse_spec(data)
    sha256 = speclib.sha256_hex(data)
    if args.expect_sha256 is not None and sha256 != args.expect_sha256:
        raise SpecError(f"sha256 mismatch for {read_from}: got {sha256}, expected {args.expect_sha256}")
    lock = make_lock(data, spec, url=url, source=args.source or read_from, previous=previous)
    pin(data, lock, lock_path=lock_path, pinned_path=pinned_path)
    same = " (unchanged)" if previous == lock else ""
    return (
        f"fetch_spec: pinned {read_from} sha256 {sha256[:12]}{same}: "
        f"{lock['operations']} operations, {lock['schemas']} schemas"
    )


def check(against: str, *, lock_path: Path, pinned_path: Path) -> str:
    """The pinned file is the one the lock pins, the lock describes it, and `against` (if given) is the same bytes."""
    data = speclib.read_pinned_bytes(lock_path, pinned_path)
    lock = speclib.load_lock(lock_path) or {}
    expected = make_lock(
        data, speclib.parse_spec(data), url=str(lock.get("url")), source=str(lock.get("source")), previous=lock
    )
    stale = sorted(key for key in expected.keys() | lock.keys() if expected.get(key) != lock.get(key))
    if stale:
        raise SpecError(f"{lock_path} does not describe {pinned_path} ({', '.join(stale)} differ): re-pin it")
    summary = f"fetch_spec: {pinned_path.name} is the pinned spec (sha256 {lock['sha256'][:12]})"
    if against:
        other = speclib.sha256_hex(read_local(against))
        if other != lock["sha256"]:
            raise SpecError(f"{against} has sha256 {other[:12]}..., the pinned spec {lock['sha256'][:12]}...")
        summary += f", the same bytes as {against}"
    return summary


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        summary = run(args)
    except (SpecError, OSError) as exc:
        print(f"fetch_spec: error: {one_line(str(exc))}", file=sys.stderr)
        return 1
    if not args.quiet:
        print(summary)
    return 0


if __name__ == "__main__":
    sys.exit(main())
