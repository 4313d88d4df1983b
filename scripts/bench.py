"""Benchmarks of the SDK side by side with hand-written httpx code doing the same requests.

    python scripts/bench.py            # full: up to 7 rounds within ~3 minutes; writes BENCHMARKS.md
    python scripts/bench.py --quick    # 3 rounds, smaller information runs
    python scripts/bench.py --only send,paginate --no-write

A fake Mailgun API (``scripts/_bench_server.py``, aiohttp) runs in its own process on 127.0.0.1 and is always
stopped at the end. Every measurement runs in a fresh interpreter (``scripts/_bench_child.py``). A *round*
runs every scenario for the SDK and for the raw httpx code; sends and pagination start both variants' fresh
interpreters side by side and alternate short timed blocks between them (100 sends, 250 async sends, one
10,000-item iteration), so that the machine's drift over seconds falls on both. A scenario's ratio is the
median over rounds of the ratio within each round, so load on a shared machine (which moves absolute timings
by ~25%) mostly cancels out. Rounds repeat while the time budget allows.

Scenarios and targets (ratios are SDK / raw httpx, except async throughput, which is SDK / raw):

1. cold ``import mailgun`` vs ``import httpx``                       <= 1.25x
2. ``mailgun.Mailgun("key")`` after the first                          <= 1 ms
   first call: a fresh process's import, client and first ``domains.list()`` page (information)
3. 1,000 sequential ``messages.send`` without files vs
   ``httpx.Client.post(data=...)`` (a urlencoded form)                  <= 1.05x per call
   (and, as information, vs the same fields posted as multipart parts)
3b. sends with one 100 KB attachment vs ``post(data=..., files=...)``  <= 1.05x per call
4. 2,000 async sends, 64 at a time, vs httpx on AiohttpTransport       >= 0.95x throughput
5. 10,000 bounces (reading each address), 100 a page, vs raw httpx
   following ``paging.next``                                            <= 1.10x; memory flat from 1,000
   to 100,000 items
6. ``scripts/regenerate.py --check``                                   <= 30 s

With ``--official PYTHON`` (an interpreter whose environment has the official ``mailgun`` package: ``python -m
venv /tmp/official && /tmp/official/bin/pip install mailgun``), the official SDK doing the same is a reference
column (import, construction, first call, sends), as its ratio to the same raw httpx code.

Bytecode is cached under a temporary PYTHONPYCACHEPREFIX (this environment sets PYTHONDONTWRITEBYTECODE,
which would make ``import mailgun`` compile from source while httpx has the .pyc files pip wrote).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import queue
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ROOT / "scripts"
CHILD = SCRIPTS / "_bench_child.py"
SERVER = SCRIPTS / "_bench_server.py"
REPORT = ROOT / "BENCHMARKS.md"
PY = sys.executable
CHILD_TIMEOUT = 150.0  # seconds; a child that takes longer has hung
SCENARIOS = ("import", "construct", "first_call", "send", "send_file", "async", "paginate", "regenerate")
OFFICIAL = "official"  # the variant run by the official SDK's interpreter (--official)

IMPORT_SNIPPET = "import time\nstarted = time.perf_counter()\nimport {module}\nprint(time.perf_counter() - started)\n"


class BenchError(Exception):
    """A measurement could not be made; the message is one line."""


# ------------------------------------------------------------------------------------------------- processes
def child_env(pycache: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAILGUN_")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
    env["PYTHONHASHSEED"] = "0"
    return env


class Runner:
    """Runs children with the bench's environment and the fake server's port."""

    def __init__(self, env: dict[str, str], cwd: Path, port: int, server_pid: int, official: str | None = None) -> None:
        self.env = env
        self.cwd = cwd  # not the repository: `python -c` puts the cwd first on sys.path, and PYTHONPATH must win
        self.port = port
        self.server_pid = server_pid
        self.official = official  # an interpreter with the official `mailgun` package (its import name is ours)

    def python(self, variant: str) -> str:
        return self.official if variant == OFFICIAL and self.official else PY

    def with_official(self, *variants: str) -> tuple[str, ...]:
        return (*variants, OFFICIAL) if self.official else variants

    def run(
        self, argv: Sequence[str], timeout: float = CHILD_TIMEOUT, cwd: Path | None = None, label: str = ""
    ) -> subprocess.CompletedProcess[str]:
        label = label or " ".join(Path(arg).name if arg.endswith(".py") else arg for arg in argv[1:4])
        try:
            done = subprocess.run(
                list(argv),
                env=self.env,
                cwd=cwd or self.cwd,
                capture_output=True,
                text=True,
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise BenchError(f"{label}: no answer in {timeout:.0f} s") from exc
        if done.returncode != 0:
            lines = (done.stderr.strip() or done.stdout.strip() or f"exit {done.returncode}").splitlines()
            raise BenchError(f"{label}: {lines[-1]}")
        return done

    def child(self, scenario: str, variant: str, *options: str) -> dict[str, Any]:
        done = self.run([self.python(variant), str(CHILD), scenario, variant, "--port", str(self.port), *options])
        result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
        return result

    @contextlib.contextmanager
    def turns(self, scenario: str, variants: Sequence[str], *options: str) -> Iterator[Turns]:
        """The variants' children of one scenario, alive side by side, stopped on exit."""
        argv = [
            [self.python(variant), str(CHILD), scenario, variant, "--port", str(self.port), "--turns", *options]
            for variant in variants
        ]
        turns = Turns(variants, argv, self.env, self.cwd)
        try:
            turns.start()
            yield turns
        finally:
            turns.stop()

    def import_seconds(self, module: str, python: str = PY) -> float:
        done = self.run([python, "-c", IMPORT_SNIPPET.format(module=module)], label=f"import {module}")
        return float(done.stdout.strip())

    def server_cpu_seconds(self) -> float:
        fields = Path(f"/proc/{self.server_pid}/stat").read_text().rpartition(")")[2].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


class Turns:
    """Children that run timed blocks when asked (``_bench_child.py --turns``), in turn: the SDK's block, then
    the raw code's, then the SDK's... so that the machine's drift over seconds (on a shared machine, ~25%
    between runs) falls on both variants alike. Every wait is bounded by ``CHILD_TIMEOUT``."""

    def __init__(self, variants: Sequence[str], argv: Sequence[Sequence[str]], env: dict[str, str], cwd: Path) -> None:
        self.variants = list(variants)
        self.argv = argv
        self.env = env
        self.cwd = cwd
        self.procs: dict[str, subprocess.Popen[str]] = {}
        self.lines: dict[str, queue.Queue[str]] = {}
        self.ready: dict[str, dict[str, Any]] = {}

    def start(self) -> None:
        for variant, argv in zip(self.variants, self.argv, strict=True):
            proc = subprocess.Popen(
                list(argv),
                env=self.env,
                cwd=self.cwd,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            self.procs[variant] = proc
            lines: queue.Queue[str] = queue.Queue()
            self.lines[variant] = lines
            threading.Thread(target=_forward_lines, args=(proc.stdout, lines), daemon=True).start()
        for variant in self.variants:
            self.ready[variant] = self._answer(variant)

    def blocks(self, count: int, first: int) -> dict[str, list[dict[str, Any]]]:
        """``count`` blocks of each variant; block ``i`` starts with variant ``(first + i) % len(variants)``."""
        got: dict[str, list[dict[str, Any]]] = {variant: [] for variant in self.variants}
        for index in range(count):
            shift = (first + index) % len(self.variants)
            for variant in self.variants[shift:] + self.variants[:shift]:
                stdin = self.procs[variant].stdin
                assert stdin is not None
                stdin.write("run\n")
                stdin.flush()
                got[variant].append(self._answer(variant))
        return got

    def _answer(self, variant: str) -> dict[str, Any]:
        try:
            line = self.lines[variant].get(timeout=CHILD_TIMEOUT)
        except queue.Empty:
            raise BenchError(f"{variant}: no answer in {CHILD_TIMEOUT:.0f} s") from None
        if not line:  # the child exited
            proc = self.procs[variant]
            err = ""
            with contextlib.suppress(subprocess.TimeoutExpired, OSError, ValueError):
                proc.wait(timeout=10)  # its stdout is at its end; stderr holds why (stdout has its reader thread)
                err = proc.stderr.read() if proc.stderr is not None else ""
            last = (err.strip().splitlines() or [f"exit {proc.poll()}"])[-1]
            raise BenchError(f"{variant}: {last}")
        answer: dict[str, Any] = json.loads(line)
        return answer

    def stop(self) -> None:
        for proc in self.procs.values():
            if proc.stdin is not None:
                with contextlib.suppress(OSError):
                    proc.stdin.close()  # the child's loop ends; it closes its client and exits
        for proc in self.procs.values():
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)
            for stream in (proc.stdout, proc.stderr):
                if stream is not None:
                    stream.close()


def _forward_lines(stream: Any, lines: queue.Queue[str]) -> None:
    for line in stream:
        lines.put(line)
    lines.put("")  # end of output


@contextlib.contextmanager
def fake_server(env: dict[str, str]) -> Iterator[tuple[int, int]]:
    """(port, pid) of the fake API; stopped on exit, whatever happens. It also stops if this process dies:
    it exits when its standard input closes."""
    proc = subprocess.Popen(
        [PY, str(SERVER)], env=env, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        line: list[str] = []
        stdout = proc.stdout
        assert stdout is not None
        reader = threading.Thread(target=lambda: line.append(stdout.readline()), daemon=True)
        reader.start()
        reader.join(timeout=30)
        if not line or not line[0].startswith("PORT "):
            raise BenchError(f"the fake server did not start (exit code {proc.poll()})")
        yield int(line[0].split()[1]), proc.pid
    finally:
        if proc.stdin is not None:
            with contextlib.suppress(OSError):
                proc.stdin.close()
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def _exit_on_sigterm(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)  # unwinds through fake_server's finally


# -------------------------------------------------------------------------------------------------- results
@dataclass
class Series:
    """One measured quantity over rounds."""

    values: list[float] = field(default_factory=list)

    def add(self, value: float) -> None:
        self.values.append(value)

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    def spread(self, scale: float, digits: int) -> str:
        if not self.values:
            return "-"
        lo, mid, hi = min(self.values) * scale, self.median * scale, max(self.values) * scale
        return f"{lo:.{digits}f} / **{mid:.{digits}f}** / {hi:.{digits}f}"


@dataclass
class Pair:
    """The SDK and its raw httpx counterpart over rounds; ``ratios`` pair them within each round."""

    sdk: Series = field(default_factory=Series)
    raw: Series = field(default_factory=Series)
    ratios: Series = field(default_factory=Series)
    extra: dict[str, Series] = field(default_factory=dict)
    error: str | None = None

    def add(self, sdk: float, raw: float) -> None:
        self.sdk.add(sdk)
        self.raw.add(raw)
        self.ratios.add(sdk / raw)

    def note(self, name: str, value: float) -> None:
        self.extra.setdefault(name, Series()).add(value)


@dataclass
class Results:
    pairs: dict[str, Pair] = field(default_factory=dict)
    info: dict[str, Any] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    rounds: int = 0

    def pair(self, name: str) -> Pair:
        return self.pairs.setdefault(name, Pair())


# ------------------------------------------------------------------------------------------------ scenarios
@dataclass(frozen=True)
class Settings:
    sends: int = 1000
    send_block: int = 100  # sends per turn
    file_sends: int = 400  # sends with a 100 KB attachment
    file_block: int = 50
    async_sends: int = 2000
    async_block: int = 250
    concurrency: int = 64
    items: int = 10_000
    page_blocks: int = 5  # iterations over `items` per variant and round
    small_items: int = 1000
    memory_items: int = 100_000  # the memory check: flat from small_items to this
    constructions: int = 200
    pool_sends: int = 2000  # httpx's own async pool (information only; slow)
    capacity_requests: int = 4000


def round_import(runner: Runner, results: Results, sdk_first: bool) -> None:
    pair = results.pair("import")
    order = ("mailgun", "httpx") if sdk_first else ("httpx", "mailgun")
    seconds = {module: runner.import_seconds(module) for module in order}
    pair.add(seconds["mailgun"], seconds["httpx"])
    if runner.official:
        pair.note(OFFICIAL, runner.import_seconds("mailgun", runner.official) / seconds["httpx"])


def round_construct(runner: Runner, results: Results, sdk_first: bool, settings: Settings) -> None:
    pair = results.pair("construct")
    order = ("mailgun", "httpx") if sdk_first else ("httpx", "mailgun")
    got = {v: runner.child("construct", v, "--n", str(settings.constructions)) for v in runner.with_official(*order)}
    pair.add(got["mailgun"]["per_op_s"], got["httpx"]["per_op_s"])
    if OFFICIAL in got:
        pair.note(OFFICIAL, got[OFFICIAL]["per_op_s"] / got["httpx"]["per_op_s"])
        pair.note("official_s", got[OFFICIAL]["per_op_s"])


def round_first_call(runner: Runner, results: Results, sdk_first: bool, settings: Settings) -> None:
    pair = results.pair("first_call")
    order = ("mailgun", "httpx") if sdk_first else ("httpx", "mailgun")
    got = {v: runner.child("first_call", v)["seconds"] for v in runner.with_official(*order)}
    pair.add(got["mailgun"], got["httpx"])
    if OFFICIAL in got:
        pair.note(OFFICIAL, got[OFFICIAL] / got["httpx"])


def _total(blocks: Sequence[dict[str, Any]], key: str) -> float:
    return float(sum(block[key] for block in blocks))


def _same_form(echo: dict[str, Any], other: dict[str, Any]) -> bool:
    """The same form fields and files (names, file names, contents); part headers may differ (httpx writes no
    Content-Type on a `data=` field of a multipart body, the SDK writes text/plain)."""
    return echo["content_type"] == other["content_type"] and [
        (name, filename, value) for name, filename, _, value in echo["parts"]
    ] == [(name, filename, value) for name, filename, _, value in other["parts"]]


def _turns_of_sends(
    runner: Runner, results: Results, name: str, scenario: str, variants: Sequence[str], total: int, block: int,
    sdk_first: bool,
) -> dict[str, float]:  # fmt: skip
    """Seconds per send of each variant, taking turns; checks that the SDK sends what the raw code sends."""
    pair = results.pair(name)
    with runner.turns(scenario, runner.with_official(*variants), "--n", str(block)) as turns:
        echo = {variant: turns.ready[variant]["echo"] for variant in turns.variants}
        if not _same_form(echo["mailgun"], echo["httpx"]):
            raise BenchError(f"the SDK and raw httpx sent different requests: {echo['mailgun']} != {echo['httpx']}")
        got = turns.blocks(total // block, 0 if sdk_first else 1)
    per_send = {variant: _total(blocks, "seconds") / _total(blocks, "n") for variant, blocks in got.items()}
    pair.add(per_send["mailgun"], per_send["httpx"])
    pair.note("cpu_sdk", _total(got["mailgun"], "cpu_seconds") / _total(got["mailgun"], "n"))
    pair.note("cpu_raw", _total(got["httpx"], "cpu_seconds") / _total(got["httpx"], "n"))
    if OFFICIAL in per_send:
        pair.note(OFFICIAL, per_send[OFFICIAL] / per_send["httpx"])
    return per_send


def round_send(runner: Runner, results: Results, sdk_first: bool, settings: Settings) -> None:
    variants = ("mailgun", "httpx", "httpx_multipart")
    per_send = _turns_of_sends(
        runner, results, "send", "send", variants, settings.sends, settings.send_block, sdk_first
    )
    results.pair("send").note("multipart_ratio", per_send["mailgun"] / per_send["httpx_multipart"])
    results.pair("send").note("multipart_raw_ratio", per_send["httpx_multipart"] / per_send["httpx"])


def round_send_file(runner: Runner, results: Results, sdk_first: bool, settings: Settings) -> None:
    _turns_of_sends(
        runner, results, "send_file", "send_file", ("mailgun", "httpx"), settings.file_sends, settings.file_block,
        sdk_first,
    )  # fmt: skip


def round_async(runner: Runner, results: Results, sdk_first: bool, settings: Settings) -> None:
    pair = results.pair("async")
    options = ("--n", str(settings.async_block), "--concurrency", str(settings.concurrency))
    with runner.turns("async_send", ("mailgun", "httpx_aiohttp"), *options) as turns:
        got = turns.blocks(settings.async_sends // settings.async_block, 0 if sdk_first else 1)
    per_s = {variant: _total(blocks, "n") / _total(blocks, "seconds") for variant, blocks in got.items()}
    pair.add(per_s["mailgun"], per_s["httpx_aiohttp"])


def round_paginate(runner: Runner, results: Results, sdk_first: bool, settings: Settings) -> None:
    pair = results.pair("paginate")
    variants = ("mailgun", "httpx", "httpx_models")
    with runner.turns("paginate", variants, "--items", str(settings.items)) as turns:
        got = turns.blocks(settings.page_blocks, 0 if sdk_first else 1)
    per_s = {variant: _total(blocks, "items") / _total(blocks, "seconds") for variant, blocks in got.items()}
    # Time per item, so that the ratio reads like the others (SDK cost / raw cost).
    pair.add(1 / per_s["mailgun"], 1 / per_s["httpx"])
    pair.note("models_per_s", per_s["httpx_models"])
    pair.note("models_ratio", per_s["httpx_models"] / per_s["mailgun"])
    pair.note("rss_sdk", got["mailgun"][-1]["rss_growth_kib"])
    pair.note("rss_raw", got["httpx"][-1]["rss_growth_kib"])


def once_memory(runner: Runner, results: Results, settings: Settings) -> None:
    memory: dict[str, dict[int, dict[str, int]]] = {}
    for variant in ("mailgun", "httpx"):
        for items in (settings.small_items, settings.items, settings.memory_items):
            got = runner.child("paginate", variant, "--items", str(items), "--memory")
            memory.setdefault(variant, {})[items] = {"reachable": got["peak_bytes"], "as_run": got["peak_as_run"]}
    results.info["memory"] = memory


def once_async_pool(runner: Runner, results: Results, settings: Settings) -> None:
    options = ("--n", str(settings.pool_sends), "--concurrency", str(settings.concurrency))
    results.info["httpx_pool_per_s"] = runner.child("async_send", "httpx_pool", *options)["per_s"]


def once_capacity(runner: Runner, results: Results, settings: Settings) -> None:
    """The fake server's throughput from the cheapest client, and its CPU time per request."""
    before = runner.server_cpu_seconds()
    got = runner.child(
        "capacity", "aiohttp", "--n", str(settings.capacity_requests), "--concurrency", str(settings.concurrency)
    )
    cpu = runner.server_cpu_seconds() - before
    requests = settings.capacity_requests + 2 * settings.concurrency
    results.info["capacity_per_s"] = got["per_s"]
    results.info["server_cpu_per_request_s"] = cpu / requests


IMPORT_LINE = re.compile(r"^import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)$")


def _importtime(runner: Runner, module: str) -> list[tuple[str, int, int]]:
    """(module, self µs, depth) from ``python -X importtime``, in its order (a module after what it imports)."""
    done = runner.run([PY, "-X", "importtime", "-c", f"import {module}"], label=f"importtime {module}")
    rows = []
    for line in done.stderr.splitlines():
        match = IMPORT_LINE.match(line)
        if match:
            rows.append((match[4], int(match[1]), (len(match[3]) - 1) // 2))
    return rows


def once_import_breakdown(runner: Runner, results: Results, runs: int) -> None:
    """Median over ``runs`` of each module's import time: what ``import mailgun`` adds to ``import httpx``."""
    httpx_modules = {name for name, *_ in _importtime(runner, "httpx")}
    selfs: dict[str, list[int]] = {}
    parents: dict[str, str] = {}
    for _ in range(runs):
        stack: list[str] = []
        rows = _importtime(runner, "mailgun")
        # importtime prints children before their parent: walk backwards to know each module's importer.
        for name, self_us, depth in reversed(rows):
            del stack[depth:]
            if stack:
                parents.setdefault(name, stack[-1])
            stack.append(name)
            selfs.setdefault(name, []).append(self_us)
    extra = {name: statistics.median(v) for name, v in selfs.items() if name not in httpx_modules}

    def via(name: str) -> str:
        """The SDK module whose import brings ``name`` in."""
        seen: set[str] = set()
        while name in parents and not name.startswith("mailgun") and name not in seen:
            seen.add(name)
            name = parents[name]
        return name if name.startswith("mailgun") else ""

    groups: dict[str, float] = {}
    group_via: dict[str, str] = {}
    for name, us in extra.items():
        group = _group(name)
        groups[group] = groups.get(group, 0.0) + us
        if not group.startswith("mailgun"):
            group_via.setdefault(group, via(name))
    results.info["import_breakdown"] = {
        "total_extra_us": sum(extra.values()),
        "groups": sorted(((g, us, group_via.get(g, "")) for g, us in groups.items()), key=lambda row: -row[1]),
        "top_self": sorted(((name, us, parents.get(name, "")) for name, us in extra.items()), key=lambda r: -r[1])[:12],
    }


def _group(module: str) -> str:
    top = module.split(".", 1)[0]
    if top == "mailgun":
        return module if module.count(".") <= 1 else module.rsplit(".", 1)[0]
    return top


def once_regenerate(runner: Runner, results: Results) -> None:
    started = time.perf_counter()
    try:
        done = subprocess.run(
            [PY, str(SCRIPTS / "regenerate.py"), "--check"],
            env=runner.env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise BenchError("regenerate.py --check: no answer in 300 s") from exc
    results.info["regenerate_s"] = time.perf_counter() - started
    last = (done.stdout.strip() or done.stderr.strip() or "").splitlines()
    results.info["regenerate_status"] = f"exit {done.returncode}: {last[-1] if last else ''}"


# -------------------------------------------------------------------------------------------------- the run
def guarded(results: Results, name: str, action: Callable[..., object], *args: Any) -> None:
    """Run one measurement; a failure is recorded against ``name`` and the bench goes on."""
    try:
        action(*args)
    except BenchError as exc:
        results.errors.append(f"{name}: {exc}")
        if name in results.pairs or name in SCENARIOS:
            results.pair(name).error = str(exc)


def run_bench(args: argparse.Namespace, runner: Runner, settings: Settings, log: Callable[[str], None]) -> Results:
    results = Results()
    only: set[str] = args.only
    started = time.monotonic()
    if "regenerate" in only:
        log("regeneration (scripts/regenerate.py --check)")
        guarded(results, "regenerate", once_regenerate, runner, results)
    if "send" in only or "async" in only:
        log("fake server capacity")
        guarded(results, "capacity", once_capacity, runner, results, settings)
    if "import" in only:
        # Compile the bytecode of both into the cache before anything is timed.
        for module in ("mailgun", "httpx"):
            guarded(results, "import", runner.import_seconds, module)
    scenarios: list[tuple[str, Callable[..., None], tuple[Any, ...]]] = [
        ("import", round_import, ()),
        ("construct", round_construct, (settings,)),
        ("first_call", round_first_call, (settings,)),
        ("send", round_send, (settings,)),
        ("send_file", round_send_file, (settings,)),
        ("async", round_async, (settings,)),
        ("paginate", round_paginate, (settings,)),
    ]
    rounds = [entry for entry in scenarios if entry[0] in only]
    round_times: list[float] = []
    for index in range(args.max_rounds):
        elapsed = time.monotonic() - started
        if index >= args.min_rounds and round_times and elapsed + max(round_times) > args.budget:
            break
        log(f"round {index + 1} ({elapsed:.0f} s so far)")
        round_started = time.monotonic()
        for name, action, extra in rounds:
            if results.pair(name).error is None:
                guarded(results, name, action, runner, results, index % 2 == 0, *extra)
        round_times.append(time.monotonic() - round_started)
        results.rounds = index + 1
    if "import" in only:
        log("import breakdown (python -X importtime)")
        guarded(results, "import", once_import_breakdown, runner, results, 3 if args.quick else 5)
    if "paginate" in only:
        log("pagination memory (tracemalloc)")
        guarded(results, "paginate", once_memory, runner, results, settings)
    if "async" in only:
        log("httpx's own async pool (information)")
        guarded(results, "async", once_async_pool, runner, results, settings)
    results.info["bench_seconds"] = time.monotonic() - started
    return results


# --------------------------------------------------------------------------------------------------- report
@dataclass(frozen=True)
class Row:
    scenario: str
    unit: str
    sdk: str
    raw: str
    ratio: str
    target: str
    verdict: str
    official: str = ""  # the official SDK's ratio to the same raw code, where it was measured


MEMORY_FLAT = 1.25  # reachable peak at 100,000 items / at 1,000 items; a pager holding pages would be ~100x


def _verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("PASS" if ok else "**MISS**")


def _ratio_text(series: Series) -> str:
    if not series.values:
        return "-"
    return f"**{series.median:.2f}x** ({min(series.values):.2f}-{max(series.values):.2f})"


def _official(pair: Pair) -> str:
    series = pair.extra.get(OFFICIAL)
    return f"{series.median:.2f}x" if series and series.values else ""


def build_rows(results: Results, settings: Settings) -> list[Row]:
    rows: list[Row] = []
    pairs = results.pairs
    info = results.info

    def failed(name: str, scenario: str, target: str) -> bool:
        pair = pairs.get(name)
        if pair is not None and pair.error and not pair.ratios.values:
            rows.append(Row(scenario, "", "ERROR", "", pair.error[:120], target, "ERROR"))
            return True
        return pair is None or not pair.ratios.values

    if not failed("import", "1. cold `import mailgun` vs `import httpx`", "<= 1.25x"):
        p = pairs["import"]
        rows.append(
            Row(
                "1. cold `import mailgun` vs `import httpx`",
                "ms",
                p.sdk.spread(1e3, 1),
                p.raw.spread(1e3, 1),
                _ratio_text(p.ratios),
                "<= 1.25x",
                _verdict(p.ratios.median <= 1.25),
                _official(p),
            )
        )
    if not failed("construct", '2. `Mailgun("key")` vs `httpx.Client(verify=ctx)`', "<= 1 ms"):
        p = pairs["construct"]
        rows.append(
            Row(
                '2. `Mailgun("key")` (not the first) vs `httpx.Client(verify=ctx)`',
                "ms/client",
                p.sdk.spread(1e3, 3),
                p.raw.spread(1e3, 3),
                _ratio_text(p.ratios),
                "<= 1 ms",
                _verdict(p.sdk.median <= 1e-3),
                f"{p.extra['official_s'].median * 1e3:.3f} ms" if "official_s" in p.extra else "",
            )
        )
    if not failed("first_call", "first call", "-"):
        p = pairs["first_call"]
        rows.append(
            Row(
                "   first call: a fresh process's `import`, client and first `domains.list()` page, vs the same "
                "in httpx",
                "ms",
                p.sdk.spread(1e3, 1),
                p.raw.spread(1e3, 1),
                _ratio_text(p.ratios),
                "-",
                "info",
                _official(p),
            )
        )
    if not failed("send", "3. sync send", "<= 1.05x"):
        p = pairs["send"]
        rows.append(
            Row(
                f"3. {settings.sends:,} sequential `messages.send` (no file) vs `httpx.Client.post(data=...)`",
                "ms/call",
                p.sdk.spread(1e3, 3),
                p.raw.spread(1e3, 3),
                _ratio_text(p.ratios),
                "<= 1.05x",
                _verdict(p.ratios.median <= 1.05),
                _official(p),
            )
        )
        rows.extend(_cpu_row(p))
        multipart, multipart_raw = p.extra.get("multipart_ratio"), p.extra.get("multipart_raw_ratio")
        if multipart and multipart_raw:
            rows.append(
                Row(
                    "   the same fields as multipart parts by hand (`post(files=...)`, information): SDK / it, "
                    f"and it / `data=` {multipart_raw.median:.2f}x",
                    "",
                    "",
                    "",
                    _ratio_text(multipart),
                    "-",
                    "info",
                )
            )
    if not failed("send_file", "3b. sync send with a file", "<= 1.05x"):
        p = pairs["send_file"]
        rows.append(
            Row(
                f"3b. {settings.file_sends:,} sequential sends with one 100 KB attachment vs "
                "`httpx.Client.post(data=..., files=...)`",
                "ms/call",
                p.sdk.spread(1e3, 3),
                p.raw.spread(1e3, 3),
                _ratio_text(p.ratios),
                "<= 1.05x",
                _verdict(p.ratios.median <= 1.05),
                _official(p),
            )
        )
        rows.extend(_cpu_row(p))
    if not failed("async", "4. async sends", ">= 0.95x"):
        p = pairs["async"]
        rows.append(
            Row(
                f"4. {settings.async_sends:,} async sends, {settings.concurrency} at a time, vs httpx on "
                "`AiohttpTransport`",
                "req/s",
                p.sdk.spread(1, 0),
                p.raw.spread(1, 0),
                _ratio_text(p.ratios),
                ">= 0.95x",
                _verdict(p.ratios.median >= 0.95),
            )
        )
        if "httpx_pool_per_s" in info:
            rows.append(
                Row(
                    "   httpx's own async pool (`httpx.AsyncClient()`, information)",
                    "req/s",
                    "",
                    f"{info['httpx_pool_per_s']:.0f}",
                    f"{info['httpx_pool_per_s'] / p.sdk.median:.2f}x of the SDK",
                    "-",
                    "info",
                )
            )
    if not failed("paginate", "5. pagination", "<= 1.10x"):
        p = pairs["paginate"]
        sdk_rate = Series([1 / v for v in p.sdk.values])
        raw_rate = Series([1 / v for v in p.raw.values])
        rows.append(
            Row(
                f"5. iterate {settings.items:,} bounces (each one's `address` read), 100 a page, "
                "vs httpx following `paging.next`",
                "items/s",
                sdk_rate.spread(1, 0),
                raw_rate.spread(1, 0),
                _ratio_text(p.ratios) + " time",
                "<= 1.10x",
                _verdict(p.ratios.median <= 1.10),
            )
        )
        models, models_ratio = p.extra.get("models_per_s"), p.extra.get("models_ratio")
        if models and models_ratio:
            rows.append(
                Row(
                    "   raw httpx + the generated models the SDK returns (information)",
                    "items/s",
                    "",
                    models.spread(1, 0),
                    _ratio_text(models_ratio) + " time",
                    "-",
                    "info",
                )
            )
        memory = info.get("memory")
        if memory:
            sizes = (settings.small_items, settings.items, settings.memory_items)
            small, large = sizes[0], sizes[-1]
            sdk_growth = memory["mailgun"][large]["reachable"] / memory["mailgun"][small]["reachable"]
            raw_growth = memory["httpx"][large]["reachable"] / memory["httpx"][small]["reachable"]

            def peaks(variant: str, growth: float) -> str:
                kib = " -> ".join(f"{memory[variant][size]['reachable'] / 1024:.0f}" for size in sizes)
                return f"{kib} ({growth:.2f}x)"

            rows.append(
                Row(
                    "   peak memory at " + " -> ".join(f"{size:,}" for size in sizes) + " items (tracemalloc)",
                    "KiB",
                    peaks("mailgun", sdk_growth),
                    peaks("httpx", raw_growth),
                    "",
                    f"flat (<= {MEMORY_FLAT}x)",
                    _verdict(sdk_growth <= MEMORY_FLAT),
                )
            )
    if "regenerate_s" in info:
        seconds = info["regenerate_s"]
        rows.append(
            Row(
                "6. `python scripts/regenerate.py --check`",
                "s",
                f"{seconds:.1f}",
                "",
                "",
                "<= 30 s",
                _verdict(seconds <= 30),
            )
        )
    elif pairs.get("regenerate") is not None and pairs["regenerate"].error:
        rows.append(Row("6. regeneration", "", "ERROR", "", pairs["regenerate"].error[:120], "<= 30 s", "ERROR"))
    return rows


def _cpu_row(p: Pair) -> list[Row]:
    cpu_sdk, cpu_raw = p.extra.get("cpu_sdk"), p.extra.get("cpu_raw")
    if not cpu_sdk or not cpu_raw:
        return []
    cpu_ratios = Series([a / b for a, b in zip(cpu_sdk.values, cpu_raw.values, strict=True)])
    return [
        Row(
            "   (client CPU per send, information)",
            "ms/call",
            cpu_sdk.spread(1e3, 3),
            cpu_raw.spread(1e3, 3),
            _ratio_text(cpu_ratios),
            "-",
            "info",
        )
    ]


def table(rows: Sequence[Row]) -> str:
    header = ("scenario", "unit", "mailgun min / **median** / max", "raw httpx min / **median** / max",
              "ratio median (range)", "target", "result", "official `mailgun` SDK, ratio")  # fmt: skip
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in rows:
        lines.append(
            f"| {row.scenario} | {row.unit} | {row.sdk} | {row.raw} | {row.ratio} | {row.target} | {row.verdict} "
            f"| {row.official} |"
        )
    return "\n".join(lines)


def details(results: Results, settings: Settings) -> str:
    info = results.info
    out: list[str] = []
    if "capacity_per_s" in info:
        cpu = info["server_cpu_per_request_s"]
        out.append(
            f"- Fake server: {info['capacity_per_s']:,.0f} req/s for the same send from a plain aiohttp client "
            f"({settings.concurrency} at a time, client and server sharing the machine); it spends "
            f"{cpu * 1e6:.0f} µs of CPU per request, i.e. ~{1 / cpu:,.0f} req/s on one core."
        )
    memory = info.get("memory")
    if memory:
        parts = []
        for variant, label in (("mailgun", "SDK"), ("httpx", "raw httpx")):
            small, large = memory[variant][settings.small_items], memory[variant][settings.memory_items]
            parts.append(f"{label} {small['as_run'] / 1024:.0f} -> {large['as_run'] / 1024:.0f} KiB")
        out.append(
            "- Pagination memory is the tracemalloc peak while iterating, with one `gc.collect()` per page in "
            "both variants so that it shows what is reachable (an httpx `Response` is in a reference cycle with "
            "its stream, so each page's body otherwise waits for the cyclic collector). Without it: "
            + "; ".join(parts)
            + ". Before measuring, each variant walks 150 pages of another domain with URLs as long as the measured "
            "ones, so that bounded caches on the way (the stdlib's `urlsplit` cache, fed one `next` URL a page by "
            "httpx's cookie handling, in both variants) are full and their filling does not read as growth."
        )
    pair = results.pairs.get("paginate")
    if pair and "rss_sdk" in pair.extra:
        out.append(
            f"- Peak RSS growth during the timed 10,000-item iteration (median): SDK "
            f"{pair.extra['rss_sdk'].median:.0f} KiB, raw httpx {pair.extra['rss_raw'].median:.0f} KiB."
        )
    if "regenerate_status" in info:
        out.append(f"- Regeneration: {info['regenerate_status']}.")
    breakdown = info.get("import_breakdown")
    if breakdown:
        out.append("")
        out.append(
            f"`import mailgun` imports {breakdown['total_extra_us'] / 1e3:.1f} ms of modules that `import httpx` "
            f"does not (median of `python -X importtime` runs; importtime's own overhead inflates it). By "
            "package:"
        )
        out.append("")
        out.append("| package or module | self ms | pulled in by |")
        out.append("|---|---|---|")
        for name, us, pulled_by in breakdown["groups"][:10]:
            out.append(f"| `{name}` | {us / 1e3:.1f} | {f'`{pulled_by}`' if pulled_by else '-'} |")
        out.append("")
        out.append("Top modules by their own import time (not imported by httpx):")
        out.append("")
        out.append("| module | self ms | imported by |")
        out.append("|---|---|---|")
        for name, us, parent in breakdown["top_self"]:
            out.append(f"| `{name}` | {us / 1e3:.1f} | {f'`{parent}`' if parent else '-'} |")
    return "\n".join(out)


def machine() -> str:
    load = os.getloadavg()
    nproc = len(os.sched_getaffinity(0))  # what `nproc` prints
    text = (
        f"nproc {nproc}, Python {platform.python_version()} ({platform.python_implementation()}), "
        f"{platform.system()} {platform.release()}, {platform.machine()}; load average at start "
        f"{load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}"
    )
    if os.environ.get("PYTHONPATH"):  # measuring a prototype: say so
        text += f"; PYTHONPATH={os.environ['PYTHONPATH']}"
    return text


def write_report(command: str, machine_text: str, rows: Sequence[Row], results: Results, settings: Settings) -> None:
    text = f"""# Benchmarks

The SDK side by side with hand-written httpx code doing the same requests, against a fake Mailgun API on
127.0.0.1. Generated by `scripts/bench.py`; re-run with:

```bash
{command}
```

Machine: {machine_text}.
Run: {time.strftime("%Y-%m-%d %H:%M %Z")}, {results.rounds} rounds, {results.info.get("bench_seconds", 0):.0f} s.

{table(rows)}

Ratios are SDK / raw httpx cost (time), except async sends: SDK / raw throughput. Each is the median over
rounds of the ratio within one round, so machine load mostly cancels out; absolute numbers move ~25% between
runs on a shared machine. Within a round each variant runs in its own fresh interpreter; for sends and
pagination both interpreters stay up side by side and take turns in short blocks (100 sends, 250 async sends,
one 10,000-item iteration), alternating which goes first.
The raw httpx code is the cheapest correct hand-written request: a send without files is
`httpx.Client.post(url, data=fields)` (a urlencoded form, as the SDK now sends it and as Mailgun's own SDKs do),
a send with a file `post(url, data=fields, files={{"attachment": ...}})`; the bench checks through an echo
route of the fake server that both send the same fields and files. The multipart-vs-multipart row compares the
SDK's urlencoded send with the same fields posted as multipart parts by hand (what the SDK sent before), as
information. The first-call row is one fresh process per variant: imports (the SDK's lazy ones included),
client, first request, first item read. The official SDK column (`--official`) is its ratio to the same raw
code, run by its own interpreter. Construction is judged by its absolute time; its ratio is information.

{details(results, settings)}
"""
    REPORT.write_text(text)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="3 rounds and smaller information runs")
    parser.add_argument("--only", default=",".join(SCENARIOS), help=f"comma-separated subset of {SCENARIOS}")
    parser.add_argument("--budget", type=float, help="seconds for the rounds (default 150, quick 60)")
    parser.add_argument("--max-rounds", type=int, help="default 7, quick 3")
    parser.add_argument("--min-rounds", type=int, default=3)
    parser.add_argument("--no-write", action="store_true", help="do not rewrite BENCHMARKS.md")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument(
        "--official",
        metavar="PYTHON",
        help="an interpreter with the official `mailgun` SDK installed (its own venv: the import name is ours), "
        "measured as a reference column",
    )
    args = parser.parse_args(argv)
    args.only = {name.strip() for name in args.only.split(",") if name.strip()}
    unknown = args.only - set(SCENARIOS)
    if unknown:
        parser.error(f"unknown scenarios {sorted(unknown)}; choose from {SCENARIOS}")
    if args.budget is None:
        args.budget = 60.0 if args.quick else 150.0
    if args.max_rounds is None:
        args.max_rounds = 3 if args.quick else 7
    args.min_rounds = min(args.min_rounds, args.max_rounds)
    settings = Settings(pool_sends=500, capacity_requests=2000) if args.quick else Settings()

    def log(message: str) -> None:
        print(f"bench: {message}", file=sys.stderr, flush=True)

    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    machine_text = machine()
    log(machine_text)
    workdir = Path(tempfile.mkdtemp(prefix="mailgun-bench-"))
    try:
        env = child_env(workdir / "pycache")
        with fake_server(env) as (port, pid):
            runner = Runner(env, workdir, port, pid, official=args.official)
            results = run_bench(args, runner, settings, log)
    except BenchError as exc:
        log(f"error: {exc}")
        return 2
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    rows = build_rows(results, settings)
    print()
    print(table(rows))
    print()
    print(details(results, settings))
    for error in results.errors:
        log(f"error: {error}")
    if args.only != set(SCENARIOS) and not args.no_write:
        log(f"not rewriting {REPORT.name}: it holds the full set of scenarios (use --no-write with --only)")
    elif not args.no_write:
        command = "python scripts/bench.py" + (" --quick" if args.quick else "")
        command += " --official /path/to/venv-with-official-sdk/bin/python" if args.official else ""
        write_report(command + "   # or: make bench",
                     machine_text, rows, results, settings)  # fmt: skip
        log(f"wrote {REPORT.relative_to(ROOT)}")
    missed = any(row.verdict.endswith("MISS**") for row in rows)
    failed = any(row.verdict == "ERROR" for row in rows) or bool(results.errors)
    if failed:
        return 2
    return 1 if missed and args.strict else 0


if __name__ == "__main__":
    sys.exit(main())
