"""Decide, from evidence, which response fields Mailgun reliably sends; write openapi/reliable_fields.json.

    python scripts/reliable_fields.py           # recompute from the pinned spec and ../shared/cassettes/real
    python scripts/reliable_fields.py --check   # exit 1 if the committed file differs from a recomputation

A field of a response schema is *reliably sent* (typed `X` in the generated model; every other field is
`X | None`) when all of these hold:
  1. the spec marks it required;
  2. every spec example that reaches the schema (2xx response examples and the schema's own `example`) has it,
     not null;
  3. every real recorded 2xx body that reaches the schema (../shared/cassettes/real) has it, not null;
  4. at least one real body reaches the schema. A schema no real body reaches has no reliable field: the spec's
     `required` alone is not evidence (65 of its own examples break it), and held-back traffic may differ.
Then openapi/reliable_overrides.yaml applies: `demote` (field -> reason) removes a field the evidence cannot
speak for (e.g. one Mailgun added recently, that older answers lack); `promote` (field -> reason) adds one.

Bodies are paired with schemas along properties, array items and additionalProperties; never through `oneOf`/
`anyOf` (which member a body is cannot be known for sure). The generator reads the committed JSON file
(scripts/fix_spec.py), so a clone without ../shared regenerates identically.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import fix_spec
import response_schemas
import speclib

ROOT = speclib.PROJECT_ROOT
OUT = ROOT / "openapi" / "reliable_fields.json"
OVERRIDES = ROOT / "openapi" / "reliable_overrides.yaml"
REAL_CASSETTES = ROOT.parent / "shared" / "cassettes" / "real"
Json = dict[str, Any]


class Site:
    """What the bodies that reached one object schema showed."""

    def __init__(self, fields: set[str], required: set[str]) -> None:
        self.required = required
        self.bodies = {"examples": 0, "real": 0}
        self.present: dict[str, dict[str, int]] = {name: {"examples": 0, "real": 0} for name in fields}

    def count(self, source: str, body: Json) -> None:
        self.bodies[source] += 1
        for name, counts in self.present.items():
            if body.get(name) is not None:
                counts[source] += 1

    def reliable(self) -> set[str]:
        return {name for name in self.required if self.always_sent(name)}

    def always_sent(self, name: str) -> bool:
        return bool(self.bodies["real"]) and self.present.get(name) == self.bodies


def real_bodies(spec: Json) -> Iterator[tuple[str, Any, Any]]:
    """(site, schema, decoded body) of every real recorded 2xx JSON answer of an operation the spec has."""
    roots = {site: schema for site, schema, _ in response_schemas.response_roots(spec)}
    routes = []
    for method, path, _ in speclib.iter_operations(spec):
        pattern = re.compile("^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(path)) + "/?$")
        routes.append((len(re.sub(r"\{[^}]+\}", "", path)), method, path, pattern))
    routes.sort(key=lambda route: -route[0])  # the template with the most literal text wins
    loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for cassette in sorted(REAL_CASSETTES.rglob("*.yaml")):
        for item in (yaml.load(cassette.read_text(), Loader=loader) or {}).get("interactions") or []:
            request, response = item["request"], item["response"]
            status = int(response["status"]["code"])
            if not 200 <= status < 300:
                continue
            method = request["method"].upper()
            path = "/" + request["uri"].split("://", 1)[-1].split("/", 1)[-1].split("?", 1)[0]
            match = next((r for r in routes if r[1] == method and r[3].match(path)), None)
            raw = (response.get("body") or {}).get("string", "")
            try:
                body = json.loads(raw)
            except (TypeError, ValueError):
                continue
            if match is not None and f"{method} {match[2]} -> {status}" in roots:
                site = f"{method} {match[2]} -> {status}"
                yield site, roots[site], body


def spec_examples(spec: Json) -> Iterator[tuple[str, Any, Any]]:
    """(site, schema, example) of every 2xx response example and every reachable object schema's `example`."""
    for site, schema, media in response_schemas.response_roots(spec):
        if "example" in media:
            yield site, schema, media["example"]
        for example in (media.get("examples") or {}).values():
            if isinstance(example, dict) and "value" in example:
                yield site, schema, example["value"]
    for site, node in response_schemas.reachable(spec):
        if isinstance(node.get("example"), dict):
            yield site, node, node["example"]


def collect(spec: Json) -> dict[str, Site]:
    sites: dict[str, Site] = {}
    for source, bodies in (("examples", spec_examples(spec)), ("real", real_bodies(spec))):

        def visit(site: str, node: Json, body: Json, source: str = source) -> None:
            if site not in sites:
                fields, required = response_schemas.properties(spec, site, node)
                sites[site] = Site(set(fields), required & set(fields))
            sites[site].count(source, body)

        for site, schema, body in bodies:
            response_schemas.pair_body(spec, site, schema, body, visit)
    return sites


def build(spec: Json, overrides: Json) -> Json:
    sites = collect(spec)
    reliable = {site: data.reliable() for site, data in sites.items()}
    applied: dict[str, dict[str, str]] = {"demote": {}, "promote": {}}
    for kind in ("demote", "promote"):
        for key, reason in (overrides.get(kind) or {}).items():
            site, _, name = key.rpartition(".")
            if not reason or not isinstance(reason, str):
                raise SystemExit(f"reliable_fields: {OVERRIDES.name}: {kind} {key!r} needs a reason")
            if site not in sites or name not in sites[site].present:
                raise SystemExit(f"reliable_fields: {OVERRIDES.name}: {kind} {key!r}: no such field was reached")
            if kind == "promote" and not sites[site].always_sent(name):
                raise SystemExit(f"reliable_fields: {OVERRIDES.name}: promote {key!r}: a body lacks it")
            if kind == "demote":
                reliable[site].discard(name)
            else:
                reliable[site].add(name)
            applied[kind][key] = reason
    rows: dict[str, Json] = {}
    for site in sorted(sites):
        data = sites[site]
        rows[site] = {
            "bodies": data.bodies,
            "required": {name: data.present[name] for name in sorted(data.required)},
            "reliable": sorted(reliable[site]),
        }
        promoted = reliable[site] - data.required
        if promoted:
            rows[site]["promoted"] = {name: data.present[name] for name in sorted(promoted)}
    fields = sum(len(row["required"]) for row in rows.values())
    return {
        "about": "Response fields Mailgun reliably sends (typed X; the rest X | None). Written by "
        "scripts/reliable_fields.py; read by scripts/fix_spec.py. Counts: bodies that reached each schema, and "
        "how many of them had each required field (not null).",
        "totals": {
            "schemas_reached": len(rows),
            "schemas_reached_by_real_bodies": sum(bool(row["bodies"]["real"]) for row in rows.values()),
            "required_fields_reached": fields,
            "reliable_fields": sum(len(row["reliable"]) for row in rows.values()),
            "demoted_by_hand": len(applied["demote"]),
            "promoted_by_hand": len(applied["promote"]),
        },
        "overrides": applied,
        "sites": rows,
    }


def render(data: Json) -> str:
    """One line per schema, so a review shows which field changed."""
    head = {key: value for key, value in data.items() if key != "sites"}
    lines = json.dumps(head, indent=1, sort_keys=False)[:-2] + ',\n "sites": {\n'
    rows = [f"  {json.dumps(site)}: {json.dumps(row)}" for site, row in data["sites"].items()]
    return lines + ",\n".join(rows) + "\n }\n}\n"


def compute() -> str:
    spec = fix_spec.prepare(speclib.read_pinned_spec())
    overrides = yaml.safe_load(OVERRIDES.read_text()) if OVERRIDES.exists() else {}
    return render(build(spec, overrides or {}))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the committed file is not up to date")
    args = parser.parse_args(argv)
    if not REAL_CASSETTES.is_dir():
        print(f"reliable_fields: {REAL_CASSETTES} is absent: the evidence cannot be recomputed", file=sys.stderr)
        return 2
    text = compute()
    if args.check:
        if not OUT.exists() or OUT.read_text() != text:
            print(f"reliable_fields: {OUT.name} is out of date: run scripts/reliable_fields.py", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text)
    totals = json.loads(text)["totals"]
    print("reliable_fields: " + ", ".join(f"{key} {value}" for key, value in totals.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
