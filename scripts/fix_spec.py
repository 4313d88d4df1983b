"""Apply our recorded fixes (openapi/) to Mailgun's published spec.

Order, each step documented in openapi/README.md:
  1. openapi/overlay.yaml  — OpenAPI Overlay 1.0 actions: targeted fixes, each with its reason;
  1b. unique enums         — duplicate enum values dropped (the analytics Metric enum lists one twice);
  2. stable names          — openapi/names.yaml: tags, operationIds and schema names that survive path-version bumps,
                             and the public class names (inline response schemas moved into components);
  3. tolerant responses    — schemas reachable from a 2xx response lose `required` (the live API omits fields) and
                             are marked with the fields Mailgun reliably sends (openapi/reliable_fields.json);
  4. form array encoding   — array fields of form bodies are declared `style: form, explode: true` (repeated parts);
  4b. ignored headers      — header parameters OpenAPI says to ignore (Content-Type, Accept, Authorization) dropped.
Steps 1-2 are `prepare()`: the spec scripts/reliable_fields.py pairs recorded bodies with.

Usage: python scripts/fix_spec.py [--out FILE]   (reads the pinned spec; writes the fixed spec as JSON)
"""

from __future__ import annotations

import argparse
import copy
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonpath
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import response_schemas
import speclib

OPENAPI_DIR = speclib.PROJECT_ROOT / "openapi"
OVERLAY_PATH = OPENAPI_DIR / "overlay.yaml"
NAMES_PATH = OPENAPI_DIR / "names.yaml"
RELIABLE_PATH = OPENAPI_DIR / "reliable_fields.json"
FIXED_PATH = OPENAPI_DIR / "cache" / "mailgun-fixed.json"

HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
FORM_MEDIA_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")
SCHEMA_REF = "#/components/schemas/"

Json = dict[str, Any]


class FixError(Exception):
    """A fix could not be applied; the message says which and why."""


# --------------------------------------------------------------------------------------------------- overlay
def apply_overlay(spec: Json, overlay: Json) -> list[str]:
    """Apply Overlay 1.0 actions in order. Returns the targets that matched nothing (stale fixes).

    Merge semantics (Overlay 1.0): `update` merges objects recursively, replaces scalars, appends to a targeted
    array; `remove: true` deletes the targeted node. To replace a list inside an object, remove it first.
    """
    if not str(overlay.get("overlay", "")).startswith("1."):
        raise FixError("overlay.yaml is not an Overlay 1.x document")
    stale: list[str] = []
    for action in overlay.get("actions", []):
        target = action["target"]
        if not action.get("description"):
            raise FixError(f"overlay action without a reason (description): {target}")
        matches = list(jsonpath.finditer(target, spec))
        if not matches:
            stale.append(target)
            continue
        # Remove from the deepest/last match first so earlier list indexes stay valid.
        for match in reversed(matches):
            if action.get("remove"):
                _remove(spec, match.parts)
            else:
                _merge_into(match.obj, action["update"], target)
    return stale


def _remove(root: Any, parts: tuple[Any, ...]) -> None:
    parent = root
    for key in parts[:-1]:
        parent = parent[key]
    del parent[parts[-1]]


def _merge_into(node: Any, update: Any, target: str) -> None:
    if isinstance(node, list):
        node.extend(copy.deepcopy(update) if isinstance(update, list) else [copy.deepcopy(update)])
        return
    if not isinstance(node, dict) or not isinstance(update, dict):
        raise FixError(f"overlay update of {target} must merge an object into an object")
    for key, value in update.items():
        if isinstance(value, dict) and isinstance(node.get(key), dict):
            _merge_into(node[key], value, target)
        else:
            node[key] = copy.deepcopy(value)


# ---------------------------------------------------------------------------------------------- unique enums
def dedupe_enums(spec: Json) -> int:
    """Drop repeated enum values, keeping the first. Returns how many enums were repaired.

    Why generic rather than an overlay list: Mailgun adds values (metrics) over time; a copied list would drop them.
    The generator crashes on a duplicate, and JSON-schema validators refuse the schema.
    """
    repaired = 0
    for node in _walk(spec):
        values = node.get("enum")
        if isinstance(values, list):
            seen: set[str] = set()
            unique = [v for v in values if not (_key(v) in seen or seen.add(_key(v)))]  # type: ignore[func-returns-value]
            if len(unique) != len(values):
                node["enum"] = unique
                repaired += 1
    return repaired


def _key(value: Any) -> str:
    return json.dumps(value, sort_keys=True)


# ---------------------------------------------------------------------------------------- tolerant responses
def make_responses_tolerant(spec: Json, reliable: dict[str, list[str]]) -> int:
    """Drop `required` from every schema a 2xx response can reach; mark each object schema among them for the
    model template (`x-mailgun-response`) with the fields Mailgun reliably sends (`x-mailgun-reliable`, from
    openapi/reliable_fields.json). Returns how many `required` lists were dropped.

    Why: real responses omit fields the spec marks required (see shared cassettes and the spec's own examples);
    a generated `from_dict` would raise KeyError on them, and a 2xx must never become an exception. The template
    types a reliable field `X` (reading it when an answer lacks it raises MissingFieldError) and the rest
    `X | None`.
    """
    dropped = 0
    for site, node in response_schemas.reachable(spec):
        if "required" in node and isinstance(node["required"], list):
            del node["required"]
            dropped += 1
        if node.get("properties") or node.get("allOf"):
            node["x-mailgun-response"] = True
            node["x-mailgun-reliable"] = list(reliable.get(site, []))
    return dropped


def read_reliable_fields() -> dict[str, list[str]]:
    """Site -> reliably sent fields, as committed by scripts/reliable_fields.py (none if the file is absent)."""
    if not RELIABLE_PATH.exists():
        return {}
    sites = json.loads(RELIABLE_PATH.read_text()).get("sites", {})
    return {site: list(row.get("reliable", [])) for site, row in sites.items()}


# ---------------------------------------------------------------------------------------- form array encoding
def declare_form_array_encoding(spec: Json) -> int:
    """Declare array fields of form bodies as repeated parts (`to=a&to=b`). Returns the fields declared.

    Why: without `encoding`, strict validators (Prism) read a repeated form field as one string.
    """
    schemas = spec.get("components", {}).get("schemas", {})
    count = 0
    for _, _, op in speclib.iter_operations(spec):
        content = (op.get("requestBody") or {}).get("content") or {}
        for media_type in FORM_MEDIA_TYPES:
            media = content.get(media_type)
            if not isinstance(media, dict):
                continue
            schema = _resolve(media.get("schema"), schemas)
            for prop, prop_schema in (schema.get("properties") or {}).items():
                if _resolve(prop_schema, schemas).get("type") == "array":
                    encoding = media.setdefault("encoding", {}).setdefault(prop, {})
                    encoding.setdefault("style", "form")
                    encoding.setdefault("explode", True)
                    count += 1
    return count


# ------------------------------------------------------------------------------------------- form encodings
URLENCODED = "application/x-www-form-urlencoded"


def accept_urlencoded_forms(spec: Json) -> int:
    """Let every multipart form body also be sent urlencoded (same fields). Returns the bodies widened.

    Why: Mailgun reads its forms either way, and urlencoded is what its SDKs send (every recorded
    `POST /v3/{domain}/messages` in the real cassettes, and the forms of domains, routes, lists, templates,
    credentials, webhooks, tags and subaccounts). The facade sends a form without files urlencoded (half the
    bytes and parsing of multipart), so the spec must accept it: Prism validates both forms against one schema.
    Applied to what validators read (scripts/prism.py), not to what the generator reads: given two media types
    for one body, openapi-python-client types the body as a union and emits one request builder per type (each
    overwriting the last), and renames inline body models; it needs one encoding per body, and multipart is the one
    that carries files. The facade picks urlencoded at send time when a form holds no file (mailgun._forms).
    """
    count = 0
    for _, _, op in speclib.iter_operations(spec):
        content = (op.get("requestBody") or {}).get("content") or {}
        multipart = content.get("multipart/form-data")
        if isinstance(multipart, dict) and URLENCODED not in content:
            content[URLENCODED] = copy.deepcopy(multipart)
            count += 1
    return count


# ------------------------------------------------------------------------------------ ignored header parameters
IGNORED_HEADERS = frozenset({"accept", "content-type", "authorization"})


def drop_ignored_header_parameters(spec: Json) -> int:
    """Remove header parameters named Accept, Content-Type or Authorization. Returns how many were removed.

    Why: OpenAPI says such a parameter "SHALL be ignored" (the media type and the security scheme say it). The
    generator made each a required argument whose value replaced the multipart Content-Type, boundary and all, so
    `client.api` calls of the suppression adds and imports sent bodies no server can read.
    """
    parameters = spec.get("components", {}).get("parameters", {})
    count = 0
    for _, _, op in speclib.iter_operations(spec):
        kept = []
        for parameter in op.get("parameters") or []:
            found = parameter
            if isinstance(parameter, dict) and isinstance(parameter.get("$ref"), str):
                found = parameters.get(parameter["$ref"].rsplit("/", 1)[-1], {})
            ignored = found.get("in") == "header" and str(found.get("name", "")).lower() in IGNORED_HEADERS
            if not ignored:
                kept.append(parameter)
        if len(kept) != len(op.get("parameters") or []):
            count += len(op["parameters"]) - len(kept)
            op["parameters"] = kept
    return count


def _resolve(node: Any, schemas: Json) -> Json:
    while isinstance(node, dict) and isinstance(node.get("$ref"), str):
        node = schemas.get(node["$ref"][len(SCHEMA_REF) :], {})
    return node if isinstance(node, dict) else {}


# --------------------------------------------------------------------------------------------- stable names
GENERATOR_RESERVED = frozenset({"Response", "File", "Unset", "Client", "AuthenticatedClient", "Any"})
VERSION_PREFIX = re.compile(r"^/v\d+(?=/)")


def versionless(method: str, path: str) -> str:
    """`GET /v4/domains/{name}` -> `GET /domains/{name}`: the key that survives a path-version bump."""
    return f"{method} {VERSION_PREFIX.sub('', path)}"


def snake(text: str) -> str:
    text = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", text)
    return re.sub(r"[^a-zA-Z0-9]+", "_", text).strip("_").lower()


def camel(text: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[^a-zA-Z0-9]+", text) if part)


def default_operation_name(method: str, path: str) -> str:
    """`PUT /v3/domains/{name}/tracking/click` -> `put_domains_name_tracking_click`."""
    return snake(f"{method.lower()} {VERSION_PREFIX.sub('', path)}")


def operation_names(spec: Json, overrides: dict[str, str]) -> dict[tuple[str, str], str]:
    """Name every operation: an exact `METHOD /vN/path` override, else a versionless override, else the rule."""
    by_versionless: dict[str, list[tuple[str, str]]] = {}
    for method, path, _ in speclib.iter_operations(spec):
        by_versionless.setdefault(versionless(method, path), []).append((method, path))
    names: dict[tuple[str, str], str] = {}
    for key, ops in by_versionless.items():
        for method, path in ops:
            exact = f"{method} {path}"
            if exact in overrides:
                names[(method, path)] = overrides[exact]
            elif len(ops) > 1:
                raise FixError(f"{exact}: two versions share {key!r}; name each in openapi/names.yaml")
            else:
                names[(method, path)] = overrides.get(key) or default_operation_name(method, path)
    duplicates = {n for n in names.values() if list(names.values()).count(n) > 1}
    if duplicates:
        raise FixError(f"operation names used twice: {sorted(duplicates)}; fix openapi/names.yaml")
    return names


def schema_names(spec: Json, op_names: dict[tuple[str, str], str], overrides: dict[str, str]) -> dict[str, str]:
    """Readable schema names: drop Go package paths (`github.com-mailgun-domains-httpapi-Foo` -> `Foo`),
    name request bodies after their operation (`SendMessageRequest`); a short name that two Go packages share
    keeps its service as a prefix (`LogsDomain`, `BounceClassificationDomain`)."""
    schemas = spec.get("components", {}).get("schemas", {})
    body_owner: dict[str, str] = {}
    for method, path, op in speclib.iter_operations(spec):
        for media in ((op.get("requestBody") or {}).get("content") or {}).values():
            ref = (media.get("schema") or {}).get("$ref", "")
            if ref.startswith(SCHEMA_REF) and ref.endswith("RequestBody"):
                name = ref[len(SCHEMA_REF) :]
                body_owner.setdefault(name, camel(op_names[(method, path)]) + "Request")
    short: dict[str, str] = {}
    service: dict[str, str] = {}
    for name in schemas:
        if name in overrides:
            short[name] = overrides[name]
        elif name in body_owner:
            short[name] = body_owner[name]
        elif name.startswith("github.com-mailgun-"):
            parts = name[len("github.com-mailgun-") :].split("-")
            short[name] = camel(parts[-1])
            service[name] = camel(parts[0])
        else:
            short[name] = camel(name) if not name[:1].isupper() else name
    for name, new in short.items():
        # A model called `Response` or `File` would shadow the generated client's own types in operation modules.
        if new in GENERATOR_RESERVED and name in service:
            short[name] = service[name] + new
    clashes: dict[str, list[str]] = {}
    for name, new in short.items():
        clashes.setdefault(new.lower(), []).append(name)
    result: dict[str, str] = {}
    for name, new in short.items():
        if len(clashes[new.lower()]) > 1 and name in service:
            new = service[name] + new
        result[name] = new
    taken: dict[str, str] = {}
    for name, new in sorted(result.items()):
        if new.lower() in taken:
            raise FixError(f"schemas {taken[new.lower()]!r} and {name!r} both become {new!r}; see names.yaml")
        taken[new.lower()] = name
    return result


def apply_names(spec: Json, names: Json) -> list[str]:
    tag_overrides: dict[str, str] = names.get("tags") or {}
    op_names = operation_names(spec, names.get("operations") or {})
    for method, path, op in speclib.iter_operations(spec):
        op["operationId"] = op_names[(method, path)]
        # The generator files an operation under its first tag; name the module explicitly.
        if op.get("tags"):
            op["tags"] = [tag_overrides.get(op["tags"][0], snake(op["tags"][0]))]
    spec["tags"] = [{**tag, "name": tag_overrides.get(tag["name"], snake(tag["name"]))} for tag in spec.get("tags", [])]
    overrides: dict[str, str] = names.get("schemas") or {}
    renames = schema_names(spec, op_names, overrides)
    components = spec.get("components", {})
    components["schemas"] = {renames[k]: v for k, v in components.get("schemas", {}).items()}
    for name in overrides.values():
        # The generator names a model after its `title` when it has one: the name given here wins.
        if isinstance(components["schemas"].get(name), dict) and "title" in components["schemas"][name]:
            components["schemas"][name]["title"] = name
    for node in _walk(spec):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith(SCHEMA_REF):
            node["$ref"] = SCHEMA_REF + renames.get(ref[len(SCHEMA_REF) :], ref[len(SCHEMA_REF) :])
    return name_inline_schemas(spec, names.get("inline") or {})


def name_inline_schemas(spec: Json, names: dict[str, str]) -> list[str]:
    """Move the inline response schemas that names.yaml names (by site, see scripts/response_schemas.py) into
    components under that name, so the generated class carries its public name. Returns the sites the spec no
    longer has (STALE: reported, not fatal, so that the breaking-change check can name the curated method that
    used the operation)."""
    schemas = spec.setdefault("components", {}).setdefault("schemas", {})
    found = {site: node for site, node in response_schemas.reachable(spec) if site in names}
    stale: list[str] = []
    for site, name in names.items():
        node = found.get(site)
        if node is None:
            stale.append(f"{site} -> {name}")
            continue
        if name in schemas:
            raise FixError(f"names.yaml: inline schema {site!r}: a schema is already called {name!r}")
        schemas[name] = {**node, "title": name} if "title" in node else dict(node)
        node.clear()
        node["$ref"] = SCHEMA_REF + name
    return stale


def _walk(node: Any) -> Iterator[Json]:
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, dict):
            yield current
            stack.extend(current.values())
        elif isinstance(current, list):
            stack.extend(current)


# ------------------------------------------------------------------------------------------------- pipeline
def prepare(published: Json, report: list[str] | None = None) -> Json:
    """The spec with every fix but the response and form steps: overlay, unique enums, names (what
    scripts/reliable_fields.py pairs recorded bodies with). Never mutates `published`."""
    spec = copy.deepcopy(published)
    overlay = yaml.safe_load(OVERLAY_PATH.read_text())
    stale = apply_overlay(spec, overlay)
    deduped = dedupe_enums(spec)
    unnamed = apply_names(spec, yaml.safe_load(NAMES_PATH.read_text()))
    if report is not None:
        report.append(f"fixes: {len(overlay.get('actions', []))} overlay actions, {deduped} enums deduplicated")
        report += [f"fixes: STALE overlay target (matched nothing; review it): {t}" for t in stale]
        report += [f"fixes: STALE names.yaml inline schema (not in the spec; review it): {t}" for t in unnamed]
    return spec


def fix_spec(published: Json) -> tuple[Json, list[str]]:
    """Return (fixed spec, report lines). Never mutates `published`."""
    report: list[str] = []
    spec = prepare(published, report)
    reliable = read_reliable_fields()
    dropped = make_responses_tolerant(spec, reliable)
    reached = {site for site, _ in response_schemas.reachable(spec)}
    # A schema the evidence names that the spec no longer has: its fields are `X | None` until it is recomputed.
    report += [
        f"fixes: STALE reliable_fields site (not in the spec; run scripts/reliable_fields.py): {site}"
        for site, fields in sorted(reliable.items())
        if fields and site not in reached
    ]
    encoded = declare_form_array_encoding(spec)
    ignored = drop_ignored_header_parameters(spec)
    report[0] += (
        f", {dropped} response `required` lists relaxed, {encoded} form array fields encoded, "
        f"{ignored} ignored header parameters dropped"
    )
    return spec, report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=FIXED_PATH)
    args = parser.parse_args(argv)
    try:
        fixed, report = fix_spec(speclib.read_pinned_spec())
    except (speclib.SpecError, FixError) as exc:
        print(f"fix_spec: error: {exc}", file=sys.stderr)
        return 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(fixed, indent=1, sort_keys=False) + "\n")
    print("\n".join(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
