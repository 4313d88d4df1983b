"""The spec-evolution drill: derive tomorrow's spec from the pinned one and check the pipeline takes it.

    python scripts/spec_drill.py                      # both variants, into a temporary directory; exit 1 on a miss
    python scripts/spec_drill.py --write-future FILE  # only write the additive spec (for make generate SPEC=)
    python scripts/spec_drill.py --write-broken FILE  # only write the breaking variant

The future spec adds one of every kind of change Mailgun makes without breaking anyone: a new operation under a
new tag, a new optional parameter on a curated operation, a new response field, a new enum value, a newly
deprecated operation. Regenerating from it (into a temporary directory: the project is not touched) must
succeed, and the change report must name each change. The broken variant removes what curated methods rely on
(an operation, a query parameter, and changes a response field's type): regeneration must fail, naming each
curated method and change.
"""

from __future__ import annotations

import argparse
import copy
import json
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import speclib

ROOT = speclib.PROJECT_ROOT
REGENERATE = Path(__file__).resolve().parent / "regenerate.py"

NEW_PATH = "/v9/drill/widgets/{widget_id}"
NEW_TAG = "Drill Widgets"
NEW_ENUM_VALUE = "drill_new_value"


@dataclass(frozen=True)
class Expect:
    what: str  # the change, in words
    text: str  # what the report (or the error) must contain
    regex: bool = False  # `text` is a regular expression

    def found_in(self, output: str) -> bool:
        return bool(re.search(self.text, output)) if self.regex else self.text in output


def _operation(spec: dict[str, Any], method: str, path: str) -> dict[str, Any]:
    operation: dict[str, Any] = spec["paths"][path][method]
    return operation


def _first_string_enum(spec: dict[str, Any]) -> tuple[str, str, dict[str, Any]]:
    """(schema, property, property schema) of the first string enum property of a component schema, preferring
    one that answers carry (a value Mailgun adds there must not fail parsing)."""
    found = []
    for name, schema in spec["components"]["schemas"].items():
        for prop, prop_schema in (schema.get("properties") or {}).items():
            values = prop_schema.get("enum") if isinstance(prop_schema, dict) else None
            if isinstance(values, list) and values and all(isinstance(v, str) for v in values):
                found.append((str(name).endswith("RequestBody"), str(name), str(prop), prop_schema))
    if not found:
        raise SystemExit("spec_drill: the pinned spec has no string enum property to extend")
    _, name, prop, prop_schema = min(found, key=lambda item: item[0])
    return name, prop, prop_schema


def is_drill_spec(spec: dict[str, Any]) -> bool:
    """Whether ``spec`` already is a future spec of this drill (pinned by hand to rehearse `make generate SPEC=`):
    derived again, it would add nothing new."""
    return NEW_PATH in spec.get("paths", {})


def future_spec(published: dict[str, Any]) -> tuple[dict[str, Any], list[Expect]]:
    spec = copy.deepcopy(published)
    spec["tags"].append({"name": NEW_TAG, "description": "Added by the drill."})
    spec["paths"][NEW_PATH] = {
        "get": {
            "tags": [NEW_TAG],
            "summary": "Get a widget (drill)",
            "operationId": "get-v9-drill-widgets-widget_id",
            "parameters": [{"name": "widget_id", "in": "path", "required": True, "schema": {"type": "string"}}],
            "responses": {
                "200": {
                    "description": "OK",
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "properties": {
                                    "id": {"type": "string"},
                                    "size": {"type": "integer"},
                                    "state": {"type": "string", "enum": ["ready", "gone"]},
                                },
                            },
                            "example": {"id": "w1", "size": 3, "state": "ready"},
                        }
                    },
                }
            },
        }
    }
    _operation(spec, "get", "/v3/routes")["parameters"].append(
        {"name": "drill_filter", "in": "query", "required": False, "schema": {"type": "string"}}
    )
    spec["components"]["schemas"]["RouteResponse"]["properties"]["drill_note"] = {"type": "string"}
    schema, prop, prop_schema = _first_string_enum(spec)
    prop_schema["enum"].append(NEW_ENUM_VALUE)
    _operation(spec, "get", "/v3/routes/{id}")["deprecated"] = True
    return spec, [
        Expect("a new operation", f"+ GET {NEW_PATH} (drill_widgets."),
        Expect("... listed as reachable through client.api only", f"GET {NEW_PATH}: client.api.drill_widgets."),
        Expect("a new tag", "+ drill_widgets"),
        Expect("a new optional parameter", "+ query drill_filter: string"),
        Expect("... on a curated method", "routes.list: GET /v3/routes gained query drill_filter"),
        Expect("a new response field", "+ drill_note: string"),
        Expect(f"a new enum value ({schema}.{prop})", f"new enum value(s) '{NEW_ENUM_VALUE}'"),
        Expect("a newly deprecated operation", "deprecated now"),
        Expect("... without a successor", "GET /v3/routes/{id} (routes.get_routes_id) - deprecated now"),
    ]


def broken_spec(published: dict[str, Any]) -> tuple[dict[str, Any], list[Expect]]:
    spec = copy.deepcopy(published)
    del spec["paths"]["/v3/routes/{id}"]["delete"]
    listing = _operation(spec, "get", "/v3/routes")
    listing["parameters"] = [p for p in listing["parameters"] if p["name"] != "limit"]
    page = listing["responses"]["200"]["content"]["application/json"]["schema"]
    page["properties"]["items"] = {"type": "string"}
    return spec, [
        Expect("a removed operation", "routes.delete: DELETE /v3/routes/{id}: operation removed"),
        Expect("a removed parameter", "routes.list: GET /v3/routes 'query limit' removed"),
        # The page is inline in the published spec; names.yaml may file it as a named model.
        Expect(
            "a retyped response field",
            r"routes\.list: (GET /v3/routes '200 items'|model \w+ 'items') changed type",
            regex=True,
        ),
    ]


@dataclass
class Trial:
    returncode: int
    output: str  # stdout and stderr
    report: str  # the Markdown report ('' when none was written)
    seconds: float


def start_regenerate(spec: dict[str, Any], work: Path) -> tuple[subprocess.Popen[str], Path, float]:
    """Start regenerating from ``spec`` into ``work`` (the project's generated/ and openapi/ stay as they are)."""
    work.mkdir(parents=True, exist_ok=True)
    spec_file = work / "spec.json"
    write_spec(spec, spec_file)
    report = work / "CHANGES.md"
    command = [sys.executable, str(REGENERATE), "--spec", str(spec_file), "--out", str(work / "generated")]
    command += ["--report", str(report)]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return proc, report, time.perf_counter()


def finish(started: tuple[subprocess.Popen[str], Path, float]) -> Trial:
    proc, report, began = started
    output, _ = proc.communicate()
    text = report.read_text() if report.exists() else ""
    return Trial(proc.returncode, output, text, time.perf_counter() - began)


def write_spec(spec: dict[str, Any], path: Path) -> None:
    # JSON is YAML, and json.dumps is ~50x faster than PyYAML's dumper on the ~700 KB spec.
    path.write_text(json.dumps(speclib.str_keys(spec), indent=1) + "\n")


def git_status() -> str:
    proc = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True, check=False)
    return proc.stdout if proc.returncode == 0 else "(not a git checkout)"


def _check(trial: Trial, expectations: list[Expect], miss: str) -> list[str]:
    """Each expected text must be both on the terminal and in the Markdown report."""
    misses = []
    for expect in expectations:
        found = expect.found_in(trial.output) and expect.found_in(trial.report)
        print(f"  {'ok  ' if found else 'MISS'} {expect.what}: {expect.text!r}")
        if not found:
            misses.append(f"{miss} {expect.what} ({expect.text!r})")
    return misses


def run_drill(published: dict[str, Any]) -> list[str]:
    """Both variants; returns the misses (empty when the pipeline behaved)."""
    misses: list[str] = []
    before = git_status()
    with tempfile.TemporaryDirectory(prefix="mailgun-drill-") as tmp:
        # Both variants at once (regeneration is mostly one process waiting on another).
        future, future_expect = future_spec(published)
        broken, broken_expect = broken_spec(published)
        running = [start_regenerate(future, Path(tmp) / "future"), start_regenerate(broken, Path(tmp) / "broken")]
        trial, broken_trial = (finish(r) for r in running)
        print(f"spec_drill: future spec regenerated in {trial.seconds:.1f} s (exit {trial.returncode})")
        if trial.returncode != 0:
            misses.append(f"the additive spec failed to regenerate: {trial.output.strip()[-1500:]}")
        misses += _check(trial, future_expect, "the report does not name")
        print(f"spec_drill: broken spec regenerated in {broken_trial.seconds:.1f} s (exit {broken_trial.returncode})")
        if broken_trial.returncode != 2:
            misses.append(f"the breaking spec did not fail with exit 2 (got {broken_trial.returncode})")
        misses += _check(broken_trial, broken_expect, "the failure does not name")
    if git_status() != before:
        misses.append("the drill changed files in the project (it must only write to a temporary directory)")
    return misses


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write-future", type=Path, metavar="FILE", help="write the additive spec and stop")
    parser.add_argument("--write-broken", type=Path, metavar="FILE", help="write the breaking spec and stop")
    args = parser.parse_args(argv)
    published = speclib.read_pinned_spec()
    if is_drill_spec(published):
        print("spec_drill: error: the pinned spec already is the drill's future spec; pin a real one", file=sys.stderr)
        return 1
    if args.write_future or args.write_broken:
        for path, make in ((args.write_future, future_spec), (args.write_broken, broken_spec)):
            if path is not None:
                write_spec(make(published)[0], path)
                print(f"spec_drill: wrote {path}")
        return 0
    misses = run_drill(published)
    for miss in misses:
        print(f"spec_drill: MISS: {miss}", file=sys.stderr)
    return 1 if misses else 0


if __name__ == "__main__":
    raise SystemExit(main())
